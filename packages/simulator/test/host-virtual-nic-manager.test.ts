/** HostVirtualNicManager through real SOAP calls: SelectVnicForNicType, DeselectVnicForNicType, QueryNetConfig. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { child, text } from "./client.ts";
import { decode, expectOk, Harness, staticIp, type HostReadback } from "./host-net-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

type NetConfig = NonNullable<HostReadback["vnmInfo"]["netConfig"]>[number];

describe("QueryNetConfig", () => {
  it("answers the same netConfig as config.virtualNicManagerInfo", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    expectOk(await h.selectVnic("esx-01", "faultToleranceLogging", vmk));
    const rb = await h.expectConsistent("esx-01");
    for (const nicType of ["management", "vmotion", "faultToleranceLogging", "ptp", "vsan"]) {
      const reply = expectOk(await h.queryNetConfig("esx-01", nicType));
      const nc = decode<NetConfig>(child(reply.body, "returnval"), "VirtualNicManagerNetConfig");
      expect(nc).toEqual(rb.vnmInfo.netConfig!.find((n) => n.nicType === nicType));
    }
    const mgmt = decode<NetConfig>(
      child(expectOk(await h.queryNetConfig("esx-01", "management")).body, "returnval"),
      "VirtualNicManagerNetConfig",
    );
    expect(mgmt).toMatchObject({
      nicType: "management",
      multiSelectAllowed: true,
      selectedVnic: ["management.key-vim.host.VirtualNic-vmk0"],
    });
    expect(mgmt.candidateVnic!.map((v) => v.device)).toEqual(["vmk0", vmk]);
    const ft = decode<NetConfig>(
      child(expectOk(await h.queryNetConfig("esx-01", "faultToleranceLogging")).body, "returnval"),
      "VirtualNicManagerNetConfig",
    );
    expect(ft.selectedVnic).toEqual([`faultToleranceLogging.key-vim.host.VirtualNic-${vmk}`]);
  });

  it("reports ptp with multiSelectAllowed false", async () => {
    const reply = expectOk(await h.queryNetConfig("esx-01", "ptp"));
    expect(text(child(reply.body, "returnval"), "multiSelectAllowed")).toBe("false");
  });

  it("refuses a nicType the host does not know with InvalidArgument", async () => {
    await h.expectRefused("esx-01", "InvalidArgument", () => h.queryNetConfig("esx-01", "bogus"));
    // vsanExternal is API 9.0; an 8.0.3 host does not list it.
    await h.expectRefused("esx-01", "InvalidArgument", () => h.queryNetConfig("esx-01", "vsanExternal"));
    const types = (await h.read("esx-01")).vnmInfo.netConfig!.map((n) => n.nicType);
    expect(types).not.toContain("vsanExternal");
    expect(types).toContain("nvmeTcp");
  });
});

describe("SelectVnicForNicType / DeselectVnicForNicType", () => {
  it("selects and deselects services on a default-stack vmk", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    for (const nicType of ["vmotion", "faultToleranceLogging", "vSphereReplication", "vSphereProvisioning"]) {
      expectOk(await h.selectVnic("esx-01", nicType, vmk));
      expect(h.host("esx-01").selectedDevices(nicType)).toEqual([vmk]);
    }
    let rb = await h.expectConsistent("esx-01");
    for (const nicType of ["vmotion", "faultToleranceLogging", "vSphereReplication", "vSphereProvisioning"]) {
      expect(Harness.selected(rb, nicType)).toEqual([vmk]);
    }
    const summary = await h.admin.props("HostSystem", h.host("esx-01").ref.value, [
      "summary.config.vmotionEnabled",
      "summary.config.faultToleranceEnabled",
    ]);
    expect(summary.get("summary.config.vmotionEnabled")?.text).toBe("true");
    expect(summary.get("summary.config.faultToleranceEnabled")?.text).toBe("true");

    // Selecting again is harmless.
    expectOk(await h.selectVnic("esx-01", "vmotion", vmk));
    expect(h.host("esx-01").selectedDevices("vmotion")).toEqual([vmk]);

    expectOk(await h.deselectVnic("esx-01", "vmotion", vmk));
    rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, "vmotion")).toEqual([]);
    expect(Harness.selected(rb, "faultToleranceLogging")).toEqual([vmk]);
    expect(h.host("esx-01").selectedDevices("vmotion")).toEqual([]);
  });

  it("selects a service on several vmks when multiSelectAllowed is true", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    expectOk(await h.selectVnic("esx-01", "faultToleranceLogging", "vmk0"));
    expectOk(await h.selectVnic("esx-01", "faultToleranceLogging", vmk));
    expect(Harness.selected(await h.expectConsistent("esx-01"), "faultToleranceLogging")).toEqual(["vmk0", vmk]);
  });

  it("deselects the previous vmk when selecting ptp, whose multiSelectAllowed is false (R22)", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    expectOk(await h.selectVnic("esx-01", "ptp", "vmk0"));
    expect(Harness.selected(await h.expectConsistent("esx-01"), "ptp")).toEqual(["vmk0"]);
    expectOk(await h.selectVnic("esx-01", "ptp", vmk));
    const rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, "ptp")).toEqual([vmk]);
    expect(h.host("esx-01").selectedDevices("ptp")).toEqual([vmk]);
    // vmk0's other services are untouched.
    expect(Harness.selected(rb, "management")).toEqual(["vmk0"]);
    // The first vmk is no longer selected, so deselecting it is refused.
    await h.expectRefused("esx-01", "InvalidArgument", () => h.deselectVnic("esx-01", "ptp", "vmk0"));
  });

  it.each(["vsan", "vsanWitness"])("refuses %s with NotSupported: it goes through HostVsanSystem (R21)", async (nicType) => {
    const detail = await h.expectRefused("esx-01", "NotSupported", () => h.selectVnic("esx-01", nicType, "vmk0"));
    expect(detail).toBeDefined();
    await h.expectRefused("esx-01", "NotSupported", () => h.deselectVnic("esx-01", nicType, "vmk0"));
  });

  it.each([
    ["vmotion", "esx-01"],
    ["vSphereProvisioning", "esx-01"],
  ])("refuses any service on a vmk of the %s stack (R4)", async (stack, host) => {
    const vmk = await h.addVmk(host, "VMK-Stack", { ip: staticIp("192.168.30.11"), stack });
    for (const nicType of ["management", "faultToleranceLogging", "vmotion", "vSphereProvisioning"]) {
      await h.expectRefused(host, "InvalidArgument", () => h.selectVnic(host, nicType, vmk));
    }
    // Its implied service cannot be deselected either.
    await h.expectRefused(host, "InvalidArgument", () => h.deselectVnic(host, stack, vmk));
    expect(Harness.selected(await h.expectConsistent(host), stack)).toEqual([vmk]);
  });

  it("refuses any service on a vmk of a custom stack (esx-09's NFS vmk1)", async () => {
    expect(h.host("esx-09").vnic("vmk1")?.spec.netStackInstanceKey).toBe("NFS");
    for (const nicType of ["management", "vmotion", "faultToleranceLogging"]) {
      await h.expectRefused("esx-09", "InvalidArgument", () => h.selectVnic("esx-09", nicType, "vmk1"));
    }
  });

  it.each([
    ["vmotion", "vmotion"],
    ["vSphereProvisioning", "vSphereProvisioning"],
  ])("refuses %s on a default-stack vmk while a %s-stack vmk exists (R5)", async (service, stack) => {
    const stackVmk = await h.addVmk("esx-01", "VMK-Stack", { ip: staticIp("192.168.30.11"), stack });
    const vmk = await h.addVmk("esx-01", "VMK-Default", { ip: staticIp("192.168.40.11") });
    await h.expectRefused("esx-01", "PlatformConfigFault", () => h.selectVnic("esx-01", service, "vmk0"));
    await h.expectRefused("esx-01", "PlatformConfigFault", () => h.selectVnic("esx-01", service, vmk));
    // Other services remain selectable on the default stack.
    expectOk(await h.selectVnic("esx-01", "faultToleranceLogging", vmk));
    const rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, service)).toEqual([stackVmk]);
    expect(Harness.selected(rb, "faultToleranceLogging")).toEqual([vmk]);
    // Without the stack vmk, the default stack may carry the service again.
    expectOk(await h.removeVirtualNic("esx-01", stackVmk));
    expectOk(await h.selectVnic("esx-01", service, vmk));
    expect(Harness.selected(await h.expectConsistent("esx-01"), service)).toEqual([vmk]);
  });

  it("refuses to deselect what is not selected with InvalidArgument", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-A", { ip: staticIp("192.168.30.11") });
    await h.expectRefused("esx-01", "InvalidArgument", () => h.deselectVnic("esx-01", "vmotion", "vmk0"));
    await h.expectRefused("esx-01", "InvalidArgument", () => h.deselectVnic("esx-01", "management", vmk));
    expectOk(await h.selectVnic("esx-01", "vmotion", vmk));
    expectOk(await h.deselectVnic("esx-01", "vmotion", vmk));
    await h.expectRefused("esx-01", "InvalidArgument", () => h.deselectVnic("esx-01", "vmotion", vmk));
  });

  it("refuses an unknown vmk or nicType with InvalidArgument", async () => {
    await h.expectRefused("esx-01", "InvalidArgument", () => h.selectVnic("esx-01", "vmotion", "vmk9"));
    await h.expectRefused("esx-01", "InvalidArgument", () => h.selectVnic("esx-01", "bogus", "vmk0"));
    await h.expectRefused("esx-01", "InvalidArgument", () => h.deselectVnic("esx-01", "management", "vmk9"));
    await h.expectRefused("esx-01", "InvalidArgument", () => h.deselectVnic("esx-01", "bogus", "vmk0"));
  });

  it("deselects the management service from vmk0", async () => {
    expectOk(await h.deselectVnic("esx-01", "management", "vmk0"));
    expect(Harness.selected(await h.expectConsistent("esx-01"), "management")).toEqual([]);
  });
});
