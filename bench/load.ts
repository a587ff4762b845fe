/**
 * `pnpm load`: N concurrent users against the API, figures not a timed test. Writes bench/out/load.json.
 *
 * The simulator (with a per-call latency) and the API (apps/api/src/main.ts with VCENTER_URL set, and the simulator's
 * read-only account as its inventory account, as a deployment would have) each run as their own process. Every user signs in, lists hosts (walking the pages until it finds its own host), reads that host's
 * networking, creates a VMkernel adapter on it (vMotion stack on a new standard switch, an address of its own) and
 * signs out. User i works on host esx-(9+i), one of the "Cluster-Scale-NN" hosts the --hosts inventory adds after the
 * default 9, so no two users touch the same host. Any error fails the run (exit code 1).
 *
 * Before the users start, one untimed warm-up (sign in, list, read esx-01's networking, sign out; no change) takes
 * the API's start-up costs (module compilation, the first vCenter connection) out of the figures; --cold leaves it
 * out. Then a lone user walks the same steps LONE_RUNS times, one request at a time, on the first users' hosts (each
 * change undone through the API, untimed): each request's time alone, and the API's CPU for it (the process's
 * threads' time on CPU, from /proc), next to which the users' figures are read.
 *
 * --api-root runs the API of another checkout (bench/run.ts measures the commit before issue 12 so, in the same
 * run); the simulator and this script are always this checkout's.
 *
 *   pnpm load [--users 50] [--latency-ms 20] [--cold] [--api-root DIR] [--out FILE]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import {
  vmotionOnNewSwitchExample,
  type CreatedAdapter,
  type HostNetworking,
  type HostsPage,
  type SessionInfo,
  type VmkernelAdapterModel,
} from "../packages/contracts/src/index.ts";
import { cpuSeconds, httpRequest, setCookie, type HttpReply } from "./support.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ADMIN = { username: "administrator@vsphere.local", password: "VMware1!" };
/** The simulator's default inventory; the load's hosts come after it. */
const BASE_HOSTS = 9;
const REQUEST_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 60_000;

/** The lone user's runs (each on a host of its own, so at most --users). */
const LONE_RUNS = 20;

const USAGE = `Usage: pnpm load [--users N] [--latency-ms MS] [--cold] [--api-root DIR] [--out FILE]
  --users N        concurrent users, each on a host of its own (default 50)
  --latency-ms MS  the simulator's delay on every vim25 call (default 20)
  --cold           no warm-up: the users are the API's first requests
  --api-root DIR   the checkout whose API to run (default this one)
  --out FILE       where to write the figures (default bench/out/load.json)`;

function options(): { users: number; latencyMs: number; cold: boolean; apiRoot: string; out: string } {
  let values;
  try {
    values = parseArgs({
      options: {
        users: { type: "string" },
        "latency-ms": { type: "string" },
        cold: { type: "boolean" },
        "api-root": { type: "string" },
        out: { type: "string" },
        help: { type: "boolean" },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const users = Number(values.users ?? 50);
  const latencyMs = Number(values["latency-ms"] ?? 20);
  if (!Number.isInteger(users) || users < 1 || users > 5000) {
    console.error(`--users must be a whole number from 1 to 5000\n\n${USAGE}`);
    process.exit(2);
  }
  if (!Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > 60_000) {
    console.error(`--latency-ms must be a number from 0 to 60000\n\n${USAGE}`);
    process.exit(2);
  }
  return {
    users,
    latencyMs,
    cold: values.cold ?? false,
    apiRoot: values["api-root"] ?? ROOT,
    out: values.out ?? join(ROOT, "bench", "out", "load.json"),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The two processes.

interface Child {
  name: string;
  process: ChildProcess;
  /** The last lines it wrote, for the error report. */
  tail: string[];
}

const children: Child[] = [];

/** Starts `node --import tsx <script>` in `cwd` and resolves with the first match of `ready` in its stdout. */
async function startProcess(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  cwd = ROOT,
): Promise<{ child: Child; match: string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const child: Child = { name, process: proc, tail: [] };
  children.push(child);
  const keep = (chunk: Buffer) => {
    child.tail.push(...chunk.toString().split("\n").filter(Boolean));
    if (child.tail.length > 50) child.tail.splice(0, child.tail.length - 50);
  };
  proc.stderr!.on("data", keep);
  const match = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      keep(chunk);
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        proc.stdout!.off("data", onData);
        proc.stdout!.on("data", keep); // keep draining the pipe (the API logs every request)
        resolve(m[1]!);
      }
    };
    proc.stdout!.on("data", onData);
    proc.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    proc.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${child.tail.join("\n")}`));
    });
  });
  proc.once("exit", (code, signal) => {
    if (!stopping) failures.push(`${name} exited (${signal ?? code}) during the run`);
  });
  return { child, match };
}

let stopping = false;

/** SIGTERM to every child, SIGKILL to those still there after 5 s. */
async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(
    children.map(async ({ process: p }) => {
      if (p.exitCode !== null || p.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
      p.kill("SIGTERM");
      const timer = setTimeout(() => p.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

// A crash or Ctrl-C must not leave the processes behind.
process.once("exit", () => {
  for (const { process: p } of children) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stopAll().then(() => process.exit(130));
  });
}

/** Memory of a process in MiB from /proc: resident now, and its peak (VmHWM). */
function memory(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMiB: kb("VmRSS") / 1024, peakMiB: kb("VmHWM") / 1024 };
}

/** CPU time a process's threads have had so far, in ms, from /proc/<pid>/task/<tid>/schedstat (nanoseconds). */
function threadsCpuMs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // a thread that ended since the listing
    }
  }
  return ns / 1e6;
}

// ---------------------------------------------------------------------------------------------------------------
// One user.

type Endpoint =
  | "POST /api/v1/session"
  | "GET /api/v1/hosts"
  | "GET /api/v1/hosts/{hostId}/networking"
  | "POST /api/v1/hosts/{hostId}/vmkernel-adapters"
  | "DELETE /api/v1/session";

const ENDPOINTS: Endpoint[] = [
  "POST /api/v1/session",
  "GET /api/v1/hosts",
  "GET /api/v1/hosts/{hostId}/networking",
  "POST /api/v1/hosts/{hostId}/vmkernel-adapters",
  "DELETE /api/v1/session",
];

/** Each endpoint's request times; with `cpu`, also the API's CPU for each request (requests sent one at a time). */
interface Recording {
  times: Map<Endpoint, number[]>;
  cpu?: { pid: number; ms: Map<Endpoint, number[]> };
}

const byEndpoint = () => new Map<Endpoint, number[]>(ENDPOINTS.map((e) => [e, []]));
/** Where request() records: the lone user's, the users', or nothing kept (the warm-up, undoing the lone user's changes). */
let recording: Recording = { times: byEndpoint() };
const failures: string[] = [];
let requests = 0;

class RequestError extends Error {}

/**
 * One request, timed from send to the last byte of the body; anything but `expect` is an error. Node's own client
 * (bench/support.ts): fetch's CPU, on the two cores the API and the simulator share with this process, delayed the
 * users' requests it measured.
 */
async function request(
  endpoint: Endpoint,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  expect: number,
): Promise<HttpReply> {
  const { times, cpu } = recording;
  const cpuBefore = cpu ? threadsCpuMs(cpu.pid) : 0;
  const start = performance.now();
  requests++;
  let res: HttpReply;
  try {
    res = await httpRequest(url, { ...init, timeoutMs: REQUEST_TIMEOUT_MS });
  } catch (err) {
    throw new RequestError(`${endpoint}: ${(err as Error).message}`);
  }
  times.get(endpoint)!.push(performance.now() - start);
  if (cpu) cpu.ms.get(endpoint)!.push(threadsCpuMs(cpu.pid) - cpuBefore);
  if (res.status !== expect) throw new RequestError(`${endpoint}: ${res.status} (expected ${expect}) ${res.body.slice(0, 500)}`);
  return res;
}

const hostName = (n: number) => `esx-${String(n).padStart(2, "0")}.lab.local`;

/** User i's adapter address: 172.16.0.0/16, one per user. */
const address = (i: number) => `172.16.${Math.floor((i + 1) / 250)}.${((i + 1) % 250) + 1}`;

function model(i: number): VmkernelAdapterModel {
  return vmotionOnNewSwitchExample(address(i), "255.255.0.0");
}

/** Signs in as the demo administrator: the session's cookie and CSRF token. */
async function signIn(base: string): Promise<{ cookie: string; csrfToken: string }> {
  const login = await request(
    "POST /api/v1/session",
    `${base}/api/v1/session`,
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ADMIN) },
    200,
  );
  const cookie = setCookie(login, "addnet_session");
  if (!cookie) throw new Error("POST /api/v1/session: no addnet_session cookie");
  return { cookie, csrfToken: (JSON.parse(login.body) as SessionInfo).csrfToken };
}

/** Signs out (which ends the vCenter session too). */
async function signOut(base: string, { cookie, csrfToken }: { cookie: string; csrfToken: string }): Promise<void> {
  await request(
    "DELETE /api/v1/session",
    `${base}/api/v1/session`,
    { method: "DELETE", headers: { Cookie: cookie, "X-CSRF-Token": csrfToken } },
    204,
  );
}

/** User i's steps; resolves with what it made on its host. */
async function user(base: string, i: number, runId: string): Promise<{ hostId: string; adapter: CreatedAdapter["adapter"] }> {
  const { cookie, csrfToken } = await signIn(base);

  // List hosts until this user's own host turns up.
  const mine = hostName(BASE_HOSTS + 1 + i);
  let hostId: string | undefined;
  let cursor: string | null = null;
  do {
    const page: HostsPage = JSON.parse(
      (
        await request(
          "GET /api/v1/hosts",
          `${base}/api/v1/hosts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
          { headers: { Cookie: cookie } },
          200,
        )
      ).body,
    ) as HostsPage;
    const host = page.items.find((h) => h.name === mine);
    if (host) {
      if (host.connectionState !== "connected" || host.inMaintenanceMode || !host.canConfigureNetwork)
        throw new Error(`${mine} cannot be configured: ${JSON.stringify(host)}`);
      hostId = host.id;
    }
    cursor = page.nextCursor;
  } while (!hostId && cursor);
  if (!hostId) throw new Error(`GET /api/v1/hosts: ${mine} is not listed`);

  // Read its networking: vmnic2 must be free for the new switch.
  const networking = JSON.parse(
    (
      await request(
        "GET /api/v1/hosts/{hostId}/networking",
        `${base}/api/v1/hosts/${hostId}/networking`,
        { headers: { Cookie: cookie } },
        200,
      )
    ).body,
  ) as HostNetworking;
  if (networking.host.id !== hostId) throw new Error(`networking of ${hostId} names ${networking.host.id}`);

  // Create the adapter.
  const created = JSON.parse(
    (
      await request(
        "POST /api/v1/hosts/{hostId}/vmkernel-adapters",
        `${base}/api/v1/hosts/${hostId}/vmkernel-adapters`,
        {
          method: "POST",
          headers: {
            Cookie: cookie,
            "Content-Type": "application/json",
            "X-CSRF-Token": csrfToken,
            "Idempotency-Key": `load-${runId}-${i}`,
          },
          body: JSON.stringify(model(i)),
        },
        201,
      )
    ).body,
  ) as CreatedAdapter;
  if (!/^vmk\d+$/.test(created.adapter.device) || created.adapter.ipv4.address !== address(i))
    throw new Error(`created adapter on ${mine} is not as asked: ${JSON.stringify(created.adapter)}`);

  await signOut(base, { cookie, csrfToken });
  return { hostId, adapter: created.adapter };
}

/** The lone user's runs, one request at a time, each on user i's host; each change is undone after it. */
async function loneUser(base: string, apiPid: number, runId: string, runs: number): Promise<Recording> {
  const lone: Recording = { times: byEndpoint(), cpu: { pid: apiPid, ms: byEndpoint() } };
  for (let i = 0; i < runs; i++) {
    recording = lone;
    const made = await user(base, i, `${runId}-lone`);
    recording = { times: byEndpoint() };
    await undo(base, made, `${runId}-undo-${i}`);
  }
  return lone;
}

/** Removes the adapter and the new switch a user made, through the API, so that the host is as the users find it. */
async function undo(base: string, made: { hostId: string; adapter: CreatedAdapter["adapter"] }, key: string): Promise<void> {
  const session = await signIn(base);
  const host = `${base}/api/v1/hosts/${made.hostId}`;
  for (const [i, path] of [
    `vmkernel-adapters/${made.adapter.device}`,
    `standard-switches/${encodeURIComponent(made.adapter.switchName ?? "")}`,
  ].entries()) {
    const res = await httpRequest(`${host}/${path}`, {
      method: "DELETE",
      headers: { Cookie: session.cookie, "X-CSRF-Token": session.csrfToken, "Idempotency-Key": `${key}-${i}` },
    });
    if (res.status !== 200) throw new Error(`undo: DELETE ${path}: ${res.status} ${res.body.slice(0, 300)}`);
  }
  await signOut(base, session);
}

/** One untimed pass through the read-only endpoints; its figures are dropped. */
async function warmUp(base: string): Promise<void> {
  const session = await signIn(base);
  const { cookie } = session;
  const page = JSON.parse(
    (await request("GET /api/v1/hosts", `${base}/api/v1/hosts`, { headers: { Cookie: cookie } }, 200)).body,
  ) as HostsPage;
  const first = page.items.find((h) => h.name === hostName(1));
  if (!first) throw new Error(`warm-up: ${hostName(1)} is not listed`);
  await request(
    "GET /api/v1/hosts/{hostId}/networking",
    `${base}/api/v1/hosts/${first.id}/networking`,
    { headers: { Cookie: cookie } },
    200,
  );
  await signOut(base, session);
}

// ---------------------------------------------------------------------------------------------------------------
// The run.

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

interface EndpointFigure {
  endpoint: Endpoint;
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

async function main(): Promise<number> {
  const { users, latencyMs, cold, apiRoot, out } = options();
  const hosts = BASE_HOSTS + users;
  const runId = `${process.pid}-${Date.now()}`;
  const auditDir = mkdtempSync(join(tmpdir(), "addnet-load-"));
  rmSync(out, { force: true }); // no stale figures if this run fails before it writes its own

  try {
    console.log(`Simulator: ${hosts} hosts, ${latencyMs} ms per vim25 call …`);
    const sim = await startProcess(
      "simulator",
      ["packages/simulator/src/cli.ts", "--port", "0", "--hosts", String(hosts), "--latency-ms", String(latencyMs)],
      process.env,
      /SDK_URL=(\S+)/,
    );
    // The API's own settings come from here only: no Redis, a fresh session key, this simulator.
    const dropped = new Set([
      "VCENTER_URL",
      "VCENTER_ALLOWED",
      "VCENTER_INVENTORY_USER",
      "VCENTER_INVENTORY_PASSWORD",
      "REDIS_URL",
      "SESSION_KEY",
      "WEB_ROOT",
    ]);
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !dropped.has(name)));
    const api = await startProcess(
      "API",
      [join(apiRoot, "apps/api/src/main.ts")],
      {
        ...env,
        VCENTER_URL: sim.match,
        // As a deployment would: one read-only account reads the inventory for every user (an API that predates it ignores it).
        VCENTER_INVENTORY_USER: "readonly@vsphere.local",
        VCENTER_INVENTORY_PASSWORD: "ReadOnly1!",
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: join(auditDir, "journal.sqlite"),
        // Every sign-in is the demo administrator's from 127.0.0.1, one rate-limit key for all: the warm-up's, the lone
        // user's two a run (its own and its undo's) and the users'.
        LOGIN_RATE_LIMIT_PER_MINUTE: String(10 + 2 * LONE_RUNS + users),
      },
      /addnet: (http:\/\/\S+?)\/?\s/,
      apiRoot,
    );
    const base = api.match.replace(/\/$/, "");
    const apiPid = api.child.process.pid!;
    console.log(`API: ${base} (pid ${apiPid}), simulator ${sim.match}`);
    const idle = memory(apiPid);
    if (!cold) await warmUp(base);
    // Cold, the users are the API's first requests: no lone user before them.
    const loneRuns = cold ? 0 : Math.min(LONE_RUNS, users);
    if (loneRuns) console.log(`A lone user, ${loneRuns} times: sign in, list hosts, read networking, create an adapter, sign out …`);
    const lone = await loneUser(base, apiPid, runId, loneRuns);
    recording = { times: byEndpoint() };
    requests = 0;
    const simPid = sim.child.process.pid!;
    const cpuBefore = { api: cpuSeconds(apiPid), simulator: cpuSeconds(simPid) };

    console.log(`${users} concurrent users: sign in, list hosts, read networking, create an adapter, sign out …`);
    const start = performance.now();
    const results = await Promise.allSettled(Array.from({ length: users }, (_, i) => user(base, i, runId)));
    const wallMs = performance.now() - start;
    const mem = memory(apiPid);
    const cpu = { api: cpuSeconds(apiPid) - cpuBefore.api, simulator: cpuSeconds(simPid) - cpuBefore.simulator };
    results.forEach((r, i) => {
      if (r.status === "rejected") failures.push(`user ${i + 1} (${hostName(BASE_HOSTS + 1 + i)}): ${(r.reason as Error).message}`);
    });

    const endpoints: EndpointFigure[] = ENDPOINTS.map((endpoint) => {
      const xs = [...recording.times.get(endpoint)!].sort((a, b) => a - b);
      return {
        endpoint,
        count: xs.length,
        p50Ms: percentile(xs, 50),
        p95Ms: percentile(xs, 95),
        p99Ms: percentile(xs, 99),
        maxMs: xs.at(-1) ?? NaN,
      };
    });
    const succeeded = results.filter((r) => r.status === "fulfilled").length;
    const round = (x: number) => Math.round(x * 10) / 10;
    const report = {
      command: `pnpm load --users ${users} --latency-ms ${latencyMs}${cold ? " --cold" : ""}${apiRoot === ROOT ? "" : ` --api-root ${apiRoot}`}`,
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`,
      users,
      latencyMs,
      warmUp: !cold,
      simulatorHosts: hosts,
      usersSucceeded: succeeded,
      errors: failures.length,
      errorMessages: failures,
      requests,
      wallMs: round(wallMs),
      throughputRps: round(requests / (wallMs / 1000)),
      api: { idleRssMiB: round(idle.rssMiB), peakRssMiB: round(mem.peakMiB), rssAfterMiB: round(mem.rssMiB), cpuSeconds: round(cpu.api) },
      simulator: { cpuSeconds: round(cpu.simulator) },
      endpoints: endpoints.map((e) => ({
        ...e,
        p50Ms: round(e.p50Ms),
        p95Ms: round(e.p95Ms),
        p99Ms: round(e.p99Ms),
        maxMs: round(e.maxMs),
      })),
      lone: {
        runs: loneRuns,
        endpoints: ENDPOINTS.map((endpoint) => ({
          endpoint,
          p50Ms: round(median(lone.times.get(endpoint)!)),
          /** The API process's CPU for the request, median of the runs. */
          cpuMs: round(median(lone.cpu!.ms.get(endpoint)!)),
        })),
      },
    };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

    const table = [
      ["endpoint", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"],
      ...report.endpoints.map((e) => [
        e.endpoint,
        String(e.count),
        e.p50Ms.toFixed(1),
        e.p95Ms.toFixed(1),
        e.p99Ms.toFixed(1),
        e.maxMs.toFixed(1),
      ]),
    ];
    const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
    const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
    console.log();
    console.log(line(table[0]!));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const row of table.slice(1)) console.log(line(row));
    console.log();
    console.log(`users:       ${succeeded} of ${users} succeeded, ${failures.length} errors`);
    console.log(`requests:    ${requests} in ${(wallMs / 1000).toFixed(2)} s = ${report.throughputRps} requests/s`);
    console.log(`API memory:  peak ${report.api.peakRssMiB} MiB (VmHWM), idle ${report.api.idleRssMiB} MiB before the load`);
    console.log(`CPU time:    API ${report.api.cpuSeconds} s, simulator ${report.simulator.cpuSeconds} s during the load`);
    if (loneRuns) {
      console.log(`a lone user: ${loneRuns} runs, median time and the API's CPU per request:`);
      for (const e of report.lone.endpoints)
        console.log(`  ${e.endpoint.padEnd(45)} ${e.p50Ms.toFixed(1).padStart(7)} ms  CPU ${e.cpuMs.toFixed(1)} ms`);
    }
    console.log(`machine:     ${report.machine}`);
    console.log(`written:     ${out}`);
  } catch (err) {
    failures.push((err as Error).stack ?? String(err));
  } finally {
    await stopAll();
    rmSync(auditDir, { recursive: true, force: true });
  }

  if (failures.length > 0) {
    console.error(`\n${failures.length} error(s):`);
    for (const f of failures.slice(0, 20)) console.error(`  ${f}`);
    if (failures.length > 20) console.error(`  … and ${failures.length - 20} more (see ${out})`);
    for (const c of children) if (c.tail.length > 0) console.error(`\nLast output of the ${c.name}:\n${c.tail.slice(-15).join("\n")}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
