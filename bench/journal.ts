/**
 * `pnpm bench`'s journal section, as its own processes. bench/run.ts runs it with `--step`: it writes
 * bench/out/journal.json and the report section bench/out/journal.md, which run.ts puts into bench/REPORT.md. Alone,
 * `node --import tsx bench/journal.ts` also replaces that section in bench/REPORT.md, leaving the rest as it is.
 * BENCH_JOURNAL_ENTRIES sets the size (default 1,000,000), e.g. 50000 for a quick run.
 *
 * A SQLite journal (openDatabase on a temporary file: the API's migrations and indexes) is filled with that many entries
 * and, as the floor, with 1,000 of the same mix: sign-ins and sign-outs, refused sign-ins, creates and TCP/IP stack
 * edits of 20 users on 2,500 hosts (host-1 … host-2500) over the last 30 days, ids ascending with time. A create's row
 * carries what a real one does: its plan, the host's state before, its progress and its reply are copied from a create
 * this run makes through the API on the simulator.
 *
 * Each journal is then read by an API process of its own (this file with `measure`: buildApp on the file, listening on
 * loopback, the simulator as its own process), signed in as the simulator's administrator: GET /api/v1/audit pages
 * over HTTP (fetch), p50/p95, and Journal.list alone for the same query; then its memory around 500 page reads.
 */
import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { vmotionOnNewSwitchExample, type AuditPage, type HostsPage } from "../packages/contracts/src/index.ts";
import { buildApp } from "../apps/api/src/app.ts";
import { loadConfig } from "../apps/api/src/config.ts";
import { openDatabase } from "../apps/api/src/journal/database.ts";
import { Journal, type EntryQuery } from "../apps/api/src/journal/journal.ts";
import { signIn, startSimulator } from "./support.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = join(ROOT, "bench", "out");
const REPORT = join(ROOT, "bench", "REPORT.md");
/** The report's heading for this section: standalone runs replace the section it starts. */
const HEADING = "## API: the audit journal";
const ENTRIES = Number(process.env.BENCH_JOURNAL_ENTRIES ?? 1_000_000);
const FLOOR = 1000;
const WARMUP = 20;
const RUNS = 200;
const MEMORY_READS = 500;
const DAY = 86_400_000;

/** better-sqlite3, the API's own (a dependency of apps/api, not of the workspace root), as far as the fill uses it. */
interface SqliteDatabase {
  pragma(source: string): unknown;
  prepare(source: string): { run(...params: unknown[]): unknown };
  transaction<F extends (...args: never[]) => void>(fn: F): F;
  close(): void;
}
const SQLite = createRequire(join(ROOT, "apps", "api", "package.json"))("better-sqlite3") as new (path: string) => SqliteDatabase;
type Db = Awaited<ReturnType<typeof openDatabase>>;
type KyselyPlugin = Parameters<Db["withPlugin"]>[0];
type Captured = Parameters<KyselyPlugin["transformQuery"]>[0];

export interface PageFigure {
  page: string;
  query: string;
  /** Entries on the page. */
  entries: number;
  p50Ms: number;
  p95Ms: number;
  /** Journal.list alone, the same query, in the same process. */
  listP50Ms: number;
  listP95Ms: number;
  /** SQLite's EXPLAIN QUERY PLAN of Journal.list's query. */
  plan: string;
}

export interface SizeFigure {
  entries: number;
  fillMs: number;
  fileMiB: number;
  pages: PageFigure[];
  memory: {
    idle: { heapUsedMiB: number; rssMiB: number };
    before: { heapUsedMiB: number; rssMiB: number };
    after: { heapUsedMiB: number; rssMiB: number };
    peakRssMiB: number;
  };
}

export interface JournalFigures {
  command: string;
  entries: number;
  floor: number;
  reads: number;
  runs: number;
  templateBytes: { plan: number; before_state: number; progress: number; reply: number };
  sizes: SizeFigure[];
}

const MiB = (bytes: number) => bytes / 2 ** 20;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

// ---------------------------------------------------------------------------------------------------------------
// Shared: the simulator process and signing in.

async function startApi(databaseUrl: string, sdkUrl: string) {
  const config = loadConfig(
    // Every page kind signs in a session of its own (the API allows 600 requests a minute per session).
    { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", LOGIN_RATE_LIMIT_PER_MINUTE: "100" },
    { vcenterUrl: sdkUrl },
  );
  const app = await buildApp(config);
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Filling a journal.

interface Templates {
  server: string;
  plan: string;
  before_state: string;
  progress: string;
  reply: string;
  detail: string;
}

/** One real create through the API on the simulator: its journal row is the template of every generated create. */
async function realCreate(sdkUrl: string): Promise<Templates> {
  const dir = mkdtempSync(join(tmpdir(), "addnet-bench-journal-"));
  const { app, base } = await startApi(join(dir, "journal.sqlite"), sdkUrl);
  try {
    const { cookie, csrf } = await signIn(base);
    const hosts = (await (await fetch(`${base}/api/v1/hosts?search=esx-01`, { headers: { Cookie: cookie } })).json()) as HostsPage;
    const res = await fetch(`${base}/api/v1/hosts/${hosts.items[0]!.id}/vmkernel-adapters`, {
      method: "POST",
      headers: { Cookie: cookie, "X-CSRF-Token": csrf, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
      body: JSON.stringify(vmotionOnNewSwitchExample()),
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
    const row = await app.journal.db
      .selectFrom("journal")
      .selectAll()
      .where("action", "=", "vmkernel-adapter.create")
      .executeTakeFirstOrThrow();
    if (!row.plan || !row.before_state || !row.progress || !row.reply) throw new Error("the create's journal row is incomplete");
    return {
      server: row.server!,
      plan: row.plan,
      before_state: row.before_state,
      progress: row.progress,
      reply: row.reply,
      detail: row.detail,
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** mulberry32: the same journal every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const USERS = [
  "administrator@vsphere.local",
  "helpdesk@vsphere.local",
  "readonly@vsphere.local",
  ...Array.from({ length: 17 }, (_, i) => `netops${String(i + 1).padStart(2, "0")}@lab.local`),
];
const HOSTS = 2500;

/** Fills a fresh journal with n entries; returns the time the inserts took and the span of times. */
function fill(path: string, n: number, t: Templates): { fillMs: number; start: number; end: number } {
  const rand = random(n);
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  const end = Date.now();
  const start = end - 30 * DAY;
  const step = (end - start) / n;
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  const columns = [
    ...["time", "updated", "user_name", "action", "server", "host_id", "host_name", "outcome", "detail", "request_id"],
    ...["idempotency_key", "fingerprint", "plan", "before_state", "progress", "reply"],
  ];
  const insert = sqlite.prepare(`insert into journal (${columns.join(", ")}) values (${columns.map((c) => `@${c}`).join(", ")})`);
  /** One entry: what it gives, every other column null. */
  const add = (row: Record<string, string | null>) => insert.run({ ...Object.fromEntries(columns.map((c) => [c, null])), ...row });
  const server = new URL(t.server).host;
  const began = performance.now();
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = start + i * step + rand() * step * 0.9;
      const time = new Date(at).toISOString();
      const user = USERS[Math.floor(rand() * USERS.length)]!;
      const entry = { time, updated: time, user_name: user, request_id: `req-${(i + 1).toString(36)}` };
      const kind = rand();
      const h = 1 + Math.floor(rand() * HOSTS);
      const host = `host-${h}`;
      const hostName = `esx-${String(h).padStart(4, "0")}.lab.local`;
      const r = rand();
      if (kind < 0.38) add({ ...entry, action: "session.login", outcome: "success", detail: `Signed in to ${server}` });
      else if (kind < 0.42)
        add({
          ...entry,
          action: "session.login",
          outcome: "failure",
          detail: "Cannot complete login due to an incorrect user name or password.",
        });
      else if (kind < 0.72) add({ ...entry, action: "session.logout", outcome: "success", detail: "Signed out" });
      else if (kind < 0.94) {
        // A create: about 14% of them partly applied (about 3% of all entries), 16% failed.
        const outcome = r < 0.7 ? "success" : r < 0.86 ? "failure" : "partial";
        const detail =
          outcome === "success"
            ? t.detail
            : outcome === "failure"
              ? "Refused: ipv4Settings.address: 192.168.30.21 is in use by vmk1 on esx-0007.lab.local"
              : "AddVirtualNic failed after AddVirtualSwitch, AddPortGroup; the undo of AddPortGroup failed: the host is partly changed";
        add({
          ...entry,
          updated: new Date(at + 1500).toISOString(),
          action: "vmkernel-adapter.create",
          server: t.server,
          host_id: host,
          host_name: hostName,
          outcome,
          detail,
          idempotency_key: sha(`${n}|${i}|key`),
          fingerprint: sha(`${n}|${i}|fingerprint`),
          plan: t.plan,
          before_state: t.before_state,
          progress: t.progress,
          reply: t.reply,
        });
      } else
        add({
          ...entry,
          action: "netstack.edit",
          host_id: host,
          host_name: r < 0.85 ? hostName : null,
          outcome: r < 0.85 ? "success" : "failure",
          detail:
            r < 0.85
              ? "Edited vmotion: congestionControl, maxConnections"
              : "Edit of vmotion failed: The operation is not allowed in the current state.",
        });
    }
  });
  for (let from = 0; from < n; from += 50_000) batch(from, Math.min(n, from + 50_000));
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return { fillMs: performance.now() - began, start, end };
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring one journal, in a process of its own: `bench/journal.ts measure <args as JSON>`.

interface MeasureArgs {
  path: string;
  sdkUrl: string;
  entries: number;
  /** Span of the generated times. */
  start: number;
  end: number;
  out: string;
}

function memoryNow(): { heapUsedMiB: number; rssMiB: number } {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { heapUsedMiB: MiB(m.heapUsed), rssMiB: MiB(m.rss) };
}

function peakRssMiB(): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? NaN) / 1024;
}

async function measure(a: MeasureArgs): Promise<Omit<SizeFigure, "fillMs" | "fileMiB">> {
  if (!globalThis.gc) throw new Error("run with --expose-gc");
  const { app, base } = await startApi(a.path, a.sdkUrl);
  const idle = memoryNow();
  try {
    const db = app.journal.db;
    // Journal.list's own query, compiled as it runs, for EXPLAIN QUERY PLAN.
    let captured: Captured | undefined;
    const capture: KyselyPlugin = {
      transformQuery: (args) => (captured = args).node,
      transformResult: async (args) => args.result,
    };
    const probe = new Journal(db.withPlugin(capture), app.journal.leaseMs);
    const explain = async (q: EntryQuery) => {
      await probe.list(q);
      const compiled = db.getExecutor().compileQuery(captured!.node, captured!.queryId);
      const plan = await db.executeQuery<{ detail: string }>({ ...compiled, sql: `EXPLAIN QUERY PLAN ${compiled.sql}` });
      return plan.rows.map((r) => r.detail).join("; ");
    };

    // The filters: a host with changes near the top, one user of 20, partly applied changes, one day mid-month, a week.
    const newest = await db
      .selectFrom("journal")
      .select(["id", "host_id"])
      .where("action", "=", "vmkernel-adapter.create")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const middle = Math.ceil(a.entries / 2);
    const from = new Date(a.start + 14 * DAY).toISOString();
    const to = new Date(a.start + 15 * DAY).toISOString();
    const kinds: { page: string; query: Omit<EntryQuery, "limit"> & { cursor?: number } }[] = [
      { page: "first page", query: {} },
      { page: "deep page (cursor mid-journal)", query: { cursor: middle } },
      { page: "hostId (one host)", query: { hostId: newest.host_id! } },
      { page: "user (one of 20)", query: { user: "helpdesk@vsphere.local" } },
      { page: "outcome=partial", query: { outcome: "partial" } },
      { page: "from/to (one day mid-month)", query: { from, to } },
      { page: "from/to (the last 7 days)", query: { from: new Date(a.end - 7 * DAY).toISOString(), to: new Date(a.end).toISOString() } },
    ];
    const url = (q: Record<string, unknown>) =>
      `${base}/api/v1/audit?${new URLSearchParams(Object.entries({ limit: 100, ...q }).map(([k, v]): [string, string] => [k, String(v)]))}`;
    const get = async (cookie: string, q: Record<string, unknown>) => {
      const res = await fetch(url(q), { headers: { Cookie: cookie } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET ${url(q)}: ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as AuditPage;
    };

    // A session a page (the API allows 600 requests a minute per session). WARMUP rounds over every page first (the
    // JIT, SQLite's page cache), then RUNS rounds, the pages in turn so that any drift falls on all of them alike.
    const sessions = await Promise.all(kinds.map(() => signIn(base)));
    const listQueries = kinds.map(({ query: { cursor, ...filter } }): EntryQuery => ({ ...filter, before: cursor, limit: 100 }));
    const entries = kinds.map(() => 0);
    const http = kinds.map((): number[] => []);
    const list = kinds.map((): number[] => []);
    for (let round = 0; round < WARMUP + RUNS; round++) {
      for (const [k, { query }] of kinds.entries()) {
        const began = performance.now();
        entries[k] = (await get(sessions[k]!.cookie, query)).entries.length;
        const ms = performance.now() - began;
        const listBegan = performance.now();
        await app.journal.list(listQueries[k]!);
        const listMs = performance.now() - listBegan;
        if (round < WARMUP) continue;
        http[k]!.push(ms);
        list[k]!.push(listMs);
      }
    }
    const pages: PageFigure[] = [];
    for (const [k, { page, query }] of kinds.entries()) {
      pages.push({
        page,
        query: new URL(url(query)).search,
        entries: entries[k]!,
        p50Ms: percentile(http[k]!, 0.5),
        p95Ms: percentile(http[k]!, 0.95),
        listP50Ms: percentile(list[k]!, 0.5),
        listP95Ms: percentile(list[k]!, 0.95),
        plan: await explain(listQueries[k]!),
      });
      const f = pages.at(-1)!;
      console.log(
        `  ${a.entries} entries, ${page}: ${f.p50Ms.toFixed(1)} ms p50, ${f.p95Ms.toFixed(1)} ms p95 (${f.entries} entries; ${f.plan})`,
      );
    }

    // Memory: MEMORY_READS pages, each kind in turn walking its own `next` cursor (from the top again at its end).
    const { cookie } = await signIn(base);
    const cursors = kinds.map(() => undefined as number | undefined);
    const before = memoryNow();
    for (let i = 0; i < MEMORY_READS; i++) {
      const k = i % kinds.length;
      const { cursor, ...filter } = kinds[k]!.query;
      const page = await get(cookie, { ...filter, ...((cursors[k] ?? cursor) ? { cursor: cursors[k] ?? cursor } : {}) });
      cursors[k] = page.next;
    }
    const after = memoryNow();
    return { entries: a.entries, pages, memory: { idle, before, after, peakRssMiB: peakRssMiB() } };
  } finally {
    await app.close();
  }
}

if (process.argv[2] === "measure") {
  const a = JSON.parse(process.argv[3]!) as MeasureArgs;
  writeFileSync(a.out, JSON.stringify(await measure(a)));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------------------------
// The section: fill, then measure each size in its own API process, then the report's section.

const count = (n: number) => n.toLocaleString("en-US");
const mem = (m: { heapUsedMiB: number; rssMiB: number }) => `${m.heapUsedMiB.toFixed(1)} MiB / ${m.rssMiB.toFixed(0)} MiB`;

function section(j: JournalFigures, machine: string): string {
  const [floor, large] = j.sizes as [SizeFigure, SizeFigure];
  const slowest = large.pages.reduce((a, b) => (b.p95Ms > a.p95Ms ? b : a));
  return `
${HEADING} at ${count(j.entries)} entries, next to ${count(j.floor)}

\`${j.command}\` on ${machine}.
Two SQLite journals made by the API's own \`openDatabase\` (its migrations, indexes and the bounded planner statistics it gathers when it opens the file)
in a temporary file, filled through better-sqlite3 with the same mix: ${count(j.entries)} entries and, as the floor,
${count(j.floor)}. Sign-ins (38%), refused sign-ins (4%), sign-outs (30%), creates (22%: 70% success, 16% failure, 14% partial)
and TCP/IP stack edits (6%) by 20 users on 2,500 hosts (\`host-1\` … \`host-2500\`) over the last 30 days, ids
ascending with time. Every create's row carries the plan (${(j.templateBytes.plan / 1024).toFixed(1)} KiB), host state before (${(j.templateBytes.before_state / 1024).toFixed(1)} KiB), progress
and reply of a create this run made through the API on the simulator. Each journal is then read by an API process of
its own (\`buildApp\` on the file, listening on 127.0.0.1; the simulator as its own process), signed in as
administrator: \`GET /api/v1/audit\` over loopback HTTP (\`fetch\`), ${j.runs} requests a page after ${WARMUP} warm-up rounds, the pages in
turn, each request followed by \`Journal.list\` alone with the same query (the database's share, in the same
process). limit=100 throughout; the host is the one of the newest create; the windows are one day in the middle of the month and the last 7
days of the 30.

| page | entries on the page (${count(j.floor)} / ${count(j.entries)}) | ${count(j.floor)}: p50 | p95 | ${count(j.entries)}: p50 | p95 | ×p50 | ×p95 | \`Journal.list\` alone at ${count(j.entries)}: p50 / p95 |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${large.pages
  .map((p, i) => {
    const f = floor.pages[i]!;
    return `| ${p.page} | ${f.entries} / ${p.entries} | ${f.p50Ms.toFixed(1)} ms | ${f.p95Ms.toFixed(1)} ms | **${p.p50Ms.toFixed(1)} ms** | ${p.p95Ms.toFixed(1)} ms | ×${(p.p50Ms / f.p50Ms).toFixed(1)} | ×${(p.p95Ms / f.p95Ms).toFixed(1)} | ${p.listP50Ms.toFixed(1)} ms / ${p.listP95Ms.toFixed(1)} ms |`;
  })
  .join("\n")}

**Slowest page at ${count(j.entries)} entries: ${slowest.page}, ${slowest.p95Ms.toFixed(1)} ms p95** (target: under 50 ms a page; ${
    large.pages.every((p) => p.p95Ms < 50)
      ? "met by every page"
      : `missed by ${large.pages
          .filter((p) => p.p95Ms >= 50)
          .map((p) => p.page)
          .join(", ")}`
  }).
SQLite's plan of each page's query at ${count(j.entries)} entries (\`EXPLAIN QUERY PLAN\` of the SQL \`Journal.list\` runs):

${large.pages.map((p) => `- ${p.page} (\`${p.query}\`): ${p.plan}`).join("\n")}

**Memory** of the API process (heapUsed after a full GC / RSS): idle after start-up, then before and after ${j.reads} more page
reads (the pages in turn, each walking its own \`next\` cursor).

| journal | file | fill | idle | before ${j.reads} reads | after ${j.reads} reads | peak RSS |
|---:|---:|---:|---:|---:|---:|---:|
${[floor, large]
  .map(
    (z) =>
      `| ${count(z.entries)} | ${z.fileMiB.toFixed(0)} MiB | ${(z.fillMs / 1000).toFixed(1)} s | ${mem(z.memory.idle)} | ${mem(z.memory.before)} | ${mem(z.memory.after)} | ${z.memory.peakRssMiB.toFixed(0)} MiB |`,
  )
  .join("\n")}

${count(j.entries)} ÷ ${count(j.floor)} entries after ${j.reads} reads: **heapUsed ×${(large.memory.after.heapUsedMiB / floor.memory.after.heapUsedMiB).toFixed(2)}, RSS ×${(large.memory.after.rssMiB / floor.memory.after.rssMiB).toFixed(2)}**, for a journal file ×${(large.fileMiB / floor.fileMiB).toFixed(0)} the size.
`;
}

if (!Number.isInteger(ENTRIES) || ENTRIES < FLOOR) throw new Error(`BENCH_JOURNAL_ENTRIES must be a whole number of ${FLOOR} or more`);
/** Run by bench/run.ts, which writes the whole report; alone, this section of it is replaced here. */
const step = process.argv.includes("--step");
const sim = await startSimulator();
try {
  const templates = await realCreate(sim.url);
  const sizes: SizeFigure[] = [];
  for (const entries of [FLOOR, ENTRIES]) {
    const dir = mkdtempSync(join(tmpdir(), "addnet-bench-journal-"));
    try {
      const path = join(dir, "journal.sqlite");
      await (await openDatabase(path)).destroy(); // the API's own schema and indexes, by its migrations
      const filled = fill(path, entries, templates);
      const fileMiB = MiB(statSync(path).size);
      console.log(`journal: ${entries} entries in ${(filled.fillMs / 1000).toFixed(1)} s, ${fileMiB.toFixed(0)} MiB`);
      const out = join(dir, "figures.json");
      const args: MeasureArgs = { path, sdkUrl: sim.url, entries, start: filled.start, end: filled.end, out };
      const code = await new Promise<number | null>((resolve) => {
        spawn(process.execPath, ["--expose-gc", "--import", "tsx", "bench/journal.ts", "measure", JSON.stringify(args)], {
          cwd: ROOT,
          stdio: "inherit",
        }).once("exit", resolve);
      });
      if (code !== 0) throw new Error(`measuring the ${entries}-entry journal failed (exit ${code})`);
      const measured = JSON.parse(readFileSync(out, "utf8")) as Omit<SizeFigure, "fillMs" | "fileMiB">;
      sizes.push({ ...measured, fillMs: filled.fillMs, fileMiB });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const size = ENTRIES === 1_000_000 ? "" : `BENCH_JOURNAL_ENTRIES=${ENTRIES} `;
  const figures: JournalFigures = {
    command: step ? `${size}pnpm bench` : `${size}node --import tsx bench/journal.ts`,
    entries: ENTRIES,
    floor: FLOOR,
    reads: MEMORY_READS,
    runs: RUNS,
    templateBytes: {
      plan: templates.plan.length,
      before_state: templates.before_state.length,
      progress: templates.progress.length,
      reply: templates.reply.length,
    },
    sizes,
  };
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
  const md = section(figures, machine);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "journal.json"), JSON.stringify(figures, null, 2));
  writeFileSync(join(OUT, "journal.md"), md);
  console.log(`wrote ${join(OUT, "journal.json")} and journal.md`);
  if (!step) {
    // This section only: from its heading to the next section (or, the first time, before the load section).
    const report = readFileSync(REPORT, "utf8");
    const start = report.indexOf(`\n${HEADING}`);
    const end = start < 0 ? -1 : report.indexOf("\n## ", start + 1);
    const at = report.indexOf("\n## Load:");
    const updated =
      start >= 0
        ? `${report.slice(0, start)}${md}${end < 0 ? "" : report.slice(end)}`
        : at >= 0
          ? `${report.slice(0, at)}${md}${report.slice(at)}`
          : `${report.trimEnd()}\n${md}`;
    writeFileSync(REPORT, updated);
    console.log(`replaced the journal section of ${REPORT}`);
  }
} finally {
  sim.child.kill("SIGTERM");
}
