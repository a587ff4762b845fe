/**
 * API answers modelled on the simulated vCenter's inventory (README: esx-01 … esx-09, DSwitch-Lab), each parsed
 * with the contracts schema it claims to be, so a fixture cannot drift from the API's contract.
 */
import {
  addedUplinksSchema,
  auditEntrySchema,
  createdAdapterSchema,
  createdPortGroupSchema,
  hostNetworkingSchema,
  hostsPageSchema,
  preflightSchema,
  problemSchema,
  removedAdapterSchema,
  sessionInfoSchema,
  tcpipStackInfoSchema,
  type AddedUplinks,
  type CreatedAdapter,
  type CreatedPortGroup,
  type HostNetworking,
  type HostSummary,
  type Preflight,
  type Problem,
  type ProblemCode,
  type RemovedAdapter,
  type SessionInfo,
  type TcpipStackInfo,
} from "@addnet/contracts";

export const ADMIN: SessionInfo = sessionInfoSchema.parse({
  user: { name: "Administrator", login: "administrator@vsphere.local" },
  server: "vcsa.lab.local",
  csrfToken: "csrf-token-1",
  privileges: [
    {
      entity: { type: "Folder", id: "group-d1", name: "Datacenters" },
      privileges: ["Host.Config.Network", "Host.Config.Storage", "Network.Assign"],
    },
  ],
});

export const HELPDESK: SessionInfo = sessionInfoSchema.parse({
  user: { name: "Help Desk", login: "helpdesk@vsphere.local" },
  server: "vcsa.lab.local",
  csrfToken: "csrf-token-helpdesk",
  privileges: [
    {
      entity: { type: "ClusterComputeResource", id: "domain-c8", name: "Cluster-Dev" },
      privileges: ["Host.Config.Network", "Network.Assign"],
    },
  ],
});

const DVS_UUID = "50 2a 6b 1c 9d 4e 7f 80-91 a2 b3 c4 d5 e6 f7 08";

export function hostSummary(i: number, overrides: Partial<HostSummary> = {}): HostSummary {
  const cluster =
    i <= 4 ? "Cluster-Prod" : i <= 8 ? "Cluster-Dev" : i === 9 ? null : `Cluster-Scale-${String(Math.ceil((i - 9) / 64)).padStart(2, "0")}`;
  return {
    id: `host-${10 + i * 2}`,
    name: `esx-${String(i).padStart(2, "0")}.lab.local`,
    datacenter: "Datacenter",
    cluster,
    connectionState: i === 4 ? "disconnected" : "connected",
    inMaintenanceMode: i === 7,
    version: i % 3 === 0 && i > 3 ? "7.0.3" : "8.0.3",
    canConfigureNetwork: true,
    ...overrides,
  };
}

export function hostsPage(items: HostSummary[], total = items.length, nextCursor: string | null = null) {
  return hostsPageSchema.parse({ items, total, nextCursor });
}

function stack(key: string, overrides: Partial<TcpipStackInfo> = {}): TcpipStackInfo {
  return tcpipStackInfoSchema.parse({
    key,
    name: key,
    active: false,
    defaultGateway: null,
    ipV6DefaultGateway: null,
    dns: { dhcp: false, vmkernelAdapter: null, hostName: "localhost", domainName: "", servers: [], searchDomains: [] },
    congestionControlAlgorithm: "newreno",
    maxNumberOfConnections: 11000,
    runtimeMaxNumberOfConnections: 11000,
    vmkernelAdapters: [],
    ...overrides,
  });
}

const SERVICES = [
  "vmotion",
  "vSphereProvisioning",
  "faultToleranceLogging",
  "management",
  "vSphereReplication",
  "vSphereReplicationNFC",
  "vsan",
  "vsanWitness",
  "vSphereBackupNFC",
  "ptp",
  "nvmeTcp",
  "nvmeRdma",
];

/** A standard switch's security and teaming as vCenter creates it: Reject all three; originating port, notify, failback. */
export const SWITCH_POLICY: Pick<HostNetworking["vswitches"][number], "security" | "teaming"> = {
  security: { allowPromiscuous: false, macChanges: false, forgedTransmits: false },
  teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: true },
};

export interface NetworkingOptions {
  index?: number;
  ipv6Enabled?: boolean;
  hostConfigNetwork?: boolean;
  hostConfigStorage?: boolean;
  /** Network.Assign per port group name (default: all). */
  assignable?: string[];
  customStack?: boolean;
  /** A vmk1 already on the vMotion stack. */
  vmotionStackAdapter?: boolean;
}

/** A host's networking as the simulator sets it up (README "The simulated vCenter"). */
export function networking(opts: NetworkingOptions = {}): HostNetworking {
  const i = opts.index ?? 1;
  const name = `esx-${String(i).padStart(2, "0")}.lab.local`;
  const short = name.split(".")[0]!;
  const mac = (n: number) => `00:0c:29:00:${String(i).padStart(2, "0")}:0${n}`;
  const assignable = opts.assignable ?? ["DPG-vMotion", "DPG-Provisioning", "DPG-Storage"];
  const ipv6Enabled = opts.ipv6Enabled ?? true;
  const vmks: HostNetworking["vmkernelAdapters"] = [
    {
      device: "vmk0",
      networkLabel: "Management Network",
      switchName: "vSwitch0",
      portgroup: "Management Network",
      distributedPort: null,
      mac: mac(0),
      mtu: 1500,
      ipv4: { dhcp: false, address: `10.10.0.${10 + i}`, subnetMask: "255.255.255.0" },
      ipv6: ipv6Enabled
        ? {
            dhcpV6: false,
            routerAdvertisement: true,
            addresses: [{ address: `fe80::20c:29ff:fe00:${i}00`, prefixLength: 64, origin: "other" }],
          }
        : null,
      tcpipStack: "defaultTcpipStack",
      gatewayOverride: null,
      services: opts.vmotionStackAdapter ? ["management"] : ["management", "vmotion"],
    },
  ];
  if (opts.vmotionStackAdapter) {
    vmks.push({
      device: "vmk1",
      networkLabel: "DPG-vMotion",
      switchName: "DSwitch-Lab",
      portgroup: null,
      distributedPort: { switchUuid: DVS_UUID, portgroupKey: "dvportgroup-23", portKey: null },
      mac: mac(9),
      mtu: 9000,
      ipv4: { dhcp: false, address: "192.168.30.11", subnetMask: "255.255.255.0" },
      ipv6: null,
      tcpipStack: "vmotion",
      gatewayOverride: null,
      services: ["vmotion"],
    });
  }
  if (opts.customStack) {
    vmks.push({
      device: "vmk1",
      networkLabel: "NFS",
      switchName: "vSwitch0",
      portgroup: "NFS",
      distributedPort: null,
      mac: mac(8),
      mtu: 1500,
      ipv4: { dhcp: true, address: "10.60.0.20", subnetMask: "255.255.255.0" },
      ipv6: null,
      tcpipStack: "NFS",
      gatewayOverride: null,
      services: [],
    });
  }
  const stacks = [
    stack("defaultTcpipStack", {
      active: true,
      defaultGateway: "10.10.0.1",
      ipV6DefaultGateway: ipv6Enabled ? "fd00:10::1" : null,
      dns: {
        dhcp: false,
        vmkernelAdapter: null,
        hostName: short,
        domainName: "lab.local",
        servers: ["10.10.0.2", "10.10.0.3"],
        searchDomains: ["lab.local"],
      },
      vmkernelAdapters: ["vmk0"],
    }),
    stack("vmotion", opts.vmotionStackAdapter ? { active: true, vmkernelAdapters: ["vmk1"] } : {}),
    stack("vSphereProvisioning"),
  ];
  if (opts.customStack) stacks.push(stack("NFS", { active: true, defaultGateway: "10.60.0.1", vmkernelAdapters: ["vmk1"] }));
  return hostNetworkingSchema.parse({
    host: {
      id: `host-${10 + i * 2}`,
      name,
      version: "8.0.3",
      apiVersion: "8.0.3.0",
      connectionState: "connected",
      inMaintenanceMode: false,
    },
    ipv6Enabled,
    vswitches: [
      {
        name: "vSwitch0",
        mtu: 1500,
        uplinks: ["vmnic0"],
        activeNics: ["vmnic0"],
        standbyNics: [],
        portgroups: ["Management Network", "VM Network", ...(opts.customStack ? ["NFS"] : [])],
        ...SWITCH_POLICY,
      },
    ],
    portgroups: [
      {
        name: "Management Network",
        vlanId: 0,
        vswitch: "vSwitch0",
        vmkernelAdapter: "vmk0",
        security: null,
        teaming: null,
        failoverOrder: null,
      },
      { name: "VM Network", vlanId: 0, vswitch: "vSwitch0", vmkernelAdapter: null, security: null, teaming: null, failoverOrder: null },
      ...(opts.customStack
        ? [{ name: "NFS", vlanId: 60, vswitch: "vSwitch0", vmkernelAdapter: "vmk1", security: null, teaming: null, failoverOrder: null }]
        : []),
    ],
    physicalNics: [
      { device: "vmnic0", mac: mac(0), speedMb: 10000, usedBy: { kind: "standardSwitch", name: "vSwitch0" } },
      { device: "vmnic1", mac: mac(1), speedMb: 10000, usedBy: { kind: "distributedSwitch", name: "DSwitch-Lab" } },
      { device: "vmnic2", mac: mac(2), speedMb: 10000, usedBy: null },
      { device: "vmnic3", mac: mac(3), speedMb: 10000, usedBy: null },
    ],
    vmkernelAdapters: vmks,
    tcpipStacks: stacks,
    distributedPortgroups: [
      { key: "dvportgroup-23", name: "DPG-vMotion", vlanId: 30 },
      { key: "dvportgroup-24", name: "DPG-Provisioning", vlanId: 40 },
      { key: "dvportgroup-25", name: "DPG-Storage", vlanId: 50 },
    ].map((p) => ({ ...p, switchName: "DSwitch-Lab", switchUuid: DVS_UUID, mtu: 9000, canAssign: assignable.includes(p.name) })),
    services: SERVICES.map((nicType) => ({ nicType, multiSelectAllowed: true })),
    privileges: { hostConfigNetwork: opts.hostConfigNetwork ?? true, hostConfigStorage: opts.hostConfigStorage ?? true },
  });
}

export function preflightResult(p: Partial<Preflight> = {}): Preflight {
  return preflightSchema.parse({
    errors: [],
    warnings: [],
    calls: [
      {
        method: "AddPortGroup",
        object: "networkSystem-12",
        code: "step.addPortGroup",
        params: { portgroup: "VMkernel", vlanId: 0, vswitch: "vSwitch0" },
        summary: 'Add port group "VMkernel" (VLAN 0) to vSwitch0',
      },
      {
        method: "AddVirtualNic",
        object: "networkSystem-12",
        code: "step.addVirtualNic.standard",
        params: { portgroup: "VMkernel", stack: "defaultTcpipStack", mtu: 1500 },
        summary: 'Add a VMkernel adapter on "VMkernel", Default TCP/IP stack, MTU 1500',
      },
    ],
    ...p,
  });
}

export function createdAdapter(overrides: Partial<CreatedAdapter> = {}): CreatedAdapter {
  return createdAdapterSchema.parse({
    adapter: {
      device: "vmk2",
      networkLabel: "VMkernel",
      switchName: "vSwitch0",
      portgroup: "VMkernel",
      distributedPort: null,
      mac: "00:50:56:6a:01:02",
      mtu: 1500,
      ipv4: { dhcp: true, address: "10.10.5.20", subnetMask: "255.255.255.0" },
      ipv6: null,
      tcpipStack: "defaultTcpipStack",
      gatewayOverride: null,
      services: [],
    },
    steps: [
      {
        method: "AddPortGroup",
        object: "networkSystem-12",
        code: "step.addPortGroup",
        params: { portgroup: "VMkernel", vlanId: 0, vswitch: "vSwitch0" },
        summary: 'Add port group "VMkernel" (VLAN 0) to vSwitch0',
        status: "done",
      },
      {
        method: "AddVirtualNic",
        object: "networkSystem-12",
        code: "step.addVirtualNic.standard",
        params: { portgroup: "VMkernel", stack: "defaultTcpipStack", mtu: 1500 },
        summary: 'Add a VMkernel adapter on "VMkernel", Default TCP/IP stack, MTU 1500',
        status: "done",
      },
    ],
    lostServices: [],
    tcpipStack: { key: "defaultTcpipStack", active: true, hasDefaultGateway: true },
    ...overrides,
  });
}

/** The plan of a port group on vSwitch0: one AddPortGroup. */
export function portGroupPreflight(portgroup = "VM Network 2", vlanId = 0, vswitch = "vSwitch0", p: Partial<Preflight> = {}): Preflight {
  return preflightSchema.parse({
    errors: [],
    warnings: [],
    calls: [
      {
        method: "AddPortGroup",
        object: "networkSystem-12",
        code: "step.addPortGroup",
        params: { portgroup, vlanId, vswitch },
        summary: `Add port group "${portgroup}" (VLAN ${vlanId}) to ${vswitch}`,
      },
    ],
    ...p,
  });
}

/** A port group as POST …/port-groups answers: the port group read back, and its steps. */
export function createdPortGroup(
  portGroup: Partial<CreatedPortGroup["portGroup"]> = {},
  steps?: CreatedPortGroup["steps"],
): CreatedPortGroup {
  const pg = { name: "VM Network 2", vlanId: 0, vswitch: "vSwitch0", ...portGroup };
  return createdPortGroupSchema.parse({
    portGroup: pg,
    steps: steps ?? [
      {
        method: "AddPortGroup",
        object: "networkSystem-12",
        code: "step.addPortGroup",
        params: { portgroup: pg.name, vlanId: pg.vlanId, vswitch: pg.vswitch },
        summary: `Add port group "${pg.name}" (VLAN ${pg.vlanId}) to ${pg.vswitch}`,
        status: "done",
      },
    ],
  });
}

/** A switch's failover order, as a Physical Network Adapter change gives it. */
export interface FailoverOrder {
  active: string[];
  standby: string[];
  unused: string[];
}

/** The step that gives an existing standard switch its adapters: UpdateVirtualSwitch with the failover order after it. */
export function updateSwitchCall(vswitch: string, added: string[], order: FailoverOrder) {
  const active = order.active.join(", ") || "--";
  const standby = order.standby.join(", ") || "--";
  return {
    method: "UpdateVirtualSwitch",
    object: "networkSystem-12",
    code: "step.updateVirtualSwitch",
    params: { uplinks: added.join(", "), vswitch, active, standby },
    summary: `Assign ${added.join(", ")} to standard switch ${vswitch} (active ${active}, standby ${standby})`,
  };
}

/** The plan of physical adapters added to vSwitch0 (vmnic2 as standby, by default): one UpdateVirtualSwitch. */
export function physicalAdapterPreflight(
  added = ["vmnic2"],
  order: FailoverOrder = { active: ["vmnic0"], standby: ["vmnic2"], unused: [] },
  vswitch = "vSwitch0",
  p: Partial<Preflight> = {},
): Preflight {
  return preflightSchema.parse({ errors: [], warnings: [], calls: [updateSwitchCall(vswitch, added, order)], ...p });
}

/** Physical adapters added as POST …/physical-adapters answers: the switch read back, what was added, and the steps. */
export function addedUplinks(
  added = ["vmnic2"],
  order: FailoverOrder = { active: ["vmnic0"], standby: ["vmnic2"], unused: [] },
  vswitch = "vSwitch0",
  steps?: AddedUplinks["steps"],
  mtu = 1500,
): AddedUplinks {
  return addedUplinksSchema.parse({
    vswitch: { name: vswitch, mtu, ...order },
    added,
    steps: steps ?? [{ ...updateSwitchCall(vswitch, added, order), status: "done" }],
  });
}

/** Remove's one call: RemoveVirtualNic of the adapter, named with its port group. */
function removeVirtualNicCall(device: string, portgroup: string) {
  return {
    method: "RemoveVirtualNic",
    object: "networkSystem-12",
    code: "step.removeVirtualNic",
    params: { device, portgroup },
    summary: `Remove VMkernel adapter ${device} from ${portgroup}`,
  };
}

/** Analyze impact (GET …/vmkernel-adapters/{device}/impact): what refuses the removal, what it breaks, and its one call. */
export function removalImpact(device: string, portgroup: string, p: Partial<Preflight> = {}): Preflight {
  return preflightSchema.parse({ errors: [], warnings: [], calls: [removeVirtualNicCall(device, portgroup)], ...p });
}

/** A removed adapter as DELETE …/vmkernel-adapters/{device} answers. */
export function removedAdapter(device: string, portgroup: string): RemovedAdapter {
  return removedAdapterSchema.parse({
    removed: { device, portgroup },
    steps: [{ ...removeVirtualNicCall(device, portgroup), status: "done" }],
  });
}

export function problem(status: number, code: ProblemCode, extra: Partial<Problem> = {}): Problem {
  return problemSchema.parse({
    type: `https://addnet.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: code,
    status,
    detail: extra.detail ?? `${code} detail`,
    code,
    ...extra,
  });
}

export const AUDIT = [
  auditEntrySchema.parse({
    id: 7,
    time: "2026-11-20T10:00:00Z",
    updated: "2026-11-20T10:00:01Z",
    user: "administrator@vsphere.local",
    action: "vmkernel-adapter.create",
    hostId: "host-12",
    hostName: "esx-01.lab.local",
    outcome: "success",
    detail: "vmk2",
    requestId: "req-1",
  }),
];

/** vSwitch1 with its port groups for the policy overrides: vmnic2 active, vmnic3 standby; MAC address changes accepted, no failback. */
export const VSWITCH1_OVERRIDES: HostNetworking["vswitches"][number] = {
  name: "vSwitch1",
  mtu: 1500,
  uplinks: ["vmnic2", "vmnic3"],
  activeNics: ["vmnic2"],
  standbyNics: ["vmnic3"],
  portgroups: ["VM-Lab", "VM-Web"],
  security: { allowPromiscuous: false, macChanges: true, forgedTransmits: false },
  teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: false },
};

/** VM-Lab takes everything from vSwitch1. */
export const VM_LAB: HostNetworking["portgroups"][number] = {
  name: "VM-Lab",
  vlanId: 10,
  vswitch: "vSwitch1",
  vmkernelAdapter: null,
  security: null,
  teaming: null,
  failoverOrder: null,
};

/** VM-Web overrides all three: promiscuous mode accepted, IP hash with failback, vmnic3 active and vmnic2 standby. */
export const VM_WEB: HostNetworking["portgroups"][number] = {
  name: "VM-Web",
  vlanId: 20,
  vswitch: "vSwitch1",
  vmkernelAdapter: null,
  security: { allowPromiscuous: true, macChanges: true, forgedTransmits: false },
  teaming: { policy: "loadbalance_ip", notifySwitches: true, failback: true },
  failoverOrder: { active: ["vmnic3"], standby: ["vmnic2"], unused: [] },
};
