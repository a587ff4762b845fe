/**
 * Who may change host networking: the disconnected host (esx-04) refuses every change, the helpdesk user
 * holds Host.Config.Network and Network.Assign only on Cluster-Dev, readonly holds neither anywhere.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { Client, Reply } from "./client.ts";
import {
  DEFAULT_STACK,
  expectOk,
  Harness,
  HELPDESK,
  noPermission,
  READONLY,
  returnval,
  staticIp,
  type NoPermissionDetail,
} from "./host-net-harness.ts";

let h: Harness;
let helpdesk: Client;
let readonly: Client;
beforeAll(async () => {
  h = await Harness.start();
  helpdesk = await h.login(HELPDESK);
  readonly = await h.login(READONLY);
});
afterAll(() => h.close());
beforeEach(() => h.reset());

type Call = (c: Client) => Promise<Reply>;

/** Every HostNetworkSystem / HostVirtualNicManager call the wizard makes, aimed at one host. */
function calls(host: string): [string, Call][] {
  return [
    ["AddVirtualSwitch", (c) => h.addVirtualSwitch(host, "vSwitch1", { nicDevice: ["vmnic2"] }, c)],
    ["RemoveVirtualSwitch", (c) => h.removeVirtualSwitch(host, "vSwitch0", c)],
    ["AddPortGroup", (c) => h.addPortGroup(host, { name: "PG-A", vlanId: 30 }, c)],
    ["RemovePortGroup", (c) => h.removePortGroup(host, "VM Network", c)],
    ["AddVirtualNic", (c) => h.addVirtualNic(host, "VM Network", { ip: staticIp("192.168.30.11") }, c)],
    ["UpdateVirtualNic", (c) => h.updateVirtualNic(host, "vmk0", { mtu: 9000 }, c)],
    ["RemoveVirtualNic", (c) => h.removeVirtualNic(host, "vmk0", c)],
    ["UpdateNetworkConfig", (c) => h.editStacks(host, [{ key: DEFAULT_STACK, gateway: "10.10.0.254" }], "modify", c)],
    ["SelectVnicForNicType", (c) => h.selectVnic(host, "vmotion", "vmk0", c)],
    ["DeselectVnicForNicType", (c) => h.deselectVnic(host, "management", "vmk0", c)],
    ["QueryNetConfig", (c) => h.queryNetConfig(host, "management", c)],
  ];
}

function expectNoPermission(detail: NoPermissionDetail, entity: { type: string; value: string }, privilege: string): void {
  expect(detail.privilegeId).toBe(privilege);
  expect(detail.object).toEqual(entity);
  expect(detail.missingPrivileges).toEqual([{ entity, privilegeIds: [privilege] }]);
}

describe("the disconnected host esx-04", () => {
  it.each(calls("esx-04"))("refuses %s with HostNotConnected", async (_method, call) => {
    expect(h.host("esx-04").connectionState).toBe("disconnected");
    await h.expectRefused("esx-04", "HostNotConnected", () => call(h.admin));
  });

  it("refuses a vmk on a distributed port group with HostNotConnected", async () => {
    const dvs = await h.distributedSwitch();
    await h.expectRefused("esx-04", "HostNotConnected", () =>
      h.addVirtualNic("esx-04", "", {
        ip: staticIp("192.168.30.14"),
        dvPort: { switchUuid: dvs.uuid, portgroupKey: dvs.portgroups.get("DPG-vMotion")!.key },
      }),
    );
  });

  it("shows no configuration while disconnected", async () => {
    const props = await h.admin.props("HostSystem", h.host("esx-04").ref.value, ["runtime.connectionState", "config"]);
    expect(props.get("runtime.connectionState")?.text).toBe("disconnected");
    expect(props.get("config")).toBeUndefined();
  });
});

describe("helpdesk@vsphere.local", () => {
  it("configures a Cluster-Dev host (esx-05): new vSwitch, vmotion vmk, stack gateway, services", async () => {
    expectOk(
      await h.addVirtualSwitch(
        "esx-05",
        "vSwitch1",
        { nicDevice: ["vmnic2", "vmnic3"], activeNic: ["vmnic2"], standbyNic: ["vmnic3"], mtu: 9000 },
        helpdesk,
      ),
    );
    expectOk(await h.addPortGroup("esx-05", { name: "vMotion", vlanId: 30, vswitchName: "vSwitch1" }, helpdesk));
    const vmotion = returnval(
      expectOk(await h.addVirtualNic("esx-05", "vMotion", { ip: staticIp("192.168.30.15"), mtu: 9000, stack: "vmotion" }, helpdesk)),
    )!;
    expectOk(await h.editStacks("esx-05", [{ key: "vmotion", gateway: "192.168.30.1" }], "modify", helpdesk));
    expectOk(await h.addPortGroup("esx-05", { name: "FT", vlanId: 40 }, helpdesk));
    const ft = returnval(expectOk(await h.addVirtualNic("esx-05", "FT", { ip: staticIp("192.168.40.15") }, helpdesk)))!;
    expectOk(await h.selectVnic("esx-05", "faultToleranceLogging", ft, helpdesk));
    expectOk(await h.updateVirtualNic("esx-05", ft, { mtu: 1600 }, helpdesk));
    expectOk(await h.queryNetConfig("esx-05", "faultToleranceLogging", helpdesk));

    const host = h.host("esx-05");
    expect(host.vswitch("vSwitch1")?.mtu).toBe(9000);
    expect(host.vnic(vmotion)?.spec.netStackInstanceKey).toBe("vmotion");
    expect(host.stack("vmotion")?.ipRouteConfig?.defaultGateway).toBe("192.168.30.1");
    expect(host.selectedDevices("faultToleranceLogging")).toEqual([ft]);
    await h.expectConsistent("esx-05");
    // The helpdesk user reads the result back itself.
    const rb = await h.read("esx-05", helpdesk);
    expect(Harness.vnic(rb, ft)?.spec.mtu).toBe(1600);
    expect(Harness.selected(rb, "vmotion")).toEqual([vmotion]);
    expect(Harness.runtimeStack(rb, "vmotion").state).toBe("active");
  });

  it("adds a vmk on a standard port group of esx-05 without Network.Assign on any network", async () => {
    expectOk(await h.addPortGroup("esx-05", { name: "PG-A" }, helpdesk));
    expectOk(await h.addVirtualNic("esx-05", "PG-A", { ip: staticIp("192.168.30.15") }, helpdesk));
    await h.expectConsistent("esx-05");
  });

  it.each(calls("esx-02"))("gets NoPermission naming Host.Config.Network for %s on Cluster-Prod's esx-02", async (_method, call) => {
    const detail = await h.expectRefused("esx-02", "NoPermission", () => call(helpdesk));
    expectNoPermission(noPermission(detail), h.host("esx-02").ref, "Host.Config.Network");
  });

  it("gets NoPermission naming Network.Assign on the distributed port group, even on esx-05", async () => {
    const dvs = await h.distributedSwitch(helpdesk);
    const key = dvs.portgroups.get("DPG-vMotion")!.key;
    const detail = await h.expectRefused("esx-05", "NoPermission", () =>
      h.addVirtualNic(
        "esx-05",
        "",
        { ip: staticIp("192.168.30.15"), dvPort: { switchUuid: dvs.uuid, portgroupKey: key }, stack: "vmotion" },
        helpdesk,
      ),
    );
    expectNoPermission(noPermission(detail), { type: "DistributedVirtualPortgroup", value: key }, "Network.Assign");
    // The administrator may.
    expectOk(
      await h.addVirtualNic("esx-05", "", {
        ip: staticIp("192.168.30.15"),
        dvPort: { switchUuid: dvs.uuid, portgroupKey: key },
        stack: "vmotion",
      }),
    );
    await h.expectConsistent("esx-05");
  });

  it("gets NoPermission naming Host.Config.Storage for UpdateVsan_Task on esx-05", async () => {
    const vmk = await h.addVmk("esx-05", "VMK-vSAN", { ip: staticIp("192.168.50.15") });
    const detail = await h.expectRefused("esx-05", "NoPermission", () => h.updateVsan("esx-05", [vmk], helpdesk));
    expectNoPermission(noPermission(detail), h.host("esx-05").ref, "Host.Config.Storage");
  });
});

describe("readonly@vsphere.local", () => {
  for (const host of ["esx-05", "esx-02", "esx-09"]) {
    it.each(calls(host))(`gets NoPermission naming Host.Config.Network for %s on ${host}`, async (_method, call) => {
      const detail = await h.expectRefused(host, "NoPermission", () => call(readonly));
      expectNoPermission(noPermission(detail), h.host(host).ref, "Host.Config.Network");
    });
  }

  it("is refused a vmk on a distributed port group and UpdateVsan_Task", async () => {
    const dvs = await h.distributedSwitch(readonly);
    const key = dvs.portgroups.get("DPG-Storage")!.key;
    const detail = await h.expectRefused("esx-05", "NoPermission", () =>
      h.addVirtualNic("esx-05", "", { ip: staticIp("192.168.50.15"), dvPort: { switchUuid: dvs.uuid, portgroupKey: key } }, readonly),
    );
    expectNoPermission(noPermission(detail), h.host("esx-05").ref, "Host.Config.Network");
    const vsan = await h.expectRefused("esx-05", "NoPermission", () => h.updateVsan("esx-05", ["vmk0"], readonly));
    expect(noPermission(vsan).privilegeId).toBe("Host.Config.Storage");
  });

  it("is refused on the disconnected host before the connection is checked", async () => {
    const detail = await h.expectRefused("esx-04", "NoPermission", () => h.addPortGroup("esx-04", { name: "PG-A" }, readonly));
    expect(noPermission(detail).privilegeId).toBe("Host.Config.Network");
  });

  it("still reads config.network and config.virtualNicManagerInfo (System.Read)", async () => {
    const rb = await h.read("esx-05", readonly);
    expect(rb.net.vnic!.map((v) => v.device)).toEqual(["vmk0"]);
    expect(Harness.selected(rb, "management")).toEqual(["vmk0"]);
  });
});
