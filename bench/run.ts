/**
 * `pnpm bench`: figures, not a timed test. Writes bench/REPORT.md.
 *
 * Simulator: a full-inventory RetrievePropertiesEx of config.network (through a ContainerView, no paging) at
 * 10, 250 and 2,500 hosts: wall time, response size and the simulator's memory, and how they grow.
 *
 * API (apps/api in this process, over HTTP on loopback; the simulator in its own process): GET /api/v1/hosts at
 * 10, 250 and 2,500 hosts (the first page, and a full walk with limit=500), and the create call (POST
 * .../vmkernel-adapters, new standard switch + vMotion stack) next to a direct replay of the same vim25 calls
 * through @addnet/vsphere's VCenter.invoke against the same simulator: the ratio is addnet's own overhead.
 *
 * Journal (bench/journal.ts, its own processes): GET /api/v1/audit pages on a SQLite journal of 1,000,000 entries
 * (BENCH_JOURNAL_ENTRIES) next to the same pages at 1,000, and the API process's memory around 500 page reads.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

import {
  vmotionOnNewSwitchExample,
  type HostNetworking,
  type HostsPage,
  type PhysicalAdapterModel,
  type StandardSwitchEdit,
  type VmkernelAdapterEdit,
  type VmkernelAdapterModel,
  type VmPortGroupModel,
} from "../packages/contracts/src/index.ts";
import { parseXml } from "../packages/vim25/src/index.ts";
import { connectVCenter, type VCenter, type VimMethod } from "../packages/vsphere/src/index.ts";
import { inFlightMs, startVimProxy, waves, type ProxiedCall } from "../test/support/vim-proxy.ts";
import { startVcsim } from "../packages/vsphere/test/vcsim.ts";
import { buildApp } from "../apps/api/src/app.ts";
import { loadConfig } from "../apps/api/src/config.ts";
import { networkingView, readHost } from "../apps/api/src/services/host-snapshot.ts";
import {
  buildAdapterEditPlan,
  buildMigratePlan,
  buildPlan,
  buildPortGroupEditPlan,
  buildPortGroupPlan,
  buildPortGroupRemovalPlan,
  buildRemovalPlan,
  buildStackMovePlan,
  buildSwitchEditPlan,
  buildSwitchRemovalPlan,
  buildUplinksPlan,
  withDevice,
  type Plan,
} from "../apps/api/src/services/plan.ts";
import type { HostSnapshot } from "../apps/api/src/services/host-snapshot.ts";
import { VimSession } from "../apps/api/src/services/vim-session.ts";
import { baselineCheckout, BASELINE_REV } from "./baseline.ts";
import { measureRollouts, rolloutSection, rolloutTargets } from "./rollout.ts";
import { httpRequest, memory, signIn, startSimulator, targetTable, type TargetRow } from "./support.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = 5;
const SIZES = [10, 250, 2500];

const SOAP = (method: string, inner: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
  `<soapenv:Body><${method} xmlns="urn:vim25">${inner}</${method}></soapenv:Body></soapenv:Envelope>`;

async function call(url: string, body: string, cookie?: string): Promise<{ text: string; cookie?: string }> {
  const res = await httpRequest(url, {
    method: "POST",
    headers: { "Content-Type": "text/xml", ...(cookie ? { Cookie: cookie } : {}) },
    body,
  });
  if (res.status !== 200) throw new Error(`${res.status}: ${res.body.slice(0, 500)}`);
  return { text: res.body, cookie: res.headers["set-cookie"]?.[0]?.split(";")[0] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Figure {
  hosts: number;
  medianMs: number;
  minMs: number;
  bytes: number;
  idleRssMiB: number;
  peakRssMiB: number;
}

/** Signs in and returns a RetrievePropertiesEx of every host's config.network through a ContainerView. */
async function fullRead(url: string, user: string, password: string): Promise<{ cookie: string; body: string }> {
  const { cookie } = await call(
    url,
    SOAP("Login", `<_this type="SessionManager">SessionManager</_this><userName>${user}</userName><password>${password}</password>`),
  );
  const view = await call(
    url,
    SOAP(
      "CreateContainerView",
      `<_this type="ViewManager">ViewManager</_this><container type="Folder">group-d1</container><type>HostSystem</type><recursive>true</recursive>`,
    ),
    cookie,
  );
  const viewId = /<returnval type="ContainerView">([^<]+)</.exec(view.text)![1]!;
  const body = SOAP(
    "RetrievePropertiesEx",
    `<_this type="PropertyCollector">propertyCollector</_this><specSet><propSet><type>HostSystem</type><pathSet>config.network</pathSet></propSet>` +
      `<objectSet><obj type="ContainerView">${viewId}</obj><skip>true</skip><selectSet xsi:type="TraversalSpec"><type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet><options/>`,
  );
  return { cookie: cookie!, body };
}

/** One full read of `hosts` hosts' config.network, signed in as fullRead made it: its wall time and the reply. */
async function readOnce(url: string, read: { cookie: string; body: string }, hosts: number): Promise<{ ms: number; text: string }> {
  const start = performance.now();
  const { text } = await call(url, read.body, read.cookie);
  const ms = performance.now() - start;
  const objects = text.split("<objects>").length - 1;
  if (objects !== hosts) throw new Error(`expected ${hosts} objects, got ${objects}`);
  return { ms, text };
}

/** RUNS full reads of `hosts` hosts' config.network: median and fastest wall time, and the last reply. */
async function timeFullRead(url: string, user: string, password: string, hosts: number) {
  const read = await fullRead(url, user, password);
  const times: number[] = [];
  let text = "";
  for (let i = 0; i < RUNS; i++) {
    const run = await readOnce(url, read, hosts);
    times.push(run.ms);
    text = run.text;
  }
  return { medianMs: median(times), minMs: Math.min(...times), text };
}

/** The 250-host reply, kept for the client's decode figure. */
let reply250 = "";

async function measure(hosts: number): Promise<Figure> {
  const { child, url } = await startSimulator(hosts);
  try {
    const idle = memory(child.pid!);
    const read = await timeFullRead(url, "administrator@vsphere.local", "VMware1!", hosts);
    if (hosts === 250) reply250 = read.text;
    const after = memory(child.pid!);
    return {
      hosts,
      medianMs: read.medianMs,
      minMs: read.minMs,
      bytes: Buffer.byteLength(read.text),
      idleRssMiB: idle.rss,
      peakRssMiB: after.peak,
    };
  } finally {
    child.kill("SIGTERM");
  }
}

// The API's GET /api/v1/hosts section (further down: measureListings, hostsSection), as `pnpm start` runs the API: its
// inventory read for every user by the simulator's read-only account. `BENCH_ONLY=hosts pnpm bench` runs that section
// alone and writes it to bench/out/hosts.md.
const LIST_SIZES = [10, 250, 2500, 20000];
const LIST_RUNS = 21;
const WALK_RUNS = 3;
const LIST_TARGET = 1.3;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
mkdirSync(new URL("out/", import.meta.url), { recursive: true });
if (process.env.BENCH_ONLY === "hosts") {
  writeFileSync(new URL("out/hosts.md", import.meta.url), hostsSection(await measureListings(), machine));
  console.log("wrote bench/out/hosts.md");
  process.exit(0);
}

// Issue 13's rollouts (bench/rollout.ts): `BENCH_ONLY=rollout pnpm bench` runs that section alone and writes it, with
// its targets, to bench/out/rollout.md.
if (process.env.BENCH_ONLY === "rollout") {
  const figures = await measureRollouts();
  writeFileSync(
    new URL("out/rollout.md", import.meta.url),
    `${rolloutSection(figures, machine)}\n${targetTable(rolloutTargets(figures))}\n`,
  );
  console.log("wrote bench/out/rollout.md");
  process.exit(0);
}

// The commit before issue 12, checked out and installed beside this one: its client and its API are measured in this run.
const apiBaseline = baselineCheckout();
if ("why" in apiBaseline) console.log(`no baseline (${BASELINE_REV.slice(0, 12)}): ${apiBaseline.why}`);

const figures: Figure[] = [];
for (const n of SIZES) {
  const f = await measure(n);
  console.log(
    `${n} hosts: ${f.medianMs.toFixed(1)} ms median, ${(f.bytes / 1024).toFixed(0)} KiB, peak RSS ${f.peakRssMiB.toFixed(0)} MiB`,
  );
  figures.push(f);
}

// ---------------------------------------------------------------------------------------------------------------
// vim25 (issue 8): the simulator's 2,500-host read next to VMware's vcsim's, by the same client in this run; and the
// time addnet's client takes to read the 250-host reply (saved bytes from a stub on loopback, through
// VCenter.retrieve: HTTP, XML parse and decode), next to the XML parse alone, its floor.

/** Issue 12, item 5: the simulator's 2,500-host read takes at most 1.2× vcsim's. */
const VCSIM_TARGET = 1.2;
const VCSIM_RUNS = 9;

interface ServerRead {
  medianMs: number;
  minMs: number;
  bytes: number;
}

/**
 * The simulator (a process of its own) and vcsim, each at `hosts` hosts, read in turn in one loop (which goes first
 * alternates), after one untimed read each: a load on the machine falls on both alike. With the simulator's peak
 * resident memory (VmHWM) after the reads.
 */
async function measureAgainstVcsim(hosts: number): Promise<{ simulator: ServerRead & { peakRssMiB: number }; vcsim: ServerRead }> {
  const sim = await startSimulator(hosts);
  const vcsim = await startVcsim("bench", "bench-Passw0rd", hosts).catch((err: unknown) => {
    sim.child.kill("SIGTERM");
    throw err;
  });
  try {
    const servers = [
      { url: sim.url, read: await fullRead(sim.url, "administrator@vsphere.local", "VMware1!"), times: [] as number[], bytes: 0 },
      { url: vcsim.url, read: await fullRead(vcsim.url, vcsim.user, vcsim.password), times: [] as number[], bytes: 0 },
    ];
    for (const s of servers) s.bytes = Buffer.byteLength((await readOnce(s.url, s.read, hosts)).text);
    for (let i = 0; i < VCSIM_RUNS; i++) {
      for (const s of i % 2 === 0 ? servers : [...servers].reverse()) s.times.push((await readOnce(s.url, s.read, hosts)).ms);
    }
    const [simulator, other] = servers.map((s) => ({ medianMs: median(s.times), minMs: Math.min(...s.times), bytes: s.bytes })) as [
      ServerRead,
      ServerRead,
    ];
    return { simulator: { ...simulator, peakRssMiB: memory(sim.child.pid!).peak }, vcsim: other };
  } finally {
    sim.child.kill("SIGTERM");
    await vcsim.close();
  }
}

const vsVcsim = await measureAgainstVcsim(2500);
const vcsimRatio = vsVcsim.simulator.medianMs / vsVcsim.vcsim.medianMs;
console.log(
  `2,500 hosts, interleaved: simulator ${vsVcsim.simulator.medianMs.toFixed(1)} ms (peak RSS ${vsVcsim.simulator.peakRssMiB.toFixed(0)} MiB), ` +
    `vcsim ${vsVcsim.vcsim.medianMs.toFixed(1)} ms: ×${vcsimRatio.toFixed(2)} (target ≤ ×${VCSIM_TARGET}: ${vcsimRatio <= VCSIM_TARGET ? "holds" : "does not hold"})`,
);

const DECODE_WARMUP = 2;
const DECODE_RUNS = 10;

/**
 * The client's read of the 250-host reply: today's, and the baseline's (the commit before issue 12, bench/baseline.ts)
 * in turn in the same loop; and today's XML parse alone, its floor.
 */
async function measureDecode(): Promise<{ clientMs: number; baselineMs: number | null; parseMs: number; bytes: number }> {
  const sim = await startSimulator(9);
  const content = (await call(sim.url, SOAP("RetrieveServiceContent", `<_this type="ServiceInstance">ServiceInstance</_this>`))).text;
  const versions = (await httpRequest(`${sim.url}/vimServiceVersions.xml`)).body;
  sim.child.kill("SIGTERM");
  const stub = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
      res.end(req.method === "GET" ? versions : body.includes("RetrieveServiceContent") ? content : reply250);
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/sdk`;
  const vc = await connectVCenter({ url });
  // The baseline's own client, from its checkout (its @addnet/vim25, and the soap package's transport over axios).
  const baselineVc =
    "root" in apiBaseline
      ? await (
          (await import(join(apiBaseline.root, "packages/vsphere/src/index.ts"))) as { connectVCenter: typeof connectVCenter }
        ).connectVCenter({ url })
      : undefined;
  const spec = [
    {
      propSet: [{ type: "HostSystem", pathSet: ["config.network"] }],
      objectSet: [
        {
          obj: { type: "ContainerView", value: "view" },
          skip: true,
          selectSet: [{ _type: "TraversalSpec", type: "ContainerView", path: "view" }],
        },
      ],
    },
  ];
  const client: number[] = [];
  const baseline: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < DECODE_WARMUP + DECODE_RUNS; i++) {
    const a = await timed(() => vc.retrieve('vmware_soap_session="bench"', spec));
    if (a.value.length !== 250) throw new Error(`decoded ${a.value.length} hosts, not 250`);
    const b = baselineVc && (await timed(() => baselineVc.retrieve('vmware_soap_session="bench"', spec)));
    if (b && b.value.length !== 250) throw new Error(`the baseline decoded ${b.value.length} hosts, not 250`);
    const p = await timed(async () => parseXml(reply250));
    if (i < DECODE_WARMUP) continue;
    client.push(a.ms);
    if (b) baseline.push(b.ms);
    parse.push(p.ms);
  }
  vc.close();
  baselineVc?.close();
  stub.close();
  return {
    clientMs: median(client),
    baselineMs: baselineVc ? median(baseline) : null,
    parseMs: median(parse),
    bytes: Buffer.byteLength(reply250),
  };
}

const decode = await measureDecode();
console.log(
  `client read of the 250-host reply: ${decode.clientMs.toFixed(1)} ms (XML parse alone ${decode.parseMs.toFixed(1)} ms)` +
    (decode.baselineMs === null
      ? ""
      : `; the baseline's ${decode.baselineMs.toFixed(1)} ms: ×${(decode.baselineMs / decode.clientMs).toFixed(2)} faster`),
);

// ---------------------------------------------------------------------------------------------------------------
// The API: apps/api built in this process (buildApp, listening on loopback), the simulator in its own process.

const ADMIN = { username: "administrator@vsphere.local", password: "VMware1!" };
const CONTROL_TOKEN = "bench-token";
const CREATE_RUNS = 10;
const WARMUP = 2;

interface RunningApi {
  base: string;
  /** Every vim25 call the API made, as the counting proxy between it and the simulator saw it. */
  calls: ProxiedCall[];
  app: Awaited<ReturnType<typeof buildApp>>;
  close(): Promise<void>;
}

/** The API in this process, reaching the simulator through a counting proxy (with `delayMs` added to each call). */
async function startApi(
  sdkUrl: string,
  { delayMs = 0, env = {} }: { delayMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningApi> {
  const proxy = await startVimProxy(sdkUrl, { delayMs });
  const config = loadConfig(
    { DATABASE_URL: join(mkdtempSync(join(tmpdir(), "addnet-bench-")), "journal.sqlite"), LOG_LEVEL: "warn", ...env },
    { vcenterUrl: proxy.url },
  );
  const app = await buildApp(config);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    calls: proxy.calls,
    app,
    close: async () => {
      await app.close();
      await proxy.close();
    },
  };
}

async function getJson<T>(url: string, cookie: string): Promise<T> {
  const res = await httpRequest(url, { headers: { Cookie: cookie } });
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body) as T;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

interface ListFigure {
  hosts: number;
  /** The first request of all, which reads the inventory whole, and its vim25 calls. */
  coldMs: number;
  coldCalls: string[];
  firstPageMs: number;
  /** Of a first page's time, how long its vim25 call was in flight (median). */
  pageVimMs: number;
  firstPageBytes: number;
  /** The vim25 calls of a warm first page. */
  pageCalls: string[];
  walkMs: number;
  walkPages: number;
  /** Whole reads of the inventory (a new filter, CreateFilter) in the first request and a new user's full walk. */
  walkReads: number;
  /** The vim25 calls of that new user's walk. */
  walkCalls: number;
  /** The API's heap after GC, signed in, before the first listing and after the walks; the inventories' own estimate. */
  heapBeforeMiB: number;
  heapAfterMiB: number;
  estimateMiB: number;
}

/** The API process's heap after a full GC. */
function heapMiB(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** An API and its simulator at `hosts` hosts, an administrator signed in: their first page and full walk. */
async function listingApi(hosts: number) {
  const sim = await startSimulator(hosts);
  const api = await startApi(sim.url, {
    env: { VCENTER_INVENTORY_USER: "readonly@vsphere.local", VCENTER_INVENTORY_PASSWORD: "ReadOnly1!" },
  });
  const { cookie } = await signIn(api.base);
  const firstPage = async () => {
    const res = await httpRequest(`${api.base}/api/v1/hosts`, { headers: { Cookie: cookie } });
    const text = res.body;
    if (res.status !== 200) throw new Error(`GET /api/v1/hosts: ${res.status} ${text.slice(0, 300)}`);
    const page = JSON.parse(text) as HostsPage;
    if (page.total !== hosts || page.items.length !== Math.min(hosts, 100)) throw new Error(`expected ${hosts} hosts, got ${page.total}`);
    return Buffer.byteLength(text);
  };
  const walk = async (as = cookie) => {
    let cursor: string | null = null;
    let seen = 0;
    let pages = 0;
    do {
      const page: HostsPage = await getJson<HostsPage>(`${api.base}/api/v1/hosts?limit=500${cursor ? `&cursor=${cursor}` : ""}`, as);
      seen += page.items.length;
      pages++;
      cursor = page.nextCursor;
    } while (cursor);
    if (seen !== hosts) throw new Error(`the walk saw ${seen} of ${hosts} hosts`);
    return pages;
  };
  const close = async () => {
    await api.close();
    sim.child.kill("SIGTERM");
  };
  return { api, firstPage, walk, close };
}

async function measureListing(hosts: number): Promise<ListFigure> {
  const { api, firstPage, walk, close } = await listingApi(hosts);
  const counted = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T; calls: string[]; vimMs: number }> => {
    const from = api.calls.length;
    const run = await timed(work);
    const calls = api.calls.slice(from);
    return { ...run, calls: calls.map((c) => c.method), vimMs: inFlightMs(calls) };
  };
  try {
    const heapBeforeMiB = heapMiB();
    const cold = await counted(firstPage);
    await firstPage(); // warm-up: JIT, connection pool
    heapMiB(); // and the first read's garbage collected, not left to the timed pages
    const first = [];
    for (let i = 0; i < LIST_RUNS; i++) first.push(await counted(firstPage));
    // A new user's full walk: the inventory is the one already read; their privileges are asked once.
    const other = await signIn(api.base);
    const newUser = await counted(() => walk(other.cookie));
    const walks = [];
    for (let i = 0; i < WALK_RUNS; i++) walks.push(await timed(walk));
    // No RetrievePropertiesEx reads the inventory: a page's one reads the user's SessionManager.currentSession.
    const reads = (calls: string[]) => calls.filter((m) => m === "CreateFilter").length;
    return {
      hosts,
      coldMs: cold.ms,
      coldCalls: cold.calls,
      firstPageMs: median(first.map((r) => r.ms)),
      pageVimMs: median(first.map((r) => r.vimMs)),
      firstPageBytes: first[0]!.value,
      pageCalls: first[0]!.calls,
      walkMs: median(walks.map((r) => r.ms)),
      walkPages: walks[0]!.value,
      walkReads: reads(cold.calls) + reads(newUser.calls),
      walkCalls: newUser.calls.length,
      heapBeforeMiB,
      heapAfterMiB: heapMiB(),
      estimateMiB: api.app.inventories.size().bytes / 2 ** 20,
    };
  } finally {
    await close();
  }
}

interface Listings {
  sizes: ListFigure[];
  /** Issue 12's ratio, measured apart: first pages at 250 and 2,500 hosts (median), taken in turn in one loop. */
  at250Ms: number;
  at2500Ms: number;
}

async function measureListings(): Promise<Listings> {
  const sizes: ListFigure[] = [];
  for (const n of LIST_SIZES) {
    const f = await measureListing(n);
    console.log(
      `API GET /api/v1/hosts at ${n} hosts: first page ${f.firstPageMs.toFixed(1)} ms (vim25 ${f.pageVimMs.toFixed(1)} ms; first request ${f.coldMs.toFixed(0)} ms), full walk (limit 500) ${f.walkMs.toFixed(1)} ms in ${f.walkPages} requests, heap ${f.heapBeforeMiB.toFixed(1)} → ${f.heapAfterMiB.toFixed(1)} MiB (inventory ≈ ${f.estimateMiB.toFixed(2)} MiB)`,
    );
    sizes.push(f);
  }
  // Both APIs up at once and read in turn (which goes first alternates): a load on the machine falls on both alike.
  const both = [await listingApi(250), await listingApi(2500)];
  try {
    for (const l of both) for (let i = 0; i < 2; i++) await l.firstPage();
    const times: number[][] = [[], []];
    for (let i = 0; i < LIST_RUNS; i++) for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) times[k]!.push((await timed(both[k]!.firstPage)).ms);
    const [at250Ms, at2500Ms] = times.map(median) as [number, number];
    console.log(
      `first page, in turn: ${at250Ms.toFixed(1)} ms at 250 hosts, ${at2500Ms.toFixed(1)} ms at 2,500 (×${(at2500Ms / at250Ms).toFixed(2)})`,
    );
    return { sizes, at250Ms, at2500Ms };
  } finally {
    for (const l of both) await l.close();
  }
}

function hostsSection({ sizes: listing, at250Ms, at2500Ms }: Listings, machine: string): string {
  const ratio = at2500Ms / at250Ms;
  const largest = listing.at(-1)!;
  const own = (n: number) => {
    const f = listing.find((l) => l.hosts === n)!;
    return f.firstPageMs - f.pageVimMs;
  };
  return `
## API: \`GET /api/v1/hosts\`

\`pnpm bench\` on ${machine}. The API runs in the bench's own process (\`buildApp\` from apps/api, listening on
127.0.0.1, requests with Node's own HTTP client over loopback, signed in as administrator), as \`pnpm start\` runs it: one
inventory of the vCenter, read for every user by the simulator's read-only account (\`VCENTER_INVENTORY_USER\`). The
simulator runs as its own process (\`packages/simulator/src/cli.ts --hosts N\`), as a vCenter would, behind the
counting proxy (test/support/vim-proxy.ts). Wall time is the client's, per request: the first request of all (it reads
the inventory), then the median of ${LIST_RUNS} first-page requests (the default limit, 100 hosts) after one warm-up,
and of ${WALK_RUNS} full walks with \`limit=500\` following \`nextCursor\` to the end. Memory is the API process's heap after a
full GC (\`heapUsed\`), signed in before the first listing and again after the walks, and the inventories' own estimate
of what they hold (records, names, the adapters' addresses, the sorted list, each user's privileges at a byte a host).

| hosts | first request (reads the inventory) | first page (median) | of which WaitForUpdatesEx | first page size | full walk, limit 500 (median) | requests in the walk | heap before → after | inventory estimate |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${listing
  .map(
    (f) =>
      `| ${f.hosts} | ${f.coldMs.toFixed(1)} ms | ${f.firstPageMs.toFixed(1)} ms | ${f.pageVimMs.toFixed(1)} ms | ${(f.firstPageBytes / 1024).toFixed(0)} KiB | ${f.walkMs.toFixed(1)} ms | ${f.walkPages} | ${f.heapBeforeMiB.toFixed(1)} → ${f.heapAfterMiB.toFixed(1)} MiB | ${f.estimateMiB.toFixed(2)} MiB |`,
  )
  .join("\n")}

**First page at 2,500 hosts ÷ at 250: ×${ratio.toFixed(2)}** (${at2500Ms.toFixed(1)} ms ÷ ${at250Ms.toFixed(1)} ms, medians of ${LIST_RUNS} each, the two
APIs read in turn in one loop after two warm-ups each, so that a load on the machine falls on both alike); issue 12's target is at most ×${LIST_TARGET}: ${ratio <= LIST_TARGET ? "it holds" : "**it does not hold**"}.
The API's own time (a first page less its WaitForUpdatesEx in flight): ${own(250).toFixed(1)} ms at 250 hosts, ${own(2500).toFixed(1)} ms at
2,500 (×${(own(2500) / own(250)).toFixed(2)}); the rest is the simulator's WaitForUpdatesEx, which looks at every host for what changed.

vim25 calls, counted by the proxy: the first request of all makes ${largest.coldCalls.join(", ")} (the read-only account
signs in; its own PropertyCollector with one filter is read whole; the user's privileges on every host are asked in one
call); each first page after that makes ${largest.pageCalls.join(", ")} at every size, in one round trip: the
account's WaitForUpdatesEx (what changed since the last version, without waiting) and the user's own RetrievePropertiesEx
of its SessionManager's currentSession (does vCenter still have the user's session?). A second user's full walk at
${largest.hosts} hosts makes ${largest.walkCalls} calls: those two a page and one HasPrivilegeOnEntities. Whole reads of the
inventory (a new filter) in the first request and that walk together: ${listing.map((f) => `${f.walkReads} at ${f.hosts}`).join(", ")}
— no RetrievePropertiesEx of the inventory, no ContainerView.
`;
}

const listing = await measureListings();

/**
 * A change as the web app sends it (a create by default: POST, 201), what is on the host first (`prepare`, through the
 * API, not timed), and the plan the API makes of it for the host as it then is.
 */
interface CreateBench {
  path: string;
  method?: "POST" | "PATCH" | "DELETE";
  status?: number;
  model?: (net: HostNetworking) => unknown;
  prepare?: { path: string; model: unknown };
  plan: (host: HostSnapshot, net: HostNetworking) => Plan;
}

/** The VMkernel create: new standard switch (MTU 9000, vmnic2) + port group + vmk on the vMotion stack. */
const ADAPTER = vmotionOnNewSwitchExample();
const CREATE_ADAPTER: CreateBench = {
  path: "vmkernel-adapters",
  model: () => ADAPTER,
  plan: (host, net) => buildPlan(host, ADAPTER, net),
};
/** The virtual machine port group create: new standard switch (vmnic2) + port group, VLAN 40. */
const PORT_GROUP: VmPortGroupModel = {
  connectionType: "vmPortGroup",
  targetDevice: { kind: "newStandardSwitch", mtu: 1500 },
  newSwitchUplinks: { active: ["vmnic2"], standby: [], unused: [] },
  connectionSettings: { networkLabel: "VM-Bench", vlanId: 40 },
};
/** The physical adapter create: vmnic2 added to vSwitch0 as standby (one UpdateVirtualSwitch with the whole spec). */
const UPLINKS: PhysicalAdapterModel = {
  connectionType: "physicalAdapter",
  targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
  switchUplinks: { active: ["vmnic0"], standby: ["vmnic2"], unused: [] },
};
/** vmk1 on vSwitch0's port group "Bench" (192.168.60.11/24, vMotion on the default stack): what the adapter changes start from. */
const BENCH_ADAPTER: VmkernelAdapterModel = {
  connectionType: "vmkernel",
  targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
  portProperties: {
    networkLabel: "Bench",
    vlanId: 60,
    ipSettings: "ipv4",
    mtu: { mode: "fromSwitch" },
    tcpipStack: "defaultTcpipStack",
    services: ["vmotion"],
  },
  ipv4Settings: { mode: "static", address: "192.168.60.11", subnetMask: "255.255.255.0", overrideGateway: false },
};
const withAdapter = { path: "vmkernel-adapters", model: BENCH_ADAPTER };
const withSwitch = { path: "port-groups", model: PORT_GROUP };
const ADAPTER_EDIT: VmkernelAdapterEdit = {
  portProperties: { ipSettings: "ipv4", mtu: { mode: "custom", value: 1400 }, services: ["vSphereReplication"] },
  ipv4Settings: { mode: "static", address: "192.168.60.21", subnetMask: "255.255.255.0", overrideGateway: false },
};
const SWITCH_EDIT: StandardSwitchEdit = {
  mtu: 9000,
  teaming: {
    policy: "failover_explicit",
    notifySwitches: false,
    failback: false,
    failoverOrder: { active: ["vmnic2"], standby: [], unused: [] },
  },
};
const storage = (net: HostNetworking) => net.distributedPortgroups.find((p) => p.name === "DPG-Storage")!.key;

/** The connection types added after the VMkernel adapter, and the changes after a create, each measured as the adapter's create is. */
const OTHER_CREATES: (CreateBench & { title: string; setup: string })[] = [
  {
    title: "virtual machine port group create",
    setup: 'a new standard switch with uplink vmnic2, port group "VM-Bench" VLAN 40',
    path: "port-groups",
    model: () => PORT_GROUP,
    plan: (host) => buildPortGroupPlan(host, PORT_GROUP),
  },
  {
    title: "physical network adapter create",
    setup: "vmnic2 added to vSwitch0 as its standby adapter",
    path: "physical-adapters",
    model: () => UPLINKS,
    plan: (host) => buildUplinksPlan(host, UPLINKS),
  },
  {
    title: "VMkernel adapter edit",
    setup: "vmk1 (vMotion on vSwitch0) given a new address, MTU 1400, vSphere Replication for vMotion",
    method: "PATCH",
    status: 200,
    path: "vmkernel-adapters/vmk1",
    prepare: withAdapter,
    model: () => ADAPTER_EDIT,
    plan: (host, net) => buildAdapterEditPlan(host, "vmk1", ADAPTER_EDIT, net),
  },
  {
    title: "VMkernel adapter migration",
    setup: "vmk1 migrated from vSwitch0 to the distributed port group DPG-Storage",
    status: 200,
    path: "vmkernel-adapters/vmk1/migration",
    prepare: withAdapter,
    model: (net) => ({ to: "distributed", portgroupKey: storage(net) }),
    plan: (host, net) => buildMigratePlan(host, "vmk1", { to: "distributed", portgroupKey: storage(net) }),
  },
  {
    title: "move to another TCP/IP stack",
    setup: "vmk1 moved from the default stack to the vMotion stack: removed and added again",
    status: 200,
    path: "vmkernel-adapters/vmk1/stack-move",
    prepare: withAdapter,
    model: () => ({ tcpipStack: "vmotion" }),
    plan: (host, net) => buildStackMovePlan(host, "vmk1", "vmotion", net),
  },
  {
    title: "VMkernel adapter removal",
    setup: "vmk1 removed",
    method: "DELETE",
    status: 200,
    path: "vmkernel-adapters/vmk1",
    prepare: withAdapter,
    plan: (host) => buildRemovalPlan(host, "vmk1"),
  },
  {
    title: "port group edit",
    setup: '"VM Network" renamed "VM Web", VLAN 20',
    method: "PATCH",
    status: 200,
    path: "port-groups/VM%20Network",
    model: () => ({ networkLabel: "VM Web", vlanId: 20 }),
    plan: (host) => buildPortGroupEditPlan(host, "VM Network", { networkLabel: "VM Web", vlanId: 20 }),
  },
  {
    title: "port group removal",
    setup: '"VM Network" removed',
    method: "DELETE",
    status: 200,
    path: "port-groups/VM%20Network",
    plan: (host) => buildPortGroupRemovalPlan(host, "VM Network"),
  },
  {
    title: "standard switch edit",
    setup: "vSwitch1 (vmnic2, port group VM-Bench) set to MTU 9000 and explicit failover",
    method: "PATCH",
    status: 200,
    path: "standard-switches/vSwitch1",
    prepare: withSwitch,
    model: () => SWITCH_EDIT,
    plan: (host) => buildSwitchEditPlan(host, "vSwitch1", SWITCH_EDIT),
  },
  {
    title: "standard switch removal",
    setup: "vSwitch1 removed with its port group VM-Bench",
    method: "DELETE",
    status: 200,
    path: "standard-switches/vSwitch1",
    prepare: withSwitch,
    plan: (host) => buildSwitchRemovalPlan(host, "vSwitch1"),
  },
];

interface CreateFigure {
  apiMs: number[];
  directMs: number[];
  apiCalls: number;
  /** The round trips the API's request waited on in turn, as the proxy saw them (overlapping calls are one). */
  apiWaves: number;
  apiVimMs: number[];
  methods: string[];
}

/** One create set up to be measured: its simulator, API and direct replay, and one timed run of each. */
interface CreateRig {
  run(): Promise<{ apiMs: number; directMs: number; calls: ProxiedCall[] }>;
  methods: string[];
  close(): Promise<void>;
}

/** `hosts` in the simulator's inventory; `delayMs` added to every vim25 call, the API's and the direct replay's alike. */
interface CreateSetup {
  hosts?: number;
  delayMs?: number;
}

async function createRig(bench: CreateBench, { hosts = 9, delayMs = 0 }: CreateSetup): Promise<CreateRig> {
  const sim = await startSimulator(hosts, ["--control-token", CONTROL_TOKEN]);
  const base = sim.url.replace(/\/sdk$/, "");
  const reset = async () => {
    const res = await httpRequest(`${base}/sim/reset`, { method: "POST", headers: { Authorization: `Bearer ${CONTROL_TOKEN}` } });
    if (res.status !== 200) throw new Error(`reset: ${res.status}`);
  };
  const api = await startApi(sim.url, { delayMs });
  const directProxy = await startVimProxy(sim.url, { delayMs });
  let direct: VCenter | undefined;
  const close = async () => {
    direct?.close();
    await directProxy.close();
    await api.close();
    sim.child.kill("SIGTERM");
  };
  try {
    const { cookie, csrf } = await signIn(api.base);
    const page = await getJson<HostsPage>(`${api.base}/api/v1/hosts?search=esx-01.lab.local`, cookie);
    const hostId = page.items.find((h) => h.name === "esx-01.lab.local")!.id;

    // What the change starts from, made through the API and not timed.
    let key = 0;
    const send = async (method: string, path: string, body: unknown, status: number) => {
      const res = await httpRequest(`${api.base}/api/v1/hosts/${hostId}/${path}`, {
        method,
        headers: {
          Cookie: cookie,
          "X-CSRF-Token": csrf,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          "Idempotency-Key": `bench-create-${process.pid}-${++key}`,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 500)}`);
    };
    const fresh = async () => {
      await reset();
      if (bench.prepare) await send("POST", bench.prepare.path, bench.prepare.model, 201);
    };

    // The direct replay: its own session on the same simulator, and the very calls the API's plan makes.
    direct = await connectVCenter({ url: directProxy.url });
    const login = await direct.login(ADMIN.username, ADMIN.password);
    await fresh();
    const host = await readHost(new VimSession(direct, login.cookie, login.userSession.key), hostId);
    const net = networkingView(host);
    const plan = bench.plan(host, net);
    const body = bench.model?.(net);
    const vcenter = direct;
    const replay = async () => {
      let device = "";
      for (const step of plan.steps) {
        const result = await vcenter.invoke(login.cookie, step.method as VimMethod, step.object, withDevice(step.args, device) as never);
        if (step.method === "AddVirtualNic") device = String(result);
      }
      if (plan.kind === "adapter" && !/^vmk\d+$/.test(device)) throw new Error(`the replay made no vmk: ${device}`);
    };
    // As in the wizard, the host is shown before Finish (which also opens the inventory its addresses are checked in).
    const viaApi = () => send(bench.method ?? "POST", bench.path, body, bench.status ?? 201);
    await getJson(`${api.base}/api/v1/hosts/${hostId}/networking`, cookie);
    return {
      methods: plan.steps.map((s) => s.method),
      close,
      // Fresh host state before each of the two.
      async run() {
        await fresh();
        const before = api.calls.length;
        const a = await timed(viaApi);
        const calls = api.calls.slice(before);
        await fresh();
        const d = await timed(replay);
        return { apiMs: a.ms, directMs: d.ms, calls };
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Each set-up's create and direct replay, the set-ups taking turns in one loop (and the two paths alternating within
 * each) so that a load on the shared machine that comes or goes falls on all alike.
 */
async function measureCreates<const S extends readonly CreateSetup[]>(
  bench: CreateBench,
  setups: S,
): Promise<{ [K in keyof S]: CreateFigure }> {
  const rigs: CreateRig[] = [];
  try {
    for (const setup of setups) rigs.push(await createRig(bench, setup));
    const figures: CreateFigure[] = rigs.map((rig) => ({
      apiMs: [],
      directMs: [],
      apiVimMs: [],
      apiCalls: 0,
      apiWaves: 0,
      methods: rig.methods,
    }));
    for (let i = 0; i < WARMUP + CREATE_RUNS; i++) {
      for (const [n, rig] of rigs.entries()) {
        const { apiMs, directMs, calls } = await rig.run();
        if (i < WARMUP) continue;
        const figure = figures[n]!;
        figure.apiMs.push(apiMs);
        figure.apiVimMs.push(inFlightMs(calls));
        figure.apiCalls = calls.length;
        figure.apiWaves = waves(calls);
        figure.directMs.push(directMs);
      }
    }
    return figures as { [K in keyof S]: CreateFigure };
  } finally {
    for (const rig of rigs) await rig.close();
  }
}

const measureCreate = async (bench: CreateBench) => (await measureCreates(bench, [{}]))[0];

// The create at 9 hosts and at 2,500 (issue 12: the create does not grow with the inventory), in turn.
const [create, create2500] = await measureCreates(CREATE_ADAPTER, [{}, { hosts: 2500 }]);
const createApi = median(create.apiMs);
const createDirect = median(create.directMs);
console.log(
  `create: API ${createApi.toFixed(1)} ms, direct replay ${createDirect.toFixed(1)} ms (×${(createApi / createDirect).toFixed(1)})`,
);
/** "1 vim25 call", "2 vim25 calls". */
const vimCalls = (n: number) => `${n} vim25 call${n === 1 ? "" : "s"}`;
const otherCreates: { bench: (typeof OTHER_CREATES)[number]; figure: CreateFigure }[] = [];
for (const bench of OTHER_CREATES) {
  const figure = await measureCreate(bench);
  const [a, d] = [median(figure.apiMs), median(figure.directMs)];
  console.log(`${bench.title}: API ${a.toFixed(1)} ms, direct replay ${d.toFixed(1)} ms (×${(a / d).toFixed(1)})`);
  otherCreates.push({ bench, figure });
}

// Issue 12's targets for the create and the sign-in, each against its floor or a peer measured here.
const TRIP_DELAY_MS = 20;
const [createSlow] = await measureCreates(CREATE_ADAPTER, [{ delayMs: TRIP_DELAY_MS }]);
console.log(
  `create at 2,500 hosts ${median(create2500.apiMs).toFixed(1)} ms; at ${TRIP_DELAY_MS} ms a call: API ${median(createSlow.apiMs).toFixed(1)} ms, replay ${median(createSlow.directMs).toFixed(1)} ms`,
);

/** Sign-in's round trips, as the counting proxy sees them (after a first sign-in has read the ServiceContent). */
async function measureSignIn(): Promise<{ calls: string[]; waves: number }> {
  const sim = await startSimulator(9);
  const api = await startApi(sim.url);
  try {
    await signIn(api.base);
    const from = api.calls.length;
    await signIn(api.base);
    // Calls the sign-in waited on: sent before its reply (work it starts for later, e.g. recovery, is not its wait).
    const calls = api.calls.slice(from);
    return { calls: calls.map((c) => c.method), waves: waves(calls) };
  } finally {
    await api.close();
    sim.child.kill("SIGTERM");
  }
}
const signInTrips = await measureSignIn();
console.log(`sign-in: ${signInTrips.waves} round trips (${signInTrips.calls.join(", ")})`);

// The journal: bench/journal.ts as its own processes (a SQLite journal of BENCH_JOURNAL_ENTRIES entries, default
// 1,000,000, and of 1,000, each read by an API process of its own); it writes its report section to bench/out/journal.md.
const journalExit = await new Promise<number | null>((resolve) => {
  spawn(process.execPath, ["--import", "tsx", "bench/journal.ts", "--step"], { cwd: ROOT, stdio: "inherit" }).once("exit", resolve);
});
if (journalExit !== 0) throw new Error(`bench/journal.ts failed (exit ${journalExit}): no journal figures`);
const journalSection = readFileSync(new URL("out/journal.md", import.meta.url), "utf8");

// Load (issue 5): `pnpm load` with its defaults, as its own processes; it writes bench/out/load.json.
interface LoadFigures {
  command: string;
  users: number;
  latencyMs: number;
  usersSucceeded: number;
  errors: number;
  requests: number;
  wallMs: number;
  throughputRps: number;
  api: { idleRssMiB: number; peakRssMiB: number; cpuSeconds: number };
  endpoints: { endpoint: string; count: number; p50Ms: number; p95Ms: number; p99Ms: number }[];
  /** A lone user's requests: median time, and the API's CPU for each. */
  lone: { runs: number; endpoints: { endpoint: string; p50Ms: number; cpuMs: number }[] };
}
/** `pnpm load` with its defaults, for this checkout's API or the baseline's (`--api-root`); its figures. */
async function runLoad(apiRoot?: string): Promise<LoadFigures> {
  const out = apiRoot ? "bench/out/load-baseline.json" : "bench/out/load.json";
  const exit = await new Promise<number | null>((resolve) => {
    const args = ["--import", "tsx", "bench/load.ts", "--out", out, ...(apiRoot ? ["--api-root", apiRoot] : [])];
    spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" }).once("exit", resolve);
  });
  if (exit !== 0) throw new Error(`pnpm load failed (exit ${exit}): no load figures`);
  return JSON.parse(readFileSync(join(ROOT, out), "utf8")) as LoadFigures;
}
const loadBaseline = "root" in apiBaseline ? await runLoad(apiBaseline.root) : undefined;
const load = await runLoad();
const rollouts = await measureRollouts();

const [, mid, large] = figures as [Figure, Figure, Figure];
const report = `# addnet benchmark report

Written by \`pnpm bench\` (bench/run.ts) on ${new Date().toISOString()}.
Machine: ${machine}.
Every figure below was produced by that one command on that machine.

## Simulator: full-inventory RetrievePropertiesEx of \`config.network\`

One call through a ContainerView over every HostSystem, no paging; ${RUNS} runs each against a fresh simulator
process (\`node --import tsx packages/simulator/src/cli.ts --hosts N\`). Memory is the simulator process's own
resident set: idle after start-up, and its peak after the runs.

| hosts | median wall time | fastest | response size | idle RSS | peak RSS |
|---:|---:|---:|---:|---:|---:|
${figures
  .map(
    (f) =>
      `| ${f.hosts} | ${f.medianMs.toFixed(1)} ms | ${f.minMs.toFixed(1)} ms | ${(f.bytes / 1024).toFixed(0)} KiB | ${f.idleRssMiB.toFixed(0)} MiB | ${f.peakRssMiB.toFixed(0)} MiB |`,
  )
  .join("\n")}

Growth from 250 to 2,500 hosts (10× the hosts): wall time ×${(large.medianMs / mid.medianMs).toFixed(1)}, response size ×${(large.bytes / mid.bytes).toFixed(1)}, peak RSS ×${(large.peakRssMiB / mid.peakRssMiB).toFixed(1)}.

## vim25: the simulator next to VMware's vcsim, and the client's decode

The same read (every host's \`config.network\` through a ContainerView) by the same client in this run: the simulator
at 2,500 hosts (a process of its own), and VMware's vcsim (govmomi 0.24.2, \`packages/vsphere/interop/vcsim -hosts
2500\`, built with Debian's Go) at 2,500 standalone hosts, read in turn in one loop (which goes first alternates) after
one untimed read each, ${VCSIM_RUNS} runs each, median. The two inventories' hosts differ, and so do the replies' sizes: the ratio is
given per read and per byte. Peak RSS: the simulator process's VmHWM once those reads are done.

| server | median | fastest | response size | peak RSS |
|---|---:|---:|---:|---:|
| simulator, 2,500 hosts | ${vsVcsim.simulator.medianMs.toFixed(1)} ms | ${vsVcsim.simulator.minMs.toFixed(1)} ms | ${(vsVcsim.simulator.bytes / 1024).toFixed(0)} KiB | ${vsVcsim.simulator.peakRssMiB.toFixed(0)} MiB |
| vcsim, 2,500 hosts | ${vsVcsim.vcsim.medianMs.toFixed(1)} ms | ${vsVcsim.vcsim.minMs.toFixed(1)} ms | ${(vsVcsim.vcsim.bytes / 1024).toFixed(0)} KiB | |

**Simulator ÷ vcsim: ×${vcsimRatio.toFixed(2)}** per read (×${(vsVcsim.simulator.medianMs / vsVcsim.simulator.bytes / (vsVcsim.vcsim.medianMs / vsVcsim.vcsim.bytes)).toFixed(2)} per byte); issue 12's target is at most ×${VCSIM_TARGET}: ${vcsimRatio <= VCSIM_TARGET ? "it holds" : "**it does not hold**"}.

addnet's client reading the 250-host reply (${(decode.bytes / 1024).toFixed(0)} KiB, saved from the simulator and served by a stub on
loopback) through \`VCenter.retrieve\` — HTTP, XML parse, decode by the generated vim25 description: **${decode.clientMs.toFixed(1)} ms**
(median of ${DECODE_RUNS}); the XML parse alone (\`parseXml\`, its floor): ${decode.parseMs.toFixed(1)} ms, so ×${(decode.clientMs / decode.parseMs).toFixed(1)} the floor.
${
  decode.baselineMs === null
    ? `No baseline client was measured (${"why" in apiBaseline ? apiBaseline.why : ""}).`
    : `The baseline's client (commit \`${BASELINE_REV.slice(0, 12)}\`, before issue 12: the soap package's HTTP transport over axios, and its XML
parse), read in turn with it in the same loop: **${decode.baselineMs.toFixed(1)} ms**, so today's reads it ×${(decode.baselineMs / decode.clientMs).toFixed(2)} faster.`
}

${hostsSection(listing, machine).trim()}

## API: the create call next to a direct replay of its vim25 calls

\`pnpm bench\` on ${machine}. The same simulator process (9 hosts, \`--control-token\`) serves both; \`POST /sim/reset\`
before every run gives both the same fresh host (esx-01.lab.local). ${CREATE_RUNS} runs each after ${WARMUP} warm-ups, alternating.

- **addnet**: \`POST /api/v1/hosts/{id}/vmkernel-adapters\` (new standard switch, MTU 9000, uplink vmnic2, port group
  "vMotion" VLAN 30, static IPv4, vMotion TCP/IP stack), over HTTP to the API in this process, with Node's own HTTP
  client on a keep-alive agent as the replay's calls are made: session and CSRF
  checks, Idempotency-Key record, host lock, reading the host and the inventory's addresses, preflight, the calls,
  reading the host back, the audit line.
- **direct replay**: the same ${create.methods.length} calls (${create.methods.join(" → ")}), with the same arguments (the API's own plan
  for that host), through \`VCenter.invoke\` of @addnet/vsphere, one signed-in session, nothing else.

| | median | fastest | slowest |
|---|---:|---:|---:|
| addnet create (${create.apiCalls} vim25 calls) | ${createApi.toFixed(1)} ms | ${Math.min(...create.apiMs).toFixed(1)} ms | ${Math.max(...create.apiMs).toFixed(1)} ms |
| direct replay (${create.methods.length} vim25 calls) | ${createDirect.toFixed(1)} ms | ${Math.min(...create.directMs).toFixed(1)} ms | ${Math.max(...create.directMs).toFixed(1)} ms |

**addnet's own overhead: ×${(createApi / createDirect).toFixed(1)}** the direct replay's time (median over median), ${(createApi - createDirect).toFixed(1)} ms more per create.
Of the create's median ${createApi.toFixed(1)} ms, at least one of its ${create.apiCalls} vim25 calls was in flight for ${median(create.apiVimMs).toFixed(1)} ms (median; the
reads before the change run in parallel); the other ${(createApi - median(create.apiVimMs)).toFixed(1)} ms are the API itself: HTTP, validation, session store,
Idempotency-Key record, preflight, plan, audit line. The extra vim25 calls are the reads that make the create safe
(the host and the inventory's addresses before, privileges, the host again afterwards to return the adapter as it is).

${otherCreates
  .map(({ bench, figure: f }) => {
    const [a, d] = [median(f.apiMs), median(f.directMs)];
    return `
## API: the ${bench.title} next to a direct replay of its vim25 calls

The same set-up: \`${bench.method ?? "POST"} /api/v1/hosts/{id}/${bench.path}\` (${bench.setup}) next to ${vimCalls(f.methods.length)}
(${f.methods.join(" → ")}) replayed directly.

| | median | fastest | slowest |
|---|---:|---:|---:|
| addnet (${vimCalls(f.apiCalls)}) | ${a.toFixed(1)} ms | ${Math.min(...f.apiMs).toFixed(1)} ms | ${Math.max(...f.apiMs).toFixed(1)} ms |
| direct replay (${vimCalls(f.methods.length)}) | ${d.toFixed(1)} ms | ${Math.min(...f.directMs).toFixed(1)} ms | ${Math.max(...f.directMs).toFixed(1)} ms |

**×${(a / d).toFixed(1)}** the direct replay's time. Its extra calls are the host before and after, the privileges${bench.path.startsWith("vmkernel-adapters/") && bench.method !== "DELETE" ? ", and the inventory's addresses (an adapter's address is checked across every host)" : ""}.
`;
  })
  .join("")}`;
const at = (f: CreateFigure) => median(f.apiMs);
const SIGN_IN = "POST /api/v1/session";
const CREATE = "POST /api/v1/hosts/{hostId}/vmkernel-adapters";
const loneOf = (f: LoadFigures, endpoint: string) => f.lone.endpoints.find((e) => e.endpoint === endpoint)!;
const usersOf = (f: LoadFigures, endpoint: string) => f.endpoints.find((e) => e.endpoint === endpoint)!;
const signInRatio = usersOf(load, SIGN_IN).p50Ms / loneOf(load, SIGN_IN).p50Ms;
const createCpu = loneOf(load, CREATE).cpuMs;
const baselineRows: TargetRow[] = [];
if (loadBaseline && decode.baselineMs !== null) {
  const throughput = load.throughputRps / loadBaseline.throughputRps;
  const cpuRatio = createCpu / loneOf(loadBaseline, CREATE).cpuMs;
  const faster = decode.baselineMs / decode.clientMs;
  baselineRows.push(
    [
      "API CPU per create ÷ the baseline's (a lone user's, 59 hosts)",
      `×${cpuRatio.toFixed(2)} (${createCpu.toFixed(1)} ms ÷ ${loneOf(loadBaseline, CREATE).cpuMs.toFixed(1)} ms)`,
      "≤ 0.5",
      cpuRatio <= 0.5,
    ],
    [
      "client read of the 250-host reply, the baseline's ÷ today's",
      `×${faster.toFixed(2)} (${decode.baselineMs.toFixed(1)} ms ÷ ${decode.clientMs.toFixed(1)} ms)`,
      "≥ 2",
      faster >= 2,
    ],
    [
      `load of ${load.users} users: throughput ÷ the baseline's`,
      `×${throughput.toFixed(2)} (${load.throughputRps.toFixed(1)} ÷ ${loadBaseline.throughputRps.toFixed(1)} requests/s)`,
      "≥ 2",
      throughput >= 2,
    ],
  );
}
const targetRows: TargetRow[] = [
  [
    "simulator ÷ vcsim, full read at 2,500 hosts",
    `×${vcsimRatio.toFixed(2)} (${vsVcsim.simulator.medianMs.toFixed(1)} ms ÷ ${vsVcsim.vcsim.medianMs.toFixed(1)} ms)`,
    `≤ ${VCSIM_TARGET}`,
    vcsimRatio <= VCSIM_TARGET,
  ],
  [
    "first page of GET /api/v1/hosts at 2,500 hosts ÷ at 250",
    `×${(listing.at2500Ms / listing.at250Ms).toFixed(2)} (${listing.at2500Ms.toFixed(1)} ms ÷ ${listing.at250Ms.toFixed(1)} ms)`,
    `≤ ${LIST_TARGET}`,
    listing.at2500Ms / listing.at250Ms <= LIST_TARGET,
  ],
  ["sign-in: sequential vim25 round trips", `${signInTrips.waves} (${signInTrips.calls.join(" → ")})`, "≤ 3", signInTrips.waves <= 3],
  ["create: sequential vim25 round trips", `${create.apiWaves} (${create.apiCalls} calls)`, "≤ 5", create.apiWaves <= 5],
  [
    "create at 2,500 hosts ÷ create at 9 hosts",
    `×${(at(create2500) / createApi).toFixed(2)} (${at(create2500).toFixed(1)} ms ÷ ${createApi.toFixed(1)} ms)`,
    "≤ 1.3",
    at(create2500) / createApi <= 1.3,
  ],
  [
    `create ÷ direct replay of its ${createSlow.methods.length} calls, ${TRIP_DELAY_MS} ms a call`,
    `×${(at(createSlow) / median(createSlow.directMs)).toFixed(2)} (${at(createSlow).toFixed(1)} ms ÷ ${median(createSlow.directMs).toFixed(1)} ms)`,
    "≤ 1.8",
    at(createSlow) / median(createSlow.directMs) <= 1.8,
  ],
  [
    `sign-in p50: ${load.users} users at once ÷ a lone user`,
    `×${signInRatio.toFixed(2)} (${usersOf(load, SIGN_IN).p50Ms.toFixed(0)} ms ÷ ${loneOf(load, SIGN_IN).p50Ms.toFixed(0)} ms)`,
    "≤ 2",
    signInRatio <= 2,
  ],
  ["API CPU per create at 59 hosts (a lone user's, median)", `${createCpu.toFixed(1)} ms`, "≤ 22 ms", createCpu <= 22],
  ...baselineRows,
  ...rolloutTargets(rollouts),
];
const targetsSection = `
## Issue 12: round trips, scale and the simulator, against their targets

\`pnpm bench\` on ${machine}. The vim25 calls are counted by a proxy between the API and the simulator
(test/support/vim-proxy.ts), not by the API; calls that overlap in time are one round trip. The create is the one
above (a vMotion adapter on a new standard switch, after the wizard has shown the host), ${CREATE_RUNS} runs each: on a
9-host and on a 2,500-host simulator taking turns in one loop, and with ${TRIP_DELAY_MS} ms added to every call by the proxy, next to the direct
replay of its calls through a proxy with the same delay. The sign-in, CPU and throughput rows come from \`pnpm load\` (below):
its lone user's ${load.lone.runs} runs before its ${load.users} users, the API's CPU read from /proc for each of the lone user's
requests. The **baseline** is commit \`${BASELINE_REV.slice(0, 12)}\` (before issue 12; bench/baseline.ts), checked out and
installed beside this one: its client reads the same reply in turn with today's, and \`pnpm load --api-root\` runs its API
against the same simulator, in this run.

${targetTable(targetRows)}
`;
const loadSection = `
## Load: \`${load.command}\`

Run by \`pnpm bench\` (through \`pnpm load\`'s defaults) on ${machine}: the simulator (per-call latency ${load.latencyMs} ms)
and the API as their own processes; ${load.users} users at once, each signing in, listing hosts, reading its own host's
networking, creating a VMkernel adapter on that host (vMotion stack, new standard switch) and signing out.
**${load.usersSucceeded} of ${load.users} users succeeded, ${load.errors} errors.** ${load.requests} requests in ${(load.wallMs / 1000).toFixed(1)} s: ${load.throughputRps.toFixed(1)} requests/s.
The API's memory: ${load.api.idleRssMiB.toFixed(0)} MiB idle, **${load.api.peakRssMiB.toFixed(0)} MiB at its peak** (VmHWM); ${load.api.cpuSeconds.toFixed(1)} s of CPU.

| endpoint | requests | p50 | p95 | p99 | a lone user: p50 | the API's CPU for it |
|---|---:|---:|---:|---:|---:|---:|
${load.endpoints.map((e) => `| ${e.endpoint} | ${e.count} | ${e.p50Ms.toFixed(0)} ms | ${e.p95Ms.toFixed(0)} ms | ${e.p99Ms.toFixed(0)} ms | ${loneOf(load, e.endpoint).p50Ms.toFixed(0)} ms | ${loneOf(load, e.endpoint).cpuMs.toFixed(1)} ms |`).join("\n")}
${
  loadBaseline
    ? `
The same load on the baseline's API (\`${loadBaseline.command.replace(/--api-root \S+/, `--api-root <${BASELINE_REV.slice(0, 12)}>`)}\`), in this run:
${loadBaseline.usersSucceeded} of ${loadBaseline.users} users succeeded; ${loadBaseline.requests} requests in ${(loadBaseline.wallMs / 1000).toFixed(1)} s: ${loadBaseline.throughputRps.toFixed(1)} requests/s; ${loadBaseline.api.cpuSeconds.toFixed(1)} s of the API's CPU.

| endpoint | p50 | p95 | a lone user: p50 | the API's CPU for it |
|---|---:|---:|---:|---:|
${loadBaseline.endpoints.map((e) => `| ${e.endpoint} | ${e.p50Ms.toFixed(0)} ms | ${e.p95Ms.toFixed(0)} ms | ${loneOf(loadBaseline, e.endpoint).p50Ms.toFixed(0)} ms | ${loneOf(loadBaseline, e.endpoint).cpuMs.toFixed(1)} ms |`).join("\n")}
`
    : ""
}`;
// Web app (issue 4): e2e/bench/web-perf.ts as its own process (it needs e2e's Playwright and Debian's chromium):
// gzip size of the JS and CSS the sign-in and wizard routes load, and the time to the first wizard page being
// interactive. It writes its report section to bench/out/web.md.
const webExit = await new Promise<number | null>((resolve) => {
  spawn(process.execPath, ["--import", "tsx", "e2e/bench/web-perf.ts"], { cwd: ROOT, stdio: "inherit" }).once("exit", resolve);
});
if (webExit !== 0) throw new Error(`e2e/bench/web-perf.ts failed (exit ${webExit}): no web figures`);
const webSection = readFileSync(new URL("out/web.md", import.meta.url), "utf8");

writeFileSync(
  new URL("REPORT.md", import.meta.url),
  report + targetsSection + rolloutSection(rollouts, machine) + journalSection + loadSection + webSection,
);
console.log("wrote bench/REPORT.md");
