import { AuthorizationManager, UserDirectory } from "./authorization-manager.ts";
import { ComputeResource } from "./compute-resource.ts";
import { Datacenter } from "./datacenter.ts";
import { InternalDynamicTypeManager, ReflectManagedMethodExecuter } from "./esxcli.ts";
import { DistributedVirtualPortgroup } from "./distributed-virtual-portgroup.ts";
import { VmwareDistributedVirtualSwitch } from "./distributed-virtual-switch.ts";
import { Folder } from "./folder.ts";
import { HostNetworkSystem } from "./host-network-system.ts";
import { DEFAULT_STACK, HostSystem, type HostProduct } from "./host-system.ts";
import { HostVirtualNicManager } from "./host-virtual-nic-manager.ts";
import { HostVsanSystem } from "./host-vsan-system.ts";
import type { CallContext, Session, Vcenter } from "./managed-object.ts";
import { Network } from "./network.ts";
import { OptionManager } from "./option-manager.ts";
import { PropertyCollector } from "./property-collector.ts";
import { SearchIndex } from "./search-index.ts";
import { EventManager, TaskManager } from "./task-manager.ts";
import { USERS, type Permission } from "./roles.ts";
import { ServiceInstance } from "./service-instance.ts";
import { SessionManager } from "./session-manager.ts";
import { ViewManager } from "./view-manager.ts";
import type { HostNetStackInstance, HostNetworkInfo, PhysicalNic } from "@addnet/vim25/types";

export const ESXI_8: HostProduct = { version: "8.0.3", build: "24022510", apiVersion: "8.0.3.0" };
export const ESXI_7: HostProduct = { version: "7.0.3", build: "21930508", apiVersion: "7.0.3.0" };

const VCENTER_ABOUT = {
  name: "VMware vCenter Server",
  fullName: "VMware vCenter Server 8.0.3 build-24022515",
  vendor: "VMware, Inc.",
  version: "8.0.3",
  build: "24022515",
  localeVersion: "INTL",
  localeBuild: "000",
  osType: "linux-x64",
  productLineId: "vpx",
  apiType: "VirtualCenter",
  apiVersion: "8.0.3.0",
  instanceUuid: "6c1f3b52-4d0e-4a8e-9b1a-5e2d0a3c8f41",
  licenseProductName: "VMware VirtualCenter Server",
  licenseProductVersion: "8.0",
};

const DVS_UUID = "50 2a 6b 1c 9d 4e 7f 80-91 a2 b3 c4 d5 e6 f7 08";
const BOOT_TIME = new Date("2026-11-01T06:00:00Z");

/** How one host of the inventory differs from the others. */
interface HostPlan {
  name: string;
  product: HostProduct;
  ipV6Enabled: boolean;
  connectionState: "connected" | "disconnected";
  inMaintenanceMode: boolean;
  /** A custom TCP/IP stack (made with esxcli on a real host) with one vmk on it. */
  customStack: boolean;
}

/**
 * The hosts in inventory order: Cluster-Prod (4), Cluster-Dev (4), one standalone host, then for larger
 * inventories clusters of 64 "Cluster-Scale-NN" hosts.
 */
function hostPlans(count: number): { cluster: string | undefined; plan: HostPlan }[] {
  const name = (i: number) => `esx-${String(i).padStart(2, "0")}.lab.local`;
  const plan = (i: number, p: Partial<HostPlan> = {}): HostPlan => ({
    name: name(i),
    product: i % 3 === 0 ? ESXI_7 : ESXI_8,
    ipV6Enabled: true,
    connectionState: "connected",
    inMaintenanceMode: false,
    customStack: false,
    ...p,
  });
  const base = [
    { cluster: "Cluster-Prod", plan: plan(1, { product: ESXI_8 }) },
    { cluster: "Cluster-Prod", plan: plan(2, { product: ESXI_8 }) },
    { cluster: "Cluster-Prod", plan: plan(3, { product: ESXI_8, ipV6Enabled: false }) },
    { cluster: "Cluster-Prod", plan: plan(4, { product: ESXI_7, connectionState: "disconnected" }) },
    { cluster: "Cluster-Dev", plan: plan(5, { product: ESXI_7 }) },
    { cluster: "Cluster-Dev", plan: plan(6, { product: ESXI_7, ipV6Enabled: false }) },
    { cluster: "Cluster-Dev", plan: plan(7, { product: ESXI_8, inMaintenanceMode: true }) },
    { cluster: "Cluster-Dev", plan: plan(8, { product: ESXI_8 }) },
    { cluster: undefined, plan: plan(9, { product: ESXI_7, customStack: true }) },
  ];
  const out = base.slice(0, count);
  for (let i = base.length + 1; i <= count; i++) {
    out.push({ cluster: `Cluster-Scale-${String(Math.ceil((i - base.length) / 64)).padStart(2, "0")}`, plan: plan(i) });
  }
  return out;
}

const hex = (n: number) => (n & 0xff).toString(16).padStart(2, "0");

function stack(
  key: string,
  name: string,
  gateway: string | undefined,
  hostName: string,
  domainName: string,
  dns: string[],
): HostNetStackInstance {
  return {
    key,
    name,
    dnsConfig: { _type: "HostDnsConfig", dhcp: false, hostName, domainName, address: dns, searchDomain: domainName ? [domainName] : [] },
    ipRouteConfig: { _type: "HostIpRouteConfig", defaultGateway: gateway },
    requestedMaxNumberOfConnections: 11000,
    congestionControlAlgorithm: "newreno",
    ipV6Enabled: true,
  };
}

/** Host i's management address: 10.10.0.0/24 for the first 200 hosts, then one /24 per 200 hosts. */
function managementAddress(i: number): { ip: string; gateway: string } {
  const subnet = 10 + Math.floor((i - 1) / 200);
  return { ip: `10.${subnet}.0.${10 + ((i - 1) % 200) + 1}`, gateway: `10.${subnet}.0.1` };
}

export function buildInventory(sim: Vcenter, hostCount: number) {
  sim.register(new ServiceInstance());
  const sessionManager = sim.register(new SessionManager());
  const authorizationManager = sim.register(new AuthorizationManager());
  const userDirectory = sim.register(new UserDirectory());
  const viewManager = sim.register(new ViewManager());
  const propertyCollector = sim.register(new PropertyCollector());
  const searchIndex = sim.register(new SearchIndex());
  const taskManager = sim.register(new TaskManager());
  const eventManager = sim.register(new EventManager());

  const rootFolder = sim.register(new Folder("group-d1", "Datacenters", ["Folder", "Datacenter"]));
  const permissions: Permission[] = [
    { entity: rootFolder.ref.value, principal: "VSPHERE.LOCAL\\Administrators", group: true, roleId: -1, propagate: true },
    { entity: rootFolder.ref.value, principal: "VSPHERE.LOCAL\\helpdesk", group: false, roleId: -2, propagate: true },
    { entity: rootFolder.ref.value, principal: "VSPHERE.LOCAL\\readonly", group: false, roleId: -2, propagate: true },
  ];
  sim.permissions = permissions;

  const folder = (prefix: string, name: string, childType: string[]) => sim.register(new Folder(sim.nextId(prefix), name, childType));
  const datacenter = rootFolder.add(
    sim.register(
      new Datacenter(
        sim.nextId("datacenter"),
        "Datacenter",
        folder("group-v", "vm", ["Folder", "VirtualMachine", "VirtualApp"]),
        folder("group-h", "host", ["Folder", "ComputeResource"]),
        folder("group-s", "datastore", ["Folder", "Datastore", "StoragePod"]),
        folder("group-n", "network", ["Folder", "Network", "DistributedVirtualSwitch"]),
      ),
    ),
  );
  const networkFolder = datacenter.networkFolder;
  const vmNetwork = networkFolder.add(sim.register(new Network("Network", sim.nextId("network"), "VM Network")));
  const dvs = networkFolder.add(sim.register(new VmwareDistributedVirtualSwitch(sim.nextId("dvs"), "DSwitch-Lab", DVS_UUID, 9000)));
  // Each group numbers its ports from its own 100,000: the uplink ports, a host's index times four, stay below.
  const dvpg = (name: string, vlanId: number | undefined) => {
    const firstPortKey = dvs.portgroups.length * 100_000;
    const pg = networkFolder.add(sim.register(new DistributedVirtualPortgroup(sim.nextId("dvportgroup"), name, dvs, vlanId, firstPortKey)));
    dvs.portgroups.push(pg);
    return pg;
  };
  dvs.uplinkPortgroup = dvpg("DSwitch-Lab-DVUplinks", undefined);
  const dvpgs = [dvs.uplinkPortgroup, dvpg("DPG-vMotion", 30), dvpg("DPG-Provisioning", 40), dvpg("DPG-Storage", 50)];

  // The inventory is configured through the same HostNetworkSystem calls a client makes, as administrator.
  const admin = USERS[0]!;
  const setup: CallContext = { sim, session: { user: admin } as Session };

  const clusters = new Map<string, ComputeResource>();
  hostPlans(hostCount).forEach(({ cluster, plan }, index) => {
    const i = index + 1;
    let parent = cluster ? clusters.get(cluster) : undefined;
    if (!parent) {
      parent = cluster
        ? new ComputeResource("ClusterComputeResource", sim.nextId("domain-c"), cluster)
        : new ComputeResource("ComputeResource", sim.nextId("domain-s"), plan.name);
      datacenter.hostFolder.add(sim.register(parent));
      if (cluster) clusters.set(cluster, parent);
    }
    const shortName = plan.name.split(".")[0]!;
    const { ip, gateway } = managementAddress(i);
    const stacks = [
      stack(DEFAULT_STACK, DEFAULT_STACK, gateway, shortName, "lab.local", ["10.10.0.2", "10.10.0.3"]),
      stack("vmotion", "vmotion", undefined, "localhost", "", []),
      stack("vSphereProvisioning", "vSphereProvisioning", undefined, "localhost", "", []),
    ];
    if (plan.customStack) stacks.push(stack("NFS", "NFS", "10.60.0.1", "localhost", "", []));
    for (const s of stacks) s.ipV6Enabled = plan.ipV6Enabled;
    const macPrefix = `${hex(i >> 8)}:${hex(i)}`;
    const pnic: PhysicalNic[] = [0, 1, 2, 3].map((n) => ({
      key: `key-vim.host.PhysicalNic-vmnic${n}`,
      device: `vmnic${n}`,
      pci: `0000:0${n + 3}:00.0`,
      driver: "ixgben",
      linkSpeed: { speedMb: 10000, duplex: true },
      spec: { linkSpeed: { speedMb: 10000, duplex: true } },
      wakeOnLanSupported: false,
      mac: `00:0c:29:${macPrefix}:0${n}`,
      validLinkSpecification: [],
      resourcePoolSchedulerDisallowedReason: [],
    }));
    const net: HostNetworkInfo = {
      vswitch: [],
      proxySwitch: [
        {
          dvsUuid: dvs.uuid,
          dvsName: dvs.name,
          key: dvs.uuid,
          numPorts: 512,
          numPortsAvailable: 508,
          mtu: dvs.maxMtu,
          pnic: ["key-vim.host.PhysicalNic-vmnic1"],
          uplinkPort: [],
          hostLag: [],
          transportZones: [],
          nsxUsedUplinkPort: [],
          spec: {
            backing: {
              _type: "DistributedVirtualSwitchHostMemberPnicBacking",
              pnicSpec: [{ pnicDevice: "vmnic1", uplinkPortKey: String(i * 4), uplinkPortgroupKey: dvs.uplinkPortgroup!.key }],
            },
          },
        },
      ],
      portgroup: [],
      pnic,
      rdmaDevice: [],
      vnic: [],
      consoleVnic: [],
      dhcp: [],
      nat: [],
      opaqueSwitch: [],
      opaqueNetwork: [],
      ipV6Enabled: plan.ipV6Enabled,
      atBootIpV6Enabled: plan.ipV6Enabled,
      netStackInstance: stacks,
    };
    // The host-wide DNS and routing are the default stack's, so they can never disagree.
    const defaultStack = stacks[0]!;
    Object.defineProperties(net, {
      dnsConfig: { get: () => defaultStack.dnsConfig, enumerable: true },
      ipRouteConfig: { get: () => defaultStack.ipRouteConfig, enumerable: true },
    });
    const host = sim.register(new HostSystem(sim.nextId("host"), plan.name, plan.product, macPrefix, BOOT_TIME, net));
    parent.add(host);
    const ns = (host.networkSystem = sim.register(new HostNetworkSystem(`networkSystem-${host.ref.value.split("-")[1]}`, host)));
    const vnm = (host.virtualNicManager = sim.register(
      new HostVirtualNicManager(`virtualNicManager-${host.ref.value.split("-")[1]}`, host),
    ));
    host.vsanSystem = sim.register(new HostVsanSystem(`vsanSystem-${host.ref.value.split("-")[1]}`, host));
    host.advancedOption = sim.register(new OptionManager(`advancedOption-${host.ref.value.split("-")[1]}`, host));
    host.methodExecuter = sim.register(new ReflectManagedMethodExecuter(`methodExecuter-${host.ref.value.split("-")[1]}`, host));
    host.dynamicTypeManager = sim.register(new InternalDynamicTypeManager(`dynamicTypeManager-${host.ref.value.split("-")[1]}`, host));
    host.networks = [vmNetwork, ...dvpgs];
    vmNetwork.hosts.push(host);
    for (const pg of dvpgs) pg.hosts.push(host);

    ns.AddVirtualSwitch(
      {
        vswitchName: "vSwitch0",
        spec: {
          numPorts: 128,
          bridge: { _type: "HostVirtualSwitchBondBridge", nicDevice: ["vmnic0"], beacon: { interval: 1 } },
          policy: { nicTeaming: { nicOrder: { activeNic: ["vmnic0"], standbyNic: [] } } },
          mtu: 1500,
        },
      },
      setup,
    );
    const portGroup = (name: string, vlanId: number) =>
      ns.AddPortGroup({ portgrp: { name, vlanId, vswitchName: "vSwitch0", policy: {} } }, setup);
    portGroup("Management Network", 0);
    portGroup("VM Network", 0);
    ns.AddVirtualNic(
      {
        portgroup: "Management Network",
        nic: { ip: { dhcp: false, ipAddress: ip, subnetMask: "255.255.255.0" }, mtu: 1500, netStackInstanceKey: DEFAULT_STACK },
      },
      setup,
    );
    vnm.SelectVnicForNicType({ nicType: "management", device: "vmk0" }, setup);
    if (plan.customStack) {
      portGroup("NFS Network", 60);
      ns.AddVirtualNic(
        {
          portgroup: "NFS Network",
          nic: { ip: { dhcp: false, ipAddress: `10.60.0.${10 + i}`, subnetMask: "255.255.255.0" }, mtu: 9000, netStackInstanceKey: "NFS" },
        },
        setup,
      );
    }
    host.connectionState = plan.connectionState;
    host.inMaintenanceMode = plan.inMaintenanceMode;
  });

  const dev = clusters.get("Cluster-Dev");
  if (dev) permissions.push({ entity: dev.ref.value, principal: "VSPHERE.LOCAL\\helpdesk", group: false, roleId: 1001, propagate: true });

  const serviceContent = {
    rootFolder: rootFolder.ref,
    propertyCollector: propertyCollector.ref,
    viewManager: viewManager.ref,
    about: VCENTER_ABOUT,
    userDirectory: userDirectory.ref,
    sessionManager: sessionManager.ref,
    authorizationManager: authorizationManager.ref,
    searchIndex: searchIndex.ref,
    taskManager: taskManager.ref,
    eventManager: eventManager.ref,
  };
  return { rootFolder, permissions, serviceContent, taskManager, eventManager };
}
