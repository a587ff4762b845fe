import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../../simulator/src/index.ts";
import { VimFault, type VCenter } from "../src/index.ts";
import { ADMIN, connect, HELPDESK, hosts, injectFault, simulator, type Host } from "./helpers.ts";

let running: RunningSimulator;
let vc: VCenter;
let cookie: string;
let all: Map<string, Host>;

beforeAll(async () => {
  running = await simulator();
  vc = await connect(running);
  ({ cookie } = await vc.login(ADMIN.user, ADMIN.password));
  all = await hosts(vc, cookie);
});
afterAll(async () => {
  vc.close();
  await running.close();
});

const host = (name: string) => all.get(`${name}.lab.local`)!;

async function fault(call: Promise<unknown>): Promise<VimFault> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof VimFault)) throw new Error(`expected a VimFault, got ${String(err)}`);
  return err;
}

describe("vim25 faults become typed VimFaults", () => {
  it("NoPermission names the missing privilege and the entity (helpdesk on esx-02)", async () => {
    const helpdesk = await vc.login(HELPDESK.user, HELPDESK.password);
    const esx02 = host("esx-02");
    const err = await fault(
      vc.invoke(helpdesk.cookie, "AddPortGroup", esx02.networkSystem, {
        portgrp: { name: "PG", vlanId: 0, vswitchName: "vSwitch0", policy: {} },
      }),
    );
    expect(err.type).toBe("NoPermission");
    expect(err.is("SecurityError")).toBe(true);
    if (!err.is("NoPermission")) throw new Error("not a NoPermission");
    expect(err.fault.privilegeId).toBe("Host.Config.Network");
    expect(err.fault.object).toEqual(esx02.ref);
    expect(err.fault.missingPrivileges).toEqual([{ entity: esx02.ref, privilegeIds: ["Host.Config.Network"] }]);
    expect(err.message).toContain(`Host.Config.Network on HostSystem:${esx02.ref.value}`);
    // The same user may change a Cluster-Dev host.
    await vc.invoke(helpdesk.cookie, "AddPortGroup", host("esx-05").networkSystem, {
      portgrp: { name: "Helpdesk-PG", vlanId: 0, vswitchName: "vSwitch0", policy: {} },
    });
    await vc.logout(helpdesk.cookie);
  });

  it("NotFound: a port group on a missing vSwitch", async () => {
    const err = await fault(
      vc.invoke(cookie, "AddPortGroup", host("esx-01").networkSystem, {
        portgrp: { name: "PG", vlanId: 0, vswitchName: "vSwitch9", policy: {} },
      }),
    );
    expect(err.type).toBe("NotFound");
    expect(err.is("VimFault")).toBe(true);
    expect(err.message).toContain("vSwitch9");
  });

  it("AlreadyExists: a vSwitch name taken", async () => {
    const err = await fault(vc.invoke(cookie, "AddVirtualSwitch", host("esx-01").networkSystem, { vswitchName: "vSwitch0" }));
    expect(err.type).toBe("AlreadyExists");
    if (err.is("AlreadyExists")) expect(err.fault.name).toBe("vSwitch0");
  });

  it("InvalidArgument names the invalid property", async () => {
    const err = await fault(
      vc.invoke(cookie, "AddPortGroup", host("esx-01").networkSystem, {
        portgrp: { name: "PG", vlanId: 5000, vswitchName: "vSwitch0", policy: {} },
      }),
    );
    expect(err.type).toBe("InvalidArgument");
    expect(err.is("RuntimeFault")).toBe(true);
    if (err.is("InvalidArgument")) expect(err.fault.invalidProperty).toBe("portgrp.vlanId");
  });

  it("InvalidState: an IPv6 address on an IPv4-only host (esx-03)", async () => {
    const esx03 = host("esx-03");
    await vc.invoke(cookie, "AddPortGroup", esx03.networkSystem, {
      portgrp: { name: "V6-PG", vlanId: 0, vswitchName: "vSwitch0", policy: {} },
    });
    const err = await fault(
      vc.invoke(cookie, "AddVirtualNic", esx03.networkSystem, {
        portgroup: "V6-PG",
        nic: { ip: { dhcp: false, ipV6Config: { ipV6Address: [{ ipAddress: "2001:db8::11", prefixLength: 64, operation: "add" }] } } },
      }),
    );
    expect(err.type).toBe("InvalidState");
  });

  it("ResourceInUse names the resource: a bridged pNIC, a port group with a vmk", async () => {
    const ns = host("esx-01").networkSystem;
    const bridged = await fault(
      vc.invoke(cookie, "AddVirtualSwitch", ns, {
        vswitchName: "vSwitch7",
        spec: { numPorts: 128, bridge: { _type: "HostVirtualSwitchBondBridge", nicDevice: ["vmnic0"] } },
      }),
    );
    expect(bridged.type).toBe("ResourceInUse");
    if (bridged.is("ResourceInUse")) expect(bridged.fault).toMatchObject({ type: "PhysicalNic", name: "vmnic0" });
    const inUse = await fault(vc.invoke(cookie, "RemovePortGroup", ns, { pgName: "Management Network" }));
    if (!inUse.is("ResourceInUse")) throw new Error("not a ResourceInUse");
    expect(inUse.fault).toMatchObject({ type: "HostPortGroup", name: "Management Network" });
  });

  it("PlatformConfigFault carries the host's text and is a HostConfigFault", async () => {
    const err = await fault(
      vc.invoke(cookie, "UpdateNetworkConfig", host("esx-01").networkSystem, {
        changeMode: "modify",
        config: {
          netStackSpec: [
            { operation: "edit", netStackInstance: { key: "vSphereProvisioning", ipRouteConfig: { defaultGateway: "10.1.1.1" } } },
          ],
        },
      }),
    );
    expect(err.type).toBe("PlatformConfigFault");
    expect(err.is("HostConfigFault")).toBe(true);
    if (err.is("PlatformConfigFault")) expect(err.fault.text).toMatch(/vSphereProvisioning is not active/);
  });

  it("NotSupported: vSAN through SelectVnicForNicType", async () => {
    const err = await fault(
      vc.invoke(cookie, "SelectVnicForNicType", host("esx-01").virtualNicManager, { nicType: "vsan", device: "vmk0" }),
    );
    expect(err.type).toBe("NotSupported");
  });

  it("HostNotConnected: a change on a disconnected host (esx-04)", async () => {
    const err = await fault(vc.invoke(cookie, "RemoveVirtualNic", host("esx-04").networkSystem, { device: "vmk0" }));
    expect(err.type).toBe("HostNotConnected");
    expect(err.is("HostCommunication")).toBe(true);
  });

  it("MethodNotFound: a method on the wrong managed object", async () => {
    const vnicManager = host("esx-01").virtualNicManager;
    const err = await fault(vc.invoke(cookie, "RemovePortGroup", vnicManager, { pgName: "VM Network" }));
    expect(err.type).toBe("MethodNotFound");
    expect(err.is("InvalidRequest")).toBe(true);
    if (err.is("MethodNotFound")) expect(err.fault).toMatchObject({ receiver: vnicManager, method: "RemovePortGroup" });
  });

  it("ManagedObjectNotFound: a MoRef that does not exist", async () => {
    const gone = { type: "HostNetworkSystem", value: "networkSystem-999" };
    const err = await fault(vc.invoke(cookie, "RemovePortGroup", gone, { pgName: "VM Network" }));
    expect(err.type).toBe("ManagedObjectNotFound");
    if (err.is("ManagedObjectNotFound")) expect(err.fault.obj).toEqual(gone);
  });

  it("InvalidProperty: a property path that does not exist (missingSet)", async () => {
    const err = await fault(vc.properties(cookie, host("esx-01").ref, ["config.nonsense"]));
    expect(err.type).toBe("InvalidProperty");
    if (err.is("InvalidProperty")) expect(err.fault.name).toBe("config.nonsense");
  });

  it("SystemError and InvalidRequest, injected", async () => {
    await injectFault(running, "CurrentTime", "SystemError");
    const system = await fault(vc.invoke(cookie, "CurrentTime", { type: "ServiceInstance", value: "ServiceInstance" }, {}));
    if (!system.is("SystemError")) throw new Error("not a SystemError");
    expect(system.fault.reason).toBe("Injected fault for CurrentTime");
    await injectFault(running, "CurrentTime", "InvalidRequest");
    const invalid = await fault(vc.invoke(cookie, "CurrentTime", { type: "ServiceInstance", value: "ServiceInstance" }, {}));
    expect(invalid.type).toBe("InvalidRequest");
  });

  it("rejects arguments the WSDL does not allow before sending anything", async () => {
    const ns = host("esx-01").networkSystem;
    const bad = { portgrp: { name: "PG", vlanId: 0, vswitchName: "vSwitch0", policy: {}, colour: "red" } };
    await expect(vc.invoke(cookie, "AddPortGroup", ns, bad)).rejects.toThrow(
      new TypeError("AddPortGroup.portgrp: HostPortGroupSpec has no field colour"),
    );
    const missing = { portgrp: { name: "PG", vlanId: 0, vswitchName: "vSwitch0" } } as unknown as Parameters<
      typeof vc.invoke<"AddPortGroup">
    >[3];
    await expect(vc.invoke(cookie, "AddPortGroup", ns, missing)).rejects.toThrow(new TypeError("AddPortGroup.portgrp.policy is required"));
    const wrongType = { vswitchName: "vSwitch5", spec: { numPorts: "128" } } as unknown as Parameters<
      typeof vc.invoke<"AddVirtualSwitch">
    >[3];
    await expect(vc.invoke(cookie, "AddVirtualSwitch", ns, wrongType)).rejects.toThrow(/numPorts: expected xsd:int/);
    const untyped = { vswitchName: "vSwitch5", spec: { numPorts: 8, bridge: { nicDevice: ["vmnic3"] } } } as unknown as Parameters<
      typeof vc.invoke<"AddVirtualSwitch">
    >[3];
    await expect(vc.invoke(cookie, "AddVirtualSwitch", ns, untyped)).rejects.toThrow(/HostVirtualSwitchBridge has no field nicDevice/);
  });
});
