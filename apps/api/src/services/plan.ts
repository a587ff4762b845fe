/**
 * The ordered vim25 calls a wizard model turns into on one host (wizard-spec §4.6 paths A, B and C), each with
 * the call that undoes it. Preflight shows the plan; create runs it and undoes it in reverse when a step fails.
 */
import {
  adapterTarget,
  DEFAULT_STACK,
  ipv6Key,
  isVsanService,
  serviceChanges,
  STACK_SERVICE,
  switchMtu,
  validationMessage,
  VSAN_TRAFFIC,
  type HostNetworking,
  type Message,
  type NetStackPatch,
  NIC_TYPES,
  nextSwitchName,
  type NewSwitchUplinks,
  type NicType,
  type PhysicalAdapterModel,
  type PortGroupEdit,
  type StandardSwitchEdit,
  type TargetDevice,
  type VimCall,
  type VmkernelAdapterEdit,
  type VmkernelAdapterMigrate,
  type VmkernelAdapterModel,
  type VmPortGroupModel,
} from "@addnet/contracts";
import type {
  HostNetStackInstance,
  HostPortGroupSpec,
  HostVirtualNic,
  HostVirtualNicSpec,
  HostVirtualSwitchSpec,
  Input,
  MoRef,
  VimMethod,
  VimMethods,
} from "@addnet/vsphere";

import { adapterView, uplinksOf, type HostSnapshot } from "./host-snapshot.ts";

/** "{device}" in a step's arguments stands for the vmk AddVirtualNic returns. */
export const DEVICE = "{device}";

/** A vim25 call with its arguments as the method table (VimMethods) types them; "{device}" stands in for a device name. */
export type Call<M extends VimMethod> = { method: M; object: MoRef; args: Input<VimMethods[M]["args"]> };
type CallOf<M extends VimMethod> = { [K in M]: Call<K> }[M];

/** The calls a plan makes, and those that undo them. */
export type PlanCall = CallOf<
  | "UpdateVirtualNic"
  | "DeselectVnicForNicType"
  | "UpdatePortGroup"
  | "RemovePortGroup"
  | "AddVirtualSwitch"
  | "UpdateVirtualSwitch"
  | "AddPortGroup"
  | "AddVirtualNic"
  | "SelectVnicForNicType"
  | "UpdateVsan_Task"
  | "RemoveVirtualNic"
  | "RemoveVirtualSwitch"
  | "UpdateNetworkConfig"
>;
export type UndoCall = CallOf<
  | "AddVirtualNic"
  | "AddVirtualSwitch"
  | "UpdateVirtualNic"
  | "SelectVnicForNicType"
  | "RemoveVirtualSwitch"
  | "UpdateVirtualSwitch"
  | "AddPortGroup"
  | "UpdatePortGroup"
  | "RemovePortGroup"
  | "RemoveVirtualNic"
  | "DeselectVnicForNicType"
  | "UpdateVsan_Task"
  | "UpdateNetworkConfig"
>;

export type VimStep = PlanCall & {
  /** What the call does, for the step list (the browser says it in the user's language). */
  summary: Message;
  /** The call that reverses this one, if any. */
  undo?: UndoCall;
  /** Calls that complete the undo, "{device}" standing for the vmk the undo's AddVirtualNic names (its services). */
  undoThen?: UndoCall[];
  /** UpdateVsan_Task returns a Task to wait for. */
  task?: boolean;
};

/** What a create makes, as it is read back afterwards. */
export type Plan = { steps: VimStep[] } & (
  | {
      kind: "adapter";
      /** The standard port group the adapter goes on ("" for a distributed port group). */
      portgroupName: string;
      tcpipStack: string;
    }
  | { kind: "portGroup"; portgroupName: string }
  | { kind: "uplinks"; vswitchName: string; added: string[] }
  | { kind: "removal"; device: string; portgroup: string }
  | { kind: "adapterEdit" | "migration"; device: string }
  | {
      kind: "stackMove";
      /** The adapter removed, and where the one added goes. */
      device: string;
      from: string;
      portgroupName: string;
      tcpipStack: string;
    }
  | { kind: "portGroupEdit"; portgroupName: string }
  | { kind: "portGroupRemoval"; portgroupName: string; vswitchName: string }
  | { kind: "switchEdit"; vswitchName: string }
  | { kind: "switchRemoval"; vswitchName: string; portGroups: string[] }
);

/** A step as the API shows it: the call, its object, what it does as a code and its names, and in English. */
export function vimCall(step: VimStep): VimCall {
  const { code, params } = step.summary;
  return {
    method: step.method,
    object: `${step.object.type}:${step.object.value}`,
    code,
    params,
    summary: validationMessage(code, params),
  };
}

type IpSpec = Required<Pick<HostVirtualNicSpec, "ip" | "ipRouteSpec">>;
type StaticIpv6 = { address: string; prefixLength: number };

/**
 * The IP configuration and gateway override the IPv4 and IPv6 settings pages set. Static IPv6 addresses are operations:
 * `had` are those the adapter has (an edit), so only the new ones are added and those dropped removed.
 */
function ipSpec(s: HostSnapshot, m: Pick<VmkernelAdapterModel, "ipv4Settings" | "ipv6Settings">, had: StaticIpv6[] = []): IpSpec {
  const v4 = m.ipv4Settings;
  const v6 = m.ipv6Settings;
  return {
    ip: {
      dhcp: v4?.mode === "dhcp",
      ipAddress: v4?.mode === "static" ? v4.address : undefined,
      subnetMask: v4?.mode === "static" ? v4.subnetMask : undefined,
      // Explicit booleans: router advertisement is on by default since ESXi 6.5, so say what the page showed
      // (IPv4 only on an IPv6 host means no IPv6 at all).
      ipV6Config: s.network.ipV6Enabled
        ? {
            ipV6Address: ipv6Operations(had, v6?.staticAddresses ?? []),
            autoConfigurationEnabled: v6?.routerAdvertisement ?? false,
            dhcpV6Enabled: v6?.dhcpV6 ?? false,
          }
        : undefined,
    },
    ipRouteSpec: routeSpec(
      v4?.mode === "static" && v4.overrideGateway ? v4.defaultGateway : undefined,
      v6?.overrideGateway ? v6.defaultGateway : undefined,
    ),
  };
}

/** The adds and removes that take an adapter's static IPv6 addresses from `had` to `want`. */
function ipv6Operations(had: StaticIpv6[], want: StaticIpv6[]) {
  const key = (a: StaticIpv6) => `${ipv6Key(a.address)}/${a.prefixLength}`;
  const op = (a: StaticIpv6, operation: "add" | "remove") => ({
    ipAddress: a.address,
    prefixLength: a.prefixLength,
    origin: "manual",
    operation,
  });
  return [
    ...had.filter((a) => !want.some((w) => key(w) === key(a))).map((a) => op(a, "remove")),
    ...want.filter((w) => !had.some((a) => key(w) === key(a))).map((a) => op(a, "add")),
  ];
}

/** An adapter's own gateways; both unset sends an empty route config, which clears an override. */
function routeSpec(defaultGateway: string | undefined, ipV6DefaultGateway: string | undefined): IpSpec["ipRouteSpec"] {
  return { ipRouteConfig: { _type: "HostIpRouteConfig", defaultGateway, ipV6DefaultGateway } };
}

function nicSpec(
  s: HostSnapshot,
  model: VmkernelAdapterModel,
  mtu: number,
  dvPort: HostVirtualNicSpec["distributedVirtualPort"],
): HostVirtualNicSpec {
  const { ip, ipRouteSpec } = ipSpec(s, model);
  const route = ipRouteSpec.ipRouteConfig;
  return {
    ip,
    distributedVirtualPort: dvPort,
    mtu,
    netStackInstanceKey: model.portProperties.tcpipStack,
    ipRouteSpec: route?.defaultGateway || route?.ipV6DefaultGateway ? ipRouteSpec : undefined,
  };
}

/** An adapter's static IPv6 addresses as the host lists them. */
function staticIpv6(v: HostVirtualNic): StaticIpv6[] {
  return (v.spec.ip?.ipV6Config?.ipV6Address ?? [])
    .filter((a) => a.origin === "manual")
    .map((a) => ({ address: a.ipAddress, prefixLength: a.prefixLength }));
}

type StandardTarget = Exclude<TargetDevice, { kind: "existingNetwork" }>;
const NO_UPLINKS: NewSwitchUplinks = { active: [], standby: [], unused: [] };

/** A new standard switch with its uplinks in failover order, named as the host names its next one (nextSwitchName). */
function addSwitchStep(
  s: HostSnapshot,
  vswitchName: string,
  t: Extract<TargetDevice, { kind: "newStandardSwitch" }>,
  u: NewSwitchUplinks,
): VimStep {
  const nicDevice = [...u.active, ...u.standby, ...u.unused];
  return {
    method: "AddVirtualSwitch",
    object: s.networkSystem,
    args: {
      vswitchName,
      spec: {
        numPorts: 128,
        bridge: nicDevice.length ? { _type: "HostVirtualSwitchBondBridge", nicDevice } : undefined,
        policy: { nicTeaming: { nicOrder: { activeNic: u.active, standbyNic: u.standby } } },
        mtu: t.mtu,
      },
    },
    summary: nicDevice.length
      ? { code: "step.addVirtualSwitch", params: { vswitch: vswitchName, mtu: t.mtu, uplinks: nicDevice.join(", ") } }
      : { code: "step.addVirtualSwitch.noUplinks", params: { vswitch: vswitchName, mtu: t.mtu } },
    undo: { method: "RemoveVirtualSwitch", object: s.networkSystem, args: { vswitchName } },
  };
}

/** A standard port group, on an existing switch or on a new one with its uplinks: the calls that add them. */
function standardSteps(
  s: HostSnapshot,
  t: StandardTarget,
  uplinks: NewSwitchUplinks | undefined,
  portgrp: { name: string; vlanId: number },
): VimStep[] {
  const steps: VimStep[] = [];
  const vswitchName = t.kind === "newStandardSwitch" ? nextSwitchName(s.network.vswitch ?? []) : t.vswitchName;
  if (t.kind === "newStandardSwitch") steps.push(addSwitchStep(s, vswitchName, t, uplinks ?? NO_UPLINKS));
  steps.push({
    method: "AddPortGroup",
    object: s.networkSystem,
    args: { portgrp: { ...portgrp, vswitchName, policy: {} } },
    summary: { code: "step.addPortGroup", params: { portgroup: portgrp.name, vlanId: portgrp.vlanId, vswitch: vswitchName } },
    undo: { method: "RemovePortGroup", object: s.networkSystem, args: { pgName: portgrp.name } },
  });
  return steps;
}

/** Virtual Machine Port Group for a Standard Switch: the switch if new, then the port group. */
export function buildPortGroupPlan(s: HostSnapshot, model: VmPortGroupModel): Plan {
  const { networkLabel, vlanId } = model.connectionSettings;
  const steps = standardSteps(s, model.targetDevice, model.newSwitchUplinks, { name: networkLabel, vlanId });
  return { kind: "portGroup", steps, portgroupName: networkLabel };
}

/**
 * Physical Network Adapter: a new switch with the adapters, or an existing switch's spec with the adapters added and
 * its failover order as the wizard set it (UpdateVirtualSwitch takes the whole spec; its undo, the spec as it was).
 */
export function buildUplinksPlan(s: HostSnapshot, model: PhysicalAdapterModel): Plan {
  const t = model.targetDevice;
  if (t.kind === "newStandardSwitch") {
    const u = model.newSwitchUplinks ?? NO_UPLINKS;
    const vswitchName = nextSwitchName(s.network.vswitch ?? []);
    return { kind: "uplinks", steps: [addSwitchStep(s, vswitchName, t, u)], vswitchName, added: [...u.active, ...u.standby, ...u.unused] };
  }
  const u = model.switchUplinks ?? NO_UPLINKS;
  const vswitch = (s.network.vswitch ?? []).find((v) => v.name === t.vswitchName);
  const current: HostVirtualSwitchSpec = vswitch?.spec ?? { numPorts: 128 };
  const had = new Set(vswitch ? uplinksOf(s, vswitch) : []);
  const nicDevice = [...u.active, ...u.standby, ...u.unused];
  const added = nicDevice.filter((d) => !had.has(d));
  const spec: HostVirtualSwitchSpec = {
    ...current,
    bridge: { ...current.bridge, _type: "HostVirtualSwitchBondBridge", nicDevice },
    policy: { ...current.policy, nicTeaming: { ...current.policy?.nicTeaming, nicOrder: { activeNic: u.active, standbyNic: u.standby } } },
  };
  const none = "--";
  const step: VimStep = {
    method: "UpdateVirtualSwitch",
    object: s.networkSystem,
    args: { vswitchName: t.vswitchName, spec },
    summary: {
      code: "step.updateVirtualSwitch",
      params: {
        uplinks: added.join(", "),
        vswitch: t.vswitchName,
        active: u.active.join(", ") || none,
        standby: u.standby.join(", ") || none,
      },
    },
    undo: { method: "UpdateVirtualSwitch", object: s.networkSystem, args: { vswitchName: t.vswitchName, spec: current } },
  };
  return { kind: "uplinks", steps: [step], vswitchName: t.vswitchName, added };
}

/**
 * Remove a VMkernel adapter: one call. It has no undo (adding the adapter again would give it a new MAC address and
 * none of its services): made, even with its answer lost, the removal is done.
 */
export function buildRemovalPlan(s: HostSnapshot, device: string): Plan {
  const vnic = (s.network.vnic ?? []).find((v) => v.device === device);
  const portgroup = vnic
    ? vnic.portgroup || (s.portgroups.find((p) => p.key === vnic.spec.distributedVirtualPort?.portgroupKey)?.name ?? "")
    : "";
  return {
    kind: "removal",
    device,
    portgroup,
    steps: [
      {
        method: "RemoveVirtualNic",
        object: s.networkSystem,
        args: { device },
        summary: { code: "step.removeVirtualNic", params: { device, portgroup } },
      },
    ],
  };
}

/**
 * Edit Settings of a VMkernel adapter: UpdateVirtualNic with its IP settings, gateways and MTU as the dialog set them
 * (undone with them as they were), then each service it gains or loses on the default stack (a stack adapter's service
 * is its stack's). `net` is the host's view the edit was checked against.
 */
export function buildAdapterEditPlan(s: HostSnapshot, device: string, edit: VmkernelAdapterEdit, net: HostNetworking): Plan {
  const vnic = (s.network.vnic ?? []).find((v) => v.device === device);
  const info = net.vmkernelAdapters.find((a) => a.device === device);
  if (!vnic || !info) return { kind: "adapterEdit", device, steps: [] };
  const p = edit.portProperties;
  const mtu = p.mtu.mode === "custom" ? p.mtu.value : (switchMtu(net, adapterTarget(info)) ?? 1500);
  const had = staticIpv6(vnic);
  const route = vnic.spec.ipRouteSpec?.ipRouteConfig;
  const wasIp = { ...vnic.spec.ip, dhcp: Boolean(vnic.spec.ip?.dhcp) };
  const summary = (ip: IpSpec["ip"], mtu: number): Message => {
    const v6 = ip.ipV6Config;
    const v6Text = [
      ...(v6?.dhcpV6Enabled ? ["DHCPv6"] : []),
      ...(v6?.autoConfigurationEnabled ? ["RA"] : []),
      ...(edit.ipv6Settings?.staticAddresses ?? []).map((a) => `${a.address}/${a.prefixLength}`),
    ];
    return {
      code: "step.updateVirtualNic",
      params: {
        device,
        ipv4: ip.dhcp ? "DHCP" : ip.ipAddress ? `${ip.ipAddress}/${ip.subnetMask}` : "--",
        ipv6: v6Text.join(", ") || "--",
        mtu,
      },
    };
  };
  const want = ipSpec(s, edit, had);
  const steps: VimStep[] = [
    {
      method: "UpdateVirtualNic",
      object: s.networkSystem,
      args: { device, nic: { ...want, mtu } },
      summary: summary(want.ip, mtu),
      undo: {
        method: "UpdateVirtualNic",
        object: s.networkSystem,
        args: {
          device,
          nic: {
            ip: {
              ...wasIp,
              ipV6Config: wasIp.ipV6Config && {
                ...wasIp.ipV6Config,
                ipV6Address: ipv6Operations(edit.ipv6Settings?.staticAddresses ?? [], had),
              },
            },
            ipRouteSpec: routeSpec(route?.defaultGateway, route?.ipV6DefaultGateway),
            mtu: vnic.spec.mtu ?? 1500,
          },
        },
      },
    },
  ];
  const { added, dropped } = serviceChanges(info, p.services);
  for (const nicType of added.filter((x) => !isVsanService(x))) steps.push(selectStep(s, nicType, device));
  for (const nicType of dropped.filter((x) => !isVsanService(x))) {
    const args = { nicType, device };
    steps.push({
      method: "DeselectVnicForNicType",
      object: s.virtualNicManager,
      args,
      summary: { code: "step.deselectVnic", params: { service: nicType, device } },
      undo: { method: "SelectVnicForNicType", object: s.virtualNicManager, args },
    });
  }
  const vsan = [...added, ...dropped].find(isVsanService);
  if (vsan) {
    const nicType = p.services.find(isVsanService);
    const others = s.vsanPorts.filter((x) => x.device !== device);
    steps.push(
      vsanStep(
        s,
        [...others, ...(nicType ? [vsanPort(nicType, device)] : [])],
        nicType
          ? { code: "step.enableVsanOn", params: { service: nicType, device } }
          : { code: "step.disableVsan", params: { service: vsan, device } },
      ),
    );
  }
  return { kind: "adapterEdit", device, steps };
}

/**
 * Migrate a VMkernel adapter: UpdateVirtualNic onto a distributed port group (undone back onto its standard port group,
 * which stays), or a new standard port group and UpdateVirtualNic onto it (undone back onto the distributed port group).
 */
export function buildMigratePlan(s: HostSnapshot, device: string, target: VmkernelAdapterMigrate): Plan {
  const vnic = (s.network.vnic ?? []).find((v) => v.device === device);
  if (!vnic) return { kind: "migration", device, steps: [] };
  const from = adapterView(s, vnic).networkLabel;
  const dvPort = vnic.spec.distributedVirtualPort;
  const update = (nic: HostVirtualNicSpec, back: HostVirtualNicSpec, summary: Message): VimStep => ({
    method: "UpdateVirtualNic",
    object: s.networkSystem,
    args: { device, nic },
    summary,
    undo: { method: "UpdateVirtualNic", object: s.networkSystem, args: { device, nic: back } },
  });
  if (target.to === "distributed") {
    const dvpg = s.portgroups.find((p) => p.key === target.portgroupKey);
    const step = update(
      { distributedVirtualPort: { switchUuid: dvpg?.switchUuid ?? "", portgroupKey: target.portgroupKey } },
      { portgroup: vnic.portgroup },
      { code: "step.migrateToDistributed", params: { device, from, portgroup: dvpg?.name ?? target.portgroupKey } },
    );
    return { kind: "migration", device, steps: [step] };
  }
  const { vswitchName, networkLabel: name, vlanId } = target;
  return {
    kind: "migration",
    device,
    steps: [
      ...standardSteps(s, { kind: "existingStandardSwitch", vswitchName }, undefined, { name, vlanId }),
      update(
        { portgroup: name },
        { distributedVirtualPort: { switchUuid: dvPort?.switchUuid ?? "", portgroupKey: dvPort?.portgroupKey } },
        { code: "step.migrateToStandard", params: { device, from, portgroup: name } },
      ),
    ],
  };
}

/**
 * Move to another TCP/IP stack (ESXi fixes an adapter's stack): RemoveVirtualNic, then AddVirtualNic on the new stack with
 * the adapter's port group, addresses, MTU and gateways, then its services if the new stack is the default one. The
 * removal is undone by adding the adapter again as it was, with its services.
 */
export function buildStackMovePlan(s: HostSnapshot, device: string, tcpipStack: string, net: HostNetworking): Plan {
  const vnic = (s.network.vnic ?? []).find((v) => v.device === device);
  const info = net.vmkernelAdapters.find((a) => a.device === device);
  const base = {
    kind: "stackMove" as const,
    device,
    from: info?.tcpipStack ?? DEFAULT_STACK,
    portgroupName: vnic?.portgroup ?? "",
    tcpipStack,
  };
  if (!vnic || !info) return { ...base, steps: [] };
  const ip = vnic.spec.ip;
  const v6 = ip?.ipV6Config;
  const dv = vnic.spec.distributedVirtualPort;
  const nic = (stack: string): HostVirtualNicSpec => ({
    ip: {
      dhcp: Boolean(ip?.dhcp),
      ipAddress: ip?.dhcp ? undefined : ip?.ipAddress,
      subnetMask: ip?.dhcp ? undefined : ip?.subnetMask,
      ipV6Config: v6 && {
        ipV6Address: ipv6Operations([], staticIpv6(vnic)),
        autoConfigurationEnabled: Boolean(v6.autoConfigurationEnabled),
        dhcpV6Enabled: Boolean(v6.dhcpV6Enabled),
      },
    },
    distributedVirtualPort: dv && { switchUuid: dv.switchUuid, portgroupKey: dv.portgroupKey },
    // Its own MAC again: a DHCP server keeps giving it its address, and a switch's tables stay right.
    mac: vnic.spec.mac,
    mtu: vnic.spec.mtu,
    netStackInstanceKey: stack,
    ipRouteSpec: vnic.spec.ipRouteSpec,
  });
  // The services each stack's adapter carries itself: the vMotion and Provisioning stacks' are their own.
  const servicesOn = (stack: string) =>
    stack === DEFAULT_STACK ? info.services.filter((x): x is NicType => (NIC_TYPES as readonly string[]).includes(x)) : [];
  const serviceSteps = (stack: string, ports: HostSnapshot["vsanPorts"]) =>
    servicesOn(stack).map((nicType) =>
      isVsanService(nicType)
        ? vsanStep(s, [...ports, vsanPort(nicType, DEVICE)], { code: "step.enableVsan", params: { service: nicType } })
        : selectStep(s, nicType, DEVICE),
    );
  const others = s.vsanPorts.filter((x) => x.device !== device);
  const undoServices = serviceSteps(base.from, others).map((x) => ({ method: x.method, object: x.object, args: x.args }) as UndoCall);
  const portgroup = info.networkLabel;
  const mtu = vnic.spec.mtu ?? 1500;
  return {
    ...base,
    steps: [
      {
        method: "RemoveVirtualNic",
        object: s.networkSystem,
        args: { device },
        summary: { code: "step.removeVirtualNic", params: { device, portgroup } },
        undo: { method: "AddVirtualNic", object: s.networkSystem, args: { portgroup: vnic.portgroup, nic: nic(base.from) } },
        undoThen: undoServices,
      },
      {
        method: "AddVirtualNic",
        object: s.networkSystem,
        args: { portgroup: vnic.portgroup, nic: nic(tcpipStack) },
        summary: {
          code: dv ? "step.addVirtualNic.distributed" : "step.addVirtualNic.standard",
          params: { portgroup, stack: tcpipStack, mtu },
        },
        undo: { method: "RemoveVirtualNic", object: s.networkSystem, args: { device: DEVICE } },
      },
      ...serviceSteps(tcpipStack, others),
    ],
  };
}

/** SelectVnicForNicType for one service, undone by DeselectVnicForNicType. */
function selectStep(s: HostSnapshot, nicType: string, device: string): VimStep {
  return {
    method: "SelectVnicForNicType",
    object: s.virtualNicManager,
    args: { nicType, device },
    // A create's adapter is "the new adapter" until AddVirtualNic names it.
    summary:
      device === DEVICE
        ? { code: "step.selectVnic", params: { service: nicType } }
        : { code: "step.selectVnicOn", params: { service: nicType, device } },
    undo: { method: "DeselectVnicForNicType", object: s.virtualNicManager, args: { nicType, device } },
  };
}

/** A vSAN port with the traffic the service is (a plain port for vSAN). */
function vsanPort(nicType: "vsan" | "vsanWitness", device: string) {
  return nicType === "vsan" ? { device } : { _type: "VsanHostPortConfigEx", device, trafficTypes: [VSAN_TRAFFIC[nicType]] };
}

/** UpdateVsan_Task sets the whole port list; its undo sends the host's list as it was. */
function vsanStep(s: HostSnapshot, port: HostSnapshot["vsanPorts"], summary: Message): VimStep {
  return {
    method: "UpdateVsan_Task",
    object: s.vsanSystem!,
    args: { config: { networkInfo: { port } } },
    summary,
    undo: { method: "UpdateVsan_Task", object: s.vsanSystem!, args: { config: { networkInfo: { port: s.vsanPorts } } } },
    task: true,
  };
}

/**
 * Edit a standard switch: UpdateVirtualSwitch with its spec as the host has it and the fields the dialog changed (MTU,
 * security, teaming and failover); undone with the spec as it was.
 */
export function buildSwitchEditPlan(s: HostSnapshot, name: string, edit: StandardSwitchEdit): Plan {
  const current: HostVirtualSwitchSpec = (s.network.vswitch ?? []).find((v) => v.name === name)?.spec ?? { numPorts: 128 };
  const t = edit.teaming;
  const policy = current.policy ?? {};
  const spec: HostVirtualSwitchSpec = {
    ...current,
    mtu: edit.mtu ?? current.mtu,
    policy: {
      ...policy,
      security: edit.security ? { ...policy.security, ...edit.security } : policy.security,
      nicTeaming: t
        ? {
            ...policy.nicTeaming,
            policy: t.policy,
            notifySwitches: t.notifySwitches,
            rollingOrder: !t.failback,
            nicOrder: { activeNic: t.failoverOrder.active, standbyNic: t.failoverOrder.standby },
          }
        : policy.nicTeaming,
    },
  };
  const order = spec.policy?.nicTeaming?.nicOrder;
  const none = "--";
  const step: VimStep = {
    method: "UpdateVirtualSwitch",
    object: s.networkSystem,
    args: { vswitchName: name, spec },
    summary: {
      code: "step.editVirtualSwitch",
      params: {
        vswitch: name,
        mtu: spec.mtu ?? 1500,
        active: order?.activeNic?.join(", ") || none,
        standby: order?.standbyNic?.join(", ") || none,
      },
    },
    undo: { method: "UpdateVirtualSwitch", object: s.networkSystem, args: { vswitchName: name, spec: current } },
  };
  return { kind: "switchEdit", steps: [step], vswitchName: name };
}

/**
 * Remove a standard switch: its port groups one by one (each undone by adding it again as it was), then the switch
 * (undone by adding it with its spec). RemoveVirtualSwitch alone would take the port groups too, with no exact undo.
 */
export function buildSwitchRemovalPlan(s: HostSnapshot, name: string): Plan {
  const spec: HostVirtualSwitchSpec = (s.network.vswitch ?? []).find((v) => v.name === name)?.spec ?? { numPorts: 128 };
  const portGroups = (s.network.portgroup ?? []).filter((p) => p.spec.vswitchName === name).map((p) => p.spec.name);
  const steps = portGroups.flatMap((pg) => buildPortGroupRemovalPlan(s, pg).steps);
  steps.push({
    method: "RemoveVirtualSwitch",
    object: s.networkSystem,
    args: { vswitchName: name },
    summary: { code: "step.removeVirtualSwitch", params: { vswitch: name } },
    undo: { method: "AddVirtualSwitch", object: s.networkSystem, args: { vswitchName: name, spec } },
  });
  return { kind: "switchRemoval", steps, vswitchName: name, portGroups };
}

/** A standard port group's spec as the host has it (the spec to send back: an undo, an edit of one field). */
function portGroupSpec(s: HostSnapshot, name: string): HostPortGroupSpec {
  return (s.network.portgroup ?? []).find((p) => p.spec.name === name)?.spec ?? { name, vlanId: 0, vswitchName: "", policy: {} };
}

/** Edit a standard port group: UpdatePortGroup with its spec and the fields changed; undone with the spec as it was. */
export function buildPortGroupEditPlan(s: HostSnapshot, name: string, edit: PortGroupEdit): Plan {
  const current = portGroupSpec(s, name);
  const policy = current.policy ?? {};
  const t = edit.teaming;
  const order = edit.failoverOrder;
  // An override sets every field of its policy; null clears them, so that the switch's apply again.
  const teaming = { policy: undefined, notifySwitches: undefined, rollingOrder: undefined };
  const nicTeaming = {
    ...policy.nicTeaming,
    ...(t !== undefined && teaming),
    ...(t && { policy: t.policy, notifySwitches: t.notifySwitches, rollingOrder: !t.failback }),
    ...(order !== undefined && { nicOrder: order ? { activeNic: order.active, standbyNic: order.standby } : undefined }),
  };
  const portgrp: HostPortGroupSpec = {
    ...current,
    name: edit.networkLabel?.trim() ?? name,
    vlanId: edit.vlanId ?? current.vlanId,
    policy: {
      ...policy,
      security:
        edit.security === undefined
          ? policy.security
          : { ...policy.security, allowPromiscuous: undefined, macChanges: undefined, forgedTransmits: undefined, ...edit.security },
      nicTeaming: t === undefined && order === undefined ? policy.nicTeaming : nicTeaming,
    },
  };
  const step: VimStep = {
    method: "UpdatePortGroup",
    object: s.networkSystem,
    args: { pgName: name, portgrp },
    summary: {
      code: "step.updatePortGroup",
      params: { portgroup: name, name: portgrp.name, vlanId: portgrp.vlanId, vswitch: current.vswitchName },
    },
    undo: { method: "UpdatePortGroup", object: s.networkSystem, args: { pgName: portgrp.name, portgrp: current } },
  };
  return { kind: "portGroupEdit", steps: [step], portgroupName: portgrp.name };
}

/** Remove a standard port group: RemovePortGroup; undone by adding it again as it was. */
export function buildPortGroupRemovalPlan(s: HostSnapshot, name: string): Plan {
  const current = portGroupSpec(s, name);
  const step: VimStep = {
    method: "RemovePortGroup",
    object: s.networkSystem,
    args: { pgName: name },
    summary: { code: "step.removePortGroup", params: { portgroup: name, vswitch: current.vswitchName } },
    undo: { method: "AddPortGroup", object: s.networkSystem, args: { portgrp: current } },
  };
  return { kind: "portGroupRemoval", steps: [step], portgroupName: name, vswitchName: current.vswitchName };
}

/** `net` is the host's view the model was checked against (networkingView of `s`). */
export function buildPlan(s: HostSnapshot, model: VmkernelAdapterModel, net: HostNetworking): Plan {
  const t = model.targetDevice;
  const props = model.portProperties;
  const mtu = props.mtu.mode === "custom" ? props.mtu.value : (switchMtu(net, t) ?? 1500);
  let portgroupName = "";
  let dvPort: HostVirtualNicSpec["distributedVirtualPort"];
  const steps: VimStep[] = [];
  if (t.kind === "existingNetwork") {
    const dvpg = s.portgroups.find((p) => p.key === t.portgroupKey);
    dvPort = { switchUuid: dvpg?.switchUuid ?? "", portgroupKey: t.portgroupKey };
  } else {
    portgroupName = props.networkLabel ?? "VMkernel";
    steps.push(...standardSteps(s, t, model.newSwitchUplinks, { name: portgroupName, vlanId: props.vlanId ?? 0 }));
  }
  const summary: Message =
    t.kind === "existingNetwork"
      ? {
          code: "step.addVirtualNic.distributed",
          params: { portgroup: s.portgroups.find((p) => p.key === t.portgroupKey)?.name ?? t.portgroupKey, stack: props.tcpipStack, mtu },
        }
      : { code: "step.addVirtualNic.standard", params: { portgroup: portgroupName, stack: props.tcpipStack, mtu } };
  steps.push({
    method: "AddVirtualNic",
    object: s.networkSystem,
    args: { portgroup: portgroupName, nic: nicSpec(s, model, mtu, dvPort) },
    summary,
    undo: { method: "RemoveVirtualNic", object: s.networkSystem, args: { device: DEVICE } },
  });
  // vMotion and Provisioning stacks carry their service already: no selection call (wizard-spec §4.6).
  const services =
    props.tcpipStack === DEFAULT_STACK ? props.services : props.services.filter((x) => STACK_SERVICE[props.tcpipStack] !== x);
  for (const nicType of services) {
    // UpdateVsan_Task sets the whole port list: the host's ports as they are, with their traffic, and the new one.
    if (isVsanService(nicType))
      steps.push(vsanStep(s, [...s.vsanPorts, vsanPort(nicType, DEVICE)], { code: "step.enableVsan", params: { service: nicType } }));
    else steps.push(selectStep(s, nicType, DEVICE));
  }
  return { kind: "adapter", steps, portgroupName, tcpipStack: props.tcpipStack };
}

/**
 * The "Edit TCP/IP stack configuration" dialog's edit as one UpdateNetworkConfig (netStackSpec edit, changeMode modify):
 * the settings the patch leaves out are sent with their current values, as the vSphere Client and Ansible do. Undone by
 * sending the stack as it was. A stack edit, and a rollout's create as its last step, both send this.
 */
export function netStackStep(s: HostSnapshot, key: string, patch: NetStackPatch): VimStep & Call<"UpdateNetworkConfig"> {
  const stack = (s.network.netStackInstance ?? []).find((x) => x.key === key) ?? { key };
  const edit = (netStackInstance: HostNetStackInstance) => ({
    config: { netStackSpec: [{ netStackInstance, operation: "edit" }] },
    changeMode: "modify" as const,
  });
  const instance = netStackInstance(stack, patch);
  const dns = instance.dnsConfig;
  return {
    method: "UpdateNetworkConfig",
    object: s.networkSystem,
    args: edit(instance),
    summary: {
      code: "step.updateNetStack",
      params: {
        stack: key,
        gateway: [instance.ipRouteConfig?.defaultGateway, instance.ipRouteConfig?.ipV6DefaultGateway].filter(Boolean).join(", ") || "--",
        dns: dns?.dhcp ? `DHCP (${dns.virtualNicDevice ?? "--"})` : dns?.address?.join(", ") || "--",
        congestionControl: instance.congestionControlAlgorithm ?? "--",
        maxConnections: instance.requestedMaxNumberOfConnections ?? "--",
      },
    },
    undo: { method: "UpdateNetworkConfig", object: s.networkSystem, args: edit(netStackInstance(stack, {})) },
  };
}

/** The stack as the edit sends it: every setting, those the patch leaves out with their current values. */
function netStackInstance(stack: HostNetStackInstance, patch: Partial<NetStackPatch>): HostNetStackInstance {
  const route = stack.ipRouteConfig ?? {};
  const gateway = (given: string | undefined, current: string | undefined) => (given === undefined ? current : given || undefined);
  const dns = patch.dnsConfiguration;
  const current = stack.dnsConfig;
  return {
    key: stack.key,
    name: patch.name?.trim() ?? stack.name,
    // Every stack has its own DNS settings (the vMotion stack's are the seed's next task).
    dnsConfig:
      dns?.mode === "dhcp"
        ? {
            _type: "HostDnsConfig",
            hostName: "",
            domainName: "",
            address: [],
            searchDomain: [],
            ...current,
            dhcp: true,
            virtualNicDevice: dns.vmkernelAdapter,
          }
        : dns?.mode === "manual"
          ? {
              _type: "HostDnsConfig",
              dhcp: false,
              hostName: dns.hostName,
              domainName: dns.domainName,
              address: [dns.preferredDnsServer, dns.alternateDnsServer].filter((a): a is string => Boolean(a)),
              searchDomain: dns.searchDomains,
            }
          : current && { _type: "HostDnsConfig", ...current },
    ipRouteConfig: {
      _type: "HostIpRouteConfig",
      defaultGateway: gateway(patch.defaultGateway, route.defaultGateway),
      ipV6DefaultGateway: gateway(patch.ipV6DefaultGateway, route.ipV6DefaultGateway),
    },
    requestedMaxNumberOfConnections: patch.maxNumberOfConnections ?? stack.requestedMaxNumberOfConnections,
    congestionControlAlgorithm: patch.congestionControlAlgorithm ?? stack.congestionControlAlgorithm,
  };
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
