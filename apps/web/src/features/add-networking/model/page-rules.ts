/**
 * Each page's rules: its shared schema (packages/contracts), how the form becomes the schema's input, and the
 * rules that need the host's own data (checkAdapter, checkPortGroup or checkPhysicalAdapter in packages/contracts,
 * which the API runs too).
 */
import {
  checkAdapter,
  checkPhysicalAdapter,
  checkPortGroup,
  connectionSettingsSchema,
  connectionTypeSchema,
  ipv4SettingsSchema,
  ipv6SettingsSchema,
  newSwitchUplinksSchema,
  physicalAdapterSchema,
  portPropertiesSchema,
  standardTargetSchema,
  targetDeviceSchema,
  vmkernelAdapterSchema,
  vmPortGroupSchema,
  type HostCheck,
  type HostNetworking,
  type Issue,
  type PhysicalAdapterModel,
  type VmkernelAdapterModel,
  type VmPortGroupModel,
} from "@addnet/contracts";
import type { z } from "zod";

import { toIpv4, toIpv6, wantsIpv4, wantsIpv6 } from "../../../components/vmkernel-adapter/form-values.ts";
import type { ExtraIssue } from "../../../lib/form.ts";
import {
  isPhysicalAdapterRun,
  isPortGroupRun,
  isStandardSwitchRun,
  isStandardTarget,
  toConnectionSettings,
  toConnectionType,
  toPortProperties,
  toSwitchUplinks,
  toTargetDevice,
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
  code: string;
  params?: Issue["params"];
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
  "add-physical-adapter": "switchUplinks",
  "connection-settings": "connectionSettings",
  "port-properties": "portProperties",
  "ipv4-settings": "ipv4",
  "ipv6-settings": "ipv6",
} as const satisfies Partial<Record<WizardPageId, keyof WizardValues>>;

export type FormPageId = keyof typeof PAGE_VALUES;

/** The host's rules for the run's connection type (the API's too), on the model as far as the draft goes. */
export function checkHost(networking: HostNetworking, values: WizardValues): HostCheck {
  if (isPortGroupRun(values)) return checkPortGroup(networking, portGroupInput(values));
  if (isPhysicalAdapterRun(values)) return checkPhysicalAdapter(networking, physicalAdapterInput(values));
  return checkAdapter(networking, adapterInput(values));
}

/**
 * The host's rules for one page: the model as far as the draft goes, with this page's values as the form now holds
 * them; the errors whose path is on this page.
 */
function hostIssues(page: FormPageId, { networking, values }: RuleContext) {
  return (v: unknown): ExtraIssue[] =>
    checkHost(networking, { ...values, [PAGE_VALUES[page]]: v })
      .errors.filter((e) => pageOfPath(e.path) === page)
      .map((e) => ({ path: e.path.split(".").slice(1).join("."), message: e.code, params: e.params }));
}

function valueAt(values: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), values);
}

/** The API's findings about a page, as long as the field still holds the value it found wrong. */
export function serverIssuesFor(page: FormPageId, values: unknown, issues: ServerIssue[] = []): ExtraIssue[] {
  return issues
    .filter((i) => i.page === page && JSON.stringify(valueAt(values, i.field) ?? null) === i.value)
    .map((i) => ({ path: i.field, message: i.code, params: i.params }));
}

/** Where each issue of a preflight or a refused Finish belongs in the wizard's forms. */
export function toServerIssues(issues: Issue[], values: WizardValues): ServerIssue[] {
  return issues.flatMap((issue) => {
    const page = pageOfPath(issue.path) as FormPageId | undefined;
    const field = issue.path.split(".").slice(1).join(".");
    if (!page || page === ("ready-to-complete" as never) || !field) return [];
    return [
      { page, field, code: issue.code, params: issue.params, value: JSON.stringify(valueAt(values[PAGE_VALUES[page]], field) ?? null) },
    ];
  });
}

export function pageRule(page: FormPageId, ctx: RuleContext, withServerIssues = true): PageRule<never> {
  const rule = baseRule(page, ctx) as PageRule<unknown>;
  if (!withServerIssues || !ctx.serverIssues?.length) return rule as PageRule<never>;
  return { ...rule, extra: (v: unknown) => [...rule.extra(v), ...serverIssuesFor(page, v, ctx.serverIssues)] } as PageRule<never>;
}

function baseRule(page: FormPageId, ctx: RuleContext): PageRule<never> {
  const extra = hostIssues(page, ctx);
  const rules: Record<FormPageId, Omit<PageRule<never>, "extra">> = {
    "connection-type": { schema: connectionTypeSchema, toInput: toConnectionType as never },
    // A virtual machine port group and physical adapters go on a standard switch only.
    "target-device": {
      schema: isStandardSwitchRun(ctx.values) ? standardTargetSchema : targetDeviceSchema,
      toInput: toTargetDevice as never,
    },
    "create-standard-switch": { schema: newSwitchUplinksSchema, toInput: (v: never) => v },
    "add-physical-adapter": { schema: newSwitchUplinksSchema, toInput: toSwitchUplinks as never },
    "connection-settings": { schema: connectionSettingsSchema, toInput: toConnectionSettings as never },
    "port-properties": {
      schema: portPropertiesSchema,
      toInput: ((v: WizardValues["portProperties"]) => toPortProperties(v, ctx.values.targetDevice)) as never,
    },
    "ipv4-settings": { schema: ipv4SettingsSchema, toInput: toIpv4 as never },
    "ipv6-settings": { schema: ipv6SettingsSchema, toInput: toIpv6 as never },
  };
  // A standard switch's port group needs a VLAN ID (the whole model's rule, shown on its page).
  if (page === "port-properties" && isStandardTarget(ctx.values.targetDevice)) {
    return {
      ...rules[page],
      extra: (v: WizardValues["portProperties"]) => [
        ...(v.vlanId.trim() === "" ? [{ path: "vlanId", message: "vlanId.invalid" }] : []),
        ...extra(v),
      ],
    } as PageRule<never>;
  }
  return { ...rules[page], extra };
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

/**
 * A VMkernel adapter's model as far as the user has filled it in: what the host's rules check, and what Finish sends
 * once it parses.
 */
export function adapterInput(values: WizardValues) {
  return {
    connectionType: values.connectionType.connectionType,
    targetDevice: toTargetDevice(values.targetDevice),
    ...newSwitchUplinks(values),
    portProperties: toPortProperties(values.portProperties, values.targetDevice),
    ...(wantsIpv4(values.portProperties) ? { ipv4Settings: toIpv4(values.ipv4) } : {}),
    ...(wantsIpv6(values.portProperties) ? { ipv6Settings: toIpv6(values.ipv6) } : {}),
  };
}

/** A virtual machine port group's model as far as the user has filled it in (the same for the host's rules and Finish). */
export function portGroupInput(values: WizardValues) {
  return {
    connectionType: values.connectionType.connectionType,
    targetDevice: toTargetDevice(values.targetDevice),
    ...newSwitchUplinks(values),
    connectionSettings: toConnectionSettings(values.connectionSettings),
  };
}

/**
 * Physical adapters' model as far as the user has filled it in: a new switch's uplinks, or an existing switch's failover
 * order after the change (the same for the host's rules and Finish).
 */
export function physicalAdapterInput(values: WizardValues) {
  return {
    connectionType: values.connectionType.connectionType,
    targetDevice: toTargetDevice(values.targetDevice),
    ...newSwitchUplinks(values),
    ...(values.targetDevice.kind === "existingStandardSwitch" ? { switchUplinks: toSwitchUplinks(values.switchUplinks) } : {}),
  };
}

function newSwitchUplinks(values: WizardValues) {
  return values.targetDevice.kind === "newStandardSwitch" ? { newSwitchUplinks: values.newSwitch } : {};
}

/** What Finish sends: a VMkernel adapter, a virtual machine port group or physical adapters, told apart by `connectionType`. */
export type WizardModel = VmkernelAdapterModel | VmPortGroupModel | PhysicalAdapterModel;

/**
 * The whole model Finish sends, checked with the shared whole-wizard schema of the run's connection type: when it
 * parses, `data.connectionType` says which model it is ("vmkernel", "vmPortGroup" or "physicalAdapter").
 */
export type BuiltModel = z.ZodSafeParseResult<WizardModel>;

export function buildModel(values: WizardValues): BuiltModel {
  if (isPortGroupRun(values)) return vmPortGroupSchema.safeParse(portGroupInput(values));
  if (isPhysicalAdapterRun(values)) return physicalAdapterSchema.safeParse(physicalAdapterInput(values));
  return vmkernelAdapterSchema.safeParse(adapterInput(values));
}

export type { PhysicalAdapterModel, VmkernelAdapterModel, VmPortGroupModel };

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
    case "switchUplinks":
      return "add-physical-adapter";
    case "connectionSettings":
      return "connection-settings";
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
