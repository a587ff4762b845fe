/**
 * Each page's rules: its shared schema (packages/contracts), how the form becomes the schema's input, and the
 * rules that need the host's own data (wizard-spec §2: labels in use, switch MTU, free adapters, stacks,
 * services the host offers, privileges, addresses already used).
 */
import {
  DEFAULT_STACK,
  NIC_TYPES,
  STACK_SERVICE,
  connectionTypeSchema,
  ipv4SettingsSchema,
  ipv6SettingsSchema,
  isIPv4,
  newSwitchUplinksSchema,
  portPropertiesSchema,
  targetDeviceSchema,
  vmkernelAdapterSchema,
  type HostNetworking,
  type NicType,
  type VmkernelAdapterModel,
} from "@addnet/contracts";
import type { z } from "zod";

import { toNumber, type ExtraIssue } from "../../../lib/form.ts";
import {
  isStandardTarget,
  toConnectionType,
  toIpv4,
  toIpv6,
  toPortProperties,
  toTargetDevice,
  wantsIpv4,
  wantsIpv6,
  type WizardValues,
} from "./form-values.ts";
import { pageSequence, type WizardPageId } from "./pages.ts";

export interface RuleContext {
  networking: HostNetworking;
  values: WizardValues;
  /** What the API found wrong (preflight or Finish), shown next to the field until the user changes it. */
  serverIssues?: ServerIssue[];
}

export interface ServerIssue {
  page: FormPageId;
  /** The field's path in the page's form, e.g. "networkLabel" or "staticAddresses.0.address". */
  field: string;
  /** A validation code, or "server:" and the API's own words when the catalogues do not know the code. */
  message: string;
  /** The field's value when the API answered (JSON). */
  value: string;
}

export interface PageRule<T> {
  schema: z.ZodType;
  toInput: (values: T) => unknown;
  extra: (values: T) => ExtraIssue[];
}

/** Which part of the draft each page edits. */
export const PAGE_VALUES = {
  "connection-type": "connectionType",
  "target-device": "targetDevice",
  "create-standard-switch": "newSwitch",
  "port-properties": "portProperties",
  "ipv4-settings": "ipv4",
  "ipv6-settings": "ipv6",
} as const satisfies Partial<Record<WizardPageId, keyof WizardValues>>;

export type FormPageId = keyof typeof PAGE_VALUES;

/** The MTU of the switch the adapter goes on: the vSwitch's, the new switch's, or the port group's switch. */
export function switchMtu({ networking, values }: RuleContext): number | undefined {
  const t = values.targetDevice;
  if (t.kind === "newStandardSwitch") {
    const n = toNumber(t.mtu);
    return n !== undefined && Number.isInteger(n) ? n : undefined;
  }
  if (t.kind === "existingStandardSwitch") return networking.vswitches.find((v) => v.name === t.vswitchName)?.mtu;
  if (t.kind === "existingNetwork") return networking.distributedPortgroups.find((p) => p.key === t.portgroupKey)?.mtu ?? undefined;
  return undefined;
}

/** The services the wizard offers on this host, in the vSphere Client's order. */
export function offeredServices(networking: HostNetworking): NicType[] {
  return NIC_TYPES.filter((nt) => networking.services.some((s) => s.nicType === nt));
}

/** Adapters already on a stack (R5: a vMotion-stack adapter takes vMotion away from the default stack). */
export function adaptersOnStack(networking: HostNetworking, stackKey: string): string[] {
  return networking.vmkernelAdapters.filter((a) => a.tcpipStack === stackKey).map((a) => a.device);
}

export function freePhysicalAdapters(networking: HostNetworking): string[] {
  return networking.physicalNics.filter((n) => n.usedBy === null).map((n) => n.device);
}

function targetDeviceRule({ networking }: RuleContext): PageRule<WizardValues["targetDevice"]> {
  return {
    schema: targetDeviceSchema,
    toInput: toTargetDevice,
    extra: (v) => {
      if (v.kind === "existingNetwork" && v.portgroupKey) {
        const pg = networking.distributedPortgroups.find((p) => p.key === v.portgroupKey);
        if (!pg) return [{ path: "portgroupKey", message: "targetDevice.required" }];
        if (!pg.canAssign) return [{ path: "portgroupKey", message: "targetDevice.noAssignPrivilege" }];
      }
      if (v.kind === "existingStandardSwitch" && v.vswitchName && !networking.vswitches.some((s) => s.name === v.vswitchName)) {
        return [{ path: "vswitchName", message: "targetDevice.required" }];
      }
      return [];
    },
  };
}

function newSwitchRule({ networking }: RuleContext): PageRule<WizardValues["newSwitch"]> {
  return {
    schema: newSwitchUplinksSchema,
    toInput: (v) => v,
    extra: (v) => {
      const free = freePhysicalAdapters(networking);
      return (["active", "standby", "unused"] as const)
        .filter((group) => v[group].some((d) => !free.includes(d)))
        .map((group) => ({ path: group, message: "uplinks.notFree" }));
    },
  };
}

function portPropertiesRule(ctx: RuleContext): PageRule<WizardValues["portProperties"]> {
  const { networking, values } = ctx;
  return {
    schema: portPropertiesSchema,
    toInput: (v) => toPortProperties(v, values.targetDevice),
    extra: (v) => {
      const issues: ExtraIssue[] = [];
      if (isStandardTarget(values.targetDevice)) {
        // R10: a network label is unique on the host.
        if (networking.portgroups.some((pg) => pg.name === v.networkLabel.trim()))
          issues.push({ path: "networkLabel", message: "networkLabel.inUse" });
        if (v.vlanId.trim() === "") issues.push({ path: "vlanId", message: "vlanId.invalid" });
      }
      const custom = toNumber(v.mtu.value);
      const limit = switchMtu(ctx);
      if (v.mtu.mode === "custom" && custom !== undefined && Number.isInteger(custom) && limit !== undefined && custom > limit) {
        issues.push({ path: "mtu.value", message: "mtu.aboveSwitch" });
      }
      if (!networking.tcpipStacks.some((s) => s.key === v.tcpipStack)) issues.push({ path: "tcpipStack", message: "tcpipStack.required" });
      // R14: no IPv6 on a host without IPv6.
      if (!networking.ipv6Enabled && v.ipSettings !== "ipv4") issues.push({ path: "ipSettings", message: "ipSettings.ipv6Unavailable" });
      const implied = STACK_SERVICE[v.tcpipStack];
      const offered = offeredServices(networking);
      if (v.services.some((s) => !offered.includes(s as NicType))) issues.push({ path: "services", message: "services.notOffered" });
      else if (implied && (v.services.length !== 1 || v.services[0] !== implied))
        issues.push({ path: "services", message: "services.stackOnly" });
      else if (v.services.includes("vsan") && !networking.privileges.hostConfigStorage)
        issues.push({ path: "services", message: "services.noStoragePrivilege" });
      else if (v.tcpipStack === DEFAULT_STACK) {
        // R5 and its Provisioning analogue.
        if (v.services.includes("vmotion") && adaptersOnStack(networking, "vmotion").length > 0) {
          issues.push({ path: "services", message: "services.vmotionStackInUse" });
        } else if (v.services.includes("vSphereProvisioning") && adaptersOnStack(networking, "vSphereProvisioning").length > 0) {
          issues.push({ path: "services", message: "services.provisioningStackInUse" });
        }
      }
      return issues;
    },
  };
}

function ipv4Rule({ networking }: RuleContext): PageRule<WizardValues["ipv4"]> {
  return {
    schema: ipv4SettingsSchema,
    toInput: toIpv4,
    extra: (v) => {
      const address = v.address.trim();
      // R17: check duplicates locally before the host reports them.
      if (v.mode === "static" && isIPv4(address) && networking.vmkernelAdapters.some((a) => a.ipv4.address === address)) {
        return [{ path: "address", message: "ipv4.inUse" }];
      }
      return [];
    },
  };
}

function ipv6Rule({ networking }: RuleContext): PageRule<WizardValues["ipv6"]> {
  return {
    schema: ipv6SettingsSchema,
    toInput: toIpv6,
    extra: (v) => {
      const used = new Set(networking.vmkernelAdapters.flatMap((a) => a.ipv6?.addresses.map((x) => x.address.toLowerCase()) ?? []));
      return v.staticAddresses.flatMap((a, i) =>
        used.has(a.address.trim().toLowerCase()) ? [{ path: `staticAddresses.${i}.address`, message: "ipv6.inUse" }] : [],
      );
    },
  };
}

function valueAt(values: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), values);
}

/** The API's findings about a page, as long as the field still holds the value it found wrong. */
export function serverIssuesFor(page: FormPageId, values: unknown, issues: ServerIssue[] = []): ExtraIssue[] {
  return issues
    .filter((i) => i.page === page && JSON.stringify(valueAt(values, i.field) ?? null) === i.value)
    .map((i) => ({ path: i.field, message: i.message }));
}

/** Where each issue of a preflight or a refused Finish belongs in the wizard's forms. */
export function toServerIssues(issues: { path: string; message: string }[], values: WizardValues): ServerIssue[] {
  return issues.flatMap((issue) => {
    const page = pageOfPath(issue.path) as FormPageId | undefined;
    const field = issue.path.split(".").slice(1).join(".");
    if (!page || page === ("ready-to-complete" as never) || !field) return [];
    return [{ page, field, message: issue.message, value: JSON.stringify(valueAt(values[PAGE_VALUES[page]], field) ?? null) }];
  });
}

export function pageRule(page: FormPageId, ctx: RuleContext, withServerIssues = true): PageRule<never> {
  const rule = baseRule(page, ctx) as PageRule<unknown>;
  if (!withServerIssues || !ctx.serverIssues?.length) return rule as PageRule<never>;
  return { ...rule, extra: (v: unknown) => [...rule.extra(v), ...serverIssuesFor(page, v, ctx.serverIssues)] } as PageRule<never>;
}

function baseRule(page: FormPageId, ctx: RuleContext): PageRule<never> {
  const rules: Record<FormPageId, (c: RuleContext) => PageRule<never>> = {
    "connection-type": () => ({ schema: connectionTypeSchema, toInput: toConnectionType as never, extra: () => [] }),
    "target-device": targetDeviceRule as never,
    "create-standard-switch": newSwitchRule as never,
    "port-properties": portPropertiesRule as never,
    "ipv4-settings": ipv4Rule as never,
    "ipv6-settings": ipv6Rule as never,
  };
  return rules[page](ctx);
}

/** The page's own rules hold (the API's findings are shown, but do not hold the user back from the page). */
export function isPageValid(page: FormPageId, ctx: RuleContext): boolean {
  const rule = pageRule(page, ctx, false) as PageRule<unknown>;
  const values = ctx.values[PAGE_VALUES[page]];
  return rule.schema.safeParse(rule.toInput(values)).success && rule.extra(values).length === 0;
}

/** The first page of the run that is not valid yet: later pages cannot be opened before it. */
export function firstInvalidPage(ctx: RuleContext): WizardPageId | undefined {
  return pageSequence(ctx.values).find((p) => p !== "ready-to-complete" && !isPageValid(p as FormPageId, ctx));
}

/** The whole model Finish sends, checked with the shared whole-wizard schema. */
export function buildModel(values: WizardValues): ReturnType<typeof vmkernelAdapterSchema.safeParse> {
  const body = {
    connectionType: values.connectionType.connectionType,
    targetDevice: toTargetDevice(values.targetDevice),
    ...(values.targetDevice.kind === "newStandardSwitch" ? { newSwitchUplinks: values.newSwitch } : {}),
    portProperties: toPortProperties(values.portProperties, values.targetDevice),
    ...(wantsIpv4(values.portProperties) ? { ipv4Settings: toIpv4(values.ipv4) } : {}),
    ...(wantsIpv6(values.portProperties) ? { ipv6Settings: toIpv6(values.ipv6) } : {}),
  };
  return vmkernelAdapterSchema.safeParse(body);
}

export type { VmkernelAdapterModel };

/** Which page owns a model path such as "portProperties.vlanId" (for errors from preflight or Finish). */
export function pageOfPath(path: string): WizardPageId | undefined {
  const head = path.split(".")[0];
  switch (head) {
    case "connectionType":
      return "connection-type";
    case "targetDevice":
      return "target-device";
    case "newSwitchUplinks":
      return "create-standard-switch";
    case "portProperties":
      return "port-properties";
    case "ipv4Settings":
      return "ipv4-settings";
    case "ipv6Settings":
      return "ipv6-settings";
    default:
      return undefined;
  }
}
