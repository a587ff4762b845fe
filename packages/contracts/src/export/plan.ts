/**
 * What the Ready to complete page exports as code (issue 13, item 4): the wizard's model for each host, with what addnet
 * resolved for that host that the model alone does not say, in the terms every export shares.
 */
import type { HostNetworking, TcpipStackInfo } from "../api.ts";
import { switchMtu } from "../host-rules.ts";
import type { NetStackPatch } from "../netstack.ts";
import { DEFAULT_STACK, isVsanService, STACK_SERVICE, type NicType, type VmkernelAdapterModel } from "../wizard.ts";

/** What addnet resolved on one host when it planned the change there (the same facts its own vim25 calls use). */
export interface HostResolution {
  /** The new standard switch's name: the host's next free vSwitchN (a new standard switch only). */
  newSwitchName?: string;
  /** The switch MTU that "Get MTU from switch" stands for (an existing standard or distributed switch): addnet sends it. */
  switchMtu?: number;
  /** The distributed port group the adapter connects to (Select an existing network only). */
  distributedPortGroup?: { name: string; switchName: string; switchUuid: string };
  /** The device the host names the adapter: its next free vmkN. esxcli, and Ansible with DHCP, must name it. */
  device: string;
  /** IPv6 is on at the host: addnet then sends router advertisement and DHCPv6 explicitly, off unless the page asked. */
  ipv6Enabled: boolean;
  /** The TCP/IP stack's name when it differs from its key (a renamed custom stack): PowerCLI selects a stack by name. */
  tcpipStackName?: string;
  /**
   * The adapter's TCP/IP stack as the host has it before the change (with stack settings in the plan): a tool that
   * writes every setting (Ansible's vmware_host_tcpip_stacks) is given these for the settings the plan leaves as they are.
   */
  stack?: TcpipStackInfo;
}

export interface ExportHostPlan {
  /** The host's name in vCenter's inventory (esxi_hostname, -VMHost, data "vsphere_host", govc -host). */
  hostName: string;
  model: VmkernelAdapterModel;
  resolved: HostResolution;
  /** The adapter's TCP/IP stack's settings, set once the adapter is made (a rollout's netStack). */
  netStack?: NetStackPatch;
}

export interface ExportInput {
  /** The vCenter: its SDK URL (https://vcenter.example.com/sdk) or its host name. Never credentials. */
  vcenter: string;
  /** The datacenter holding the hosts (Terraform looks hosts up in it); null when unknown: Terraform then asks for it. */
  datacenter: string | null;
  hosts: ExportHostPlan[];
}

export const EXPORT_FORMATS = ["powercli", "ansible", "terraform", "govc"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A field of the plan the tool cannot express: the export says so in a comment at that place, and lists it here. */
export interface ExportGap {
  host: string;
  /** The wizard's field, as the model names it (e.g. "ipv6Settings.staticAddresses", "portProperties.services: nvmeTcp"). */
  field: string;
  reason: string;
}

export interface PlanExport {
  format: ExportFormat;
  fileName: string;
  mediaType: string;
  text: string;
  gaps: ExportGap[];
}

/** The host's next free vSwitchN: the name a new standard switch gets (addnet's AddVirtualSwitch sends it). */
export function nextSwitchName(vswitches: readonly { name: string }[]): string {
  const taken = new Set(vswitches.map((v) => v.name));
  let n = 0;
  while (taken.has(`vSwitch${n}`)) n++;
  return `vSwitch${n}`;
}

/** The device the host names a new VMkernel adapter: its lowest free vmkN (AddVirtualNic on ESXi). */
export function nextVmkernelDevice(adapters: readonly { device: string }[]): string {
  const taken = new Set(adapters.map((a) => a.device));
  let n = 0;
  while (taken.has(`vmk${n}`)) n++;
  return `vmk${n}`;
}

/**
 * One host's plan for the export, from what the browser has: the host's networking (GET /hosts/{id}/networking), the
 * wizard's model for it and its stack's settings; resolved as addnet's own change resolves it on that host.
 */
export function resolveExportHost(net: HostNetworking, model: VmkernelAdapterModel, netStack?: NetStackPatch): ExportHostPlan {
  const t = model.targetDevice;
  const key = model.portProperties.tcpipStack;
  const stack = net.tcpipStacks.find((s) => s.key === key);
  let distributedPortGroup: HostResolution["distributedPortGroup"];
  if (t.kind === "existingNetwork") {
    const pg = net.distributedPortgroups.find((p) => p.key === t.portgroupKey);
    if (!pg) throw new Error(`${net.host.name}: no distributed port group ${t.portgroupKey}`);
    distributedPortGroup = { name: pg.name, switchName: pg.switchName, switchUuid: pg.switchUuid };
  }
  const resolved: HostResolution = {
    newSwitchName: t.kind === "newStandardSwitch" ? nextSwitchName(net.vswitches) : undefined,
    switchMtu: t.kind === "newStandardSwitch" ? undefined : switchMtu(net, t),
    distributedPortGroup,
    device: nextVmkernelDevice(net.vmkernelAdapters),
    ipv6Enabled: net.ipv6Enabled,
    tcpipStackName: stack && stack.name !== key ? stack.name : undefined,
    stack: netStack ? stack : undefined,
  };
  return { hostName: net.host.name, model, resolved, netStack };
}

/** The vCenter's host name and port, from an SDK URL or a bare host name. */
export function vcenterEndpoint(vcenter: string): { host: string; port: number; url: string } {
  const url = new URL(/^[a-z]+:\/\//i.test(vcenter) ? vcenter : `https://${vcenter}/sdk`);
  if (url.username || url.password) throw new Error("The vCenter URL must not carry credentials");
  const port = url.port ? Number(url.port) : url.protocol === "http:" ? 80 : 443;
  const path = url.pathname === "/" ? "/sdk" : url.pathname;
  return { host: url.hostname, port, url: `${url.protocol}//${url.host}${path}` };
}

/** One host's plan, in the terms every export shares. */
export interface AdapterPlan {
  host: string;
  target:
    | {
        kind: "new";
        vswitch: string;
        mtu: number;
        active: string[];
        standby: string[];
        unused: string[];
        portgroup: string;
        vlanId: number;
      }
    | { kind: "standard"; vswitch: string; portgroup: string; vlanId: number }
    | { kind: "distributed"; dvs: string; dvsUuid: string; portgroup: string; portgroupKey: string };
  /** The adapter's MTU as addnet sends it: custom, or the switch's. */
  mtu: number;
  device: string;
  tcpipStack: string;
  tcpipStackName: string;
  /** Services selected after the adapter is made: on the default stack only (a vMotion or Provisioning stack implies its own). */
  services: NicType[];
  ipv4?: { dhcp: true } | { dhcp: false; address: string; subnetMask: string; gateway?: string };
  ipv6?: { dhcp: boolean; routerAdvertisement: boolean; addresses: { address: string; prefixLength: number }[]; gateway?: string };
  /** IPv6 is on at the host but the page did not ask for it: addnet turns router advertisement and DHCPv6 off explicitly. */
  ipv6Off: boolean;
  /** The stack's settings to set after the adapter, and the stack as it was. */
  netStack?: { patch: NetStackPatch; before?: TcpipStackInfo };
}

/** The plan for one host as addnet's own change makes it (apps/api's buildPlan: the same MTU, port group, services). */
export function adapterPlan(h: ExportHostPlan): AdapterPlan {
  const { model, resolved } = h;
  const t = model.targetDevice;
  const p = model.portProperties;
  const mtu = p.mtu.mode === "custom" ? p.mtu.value : t.kind === "newStandardSwitch" ? t.mtu : (resolved.switchMtu ?? 1500);
  let target: AdapterPlan["target"];
  const portgroup = p.networkLabel ?? "VMkernel";
  const vlanId = p.vlanId ?? 0;
  if (t.kind === "newStandardSwitch") {
    if (!resolved.newSwitchName) throw new Error(`${h.hostName}: the new standard switch needs its name`);
    const u = model.newSwitchUplinks ?? { active: [], standby: [], unused: [] };
    target = { kind: "new", vswitch: resolved.newSwitchName, mtu: t.mtu, ...u, portgroup, vlanId };
  } else if (t.kind === "existingStandardSwitch") {
    target = { kind: "standard", vswitch: t.vswitchName, portgroup, vlanId };
  } else {
    const dv = resolved.distributedPortGroup;
    if (!dv) throw new Error(`${h.hostName}: the distributed port group ${t.portgroupKey} needs its name and switch`);
    target = { kind: "distributed", dvs: dv.switchName, dvsUuid: dv.switchUuid, portgroup: dv.name, portgroupKey: t.portgroupKey };
  }
  const stack = p.tcpipStack;
  const services = stack === DEFAULT_STACK ? [...p.services] : p.services.filter((s) => STACK_SERVICE[stack] !== s);
  const v4 = model.ipv4Settings;
  const v6 = model.ipv6Settings;
  return {
    host: h.hostName,
    target,
    mtu,
    device: resolved.device,
    tcpipStack: stack,
    tcpipStackName: resolved.tcpipStackName ?? stack,
    services,
    ipv4: !v4
      ? undefined
      : v4.mode === "dhcp"
        ? { dhcp: true }
        : {
            dhcp: false,
            address: v4.address,
            subnetMask: v4.subnetMask,
            gateway: v4.overrideGateway ? v4.defaultGateway : undefined,
          },
    ipv6: v6 && {
      dhcp: v6.dhcpV6,
      routerAdvertisement: v6.routerAdvertisement,
      addresses: v6.staticAddresses,
      gateway: v6.overrideGateway ? v6.defaultGateway : undefined,
    },
    ipv6Off: resolved.ipv6Enabled && !v6,
    netStack: h.netStack && { patch: h.netStack, before: resolved.stack },
  };
}

/** The services HostVirtualNicManager.SelectVnicForNicType selects (vSAN's go through HostVsanSystem). */
export const selectable = (services: readonly NicType[]) => services.filter((s) => !isVsanService(s));

/** A line saying what the adapter is, for each tool's comment above its steps. */
export function summary(a: AdapterPlan): string {
  const where =
    a.target.kind === "new"
      ? `port group ${a.target.portgroup} (VLAN ${a.target.vlanId}) on a new standard switch ${a.target.vswitch}`
      : a.target.kind === "standard"
        ? `port group ${a.target.portgroup} (VLAN ${a.target.vlanId}) on ${a.target.vswitch}`
        : `distributed port group ${a.target.portgroup} on ${a.target.dvs}`;
  const v4 = a.ipv4 ? (a.ipv4.dhcp ? "IPv4 DHCP" : `IPv4 ${a.ipv4.address}/${a.ipv4.subnetMask}`) : undefined;
  const v6 = a.ipv6 ? "IPv6" : undefined;
  const services = a.services.length ? `, services ${a.services.join(", ")}` : "";
  return `${a.device} on ${where}, ${[v4, v6].filter(Boolean).join(" + ")}, MTU ${a.mtu}, TCP/IP stack ${a.tcpipStack}${services}`;
}

/** The stack settings a plan sets, for each tool's comment: "defaultGateway 192.168.30.1, congestionControlAlgorithm cubic". */
export function netStackSummary(p: NetStackPatch): string {
  return Object.entries(p)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) =>
        `${k} ${typeof v === "object" ? (v.mode === "dhcp" ? `DHCP (${v.vmkernelAdapter})` : "manual") : v === "" ? "(removed)" : v}`,
    )
    .join(", ");
}

/** Collects the gaps of one export and the comment text for each. */
export class Gaps {
  readonly list: ExportGap[] = [];
  add(host: string, field: string, reason: string): string {
    this.list.push({ host, field, reason });
    return `NOT EXPRESSIBLE (${field}): ${reason}`;
  }
}
