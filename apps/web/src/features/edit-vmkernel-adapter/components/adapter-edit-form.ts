/**
 * What a VMkernel adapter's Edit Settings form holds, where it starts (the adapter as the host has it) and how it becomes
 * the PATCH body: the adapter's whole desired state.
 */
import { checkAdapterEdit, NIC_TYPES, type HostNetworking, type VmkernelAdapterInfo } from "@addnet/contracts";

import {
  newIpv4Values,
  newIpv6Values,
  toIpv4,
  toIpv6,
  toMtu,
  wantsIpv4,
  wantsIpv6,
  type AdapterPortValues,
  type Ipv4Values,
  type Ipv6Values,
} from "../../../components/vmkernel-adapter/form-values.ts";
import type { ExtraIssue } from "../../../lib/form.ts";

/** Named as the body's parts, so that the schema's and the host rules' paths are the form's own. */
export interface AdapterEditValues {
  portProperties: AdapterPortValues;
  ipv4Settings: Ipv4Values;
  ipv6Settings: Ipv6Values;
}

export type AdapterEditPage = keyof AdapterEditValues;

/** The adapter's settings as the form starts them; the IP settings pages it does not use start as the wizard's do. */
export function initialAdapterEditValues(adapter: VmkernelAdapterInfo, ipv6Enabled: boolean): AdapterEditValues {
  const { ipv4, ipv6, gatewayOverride } = adapter;
  // The static addresses are the manual ones: link-local, DHCPv6 and router-advertised addresses are the host's to give.
  const manual = ipv6?.addresses.filter((a) => a.origin === "manual") ?? [];
  const usesIpv4 = ipv4.dhcp || ipv4.address !== null;
  // An IPv4 adapter on a host with IPv6 has an IPv6 configuration too, with every way of getting an address off.
  const usesIpv6 = ipv6Enabled && ipv6 !== null && (ipv6.dhcpV6 || ipv6.routerAdvertisement || manual.length > 0);
  const v4Gateway = gatewayOverride?.defaultGateway ?? "";
  const v6Gateway = gatewayOverride?.ipV6DefaultGateway ?? "";
  return {
    portProperties: {
      ipSettings: usesIpv4 && usesIpv6 ? "ipv4ipv6" : usesIpv6 ? "ipv6" : "ipv4",
      mtu: adapter.mtu === null ? { mode: "fromSwitch", value: "1500" } : { mode: "custom", value: String(adapter.mtu) },
      // The services this dialog offers (PTP, say, is set in the host's time settings).
      services: adapter.services.filter((s) => (NIC_TYPES as readonly string[]).includes(s)),
    },
    ipv4Settings:
      ipv4.dhcp || ipv4.address === null
        ? newIpv4Values()
        : {
            mode: "static",
            address: ipv4.address,
            subnetMask: ipv4.subnetMask ?? "",
            overrideGateway: v4Gateway !== "",
            defaultGateway: v4Gateway,
          },
    ipv6Settings: usesIpv6
      ? {
          dhcpV6: ipv6!.dhcpV6,
          routerAdvertisement: ipv6!.routerAdvertisement,
          staticAddresses: manual.map((a) => ({ address: a.address, prefixLength: String(a.prefixLength) })),
          overrideGateway: v6Gateway !== "",
          defaultGateway: v6Gateway,
        }
      : newIpv6Values(),
  };
}

/** The PATCH body as the form holds it: each IP settings page only when the IP settings take it. */
export function toAdapterEdit(values: AdapterEditValues) {
  const port = values.portProperties;
  return {
    portProperties: { ipSettings: port.ipSettings, mtu: toMtu(port.mtu), services: port.services },
    ...(wantsIpv4(port) ? { ipv4Settings: toIpv4(values.ipv4Settings) } : {}),
    ...(wantsIpv6(port) ? { ipv6Settings: toIpv6(values.ipv6Settings) } : {}),
  };
}

/** The pages the IP settings give the dialog, in order. */
export function adapterEditPages(port: AdapterPortValues): AdapterEditPage[] {
  return ["portProperties", ...(wantsIpv4(port) ? ["ipv4Settings" as const] : []), ...(wantsIpv6(port) ? ["ipv6Settings" as const] : [])];
}

/** The fields the dialog shows an issue at (the body's own paths). */
const FIELD_PATH =
  /^(portProperties\.(ipSettings|mtu\.value|services)|ipv4Settings\.(address|subnetMask|defaultGateway)|ipv6Settings\.(staticAddresses(\.\d+\.(address|prefixLength))?|defaultGateway))$/;

/** Where the form shows an issue of the host's rules or the API: at its field, or for the form as a whole. */
export function formPath(path: string): string {
  return FIELD_PATH.test(path) ? path : "root";
}

/** What refuses any edit of the adapter, whatever the form holds: the privilege, or an adapter the host no longer has. */
export function refusesAnyEdit(issue: { path: string }): boolean {
  return issue.path === "" || issue.path === "device";
}

/** The host's rules (checkAdapterEdit, which the API runs too) on what the form holds; the dialog says what refuses any edit. */
export function adapterEditIssues(values: AdapterEditValues, networking: HostNetworking, device: string): ExtraIssue[] {
  return checkAdapterEdit(networking, device, toAdapterEdit(values))
    .errors.filter((i) => !refusesAnyEdit(i))
    .map((i) => ({ path: formPath(i.path), message: i.code, ...(i.params ? { params: i.params } : {}) }));
}
