/**
 * What a standard switch's Edit Settings form holds, where it starts (the switch as the host has it) and how it becomes
 * the PATCH body: only the parts the user changed.
 */
import { checkSwitchEdit, type HostNetworking, type NewSwitchUplinks, type StandardSwitchEdit } from "@addnet/contracts";

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

export type SwitchInfo = HostNetworking["vswitches"][number];

/** Named as the body's parts, so that the schema's and the host rules' paths are the form's own; the choices as shown. */
export interface SwitchEditValues {
  mtu: string;
  security: SecurityValues;
  teaming: TeamingValues & { failoverOrder: NewSwitchUplinks };
}

export type SwitchEditPage = "properties" | "security" | "teaming";

/** The form's part each page holds, in the pages' order. */
export const PAGE_PARTS = { properties: "mtu", security: "security", teaming: "teaming" } as const satisfies Record<
  SwitchEditPage,
  keyof SwitchEditValues
>;

export function initialSwitchEditValues(vs: SwitchInfo): SwitchEditValues {
  return {
    mtu: String(vs.mtu),
    security: securityValues(vs.security),
    teaming: { ...teamingValues(vs.teaming), failoverOrder: failoverOrderOf(vs) },
  };
}

/** The PATCH body: each part that differs from the switch as it is, whole (an empty body the schema refuses). */
export function toSwitchEdit(values: SwitchEditValues, vs: SwitchInfo): StandardSwitchEdit {
  const edit: Record<string, unknown> = {};
  // "" or words are sent as NaN, which the schema reports ("Enter the MTU as a whole number of bytes.").
  const mtu = toNumber(values.mtu) ?? Number.NaN;
  if (mtu !== vs.mtu) edit.mtu = mtu;
  const security = toSecurityPolicy(values.security);
  if (!sameSecurity(security, vs.security)) edit.security = security;
  const teaming = { ...toTeamingPolicy(values.teaming), failoverOrder: values.teaming.failoverOrder };
  // The order within a group is the failover order itself: a move within Active is a change.
  if (!sameTeaming(teaming, vs.teaming) || !sameFailoverOrder(teaming.failoverOrder, failoverOrderOf(vs))) edit.teaming = teaming;
  return edit as StandardSwitchEdit;
}

/** The fields the dialog shows an issue at (the body's own paths). */
const FIELD_PATH = /^(mtu|security\.\w+|teaming\.(policy|notifySwitches|failback|failoverOrder\.(active|standby|unused)))$/;

/** Where the form shows an issue of the host's rules or the API: at its field, or for the form as a whole. */
export function formPath(path: string): string {
  return FIELD_PATH.test(path) ? path : "root";
}

/** What refuses any edit of the switch, whatever the form holds: the privilege, or a switch the host no longer has. */
export function refusesAnyEdit(issue: { path: string }): boolean {
  return issue.path === "" || issue.path === "vswitch";
}

/** The host's rules (checkSwitchEdit, which the API runs too) on what the form holds; the dialog says what refuses any edit. */
export function switchEditIssues(values: SwitchEditValues, networking: HostNetworking, vs: SwitchInfo): ExtraIssue[] {
  return checkSwitchEdit(networking, vs.name, toSwitchEdit(values, vs))
    .errors.filter((i) => !refusesAnyEdit(i))
    .map((i) => ({ path: formPath(i.path), message: i.code, ...(i.params ? { params: i.params } : {}) }));
}
