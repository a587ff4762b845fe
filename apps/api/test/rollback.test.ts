/**
 * Rollback: a fault injected at each step of each target type leaves the host exactly as it was (compared
 * property by property against the simulator's own state), and the reply names the failed step. When an undo
 * fails too, the reply says exactly what remains, and the host matches that statement.
 */

import type { AuditEntryInfo, Problem, Step, VmkernelAdapterModel, AuditPage } from "@addnet/contracts";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";

import { ADMIN, Browser, HELPDESK, hostId, startApi, type TestApi } from "./helpers.ts";
import {
  DISTRIBUTED_STEPS,
  distributedModel,
  EXISTING_SWITCH_STEPS,
  existingSwitchModel,
  NEW_SWITCH_STEPS,
  newSwitchModel,
} from "./target-types.ts";

/** Short enough that a Timeout case costs little, long enough for every real call against the in-process simulator. */
const TIMEOUT_MS = 1500;
const HOST = "esx-01.lab.local";

interface SimHost {
  name: string;
  net: Record<string, unknown> & {
    vswitch: { name: string; portgroup?: string[] }[];
    portgroup: { spec: { name: string; vswitchName: string } }[];
    vnic: { device: string; portgroup: string }[];
  };
  vsanPorts: string[];
  selectedDevices(nicType: string): string[];
  virtualNicManagerInfo(): unknown;
  networkRuntimeInfo(): unknown;
}

let api: TestApi;
let admin: Browser;
let id: string;
let dvpgKey: string;
let keyCounter = 0;

beforeAll(async () => {
  api = await startApi({}, { VCENTER_TIMEOUT_MS: String(TIMEOUT_MS) });
  admin = new Browser(api.app);
  await admin.login(ADMIN);
  id = hostId(api, HOST);
  const dvpg = [...api.sim.sim.allObjects()].find(
    (o) => o.type === "DistributedVirtualPortgroup" && (o as unknown as { name: string }).name === "DPG-Storage",
  );
  dvpgKey = dvpg!.ref.value;
});
afterAll(() => api?.close());
afterEach(async () => {
  await control("DELETE", "/sim/faults");
});

function simHost(name = HOST): SimHost {
  for (const o of api.sim.sim.allObjects())
    if (o.type === "HostSystem" && (o as unknown as SimHost).name === name) return o as unknown as SimHost;
  throw new Error(`no host ${name}`);
}

/** Everything the create could touch, deep-copied: the whole HostNetworkInfo, services, stack runtime, vSAN ports. */
function snapshot(h = simHost()) {
  return structuredClone({
    net: h.net,
    virtualNicManagerInfo: h.virtualNicManagerInfo(),
    networkRuntimeInfo: h.networkRuntimeInfo(),
    vsanPorts: h.vsanPorts,
  });
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${api.sim.baseUrl}${path}`, {
    method,
    headers: { Authorization: "Bearer test-token", ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

interface Fault {
  method: string;
  fault: string;
  after?: number;
}

const inject = (f: Fault) => control("POST", "/sim/faults", { mode: "once", after: 0, ...f });

function create(model: VmkernelAdapterModel, browser = admin) {
  return browser.post(`/api/v1/hosts/${id}/vmkernel-adapters`, model, { "idempotency-key": `rollback-${process.pid}-${++keyCounter}` });
}

async function lastAudit(): Promise<AuditEntryInfo> {
  const res = await admin.get(`/api/v1/audit?hostId=${id}&limit=1`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditPage>().entries[0]!;
}

const newSwitch = newSwitchModel();
const existingSwitch = existingSwitchModel();
const distributed = () => distributedModel(dvpgKey);

/** The status and code each injected fault is answered with. */
const EXPECTED: Record<string, { status: number; code: string }> = {
  HostConfigFault: { status: 422, code: "HOST_CONFIG_FAULT" },
  PlatformConfigFault: { status: 422, code: "HOST_CONFIG_FAULT" },
  NotFound: { status: 404, code: "NOT_FOUND" },
  ResourceInUse: { status: 409, code: "RESOURCE_IN_USE" },
  NoPermission: { status: 403, code: "NO_PERMISSION" },
  InvalidState: { status: 409, code: "INVALID_STATE" },
  Timeout: { status: 504, code: "VCENTER_TIMEOUT" },
  DroppedConnection: { status: 502, code: "VCENTER_UNREACHABLE" },
  MalformedResponse: { status: 502, code: "VCENTER_BAD_REPLY" },
};

interface Case {
  step: number;
  fault: Fault;
}

/** Fails `c.step` and checks the reply, the steps, the audit entry and the host, property by property. */
async function failAt(model: VmkernelAdapterModel, methods: string[], c: Case): Promise<Problem> {
  const before = snapshot();
  await inject(c.fault);
  const res = await create(model);
  const expected = EXPECTED[c.fault.fault]!;
  expect(res.statusCode, res.body).toBe(expected.status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const problem = res.json<Problem>();
  expect(problem.code).toBe(expected.code);
  // The step is named, with its place in the plan and its method.
  expect(problem.detail).toContain(`Step ${c.step + 1} of ${methods.length} (${methods[c.step]}) failed`);
  expect(problem.detail).toMatch(
    c.step === 0 ? /Nothing was changed on esx-01\.lab\.local\./ : /The earlier steps were undone: esx-01\.lab\.local is as it was\./,
  );
  const steps = problem.steps as Step[];
  expect(steps.map((s) => s.method)).toEqual(methods);
  expect(steps.map((s) => s.status)).toEqual(methods.map((_, i) => (i < c.step ? "undone" : i === c.step ? "failed" : "not-run")));
  // Exactly as before.
  expect(snapshot()).toStrictEqual(before);
  // The fault was taken (no rule left over to leak into the next case).
  expect(await control("GET", "/sim/faults")).toEqual([]);
  const audit = await lastAudit();
  expect(audit).toMatchObject({
    action: "vmkernel-adapter.create",
    hostId: id,
    hostName: HOST,
    outcome: "failure",
    user: "VSPHERE.LOCAL\\Administrator",
  });
  expect(audit.detail).toContain(`(${methods[c.step]}) failed`);
  return problem;
}

describe("a fault at each step leaves the host exactly as it was", () => {
  describe("new standard switch", () => {
    const cases: Case[] = [
      { step: 0, fault: { method: "AddVirtualSwitch", fault: "HostConfigFault" } },
      { step: 1, fault: { method: "AddPortGroup", fault: "NotFound" } },
      { step: 2, fault: { method: "AddVirtualNic", fault: "Timeout" } },
      { step: 3, fault: { method: "SelectVnicForNicType", fault: "ResourceInUse" } },
      { step: 4, fault: { method: "SelectVnicForNicType", fault: "NoPermission", after: 1 } },
      { step: 5, fault: { method: "UpdateVsan_Task", fault: "InvalidState" } },
    ];
    for (const c of cases) {
      it(`step ${c.step + 1} (${c.fault.method}) fails with ${c.fault.fault}`, async () => {
        const problem = await failAt(newSwitch, NEW_SWITCH_STEPS, c);
        if (c.fault.fault === "NoPermission") {
          expect(problem.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id } });
        }
      });
    }
  });

  describe("existing standard switch", () => {
    const cases: Case[] = [
      { step: 0, fault: { method: "AddPortGroup", fault: "DroppedConnection" } },
      { step: 1, fault: { method: "AddVirtualNic", fault: "PlatformConfigFault" } },
      { step: 2, fault: { method: "SelectVnicForNicType", fault: "MalformedResponse" } },
      { step: 3, fault: { method: "UpdateVsan_Task", fault: "NoPermission" } },
    ];
    for (const c of cases) {
      it(`step ${c.step + 1} (${c.fault.method}) fails with ${c.fault.fault}`, async () => {
        await failAt(existingSwitch, EXISTING_SWITCH_STEPS, c);
      });
    }
  });

  describe("distributed port group", () => {
    const cases: Case[] = [
      { step: 0, fault: { method: "AddVirtualNic", fault: "InvalidState" } },
      { step: 1, fault: { method: "SelectVnicForNicType", fault: "Timeout" } },
      { step: 2, fault: { method: "UpdateVsan_Task", fault: "DroppedConnection" } },
    ];
    for (const c of cases) {
      it(`step ${c.step + 1} (${c.fault.method}) fails with ${c.fault.fault}`, async () => {
        await failAt(distributed(), DISTRIBUTED_STEPS, c);
      });
    }
  });

  it("the same models succeed once no fault is injected (the cases above failed only by injection)", async () => {
    for (const [model, methods] of [
      [newSwitch, NEW_SWITCH_STEPS],
      [existingSwitch, EXISTING_SWITCH_STEPS],
      [distributed(), DISTRIBUTED_STEPS],
    ] as const) {
      const res = await create(model);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json<{ steps: Step[] }>();
      expect(body.steps.map((s) => [s.method, s.status])).toEqual(methods.map((m) => [m, "done"]));
    }
    await control("POST", "/sim/reset");
  });
});

describe("a reply lost after vCenter made the change", () => {
  // LostReply: the simulator runs the call, then drops the connection, so the API cannot know from the answer.
  const cases: [string, VmkernelAdapterModel | (() => VmkernelAdapterModel), string[], number][] = [
    ["existing standard switch, AddPortGroup", existingSwitch, EXISTING_SWITCH_STEPS, 0],
    ["new standard switch, AddVirtualNic", newSwitch, NEW_SWITCH_STEPS, 2],
    ["distributed port group, SelectVnicForNicType", distributed, DISTRIBUTED_STEPS, 1],
  ];
  for (const [name, model, methods, step] of cases) {
    it(`${name}: the change is found, undone with the earlier steps, and the host is exactly as it was`, async () => {
      const before = snapshot();
      await inject({ method: methods[step]!, fault: "LostReply" });
      const res = await create(typeof model === "function" ? model() : model);
      expect(res.statusCode, res.body).toBe(502);
      const problem = res.json<Problem>();
      expect(problem.code).toBe("VCENTER_UNREACHABLE");
      expect(problem.detail).toContain(`Step ${step + 1} of ${methods.length} (${methods[step]}) failed`);
      expect(problem.detail).toContain("vCenter made that change all the same");
      expect(problem.detail).toContain("esx-01.lab.local is as it was.");
      expect((problem.steps as Step[]).map((s) => s.status)).toEqual(
        methods.map((_, i) => (i < step ? "undone" : i === step ? "failed" : "not-run")),
      );
      expect(snapshot()).toStrictEqual(before);
    });
  }
});

describe("exact attribution: what another client made under the same name is never undone", () => {
  /** While the API waits for AddVirtualSwitch's answer, which never comes, another client makes `make` on the host. */
  function meanwhile(make: () => void): void {
    const sim = api.sim.sim;
    const take = sim.takeFault.bind(sim);
    sim.takeFault = (method, objectId) => {
      const rule = take(method, objectId);
      if (rule && method === "AddVirtualSwitch") {
        sim.takeFault = take;
        make();
      }
      return rule;
    };
  }

  it("a lost AddVirtualSwitch: another client's vSwitch1, other uplinks and a port group, stays; nothing of this change remains", async () => {
    const host = simHost() as unknown as SimHost & {
      networkSystem: { AddVirtualSwitch(a: unknown, c: unknown): void; AddPortGroup(a: unknown, c: unknown): void };
    };
    const other = {
      sim: api.sim.sim,
      session: { user: { principal: "VSPHERE.LOCAL\\Administrator", groups: ["VSPHERE.LOCAL\\Administrators"] } },
    };
    const before = snapshot();
    onTestFinished(() => control("POST", "/sim/reset").then(() => undefined));
    // DroppedConnection: the call never reached the host; the look afterwards finds the other client's switch.
    await inject({ method: "AddVirtualSwitch", fault: "DroppedConnection" });
    meanwhile(() => {
      host.networkSystem.AddVirtualSwitch(
        {
          vswitchName: "vSwitch1",
          spec: { numPorts: 64, bridge: { _type: "HostVirtualSwitchBondBridge", nicDevice: ["vmnic3"] }, mtu: 1500 },
        },
        other,
      );
      host.networkSystem.AddPortGroup({ portgrp: { name: "Other-PG", vlanId: 99, vswitchName: "vSwitch1", policy: {} } }, other);
    });
    const res = await create(newSwitch);
    expect(res.statusCode, res.body).toBe(502);
    const problem = res.json<Problem>();
    expect(problem.detail).toContain("Nothing was changed on esx-01.lab.local.");
    expect(problem.detail).not.toContain("made that change all the same");
    expect((problem.steps as Step[]).map((s) => s.status)).toEqual(NEW_SWITCH_STEPS.map((_, i) => (i === 0 ? "failed" : "not-run")));
    // The other client's switch and port group are there as it made them; the host is otherwise as it was.
    const now = simHost().net;
    expect(now.vswitch.find((v) => v.name === "vSwitch1")?.portgroup).toEqual(["key-vim.host.PortGroup-Other-PG"]);
    expect(now.portgroup.map((p) => p.spec.name)).toContain("Other-PG");
    expect(now.vnic).toEqual(before.net.vnic);
  });
});

describe("the API keeps serving while vCenter does not answer", () => {
  it("another user lists hosts while a create waits on a Timeout", async () => {
    const before = snapshot();
    const other = new Browser(api.app);
    await other.login(HELPDESK);
    await inject({ method: "AddVirtualNic", fault: "Timeout" });
    const started = Date.now();
    let settled = false;
    const pending = create(newSwitch).finally(() => {
      settled = true;
    });
    // Wait until the simulator has taken the fault: the create is now waiting on vCenter.
    while (!settled && ((await control("GET", "/sim/faults")) as unknown[]).length > 0) await new Promise((r) => setTimeout(r, 20));
    expect(settled, settled ? (await pending).body : "").toBe(false);
    const list = await other.get("/api/v1/hosts?limit=50");
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ total: number }>().total).toBe(9);
    const networking = await other.networking(id);
    expect(networking.host.name).toBe(HOST);
    expect(settled).toBe(false);
    const res = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(res.statusCode, res.body).toBe(504);
    expect(res.json<Problem>().detail).toContain("Step 3 of 6 (AddVirtualNic) failed");
    expect(snapshot()).toStrictEqual(before);
  });
});

describe("an undo that fails too", () => {
  // What a failed undo left goes with a reset, so that each case starts from the original host.
  afterEach(() => control("POST", "/sim/reset"));

  /** The reply's list of what remains, split back into step summaries. */
  function remains(problem: Problem): string[] {
    const m = /These steps could not be undone and remain on esx-01\.lab\.local: (.*)\.$/.exec(problem.detail);
    expect(m, problem.detail).not.toBeNull();
    return problem.steps!.filter((s) => s.status === "undo-failed").map((s) => s.summary);
  }

  it("RemoveVirtualSwitch fails: PARTIALLY_APPLIED names the switch, and only the empty switch remains", async () => {
    const before = snapshot();
    await inject({ method: "SelectVnicForNicType", fault: "HostConfigFault" });
    await inject({ method: "RemoveVirtualSwitch", fault: "ResourceInUse" });
    const res = await create(newSwitch);
    expect(res.statusCode, res.body).toBe(422);
    const problem = res.json<Problem>();
    expect(problem.code).toBe("PARTIALLY_APPLIED");
    expect(problem.detail).toContain("Step 4 of 6 (SelectVnicForNicType) failed");
    expect(problem.steps!.map((s) => s.status)).toEqual(["undo-failed", "undone", "undone", "failed", "not-run", "not-run"]);
    expect(remains(problem)).toEqual(["Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2, vmnic3)"]);
    expect(problem.detail).toContain("Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2, vmnic3)");

    // The host is as before plus exactly that switch, with no port group on it.
    const after = snapshot();
    const added = (after.net.vswitch as SimHost["net"]["vswitch"]).filter((v) => v.name === "vSwitch1");
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      name: "vSwitch1",
      mtu: 9000,
      portgroup: [],
      pnic: ["key-vim.host.PhysicalNic-vmnic2", "key-vim.host.PhysicalNic-vmnic3"],
    });
    expect({
      ...after,
      net: { ...after.net, vswitch: (after.net.vswitch as { name: string }[]).filter((v) => v.name !== "vSwitch1") },
    }).toStrictEqual(before);

    const audit = await lastAudit();
    expect(audit.outcome).toBe("partial");
    expect(audit.detail).toContain("(SelectVnicForNicType) failed");
    expect(audit.detail).toContain("RemoveVirtualSwitch");
    expect(audit.detail).toContain("vSwitch1");
    // The journal holds the plan and the host as it was, written before the first call, and each step's last status.
    const row = (await api.app.journal.get(audit.id))!;
    expect(JSON.parse(row.plan!).steps.map((s: { method: string }) => s.method)).toEqual(problem.steps!.map((s) => s.method));
    expect(JSON.parse(row.before_state!).name).toBe("esx-01.lab.local");
    expect(JSON.parse(row.progress!).steps).toEqual(problem.steps);
    expect(JSON.parse(row.reply!)).toEqual({ status: res.statusCode, body: problem });
  });

  it("RemovePortGroup fails on an existing switch: PARTIALLY_APPLIED names the port group, and only it remains", async () => {
    const before = snapshot();
    await inject({ method: "UpdateVsan_Task", fault: "HostConfigFault" });
    await inject({ method: "RemovePortGroup", fault: "HostConfigFault" });
    const res = await create(existingSwitch);
    expect(res.statusCode, res.body).toBe(422);
    const problem = res.json<Problem>();
    expect(problem.code).toBe("PARTIALLY_APPLIED");
    expect(problem.detail).toContain("Step 4 of 4 (UpdateVsan_Task) failed");
    expect(problem.steps!.map((s) => s.status)).toEqual(["undo-failed", "undone", "undone", "failed"]);
    expect(remains(problem)).toEqual(['Add port group "Replication" (VLAN 80) to vSwitch0']);

    const after = snapshot();
    const pgs = after.net.portgroup as SimHost["net"]["portgroup"];
    expect(pgs.filter((p) => p.spec.name === "Replication")).toHaveLength(1);
    expect(pgs.find((p) => p.spec.name === "Replication")).toMatchObject({
      spec: { name: "Replication", vlanId: 80, vswitchName: "vSwitch0" },
      port: [],
    });
    const vswitch0 = (after.net.vswitch as SimHost["net"]["vswitch"]).find((v) => v.name === "vSwitch0")!;
    expect(vswitch0.portgroup).toContain("key-vim.host.PortGroup-Replication");
    // Everything else as before: the vmk, its services, vSAN and the stacks are gone or back.
    const strip = (s: ReturnType<typeof snapshot>) => ({
      ...s,
      net: {
        ...s.net,
        portgroup: (s.net.portgroup as SimHost["net"]["portgroup"]).filter((p) => p.spec.name !== "Replication"),
        vswitch: (s.net.vswitch as SimHost["net"]["vswitch"]).map((v) => ({
          ...v,
          portgroup: v.portgroup?.filter((k) => k !== "key-vim.host.PortGroup-Replication"),
        })),
      },
    });
    expect(strip(after)).toStrictEqual(strip(before));
    expect((before.net.vnic as unknown[]).length).toBe((after.net.vnic as unknown[]).length);

    const audit = await lastAudit();
    expect(audit.outcome).toBe("partial");
    expect(audit.detail).toContain("RemovePortGroup");
    expect(audit.detail).toContain('"Replication"');
  });

  it("RemovePortGroup fails on a new switch: removing the switch takes the port group, and the reply says so truthfully", async () => {
    const before = snapshot();
    await inject({ method: "SelectVnicForNicType", fault: "InvalidState", after: 1 });
    await inject({ method: "RemovePortGroup", fault: "HostConfigFault" });
    const res = await create(newSwitch);
    const problem = res.json<Problem>();
    // Whatever the API says about the host must be what the host shows.
    expect(snapshot()).toStrictEqual(before);
    expect(res.statusCode, res.body).toBe(409);
    expect(problem.code).toBe("INVALID_STATE");
    expect(problem.detail).toContain("Step 5 of 6 (SelectVnicForNicType) failed");
    expect(problem.detail).toContain("esx-01.lab.local is as it was");
    expect(problem.steps!.map((s) => s.status)).not.toContain("undo-failed");
    // The failed undo itself is on record.
    const audit = await lastAudit();
    expect(audit.detail).toContain("RemovePortGroup");
  });

  it("RemoveVirtualNic fails: the port group and the switch cannot go either, and all three are named", async () => {
    const before = snapshot();
    await inject({ method: "UpdateVsan_Task", fault: "HostConfigFault" });
    await inject({ method: "RemoveVirtualNic", fault: "HostConfigFault" });
    const res = await create(newSwitch);
    expect(res.statusCode, res.body).toBe(422);
    const problem = res.json<Problem>();
    expect(problem.code).toBe("PARTIALLY_APPLIED");
    expect(problem.steps!.map((s) => s.status)).toEqual(["undo-failed", "undo-failed", "undo-failed", "undone", "undone", "failed"]);
    expect(remains(problem)).toEqual([
      "Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2, vmnic3)",
      'Add port group "Storage-A" (VLAN 70) to vSwitch1',
      'Add a VMkernel adapter on "Storage-A", Default TCP/IP stack, MTU 9000',
    ]);
    const h = simHost();
    const vmk = h.net.vnic.find((v) => v.portgroup === "Storage-A");
    expect(vmk).toBeDefined();
    // Its services were undone: only the adapter itself, its port group and its switch remain.
    for (const nicType of ["vmotion", "faultToleranceLogging", "vsan"]) expect(h.selectedDevices(nicType)).not.toContain(vmk!.device);
    expect(h.vsanPorts).toEqual(before.vsanPorts);
    expect(h.net.vswitch.map((v) => v.name)).toEqual([...(before.net.vswitch as { name: string }[]).map((v) => v.name), "vSwitch1"]);
    expect(h.net.portgroup.map((p) => p.spec.name)).toEqual([
      ...(before.net.portgroup as { spec: { name: string } }[]).map((p) => p.spec.name),
      "Storage-A",
    ]);
    expect(h.net.vnic.map((v) => v.device)).toEqual([...(before.net.vnic as { device: string }[]).map((v) => v.device), vmk!.device]);
    expect(problem.detail).toContain(vmk!.device);
    const audit = await lastAudit();
    expect(audit.outcome).toBe("partial");
    expect(audit.detail).toContain("RemoveVirtualNic");
  });
});
