import { isIPv4, isIPv6 } from "node:net";

import { faults } from "./vim/fault.ts";
import type { HostIpConfig, HostIpRouteConfig } from "@addnet/vim25/types";

const toInt = (ip: string): number => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);

/** The prefix length of a dotted-decimal mask, or undefined when the mask is not contiguous. */
export function maskPrefix(mask: string): number | undefined {
  if (!isIPv4(mask)) return undefined;
  const bits = toInt(mask).toString(2).padStart(32, "0");
  const prefix = bits.indexOf("0") === -1 ? 32 : bits.indexOf("0");
  return /^1*0*$/.test(bits) && prefix > 0 ? prefix : undefined;
}

export function checkGateway(route: HostIpRouteConfig | undefined, path: string): void {
  if (!route) return;
  if (route.defaultGateway && !isIPv4(route.defaultGateway)) {
    throw faults.invalidArgument(`${path}.defaultGateway`, `'${route.defaultGateway}' is not an IPv4 address`);
  }
  if (route.ipV6DefaultGateway && !isIPv6(route.ipV6DefaultGateway)) {
    throw faults.invalidArgument(`${path}.ipV6DefaultGateway`, `'${route.ipV6DefaultGateway}' is not an IPv6 address`);
  }
}

/** Checks a vmk's HostIpConfig as ESXi does (R13, R14); ipV6Enabled is the host's IPv6 state. */
export function checkIpConfig(ip: HostIpConfig, path: string, ipV6Enabled: boolean): void {
  if (ip.dhcp && (ip.ipAddress || ip.subnetMask)) {
    throw faults.invalidArgument(`${path}.ipAddress`, "A static IPv4 address cannot be set together with DHCP");
  }
  if (!ip.dhcp && (ip.ipAddress || ip.subnetMask)) {
    if (!ip.ipAddress || !isIPv4(ip.ipAddress)) {
      throw faults.invalidArgument(`${path}.ipAddress`, `'${ip.ipAddress ?? ""}' is not an IPv4 address`);
    }
    const prefix = ip.subnetMask === undefined ? undefined : maskPrefix(ip.subnetMask);
    if (prefix === undefined) throw faults.invalidArgument(`${path}.subnetMask`, `'${ip.subnetMask ?? ""}' is not a subnet mask`);
    if (prefix <= 30) {
      const host = toInt(ip.ipAddress) & (2 ** (32 - prefix) - 1);
      if (host === 0 || host === 2 ** (32 - prefix) - 1) {
        throw faults.invalidArgument(`${path}.ipAddress`, `${ip.ipAddress} is the network or broadcast address of its subnet`);
      }
    }
  }
  const v6 = ip.ipV6Config;
  if (!v6) return;
  const wantsV6 = Boolean(v6.dhcpV6Enabled || v6.autoConfigurationEnabled || v6.ipV6Address?.some((a) => a.operation !== "remove"));
  if (wantsV6 && !ipV6Enabled) throw faults.invalidState("IPv6 is not enabled on this host");
  for (const a of v6.ipV6Address ?? []) {
    if (!isIPv6(a.ipAddress))
      throw faults.invalidArgument(`${path}.ipV6Config.ipV6Address.ipAddress`, `'${a.ipAddress}' is not an IPv6 address`);
    if (a.prefixLength < 1 || a.prefixLength > 128) {
      throw faults.invalidArgument(`${path}.ipV6Config.ipV6Address.prefixLength`, `prefix length ${a.prefixLength} is not within 1-128`);
    }
    if (a.operation !== undefined && a.operation !== "add" && a.operation !== "remove") {
      throw faults.invalidArgument(`${path}.ipV6Config.ipV6Address.operation`, `operation '${a.operation}' is not add or remove`);
    }
  }
}

export function checkMtu(mtu: number | undefined, path: string): void {
  if (mtu !== undefined && (mtu < 1280 || mtu > 9000)) {
    throw faults.invalidArgument(path, `MTU ${mtu} is not within 1280-9000`);
  }
}
