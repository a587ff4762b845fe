/**
 * The ordered vim25 calls a wizard model turns into on one host (wizard-spec §4.6 paths A, B and C), each with
 * the call that undoes it. Preflight shows the plan; create runs it and undoes it in reverse when a step fails.
 */
import { DEFAULT_STACK, STACK_SERVICE, type VmkernelAdapterModel } from "@addnet/contracts";
import type { HostVirtualNicSpec, MoRef } from "@addnet/vsphere";

import type { HostSnapshot } from "./host-snapshot.ts";

/** "{device}" in a step's arguments stands for the vmk AddVirtualNic returns. */
export const DEVICE = "{device}";

export interface VimStep {
  method: string;
  object: MoRef;
  args: Record<string, unknown>;
  summary: string;
  /** The call that reverses this one, if any. */
  undo?: { method: string; object: MoRef; args: Record<string, unknown> };
  /** UpdateVsan_Task returns a Task to wait for. */
  task?: boolean;
}

export interface Plan {
  steps: VimStep[];
  /** The standard port group the adapter goes on ("" for a distributed port group). */
  portgroupName: string;
  /** The new vSwitch's name, for a new standard switch. */
  newSwitchName?: string;
  /** The MTU the adapter gets. */
  mtu: number;
  /** The TCP/IP stack the adapter goes on. */
  tcpipStack: string;
  switchMtu: number | undefined;
}

/** The next free vSwitchN name on the host. */
export function nextSwitchName(s: HostSnapshot): string {
  const taken = new Set((s.network.vswitch ?? []).map((v) => v.name));
  let n = 0;
  while (taken.has(`vSwitch${n}`)) n++;
  return `vSwitch${n}`;
}

/** The MTU of the switch the adapter attaches to, as the "Get MTU from switch" choice uses it. */
export function switchMtu(s: HostSnapshot, model: VmkernelAdapterModel): number | undefined {
  const t = model.targetDevice;
  if (t.kind === "newStandardSwitch") return t.mtu;
  if (t.kind === "existingStandardSwitch") return (s.network.vswitch ?? []).find((v) => v.name === t.vswitchName)?.mtu;
  return s.portgroups.find((p) => p.key === t.portgroupKey)?.mtu ?? undefined;
}

function nicSpec(
  s: HostSnapshot,
  model: VmkernelAdapterModel,
  mtu: number,
  dvPort: HostVirtualNicSpec["distributedVirtualPort"],
): HostVirtualNicSpec {
  const v4 = model.ipv4Settings;
  const v6 = model.ipv6Settings;
  const gateway = {
    defaultGateway: v4?.mode === "static" && v4.overrideGateway ? v4.defaultGateway : undefined,
    ipV6DefaultGateway: v6?.overrideGateway ? v6.defaultGateway : undefined,
  };
  return {
    ip: {
      dhcp: v4?.mode === "dhcp",
      ipAddress: v4?.mode === "static" ? v4.address : undefined,
      subnetMask: v4?.mode === "static" ? v4.subnetMask : undefined,
      // Explicit booleans: router advertisement is on by default since ESXi 6.5, so say what the wizard showed
      // (IPv4 only on an IPv6 host means no IPv6 at all).
      ipV6Config: v6
        ? {
            ipV6Address: v6.staticAddresses.map((a) => ({
              ipAddress: a.address,
              prefixLength: a.prefixLength,
              origin: "manual",
              operation: "add",
            })),
            autoConfigurationEnabled: v6.routerAdvertisement,
            dhcpV6Enabled: v6.dhcpV6,
          }
        : s.network.ipV6Enabled
          ? { ipV6Address: [], autoConfigurationEnabled: false, dhcpV6Enabled: false }
          : undefined,
    },
    distributedVirtualPort: dvPort,
    mtu,
    netStackInstanceKey: model.portProperties.tcpipStack,
    ipRouteSpec:
      gateway.defaultGateway || gateway.ipV6DefaultGateway ? { ipRouteConfig: { _type: "HostIpRouteConfig", ...gateway } } : undefined,
  };
}

export function buildPlan(s: HostSnapshot, model: VmkernelAdapterModel): Plan {
  const steps: VimStep[] = [];
  const t = model.targetDevice;
  const props = model.portProperties;
  const sw = switchMtu(s, model);
  const mtu = props.mtu.mode === "custom" ? props.mtu.value : (sw ?? 1500);
  let portgroupName = "";
  let newSwitchName: string | undefined;
  let dvPort: HostVirtualNicSpec["distributedVirtualPort"];

  if (t.kind === "newStandardSwitch") {
    newSwitchName = nextSwitchName(s);
    const u = model.newSwitchUplinks ?? { active: [], standby: [], unused: [] };
    const nicDevice = [...u.active, ...u.standby, ...u.unused];
    steps.push({
      method: "AddVirtualSwitch",
      object: s.networkSystem,
      args: {
        vswitchName: newSwitchName,
        spec: {
          numPorts: 128,
          bridge: nicDevice.length ? { _type: "HostVirtualSwitchBondBridge", nicDevice } : undefined,
          policy: { nicTeaming: { nicOrder: { activeNic: u.active, standbyNic: u.standby } } },
          mtu: t.mtu,
        },
      },
      summary: `Add standard switch ${newSwitchName} (MTU ${t.mtu}${nicDevice.length ? `, uplinks ${nicDevice.join(", ")}` : ", no uplinks"})`,
      undo: { method: "RemoveVirtualSwitch", object: s.networkSystem, args: { vswitchName: newSwitchName } },
    });
  }
  if (t.kind === "existingNetwork") {
    const dvpg = s.portgroups.find((p) => p.key === t.portgroupKey);
    dvPort = { switchUuid: dvpg?.switchUuid ?? "", portgroupKey: t.portgroupKey };
  } else {
    portgroupName = props.networkLabel ?? "VMkernel";
    const vswitchName = t.kind === "newStandardSwitch" ? newSwitchName! : t.vswitchName;
    steps.push({
      method: "AddPortGroup",
      object: s.networkSystem,
      args: { portgrp: { name: portgroupName, vlanId: props.vlanId ?? 0, vswitchName, policy: {} } },
      summary: `Add port group "${portgroupName}" (VLAN ${props.vlanId ?? 0}) to ${vswitchName}`,
      undo: { method: "RemovePortGroup", object: s.networkSystem, args: { pgName: portgroupName } },
    });
  }
  const target =
    t.kind === "existingNetwork"
      ? `distributed port group ${s.portgroups.find((p) => p.key === t.portgroupKey)?.name ?? t.portgroupKey}`
      : `"${portgroupName}"`;
  steps.push({
    method: "AddVirtualNic",
    object: s.networkSystem,
    args: { portgroup: portgroupName, nic: nicSpec(s, model, mtu, dvPort) },
    summary: `Add a VMkernel adapter on ${target}, TCP/IP stack ${props.tcpipStack}, MTU ${mtu}`,
    undo: { method: "RemoveVirtualNic", object: s.networkSystem, args: { device: DEVICE } },
  });
  // vMotion and Provisioning stacks carry their service already: no selection call (wizard-spec §4.6).
  const services =
    props.tcpipStack === DEFAULT_STACK ? props.services : props.services.filter((x) => STACK_SERVICE[props.tcpipStack] !== x);
  for (const nicType of services) {
    if (nicType === "vsan") {
      steps.push({
        method: "UpdateVsan_Task",
        object: s.vsanSystem!,
        args: { config: { networkInfo: { port: [...s.vsanPorts, DEVICE].map((device) => ({ device })) } } },
        summary: "Enable vSAN on the new adapter (HostVsanSystem)",
        undo: {
          method: "UpdateVsan_Task",
          object: s.vsanSystem!,
          args: { config: { networkInfo: { port: s.vsanPorts.map((device) => ({ device })) } } },
        },
        task: true,
      });
    } else {
      steps.push({
        method: "SelectVnicForNicType",
        object: s.virtualNicManager,
        args: { nicType, device: DEVICE },
        summary: `Enable ${nicType} on the new adapter`,
        undo: { method: "DeselectVnicForNicType", object: s.virtualNicManager, args: { nicType, device: DEVICE } },
      });
    }
  }
  return { steps, portgroupName, newSwitchName, mtu, tcpipStack: props.tcpipStack, switchMtu: sw };
}

/** Replaces the "{device}" placeholder once AddVirtualNic has named the vmk. */
export function withDevice<T>(value: T, device: string): T {
  if (value === DEVICE) return device as T;
  if (Array.isArray(value)) return value.map((v) => withDevice(v, device)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDevice(v, device)])) as T;
  }
  return value;
}
