/**
 * Each host's address in a rollout (issue 13): from a range (a first address, then the next one for each host in order)
 * or from pasted CSV ("host,address,prefix-or-mask" a line). A range that runs past its subnet, or onto the network or
 * broadcast address, is refused as a whole; CSV is checked line by line, each error naming its line.
 */
import { ipv4ToInt, ipv6Prefix, isAssignableIPv4, isAssignableIPv6, isIPv4, isIPv6, isNetworkOrBroadcast, maskPrefix } from "./ip.ts";
import type { ValidationCode } from "./messages.ts";

export interface AddressPlanError {
  code: ValidationCode;
  params?: Record<string, string | number>;
}

export type AddressFamily = "ipv4" | "ipv6";

function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** A prefix length (0-32, "24" or "/24") or a contiguous dotted mask, as the dotted mask; undefined if neither. */
export function toSubnetMask(prefixOrMask: string): string | undefined {
  const s = prefixOrMask.trim().replace(/^\//, "");
  if (/^\d{1,2}$/.test(s)) {
    const prefix = Number(s);
    if (prefix < 1 || prefix > 32) return undefined;
    return intToIpv4(2 ** 32 - 2 ** (32 - prefix));
  }
  return maskPrefix(s) === undefined ? undefined : s;
}

/** An IPv6 prefix length (1-128, "64" or "/64"), or undefined. */
export function toPrefixLength(prefix: string): number | undefined {
  const s = prefix.trim().replace(/^\//, "");
  if (!/^\d{1,3}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 128 ? n : undefined;
}

const bitsOfIpv6 = (address: string) => BigInt(`0b${ipv6Prefix(address, 128)!}`);

/** An IPv6 address in its RFC 5952 text: lower case, no leading zeros, the longest run of zero groups as "::". */
function formatIpv6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.start < 0) return groups.join(":");
  return `${groups.slice(0, best.start).join(":")}::${groups.slice(best.start + best.length).join(":")}`;
}

/**
 * `count` IPv4 addresses from `first`, one after another, all in first's subnet and none its network or broadcast
 * address (a /31 or /32 has neither); or why the range cannot be.
 */
export function ipv4Range(first: string, prefixOrMask: string, count: number): { addresses: string[] } | { error: AddressPlanError } {
  const start = first.trim();
  if (!isIPv4(start)) return { error: { code: "ipv4.invalid" } };
  const mask = toSubnetMask(prefixOrMask);
  if (mask === undefined) return { error: { code: "subnetMask.invalid" } };
  if (!isAssignableIPv4(start)) return { error: { code: "ipv4.notAssignable" } };
  if (isNetworkOrBroadcast(start, mask)) return { error: { code: "ipv4.networkOrBroadcast" } };
  const prefix = maskPrefix(mask)!;
  const size = 2 ** (32 - prefix);
  const network = Math.floor(ipv4ToInt(start) / size) * size;
  const lastUsable = prefix <= 30 ? network + size - 2 : network + size - 1;
  const last = ipv4ToInt(start) + count - 1;
  if (last > lastUsable) {
    const params = { first: start, count, room: lastUsable - ipv4ToInt(start) + 1, subnet: `${intToIpv4(network)}/${prefix}` };
    return {
      error: { code: last === lastUsable + 1 && prefix <= 30 ? "addressPlan.range.broadcast" : "addressPlan.range.pastSubnet", params },
    };
  }
  return { addresses: Array.from({ length: count }, (_, i) => intToIpv4(ipv4ToInt(start) + i)) };
}

/** `count` static IPv6 addresses from `first`, one after another, all inside first's prefix; or why the range cannot be. */
export function ipv6Range(first: string, prefix: string, count: number): { addresses: string[] } | { error: AddressPlanError } {
  const start = first.trim();
  if (!isIPv6(start)) return { error: { code: "ipv6.invalid" } };
  const length = toPrefixLength(prefix);
  if (length === undefined) return { error: { code: "prefixLength.range" } };
  if (!isAssignableIPv6(start)) return { error: { code: "ipv6.notAssignable" } };
  const base = bitsOfIpv6(start);
  const hostBits = BigInt(128 - length);
  const lastInPrefix = ((base >> hostBits) << hostBits) + (1n << hostBits) - 1n;
  if (base + BigInt(count - 1) > lastInPrefix) {
    const room = lastInPrefix - base + 1n;
    const subnet = `${formatIpv6((base >> hostBits) << hostBits)}/${length}`;
    return { error: { code: "addressPlan.range.pastSubnet", params: { first: start, count, room: room.toString(), subnet } } };
  }
  return { addresses: Array.from({ length: count }, (_, i) => formatIpv6(base + BigInt(i))) };
}

/** One line of the pasted CSV: which host gets which address. */
export interface AddressPlanEntry {
  /** 1 for the text's first line. */
  line: number;
  hostId: string;
  family: AddressFamily;
  address: string;
  /** IPv4: the dotted subnet mask. */
  subnetMask?: string;
  /** IPv6: the prefix length. */
  prefixLength?: number;
}

export interface AddressPlanLineError extends AddressPlanError {
  line: number;
}

/**
 * The addresses of pasted CSV, a line "host,address,prefix-or-mask" each (the host by its name, as the inventory lists
 * it; blank lines, lines starting with "#" and a "host,…" heading are skipped): each host at most once per address family,
 * each address at most once. Every line's errors are listed with its number; the entries are the lines without one.
 */
export function parseAddressCsv(
  text: string,
  hosts: readonly { id: string; name: string }[],
): { entries: AddressPlanEntry[]; errors: AddressPlanLineError[] } {
  const byName = new Map(hosts.map((h) => [h.name.toLowerCase(), h]));
  const entries: AddressPlanEntry[] = [];
  const errors: AddressPlanLineError[] = [];
  const hostLines = new Map<string, number>();
  const addressLines = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const fail = (code: ValidationCode, params: Record<string, string | number> = {}) =>
      errors.push({ line, code, params: { line, ...params } });
    const text = raw.trim();
    if (text === "" || text.startsWith("#") || /^host\s*,/i.test(text)) return;
    const cells = text.split(",").map((c) => c.trim());
    if (cells.length !== 3) return fail("addressPlan.csv.columns");
    const [name, address, prefixOrMask] = cells as [string, string, string];
    const host = byName.get(name.toLowerCase());
    if (!host) return fail("addressPlan.csv.unknownHost", { host: name });
    const family: AddressFamily | undefined = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : undefined;
    if (!family) return fail("addressPlan.csv.badAddress", { address });
    const subnetMask = family === "ipv4" ? toSubnetMask(prefixOrMask) : undefined;
    const prefixLength = family === "ipv6" ? toPrefixLength(prefixOrMask) : undefined;
    if (subnetMask === undefined && prefixLength === undefined) return fail("addressPlan.csv.badMask", { mask: prefixOrMask });
    if (family === "ipv4" ? !isAssignableIPv4(address) || isNetworkOrBroadcast(address, subnetMask!) : !isAssignableIPv6(address))
      return fail("addressPlan.csv.notAssignable", { address });
    const hostKey = `${family} ${host.id}`;
    const addressKey = family === "ipv4" ? address : ipv6Prefix(address, 128)!;
    const hostFirst = hostLines.get(hostKey);
    const addressFirst = addressLines.get(addressKey);
    if (hostFirst !== undefined) return fail("addressPlan.csv.duplicateHost", { host: host.name, first: hostFirst });
    if (addressFirst !== undefined) return fail("addressPlan.csv.duplicateAddress", { address, first: addressFirst });
    hostLines.set(hostKey, line);
    addressLines.set(addressKey, line);
    entries.push({ line, hostId: host.id, family, address, ...(family === "ipv4" ? { subnetMask } : { prefixLength }) });
  });
  return { entries, errors };
}
