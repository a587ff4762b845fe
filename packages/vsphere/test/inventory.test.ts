import type { VMwareDVSConfigInfo, VMwareDVSPortSetting } from "@addnet/vim25/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../../simulator/src/index.ts";
import {
  propertiesOf,
  type CallEvent,
  type DVPortgroupConfigInfo,
  type HostNetworkInfo,
  type HostRuntimeInfo,
  type HostVirtualNic,
  type HostVirtualNicManagerInfo,
  type MoRef,
  type PropertyFilterSpec,
  type VCenter,
} from "../src/index.ts";
import { ADMIN, connect, HELPDESK, hosts, simulator, type Host } from "./helpers.ts";

let running: RunningSimulator;
let vc: VCenter;
let cookie: string;
const calls: CallEvent[] = [];

beforeAll(async () => {
  running = await simulator();
  vc = await connect(running, { onCall: (e) => calls.push(e) });
  ({ cookie } = await vc.login(ADMIN.user, ADMIN.password));
});
afterAll(async () => {
  vc.close();
  await running.close();
});

const viewSpec = (view: MoRef, type: string, pathSet: string[]): PropertyFilterSpec[] => [
  {
    propSet: [{ type, pathSet }],
    objectSet: [{ obj: view, skip: true, selectSet: [{ _type: "TraversalSpec", name: "view", type: "ContainerView", path: "view" }] }],
  },
];

describe("inventory through a container view", () => {
  it("reads every host across maxObjects pages (RetrievePropertiesEx + ContinueRetrievePropertiesEx)", async () => {
    const view = await vc.createContainerView(cookie, vc.content.rootFolder, ["HostSystem"]);
    calls.length = 0;
    const objects = await vc.retrieve(cookie, viewSpec(view, "HostSystem", ["name", "runtime.connectionState"]), { maxObjects: 2 });
    expect(calls.map((c) => c.method)).toEqual(["RetrievePropertiesEx", ...Array(4).fill("ContinueRetrievePropertiesEx")]);
    expect(objects).toHaveLength(9);
    const names = objects.map((o) => propertiesOf(o).name);
    expect(names).toEqual(Array.from({ length: 9 }, (_, i) => `esx-0${i + 1}.lab.local`));
    expect(objects.every((o) => o.obj.type === "HostSystem")).toBe(true);
    const states = objects.map((o) => propertiesOf(o)["runtime.connectionState"]);
    expect(states.filter((s) => s === "disconnected")).toHaveLength(1);
    await vc.destroyView(cookie, view);
  });

  it("shows each user only what they may see (helpdesk sees every host read-only)", async () => {
    const helpdesk = await vc.login(HELPDESK.user, HELPDESK.password);
    expect((await hosts(vc, helpdesk.cookie)).size).toBe(9);
    await vc.logout(helpdesk.cookie);
  });
});

describe("normalised replies", () => {
  let esx01: Host;
  beforeAll(async () => {
    esx01 = (await hosts(vc, cookie)).get("esx-01.lab.local")!;
  });

  it("types HostNetworkInfo: numbers, booleans, arrays (also of one item), polymorphic fields", async () => {
    const props = await vc.properties(cookie, esx01.ref, ["config.network", "config.network.vnic", "runtime"]);
    const net = props["config.network"] as HostNetworkInfo;
    expect(net.vswitch).toHaveLength(1);
    const vswitch0 = net.vswitch[0]!;
    expect(vswitch0.numPorts).toBe(128);
    expect(vswitch0.pnic).toEqual(["key-vim.host.PhysicalNic-vmnic0"]);
    expect(vswitch0.spec.bridge).toMatchObject({ _type: "HostVirtualSwitchBondBridge", nicDevice: ["vmnic0"], beacon: { interval: 1 } });
    expect(net.pnic.map((p) => p.device)).toEqual(["vmnic0", "vmnic1", "vmnic2", "vmnic3"]);
    expect(net.pnic[0]!.linkSpeed).toEqual({ speedMb: 10000, duplex: true });
    expect(net.ipV6Enabled).toBe(true);
    expect(net.vnic).toHaveLength(1);
    expect(net.vnic[0]!.spec.ip).toMatchObject({ dhcp: false, ipAddress: "10.10.0.11", subnetMask: "255.255.255.0" });
    expect(net.netStackInstance.map((s) => s.key)).toEqual(["defaultTcpipStack", "vmotion", "vSphereProvisioning"]);
    const stack = net.netStackInstance[0]!;
    expect(stack.ipRouteConfig).toEqual({ _type: "HostIpRouteConfig", defaultGateway: "10.10.0.1" });
    expect(stack.dnsConfig).toMatchObject({
      _type: "HostDnsConfig",
      dhcp: false,
      address: ["10.10.0.2", "10.10.0.3"],
      searchDomain: ["lab.local"],
    });
    expect(stack.requestedMaxNumberOfConnections).toBe(11000);
    expect(net.proxySwitch[0]!.spec.backing).toMatchObject({ _type: "DistributedVirtualSwitchHostMemberPnicBacking" });
    expect(net.opaqueNetwork).toEqual([]);
    // An ArrayOfHostVirtualNic property value with a single item is still an array.
    const vnics = props["config.network.vnic"] as HostVirtualNic[];
    expect(vnics).toEqual(net.vnic);
    const runtime = props.runtime as HostRuntimeInfo;
    expect(runtime.inMaintenanceMode).toBe(false);
    expect(runtime.networkRuntimeInfo!.netStackInstanceRuntimeInfo[0]).toMatchObject({
      netStackInstanceKey: "defaultTcpipStack",
      state: "active",
      vmknicKeys: ["vmk0"],
      maxNumberOfConnections: 11000,
    });
  });

  it("types service state and capabilities", async () => {
    const props = await vc.properties(cookie, esx01.ref, ["config.virtualNicManagerInfo", "summary.config.product.apiVersion", "network"]);
    const info = props["config.virtualNicManagerInfo"] as HostVirtualNicManagerInfo;
    const management = info.netConfig.find((c) => c.nicType === "management")!;
    expect(management.multiSelectAllowed).toBe(true);
    expect(management.selectedVnic).toEqual(["management.key-vim.host.VirtualNic-vmk0"]);
    expect(props["summary.config.product.apiVersion"]).toBe("8.0.3.0");
    const networks = props.network as MoRef[];
    expect(networks[0]).toEqual({ type: "Network", value: expect.any(String) });
    const caps = await vc.properties(cookie, esx01.networkSystem, ["capabilities"]);
    expect(caps.capabilities).toMatchObject({ nicTeamingPolicy: expect.any(Array), maxPortGroupsPerVswitch: 512, ipV6Supported: true });
  });

  it("types distributed port groups with their VLAN spec subtypes", async () => {
    const view = await vc.createContainerView(cookie, vc.content.rootFolder, [
      "DistributedVirtualPortgroup",
      "VmwareDistributedVirtualSwitch",
    ]);
    const objects = await vc.retrieve(cookie, [
      ...viewSpec(view, "DistributedVirtualPortgroup", ["name", "key", "config"]),
      ...viewSpec(view, "VmwareDistributedVirtualSwitch", ["uuid", "config"]),
    ]);
    await vc.destroyView(cookie, view);
    const byName = new Map(
      objects.filter((o) => o.obj.type === "DistributedVirtualPortgroup").map((o) => [propertiesOf(o).name, propertiesOf(o)]),
    );
    const vmotion = byName.get("DPG-vMotion")!.config as DVPortgroupConfigInfo;
    expect(vmotion.type).toBe("earlyBinding");
    expect((vmotion.defaultPortConfig as VMwareDVSPortSetting).vlan).toEqual({
      _type: "VmwareDistributedVirtualSwitchVlanIdSpec",
      inherited: false,
      vlanId: 30,
    });
    const uplinks = byName.get("DSwitch-Lab-DVUplinks")!.config as DVPortgroupConfigInfo;
    expect(uplinks.uplink).toBe(true);
    expect((uplinks.defaultPortConfig as VMwareDVSPortSetting).vlan).toEqual({
      _type: "VmwareDistributedVirtualSwitchTrunkVlanSpec",
      inherited: false,
      vlanId: [{ start: 0, end: 4094 }],
    });
    const dvs = propertiesOf(objects.find((o) => o.obj.type === "VmwareDistributedVirtualSwitch")!);
    const config = dvs.config as VMwareDVSConfigInfo;
    expect(config._type).toBe("VMwareDVSConfigInfo");
    expect(config.maxMtu).toBe(9000);
    expect(config.uuid).toBe(dvs.uuid);
  });

  it("answers privilege questions", async () => {
    const helpdesk = await vc.login(HELPDESK.user, HELPDESK.password);
    const all = await hosts(vc, cookie);
    const targets = [all.get("esx-02.lab.local")!.ref, all.get("esx-05.lab.local")!.ref];
    const authz = vc.content.authorizationManager!;
    const answers = await vc.invoke(cookie, "HasPrivilegeOnEntities", authz, {
      entity: targets,
      sessionId: helpdesk.userSession.key,
      privId: ["Host.Config.Network"],
    });
    expect(answers.map((a) => a.privAvailability)).toEqual([
      [{ privId: "Host.Config.Network", isGranted: false }],
      [{ privId: "Host.Config.Network", isGranted: true }],
    ]);
    const privileges = await vc.invoke(cookie, "FetchUserPrivilegeOnEntities", authz, { entities: [targets[1]!], userName: HELPDESK.user });
    expect(privileges).toHaveLength(1);
    expect(privileges[0]!.privileges).toContain("Network.Assign");
    await vc.logout(helpdesk.cookie);
  });
});
