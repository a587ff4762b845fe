/**
 * A VMkernel adapter's port properties and IP settings as a form holds them: exactly what the user typed (strings for
 * numbers). The Add Networking wizard's pages and an adapter's Edit Settings share them; `to*` turn them into the shared
 * schemas' input.
 */
import type { Ipv4Settings, Ipv6Settings, PortProperties } from "@addnet/contracts";

import { toNumber } from "../../lib/form.ts";

export type IpSettingsChoice = PortProperties["ipSettings"];

export interface MtuValues {
  mode: "fromSwitch" | "custom";
  value: string;
}

/** What an adapter keeps on whatever network and stack it is: IP settings, MTU and enabled services. */
export interface AdapterPortValues {
  ipSettings: IpSettingsChoice;
  mtu: MtuValues;
  services: string[];
}

export interface Ipv4Values {
  mode: "dhcp" | "static";
  address: string;
  subnetMask: string;
  overrideGateway: boolean;
  defaultGateway: string;
}

export interface Ipv6Values {
  dhcpV6: boolean;
  routerAdvertisement: boolean;
  staticAddresses: { address: string; prefixLength: string }[];
  overrideGateway: boolean;
  defaultGateway: string;
}

/** IPv4 settings as the vSphere Client starts them: DHCP (wizard-spec §2.5). */
export function newIpv4Values(): Ipv4Values {
  return { mode: "dhcp", address: "", subnetMask: "", overrideGateway: false, defaultGateway: "" };
}

/** IPv6 settings as the vSphere Client starts them: router advertisement, on by default in ESXi 6.5 and later. */
export function newIpv6Values(): Ipv6Values {
  return { dhcpV6: false, routerAdvertisement: true, staticAddresses: [], overrideGateway: false, defaultGateway: "" };
}

/** A static IPv6 address row as "Add IPv6 address" starts it. */
export const NEW_IPV6_ADDRESS: Ipv6Values["staticAddresses"][number] = { address: "", prefixLength: "64" };

export function toMtu(v: MtuValues) {
  return v.mode === "custom" ? { mode: "custom" as const, value: toNumber(v.value) } : { mode: "fromSwitch" as const };
}

export function toIpv4(v: Ipv4Values): Partial<Ipv4Settings> {
  if (v.mode === "dhcp") return { mode: "dhcp" };
  return {
    mode: "static",
    address: v.address,
    subnetMask: v.subnetMask,
    overrideGateway: v.overrideGateway,
    defaultGateway: v.overrideGateway ? v.defaultGateway : undefined,
  };
}

export function toIpv6(v: Ipv6Values) {
  return {
    dhcpV6: v.dhcpV6,
    routerAdvertisement: v.routerAdvertisement,
    staticAddresses: v.staticAddresses.map((a) => ({ address: a.address, prefixLength: toNumber(a.prefixLength) })),
    overrideGateway: v.overrideGateway,
    defaultGateway: v.overrideGateway ? v.defaultGateway : undefined,
  } as Partial<Ipv6Settings>;
}

export const wantsIpv4 = (p: { ipSettings: IpSettingsChoice }) => p.ipSettings !== "ipv6";
export const wantsIpv6 = (p: { ipSettings: IpSettingsChoice }) => p.ipSettings !== "ipv4";
