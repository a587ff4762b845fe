/**
 * The fault matrix (issue 5, item 1): every step of the create transaction of each target type, and the TCP/IP
 * stack edit, failed with every fault vCenter or the network can answer with, injected through the simulator.
 * Each case ends with the host exactly as before (deep-equal, property by property), or — where an undo cannot
 * run, as when vCenter has ended the session — with PARTIALLY_APPLIED naming precisely what remains, and the host
 * showing exactly that. Meanwhile another user keeps being served, and the audit trail records every failure.
 *
 * Besides the faults vCenter answers with, LostReply (the call runs, its answer never arrives) in every cell; and
 * around the matrix: faults while the host is read before the first step, an adapter on the vMotion stack whose
 * undo must give vMotion back to the default-stack adapter, and a NotAuthenticated that ends only that user's session.
 */
import type {
  AuditEntryInfo,
  CreatedAdapter,
  Problem,
  Step,
  TcpipStackInfo,
  VmkernelAdapterModel,
  VmPortGroupModel,
  PhysicalAdapterModel,
  AuditPage,
} from "@addnet/contracts";
import { USERS } from "@addnet/simulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ADMIN, Browser, HELPDESK, hostId, startApi, vmotionOnNewSwitch, type TestApi } from "./helpers.ts";
import { control, dvpgKey, hostState, injectFault, resetSim, simHost, type SimHostSystem } from "./sim-state.ts";
import {
  DISTRIBUTED_STEPS,
  distributedModel,
  EXISTING_SWITCH_STEPS,
  existingSwitchModel,
  NEW_SWITCH_STEPS,
  newSwitchModel,
  PORT_GROUP_STEPS,
  portGroupModel,
  UPLINKS_STEPS,
  uplinksModel,
} from "./target-types.ts";

/** Short, so that the Timeout cases cost little; ample for a call against the in-process simulator. */
const TIMEOUT_MS = 1000;
const HOST = "esx-01.lab.local";

let api: TestApi;
let admin: Browser;
/** Another user, served while the administrator's create fails. */
let other: Browser;
let id: string;
let keyCounter = 0;
/** vCenter ended the administrator's session in the last case: sign in again before the next. */
let sessionLost = false;

beforeAll(async () => {
  // Hundreds of cases a minute in one administrator's session: more than a person's budget.
  api = await startApi(
    {},
    { VCENTER_TIMEOUT_MS: String(TIMEOUT_MS), LOGIN_RATE_LIMIT_PER_MINUTE: "1000", RATE_LIMIT_PER_MINUTE: "100000" },
  );
  admin = new Browser(api.app);
  await admin.login(ADMIN);
  other = new Browser(api.app);
  await other.login(HELPDESK);
  id = hostId(api, HOST);
});
afterAll(() => api?.close());
beforeEach(async () => {
  await resetSim(api);
  if (sessionLost) {
    // The API kept its session so that the UI can tell "sign in again"; it says so until the user does.
    const expired = await admin.get("/api/v1/session");
    expect(expired.statusCode, expired.body).toBe(401);
    expect(expired.json<Problem>().code).toBe("SESSION_EXPIRED");
    await admin.login(ADMIN);
    sessionLost = false;
  }
});

const host = (): SimHostSystem => simHost(api, HOST);

const newSwitch = newSwitchModel;
const existingSwitch = existingSwitchModel;
const distributed = () => distributedModel(dvpgKey(api, "DPG-Storage"));

const TARGETS: { name: string; model: () => CreateModel; steps: string[] }[] = [
  { name: "new standard switch", model: newSwitch, steps: NEW_SWITCH_STEPS },
  { name: "existing standard switch", model: existingSwitch, steps: EXISTING_SWITCH_STEPS },
  { name: "distributed port group", model: distributed, steps: DISTRIBUTED_STEPS },
  { name: "virtual machine port group on a new switch", model: portGroupModel, steps: PORT_GROUP_STEPS },
  { name: "physical adapter on vSwitch0", model: uplinksModel, steps: UPLINKS_STEPS },
];

/**
 * Every fault, with the answer it gets when nothing is left behind. LostReply (the call runs, its answer never
 * arrives) is the hardest of the transport failures: the API must find the change and undo it too.
 */
const FAULTS: Record<string, { status: number; code: string }> = {
  HostConfigFault: { status: 422, code: "HOST_CONFIG_FAULT" },
  NotFound: { status: 404, code: "NOT_FOUND" },
  ResourceInUse: { status: 409, code: "RESOURCE_IN_USE" },
  NoPermission: { status: 403, code: "NO_PERMISSION" },
  NotAuthenticated: { status: 401, code: "SESSION_EXPIRED" },
  InvalidState: { status: 409, code: "INVALID_STATE" },
  Timeout: { status: 504, code: "VCENTER_TIMEOUT" },
  DroppedConnection: { status: 502, code: "VCENTER_UNREACHABLE" },
  MalformedResponse: { status: 502, code: "VCENTER_BAD_REPLY" },
  LostReply: { status: 502, code: "VCENTER_UNREACHABLE" },
};

type CreateModel = VmkernelAdapterModel | VmPortGroupModel | PhysicalAdapterModel;
const ACTION = {
  vmkernel: "vmkernel-adapter.create",
  vmPortGroup: "port-group.create",
  physicalAdapter: "physical-adapter.create",
} as const;
const PATH = { vmkernel: "vmkernel-adapters", vmPortGroup: "port-groups", physicalAdapter: "physical-adapters" } as const;

function create(model: CreateModel) {
  const path = PATH[model.connectionType];
  return admin.post(`/api/v1/hosts/${id}/${path}`, model, { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` });
}

async function lastAudit(): Promise<AuditEntryInfo> {
  // Read with the other user's session: the administrator's may just have been ended by vCenter.
  const res = await other.get(`/api/v1/audit?hostId=${id}&limit=1`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditPage>().entries[0]!;
}

const faultsLeft = async () => (await control(api, "GET", "/sim/faults")) as unknown[];

/**
 * Runs `request` while the other user reads hosts and a host's networking. With a Timeout the reads must be
 * answered while the request is still waiting on vCenter; otherwise they run alongside it.
 */
async function servedMeanwhile<T>(request: () => Promise<T>, waitsOnTimeout: boolean): Promise<T> {
  let settled = false;
  const pending = request().finally(() => {
    settled = true;
  });
  if (waitsOnTimeout) {
    // Until the simulator has taken the fault: the request is then waiting on vCenter's answer.
    while (!settled && (await faultsLeft()).length > 0) await new Promise((r) => setTimeout(r, 10));
  }
  const [list, networking] = await Promise.all([other.get("/api/v1/hosts?limit=50"), other.get(`/api/v1/hosts/${id}/networking`)]);
  expect(list.statusCode, list.body).toBe(200);
  expect(list.json<{ total: number }>().total).toBe(9);
  expect(networking.statusCode, networking.body).toBe(200);
  if (waitsOnTimeout) expect(settled, "the other user was answered only after the timeout").toBe(false);
  return pending;
}

/** The primary state of a host (what the derived runtime and service views are computed from), normalised. */
function primary(h: ReturnType<typeof hostState>) {
  return {
    net: h.net,
    selected: Object.fromEntries(Object.entries(h.selected).filter(([, devices]) => devices.length > 0)),
    vsanPorts: h.vsanPorts,
    bootMaxConnections: h.bootMaxConnections,
  };
}

/**
 * Checks that each step the reply says remains is on the host as its summary describes it, then takes exactly
 * those changes away: what is left must be the host as it was before.
 */
function withoutRemaining(after: ReturnType<typeof hostState>, remaining: Step[], device: string | undefined) {
  const state = structuredClone(primary(after));
  const net = state.net as SimHostSystem["net"];
  for (const step of remaining) {
    if (step.method === "AddVirtualSwitch") {
      const { vswitch: name, mtu, uplinks } = step.params as { vswitch: string; mtu: number; uplinks: string };
      const vswitch = net.vswitch.find((v) => v.name === name);
      expect(vswitch, step.summary).toBeDefined();
      expect(vswitch!.mtu).toBe(Number(mtu));
      expect(vswitch!.pnic).toEqual(uplinks!.split(", ").map((d) => `key-vim.host.PhysicalNic-${d}`));
      net.vswitch = net.vswitch.filter((v) => v !== vswitch);
    } else if (step.method === "AddPortGroup") {
      const { portgroup: name, vlanId: vlan, vswitch: vswitchName } = step.params as { portgroup: string; vlanId: number; vswitch: string };
      const pg = net.portgroup.find((p) => p.spec.name === name);
      expect(pg, step.summary).toBeDefined();
      expect(pg!.spec).toMatchObject({ vlanId: Number(vlan), vswitchName });
      net.portgroup = net.portgroup.filter((p) => p !== pg);
      const vswitch = net.vswitch.find((v) => v.name === vswitchName);
      if (vswitch) vswitch.portgroup = vswitch.portgroup?.filter((k) => k !== pg!.key);
    } else if (step.method === "AddVirtualNic") {
      const { stack, mtu } = step.params as { stack: string; mtu: number };
      const vnic = net.vnic.find((v) => v.device === device);
      expect(vnic, `${step.summary} (${device})`).toBeDefined();
      expect(vnic!.spec).toMatchObject({ netStackInstanceKey: stack, mtu: Number(mtu) });
      net.vnic = net.vnic.filter((v) => v !== vnic);
      for (const pg of net.portgroup) if (pg.port) pg.port = pg.port.filter((p) => p.key !== vnic!.port);
    } else if (step.method === "SelectVnicForNicType") {
      const nicType = String(step.params!.service);
      expect(state.selected[nicType!], step.summary).toContain(device);
      state.selected = Object.fromEntries(
        Object.entries(state.selected)
          .map(([t, devices]) => [t, t === nicType ? devices.filter((d) => d !== device) : devices] as const)
          .filter(([, devices]) => devices.length > 0),
      );
    } else if (step.method === "UpdateVsan_Task") {
      expect(
        state.vsanPorts.map(([d]) => d),
        step.summary,
      ).toContain(device);
      state.vsanPorts = state.vsanPorts.filter(([d]) => d !== device);
    } else {
      throw new Error(`unexpected remaining step ${step.method}`);
    }
  }
  return state;
}

interface Case {
  target: (typeof TARGETS)[number];
  step: number;
  fault: string;
}

const CASES: Case[] = TARGETS.flatMap((target) =>
  target.steps.flatMap((_, step) => Object.keys(FAULTS).map((fault) => ({ target, step, fault }))),
);

describe("create: a fault at every step of every target type", () => {
  for (const c of CASES) {
    const { target, step, fault } = c;
    const methods = target.steps;
    const method = methods[step]!;
    // The second SelectVnicForNicType: let the first through.
    const after = methods.slice(0, step).filter((m) => m === method).length;
    it(`${target.name}: step ${step + 1} (${method}${after ? ` #${after + 1}` : ""}) fails with ${fault}`, async () => {
      const before = hostState(host());
      const model = target.model();
      await injectFault(api, { method, fault, after });
      const res = await servedMeanwhile(() => create(model), fault === "Timeout");
      if (fault === "NotAuthenticated") sessionLost = true;
      // The rule was taken (none left over to leak into the next case).
      expect(await faultsLeft()).toEqual([]);

      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const problem = res.json<Problem>();
      const expected = FAULTS[fault]!;
      expect(res.statusCode, res.body).toBe(expected.status);
      expect(problem.detail).toContain(`Step ${step + 1} of ${methods.length} (${method}) failed`);
      const steps = problem.steps!;
      expect(steps.map((s) => s.method)).toEqual(methods);

      // vCenter ended the session: the undo calls are refused too, and every earlier step remains.
      const stranded = fault === "NotAuthenticated" && step > 0;
      if (stranded) {
        expect(problem.code).toBe("PARTIALLY_APPLIED");
        expect(steps.map((s) => s.status)).toEqual(methods.map((_, i) => (i < step ? "undo-failed" : i === step ? "failed" : "not-run")));
        const remaining = steps.filter((s) => s.status === "undo-failed");
        expect(problem.detail).toContain(`These steps could not be undone and remain on ${HOST}: `);
        for (const s of remaining) expect(problem.detail).toContain(s.summary);
        // The vmk is named by its device, and the host holds exactly what the reply lists.
        const added = host().net.vnic.filter((v) => !before.net.vnic.some((b: { device: string }) => b.device === v.device));
        expect(added.length).toBe(methods.includes("AddVirtualNic") && step > methods.indexOf("AddVirtualNic") ? 1 : 0);
        const device = added[0]?.device;
        if (device) expect(problem.detail).toContain(`the VMkernel adapter it added is ${device}`);
        expect(withoutRemaining(hostState(host()), remaining, device)).toStrictEqual(primary(before));
      } else {
        expect(problem.code).toBe(expected.code);
        expect(steps.map((s) => s.status)).toEqual(methods.map((_, i) => (i < step ? "undone" : i === step ? "failed" : "not-run")));
        if (fault === "LostReply") expect(problem.detail).toContain("vCenter made that change all the same");
        expect(problem.detail).toMatch(
          step === 0 && fault !== "LostReply" ? /Nothing was changed on esx-01\.lab\.local\./ : /esx-01\.lab\.local is as it was\./,
        );
        if (fault === "NoPermission")
          expect(problem.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id } });
        // Exactly as before, property by property.
        expect(hostState(host())).toStrictEqual(before);
      }

      const audit = await lastAudit();
      expect(audit).toMatchObject({
        action: ACTION[model.connectionType],
        hostId: id,
        hostName: HOST,
        user: "VSPHERE.LOCAL\\Administrator",
        outcome: stranded ? "partial" : "failure",
      });
      expect(audit.detail).toContain(`Step ${step + 1} of ${methods.length} (${method}) failed`);
    });
  }

  it("every model succeeds once nothing is injected (the cases failed only by injection)", async () => {
    for (const target of TARGETS) {
      // Each on the host as it was: two new switches would want the same free uplinks.
      await resetSim(api);
      const res = await create(target.model());
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ steps: Step[] }>().steps.map((s) => [s.method, s.status])).toEqual(target.steps.map((m) => [m, "done"]));
    }
  });
});

describe("create: a fault while reading the host, before the first step", () => {
  for (const fault of ["Timeout", "DroppedConnection", "MalformedResponse", "NotAuthenticated", "HostConfigFault"]) {
    it(`fails with ${fault}: nothing is sent to the host, and the failure is on record`, async () => {
      const before = hostState(host());
      await injectFault(api, { method: "RetrievePropertiesEx", fault });
      const res = await create(newSwitch());
      if (fault === "NotAuthenticated") sessionLost = true;
      const expected = FAULTS[fault]!;
      expect(res.statusCode, res.body).toBe(expected.status);
      expect(res.json<Problem>().code).toBe(expected.code);
      expect(hostState(host())).toStrictEqual(before);
      const audit = await lastAudit();
      expect(audit).toMatchObject({ action: "vmkernel-adapter.create", hostId: id, outcome: "failure" });
      expect(audit.detail).toContain("Not started");
    });
  }
});

describe("remove a VMkernel adapter: a fault on RemoveVirtualNic", () => {
  beforeEach(async () => {
    const res = await create(existingSwitch());
    expect(res.statusCode, res.body).toBe(201);
  });

  for (const fault of Object.keys(FAULTS)) {
    it(`fails with ${fault}`, async () => {
      const before = hostState(host());
      const device = host().net.vnic.at(-1)!.device;
      await injectFault(api, { method: "RemoveVirtualNic", fault });
      const res = await servedMeanwhile(
        () =>
          admin.delete(`/api/v1/hosts/${id}/vmkernel-adapters/${device}`, { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` }),
        fault === "Timeout",
      );
      if (fault === "NotAuthenticated") sessionLost = true;
      expect(await faultsLeft()).toEqual([]);
      const audit = await lastAudit();
      expect(audit).toMatchObject({ action: "vmkernel-adapter.remove", hostId: id, user: "VSPHERE.LOCAL\\Administrator" });
      if (fault === "LostReply") {
        // vCenter removed it; only the answer was lost. The API looks, and the removal is done.
        expect(res.statusCode, res.body).toBe(200);
        expect(host().net.vnic.map((v) => v.device)).not.toContain(device);
        expect(audit.outcome).toBe("success");
        return;
      }
      const expected = FAULTS[fault]!;
      expect(res.statusCode, res.body).toBe(expected.status);
      expect(res.json<Problem>().code).toBe(expected.code);
      expect(hostState(host())).toStrictEqual(before);
      expect(audit.outcome).toBe("failure");
    });
  }
});

/** A host's state with its port groups in name order: an undone removal adds a port group back at the end. */
const sorted = (h: ReturnType<typeof hostState>) => ({
  ...h,
  net: { ...h.net, portgroup: [...h.net.portgroup].sort((a, b) => a.spec.name.localeCompare(b.spec.name)) },
});

/**
 * A host's state with the ports its adapters hold unnamed: a migration undone puts the adapter back on its port group
 * through a new port, as ESXi does; which port is not the host's configuration.
 */
const portsUnnamed = (h: ReturnType<typeof hostState>) =>
  JSON.parse(
    JSON.stringify(h, (key: string, value: unknown) =>
      ["portKey", "connectionCookie"].includes(key) || (typeof value === "string" && value.startsWith("key-vim.host.PortGroup.Port-"))
        ? "port"
        : value,
    ),
  ) as unknown;

const EDITS = [
  {
    name: "edit a VMkernel adapter",
    action: "vmkernel-adapter.edit",
    setup: () => create(existingSwitch()),
    // A new address, vMotion gained, vSphere Replication and vSAN dropped: one call of each kind.
    send: () =>
      admin.patch(
        `/api/v1/hosts/${id}/vmkernel-adapters/vmk1`,
        {
          portProperties: { ipSettings: "ipv4", mtu: { mode: "fromSwitch" }, services: ["vmotion"] },
          ipv4Settings: { mode: "static", address: "192.168.50.99", subnetMask: "255.255.255.0", overrideGateway: false },
        },
        { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` },
      ),
    steps: ["UpdateVirtualNic", "SelectVnicForNicType", "DeselectVnicForNicType", "UpdateVsan_Task"],
    /** What the host shows of the first step when it could not be undone. */
    firstRemains: () => host().net.vnic.find((v) => v.device === "vmk1")!.spec.ip?.ipAddress === "192.168.50.99",
  },
  {
    name: "migrate a VMkernel adapter to a distributed port group",
    action: "vmkernel-adapter.migrate",
    setup: () => create(existingSwitch()),
    send: () =>
      admin.post(
        `/api/v1/hosts/${id}/vmkernel-adapters/vmk1/migration`,
        { to: "distributed", portgroupKey: dvpgKey(api, "DPG-Storage") },
        { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` },
      ),
    steps: ["UpdateVirtualNic"],
    same: portsUnnamed,
    firstRemains: () => Boolean(host().net.vnic.find((v) => v.device === "vmk1")!.spec.distributedVirtualPort),
  },
  {
    name: "migrate a VMkernel adapter to a standard switch",
    action: "vmkernel-adapter.migrate",
    // At vSwitch0's MTU, which a distributed adapter must fit to move there.
    setup: () => {
      const model = distributed();
      return create({ ...model, portProperties: { ...model.portProperties, mtu: { mode: "custom", value: 1500 } } });
    },
    send: () =>
      admin.post(
        `/api/v1/hosts/${id}/vmkernel-adapters/vmk1/migration`,
        { to: "standard", vswitchName: "vSwitch0", networkLabel: "Storage", vlanId: 50 },
        { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` },
      ),
    steps: ["AddPortGroup", "UpdateVirtualNic"],
    same: portsUnnamed,
    firstRemains: () => host().net.portgroup.some((p) => p.spec.name === "Storage"),
  },
  {
    name: "move a vMotion adapter to the vMotion stack",
    action: "vmkernel-adapter.move-stack",
    setup: () => {
      const model = existingSwitch();
      return create({ ...model, portProperties: { ...model.portProperties, services: ["vmotion"] } });
    },
    send: () =>
      admin.post(
        `/api/v1/hosts/${id}/vmkernel-adapters/vmk1/stack-move`,
        { tcpipStack: "vmotion" },
        { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` },
      ),
    steps: ["RemoveVirtualNic", "AddVirtualNic"],
    same: portsUnnamed,
    firstRemains: () => !host().net.vnic.some((v) => v.device === "vmk1"),
  },
  {
    name: "move a vMotion stack adapter to the default stack",
    action: "vmkernel-adapter.move-stack",
    setup: () => create(vmotionOnNewSwitch),
    send: () =>
      admin.post(
        `/api/v1/hosts/${id}/vmkernel-adapters/vmk1/stack-move`,
        { tcpipStack: "defaultTcpipStack" },
        { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` },
      ),
    steps: ["RemoveVirtualNic", "AddVirtualNic", "SelectVnicForNicType"],
    same: portsUnnamed,
    firstRemains: () => host().net.vnic.find((v) => v.device === "vmk1")?.spec.netStackInstanceKey !== "vmotion",
  },
  {
    name: "edit a standard switch",
    action: "standard-switch.edit",
    setup: () => create(portGroupModel()),
    send: () =>
      admin.patch(
        `/api/v1/hosts/${id}/standard-switches/vSwitch1`,
        {
          mtu: 1500,
          teaming: {
            policy: "failover_explicit",
            notifySwitches: false,
            failback: false,
            failoverOrder: { active: ["vmnic3"], standby: ["vmnic2"], unused: [] },
          },
        },
        { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` },
      ),
    steps: ["UpdateVirtualSwitch"],
    firstRemains: () => host().net.vswitch.find((v) => v.name === "vSwitch1")?.mtu === 1500,
  },
  {
    name: "remove a standard switch",
    action: "standard-switch.remove",
    setup: () => create(portGroupModel()),
    send: () =>
      admin.delete(`/api/v1/hosts/${id}/standard-switches/vSwitch1`, { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` }),
    steps: ["RemovePortGroup", "RemoveVirtualSwitch"],
    firstRemains: () => !host().net.portgroup.some((p) => p.spec.name === "VM-Lab"),
  },
];

for (const change of EDITS) {
  describe(`${change.name}: a fault at every step`, () => {
    const STEPS = change.steps;
    beforeEach(async () => {
      const res = await change.setup();
      expect(res.statusCode, res.body).toBe(201);
    });

    for (const [step, method] of STEPS.entries()) {
      for (const fault of Object.keys(FAULTS)) {
        it(`step ${step + 1} (${method}) fails with ${fault}`, async () => {
          const before = hostState(host());
          await injectFault(api, { method, fault });
          const res = await servedMeanwhile(change.send, fault === "Timeout");
          if (fault === "NotAuthenticated") sessionLost = true;
          expect(await faultsLeft()).toEqual([]);
          const problem = res.json<Problem>();
          const steps = problem.steps!;
          expect(steps.map((s) => s.method)).toEqual(STEPS);
          const audit = await lastAudit();
          expect(audit).toMatchObject({ action: change.action, hostId: id, user: "VSPHERE.LOCAL\\Administrator" });
          if (fault === "NotAuthenticated" && step > 0) {
            // vCenter ended the session: the undos are refused too, and the reply names each step that remains.
            expect(problem.code).toBe("PARTIALLY_APPLIED");
            expect(steps.map((s) => s.status)).toEqual(STEPS.map((_, i) => (i < step ? "undo-failed" : i === step ? "failed" : "not-run")));
            for (const s of steps.slice(0, step)) expect(problem.detail).toContain(s.summary);
            expect(change.firstRemains()).toBe(true);
            expect(audit.outcome).toBe("partial");
            return;
          }
          const expected = FAULTS[fault]!;
          expect(res.statusCode, res.body).toBe(expected.status);
          expect(problem.code).toBe(expected.code);
          expect(steps.map((s) => s.status)).toEqual(STEPS.map((_, i) => (i < step ? "undone" : i === step ? "failed" : "not-run")));
          const same = change.same ?? ((h: typeof before): unknown => h);
          expect(same(sorted(hostState(host())))).toStrictEqual(same(sorted(before)));
          expect(audit.outcome).toBe("failure");
        });
      }
    }

    it("succeeds once nothing is injected", async () => {
      const res = await change.send();
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ steps: Step[] }>().steps.map((s) => `${s.method} ${s.status}`)).toEqual(STEPS.map((m) => `${m} done`));
    });
  });
}

describe("edit and remove a standard port group: a fault on each call", () => {
  const CALLS = [
    {
      method: "UpdatePortGroup",
      action: "port-group.edit",
      send: () =>
        admin.request({
          method: "PATCH",
          url: `/api/v1/hosts/${id}/port-groups/${encodeURIComponent("VM Network")}`,
          payload: {
            networkLabel: "VM Web",
            vlanId: 20,
            security: { allowPromiscuous: true, macChanges: false, forgedTransmits: false },
            failoverOrder: { active: [], standby: ["vmnic0"], unused: [] },
          },
          headers: { "idempotency-key": `matrix-${process.pid}-${++keyCounter}` },
        }),
    },
    {
      method: "RemovePortGroup",
      action: "port-group.remove",
      send: () =>
        admin.delete(`/api/v1/hosts/${id}/port-groups/${encodeURIComponent("VM Network")}`, {
          "idempotency-key": `matrix-${process.pid}-${++keyCounter}`,
        }),
    },
  ];
  for (const call of CALLS) {
    for (const fault of Object.keys(FAULTS)) {
      it(`${call.method} fails with ${fault}: the host as it was`, async () => {
        const before = hostState(host());
        await injectFault(api, { method: call.method, fault });
        const res = await servedMeanwhile(call.send, fault === "Timeout");
        if (fault === "NotAuthenticated") sessionLost = true;
        expect(await faultsLeft()).toEqual([]);
        const expected = FAULTS[fault]!;
        expect(res.statusCode, res.body).toBe(expected.status);
        expect(res.json<Problem>().code).toBe(expected.code);
        // Made all the same (LostReply), the change was undone: the port group is back as it was.
        expect(sorted(hostState(host()))).toStrictEqual(sorted(before));
        expect(await lastAudit()).toMatchObject({ action: call.action, hostId: id, outcome: "failure" });
      });
    }
  }
});

describe("TCP/IP stack settings: a fault on UpdateNetworkConfig", () => {
  const patch = { defaultGateway: "192.168.30.1", congestionControlAlgorithm: "cubic", maxNumberOfConnections: 22000 } as const;
  const edit = () => admin.patch(`/api/v1/hosts/${id}/netstacks/vmotion`, patch);

  beforeEach(async () => {
    // A vmotion-stack adapter makes the vmotion stack active, so that it can be configured.
    const res = await create(vmotionOnNewSwitch);
    expect(res.statusCode, res.body).toBe(201);
  });

  for (const fault of Object.keys(FAULTS)) {
    it(`fails with ${fault}`, async () => {
      const before = hostState(host());
      const stackBefore = structuredClone(host().net.netStackInstance.find((s) => s.key === "vmotion"));
      await injectFault(api, { method: "UpdateNetworkConfig", fault });
      const res = await servedMeanwhile(edit, fault === "Timeout");
      if (fault === "NotAuthenticated") sessionLost = true;
      expect(await faultsLeft()).toEqual([]);
      const audit = await lastAudit();
      expect(audit).toMatchObject({ action: "netstack.edit", hostId: id, user: "VSPHERE.LOCAL\\Administrator" });

      if (fault === "LostReply") {
        // vCenter made the change; only its answer was lost. The API looks, and answers with what the host shows.
        expect(res.statusCode, res.body).toBe(200);
        const stack = res.json<TcpipStackInfo>();
        expect(stack).toMatchObject({ key: "vmotion", defaultGateway: "192.168.30.1", congestionControlAlgorithm: "cubic" });
        expect(stack.maxNumberOfConnections).toBe(22000);
        const now = hostState(host());
        const vmotion = now.net.netStackInstance.find((s: { key?: string }) => s.key === "vmotion");
        expect(vmotion).toEqual({
          ...stackBefore,
          ipRouteConfig: { _type: "HostIpRouteConfig", defaultGateway: "192.168.30.1" },
          congestionControlAlgorithm: "cubic",
          requestedMaxNumberOfConnections: 22000,
        });
        // Nothing else changed.
        const others = (s: ReturnType<typeof hostState>) => ({
          ...s,
          net: { ...s.net, netStackInstance: s.net.netStackInstance.filter((x: { key?: string }) => x.key !== "vmotion") },
        });
        expect(others(now)).toStrictEqual(others(before));
        expect(audit.outcome).toBe("success");
        expect(audit.detail).toContain("reply");
        return;
      }
      const expected = FAULTS[fault]!;
      expect(res.statusCode, res.body).toBe(expected.status);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json<Problem>().code).toBe(expected.code);
      expect(hostState(host())).toStrictEqual(before);
      expect(audit.outcome).toBe("failure");
      expect(audit.detail).toContain("vmotion");
    });
  }
});

describe("an adapter on the vMotion stack, undone", () => {
  // R2: the first vmk on the vMotion stack takes vMotion from the default-stack adapters. Removing it does not give
  // it back: the undo must, or the host is not as it was.
  beforeEach(() => {
    const asAdmin = { sim: api.sim.sim, session: { user: USERS[0]! } } as never;
    const nicManager = (host() as unknown as { virtualNicManager: { SelectVnicForNicType(a: unknown, c: unknown): void } })
      .virtualNicManager;
    nicManager.SelectVnicForNicType({ nicType: "vmotion", device: "vmk0" }, asAdmin);
    expect(host().selectedDevices("vmotion")).toEqual(["vmk0"]);
  });

  /** RetrievePropertiesEx calls a create makes before its first step: the host, in one (the addresses are WaitForUpdatesEx's). */
  const READS_BEFORE_STEPS = 1;

  it("AddVirtualNic's reply is lost: the adapter is found and removed, and vmk0 gets vMotion back", async () => {
    const before = hostState(host());
    await injectFault(api, { method: "AddVirtualNic", fault: "LostReply" });
    const res = await create(vmotionOnNewSwitch);
    expect(res.statusCode, res.body).toBe(502);
    expect(res.json<Problem>().detail).toContain("vCenter made that change all the same; it and the earlier steps were undone");
    expect(hostState(host())).toStrictEqual(before);
    expect(host().selectedDevices("vmotion")).toEqual(["vmk0"]);
  });

  it("the look after the lost reply times out once: the API looks again, finds the adapter and undoes everything", async () => {
    const before = hostState(host());
    await injectFault(api, { method: "AddVirtualNic", fault: "LostReply" });
    await injectFault(api, { method: "RetrievePropertiesEx", fault: "Timeout", after: READS_BEFORE_STEPS });
    const res = await create(vmotionOnNewSwitch);
    expect(res.statusCode, res.body).toBe(502);
    expect(res.json<Problem>().detail).toContain("esx-01.lab.local is as it was.");
    expect(await faultsLeft()).toEqual([]);
    expect(hostState(host())).toStrictEqual(before);
  });

  it("the host cannot be read at all after the lost reply: the change stays open, and the retry with its key finishes it exactly", async () => {
    const adapters = () => host().net.vnic.map((v: { device: string }) => v.device);
    const before = adapters();
    await injectFault(api, { method: "AddVirtualNic", fault: "LostReply" });
    await injectFault(api, { method: "RetrievePropertiesEx", fault: "Timeout", after: READS_BEFORE_STEPS });
    await injectFault(api, { method: "RetrievePropertiesEx", fault: "Timeout" });
    const key = `matrix-open-${process.pid}`;
    const res = await admin.post(`/api/v1/hosts/${id}/vmkernel-adapters`, vmotionOnNewSwitch, { "idempotency-key": key });
    expect(res.statusCode, res.body).toBe(504);
    const problem = res.json<Problem>();
    // Not "failed", not "as it was": the outcome is not known, and nothing is undone on a guess.
    expect(problem.code).toBe("OUTCOME_PENDING");
    expect(problem.detail).toContain("Step 3 of 3 (AddVirtualNic) got no answer");
    expect(problem.detail).not.toContain("is as it was");
    expect(problem.steps!.map((s) => s.status)).toEqual(["done", "done", "not-run"]);
    const open = await lastAudit();
    expect(open.outcome).toBe("running");
    // The adapter is there (the call ran), with its port group and switch.
    const made = adapters().filter((d: string) => !before.includes(d));
    expect(made).toHaveLength(1);
    expect(host().net.vswitch.map((v) => v.name)).toContain("vSwitch1");

    // The host can be read again: the retry with the same key looks, finds the adapter it made, and completes the change.
    // The recovery sweep may be finishing it at that moment: then the answer is 409 "still running", and the user retries.
    let retry = await admin.post(`/api/v1/hosts/${id}/vmkernel-adapters`, vmotionOnNewSwitch, { "idempotency-key": key });
    for (let attempt = 0; retry.statusCode === 409 && attempt < 100; attempt++) {
      expect(retry.json<Problem>().code).toBe("IN_PROGRESS");
      await new Promise((resolve) => setTimeout(resolve, 50));
      retry = await admin.post(`/api/v1/hosts/${id}/vmkernel-adapters`, vmotionOnNewSwitch, { "idempotency-key": key });
    }
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.json<CreatedAdapter>().adapter.device).toBe(made[0]);
    expect(adapters().filter((d: string) => !before.includes(d))).toEqual(made);
    const done = await lastAudit();
    expect(done).toMatchObject({ id: open.id, outcome: "success" });
    expect(done.detail).toContain(made[0]);
    // And once more: the recorded outcome, nothing run again.
    const again = await admin.post(`/api/v1/hosts/${id}/vmkernel-adapters`, vmotionOnNewSwitch, { "idempotency-key": key });
    expect(again.json<CreatedAdapter>()).toEqual(retry.json<CreatedAdapter>());
    expect(adapters().filter((d: string) => !before.includes(d))).toEqual(made);
  });
});

describe("vCenter's NotAuthenticated", () => {
  it("ends that user's vCenter session only: the other user goes on, the administrator signs in again", async () => {
    const sessions = () => [...api.sim.sim.sessions.values()].map((s) => s.user.principal);
    expect(sessions()).toContain("VSPHERE.LOCAL\\Administrator");
    await injectFault(api, { method: "AddPortGroup", fault: "NotAuthenticated" });
    const res = await create(existingSwitch());
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json<Problem>().code).toBe("SESSION_EXPIRED");
    sessionLost = true;
    expect(sessions()).not.toContain("VSPHERE.LOCAL\\Administrator");
    expect(sessions()).toContain("VSPHERE.LOCAL\\helpdesk");
    expect((await other.get("/api/v1/hosts")).statusCode).toBe(200);
    expect((await admin.get("/api/v1/hosts")).json<Problem>().code).toBe("SESSION_EXPIRED");
  });
});
