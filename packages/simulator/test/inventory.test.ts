/** The default inventory as a client reads it over SOAP, and the 2500-host scale inventory. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { HostSystem } from "../src/host-system.ts";
import type { RunningSimulator } from "../src/index.ts";
import type { XmlElement } from "@addnet/vim25";
import { child, children, Client, text, withSimulator } from "./client.ts";
import { byObject, createView, hostProps, loggedIn, propSpec, retrieveAll, specSet, typeOf, viewObjectSpec } from "./helpers.ts";

let running: RunningSimulator;
let admin: Client;
/** host name -> path -> val */
let hosts: Map<string, Map<string, XmlElement>>;
const HOST_NAMES = Array.from({ length: 9 }, (_, i) => `esx-0${i + 1}.lab.local`);
const CONNECTED = HOST_NAMES.filter((n) => n !== "esx-04.lab.local");

beforeAll(async () => {
  running = await withSimulator();
  admin = await loggedIn(running.sdkUrl);
  const byId = await hostProps(admin, [
    "name",
    "parent",
    "runtime.connectionState",
    "runtime.inMaintenanceMode",
    "runtime.networkRuntimeInfo",
    "summary.config.product",
    "config.network",
    "config.virtualNicManagerInfo",
    "network",
  ]);
  hosts = new Map([...byId.values()].map((p) => [p.get("name")!.text, p]));
});
afterAll(() => running.close());

const host = (name: string) => hosts.get(name)!;
const net = (name: string) => host(name).get("config.network")!;
const texts = (el: XmlElement | undefined, name: string) => children(el, name).map((c) => c.text);

/** Entities of a type with their names and parents, through a container view. */
async function entities(type: string): Promise<{ id: string; name: string; parent: string }[]> {
  const view = await createView(admin, ["Folder", "group-d1"], [type]);
  const { objects } = await retrieveAll(admin, specSet(propSpec(type, ["name", "parent"]), viewObjectSpec(view)));
  return [...byObject(objects)].map(([id, p]) => ({ id, name: p.get("name")!.text, parent: p.get("parent")!.text }));
}

describe("topology", () => {
  it("has one datacenter 'Datacenter' under the root folder", async () => {
    const dcs = await entities("Datacenter");
    expect(dcs.map((d) => [d.name, d.parent])).toEqual([["Datacenter", "group-d1"]]);
  });

  it("has Cluster-Prod (esx-01..04), Cluster-Dev (esx-05..08) and standalone esx-09", async () => {
    expect([...hosts.keys()].sort()).toEqual(HOST_NAMES);
    const clusters = await entities("ClusterComputeResource");
    expect(clusters.map((c) => c.name).sort()).toEqual(["Cluster-Dev", "Cluster-Prod"]);
    const compute = await entities("ComputeResource");
    const standalone = compute.find((c) => !clusters.some((k) => k.id === c.id))!;
    expect(standalone.name).toBe("esx-09.lab.local");
    const parentName = (h: string) => compute.find((c) => c.id === host(h).get("parent")!.text)?.name;
    for (const h of HOST_NAMES.slice(0, 4)) expect(parentName(h), h).toBe("Cluster-Prod");
    for (const h of HOST_NAMES.slice(4, 8)) expect(parentName(h), h).toBe("Cluster-Dev");
    expect(parentName("esx-09.lab.local")).toBe("esx-09.lab.local");
    const hostFolder = await admin.props("Folder", compute[0]!.parent, ["name"]);
    expect(hostFolder.get("name")?.text).toBe("host");
  });

  it("mixes ESXi 7.0.3 and 8.0.3", () => {
    const versions = new Map(HOST_NAMES.map((h) => [h, text(host(h).get("summary.config.product"), "version")]));
    expect(new Set(versions.values())).toEqual(new Set(["7.0.3", "8.0.3"]));
    for (const [h, v] of versions) {
      expect(text(host(h).get("summary.config.product"), "apiVersion"), h).toBe(`${v}.0`);
    }
  });

  it("has esx-04 disconnected and esx-07 in maintenance mode", () => {
    for (const h of HOST_NAMES) {
      expect(host(h).get("runtime.connectionState")?.text, h).toBe(h === "esx-04.lab.local" ? "disconnected" : "connected");
      expect(host(h).get("runtime.inMaintenanceMode")?.text, h).toBe(h === "esx-07.lab.local" ? "true" : "false");
    }
    expect(host("esx-04.lab.local").has("config.network")).toBe(false);
  });
});

describe("host networking", () => {
  // Over SOAP for connected hosts; in-process for the disconnected one, whose config vCenter cannot report.
  it("every host has vmnic0-3, vmnic0 on vSwitch0 (MTU 1500) and vmnic1 on DSwitch-Lab", () => {
    for (const h of CONNECTED) {
      const n = net(h);
      expect(
        children(n, "pnic").map((p) => text(p, "device")),
        h,
      ).toEqual(["vmnic0", "vmnic1", "vmnic2", "vmnic3"]);
      const vswitches = children(n, "vswitch");
      expect(
        vswitches.map((v) => text(v, "name")),
        h,
      ).toEqual(["vSwitch0"]);
      expect(text(vswitches[0], "mtu")).toBe("1500");
      expect(texts(vswitches[0], "pnic")).toEqual(["key-vim.host.PhysicalNic-vmnic0"]);
      const bridge = child(child(vswitches[0], "spec"), "bridge");
      expect(typeOf(bridge)).toBe("HostVirtualSwitchBondBridge");
      expect(texts(bridge, "nicDevice")).toEqual(["vmnic0"]);
      const proxies = children(n, "proxySwitch");
      expect(
        proxies.map((p) => text(p, "dvsName")),
        h,
      ).toEqual(["DSwitch-Lab"]);
      expect(texts(proxies[0], "pnic")).toEqual(["key-vim.host.PhysicalNic-vmnic1"]);
      expect(text(proxies[0], "mtu")).toBe("9000");
    }
    const esx04 = [...running.sim.allObjects()].find((o) => (o as HostSystem).name === "esx-04.lab.local") as HostSystem;
    expect(esx04.net.pnic.map((p) => p.device)).toEqual(["vmnic0", "vmnic1", "vmnic2", "vmnic3"]);
    expect(esx04.net.vswitch.map((v) => [v.name, v.mtu, v.pnic])).toEqual([["vSwitch0", 1500, ["key-vim.host.PhysicalNic-vmnic0"]]]);
    expect(esx04.net.proxySwitch.map((p) => [p.dvsName, p.pnic])).toEqual([["DSwitch-Lab", ["key-vim.host.PhysicalNic-vmnic1"]]]);
  });

  it("every host has the Management Network and VM Network port groups on vSwitch0", () => {
    for (const h of CONNECTED) {
      const groups = children(net(h), "portgroup").map((p) => child(p, "spec")!);
      const names = groups.map((s) => text(s, "name"));
      expect(names.slice(0, 2), h).toEqual(["Management Network", "VM Network"]);
      expect(names.length, h).toBe(h === "esx-09.lab.local" ? 3 : 2);
      for (const s of groups.slice(0, 2)) {
        expect(text(s, "vswitchName")).toBe("vSwitch0");
        expect(text(s, "vlanId")).toBe("0");
      }
    }
  });

  it("vmk0 is static in 10.10.0.0/24 on the Management Network, default stack, with management selected", () => {
    const addresses = new Set<string>();
    for (const h of CONNECTED) {
      const vmk0 = children(net(h), "vnic").find((v) => text(v, "device") === "vmk0")!;
      expect(text(vmk0, "portgroup"), h).toBe("Management Network");
      const spec = child(vmk0, "spec");
      const ip = child(spec, "ip");
      expect(text(ip, "dhcp"), h).toBe("false");
      expect(text(ip, "ipAddress"), h).toMatch(/^10\.10\.0\.(\d+)$/);
      expect(text(ip, "subnetMask"), h).toBe("255.255.255.0");
      addresses.add(text(ip, "ipAddress")!);
      expect(text(spec, "netStackInstanceKey"), h).toBe("defaultTcpipStack");
      const mgmt = children(host(h).get("config.virtualNicManagerInfo"), "netConfig").find((c) => text(c, "nicType") === "management");
      expect(texts(mgmt, "selectedVnic"), h).toEqual(["management.key-vim.host.VirtualNic-vmk0"]);
    }
    expect(addresses.size).toBe(CONNECTED.length);
  });

  it("has defaultTcpipStack (gateway 10.10.0.1, DNS) and inactive vmotion and vSphereProvisioning stacks", () => {
    for (const h of CONNECTED) {
      const stacks = new Map(children(net(h), "netStackInstance").map((s) => [text(s, "key")!, s]));
      expect([...stacks.keys()].slice(0, 3), h).toEqual(["defaultTcpipStack", "vmotion", "vSphereProvisioning"]);
      const def = stacks.get("defaultTcpipStack")!;
      expect(text(child(def, "ipRouteConfig"), "defaultGateway"), h).toBe("10.10.0.1");
      const dns = child(def, "dnsConfig");
      expect(texts(dns, "address"), h).toEqual(["10.10.0.2", "10.10.0.3"]);
      expect(text(dns, "hostName"), h).toBe(h.split(".")[0]);
      expect(text(dns, "domainName"), h).toBe("lab.local");
      // The host-wide routing and DNS are the default stack's.
      expect(text(child(net(h), "ipRouteConfig"), "defaultGateway"), h).toBe("10.10.0.1");
      const states = new Map(
        children(host(h).get("runtime.networkRuntimeInfo"), "netStackInstanceRuntimeInfo").map((r) => [
          text(r, "netStackInstanceKey"),
          text(r, "state"),
        ]),
      );
      expect(states.get("defaultTcpipStack"), h).toBe("active");
      expect(states.get("vmotion"), h).toBe("inactive");
      expect(states.get("vSphereProvisioning"), h).toBe("inactive");
    }
  });

  it("has a custom stack with a vmk on esx-09 only", () => {
    for (const h of CONNECTED) {
      const keys = children(net(h), "netStackInstance").map((s) => text(s, "key"));
      expect(keys.length, h).toBe(h === "esx-09.lab.local" ? 4 : 3);
    }
    const custom = children(net("esx-09.lab.local"), "netStackInstance")[3]!;
    const key = text(custom, "key")!;
    expect(["defaultTcpipStack", "vmotion", "vSphereProvisioning"]).not.toContain(key);
    const vmk = children(net("esx-09.lab.local"), "vnic").find((v) => text(child(v, "spec"), "netStackInstanceKey") === key);
    expect(vmk).toBeDefined();
    const runtime = children(host("esx-09.lab.local").get("runtime.networkRuntimeInfo"), "netStackInstanceRuntimeInfo").find(
      (r) => text(r, "netStackInstanceKey") === key,
    );
    expect(text(runtime, "state")).toBe("active");
  });

  it("has IPv6 off on esx-03 and esx-06 only", () => {
    for (const h of CONNECTED) {
      const on = !["esx-03.lab.local", "esx-06.lab.local"].includes(h);
      expect(text(net(h), "ipV6Enabled"), h).toBe(String(on));
      expect(text(net(h), "atBootIpV6Enabled"), h).toBe(String(on));
      const runtime = children(host(h).get("runtime.networkRuntimeInfo"), "netStackInstanceRuntimeInfo");
      for (const r of runtime) expect(text(r, "currentIpV6Enabled"), h).toBe(String(on));
    }
  });

  it("every host can use VM Network and the distributed port groups", () => {
    const networks = new Map<string, string>();
    for (const o of running.sim.allObjects()) if (o.entity === o) networks.set(o.ref.value, (o as unknown as { name: string }).name);
    for (const h of HOST_NAMES) {
      const names = children(host(h).get("network"), "ManagedObjectReference").map((r) => networks.get(r.text));
      expect(names, h).toEqual(expect.arrayContaining(["VM Network", "DPG-vMotion", "DPG-Provisioning", "DPG-Storage"]));
    }
  });
});

describe("distributed switch", () => {
  it("DSwitch-Lab has MTU 9000 and port groups DPG-vMotion 30, DPG-Provisioning 40, DPG-Storage 50 and the uplinks", async () => {
    const view = await createView(admin, ["Folder", "group-d1"], ["VmwareDistributedVirtualSwitch", "DistributedVirtualPortgroup"]);
    const { objects } = await retrieveAll(
      admin,
      specSet(
        propSpec("VmwareDistributedVirtualSwitch", ["name", "uuid", "config", "portgroup"]) +
          propSpec("DistributedVirtualPortgroup", ["name", "key", "config"]),
        viewObjectSpec(view),
      ),
    );
    const byId = byObject(objects);
    const all = [...byId.values()];
    const dvs = all.find((p) => p.get("name")?.text === "DSwitch-Lab")!;
    const dvsId = [...byId].find(([, p]) => p === dvs)![0];
    const config = dvs.get("config")!;
    expect(typeOf(config)).toBe("VMwareDVSConfigInfo");
    expect(text(config, "maxMtu")).toBe("9000");
    const uuid = dvs.get("uuid")!.text;
    expect(uuid).toMatch(/^([0-9a-f]{2} ){7}[0-9a-f]{2}-([0-9a-f]{2} ){7}[0-9a-f]{2}$/);
    const groups = all.filter((p) => p.has("key"));
    expect(children(dvs.get("portgroup"), "ManagedObjectReference")).toHaveLength(groups.length);
    const vlans = new Map(
      groups.map((g) => {
        const vlan = child(child(g.get("config"), "defaultPortConfig"), "vlan")!;
        return [g.get("name")!.text, { type: typeOf(vlan), vlanId: texts(vlan, "vlanId"), uplink: text(g.get("config"), "uplink") }];
      }),
    );
    expect(vlans.get("DPG-vMotion")).toEqual({ type: "VmwareDistributedVirtualSwitchVlanIdSpec", vlanId: ["30"], uplink: "false" });
    expect(vlans.get("DPG-Provisioning")).toEqual({ type: "VmwareDistributedVirtualSwitchVlanIdSpec", vlanId: ["40"], uplink: "false" });
    expect(vlans.get("DPG-Storage")).toEqual({ type: "VmwareDistributedVirtualSwitchVlanIdSpec", vlanId: ["50"], uplink: "false" });
    const uplinks = [...vlans].filter(([, v]) => v.uplink === "true");
    expect(uplinks).toHaveLength(1);
    expect(uplinks[0]![1].type).toBe("VmwareDistributedVirtualSwitchTrunkVlanSpec");
    const uplinkRef = children(config, "uplinkPortgroup").map((r) => r.text);
    expect(uplinkRef).toEqual([groups.find((g) => g.get("name")!.text === uplinks[0]![0])!.get("key")!.text]);
    for (const g of groups) {
      expect(text(g.get("config"), "distributedVirtualSwitch")).toBe(dvsId);
      expect(text(g.get("config"), "key")).toBe(g.get("key")!.text);
    }
    // Every connected host's proxy switch is this switch.
    for (const h of CONNECTED) expect(text(child(net(h), "proxySwitch"), "dvsUuid"), h).toBe(uuid);
  });
});

describe("the 2500-host inventory", () => {
  it("has 2500 hosts with unique names and management addresses", { timeout: 60_000 }, async () => {
    const big = await withSimulator({ hosts: 2500 });
    try {
      const state = (await (await fetch(`${big.baseUrl}/sim/state`, { headers: { Authorization: "Bearer test-token" } })).json()) as {
        hosts: number;
      };
      expect(state.hosts).toBe(2500);
      const c = await loggedIn(big.sdkUrl);
      const props = await hostProps(c, ["name", "config.network.vnic"]);
      expect(props.size).toBe(2500);
      const names = [...props.values()].map((p) => p.get("name")!.text);
      expect(new Set(names).size).toBe(2500);
      expect(names.slice(0, 9)).toEqual(HOST_NAMES);
      const ips = [...props.values()].flatMap((p) => {
        const vnic = p.get("config.network.vnic");
        return vnic ? children(vnic, "HostVirtualNic").map((v) => text(child(child(v, "spec"), "ip"), "ipAddress")) : [];
      });
      expect(new Set(ips).size).toBe(ips.length);
      expect(ips.length).toBeGreaterThanOrEqual(2499);
    } finally {
      await big.close();
    }
  });
});
