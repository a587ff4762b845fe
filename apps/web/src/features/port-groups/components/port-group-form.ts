/**
 * What the Edit Settings dialog's form holds, where it starts (the port group as the host has it) and how it becomes the
 * PATCH body: only what changed. Each policy the port group may override (Security; load balancing, notify switches and
 * failback; the failover order) has its Override: unchecked, the form shows the switch's values and the port group
 * inherits them (an override it had is sent as null); checked, its own values are sent whole.
 */
import { checkPortGroupEdit, type HostNetworking, type NewSwitchUplinks, type PortGroupEdit } from "@addnet/contracts";

import { failoverOrderOf, sameFailoverOrder } from "../../../components/failover-order/uplinks.ts";
import {
  sameSecurity,
  sameTeaming,
  securityValues,
  teamingValues,
  toSecurityPolicy,
  toTeamingPolicy,
  type SecurityValues,
  type TeamingValues,
} from "../../../components/network-policy/policy-values.ts";
import { toNumber, type ExtraIssue } from "../../../lib/form.ts";

export type PortGroupInfo = HostNetworking["portgroups"][number];
export type SwitchInfo = HostNetworking["vswitches"][number];

/** A policy the port group takes from its switch (override off) or sets itself (on). */
export type Overridable<V> = V & { override: boolean };

/** Named as the body's parts, so that the schema's and the host rules' paths are the form's own; the choices as shown. */
export interface PortGroupFormValues {
  networkLabel: string;
  /** What the user typed or chose: "0" is None, "4095" is All. */
  vlanId: string;
  security: Overridable<SecurityValues>;
  teaming: Overridable<TeamingValues>;
  failoverOrder: Overridable<NewSwitchUplinks>;
}

/** The parts the Override checkboxes govern. */
export type OverridablePart = "security" | "teaming" | "failoverOrder";

export type PortGroupEditPage = "properties" | "security" | "teaming";

/** The form's parts each page holds, in the pages' order. */
export const PAGE_PARTS = {
  properties: ["networkLabel", "vlanId"],
  security: ["security"],
  teaming: ["teaming", "failoverOrder"],
} as const satisfies Record<PortGroupEditPage, readonly (keyof PortGroupFormValues)[]>;

/** The port group's switch, as the host has it; undefined when the host no longer has it. */
export function switchOf(networking: HostNetworking, pg: PortGroupInfo): SwitchInfo | undefined {
  return networking.vswitches.find((vs) => vs.name === pg.vswitch);
}

/** What a part shows while its Override is off: the switch's values (for a switch gone, the port group's own, if any). */
export function inheritedValues(pg: PortGroupInfo, vs: SwitchInfo | undefined): { [P in OverridablePart]: PortGroupFormValues[P] } {
  const security = vs?.security ?? pg.security ?? { allowPromiscuous: false, macChanges: false, forgedTransmits: false };
  const teaming = vs?.teaming ?? pg.teaming ?? { policy: "loadbalance_srcid", notifySwitches: true, failback: true };
  const order = vs ? failoverOrderOf(vs) : (pg.failoverOrder ?? { active: [], standby: [], unused: [] });
  return {
    security: { override: false, ...securityValues(security) },
    teaming: { override: false, ...teamingValues(teaming) },
    failoverOrder: { override: false, ...order },
  };
}

export function initialPortGroupValues(pg: PortGroupInfo, vs: SwitchInfo | undefined): PortGroupFormValues {
  const inherited = inheritedValues(pg, vs);
  return {
    networkLabel: pg.name,
    vlanId: String(pg.vlanId),
    security: pg.security ? { override: true, ...securityValues(pg.security) } : inherited.security,
    teaming: pg.teaming ? { override: true, ...teamingValues(pg.teaming) } : inherited.teaming,
    failoverOrder: pg.failoverOrder ? { override: true, ...orderOf(pg.failoverOrder) } : inherited.failoverOrder,
  };
}

/** Just the three groups, in their order (the form's part also holds its Override). */
function orderOf(o: NewSwitchUplinks): NewSwitchUplinks {
  return { active: o.active, standby: o.standby, unused: o.unused };
}

/**
 * The PATCH body: the fields that differ from the port group as it is (an empty one the schema refuses). An override
 * checked is sent whole when it is new or differs; one unchecked that the port group had is sent as null (the switch's
 * again).
 */
export function toPortGroupEdit(values: PortGroupFormValues, pg: PortGroupInfo): PortGroupEdit {
  const edit: Record<string, unknown> = {};
  if (values.networkLabel.trim() !== pg.name) edit.networkLabel = values.networkLabel;
  // "" or words are sent as NaN, which the schema reports ("Enter a VLAN ID.").
  const vlan = toNumber(values.vlanId) ?? Number.NaN;
  if (vlan !== pg.vlanId) edit.vlanId = vlan;
  // A port group read without one of the overrides (an older API) has none: undefined is as null.
  const { security, teaming, failoverOrder } = values;
  if (security.override) {
    const policy = toSecurityPolicy(security);
    if (!pg.security || !sameSecurity(policy, pg.security)) edit.security = policy;
  } else if (pg.security) edit.security = null;
  if (teaming.override) {
    const policy = toTeamingPolicy(teaming);
    if (!pg.teaming || !sameTeaming(policy, pg.teaming)) edit.teaming = policy;
  } else if (pg.teaming) edit.teaming = null;
  if (failoverOrder.override) {
    const order = orderOf(failoverOrder);
    if (!pg.failoverOrder || !sameFailoverOrder(order, pg.failoverOrder)) edit.failoverOrder = order;
  } else if (pg.failoverOrder) edit.failoverOrder = null;
  return edit as PortGroupEdit;
}

/** The fields the dialog shows an issue at (the body's own paths). */
const FIELD_PATH =
  /^(networkLabel|vlanId|security\.(allowPromiscuous|macChanges|forgedTransmits)|teaming\.(policy|notifySwitches|failback)|failoverOrder\.(active|standby|unused))$/;

/** Where the form shows an issue of the host's rules or the API: at its field, or for the form as a whole. */
export function formPath(path: string): string {
  return FIELD_PATH.test(path) ? path : "root";
}

/** What refuses any edit of the port group, whatever the form holds: the privilege. */
export function refusesAnyEdit(issue: { path: string }): boolean {
  return issue.path === "";
}

/**
 * The rules that need the host (checkPortGroupEdit, which the API runs too), on what the user changed: its errors at
 * their fields (the privilege is the dialog's to say), its warnings (no active or standby adapter left) to be shown.
 */
export function portGroupIssues(
  values: PortGroupFormValues,
  pg: PortGroupInfo,
  networking: HostNetworking,
): { errors: ExtraIssue[]; warnings: ExtraIssue[] } {
  const check = checkPortGroupEdit(networking, pg.name, toPortGroupEdit(values, pg));
  const issue = (i: (typeof check.errors)[number]): ExtraIssue => ({
    path: formPath(i.path),
    message: i.code,
    ...(i.params ? { params: i.params } : {}),
  });
  return { errors: check.errors.filter((i) => !refusesAnyEdit(i)).map(issue), warnings: check.warnings.map(issue) };
}

/** The host's rules' errors at the fields, for the form's resolver. */
export function portGroupExtraIssues(values: PortGroupFormValues, pg: PortGroupInfo, networking: HostNetworking): ExtraIssue[] {
  return portGroupIssues(values, pg, networking).errors;
}
