import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../../simulator/src/index.ts";
import {
  propertiesOf,
  type HostNetStackInstance,
  type HostNetworkInfo,
  type HostRuntimeInfoNetStackInstanceRuntimeInfo,
  type HostVirtualNicManagerInfo,
  type HostVirtualNicSpec,
  type HostVirtualSwitchSpec,
  type VCenter,
  type VsanHostConfigInfo,
} from "../src/index.ts";
import { ADMIN, connect, hosts, simHost, simulator, type Host } from "./helpers.ts";

let running: RunningSimulator;
let vc: VCenter;
let cookie: string;
let host: Host;

beforeAll(async () => {
  running = await simulator();
  vc = await connect(running);
  ({ cookie } = await vc.login(ADMIN.user, ADMIN.password));
  host = (await hosts(vc, cookie)).get("esx-01.lab.local")!;
});
afterAll(async () => {
  vc.close();
  await running.close();
});

async function network(): Promise<HostNetworkInfo> {
  return (await vc.properties(cookie, host.ref, ["config.network"]))["config.network"] as HostNetworkInfo;
}

async function stackRuntime(key: string): Promise<HostRuntimeInfoNetStackInstanceRuntimeInfo | undefined> {
  const props = await vc.properties(cookie, host.ref, ["runtime.networkRuntimeInfo.netStackInstanceRuntimeInfo"]);
  const runtime = props["runtime.networkRuntimeInfo.netStackInstanceRuntimeInfo"] as HostRuntimeInfoNetStackInstanceRuntimeInfo[];
  return runtime.find((r) => r.netStackInstanceKey === key);
}

describe("host networking round trips (wizard path C on esx-01)", () => {
  it("AddVirtualSwitch with a bond bridge and NIC order", async () => {
    // Keys out of WSDL order on purpose: the client sends them in sequence order.
    const spec = {
      mtu: 9000,
      policy: { nicTeaming: { nicOrder: { standbyNic: ["vmnic3"], activeNic: ["vmnic2"] } } },
      bridge: { nicDevice: ["vmnic2", "vmnic3"], _type: "HostVirtualSwitchBondBridge" },
      numPorts: 128,
    } satisfies HostVirtualSwitchSpec;
    await vc.invoke(cookie, "AddVirtualSwitch", host.networkSystem, { spec, vswitchName: "vSwitch1" });
    const vswitch = (await network()).vswitch.find((v) => v.name === "vSwitch1")!;
    expect(vswitch.mtu).toBe(9000);
    expect(vswitch.pnic).toEqual(["key-vim.host.PhysicalNic-vmnic2", "key-vim.host.PhysicalNic-vmnic3"]);
    expect(vswitch.spec.bridge).toMatchObject({ _type: "HostVirtualSwitchBondBridge", nicDevice: ["vmnic2", "vmnic3"] });
    expect(vswitch.spec.policy?.nicTeaming?.nicOrder).toEqual({ activeNic: ["vmnic2"], standbyNic: ["vmnic3"] });
    expect(simHost(running, host).vswitch("vSwitch1")?.spec.mtu).toBe(9000);
  });

  it("AddPortGroup with an empty policy and a VLAN", async () => {
    await vc.invoke(cookie, "AddPortGroup", host.networkSystem, {
      portgrp: { vswitchName: "vSwitch1", policy: {}, vlanId: 30, name: "vMotion-PG" },
    });
    const pg = (await network()).portgroup.find((p) => p.spec.name === "vMotion-PG")!;
    expect(pg.spec).toMatchObject({ vlanId: 30, vswitchName: "vSwitch1" });
    expect(pg.port).toEqual([]);
    expect(pg.computedPolicy.nicTeaming?.nicOrder?.activeNic).toEqual(["vmnic2"]);
    expect(simHost(running, host).portgroup("vMotion-PG")?.spec.vlanId).toBe(30);
  });

  it("AddVirtualNic on the vMotion stack with a gateway override", async () => {
    const nic: HostVirtualNicSpec = {
      netStackInstanceKey: "vmotion",
      mtu: 9000,
      ipRouteSpec: { ipRouteConfig: { defaultGateway: "192.168.30.1" } },
      ip: { subnetMask: "255.255.255.0", ipAddress: "192.168.30.11", dhcp: false },
    };
    const device = await vc.invoke(cookie, "AddVirtualNic", host.networkSystem, { nic, portgroup: "vMotion-PG" });
    expect(device).toBe("vmk1");
    const vnic = (await network()).vnic.find((v) => v.device === "vmk1")!;
    expect(vnic.portgroup).toBe("vMotion-PG");
    expect(vnic.spec).toMatchObject({
      mtu: 9000,
      netStackInstanceKey: "vmotion",
      ip: { dhcp: false, ipAddress: "192.168.30.11", subnetMask: "255.255.255.0" },
      ipRouteSpec: { ipRouteConfig: { _type: "HostIpRouteConfig", defaultGateway: "192.168.30.1" } },
    });
    expect(await stackRuntime("vmotion")).toMatchObject({ state: "active", vmknicKeys: ["vmk1"] });
    expect(simHost(running, host).vnic("vmk1")?.spec.netStackInstanceKey).toBe("vmotion");
  });

  it("UpdateNetworkConfig edits the now active vMotion stack and the default stack's DNS", async () => {
    const vmotion: HostNetStackInstance = {
      key: "vmotion",
      ipRouteConfig: { defaultGateway: "192.168.30.1" },
      requestedMaxNumberOfConnections: 12000,
      congestionControlAlgorithm: "cubic",
    };
    const dns: HostNetStackInstance = {
      key: "defaultTcpipStack",
      dnsConfig: { dhcp: false, hostName: "esx-01", domainName: "lab.local", address: ["10.10.0.53"], searchDomain: ["lab.local"] },
    };
    const result = await vc.invoke(cookie, "UpdateNetworkConfig", host.networkSystem, {
      changeMode: "modify",
      config: {
        netStackSpec: [
          { operation: "edit", netStackInstance: vmotion },
          { netStackInstance: dns, operation: "edit" },
        ],
      },
    });
    expect(result).toEqual({ vnicDevice: [], consoleVnicDevice: [] });
    const stacks = (await network()).netStackInstance;
    expect(stacks.find((s) => s.key === "vmotion")).toMatchObject({
      ipRouteConfig: { _type: "HostIpRouteConfig", defaultGateway: "192.168.30.1" },
      requestedMaxNumberOfConnections: 12000,
      congestionControlAlgorithm: "cubic",
    });
    expect(stacks.find((s) => s.key === "defaultTcpipStack")?.dnsConfig).toMatchObject({ _type: "HostDnsConfig", address: ["10.10.0.53"] });
    const sim = simHost(running, host);
    expect(sim.stack("vmotion")?.ipRouteConfig?.defaultGateway).toBe("192.168.30.1");
    expect(sim.stack("defaultTcpipStack")?.dnsConfig?.address).toEqual(["10.10.0.53"]);
  });

  it("SelectVnicForNicType / DeselectVnicForNicType on a default-stack vmk, read back both ways", async () => {
    await vc.invoke(cookie, "AddPortGroup", host.networkSystem, {
      portgrp: { name: "Services-PG", vlanId: 40, vswitchName: "vSwitch1", policy: {} },
    });
    const device = await vc.invoke(cookie, "AddVirtualNic", host.networkSystem, {
      portgroup: "Services-PG",
      nic: { ip: { dhcp: false, ipAddress: "192.168.40.11", subnetMask: "255.255.255.0" } },
    });
    expect(device).toBe("vmk2");
    await vc.invoke(cookie, "SelectVnicForNicType", host.virtualNicManager, { nicType: "faultToleranceLogging", device });
    const info = (await vc.properties(cookie, host.ref, ["config.virtualNicManagerInfo"]))[
      "config.virtualNicManagerInfo"
    ] as HostVirtualNicManagerInfo;
    expect(info.netConfig.find((c) => c.nicType === "faultToleranceLogging")?.selectedVnic).toEqual([
      "faultToleranceLogging.key-vim.host.VirtualNic-vmk2",
    ]);
    const queried = await vc.invoke(cookie, "QueryNetConfig", host.virtualNicManager, { nicType: "faultToleranceLogging" });
    expect(queried?.candidateVnic.map((v) => v.device)).toEqual(["vmk0", "vmk1", "vmk2"]);
    expect([...(simHost(running, host).selected.get("faultToleranceLogging") ?? [])]).toEqual(["vmk2"]);
    await vc.invoke(cookie, "DeselectVnicForNicType", host.virtualNicManager, { nicType: "faultToleranceLogging", device });
    expect((await vc.invoke(cookie, "QueryNetConfig", host.virtualNicManager, { nicType: "faultToleranceLogging" }))?.selectedVnic).toEqual(
      [],
    );
  });

  it("UpdateVsan_Task puts vSAN on vmk2; waitForTask follows the task to success", async () => {
    const task = await vc.invoke(cookie, "UpdateVsan_Task", host.vsanSystem, { config: { networkInfo: { port: [{ device: "vmk2" }] } } });
    expect(task.type).toBe("Task");
    const info = await vc.waitForTask(cookie, task);
    expect(info).toMatchObject({
      state: "success",
      progress: 100,
      entity: host.ref,
      reason: { _type: "TaskReasonUser", userName: "VSPHERE.LOCAL\\Administrator" },
    });
    const config = (await vc.properties(cookie, host.vsanSystem, ["config"])).config as VsanHostConfigInfo;
    expect(config).toMatchObject({ enabled: true, networkInfo: { port: [{ device: "vmk2" }] } });
    expect([...simHost(running, host).vsanPorts]).toEqual([["vmk2", ["vsan"]]]);
  });

  it("UpdateVirtualNic changes the MTU", async () => {
    await vc.invoke(cookie, "UpdateVirtualNic", host.networkSystem, { device: "vmk2", nic: { mtu: 1600 } });
    expect((await network()).vnic.find((v) => v.device === "vmk2")?.spec.mtu).toBe(1600);
  });

  it("AddVirtualNic on a distributed port group (wizard path A)", async () => {
    const view = await vc.createContainerView(cookie, vc.content.rootFolder, ["DistributedVirtualPortgroup"]);
    const groups = await vc.retrieve(cookie, [
      {
        propSet: [{ type: "DistributedVirtualPortgroup", pathSet: ["name", "key"] }],
        objectSet: [{ obj: view, skip: true, selectSet: [{ _type: "TraversalSpec", type: "ContainerView", path: "view" }] }],
      },
    ]);
    await vc.destroyView(cookie, view);
    const storage = groups.map(propertiesOf).find((p) => p.name === "DPG-Storage")!;
    const { proxySwitch } = await network();
    const device = await vc.invoke(cookie, "AddVirtualNic", host.networkSystem, {
      portgroup: "",
      nic: {
        ip: { dhcp: false, ipAddress: "192.168.50.11", subnetMask: "255.255.255.0" },
        distributedVirtualPort: { switchUuid: proxySwitch[0]!.dvsUuid, portgroupKey: storage.key as string },
      },
    });
    const vnic = (await network()).vnic.find((v) => v.device === device)!;
    expect(vnic.portgroup).toBe("");
    expect(vnic.spec.distributedVirtualPort).toMatchObject({ portgroupKey: storage.key, connectionCookie: expect.any(Number) });
  });

  it("removes the adapters, port groups and the switch again (rollback order)", async () => {
    for (const device of ["vmk3", "vmk2", "vmk1"]) await vc.invoke(cookie, "RemoveVirtualNic", host.networkSystem, { device });
    for (const pgName of ["Services-PG", "vMotion-PG"]) await vc.invoke(cookie, "RemovePortGroup", host.networkSystem, { pgName });
    await vc.invoke(cookie, "RemoveVirtualSwitch", host.networkSystem, { vswitchName: "vSwitch1" });
    const net = await network();
    expect(net.vswitch.map((v) => v.name)).toEqual(["vSwitch0"]);
    expect(net.vnic.map((v) => v.device)).toEqual(["vmk0"]);
    expect(simHost(running, host).vsanPorts.size).toBe(0);
  });
});
