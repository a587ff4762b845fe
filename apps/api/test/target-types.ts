/**
 * The three target types of the wizard, each with services that make every kind of create step appear, and the
 * vim25 steps each turns into: what the rollback and fault-matrix suites fail step by step.
 */
import type { PhysicalAdapterModel, VmkernelAdapterModel, VmPortGroupModel } from "@addnet/contracts";

export const newSwitchModel = (): VmkernelAdapterModel => ({
  connectionType: "vmkernel",
  targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
  newSwitchUplinks: { active: ["vmnic2"], standby: ["vmnic3"], unused: [] },
  portProperties: {
    networkLabel: "Storage-A",
    vlanId: 70,
    ipSettings: "ipv4",
    mtu: { mode: "fromSwitch" },
    tcpipStack: "defaultTcpipStack",
    services: ["vmotion", "faultToleranceLogging", "vsan"],
  },
  ipv4Settings: { mode: "static", address: "192.168.70.11", subnetMask: "255.255.255.0", overrideGateway: false },
});
export const NEW_SWITCH_STEPS = [
  "AddVirtualSwitch",
  "AddPortGroup",
  "AddVirtualNic",
  "SelectVnicForNicType",
  "SelectVnicForNicType",
  "UpdateVsan_Task",
];

export const existingSwitchModel = (): VmkernelAdapterModel => ({
  connectionType: "vmkernel",
  targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
  portProperties: {
    networkLabel: "Replication",
    vlanId: 80,
    ipSettings: "ipv4",
    mtu: { mode: "fromSwitch" },
    tcpipStack: "defaultTcpipStack",
    services: ["vSphereReplication", "vsan"],
  },
  ipv4Settings: { mode: "static", address: "192.168.80.11", subnetMask: "255.255.255.0", overrideGateway: false },
});
export const EXISTING_SWITCH_STEPS = ["AddPortGroup", "AddVirtualNic", "SelectVnicForNicType", "UpdateVsan_Task"];

/** On the distributed port group with this key (DPG-Storage in the suites). */
export const distributedModel = (portgroupKey: string): VmkernelAdapterModel => ({
  connectionType: "vmkernel",
  targetDevice: { kind: "existingNetwork", portgroupKey },
  portProperties: {
    ipSettings: "ipv4",
    mtu: { mode: "custom", value: 9000 },
    tcpipStack: "defaultTcpipStack",
    services: ["vSphereBackupNFC", "vsan"],
  },
  ipv4Settings: { mode: "static", address: "192.168.50.11", subnetMask: "255.255.255.0", overrideGateway: false },
});
export const DISTRIBUTED_STEPS = ["AddVirtualNic", "SelectVnicForNicType", "UpdateVsan_Task"];

/** Virtual Machine Port Group for a Standard Switch, on a new switch: its create has both of the standard steps. */
export const portGroupModel = (): VmPortGroupModel => ({
  connectionType: "vmPortGroup",
  targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
  newSwitchUplinks: { active: ["vmnic2"], standby: ["vmnic3"], unused: [] },
  connectionSettings: { networkLabel: "VM-Lab", vlanId: 4095 },
});
export const PORT_GROUP_STEPS = ["AddVirtualSwitch", "AddPortGroup"];

/** Physical Network Adapter on vSwitch0: one UpdateVirtualSwitch with the whole spec, vmnic2 added as standby. */
export const uplinksModel = (): PhysicalAdapterModel => ({
  connectionType: "physicalAdapter",
  targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
  switchUplinks: { active: ["vmnic0"], standby: ["vmnic2"], unused: [] },
});
export const UPLINKS_STEPS = ["UpdateVirtualSwitch"];
