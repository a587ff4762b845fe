/** IPv4/IPv6 checks the wizard's rules need, in the browser and on the server alike (no Node APIs). */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIPv4(s: string): boolean {
  return IPV4.test(s);
}

export function ipv4ToInt(s: string): number {
  return s.split(".").reduce((n, o) => n * 256 + Number(o), 0);
}

/** The prefix length of a contiguous dotted-decimal mask (1-32), or undefined. */
export function maskPrefix(mask: string): number | undefined {
  if (!isIPv4(mask)) return undefined;
  const bits = ipv4ToInt(mask).toString(2).padStart(32, "0");
  if (!/^1+0*$/.test(bits)) return undefined;
  return bits.indexOf("0") === -1 ? 32 : bits.indexOf("0");
}

export function sameIPv4Subnet(a: string, b: string, mask: string): boolean {
  const prefix = maskPrefix(mask);
  if (prefix === undefined || !isIPv4(a) || !isIPv4(b)) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(ipv4ToInt(a) / size) === Math.floor(ipv4ToInt(b) / size);
}

/** True when the address is its subnet's network or broadcast address (meaningful up to /30). */
export function isNetworkOrBroadcast(address: string, mask: string): boolean {
  const prefix = maskPrefix(mask);
  if (prefix === undefined || prefix > 30 || !isIPv4(address)) return false;
  const size = 2 ** (32 - prefix);
  const host = ipv4ToInt(address) % size;
  return host === 0 || host === size - 1;
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** RFC 4291 text forms, including "::" compression and a trailing dotted IPv4 part; no zone index. */
export function isIPv6(s: string): boolean {
  if (s.length > 45 || s.includes(":::")) return false;
  let groups = s;
  let extra = 0;
  const lastColon = s.lastIndexOf(":");
  if (lastColon >= 0 && s.slice(lastColon + 1).includes(".")) {
    if (!isIPv4(s.slice(lastColon + 1))) return false;
    groups = s.slice(0, lastColon + 1) + "0";
    extra = 1;
  }
  const halves = groups.split("::");
  if (halves.length > 2) return false;
  const parts = (h: string) => (h === "" ? [] : h.split(":"));
  const head = parts(halves[0]!);
  const tail = halves.length === 2 ? parts(halves[1]!) : [];
  if (![...head, ...tail].every((g) => HEX_GROUP.test(g))) return false;
  const count = head.length + tail.length + extra;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** The first `prefix` bits of an IPv6 address as a bit string, for same-prefix checks. */
export function ipv6Prefix(address: string, prefix: number): string | undefined {
  if (!isIPv6(address)) return undefined;
  let text = address;
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    const v4 = ipv4ToInt(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  return groups
    .map((g) => parseInt(g, 16).toString(2).padStart(16, "0"))
    .join("")
    .slice(0, prefix);
}

/**
 * Whether an IPv4 address can be a VMkernel adapter's or a gateway's: not "this network" (0/8), loopback (127/8),
 * link-local (169.254/16), multicast (224/4), reserved (240/4) or the limited broadcast address.
 */
export function isAssignableIPv4(s: string): boolean {
  if (!isIPv4(s)) return false;
  const [a, b] = s.split(".").map(Number) as [number, number];
  return a !== 0 && a !== 127 && !(a === 169 && b === 254) && a < 224;
}

/**
 * Whether an IPv6 address can be a VMkernel adapter's static address (not unspecified, loopback, multicast or
 * link-local: ESXi makes the adapter's link-local address itself) or, with `gateway`, a default gateway, which may
 * well be a router's link-local address.
 */
export function isAssignableIPv6(s: string, gateway = false): boolean {
  const bits = ipv6Prefix(s, 128);
  if (bits === undefined) return false;
  const unspecified = !bits.includes("1");
  const loopback = bits === `${"0".repeat(127)}1`;
  const multicast = bits.startsWith("11111111");
  const linkLocal = bits.startsWith("1111111010");
  return !unspecified && !loopback && !multicast && (gateway || !linkLocal);
}

export type StackGatewayProblem =
  "gateway.notAssignable" | "gateway.outsideStackSubnets" | "gateway.networkOrBroadcast" | "gateway.isAddress";

/**
 * What is wrong with an IPv4 default gateway for a TCP/IP stack whose adapters have these static addresses: a
 * reserved address, one outside every adapter's subnet, the subnet's network or broadcast address, or an
 * adapter's own address. One rule for the stack dialog and the server.
 */
export function stackGatewayProblem(gateway: string, adapters: { address: string; mask: string }[]): StackGatewayProblem | undefined {
  if (!isAssignableIPv4(gateway)) return "gateway.notAssignable";
  const valid = adapters.filter((a) => isIPv4(a.address) && maskPrefix(a.mask) !== undefined);
  if (valid.length === 0) return undefined;
  const subnets = valid.filter((a) => sameIPv4Subnet(gateway, a.address, a.mask));
  if (subnets.length === 0) return "gateway.outsideStackSubnets";
  if (valid.some((a) => a.address === gateway)) return "gateway.isAddress";
  if (subnets.some((a) => isNetworkOrBroadcast(gateway, a.mask))) return "gateway.networkOrBroadcast";
  return undefined;
}
