/**
 * What each wizard page's form holds: exactly what the user typed (strings for numbers), so that Back, a reload
 * and the session-expiry dialog give every character back. `to*` turn them into the shared schemas' input; a VMkernel
 * adapter's port properties and IP settings are the ones its Edit Settings holds too (components/vmkernel-adapter).
 */
import type { HostNetworking, NewSwitchUplinks, TargetDevice } from "@addnet/contracts";
import { DEFAULT_STACK } from "@addnet/contracts";

import {
  newIpv4Values,
  newIpv6Values,
  toMtu,
  type AdapterPortValues,
  type Ipv4Values,
  type Ipv6Values,
} from "../../../components/vmkernel-adapter/form-values.ts";
import { toNumber } from "../../../lib/form.ts";

export type ConnectionTypeChoice = "vmkernel" | "physicalAdapter" | "vmPortGroup";

export interface ConnectionTypeValues {
  connectionType: ConnectionTypeChoice;
}

export type TargetKind = TargetDevice["kind"];

export interface TargetDeviceValues {
  kind: TargetKind | "";
  portgroupKey: string;
  vswitchName: string;
  /** New standard switch: MTU (Bytes). */
  mtu: string;
}

export type UplinkGroup = keyof NewSwitchUplinks;
export type NewSwitchValues = NewSwitchUplinks;

/**
 * "Add physical network adapter to the switch" (Physical Network Adapter on an existing standard switch): the switch's
 * failover order after the change, its own adapters and those added, and which switch the lists were started from.
 */
export interface SwitchUplinksValues extends NewSwitchUplinks {
  /** The standard switch whose adapters the lists hold ("" until one is chosen). */
  vswitchName: string;
}

export interface PortPropertiesValues extends AdapterPortValues {
  networkLabel: string;
  vlanId: string;
  tcpipStack: string;
}

/** Connection settings (Virtual Machine Port Group for a Standard Switch). */
export interface ConnectionSettingsValues {
  networkLabel: string;
  /** 0 = None, 4095 = All, as typed. */
  vlanId: string;
}

export interface WizardValues {
  connectionType: ConnectionTypeValues;
  targetDevice: TargetDeviceValues;
  newSwitch: NewSwitchValues;
  portProperties: PortPropertiesValues;
  ipv4: Ipv4Values;
  ipv6: Ipv6Values;
  connectionSettings: ConnectionSettingsValues;
  switchUplinks: SwitchUplinksValues;
}

/** The vSphere Client's network label for a new virtual machine port group. */
export const VM_NETWORK_LABEL = "VM Network";

/**
 * The label the vSphere Client proposes for a new port group: its default, or "VM Network 2", "VM Network 3"... when the
 * host already has a port group of that name (a port group's name is unique on its host).
 */
export function freeNetworkLabel(networking: HostNetworking | undefined, base = VM_NETWORK_LABEL): string {
  const taken = new Set(networking?.portgroups.map((pg) => pg.name) ?? []);
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/**
 * The vSphere Client's defaults (wizard-spec §2, §6 item 3); with the host's networking, a port group's label that the
 * host does not have yet.
 */
export function defaultWizardValues(networking?: HostNetworking): WizardValues {
  return {
    connectionType: { connectionType: "vmkernel" },
    targetDevice: { kind: "", portgroupKey: "", vswitchName: "", mtu: "1500" },
    newSwitch: { active: [], standby: [], unused: [] },
    portProperties: {
      networkLabel: "VMkernel",
      vlanId: "0",
      ipSettings: "ipv4",
      mtu: { mode: "fromSwitch", value: "1500" },
      tcpipStack: DEFAULT_STACK,
      services: [],
    },
    ipv4: newIpv4Values(),
    ipv6: newIpv6Values(),
    connectionSettings: { networkLabel: freeNetworkLabel(networking), vlanId: "0" },
    switchUplinks: { vswitchName: "", active: [], standby: [], unused: [] },
  };
}

/** Which connection the run adds: a virtual machine port group, physical adapters, or (the wizard's first choice) a VMkernel adapter. */
export const isPortGroupRun = (values: Pick<WizardValues, "connectionType">) => values.connectionType.connectionType === "vmPortGroup";
export const isPhysicalAdapterRun = (values: Pick<WizardValues, "connectionType">) =>
  values.connectionType.connectionType === "physicalAdapter";
/** A virtual machine port group and physical adapters go on a standard switch only; a VMkernel adapter also on a distributed port group. */
export const isStandardSwitchRun = (values: Pick<WizardValues, "connectionType">) => values.connectionType.connectionType !== "vmkernel";

/** A standard switch's failover order as the host has it: its active, its standby and its other (unused) adapters. */
export function currentUplinks(vswitch: HostNetworking["vswitches"][number]): SwitchUplinksValues {
  const ordered = [...vswitch.activeNics, ...vswitch.standbyNics];
  return {
    vswitchName: vswitch.name,
    active: [...vswitch.activeNics],
    standby: [...vswitch.standbyNics],
    unused: vswitch.uplinks.filter((d) => !ordered.includes(d)),
  };
}

/**
 * The lists of "Add physical network adapter to the switch" for the switch the target device names: started from the
 * switch's failover order when the target switch is chosen or changed (or the draft predates the page), and holding every
 * adapter the switch has (one it gained since goes where the host has it). The same values when nothing changes.
 */
export function withSwitchUplinks(values: WizardValues, networking: HostNetworking): WizardValues {
  const target = values.targetDevice;
  const vswitch = target.kind === "existingStandardSwitch" ? networking.vswitches.find((v) => v.name === target.vswitchName) : undefined;
  if (!vswitch) return values;
  const current = currentUplinks(vswitch);
  const lists = values.switchUplinks;
  if (lists.vswitchName !== vswitch.name) return { ...values, switchUplinks: current };
  const listed = [...lists.active, ...lists.standby, ...lists.unused];
  const missing = vswitch.uplinks.filter((d) => !listed.includes(d));
  if (missing.length === 0) return values;
  const group = (d: string): UplinkGroup => (current.active.includes(d) ? "active" : current.standby.includes(d) ? "standby" : "unused");
  const switchUplinks = { ...lists, active: [...lists.active], standby: [...lists.standby], unused: [...lists.unused] };
  for (const d of missing) switchUplinks[group(d)].push(d);
  return { ...values, switchUplinks };
}

/** The lists as the shared schema takes them (without the switch they were started from). */
export function toSwitchUplinks(v: SwitchUplinksValues): NewSwitchUplinks {
  return { active: v.active, standby: v.standby, unused: v.unused };
}

/** The adapters the run adds to the switch: listed, and not the switch's own. */
export function addedUplinks(v: NewSwitchUplinks, own: readonly string[]): string[] {
  return [...v.active, ...v.standby, ...v.unused].filter((d) => !own.includes(d));
}

export function toConnectionType(v: ConnectionTypeValues) {
  return { connectionType: v.connectionType };
}

export function toTargetDevice(v: TargetDeviceValues): Partial<TargetDevice> | { kind: undefined } {
  switch (v.kind) {
    case "existingNetwork":
      return { kind: v.kind, portgroupKey: v.portgroupKey };
    case "existingStandardSwitch":
      return { kind: v.kind, vswitchName: v.vswitchName };
    case "newStandardSwitch":
      return { kind: v.kind, mtu: toNumber(v.mtu) } as Partial<TargetDevice>;
    default:
      return { kind: undefined };
  }
}

export function isStandardTarget(target: TargetDeviceValues): boolean {
  return target.kind !== "existingNetwork";
}

export function toPortProperties(v: PortPropertiesValues, target: TargetDeviceValues) {
  const standard = isStandardTarget(target);
  return {
    networkLabel: standard ? v.networkLabel : undefined,
    vlanId: standard ? toNumber(v.vlanId) : undefined,
    ipSettings: v.ipSettings,
    mtu: toMtu(v.mtu),
    tcpipStack: v.tcpipStack,
    services: v.services,
  };
}

export function toConnectionSettings(v: ConnectionSettingsValues) {
  return { networkLabel: v.networkLabel, vlanId: toNumber(v.vlanId) };
}
