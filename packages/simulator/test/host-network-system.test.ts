/** HostNetworkSystem through real SOAP calls: standard switches, port groups and VMkernel adapters. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { DEFAULT_STACK, expectOk, Harness, returnval, staticIp, type IpSpec } from "./host-net-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const pnicKey = (d: string) => `key-vim.host.PhysicalNic-${d}`;

describe("AddVirtualSwitch", () => {
  it("bridges free physical adapters with the active/standby order and MTU", async () => {
    expectOk(
      await h.addVirtualSwitch("esx-01", "vSwitch1", {
        numPorts: 256,
        nicDevice: ["vmnic2", "vmnic3"],
        activeNic: ["vmnic3"],
        standbyNic: ["vmnic2"],
        mtu: 9000,
      }),
    );
    const vs = h.host("esx-01").vswitch("vSwitch1")!;
    expect(vs).toBeDefined();
    expect(vs.mtu).toBe(9000);
    expect(vs.pnic).toEqual([pnicKey("vmnic2"), pnicKey("vmnic3")]);
    expect(vs.spec.policy?.nicTeaming?.nicOrder).toEqual({ activeNic: ["vmnic3"], standbyNic: ["vmnic2"] });

    const rb = await h.expectConsistent("esx-01");
    const back = rb.net.vswitch!.find((v) => v.name === "vSwitch1")!;
    expect(back.key).toBe("key-vim.host.VirtualSwitch-vSwitch1");
    expect(back.numPorts).toBe(256);
    expect(back.mtu).toBe(9000);
    expect(back.spec.mtu).toBe(9000);
    expect(back.pnic).toEqual([pnicKey("vmnic2"), pnicKey("vmnic3")]);
    expect(back.spec.bridge).toMatchObject({ _type: "HostVirtualSwitchBondBridge", nicDevice: ["vmnic2", "vmnic3"] });
    expect(back.spec.policy?.nicTeaming?.nicOrder).toEqual({ activeNic: ["vmnic3"], standbyNic: ["vmnic2"] });
    expect(back.portgroup ?? []).toEqual([]);
  });

  it("keeps an adapter that is in neither list as unused, and defaults to MTU 1500 without pNICs", async () => {
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2", "vmnic3"], activeNic: ["vmnic2"], standbyNic: [] }));
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch2"));
    const rb = await h.expectConsistent("esx-01");
    const one = rb.net.vswitch!.find((v) => v.name === "vSwitch1")!;
    expect(one.spec.bridge).toMatchObject({ nicDevice: ["vmnic2", "vmnic3"] });
    expect(one.spec.policy?.nicTeaming?.nicOrder?.activeNic).toEqual(["vmnic2"]);
    expect(one.spec.policy?.nicTeaming?.nicOrder?.standbyNic ?? []).toEqual([]);
    const two = rb.net.vswitch!.find((v) => v.name === "vSwitch2")!;
    expect(two.mtu).toBe(1500);
    expect(two.numPorts).toBe(128);
    expect(two.pnic ?? []).toEqual([]);
    expect(two.spec.bridge).toBeUndefined();
  });

  it("accepts a 32-character name and refuses a 33-character one with InvalidArgument", async () => {
    const name32 = "v".repeat(32);
    await h.expectRefused("esx-01", "InvalidArgument", () => h.addVirtualSwitch("esx-01", `${name32}x`));
    expect(h.host("esx-01").vswitch(`${name32}x`)).toBeUndefined();
    expectOk(await h.addVirtualSwitch("esx-01", name32));
    expect(h.host("esx-01").vswitch(name32)).toBeDefined();
    await h.expectConsistent("esx-01");
  });

  it("refuses a duplicate name with AlreadyExists", async () => {
    const detail = await h.expectRefused("esx-01", "AlreadyExists", () =>
      h.addVirtualSwitch("esx-01", "vSwitch0", { nicDevice: ["vmnic2"] }),
    );
    expect(detail.children.find((c) => c.name === "name")?.text).toBe("vSwitch0");
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch1"));
    await h.expectRefused("esx-01", "AlreadyExists", () => h.addVirtualSwitch("esx-01", "vSwitch1"));
    // The name is unique per host, not per vCenter.
    expectOk(await h.addVirtualSwitch("esx-02", "vSwitch1"));
  });

  it.each([
    ["vmnic0", "bridged by vSwitch0"],
    ["vmnic1", "an uplink of the distributed switch"],
  ])("refuses %s (%s) with ResourceInUse", async (pnic) => {
    const detail = await h.expectRefused("esx-01", "ResourceInUse", () =>
      h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2", pnic], activeNic: ["vmnic2", pnic] }),
    );
    expect(detail.children.find((c) => c.name === "name")?.text).toBe(pnic);
    expect(h.host("esx-01").vswitch("vSwitch1")).toBeUndefined();
  });

  it("refuses a pNIC that an earlier new vSwitch bridges", async () => {
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2"] }));
    await h.expectRefused("esx-01", "ResourceInUse", () => h.addVirtualSwitch("esx-01", "vSwitch2", { nicDevice: ["vmnic2"] }));
  });

  it("accepts MTU 9000 and refuses MTU 9001 with InvalidArgument", async () => {
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2"], mtu: 9001 }),
    );
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2"], mtu: 9000 }));
    expect(h.host("esx-01").vswitch("vSwitch1")?.mtu).toBe(9000);
  });

  it("refuses an unknown pNIC and an active adapter that is not bridged with InvalidArgument", async () => {
    await h.expectRefused("esx-01", "InvalidArgument", () => h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic9"] }));
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2"], activeNic: ["vmnic3"] }),
    );
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2"], activeNic: ["vmnic2"], standbyNic: ["vmnic2"] }),
    );
  });
});

describe("RemoveVirtualSwitch", () => {
  it("refuses an unknown vSwitch with NotFound", async () => {
    await h.expectRefused("esx-01", "NotFound", () => h.removeVirtualSwitch("esx-01", "vSwitch7"));
  });

  it("refuses with ResourceInUse while a vmk is on one of its port groups", async () => {
    await h.expectRefused("esx-01", "ResourceInUse", () => h.removeVirtualSwitch("esx-01", "vSwitch0"));
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2"] }));
    expectOk(await h.addPortGroup("esx-01", { name: "Empty", vswitchName: "vSwitch1" }));
    expectOk(await h.addPortGroup("esx-01", { name: "VMK", vswitchName: "vSwitch1" }));
    const vmk = returnval(expectOk(await h.addVirtualNic("esx-01", "VMK", { ip: staticIp("192.168.50.11") })))!;
    await h.expectRefused("esx-01", "ResourceInUse", () => h.removeVirtualSwitch("esx-01", "vSwitch1"));
    expect(h.host("esx-01").portgroup("VMK")).toBeDefined();
    expect(h.host("esx-01").vnic(vmk)).toBeDefined();
  });

  it("removes the vSwitch with its port groups and frees its pNICs", async () => {
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2", "vmnic3"] }));
    expectOk(await h.addPortGroup("esx-01", { name: "PG-A", vswitchName: "vSwitch1", vlanId: 10 }));
    expectOk(await h.addPortGroup("esx-01", { name: "PG-B", vswitchName: "vSwitch1", vlanId: 20 }));
    const vmk = returnval(expectOk(await h.addVirtualNic("esx-01", "PG-B", { ip: staticIp("192.168.50.11") })))!;
    expectOk(await h.removeVirtualNic("esx-01", vmk));
    expectOk(await h.removeVirtualSwitch("esx-01", "vSwitch1"));

    const host = h.host("esx-01");
    expect(host.vswitch("vSwitch1")).toBeUndefined();
    expect(host.portgroup("PG-A")).toBeUndefined();
    expect(host.portgroup("PG-B")).toBeUndefined();
    const rb = await h.expectConsistent("esx-01");
    expect(rb.net.vswitch!.map((v) => v.name)).toEqual(["vSwitch0"]);
    expect(rb.net.portgroup!.map((p) => p.spec.name)).toEqual(["Management Network", "VM Network"]);
    // The pNICs can be bridged again.
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch2", { nicDevice: ["vmnic2", "vmnic3"] }));
  });
});

describe("AddPortGroup", () => {
  it.each([0, 1, 4094, 4095])("accepts VLAN %i", async (vlanId) => {
    expectOk(await h.addPortGroup("esx-01", { name: "PG-VLAN", vlanId }));
    expect(h.host("esx-01").portgroup("PG-VLAN")?.spec.vlanId).toBe(vlanId);
    const rb = await h.expectConsistent("esx-01");
    const pg = rb.net.portgroup!.find((p) => p.spec.name === "PG-VLAN")!;
    expect(pg.spec).toMatchObject({ name: "PG-VLAN", vlanId, vswitchName: "vSwitch0" });
    expect(pg.vswitch).toBe("key-vim.host.VirtualSwitch-vSwitch0");
    expect(pg.port ?? []).toEqual([]);
  });

  it.each([-1, 4096, 10000])("refuses VLAN %i with InvalidArgument", async (vlanId) => {
    await h.expectRefused("esx-01", "InvalidArgument", () => h.addPortGroup("esx-01", { name: "PG-VLAN", vlanId }));
  });

  it("refuses an unknown vSwitch with NotFound", async () => {
    await h.expectRefused("esx-01", "NotFound", () => h.addPortGroup("esx-01", { name: "PG-A", vswitchName: "vSwitch9" }));
  });

  it("refuses a label already used on the host with AlreadyExists, on any of its vSwitches", async () => {
    await h.expectRefused("esx-01", "AlreadyExists", () => h.addPortGroup("esx-01", { name: "Management Network" }));
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch1"));
    await h.expectRefused("esx-01", "AlreadyExists", () => h.addPortGroup("esx-01", { name: "VM Network", vswitchName: "vSwitch1" }));
  });

  it("accepts the same label on another host", async () => {
    expectOk(await h.addPortGroup("esx-01", { name: "vMotion-PG", vlanId: 30 }));
    expectOk(await h.addPortGroup("esx-02", { name: "vMotion-PG", vlanId: 31 }));
    expect(h.host("esx-01").portgroup("vMotion-PG")?.spec.vlanId).toBe(30);
    expect(h.host("esx-02").portgroup("vMotion-PG")?.spec.vlanId).toBe(31);
    await h.expectConsistent("esx-01");
    await h.expectConsistent("esx-02");
  });
});

describe("RemovePortGroup", () => {
  it("refuses an unknown port group with NotFound", async () => {
    await h.expectRefused("esx-01", "NotFound", () => h.removePortGroup("esx-01", "No Such PG"));
  });

  it("refuses with ResourceInUse while a vmk is on it", async () => {
    await h.expectRefused("esx-01", "ResourceInUse", () => h.removePortGroup("esx-01", "Management Network"));
  });

  it("removes an empty port group from the host and from its vSwitch", async () => {
    expectOk(await h.addPortGroup("esx-01", { name: "PG-A" }));
    const key = h.host("esx-01").portgroup("PG-A")!.key!;
    expectOk(await h.removePortGroup("esx-01", "PG-A"));
    expect(h.host("esx-01").portgroup("PG-A")).toBeUndefined();
    expect(h.host("esx-01").vswitch("vSwitch0")!.portgroup).not.toContain(key);
    const rb = await h.expectConsistent("esx-01");
    expect(rb.net.portgroup!.map((p) => p.spec.name)).toEqual(["Management Network", "VM Network"]);
  });
});

describe("AddVirtualNic", () => {
  it("adds a vmk on a standard port group", async () => {
    expectOk(await h.addPortGroup("esx-01", { name: "VMK-A", vlanId: 30 }));
    const reply = expectOk(
      await h.addVirtualNic("esx-01", "VMK-A", { ip: staticIp("192.168.30.11"), mtu: 9000, stack: DEFAULT_STACK, gateway: "192.168.30.1" }),
    );
    expect(returnval(reply)).toBe("vmk1");

    const vnic = h.host("esx-01").vnic("vmk1")!;
    expect(vnic.portgroup).toBe("VMK-A");
    expect(h.host("esx-01").portgroup("VMK-A")!.port).toEqual([{ key: vnic.port, mac: [vnic.spec.mac], type: "host" }]);

    const rb = await h.expectConsistent("esx-01");
    const back = Harness.vnic(rb, "vmk1")!;
    expect(back.key).toBe("key-vim.host.VirtualNic-vmk1");
    expect(back.portgroup).toBe("VMK-A");
    expect(back.spec.ip).toMatchObject({ dhcp: false, ipAddress: "192.168.30.11", subnetMask: "255.255.255.0" });
    expect(back.spec.mtu).toBe(9000);
    expect(back.spec.netStackInstanceKey).toBe(DEFAULT_STACK);
    expect(back.spec.mac).toMatch(/^00:50:56(:[0-9a-f]{2}){3}$/);
    expect(back.spec.ipRouteSpec?.ipRouteConfig?.defaultGateway).toBe("192.168.30.1");
    expect(Harness.runtimeStack(rb, DEFAULT_STACK).vmknicKeys).toEqual(["vmk0", "vmk1"]);
  });

  it("adds a DHCP vmk with no static address", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-DHCP", { ip: { dhcp: true } });
    const rb = await h.expectConsistent("esx-01");
    expect(Harness.vnic(rb, vmk)!.spec.ip).toMatchObject({ dhcp: true });
    expect(Harness.vnic(rb, vmk)!.spec.ip?.ipAddress).toBeUndefined();
  });

  it("adds a vmk on a distributed port group found in the inventory (portgroup '' + distributedVirtualPort)", async () => {
    const dvs = await h.distributedSwitch();
    const dpg = dvs.portgroups.get("DPG-vMotion")!;
    expect(dpg.uplink).toBe(false);
    const reply = expectOk(
      await h.addVirtualNic("esx-01", "", {
        ip: staticIp("192.168.30.11"),
        dvPort: { switchUuid: dvs.uuid, portgroupKey: dpg.key },
        mtu: 9000,
        stack: "vmotion",
      }),
    );
    expect(returnval(reply)).toBe("vmk1");
    const rb = await h.expectConsistent("esx-01");
    const back = Harness.vnic(rb, "vmk1")!;
    expect(back.portgroup).toBe("");
    expect(back.spec.portgroup).toBeUndefined();
    expect(back.spec.distributedVirtualPort).toMatchObject({ switchUuid: dvs.uuid, portgroupKey: dpg.key });
    expect(back.spec.distributedVirtualPort?.portKey).toBeTruthy();
    expect(back.spec.netStackInstanceKey).toBe("vmotion");
    // No standard port group gained a port: only vmk0's is there.
    expect(rb.net.portgroup!.flatMap((p) => p.port ?? []).length).toBe(1);
  });

  it("refuses a DVS connection with a non-empty portgroup, an unknown key or the uplink port group", async () => {
    const dvs = await h.distributedSwitch();
    const dpg = dvs.portgroups.get("DPG-Storage")!.key;
    const uplink = [...dvs.portgroups.values()].find((p) => p.uplink)!.key;
    const ip = staticIp("192.168.50.11");
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualNic("esx-01", "VM Network", { ip, dvPort: { switchUuid: dvs.uuid, portgroupKey: dpg } }),
    );
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualNic("esx-01", "", { ip, dvPort: { switchUuid: dvs.uuid, portgroupKey: "dvportgroup-999" } }),
    );
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualNic("esx-01", "", { ip, dvPort: { switchUuid: dvs.uuid, portgroupKey: uplink } }),
    );
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualNic("esx-01", "", { ip, dvPort: { switchUuid: "00 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00", portgroupKey: dpg } }),
    );
  });

  it("a refused DVS vmk leaves no trace: the next one gets the same device, MAC and port", async () => {
    const dvs = await h.distributedSwitch();
    const dvPort = { switchUuid: dvs.uuid, portgroupKey: dvs.portgroups.get("DPG-Storage")!.key };
    const add = () => h.addVirtualNic("esx-01", "", { ip: staticIp("192.168.50.11"), dvPort });
    expectOk(await add());
    const expected = structuredClone(h.host("esx-01").vnic("vmk1"));

    await h.reset();
    await h.expectRefused("esx-01", "InvalidArgument", () => h.addVirtualNic("esx-01", "", { ip: staticIp("192.168.50.0"), dvPort }));
    await h.expectRefused("esx-01", "NotFound", () =>
      h.addVirtualNic("esx-01", "", { ip: staticIp("192.168.50.11"), dvPort, stack: "vsan" }),
    );
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualNic("esx-01", "", { ip: staticIp("192.168.50.11"), dvPort, mtu: 9001 }),
    );
    expectOk(await add());
    expect(h.host("esx-01").vnic("vmk1")).toEqual(expected);
  });

  it("refuses a port group that already holds a vmk with AlreadyExists (R9)", async () => {
    await h.expectRefused("esx-01", "AlreadyExists", () => h.addVirtualNic("esx-01", "Management Network", { ip: staticIp("10.10.0.99") }));
    await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    await h.expectRefused("esx-01", "AlreadyExists", () => h.addVirtualNic("esx-01", "VMK-A", { ip: staticIp("192.168.30.12") }));
  });

  it("refuses a port group that does not exist with InvalidArgument", async () => {
    await h.expectRefused("esx-01", "InvalidArgument", () => h.addVirtualNic("esx-01", "No Such PG", { ip: staticIp("192.168.30.11") }));
  });

  it("refuses an unknown netStackInstanceKey with NotFound", async () => {
    expectOk(await h.addPortGroup("esx-01", { name: "VMK-A" }));
    await h.expectRefused("esx-01", "NotFound", () => h.addVirtualNic("esx-01", "VMK-A", { ip: staticIp("192.168.30.11"), stack: "vsan" }));
    // A custom stack exists only where it was made (esx-09 has NFS, esx-01 has not).
    await h.expectRefused("esx-01", "NotFound", () => h.addVirtualNic("esx-01", "VMK-A", { ip: staticIp("192.168.30.11"), stack: "NFS" }));
  });

  it("refuses DHCP together with a static address with InvalidArgument (R13)", async () => {
    expectOk(await h.addPortGroup("esx-01", { name: "VMK-A" }));
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualNic("esx-01", "VMK-A", { ip: { dhcp: true, ipAddress: "192.168.30.11", subnetMask: "255.255.255.0" } }),
    );
  });

  it.each<[string, IpSpec]>([
    ["an octet above 255", staticIp("192.168.30.256")],
    ["a host name", staticIp("esx-01.lab.local")],
    ["a mask that is not contiguous", staticIp("192.168.30.11", "255.0.255.0")],
    ["a mask that is not an address", staticIp("192.168.30.11", "24")],
    ["an address without a mask", { dhcp: false, ipAddress: "192.168.30.11" }],
    ["the network address", staticIp("192.168.30.0")],
    ["the broadcast address", staticIp("192.168.30.255")],
  ])("refuses %s with InvalidArgument", async (_label, ip) => {
    expectOk(await h.addPortGroup("esx-01", { name: "VMK-A" }));
    await h.expectRefused("esx-01", "InvalidArgument", () => h.addVirtualNic("esx-01", "VMK-A", { ip }));
  });

  it.each(["esx-03", "esx-06"])("refuses IPv6 on %s, which has IPv6 off, with InvalidState (R14)", async (host) => {
    expectOk(await h.addPortGroup(host, { name: "VMK-A" }));
    expect(h.host(host).net.ipV6Enabled).toBe(false);
    await h.expectRefused(host, "InvalidState", () =>
      h.addVirtualNic(host, "VMK-A", {
        ip: { ...staticIp("192.168.30.11"), v6: { addresses: [{ ipAddress: "fd00:30::11", prefixLength: 64 }] } },
      }),
    );
    await h.expectRefused(host, "InvalidState", () =>
      h.addVirtualNic(host, "VMK-A", { ip: { dhcp: false, v6: { autoConfigurationEnabled: true, dhcpV6Enabled: false } } }),
    );
    // IPv4 alone is fine there.
    expectOk(await h.addVirtualNic(host, "VMK-A", { ip: staticIp("192.168.30.11") }));
    await h.expectConsistent(host);
  });

  it("stores a static IPv6 address on a host with IPv6", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", {
      ip: {
        ...staticIp("192.168.30.11"),
        v6: { addresses: [{ ipAddress: "fd00:30::11", prefixLength: 64 }], autoConfigurationEnabled: false, dhcpV6Enabled: false },
      },
    });
    const rb = await h.expectConsistent("esx-01");
    const v6 = Harness.vnic(rb, vmk)!.spec.ip?.ipV6Config;
    expect(v6?.ipV6Address).toEqual([expect.objectContaining({ ipAddress: "fd00:30::11", prefixLength: 64, origin: "manual" })]);
    expect(v6?.autoConfigurationEnabled).toBe(false);
    expect(v6?.dhcpV6Enabled).toBe(false);
  });

  it("refuses MTU above 9000 with InvalidArgument", async () => {
    expectOk(await h.addPortGroup("esx-01", { name: "VMK-A" }));
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.addVirtualNic("esx-01", "VMK-A", { ip: staticIp("192.168.30.11"), mtu: 9001 }),
    );
    expectOk(await h.addVirtualNic("esx-01", "VMK-A", { ip: staticIp("192.168.30.11"), mtu: 9000 }));
  });

  it("names devices vmkN with the lowest free N", async () => {
    expect(await h.addVmk("esx-01", "A", { ip: staticIp("192.168.30.11") })).toBe("vmk1");
    expect(await h.addVmk("esx-01", "B", { ip: staticIp("192.168.30.12") })).toBe("vmk2");
    expect(await h.addVmk("esx-01", "C", { ip: staticIp("192.168.30.13") })).toBe("vmk3");
    expectOk(await h.removeVirtualNic("esx-01", "vmk2"));
    expect(await h.addVmk("esx-01", "D", { ip: staticIp("192.168.30.14") })).toBe("vmk2");
    const rb = await h.expectConsistent("esx-01");
    expect(rb.net.vnic!.map((v) => [v.device, v.portgroup])).toEqual([
      ["vmk0", "Management Network"],
      ["vmk1", "A"],
      ["vmk3", "C"],
      ["vmk2", "D"],
    ]);
    // esx-09 already has vmk0 and vmk1 (NFS stack): its next one is vmk2.
    expect(await h.addVmk("esx-09", "A", { ip: staticIp("192.168.30.19") })).toBe("vmk2");
  });

  it("refuses a 257th vmk: names run from vmk0 to vmk255 (R18)", async () => {
    const dvs = await h.distributedSwitch();
    const dvPort = { switchUuid: dvs.uuid, portgroupKey: dvs.portgroups.get("DPG-Storage")!.key };
    for (let n = 1; n <= 255; n++) {
      const ip = staticIp(`10.${50 + (n >> 8)}.${n & 0xff}.10`, "255.255.255.0");
      expect(returnval(expectOk(await h.addVirtualNic("esx-01", "", { ip, dvPort })))).toBe(`vmk${n}`);
    }
    await h.expectRefused("esx-01", "PlatformConfigFault", () => h.addVirtualNic("esx-01", "", { ip: staticIp("10.60.0.10"), dvPort }));
    expect(h.host("esx-01").net.vnic).toHaveLength(256);
    expectOk(await h.removeVirtualNic("esx-01", "vmk200"));
    expect(returnval(expectOk(await h.addVirtualNic("esx-01", "", { ip: staticIp("10.60.0.10"), dvPort })))).toBe("vmk200");
  });

  it.each([
    ["vmotion", "vmotion"],
    ["vSphereProvisioning", "vSphereProvisioning"],
  ])("activates the %s stack with its first vmk, which then alone carries %s (R2, R3, R4, R7)", async (stack, service) => {
    let rb = await h.expectConsistent("esx-01");
    expect(Harness.runtimeStack(rb, stack)).toMatchObject({ state: "inactive" });
    expect(Harness.runtimeStack(rb, stack).vmknicKeys ?? []).toEqual([]);

    // Two default-stack vmks carry the service first.
    const vmk1 = await h.addVmk("esx-01", "Default-Svc", { ip: staticIp("192.168.40.11") });
    expectOk(await h.selectVnic("esx-01", service, "vmk0"));
    expectOk(await h.selectVnic("esx-01", service, vmk1));
    rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, service)).toEqual(["vmk0", vmk1]);

    const vmk2 = await h.addVmk("esx-01", "Stack-Svc", { ip: staticIp("192.168.30.11"), stack });
    rb = await h.expectConsistent("esx-01");
    expect(Harness.runtimeStack(rb, stack)).toMatchObject({ state: "active", vmknicKeys: [vmk2] });
    expect(Harness.selected(rb, service)).toEqual([vmk2]);
    // vmk0 keeps management; only the stack's service moved.
    expect(Harness.selected(rb, "management")).toEqual(["vmk0"]);
    for (const nc of rb.vnmInfo.netConfig!) {
      expect(Harness.selected(rb, nc.nicType).includes(vmk2)).toBe(nc.nicType === service);
    }
    if (service === "vmotion") {
      const summary = await h.admin.props("HostSystem", h.host("esx-01").ref.value, ["summary.config.vmotionEnabled"]);
      expect(summary.get("summary.config.vmotionEnabled")?.text).toBe("true");
    }
  });
});

describe("UpdateVirtualNic", () => {
  it("applies an IP and MTU change", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11"), mtu: 1500 });
    const mac = h.host("esx-01").vnic(vmk)!.spec.mac;
    expectOk(await h.updateVirtualNic("esx-01", vmk, { ip: staticIp("192.168.31.21", "255.255.254.0"), mtu: 9000 }));
    const vnic = h.host("esx-01").vnic(vmk)!;
    expect(vnic.spec.ip).toMatchObject({ ipAddress: "192.168.31.21", subnetMask: "255.255.254.0" });
    expect(vnic.spec.mtu).toBe(9000);
    const rb = await h.expectConsistent("esx-01");
    const back = Harness.vnic(rb, vmk)!;
    expect(back.spec.ip).toMatchObject({ dhcp: false, ipAddress: "192.168.31.21", subnetMask: "255.255.254.0" });
    expect(back.spec.mtu).toBe(9000);
    expect(back.spec.mac).toBe(mac);
    expect(back.portgroup).toBe("VMK-A");

    // MTU alone leaves the address.
    expectOk(await h.updateVirtualNic("esx-01", vmk, { mtu: 1600 }));
    const again = Harness.vnic(await h.expectConsistent("esx-01"), vmk)!;
    expect(again.spec.mtu).toBe(1600);
    expect(again.spec.ip?.ipAddress).toBe("192.168.31.21");
  });

  it("refuses to change the TCP/IP stack with InvalidArgument (R1), and accepts the same stack", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11"), stack: "vmotion" });
    await h.expectRefused("esx-01", "InvalidArgument", () => h.updateVirtualNic("esx-01", vmk, { stack: DEFAULT_STACK, mtu: 9000 }));
    await h.expectRefused("esx-01", "InvalidArgument", () => h.updateVirtualNic("esx-01", "vmk0", { stack: "vmotion" }));
    expectOk(await h.updateVirtualNic("esx-01", vmk, { stack: "vmotion", mtu: 9000 }));
    expect(h.host("esx-01").vnic(vmk)!.spec.mtu).toBe(9000);
    expect(h.host("esx-01").vnic(vmk)!.spec.netStackInstanceKey).toBe("vmotion");
  });

  it("refuses an unknown device with NotFound", async () => {
    await h.expectRefused("esx-01", "NotFound", () => h.updateVirtualNic("esx-01", "vmk7", { mtu: 9000 }));
  });

  it("migrates a vmk to a distributed port group and back to a free standard port group, keeping its address and services", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    expectOk(await h.selectVnic("esx-01", "vmotion", vmk));
    const dvs = await h.distributedSwitch();
    const dpg = dvs.portgroups.get("DPG-vMotion")!;
    expectOk(await h.updateVirtualNic("esx-01", vmk, { dvPort: { switchUuid: dvs.uuid, portgroupKey: dpg.key } }));
    let back = Harness.vnic(await h.expectConsistent("esx-01"), vmk)!;
    expect(back.portgroup).toBe("");
    expect(back.spec.distributedVirtualPort).toMatchObject({ switchUuid: dvs.uuid, portgroupKey: dpg.key });
    expect(back.spec.ip?.ipAddress).toBe("192.168.30.11");
    const rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, "vmotion")).toEqual([vmk]);
    // The standard port group it left is free: it takes the vmk back.
    expect(rb.net.portgroup!.find((p) => p.spec.name === "VMK-A")!.port ?? []).toEqual([]);
    expectOk(await h.updateVirtualNic("esx-01", vmk, { portgroup: "VMK-A" }));
    back = Harness.vnic(await h.expectConsistent("esx-01"), vmk)!;
    expect(back.portgroup).toBe("VMK-A");
    expect(back.spec.distributedVirtualPort).toBeUndefined();
  });

  it("refuses a migration to a taken port group, to a switch the host is not on, or to both at once; changes nothing", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    const dvs = await h.distributedSwitch();
    const dpg = dvs.portgroups.get("DPG-vMotion")!;
    await h.expectRefused("esx-01", "AlreadyExists", () => h.updateVirtualNic("esx-01", vmk, { portgroup: "Management Network" }));
    await h.expectRefused("esx-01", "InvalidArgument", () => h.updateVirtualNic("esx-01", vmk, { portgroup: "Nope" }));
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.updateVirtualNic("esx-01", vmk, { dvPort: { switchUuid: "00 11", portgroupKey: dpg.key } }),
    );
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.updateVirtualNic("esx-01", vmk, { portgroup: "VM Network", dvPort: { switchUuid: dvs.uuid, portgroupKey: dpg.key } }),
    );
  });

  it("refuses a bad address or MTU and changes nothing", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.updateVirtualNic("esx-01", vmk, { ip: staticIp("192.168.30.300"), mtu: 9000 }),
    );
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.updateVirtualNic("esx-01", vmk, { ip: staticIp("192.168.30.12"), mtu: 9001 }),
    );
    await h.expectRefused("esx-03", "InvalidState", () =>
      h.updateVirtualNic("esx-03", "vmk0", {
        ip: { ...staticIp("10.10.0.13"), v6: { addresses: [{ ipAddress: "fd00::13", prefixLength: 64 }] } },
      }),
    );
  });
});

describe("RemoveVirtualNic", () => {
  it("refuses an unknown device with NotFound", async () => {
    await h.expectRefused("esx-01", "NotFound", () => h.removeVirtualNic("esx-01", "vmk5"));
  });

  it("removes the vmk, frees its port group and makes its stack inactive again", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-vMotion", { ip: staticIp("192.168.30.11"), stack: "vmotion" });
    let rb = await h.expectConsistent("esx-01");
    expect(Harness.runtimeStack(rb, "vmotion").state).toBe("active");

    expectOk(await h.removeVirtualNic("esx-01", vmk));
    expect(h.host("esx-01").vnic(vmk)).toBeUndefined();
    expect(h.host("esx-01").isStackActive("vmotion")).toBe(false);
    rb = await h.expectConsistent("esx-01");
    expect(Harness.vnic(rb, vmk)).toBeUndefined();
    expect(Harness.runtimeStack(rb, "vmotion")).toMatchObject({ state: "inactive" });
    expect(Harness.runtimeStack(rb, "vmotion").vmknicKeys ?? []).toEqual([]);
    expect(Harness.selected(rb, "vmotion")).toEqual([]);
    expect(rb.net.portgroup!.find((p) => p.spec.name === "VMK-vMotion")!.port ?? []).toEqual([]);
    // The port group is free again: it can take a new vmk, or be removed.
    expectOk(await h.removePortGroup("esx-01", "VMK-vMotion"));
    await h.expectConsistent("esx-01");
  });

  it("drops the services the vmk carried", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    expectOk(await h.selectVnic("esx-01", "faultToleranceLogging", vmk));
    expectOk(await h.selectVnic("esx-01", "vmotion", vmk));
    expectOk(await h.removeVirtualNic("esx-01", vmk));
    const rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, "faultToleranceLogging")).toEqual([]);
    expect(Harness.selected(rb, "vmotion")).toEqual([]);
    // A new vmk with the same name starts without them.
    expect(await h.addVmk("esx-01", "VMK-B", { ip: staticIp("192.168.30.12") })).toBe(vmk);
    expect(Harness.selected(await h.expectConsistent("esx-01"), "faultToleranceLogging")).toEqual([]);
  });
});
