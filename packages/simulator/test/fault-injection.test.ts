/** Fault injection and reset through the control endpoint (/sim/*, src/control.ts), seen through real SOAP calls. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { envelope, text } from "./client.ts";
import { DEFAULT_STACK, el, expectOk, Harness, returnval, staticIp, vnicXml } from "./host-net-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.reset();
  expectOk(await h.addPortGroup("esx-01", { name: "VMK-A", vlanId: 30 }));
});

const addVmk = (host = "esx-01", ip = "192.168.30.11") => h.addVirtualNic(host, "VMK-A", { ip: staticIp(ip), mtu: 9000 });
const inject = (rule: Record<string, unknown>) => h.control("POST", "/sim/faults", rule);
const rules = async () => (await h.control("GET", "/sim/faults")).body as Record<string, unknown>[];

describe("the control endpoint", () => {
  it("answers 401 without the token or with a wrong one, and changes nothing", async () => {
    const rule = { method: "AddVirtualNic", fault: "NotFound", mode: "always" };
    expect((await h.control("POST", "/sim/faults", rule, null)).status).toBe(401);
    expect((await h.control("POST", "/sim/faults", rule, "wrong-token")).status).toBe(401);
    expect((await h.control("GET", "/sim/faults", undefined, null)).status).toBe(401);
    expect((await h.control("DELETE", "/sim/faults", undefined, "test-tokenX")).status).toBe(401);
    expect(await rules()).toEqual([]);
    expect(returnval(expectOk(await addVmk()))).toBe("vmk1");

    // Reset without the token does not reset.
    const before = h.inProcessState();
    expect((await h.control("POST", "/sim/reset", undefined, null)).status).toBe(401);
    expect(h.inProcessState()).toBe(before);
    expect(h.host("esx-01").vnic("vmk1")).toBeDefined();
  });

  it.each([
    [{ method: "NoSuchMethod", fault: "NotFound" }, /method/],
    [{ method: "AddVirtualNic", fault: "NoSuchFault" }, /fault/],
    [{ method: "AddVirtualNic", fault: "HostConfig" }, /fault/],
    [{ method: "AddVirtualNic", fault: "NotFound", mode: "twice" }, /mode/],
    [{ method: "AddVirtualNic", fault: "NotFound", after: -1 }, /after/],
  ])("answers 400 for the rule %j", async (rule, message) => {
    const reply = await inject(rule);
    expect(reply.status).toBe(400);
    expect((reply.body as { error: string }).error).toMatch(message);
    expect(await rules()).toEqual([]);
  });
});

describe("injected vim25 faults", () => {
  it("answers an injected NotFound on AddVirtualNic once, changing nothing", async () => {
    const created = await inject({ method: "AddVirtualNic", fault: "NotFound", mode: "once" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ method: "AddVirtualNic", fault: "NotFound", mode: "once", after: 0 });

    await h.expectRefused("esx-01", "NotFound", () => addVmk());
    expect(h.host("esx-01").vnic("vmk1")).toBeUndefined();
    expect(h.host("esx-01").portgroup("VMK-A")!.port).toEqual([]);
    // Consumed: the next call goes through.
    expect(await rules()).toEqual([]);
    expect(returnval(expectOk(await addVmk()))).toBe("vmk1");
    const rb = await h.expectConsistent("esx-01");
    expect(Harness.vnic(rb, "vmk1")?.spec.mtu).toBe(9000);
  });

  it("answers an injected HostConfigFault on every call in mode always, until DELETE clears it", async () => {
    expect((await inject({ method: "AddVirtualNic", fault: "HostConfigFault", mode: "always" })).status).toBe(201);
    await h.expectRefused("esx-01", "HostConfigFault", () => addVmk());
    await h.expectRefused("esx-01", "HostConfigFault", () => addVmk());
    // Other methods and hosts are not affected.
    expectOk(await h.addPortGroup("esx-01", { name: "VMK-B" }));
    await h.expectRefused("esx-02", "HostConfigFault", () => h.addVirtualNic("esx-02", "VM Network", { ip: staticIp("192.168.30.12") }));
    expect(await rules()).toHaveLength(1);

    const cleared = await h.control("DELETE", "/sim/faults");
    expect(cleared).toEqual({ status: 200, body: [] });
    expect(await rules()).toEqual([]);
    expect(returnval(expectOk(await addVmk()))).toBe("vmk1");
    await h.expectConsistent("esx-01");
  });

  it("answers an injected PlatformConfigFault with its text", async () => {
    await inject({ method: "AddVirtualNic", fault: "PlatformConfigFault" });
    const detail = await h.expectRefused("esx-01", "PlatformConfigFault", () => addVmk());
    expect(text(detail, "text")).toBe("Injected fault for AddVirtualNic");
    expectOk(await addVmk());
  });

  it("lets `after` calls through first", async () => {
    await inject({ method: "AddVirtualNic", fault: "NotFound", mode: "once", after: 1 });
    expect(returnval(expectOk(await addVmk()))).toBe("vmk1");
    expectOk(await h.addPortGroup("esx-01", { name: "VMK-B" }));
    await h.expectRefused("esx-01", "NotFound", () => h.addVirtualNic("esx-01", "VMK-B", { ip: staticIp("192.168.30.12") }));
    expect(returnval(expectOk(await h.addVirtualNic("esx-01", "VMK-B", { ip: staticIp("192.168.30.12") })))).toBe("vmk2");
    await h.expectConsistent("esx-01");
  });

  it("limits a rule to one object with objectId", async () => {
    const objectId = h.host("esx-02").networkSystem.ref.value;
    await inject({ method: "AddPortGroup", fault: "AlreadyExists", mode: "always", objectId });
    await h.expectRefused("esx-02", "AlreadyExists", () => h.addPortGroup("esx-02", { name: "PG-New" }));
    expectOk(await h.addPortGroup("esx-01", { name: "PG-New" }));
    expect(h.host("esx-02").portgroup("PG-New")).toBeUndefined();
  });

  it("injects into the other host networking methods as well", async () => {
    const vmk = returnval(expectOk(await addVmk()))!;
    await inject({ method: "SelectVnicForNicType", fault: "HostConfigFault" });
    await inject({ method: "UpdateNetworkConfig", fault: "PlatformConfigFault" });
    await inject({ method: "UpdateVsan_Task", fault: "NotSupported" });
    await inject({ method: "RemoveVirtualNic", fault: "ResourceInUse" });
    await h.expectRefused("esx-01", "HostConfigFault", () => h.selectVnic("esx-01", "vmotion", vmk));
    await h.expectRefused("esx-01", "PlatformConfigFault", () => h.editStacks("esx-01", [{ key: DEFAULT_STACK, gateway: "10.10.0.254" }]));
    await h.expectRefused("esx-01", "NotSupported", () => h.updateVsan("esx-01", [vmk]));
    await h.expectRefused("esx-01", "ResourceInUse", () => h.removeVirtualNic("esx-01", vmk));
    expect(await rules()).toEqual([]);
  });
});

describe("injected transport faults", () => {
  it("DroppedConnection closes the connection without an answer, changing nothing", async () => {
    await inject({ method: "AddVirtualNic", fault: "DroppedConnection" });
    const before = await h.state("esx-01");
    await expect(addVmk()).rejects.toThrow();
    await h.expectUnchanged("esx-01", before);
    expect(returnval(expectOk(await addVmk()))).toBe("vmk1");
  });

  it("LostReply makes the change, then closes the connection without an answer", async () => {
    await inject({ method: "AddVirtualNic", fault: "LostReply" });
    await expect(addVmk()).rejects.toThrow();
    expect(h.host("esx-01").vnic("vmk1")?.portgroup).toBe("VMK-A");
    expect(await rules()).toEqual([]);
  });

  it("MalformedResponse answers 200 with XML that does not parse, changing nothing", async () => {
    await inject({ method: "AddVirtualNic", fault: "MalformedResponse" });
    const before = await h.state("esx-01");
    const reply = await addVmk();
    expect(reply.status).toBe(200);
    expect(reply.body).toBeUndefined();
    expect(reply.fault).toBeUndefined();
    expect(reply.text).toMatch(/^<\?xml/);
    expect(reply.text).not.toContain("</soapenv:Envelope>");
    await h.expectUnchanged("esx-01", before);
    expect(returnval(expectOk(await addVmk()))).toBe("vmk1");
  });

  it("Timeout never answers, changing nothing", async () => {
    await inject({ method: "AddVirtualNic", fault: "Timeout" });
    const before = await h.state("esx-01");
    const call = fetch(h.running.sdkUrl, {
      method: "POST",
      headers: { "Content-Type": 'text/xml; charset="utf-8"', Cookie: h.admin.cookie! },
      body: envelope("AddVirtualNic", h.ns("esx-01") + el("portgroup", "VMK-A") + vnicXml({ ip: staticIp("192.168.30.11") })),
      signal: AbortSignal.timeout(300),
    });
    await expect(call).rejects.toThrow();
    await h.expectUnchanged("esx-01", before);
    expect(returnval(expectOk(await addVmk()))).toBe("vmk1");
  });
});

describe("POST /sim/reset", () => {
  it("restores the initial inventory and clears the fault rules; sessions stay signed in", async () => {
    await h.reset();
    const initial = h.inProcessState();
    const initialWire = await h.wireState("esx-01");

    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2"], mtu: 9000 }));
    expectOk(await h.addPortGroup("esx-01", { name: "vMotion", vswitchName: "vSwitch1" }));
    const vmk = returnval(expectOk(await h.addVirtualNic("esx-01", "vMotion", { ip: staticIp("192.168.30.11"), stack: "vmotion" })))!;
    expectOk(
      await h.editStacks("esx-01", [
        { key: "vmotion", gateway: "192.168.30.1" },
        { key: DEFAULT_STACK, congestionControl: "cubic" },
      ]),
    );
    expectOk(await h.deselectVnic("esx-01", "management", "vmk0"));
    expectOk(await h.removeVirtualNic("esx-02", "vmk0"));
    await inject({ method: "AddVirtualNic", fault: "NotFound", mode: "always" });
    expect(h.inProcessState()).not.toBe(initial);
    expect(h.host("esx-01").vnic(vmk)).toBeDefined();

    const reply = await h.control("POST", "/sim/reset");
    expect(reply).toEqual({ status: 200, body: { reset: true } });
    expect(h.inProcessState()).toBe(initial);
    expect(await h.wireState("esx-01")).toBe(initialWire);
    expect(await rules()).toEqual([]);
    expect(h.host("esx-01").vswitch("vSwitch1")).toBeUndefined();
    expect(h.host("esx-01").isStackActive("vmotion")).toBe(false);
    // The admin session survived and AddVirtualNic is no longer faulted.
    expectOk(await h.addPortGroup("esx-01", { name: "VMK-A" }));
    expect(returnval(expectOk(await addVmk()))).toBe("vmk1");
  });
});
