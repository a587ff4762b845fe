/**
 * What the migration dialog's form holds (exactly what was typed), where it starts and how it becomes the POST body. The
 * adapter goes the other way from where it is: from a standard port group to a distributed one, and back.
 */
import { checkMigrateAdapter, type HostNetworking, type VmkernelAdapterInfo, type VmkernelAdapterMigrate } from "@addnet/contracts";

import { toNumber, type ExtraIssue } from "../../../lib/form.ts";

/** Named as the body's fields, so that the schema's and the host rules' paths are the form's own. */
export interface MigrateValues {
  /** To a distributed switch: the port group's key. */
  portgroupKey: string;
  /** To a standard switch: the switch, and the new port group's network label and VLAN ID ("0" is None). */
  vswitchName: string;
  networkLabel: string;
  vlanId: string;
}

export type MigrateDirection = VmkernelAdapterMigrate["to"];

const FIELDS = new Set<string>(["portgroupKey", "vswitchName", "networkLabel", "vlanId"] satisfies (keyof MigrateValues)[]);

export function migrationDirection(adapter: VmkernelAdapterInfo): MigrateDirection {
  return adapter.distributedPort ? "standard" : "distributed";
}

/**
 * Nothing chosen on a distributed switch; on a standard switch, the host's first one, and the distributed port group's
 * name and VLAN ID, so that the adapter keeps its network's name where the host has no port group by that name.
 */
export function initialMigrateValues(networking: HostNetworking, adapter: VmkernelAdapterInfo): MigrateValues {
  const dvpg = networking.distributedPortgroups.find((p) => p.key === adapter.distributedPort?.portgroupKey);
  return {
    portgroupKey: "",
    vswitchName: networking.vswitches[0]?.name ?? "",
    networkLabel: adapter.networkLabel,
    vlanId: String(dvpg?.vlanId ?? 0),
  };
}

/** The POST body as the form holds it; a VLAN ID that is no number is sent as NaN, which the schema reports. */
export function toMigrate(values: MigrateValues, to: MigrateDirection): VmkernelAdapterMigrate {
  return to === "distributed"
    ? { to, portgroupKey: values.portgroupKey }
    : { to, vswitchName: values.vswitchName, networkLabel: values.networkLabel, vlanId: toNumber(values.vlanId) ?? Number.NaN };
}

/** Where the form shows an issue of the host's rules or the API: at its field, or for the form as a whole. */
export function formPath(path: string): string {
  return FIELDS.has(path) ? path : "root";
}

/** What refuses any migration of the adapter, whatever the form holds: the privilege, or an adapter the host no longer has. */
export function refusesAnyMigration(issue: { path: string }): boolean {
  return issue.path === "" || issue.path === "device";
}

/** The host's rules (checkMigrateAdapter, which the API runs too) on what the form holds; the dialog says what refuses any. */
export function migrateIssues(values: MigrateValues, networking: HostNetworking, device: string, to: MigrateDirection): ExtraIssue[] {
  return checkMigrateAdapter(networking, device, toMigrate(values, to))
    .errors.filter((i) => !refusesAnyMigration(i))
    .map((i) => ({ path: formPath(i.path), message: i.code, ...(i.params ? { params: i.params } : {}) }));
}
