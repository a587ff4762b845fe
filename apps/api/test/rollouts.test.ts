/**
 * Rollouts in the embedded API (one process, the journal in SQLite): the four Cluster-Dev hosts, a fault on one of them
 * and its retry, pause, resume and cancel, the Recent Tasks event stream, another user's rollout, and an API restart in
 * the middle of a rollout. Every outcome is checked on the hosts themselves.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import {
  vmotionOnNewSwitchExample,
  type Problem,
  type Rollout,
  type RolloutEvent,
  type RolloutRequest,
  type RolloutHostStatus,
  type VmkernelAdapterModel,
} from "@addnet/contracts";
import { startSimulator, type RunningSimulator } from "@addnet/simulator";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { ADMIN, Browser, HELPDESK } from "./helpers.ts";

const CLUSTER_DEV = ["esx-05.lab.local", "esx-06.lab.local", "esx-07.lab.local", "esx-08.lab.local"];
const CONTROL_TOKEN = "rollouts-token";
const journalFile = join(mkdtempSync(join(tmpdir(), "addnet-rollouts-")), "journal.sqlite");

let sim: RunningSimulator;
let app: FastifyInstance;
let admin: Browser;
let keys = 0;

async function startApp(): Promise<FastifyInstance> {
  const config = loadConfig(
    { DATABASE_URL: journalFile, LOG_LEVEL: "silent", JOURNAL_LEASE_MS: "1000", ROLLOUT_CONCURRENCY: "2" },
    { vcenterUrl: sim.sdkUrl },
  );
  const started = await buildApp(config);
  await started.ready();
  return started;
}

async function control(method: string, path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${CONTROL_TOKEN}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status, await res.text()).toBeLessThan(300);
}

interface SimHost {
  name: string;
  ref: { value: string };
  networkSystem: { ref: { value: string } };
}

function simHost(name: string): SimHost {
  for (const o of sim.sim.allObjects())
    if (o.type === "HostSystem" && (o as unknown as SimHost).name === name) return o as unknown as SimHost;
  throw new Error(`no host ${name}`);
}

const hostIdOf = (name: string) => simHost(name).ref.value;

/** vMotion on a new standard switch (vmnic2) on each host, each with its own address in 172.16.<subnet>.0/24. */
function clusterDevPlan(subnet: number, extra: Partial<RolloutRequest> = {}): RolloutRequest {
  return {
    hosts: CLUSTER_DEV.map((name, i) => {
      const model: VmkernelAdapterModel = vmotionOnNewSwitchExample(`172.16.${subnet}.${11 + i}`);
      return { hostId: hostIdOf(name), model };
    }),
    ...extra,
  };
}

async function start(b: Browser, plan: RolloutRequest): Promise<Rollout> {
  const res = await b.post("/api/v1/rollouts", plan, { "idempotency-key": `rollout-${process.pid}-${++keys}` });
  expect(res.statusCode, res.body).toBe(202);
  return res.json<Rollout>();
}

async function read(b: Browser, id: string): Promise<Rollout> {
  const res = await b.get(`/api/v1/rollouts/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Rollout>();
}

/** Reads the rollout until `until` holds of it (within a minute). */
async function waitFor(b: Browser, id: string, until: (r: Rollout) => boolean): Promise<Rollout> {
  let r = await read(b, id);
  for (const deadline = Date.now() + 60_000; !until(r) && Date.now() < deadline; r = await read(b, id)) await sleep(50);
  expect(until(r), JSON.stringify(r.hosts.map((h) => [h.hostId, h.state]))).toBe(true);
  return r;
}

const settled = (r: Rollout) => r.state !== "running" && r.hosts.every((h) => h.state !== "running");

/** Each host as the rollout reports it is what the host has: the adapter it names, or none with the address. */
async function expectAsReported(b: Browser, rollout: Rollout, address: (hostId: string) => string): Promise<void> {
  for (const h of rollout.hosts) {
    const now = await b.networking(h.hostId);
    const holding = now.vmkernelAdapters.filter((v) => v.ipv4.address === address(h.hostId));
    if (h.state === "success") expect(holding, h.hostId).toEqual([h.adapter]);
    else expect(holding, `${h.hostId} is ${h.state}`).toEqual([]);
  }
}

function addressIn(plan: RolloutRequest) {
  return (hostId: string) => {
    const model = plan.hosts.find((h) => h.hostId === hostId)!.model;
    return model.ipv4Settings?.mode === "static" ? model.ipv4Settings.address : "";
  };
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlToken: CONTROL_TOKEN });
  app = await startApp();
  admin = new Browser(app);
  await admin.login(ADMIN);
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
});

beforeEach(async () => {
  // Each test starts from the simulator's own inventory: vmnic2 free on every Cluster-Dev host.
  await control("POST", "/sim/reset");
  await control("PUT", "/sim/latency", { ms: 0 });
});

describe("a rollout to Cluster-Dev", () => {
  it("puts vMotion on a new standard switch on all four hosts (esx-07 in maintenance mode too), each as reported", async () => {
    const plan = clusterDevPlan(40);
    const started = await start(admin, plan);
    expect(started.concurrency).toBe(2); // ROLLOUT_CONCURRENCY
    expect(started.hosts.map((h) => h.hostId)).toEqual(plan.hosts.map((h) => h.hostId));
    const done = await waitFor(admin, started.id, settled);
    expect(done.state).toBe("done");
    expect(done.hosts.map((h) => [h.hostName, h.state, h.attempt])).toEqual(CLUSTER_DEV.map((n) => [n, "success", 1]));
    for (const h of done.hosts) {
      expect(h.changeId).toBeTypeOf("number");
      expect(h.steps.length).toBeGreaterThan(0);
      expect(h.steps.every((s) => s.status === "done")).toBe(true);
      expect(h.adapter).toMatchObject({ tcpipStack: "vmotion", switchName: "vSwitch1", services: ["vmotion"] });
    }
    await expectAsReported(admin, done, addressIn(plan));
    // Each host's change is its own entry in the journal.
    const audit = await admin.get(`/api/v1/audit?hostId=${plan.hosts[2]!.hostId}&limit=5`);
    expect(audit.json<{ entries: { id: number; outcome: string }[] }>().entries).toContainEqual(
      expect.objectContaining({ id: done.hosts[2]!.changeId, outcome: "success" }),
    );
    // The same Idempotency-Key again is the same rollout.
    const again = await admin.post("/api/v1/rollouts", plan, { "idempotency-key": `rollout-${process.pid}-${keys}` });
    expect(again.statusCode).toBe(202);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json<Rollout>().id).toBe(done.id);
  }, 90_000);

  it("carries each host's stack settings with its change", async () => {
    const plan = clusterDevPlan(41);
    for (const h of plan.hosts) h.netStack = { defaultGateway: "172.16.41.1" };
    const done = await waitFor(admin, (await start(admin, plan)).id, settled);
    expect(done.hosts.map((h) => h.state)).toEqual(["success", "success", "success", "success"]);
    await expectAsReported(admin, done, addressIn(plan));
  }, 90_000);

  it("a fault on one host: that host fails and is left as it was, the others succeed; retry makes it", async () => {
    const plan = clusterDevPlan(42);
    const faulty = simHost(CLUSTER_DEV[1]!);
    const before = await admin.networking(faulty.ref.value);
    await control("POST", "/sim/faults", {
      method: "AddVirtualNic",
      fault: "PlatformConfigFault",
      mode: "once",
      objectId: faulty.networkSystem.ref.value,
    });
    const first = await waitFor(admin, (await start(admin, plan)).id, settled);
    expect(first.state).toBe("done");
    expect(first.hosts.map((h) => h.state)).toEqual(["success", "failure", "success", "success"]);
    const failed = first.hosts[1]!;
    expect(failed.problem?.code).toBe("HOST_CONFIG_FAULT");
    expect(failed.steps.map((s) => s.status)).toContain("failed");
    expect(await admin.networking(faulty.ref.value)).toEqual(before);
    await expectAsReported(admin, first, addressIn(plan));

    const retried = await admin.post(`/api/v1/rollouts/${first.id}/retry`, {});
    expect(retried.statusCode, retried.body).toBe(200);
    const second = await waitFor(admin, first.id, (r) => settled(r) && r.hosts[1]!.attempt === 2);
    expect(second.state).toBe("done");
    expect(second.hosts.map((h) => [h.state, h.attempt])).toEqual([
      ["success", 1],
      ["success", 2],
      ["success", 1],
      ["success", 1],
    ]);
    expect(second.hosts[1]!.changeId).not.toBe(failed.changeId);
    await expectAsReported(admin, second, addressIn(plan));

    // Nothing failed now: nothing to retry.
    const nothing = await admin.post(`/api/v1/rollouts/${first.id}/retry`, {});
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json<Problem>().code).toBe("ROLLOUT_NOTHING_TO_RETRY");
  }, 90_000);

  it("pause holds back new hosts while the running ones finish; resume goes on; cancel leaves the rest untouched", async () => {
    await control("PUT", "/sim/latency", { ms: 40 });
    const plan = clusterDevPlan(43, { concurrency: 1 });
    const started = await start(admin, plan);
    await waitFor(admin, started.id, (r) => r.hosts[0]!.state === "running");
    const paused = await admin.post(`/api/v1/rollouts/${started.id}/pause`, {});
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json<Rollout>().state).toBe("paused");
    expect((await admin.post(`/api/v1/rollouts/${started.id}/pause`, {})).json<Problem>().code).toBe("ROLLOUT_NOT_RUNNING");
    // The running host finishes; no other starts.
    const held = await waitFor(admin, started.id, (r) => r.hosts[0]!.state === "success");
    expect(held.hosts.slice(1).map((h) => h.state)).toEqual(["pending", "pending", "pending"]);
    await sleep(500);
    expect((await read(admin, started.id)).hosts.slice(1).map((h) => h.state)).toEqual(["pending", "pending", "pending"]);
    expect((await admin.networking(plan.hosts[1]!.hostId)).vmkernelAdapters.filter((v) => v.ipv4.address === "172.16.43.12")).toEqual([]);

    const resumed = await admin.post(`/api/v1/rollouts/${started.id}/resume`, {});
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect((await admin.post(`/api/v1/rollouts/${started.id}/resume`, {})).json<Problem>().code).toBe("ROLLOUT_NOT_PAUSED");
    await waitFor(admin, started.id, (r) => r.hosts[1]!.state === "running");
    const cancelled = await admin.post(`/api/v1/rollouts/${started.id}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<Rollout>().state).toBe("cancelled");
    const end = await waitFor(admin, started.id, settled);
    expect(end.state).toBe("cancelled");
    expect(end.hosts.map((h) => h.state)).toEqual(["success", "success", "cancelled", "cancelled"]);
    await expectAsReported(admin, end, addressIn(plan));
    for (const action of ["cancel", "pause", "resume", "retry"]) {
      const refused = await admin.post(`/api/v1/rollouts/${started.id}/${action}`, {});
      expect(refused.statusCode, action).toBe(409);
    }
  }, 90_000);

  it("refuses a plan that names a host twice, naming the field, and starts nothing", async () => {
    const plan = clusterDevPlan(44);
    plan.hosts[1]!.hostId = plan.hosts[0]!.hostId;
    const res = await admin.post("/api/v1/rollouts", plan, { "idempotency-key": `rollout-${process.pid}-${++keys}` });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors).toContainEqual(expect.objectContaining({ path: "hosts.1.hostId", code: "rollout.duplicateHost" }));
    expect(
      (await admin.get("/api/v1/rollouts"))
        .json<{ rollouts: Rollout[] }>()
        .rollouts.some((r) => r.hosts[0]!.hostId === plan.hosts[0]!.hostId && r.state === "running"),
    ).toBe(false);
  });
});

describe("another user", () => {
  it("cannot see or control the first user's rollout", async () => {
    const mine = await waitFor(admin, (await start(admin, clusterDevPlan(45))).id, settled);
    const other = new Browser(app);
    await other.login(HELPDESK);
    expect((await other.get(`/api/v1/rollouts/${mine.id}`)).statusCode).toBe(404);
    for (const action of ["pause", "resume", "cancel", "retry"])
      expect((await other.post(`/api/v1/rollouts/${mine.id}/${action}`, {})).statusCode, action).toBe(404);
    expect((await other.get("/api/v1/rollouts")).json<{ rollouts: Rollout[] }>().rollouts.map((r) => r.id)).not.toContain(mine.id);
    expect((await read(admin, mine.id)).state).toBe("done");
  }, 90_000);
});

/**
 * The event stream as a browser's EventSource reads it: each `data:` line's event, until `until` says stop or `signal`
 * aborts. `connected` runs once the stream is open (the server has subscribed).
 */
async function readEvents(
  base: string,
  b: Browser,
  until: (events: RolloutEvent[]) => boolean,
  connected: () => Promise<void>,
  signal?: AbortSignal,
): Promise<RolloutEvent[]> {
  const res = await fetch(`${base}/api/v1/rollouts/events`, { headers: { cookie: b.cookie! }, signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  await connected();
  const events: RolloutEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  while (!until(events)) {
    const { value, done } = await reader.read().catch(() => ({ value: "", done: true }));
    if (done) break;
    buffer += value;
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith("data: ")) events.push(JSON.parse(block.slice(6)) as RolloutEvent);
    }
  }
  await reader.cancel().catch(() => undefined);
  return events;
}

describe("GET /rollouts/events", () => {
  it("streams the user's rollouts, then each host's steps in order, and only the user's own", async () => {
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const other = new Browser(app);
    await other.login(HELPDESK);
    const plan = clusterDevPlan(46);
    let id = "";
    const theirs: RolloutEvent[] = [];
    const stop = new AbortController();
    let othersConnected!: () => void;
    const othersOpen = new Promise<void>((resolve) => (othersConnected = resolve));
    const othersStream = readEvents(
      base,
      other,
      (e) => e.length > 0,
      async () => othersConnected(),
      stop.signal,
    ).then((e) => theirs.push(...e));
    await othersOpen;
    const events = await readEvents(
      base,
      admin,
      (e) => e.some((x) => x.type === "rollout" && x.rollout.id === id && x.rollout.state === "done"),
      async () => {
        id = (await start(admin, plan)).id;
      },
    );
    // The stream began with the rollouts the user had.
    expect(events[0]!.type).toBe("rollout");
    const hostEvents = events.filter((e): e is Extract<RolloutEvent, { type: "host" }> => e.type === "host" && e.rolloutId === id);
    for (const h of plan.hosts) {
      const seen = hostEvents.filter((e) => e.host.hostId === h.hostId).map((e) => e.host);
      expect(seen[0]!.state).toBe("running");
      expect(seen.at(-1)!.state).toBe("success");
      // Each step reported as it happened: every event has as many steps done as the one before, or more.
      const doneCount = (s: RolloutHostStatus) => s.steps.filter((x) => x.status === "done").length;
      const counts = seen.map(doneCount);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(new Set(counts).size).toBeGreaterThan(2);
      expect(counts.at(-1)).toBe(seen.at(-1)!.steps.length);
      // The host is named as soon as its first step is reported, not only once it is done.
      const stepped = seen.filter((s) => s.state === "running" && s.steps.length > 0);
      expect(stepped.length).toBeGreaterThan(0);
      expect(new Set(stepped.map((s) => s.hostName))).toEqual(new Set([seen.at(-1)!.hostName]));
      expect(seen.at(-1)!.hostName).toMatch(/^esx-0[5-8]\.lab\.local$/);
    }
    stop.abort();
    await othersStream;
    expect(theirs.flatMap((e) => (e.type === "host" ? [e.rolloutId] : [e.rollout.user]))).not.toContain(ADMIN.username);
    expect(theirs.some((e) => e.type === "host")).toBe(false);
  }, 90_000);

  it("ends when the user signs out", async () => {
    const base = app.server.address()
      ? `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
      : await app.listen({ port: 0 });
    const leaving = new Browser(app);
    await leaving.login(ADMIN);
    const res = await fetch(`${base}/api/v1/rollouts/events`, { headers: { cookie: leaving.cookie! } });
    const reader = res.body!.getReader();
    await reader.read(); // the recent rollouts
    expect((await leaving.delete("/api/v1/session")).statusCode).toBe(204);
    // The server ends the stream: the reads run out (a stream left open would hang here, and the test time out).
    let chunks = 0;
    while (!(await reader.read()).done) chunks++;
    expect(chunks).toBeLessThan(3);
  }, 30_000);
});

describe("an API restart in the middle of a rollout", () => {
  it("goes on once the user signs in again, and ends with every host as reported, each change made once", async () => {
    await control("PUT", "/sim/latency", { ms: 60 });
    const plan = clusterDevPlan(47, { concurrency: 1 });
    const started = await start(admin, plan);
    // Stopped while the second host's change is under way.
    await waitFor(admin, started.id, (r) => r.hosts[1]!.steps.some((s) => s.status === "done"));
    await app.close();
    app = await startApp();
    admin = new Browser(app);
    await admin.login(ADMIN); // the sessions died with the process: the rollout goes on in the new one
    let done = await waitFor(admin, started.id, settled);
    await control("PUT", "/sim/latency", { ms: 0 });
    expect(done.state).toBe("done");
    await expectAsReported(admin, done, addressIn(plan));
    // The change cut short was finished or undone by recovery, as its journal entry says; undone, it is retried.
    const cut = done.hosts[1]!;
    expect(done.hosts.map((h, i) => (i === 1 ? "?" : h.state))).toEqual(["success", "?", "success", "success"]);
    if (cut.state === "failure") {
      expect(cut.problem!.code).toBe("INTERRUPTED");
      expect((await admin.post(`/api/v1/rollouts/${started.id}/retry`, {})).statusCode).toBe(200);
      done = await waitFor(admin, started.id, (r) => settled(r) && r.hosts[1]!.attempt === 2);
      await expectAsReported(admin, done, addressIn(plan));
    }
    expect(done.hosts.map((h) => h.state)).toEqual(["success", "success", "success", "success"]);
    // One journal change per host, each a success: nothing was applied twice.
    for (const h of done.hosts) {
      const entries = (await admin.get(`/api/v1/audit?hostId=${h.hostId}&limit=20`))
        .json<{ entries: { id: number; time: string; action: string; outcome: string }[] }>()
        .entries.filter((e) => e.action === "vmkernel-adapter.create" && e.time >= started.created);
      expect(
        entries.filter((e) => e.outcome === "success").map((e) => e.id),
        h.hostId,
      ).toEqual([h.changeId]);
      const sim = simHost(CLUSTER_DEV[done.hosts.indexOf(h)]!) as unknown as { net: { vswitch: { name: string }[] } };
      expect(sim.net.vswitch.filter((s) => s.name === "vSwitch1")).toHaveLength(1);
    }
  }, 120_000);
});
