/** What the Edit Settings dialog's form holds, and how it becomes the PATCH body (only what changed). */
import { checkPortGroupEdit, type HostNetworking, type PortGroupEdit } from "@addnet/contracts";

import { toNumber, type ExtraIssue } from "../../../lib/form.ts";

export type PortGroupInfo = HostNetworking["portgroups"][number];

export interface PortGroupFormValues {
  networkLabel: string;
  /** What the user typed or chose: "0" is None, "4095" is All. */
  vlanId: string;
}

export function initialPortGroupValues(pg: PortGroupInfo): PortGroupFormValues {
  return { networkLabel: pg.name, vlanId: String(pg.vlanId) };
}

/** The PATCH body: the fields that differ from the port group as it is (an empty one the schema refuses). */
export function toPortGroupEdit(values: PortGroupFormValues, pg: PortGroupInfo): PortGroupEdit {
  const edit: Record<string, unknown> = {};
  if (values.networkLabel.trim() !== pg.name) edit.networkLabel = values.networkLabel;
  // "" or words are sent as NaN, which the schema reports ("Enter a VLAN ID.").
  const vlan = toNumber(values.vlanId) ?? Number.NaN;
  if (vlan !== pg.vlanId) edit.vlanId = vlan;
  return edit as PortGroupEdit;
}

/** The rules that need the host (checkPortGroupEdit), on what the user changed; the privilege is the dialog's to say. */
export function portGroupExtraIssues(values: PortGroupFormValues, pg: PortGroupInfo, networking: HostNetworking): ExtraIssue[] {
  return checkPortGroupEdit(networking, pg.name, toPortGroupEdit(values, pg))
    .errors.filter((i) => i.path !== "")
    .map((i) => ({ path: i.path === "portGroup" ? "root" : i.path, message: i.code, params: i.params }));
}
