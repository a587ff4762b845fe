/** What the Edit TCP/IP stack dialog's form holds, and how it becomes the PATCH body (only what changed). */
import { checkNetStackEdit, type DnsConfiguration, type HostNetworking, type NetStackPatch, type TcpipStackInfo } from "@addnet/contracts";

import type { ExtraIssue } from "../../../lib/form.ts";
import { toNumber } from "../../../lib/form.ts";

export interface StackFormValues {
  name: string;
  dnsConfiguration: {
    mode: "dhcp" | "manual";
    vmkernelAdapter: string;
    hostName: string;
    domainName: string;
    preferredDnsServer: string;
    alternateDnsServer: string;
    searchDomains: string;
  };
  defaultGateway: string;
  ipV6DefaultGateway: string;
  congestionControlAlgorithm: string;
  maxNumberOfConnections: string;
}

export function initialStackValues(stack: TcpipStackInfo): StackFormValues {
  return {
    name: stack.name,
    dnsConfiguration: {
      mode: stack.dns.dhcp ? "dhcp" : "manual",
      vmkernelAdapter: stack.dns.vmkernelAdapter ?? "",
      hostName: stack.dns.hostName,
      domainName: stack.dns.domainName,
      preferredDnsServer: stack.dns.servers[0] ?? "",
      alternateDnsServer: stack.dns.servers[1] ?? "",
      searchDomains: stack.dns.searchDomains.join(" "),
    },
    defaultGateway: stack.defaultGateway ?? "",
    ipV6DefaultGateway: stack.ipV6DefaultGateway ?? "",
    congestionControlAlgorithm: stack.congestionControlAlgorithm ?? "newreno",
    maxNumberOfConnections: stack.maxNumberOfConnections === null ? "" : String(stack.maxNumberOfConnections),
  };
}

function dnsOf(v: StackFormValues["dnsConfiguration"]): DnsConfiguration {
  if (v.mode === "dhcp") return { mode: "dhcp", vmkernelAdapter: v.vmkernelAdapter };
  const optional = (s: string) => (s.trim() === "" ? undefined : s.trim());
  return {
    mode: "manual",
    hostName: v.hostName,
    domainName: v.domainName,
    preferredDnsServer: optional(v.preferredDnsServer),
    alternateDnsServer: optional(v.alternateDnsServer),
    searchDomains: v.searchDomains.split(/[\s,]+/).filter(Boolean),
  };
}

/** The PATCH body: the fields that differ from the stack as it is. */
export function toPatch(values: StackFormValues, initial: StackFormValues, stack: TcpipStackInfo, ipv6Enabled: boolean): NetStackPatch {
  const patch: Record<string, unknown> = {};
  if (values.name.trim() !== initial.name) patch.name = values.name.trim();
  if (JSON.stringify(values.dnsConfiguration) !== JSON.stringify(initial.dnsConfiguration)) {
    patch.dnsConfiguration = dnsOf(values.dnsConfiguration);
  }
  if (values.defaultGateway.trim() !== initial.defaultGateway) patch.defaultGateway = values.defaultGateway.trim();
  if (ipv6Enabled && values.ipV6DefaultGateway.trim() !== initial.ipV6DefaultGateway)
    patch.ipV6DefaultGateway = values.ipV6DefaultGateway.trim();
  if (values.congestionControlAlgorithm !== initial.congestionControlAlgorithm)
    patch.congestionControlAlgorithm = values.congestionControlAlgorithm;
  if (values.maxNumberOfConnections !== initial.maxNumberOfConnections)
    patch.maxNumberOfConnections = toNumber(values.maxNumberOfConnections) ?? Number.NaN;
  return patch as NetStackPatch;
}

/** The rules that need the host (checkNetStackEdit), on the settings the user changed. */
export function stackExtraIssues(
  values: StackFormValues,
  initial: StackFormValues,
  stack: TcpipStackInfo,
  networking: HostNetworking,
): ExtraIssue[] {
  const patch = toPatch(values, initial, stack, networking.ipv6Enabled);
  return checkNetStackEdit(networking, stack.key, patch)
    .filter((i) => i.path !== "")
    .map((i) => ({ path: i.path, message: i.code, params: i.params }));
}
