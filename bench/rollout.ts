/**
 * Issue 13's rollout figures, a section of `pnpm bench` (alone: `BENCH_ONLY=rollout pnpm bench`, which writes
 * bench/out/rollout.md).
 *
 * Embedded: the simulator (2,500 hosts, 20 ms on every vim25 call by its --latency-ms) and the API
 * (apps/api/src/main.ts, the rollout runner in its process) each a process of its own, the counting proxy
 * (test/support/vim-proxy.ts) between them. One host's change, as a rollout makes it (vMotion on a new standard
 * switch, a static address, the vMotion stack's default gateway: one all-or-nothing change), is a rollout of that one
 * host, timed from its POST to its end on the event stream, on a fresh host each run; then a rollout of the same change
 * to 500 other hosts at the API's default concurrency, timed the same way, with the API's memory around it.
 *
 * Replicas: docker-compose.yml's topology (test/support/topology.ts: two replicas of the compiled API sharing Redis and
 * PostgreSQL, the hosts through BullMQ), a rollout of 200 hosts, the replica that took it killed with SIGKILL while
 * its hosts run; the other ends it.
 *
 * After each rollout every host is read from the simulator itself (one RetrievePropertiesEx of every host's
 * config.network) and compared with what the rollout reports of it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { vmotionOnNewSwitchExample, type Rollout, type RolloutEvent, type RolloutRequest } from "../packages/contracts/src/index.ts";
import { connectVCenter, inventoryTraversal, propertiesOf, type HostNetworkInfo } from "../packages/vsphere/src/index.ts";
import { startTopology, SIM_CONTROL_TOKEN } from "../test/support/topology.ts";
import { startVimProxy, waves, type ProxiedCall } from "../test/support/vim-proxy.ts";
import { cpuSeconds, memory, signIn, startScript, startSimulator, type TargetRow } from "./support.ts";

const HOSTS = 2500;
const LATENCY_MS = 20;
const ROLLOUT_HOSTS = 500;
const ROLLOUTS = 2;
const SINGLE_RUNS = 5;
/** The replica kill's rollout, and how many of its hosts have ended when the replica is killed. */
const KILL_HOSTS = 200;
const KILL_AT = 60;
/** Issue 13: the rollout takes at most this × (hosts ÷ concurrency) × one host's change. */
export const ROLLOUT_TARGET = 1.2;
const ADMIN = { username: "administrator@vsphere.local", password: "VMware1!" };
/** Every address of the plans is in 172.20.0.0/16, whose gateway the vMotion stack gets on every host. */
const GATEWAY = "172.20.0.1";
const MASK = "255.255.0.0";

const hostName = (i: number) => `esx-${String(i).padStart(2, "0")}.lab.local`;
/** The k-th address of the range: 172.20.1.1, 172.20.1.2, … (172.20.0.x is the single hosts'). */
const rangeAddress = (k: number) => `172.20.${1 + Math.floor(k / 250)}.${1 + (k % 250)}`;
const loadAverage = () => Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The rollout's change on one host, the same on every host but for its address. */
function planFor(hostIds: string[], address: (k: number) => string): RolloutRequest {
  return {
    hosts: hostIds.map((hostId, k) => ({
      hostId,
      model: vmotionOnNewSwitchExample(address(k), MASK),
      netStack: { defaultGateway: GATEWAY },
    })),
  };
}

// ---- The hosts as the simulator has them ----

/**
 * Every host's name and config.network, by its id (the HostSystem's moref, as the API names hosts). Its session ends
 * with the simulator.
 */
async function readHosts(sdkUrl: string): Promise<Map<string, { name: string; network: HostNetworkInfo }>> {
  const vc = await connectVCenter({ url: sdkUrl });
  try {
    const { cookie } = await vc.login(ADMIN.username, ADMIN.password);
    const objects = await vc.retrieve(cookie, [
      {
        propSet: [{ type: "HostSystem", pathSet: ["name", "config.network"] }],
        objectSet: [{ obj: vc.content.rootFolder, skip: true, selectSet: inventoryTraversal("hosts") }],
      },
    ]);
    return new Map(
      objects.map((o) => {
        const p = propertiesOf(o) as { name: string; "config.network": HostNetworkInfo };
        return [o.obj.value, { name: p.name, network: p["config.network"] }];
      }),
    );
  } finally {
    vc.close();
  }
}

type Hosts = Awaited<ReturnType<typeof readHosts>>;

/**
 * Each host of the rollout as reported against the host itself: success → the adapter the rollout names, with the
 * planned address, on the vMotion stack, whose default gateway is the plan's, and nothing else new; anything else →
 * the host's network exactly as before. Hosts outside the rollout must not have changed either.
 */
function differences(rollout: Rollout, plan: RolloutRequest, before: Hosts, after: Hosts): string[] {
  const out: string[] = [];
  const planned = new Map(plan.hosts.map((h) => [h.hostId, h]));
  for (const [id, was] of before) {
    const now = after.get(id)!;
    const h = rollout.hosts.find((r) => r.hostId === id);
    if (h?.state !== "success") {
      if (JSON.stringify(now.network) !== JSON.stringify(was.network))
        out.push(`${was.name}: ${h ? `reported ${h.state}` : "not in the rollout"}, but its network changed`);
      continue;
    }
    const model = planned.get(id)!.model;
    const address = model.ipv4Settings?.mode === "static" ? model.ipv4Settings.address : "";
    const holding = (now.network.vnic ?? []).filter((v) => v.spec.ip?.ipAddress === address);
    const gateway = now.network.netStackInstance?.find((s) => s.key === "vmotion")?.ipRouteConfig?.defaultGateway;
    const added = (now.network.vnic?.length ?? 0) - (was.network.vnic?.length ?? 0);
    if (
      holding.length !== 1 ||
      holding[0]!.device !== h.adapter?.device ||
      h.adapter.ipv4.address !== address ||
      holding[0]!.spec.netStackInstanceKey !== "vmotion" ||
      gateway !== GATEWAY ||
      added !== 1
    )
      out.push(
        `${was.name}: reported success with ${h.adapter?.device}, the host has ${holding.map((v) => `${v.device} on ${v.spec.netStackInstanceKey}`).join(", ") || "no adapter"} with ${address}, ${added} new adapter(s), the stack's gateway ${gateway}`,
      );
  }
  return out;
}

// ---- The API ----

interface Api {
  base: string;
  cookie: string;
  csrf: string;
}

let keys = 0;

async function post(api: Api, plan: RolloutRequest): Promise<Rollout> {
  const res = await fetch(`${api.base}/api/v1/rollouts`, {
    method: "POST",
    headers: {
      Cookie: api.cookie,
      "X-CSRF-Token": api.csrf,
      "Content-Type": "application/json",
      "Idempotency-Key": `bench-rollout-${process.pid}-${++keys}`,
    },
    body: JSON.stringify(plan),
  });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`POST /api/v1/rollouts: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as Rollout;
}

async function getRollout(api: Api, id: string): Promise<Rollout> {
  const res = await fetch(`${api.base}/api/v1/rollouts/${id}`, { headers: { Cookie: api.cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/v1/rollouts/${id}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Rollout;
}

/** The user's event stream (the Recent Tasks panel's): when each rollout ended, as it is told. */
async function watchEnds(api: Api): Promise<{ ended(id: string): Promise<{ at: number; rollout: Rollout }>; close(): void }> {
  const abort = new AbortController();
  const ends = new Map<string, { at: number; rollout: Rollout }>();
  const waiting = new Map<string, (end: { at: number; rollout: Rollout }) => void>();
  const res = await fetch(`${api.base}/api/v1/rollouts/events`, { headers: { Cookie: api.cookie }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`GET /api/v1/rollouts/events: ${res.status}`);
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of res.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
        const data = buffer.slice(0, cut).replace(/^data: /, "");
        buffer = buffer.slice(cut + 2);
        // Only a rollout's own events can end it (not a host's, nor a heartbeat): the others are not parsed.
        if (!data.startsWith('{"type":"rollout"')) continue;
        const event = JSON.parse(data) as RolloutEvent & { type: "rollout" };
        if (event.rollout.state === "running") continue;
        const end = { at: performance.now(), rollout: event.rollout };
        ends.set(event.rollout.id, end);
        waiting.get(event.rollout.id)?.(end);
      }
    }
  })().catch(() => undefined);
  return {
    ended: (id) => new Promise((resolve) => (ends.has(id) ? resolve(ends.get(id)!) : waiting.set(id, resolve))),
    close: () => abort.abort(),
  };
}

// ---- Embedded: one host's change, and the rollout to 500 hosts ----

export interface RolloutFigures {
  concurrency: number;
  /** One host's change: before the rollouts, then after them. */
  singleMs: number[];
  /** vim25 calls of one host's change, and the round trips it waited on in turn. */
  singleCalls: number;
  singleWaves: number;
  /** How long a vim25 call took at the proxy (median): in one host's change, and during the rollouts. */
  singleCallMs: number;
  rolloutCallMs: number;
  /**
   * Each rollout: its time, the machine's load average (1 minute) before and after it (other work on the shared
   * machine slows it), the API's resident memory after it (MiB), and the hosts' outcomes.
   */
  rollouts: { ms: number; load: [number, number]; rssAfter: number; states: Record<string, number> }[];
  /** vim25 calls during the rollouts, all told and by method. */
  rolloutCalls: number;
  callsByMethod: Record<string, number>;
  /** The API process's resident memory (MiB) before the rollouts, and its peak (VmHWM) during them. */
  rssBefore: number;
  rssPeak: number;
  /** CPU seconds during the rollouts: the API's, the simulator's, this process's (the proxy, the event stream). */
  cpu: { api: number; simulator: number; bench: number };
  differences: string[];
  kill: KillFigures;
}

interface KillFigures {
  hosts: number;
  concurrency: number;
  /** Hosts ended and running when the replica was killed. */
  endedAtKill: number;
  runningAtKill: number;
  seconds: number;
  state: string;
  states: Record<string, number>;
  stillRunning: number;
  differences: string[];
}

const countStates = (r: Rollout) =>
  r.hosts.reduce<Record<string, number>>((acc, h) => ({ ...acc, [h.state]: (acc[h.state] ?? 0) + 1 }), {});

async function embedded(log: (line: string) => void): Promise<Omit<RolloutFigures, "kill">> {
  const dir = mkdtempSync(join(tmpdir(), "addnet-bench-rollout-"));
  const sim = await startSimulator(HOSTS, ["--latency-ms", String(LATENCY_MS)]);
  const proxy = await startVimProxy(sim.url);
  const apiProcess = await startScript("apps/api/src/main.ts", [], /addnet: (http:\/\/\S+?)\/?\s/, {
    PATH: process.env.PATH,
    VCENTER_URL: proxy.url,
    VCENTER_INVENTORY_USER: "readonly@vsphere.local",
    VCENTER_INVENTORY_PASSWORD: "ReadOnly1!",
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: join(dir, "journal.sqlite"),
    LOG_LEVEL: "warn",
  }).catch(async (err: unknown) => {
    sim.child.kill("SIGTERM");
    await proxy.close();
    throw err;
  });
  const pid = apiProcess.child.pid!;
  let events: Awaited<ReturnType<typeof watchEnds>> | undefined;
  try {
    const base = apiProcess.match.replace(/\/$/, "");
    const api = { base, ...(await signIn(base)) };
    events = await watchEnds(api);
    const ids = new Map([...(await readHosts(sim.url))].map(([id, h]) => [h.name, id]));
    const id = (i: number) => ids.get(hostName(i))!;
    /** A rollout, timed from its POST to its end on the event stream, with the vim25 calls in between. */
    const run = async (plan: RolloutRequest) => {
      const from = proxy.calls.length;
      const start = performance.now();
      const posted = await post(api, plan);
      const { at, rollout } = await events!.ended(posted.id);
      return { ms: at - start, rollout, calls: proxy.calls.slice(from) };
    };

    const cpu = () => ({ api: cpuSeconds(pid), simulator: cpuSeconds(sim.child.pid!), bench: cpuSeconds(process.pid) });
    const callMs = (calls: ProxiedCall[]) => median(calls.map((c) => c.end - c.start));
    let next = 10; // the next fresh host: esx-10, esx-11, …
    let singleAddress = 11;

    // One host's change, each on a fresh host: SINGLE_RUNS before the rollouts (after one untimed, the API's first) and
    // SINGLE_RUNS after them, so that a load on the shared machine that comes or goes falls on both sides alike.
    const singles = async (runs: number) => {
      const out = [];
      for (let i = 0; i < runs; i++) {
        const address = `172.20.0.${singleAddress++}`;
        const r = await run(planFor([id(next++)], () => address));
        if (r.rollout.hosts[0]!.state !== "success") throw new Error(`one host's change: ${JSON.stringify(r.rollout.hosts[0])}`);
        out.push(r);
      }
      return out;
    };
    log(`one host's change through a rollout of that host, ${SINGLE_RUNS} times (${LATENCY_MS} ms per vim25 call) …`);
    const single = (await singles(SINGLE_RUNS + 1)).slice(1);

    // Two rollouts, each to 500 other hosts with addresses from the range: the first timed against one host's change;
    // the second shows whether the API's memory keeps growing with the hosts it has rolled out to.
    const rssBefore = memory(pid).rss;
    writeFileSync(`/proc/${pid}/clear_refs`, "5"); // VmHWM from here on: the rollouts' peak
    const used = { api: 0, simulator: 0, bench: 0 };
    const rollouts = [];
    for (let n = 0; n < ROLLOUTS; n++) {
      const plan = planFor(
        Array.from({ length: ROLLOUT_HOSTS }, () => id(next++)),
        (k) => rangeAddress(n * ROLLOUT_HOSTS + k),
      );
      const before = await readHosts(sim.url);
      const loadBefore = loadAverage();
      log(`rollout ${n + 1} of ${ROLLOUTS} to ${ROLLOUT_HOSTS} hosts …`);
      const cpuBefore = cpu();
      const r = await run(plan);
      const cpuAfter = cpu();
      for (const k of ["api", "simulator", "bench"] as const) used[k] += cpuAfter[k] - cpuBefore[k];
      const load: [number, number] = [loadBefore, loadAverage()];
      const rssAfter = memory(pid).rss;
      rollouts.push({ ms: r.ms, load, rssAfter, calls: r.calls, rollout: r.rollout, plan, before, after: await readHosts(sim.url) });
    }
    const rssPeak = memory(pid).peak;
    log(`one host's change, ${SINGLE_RUNS} more times …`);
    single.push(...(await singles(SINGLE_RUNS)));
    const calls = rollouts.flatMap((r) => r.calls);
    const callsByMethod: Record<string, number> = {};
    for (const c of calls) callsByMethod[c.method] = (callsByMethod[c.method] ?? 0) + 1;
    return {
      concurrency: rollouts[0]!.rollout.concurrency,
      singleMs: single.map((x) => x.ms),
      singleCalls: single[0]!.calls.length,
      singleWaves: waves(single[0]!.calls),
      singleCallMs: callMs(single.flatMap((x) => x.calls)),
      rolloutCallMs: callMs(calls),
      rollouts: rollouts.map((r) => ({ ms: r.ms, load: r.load, rssAfter: r.rssAfter, states: countStates(r.rollout) })),
      rolloutCalls: calls.length,
      callsByMethod,
      rssBefore,
      rssPeak,
      cpu: used,
      differences: rollouts.flatMap((r) => differences(r.rollout, r.plan, r.before, r.after)),
    };
  } finally {
    events?.close();
    apiProcess.child.kill("SIGTERM");
    await new Promise((resolve) => apiProcess.child.once("exit", resolve));
    await proxy.close();
    sim.child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- Replicas: one killed mid-rollout ----

async function replicaKill(log: (line: string) => void): Promise<KillFigures> {
  log(`two API replicas (Redis, PostgreSQL), a rollout of ${KILL_HOSTS} hosts, the one that took it killed with SIGKILL …`);
  const t = await startTopology({ replicas: 2, hosts: HOSTS, env: { JOURNAL_LEASE_MS: "2000" } });
  try {
    const latency = await fetch(`${t.simUrl}/sim/latency`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${SIM_CONTROL_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ms: LATENCY_MS }),
    });
    if (latency.status !== 200) throw new Error(`PUT /sim/latency: ${latency.status}`);
    const [doomed, survivor] = await Promise.all(t.replicas.map(async (r) => ({ base: r.url, ...(await signIn(r.url)) })));
    const ids = new Map([...(await readHosts(`${t.simUrl}/sdk`))].map(([id, h]) => [h.name, id]));
    const plan = planFor(
      Array.from({ length: KILL_HOSTS }, (_, k) => ids.get(hostName(10 + k))!),
      rangeAddress,
    );
    const before = await readHosts(`${t.simUrl}/sdk`);
    const start = performance.now();
    const { id, concurrency } = await post(doomed!, plan);
    let seen = await getRollout(survivor!, id);
    while (seen.hosts.filter((h) => h.state !== "pending" && h.state !== "running").length < KILL_AT) {
      await sleep(100);
      seen = await getRollout(survivor!, id);
    }
    await t.replicas[0]!.kill("SIGKILL");
    const endedAtKill = seen.hosts.filter((h) => h.state !== "pending" && h.state !== "running").length;
    const runningAtKill = seen.hosts.filter((h) => h.state === "running").length;
    log(`killed replica 1 with ${endedAtKill} hosts ended and ${runningAtKill} running; replica 2 goes on …`);
    let rollout = seen;
    for (const until = Date.now() + 180_000; Date.now() < until; await sleep(250)) {
      rollout = await getRollout(survivor!, id);
      if (rollout.state !== "running" && rollout.hosts.every((h) => h.state !== "running")) break;
    }
    const seconds = (performance.now() - start) / 1000;
    return {
      hosts: KILL_HOSTS,
      concurrency,
      endedAtKill,
      runningAtKill,
      seconds,
      state: rollout.state,
      states: countStates(rollout),
      stillRunning: rollout.hosts.filter((h) => h.state === "running" || h.state === "pending").length,
      differences: differences(rollout, plan, before, await readHosts(`${t.simUrl}/sdk`)),
    };
  } finally {
    await t.close();
  }
}

export async function measureRollouts(log: (line: string) => void = console.log): Promise<RolloutFigures> {
  const f = { ...(await embedded(log)), kill: await replicaKill(log) };
  log(
    `one host's change ${median(f.singleMs).toFixed(0)} ms (median of ${f.singleMs.length}; ${f.singleCalls} vim25 calls, ${f.singleWaves} round trips); ` +
      `rollouts to ${ROLLOUT_HOSTS} hosts at concurrency ${f.concurrency}: ${f.rollouts.map((r) => `${seconds(r.ms)} s`).join(", ")}, ` +
      `×${ratio(f).toFixed(2)} of (${ROLLOUT_HOSTS} ÷ ${f.concurrency}) × one host's (target ≤ ×${ROLLOUT_TARGET}); ` +
      `${(f.rolloutCalls / (ROLLOUTS * ROLLOUT_HOSTS)).toFixed(1)} vim25 calls a host; a call ${f.singleCallMs.toFixed(1)} ms alone, ${f.rolloutCallMs.toFixed(1)} ms in a rollout; ` +
      `API RSS ${f.rssBefore.toFixed(0)} → ${f.rollouts.map((r) => r.rssAfter.toFixed(0)).join(" → ")} MiB (peak ${f.rssPeak.toFixed(0)}); ` +
      `CPU: API ${f.cpu.api.toFixed(1)} s, simulator ${f.cpu.simulator.toFixed(1)} s, bench ${f.cpu.bench.toFixed(1)} s; ` +
      `load ${f.rollouts.map((r) => r.load.join(" → ")).join(", ")}; ${f.differences.length} differences`,
  );
  log(
    `replica killed: ${f.kill.state} in ${f.kill.seconds.toFixed(1)} s, ${states(f.kill.states)}; ${f.kill.stillRunning} not settled, ${f.kill.differences.length} differences`,
  );
  for (const d of [...f.differences, ...f.kill.differences]) log(`  difference: ${d}`);
  return f;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const states = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
/** The rollouts' mean time, and what it is held to: (hosts ÷ concurrency) × one host's change (the median). */
const rolloutMs = (f: RolloutFigures) => f.rollouts.reduce((sum, r) => sum + r.ms, 0) / f.rollouts.length;
const boundMs = (f: RolloutFigures) => (ROLLOUT_HOSTS / f.concurrency) * median(f.singleMs);
const ratio = (f: RolloutFigures) => rolloutMs(f) / boundMs(f);

/** Issue 13's rows of the targets table. */
export function rolloutTargets(f: RolloutFigures): TargetRow[] {
  return [
    [
      `rollout to ${ROLLOUT_HOSTS} of ${HOSTS} hosts, ${LATENCY_MS} ms a call, concurrency ${f.concurrency} ÷ (${ROLLOUT_HOSTS} ÷ ${f.concurrency}) × one host's change`,
      `×${ratio(f).toFixed(2)} (${seconds(rolloutMs(f))} s ÷ ${seconds(boundMs(f))} s)`,
      `≤ ${ROLLOUT_TARGET}`,
      ratio(f) <= ROLLOUT_TARGET,
    ],
    [`rollouts to ${ROLLOUT_HOSTS} hosts: hosts not as reported`, String(f.differences.length), "0", f.differences.length === 0],
    [
      `rollout of ${f.kill.hosts} hosts, a replica killed: hosts not as reported, hosts not settled`,
      `${f.kill.differences.length}, ${f.kill.stillRunning}`,
      "0, 0",
      f.kill.differences.length === 0 && f.kill.stillRunning === 0,
    ],
  ];
}

export function rolloutSection(f: RolloutFigures, machine: string): string {
  const hosts = ROLLOUTS * ROLLOUT_HOSTS;
  const methods = Object.entries(f.callsByMethod)
    .sort(([, a], [, b]) => b - a)
    .map(([m, n]) => `${m} ${(n / hosts).toFixed(2)}`)
    .join(", ");
  return `
## Rollouts: 500 hosts of a 2,500-host simulator, and a replica killed mid-rollout

\`pnpm bench\` (alone: \`BENCH_ONLY=rollout pnpm bench\`) on ${machine}. The simulator (${HOSTS} hosts, \`--latency-ms ${LATENCY_MS}\`:
every vim25 call waits ${LATENCY_MS} ms) and the API (\`apps/api/src/main.ts\`: the embedded rollout runner, the journal in SQLite,
the inventory read by the read-only account) each a process of its own, the counting proxy between them. Each host's
change is the rollout's: vMotion on a new standard switch (vmnic2, MTU 9000, VLAN 30), a static address from
172.20.0.0/16, the vMotion stack's default gateway ${GATEWAY} — one all-or-nothing change. One host's change is a
rollout of that one host (the same change by the same runner), timed from its POST to its end on the user's event
stream (\`GET /api/v1/rollouts/events\`), each on a fresh host: ${SINGLE_RUNS} runs after one untimed, then ${ROLLOUTS} rollouts each to
${ROLLOUT_HOSTS} other hosts at the API's default concurrency (\`ROLLOUT_CONCURRENCY\`, ${f.concurrency}), timed the same way, then ${SINGLE_RUNS} more runs of
one host: a load on the shared machine that comes or goes falls on both sides alike. The target compares the rollouts'
mean time with the median of the ${f.singleMs.length} one-host runs.

| | |
|---|---:|
| one host's change (median of ${f.singleMs.length}; before the rollouts, after them) | ${median(f.singleMs).toFixed(0)} ms (${f.singleMs.map((ms) => ms.toFixed(0)).join(", ")}) |
| its vim25 calls, round trips waited on in turn | ${f.singleCalls}, ${f.singleWaves} |
| rollouts to ${ROLLOUT_HOSTS} hosts at concurrency ${f.concurrency} | ${f.rollouts.map((r) => `${seconds(r.ms)} s`).join(", ")} |
| (${ROLLOUT_HOSTS} ÷ ${f.concurrency}) × one host's change | ${seconds(boundMs(f))} s |
| **rollout (mean) ÷ that** (target ≤ ×${ROLLOUT_TARGET}) | **×${ratio(f).toFixed(2)}** |
| hosts' outcomes | ${f.rollouts.map((r) => states(r.states)).join("; ")} |
| a vim25 call at the proxy (median): in one host's change, during the rollouts | ${f.singleCallMs.toFixed(1)} ms, ${f.rolloutCallMs.toFixed(1)} ms |
| the machine's load average (1 min) before → after each rollout | ${f.rollouts.map((r) => `${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)}`).join("; ")} (2 cores, shared) |
| vim25 calls a host during the rollouts | ${(f.rolloutCalls / hosts).toFixed(2)} (${methods}) |
| CPU during the rollouts: the API, the simulator, the bench (proxy, event stream) | ${f.cpu.api.toFixed(1)} s, ${f.cpu.simulator.toFixed(1)} s, ${f.cpu.bench.toFixed(1)} s (the API's: ${((f.cpu.api / hosts) * 1000).toFixed(0)} ms a host) |
| the API's RSS before → after each rollout (peak, VmHWM) | ${f.rssBefore.toFixed(0)} → ${f.rollouts.map((r) => r.rssAfter.toFixed(0)).join(" → ")} MiB (${f.rssPeak.toFixed(0)} MiB) |
| hosts not as reported | ${f.differences.length} |

Every host is read from the simulator itself (one RetrievePropertiesEx of every host's \`config.network\`) before and
after each rollout and compared with its state in \`GET /api/v1/rollouts/{id}\`: a success must have the one adapter the
rollout names, with its planned address, on the vMotion stack, whose default gateway is ${GATEWAY}, and no other new
adapter; any other state, and every host outside the rollout, the network exactly as before it.

**A replica killed:** docker-compose.yml's topology (test/support/topology.ts): two replicas of the compiled API sharing
Redis (the hosts go through a BullMQ queue) and PostgreSQL (the journal; \`JOURNAL_LEASE_MS\` 2 s), the simulator at
${HOSTS} hosts and ${LATENCY_MS} ms a call. A rollout of ${f.kill.hosts} hosts (concurrency ${f.kill.concurrency}) posted to replica 1, which drives it;
replica 1 killed with SIGKILL once ${f.kill.endedAtKill} hosts had ended (${f.kill.runningAtKill} running); replica 2 ended it: **${f.kill.state}** in
${f.kill.seconds.toFixed(1)} s, ${states(f.kill.states)}; hosts not settled: **${f.kill.stillRunning}**; hosts not as reported (the same comparison):
**${f.kill.differences.length}**.
${[...f.differences, ...f.kill.differences].map((d) => `- ${d}`).join("\n")}`;
}
