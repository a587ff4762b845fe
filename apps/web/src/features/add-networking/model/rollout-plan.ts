/**
 * The per-host plan of Add Networking for many hosts: each host's wizard values (the shared pages' with the host's own
 * fields), the model Finish sends for it, its TCP/IP stack settings, and what is wrong with them. The host's own rules
 * (checkAdapter, stackGatewayProblem) are the single-host wizard's and the API's.
 */
import {
  checkAdapter,
  DEFAULT_STACK,
  ipv4Range,
  ipv6Key,
  ipv6Range,
  isValidationCode,
  netStackPatchSchema,
  parseAddressCsv,
  stackGatewayProblem,
  toPrefixLength,
  toSubnetMask,
  type AddressPlanError,
  type AddressPlanLineError,
  type HostNetworking,
  type NetStackPatch,
  type RolloutHost,
  type VmkernelAdapterModel,
  vmkernelAdapterSchema,
} from "@addnet/contracts";

import { wantsIpv4, wantsIpv6 } from "../../../components/vmkernel-adapter/form-values.ts";
import { toNumber } from "../../../lib/form.ts";
import { isStandardTarget, type WizardValues } from "./form-values.ts";
import { adapterInput } from "./page-rules.ts";
import { PLAN_FIELDS, type PlanField, type PlanRow, type RolloutDraft, type RolloutHostRef } from "./rollout-draft.ts";

export interface PlanIssue {
  /** The plan's field it is about; null for the host as a whole. */
  field: PlanField | null;
  /** Where the schema or the rule found it (the model's or the stack settings' path). */
  path: string;
  code: string;
  params?: Record<string, string | number> | undefined;
}

export interface HostPlan {
  host: RolloutHostRef;
  /** The host's networking; undefined while it is read, or when it could not be. */
  networking: HostNetworking | undefined;
  row: Record<PlanField, string>;
  values: WizardValues;
  /** What Finish sends for the host, once its values make a whole model. */
  model: VmkernelAdapterModel | undefined;
  /** The adapter's stack settings on this host, when the adapter's stack is not the default one and they parse. */
  netStack: NetStackPatch | undefined;
  /** What keeps the plan from being sent: a field the schema refuses, an address given to two hosts. */
  errors: PlanIssue[];
  /** The host's own rules: shown, and the preflight holds the host back for them. */
  hostErrors: PlanIssue[];
  warnings: PlanIssue[];
  /** The TCP/IP stack page's errors. */
  stackErrors: PlanIssue[];
}

/** A host's stack settings are part of the rollout when its adapter goes on another stack than the default one. */
export const hasStackPage = (values: WizardValues) => values.portProperties.tcpipStack !== DEFAULT_STACK;

/** Which of the plan's fields the run has: the ones the shared pages' choices leave to each host. */
export function planFields(draft: Pick<RolloutDraft, "values" | "stack">): PlanField[] {
  const { targetDevice, portProperties, ipv4, ipv6 } = draft.values;
  const fields: PlanField[] = [];
  if (targetDevice.kind === "existingStandardSwitch") fields.push("vswitchName");
  if (isStandardTarget(targetDevice)) fields.push("networkLabel", "vlanId");
  if (wantsIpv4(portProperties) && ipv4.mode === "static") {
    fields.push("ipv4Address", "subnetMask");
    if (ipv4.overrideGateway) fields.push("ipv4Gateway");
  }
  if (wantsIpv6(portProperties) && ipv6.staticAddresses.length > 0) fields.push("ipv6Address", "ipv6Prefix");
  if (hasStackPage(draft.values)) {
    fields.push("stackGateway");
    if (draft.stack.dnsMode === "manual") fields.push("dnsHostName");
  }
  return fields;
}

/** A host's field as the shared pages give it: addresses are each host's own, so only the first host starts with the pages'. */
function sharedValue(draft: RolloutDraft, index: number, field: PlanField): string {
  const { targetDevice, portProperties, ipv4, ipv6 } = draft.values;
  const first = ipv6.staticAddresses[0];
  switch (field) {
    case "vswitchName":
      return targetDevice.vswitchName;
    case "networkLabel":
      return portProperties.networkLabel;
    case "vlanId":
      return portProperties.vlanId;
    case "ipv4Address":
      return index === 0 ? ipv4.address : "";
    case "subnetMask":
      return ipv4.subnetMask;
    case "ipv4Gateway":
      return ipv4.defaultGateway;
    case "ipv6Address":
      return index === 0 ? (first?.address ?? "") : "";
    case "ipv6Prefix":
      return first?.prefixLength ?? "64";
    case "stackGateway":
      return draft.stack.defaultGateway;
    case "dnsHostName":
      // ESXi's own host name: the inventory name's first label.
      return draft.hosts[index]!.name.split(".")[0]!;
  }
}

function resolvedRow(draft: RolloutDraft, index: number): Record<PlanField, string> {
  const own: PlanRow = draft.rows[draft.hosts[index]!.id] ?? {};
  return Object.fromEntries(PLAN_FIELDS.map((f) => [f, own[f] ?? sharedValue(draft, index, f)])) as Record<PlanField, string>;
}

/** The wizard values of one host: the shared pages' with the host's own fields. */
function hostValues(shared: WizardValues, row: Record<PlanField, string>): WizardValues {
  const [, ...otherV6] = shared.ipv6.staticAddresses;
  return {
    ...shared,
    targetDevice:
      shared.targetDevice.kind === "existingStandardSwitch"
        ? { ...shared.targetDevice, vswitchName: row.vswitchName }
        : shared.targetDevice,
    portProperties: { ...shared.portProperties, networkLabel: row.networkLabel, vlanId: row.vlanId },
    ipv4: { ...shared.ipv4, address: row.ipv4Address, subnetMask: row.subnetMask, defaultGateway: row.ipv4Gateway },
    ipv6:
      shared.ipv6.staticAddresses.length > 0
        ? { ...shared.ipv6, staticAddresses: [{ address: row.ipv6Address, prefixLength: row.ipv6Prefix }, ...otherV6] }
        : shared.ipv6,
  };
}

/** The model's paths that are plan fields; an issue elsewhere is about the host as a whole. */
const FIELD_OF_PATH: Record<string, PlanField> = {
  "targetDevice.vswitchName": "vswitchName",
  "portProperties.networkLabel": "networkLabel",
  "portProperties.vlanId": "vlanId",
  "ipv4Settings.address": "ipv4Address",
  "ipv4Settings.subnetMask": "subnetMask",
  "ipv4Settings.defaultGateway": "ipv4Gateway",
  "ipv6Settings.staticAddresses.0.address": "ipv6Address",
  "ipv6Settings.staticAddresses.0.prefixLength": "ipv6Prefix",
};
const STACK_FIELD_OF_PATH: Record<string, PlanField> = { defaultGateway: "stackGateway", "dnsConfiguration.hostName": "dnsHostName" };

const issueAt =
  (fields: Record<string, PlanField>) =>
  (path: string, code: string, params?: PlanIssue["params"]): PlanIssue => ({
    field: fields[path] ?? null,
    path,
    code: isValidationCode(code) ? code : "value.invalid",
    params,
  });

const at = issueAt(FIELD_OF_PATH);
const atStack = issueAt(STACK_FIELD_OF_PATH);

/** The Edit TCP/IP stack dialog's settings for one host, as PATCH …/netstacks/{key} would take them. */
function stackInput(stack: RolloutDraft["stack"], row: Record<PlanField, string>) {
  const optional = (s: string) => (s.trim() === "" ? undefined : s.trim());
  return {
    defaultGateway: row.stackGateway.trim(),
    ...(stack.dnsMode === "manual" && {
      dnsConfiguration: {
        mode: "manual",
        hostName: row.dnsHostName,
        domainName: stack.domainName,
        preferredDnsServer: optional(stack.preferredDnsServer),
        alternateDnsServer: optional(stack.alternateDnsServer),
        searchDomains: stack.searchDomains.split(/[\s,]+/).filter(Boolean),
      },
    }),
    congestionControlAlgorithm: stack.congestionControlAlgorithm,
    maxNumberOfConnections: toNumber(stack.maxNumberOfConnections) ?? Number.NaN,
  };
}

/** Each host's plan, in the selection's order. */
export function planHosts(draft: RolloutDraft, networking: (hostId: string) => HostNetworking | undefined): HostPlan[] {
  const withStack = hasStackPage(draft.values);
  const ipv4Owners = new Map<string, string>();
  const ipv6Owners = new Map<string, string>();
  return draft.hosts.map((host, index) => {
    const net = networking(host.id);
    const row = resolvedRow(draft, index);
    const values = hostValues(draft.values, row);
    const errors: PlanIssue[] = [];
    const hostErrors: PlanIssue[] = [];
    const warnings: PlanIssue[] = [];
    // A VMkernel adapter's model: the only connection type a rollout offers.
    const parsed = vmkernelAdapterSchema.safeParse(adapterInput(values));
    if (!parsed.success) for (const i of parsed.error.issues) errors.push(at(i.path.join("."), i.message));
    if (net) {
      const check = checkAdapter(net, adapterInput(values));
      hostErrors.push(...check.errors.map((e) => at(e.path, e.code, e.params)));
      // The rollout sets the stack's gateway itself (the TCP/IP stack page).
      const shown = withStack ? check.warnings.filter((w) => w.code !== "stack.noGateway") : check.warnings;
      warnings.push(...shown.map((w) => at(w.path, w.code, w.params)));
    }
    // An address is one host's: the first host given it keeps it.
    const address = row.ipv4Address.trim();
    if (values.ipv4.mode === "static" && wantsIpv4(values.portProperties) && address) {
      const owner = ipv4Owners.get(address);
      if (owner) errors.push(at("ipv4Settings.address", "ipv4.inUse", { address, owner }));
      else ipv4Owners.set(address, host.name);
    }
    if (values.ipv6.staticAddresses.length > 0 && wantsIpv6(values.portProperties) && row.ipv6Address.trim()) {
      const key = ipv6Key(row.ipv6Address);
      const owner = ipv6Owners.get(key);
      if (owner) errors.push(at("ipv6Settings.staticAddresses.0.address", "ipv6.inUse", { address: row.ipv6Address.trim(), owner }));
      else ipv6Owners.set(key, host.name);
    }

    const stackErrors: PlanIssue[] = [];
    let netStack: NetStackPatch | undefined;
    if (withStack) {
      const stackParsed = netStackPatchSchema.safeParse(stackInput(draft.stack, row));
      if (stackParsed.success) netStack = stackParsed.data;
      else for (const i of stackParsed.error.issues) stackErrors.push(atStack(i.path.join("."), i.message));
      const gateway = row.stackGateway.trim();
      // The seed's rule: the stack's default gateway is set explicitly on each host.
      if (!gateway) stackErrors.push(atStack("defaultGateway", "gateway.invalid"));
      else if (stackParsed.success) {
        // Reachable from the stack's static adapters on the host, the new one included.
        const tcpipStack = values.portProperties.tcpipStack;
        const adapters = (net?.vmkernelAdapters ?? [])
          .filter((a) => a.tcpipStack === tcpipStack && !a.ipv4.dhcp && a.ipv4.address && a.ipv4.subnetMask)
          .map((a) => ({ address: a.ipv4.address!, mask: a.ipv4.subnetMask! }));
        if (parsed.success && parsed.data.ipv4Settings?.mode === "static")
          adapters.push({ address: parsed.data.ipv4Settings.address, mask: parsed.data.ipv4Settings.subnetMask });
        const problem = stackGatewayProblem(gateway, adapters);
        if (problem) stackErrors.push(atStack("defaultGateway", problem, { gateway }));
      }
      if (stackErrors.length) netStack = undefined;
    }
    return {
      host,
      networking: net,
      row,
      values,
      model: parsed.success ? parsed.data : undefined,
      netStack,
      errors,
      hostErrors,
      warnings,
      stackErrors,
    };
  });
}

/** The plan's hosts as POST /rollouts and its preflight take them. */
export function rolloutHosts(plans: readonly HostPlan[]): RolloutHost[] {
  return plans.flatMap((p) => (p.model ? [{ hostId: p.host.id, model: p.model, ...(p.netStack && { netStack: p.netStack }) }] : []));
}

/** The hosts that go ahead, as the plan-export panel takes them: each one's networking, model and stack settings. */
export function exportHosts(plans: readonly HostPlan[], heldBack: (hostId: string) => boolean) {
  return plans.flatMap((p) =>
    p.model && p.networking && !heldBack(p.host.id)
      ? [{ net: p.networking, model: p.model, ...(p.netStack && { netStack: p.netStack }) }]
      : [],
  );
}

/** Each host's row with `fields` set, in the selection's order (a range's addresses). */
function setRows(draft: RolloutDraft, each: (host: RolloutHostRef, index: number) => PlanRow | undefined): RolloutDraft["rows"] {
  const rows = { ...draft.rows };
  draft.hosts.forEach((h, i) => {
    const set = each(h, i);
    if (set) rows[h.id] = { ...rows[h.id], ...set };
  });
  return rows;
}

/** The hosts' IPv4 addresses from a range, in the selection's order, with its mask; or why the range cannot be. */
export function withIpv4Range(
  draft: RolloutDraft,
  first: string,
  prefixOrMask: string,
): { rows: RolloutDraft["rows"] } | { error: AddressPlanError } {
  const range = ipv4Range(first, prefixOrMask, draft.hosts.length);
  if ("error" in range) return range;
  const subnetMask = toSubnetMask(prefixOrMask)!;
  return { rows: setRows(draft, (_, i) => ({ ipv4Address: range.addresses[i]!, subnetMask })) };
}

/** The hosts' static IPv6 addresses from a range, with its prefix length; or why the range cannot be. */
export function withIpv6Range(
  draft: RolloutDraft,
  first: string,
  prefix: string,
): { rows: RolloutDraft["rows"] } | { error: AddressPlanError } {
  const range = ipv6Range(first, prefix, draft.hosts.length);
  if ("error" in range) return range;
  const ipv6Prefix = String(toPrefixLength(prefix));
  return { rows: setRows(draft, (_, i) => ({ ipv6Address: range.addresses[i]!, ipv6Prefix })) };
}

/** The hosts' addresses from pasted CSV; with an error on any line, nothing is taken and every line's errors are said. */
export function withAddressCsv(draft: RolloutDraft, text: string): { rows: RolloutDraft["rows"] } | { errors: AddressPlanLineError[] } {
  const { entries, errors } = parseAddressCsv(text, draft.hosts);
  if (errors.length) return { errors };
  return {
    rows: setRows(draft, (host) => {
      const mine = entries.filter((e) => e.hostId === host.id);
      if (mine.length === 0) return undefined;
      return Object.assign(
        {},
        ...mine.map((e) =>
          e.family === "ipv4"
            ? { ipv4Address: e.address, subnetMask: e.subnetMask }
            : { ipv6Address: e.address, ipv6Prefix: String(e.prefixLength) },
        ),
      ) as PlanRow;
    }),
  };
}
