/**
 * Many users creating VMkernel adapters at once through nginx and several API replicas, with a share of the vim25 calls
 * failing at the fault proxy (faults, dropped connections, lost replies, no answers) and optionally a replica killed
 * with SIGKILL mid-run; then what the users were told is compared with what the hosts have and what the journal holds.
 * Clients behave as the web app does: a reply that never came, a 5xx or IN_PROGRESS is retried with the same
 * Idempotency-Key, an ended session is signed in again and the request retried.
 */
import type { CreatedAdapter, Problem, VmkernelAdapterModel } from "@addnet/contracts";
import { connectVCenter, type HostVirtualNic, type HostNetworkInfo, type MoRef } from "@addnet/vsphere";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";

import type { Schema } from "../src/journal/database.ts";
import { HttpBrowser } from "../../../test/support/http-browser.ts";
import { onVSwitch0 } from "./route-suites/support.ts";
import { startTopology, type Topology } from "../../../test/support/topology.ts";

const ADMIN = { username: "administrator@vsphere.local", password: "VMware1!" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ChaosOptions {
  users: number;
  /** Share of vim25 calls that fail while the users work. */
  faultRate: number;
  replicas: number;
  /** SIGKILL one replica this long after the users start (never restarted); none if undefined. */
  killAfterMs?: number;
  seed?: number;
}

export interface ChaosResult {
  attempted: number;
  /** Replies: 201, or a problem that says the adapter remains (PARTIALLY_APPLIED with AddVirtualNic not undone). */
  reportedCreated: number;
  reportedFailed: number;
  /** Requests that got no final answer in the time allowed. */
  unanswered: number;
  /** For each request with no final answer, the last answer it had. */
  lastAnswers: string[];
  onHosts: number;
  journaledCreated: number;
  /** Adapters, port groups or switches on the hosts that differ from what the users were told. */
  differences: string[];
  /** Adapters on the hosts without a journal entry that made them, or journal successes without their adapter. */
  unjournaled: string[];
  /** Two adapters with one address, or one request's adapter made twice. */
  duplicates: string[];
  /** Journal entries still running once the run has settled. */
  stillRunning: number;
  faultsInjected: number;
  killed: boolean;
  seconds: number;
}

/** User i's request: a port group of its own on vSwitch0; every fifth user takes an address another already asked for. */
function request(
  i: number,
  users: number,
  hostIds: string[],
): { hostId: string; label: string; address: string; model: VmkernelAdapterModel } {
  const distinct = users - Math.floor(users / 5);
  const n = i % distinct;
  const address = `10.77.${Math.floor(n / 200)}.${(n % 200) + 10}`;
  const label = `chaos-${i}`;
  return {
    hostId: hostIds[i % hostIds.length]!,
    label,
    address,
    // Half with a service: one more step to fail and undo.
    model: onVSwitch0(label, address, { services: i % 2 ? ["vmotion"] : [] }),
  };
}

type Told =
  | { kind: "created"; device: string }
  | { kind: "remains"; device: string }
  /** Not made, but for the steps the reply names as not undone (PARTIALLY_APPLIED). */
  | { kind: "failed"; code: string; remains: string[] }
  /** No final answer before the deadline: the last answer seen, for the report. */
  | { kind: "unanswered"; last: string };

/** One user: signs in (again as often as needed) and creates, retrying as the web app does until a final answer. */
async function user(t: Topology, hostId: string, model: VmkernelAdapterModel, key: string, deadline: number): Promise<Told> {
  const browser = new HttpBrowser(t.url);
  let signedIn = false;
  let last = "no reply";
  while (Date.now() < deadline) {
    try {
      if (!signedIn) {
        const res = await browser.login(ADMIN);
        await res.body?.cancel();
        signedIn = res.status === 200;
        if (!signedIn) {
          await sleep(200);
          continue;
        }
      }
      const res = await browser.request("POST", `/api/v1/hosts/${hostId}/vmkernel-adapters`, model, { "idempotency-key": key });
      if (res.status === 201) return { kind: "created", device: ((await res.json()) as CreatedAdapter).adapter.device };
      const problem = (await res.json().catch(() => undefined)) as Problem | undefined;
      last = `${res.status} ${problem?.code ?? ""}`;
      if (problem?.code === "SESSION_EXPIRED" || problem?.code === "NOT_SIGNED_IN") {
        signedIn = false;
        continue;
      }
      const final = res.headers.get("idempotent-replayed") === "true" || (res.status < 500 && res.status !== 409);
      if (final && problem) {
        const vnic = problem.steps?.find((s) => s.method === "AddVirtualNic");
        const device = problem.outcome?.flatMap((m) => m.items ?? []).find((m) => m.code === "outcome.adapter")?.params?.device;
        if (vnic?.status === "undo-failed" && device) return { kind: "remains", device: String(device) };
        return {
          kind: "failed",
          code: problem.code,
          remains: (problem.steps ?? []).filter((s) => s.status === "undo-failed").map((s) => s.method),
        };
      }
    } catch {
      // No reply at all (the replica died, the connection dropped): the same key again.
      last = "no reply";
    }
    await sleep(150 + Math.random() * 250);
  }
  return { kind: "unanswered", last };
}

interface HostNow {
  name: string;
  vnics: HostVirtualNic[];
  portgroups: string[];
}

/** The hosts as vCenter has them, read past the fault proxy with a vim25 client of their own. */
async function hostsNow(simUrl: string): Promise<Map<string, HostNow>> {
  const vc = await connectVCenter({ url: `${simUrl}/sdk`, timeoutMs: 30_000 });
  try {
    const { cookie } = await vc.login(ADMIN.username, ADMIN.password);
    const view = (await vc.invoke(cookie, "CreateContainerView", vc.content.viewManager!, {
      container: vc.content.rootFolder,
      type: ["HostSystem"],
      recursive: true,
    })) as MoRef;
    const contents = await vc.retrieve(cookie, [
      {
        propSet: [{ type: "HostSystem", pathSet: ["name", "config.network"] }],
        objectSet: [{ obj: view, skip: true, selectSet: [{ _type: "TraversalSpec", type: "ContainerView", path: "view", skip: false }] }],
      },
    ]);
    await vc.logout(cookie);
    return new Map(
      contents.map((c) => {
        const props = Object.fromEntries(c.propSet.map((p) => [p.name, p.val]));
        const net = props["config.network"] as HostNetworkInfo | undefined; // a disconnected host has none
        return [
          c.obj.value,
          { name: String(props.name), vnics: net?.vnic ?? [], portgroups: (net?.portgroup ?? []).map((p) => p.spec.name) },
        ];
      }),
    );
  } finally {
    vc.close();
  }
}

export async function runChaos(o: ChaosOptions, log: (line: string) => void = () => undefined): Promise<ChaosResult> {
  const started = Date.now();
  const t = await startTopology({
    replicas: o.replicas,
    faultSeed: o.seed ?? 1,
    env: {
      // 50 users are one principal here: the sign-in limit is not what this run is about.
      LOGIN_RATE_LIMIT_PER_MINUTE: "100000",
      JOURNAL_LEASE_MS: "3000",
      VCENTER_TIMEOUT_MS: "3000",
    },
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.databaseUrl, max: 2 }) }) });
  try {
    const before = await hostsNow(t.simUrl);
    const hostIds = [...before.keys()].sort();
    const requests = Array.from({ length: o.users }, (_, i) => request(i, o.users, hostIds));
    const run = `${process.pid}-${Date.now().toString(36)}`;
    t.proxy.rate = o.faultRate;
    const deadline = Date.now() + 120_000;
    let killed = false;
    const kill =
      o.killAfterMs === undefined
        ? Promise.resolve()
        : sleep(o.killAfterMs).then(async () => {
            await t.replicas[t.replicas.length - 1]!.kill("SIGKILL");
            killed = true;
            log(`killed replica ${t.replicas.length} with SIGKILL`);
          });
    const told = await Promise.all(requests.map((r, i) => user(t, r.hostId, r.model, `chaos-${run}-${i}`, deadline)));
    await kill;
    const codes = new Map<string, number>();
    for (const x of told) if (x.kind === "failed") codes.set(x.code, (codes.get(x.code) ?? 0) + 1);
    log(`failures by code: ${[...codes].map(([c, n]) => `${c} ${n}`).join(", ")}`);
    const faultsInjected = Object.values(t.proxy.stats().injected).reduce((a, b) => a + b, 0);
    t.proxy.rate = 0;

    // Settled: nothing left running in the journal (recovery takes over the killed replica's changes after their lease).
    const running = () =>
      db
        .selectFrom("journal")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("outcome", "=", "running")
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    for (const until = Date.now() + 60_000; (await running()) > 0 && Date.now() < until;) await sleep(500);
    const stillRunning = await running();

    const after = await hostsNow(t.simUrl);
    const rows = await db.selectFrom("journal").selectAll().where("action", "=", "vmkernel-adapter.create").execute();
    const differences: string[] = [];
    const unjournaled: string[] = [];
    const duplicates: string[] = [];
    const byAddress = new Map<string, string[]>();
    let onHosts = 0;
    for (const [id, h] of after) {
      const known = new Set(before.get(id)!.vnics.map((v) => v.device));
      for (const v of h.vnics.filter((x) => !known.has(x.device))) {
        onHosts++;
        const where = `${h.name} ${v.device} (${v.portgroup}, ${v.spec.ip?.ipAddress})`;
        byAddress.set(v.spec.ip?.ipAddress ?? "", [...(byAddress.get(v.spec.ip?.ipAddress ?? "") ?? []), where]);
        const i = requests.findIndex((r) => r.label === v.portgroup && r.hostId === id);
        const said = told[i];
        if (i < 0 || !said || !("device" in said) || said.device !== v.device) differences.push(`on the host but not reported: ${where}`);
        // A success names it in its reply's adapter, a partial change among what remains.
        const journaled = rows.some(
          (r) => r.host_id === id && new RegExp(`\\b${v.device}\\b`).test(r.reply ?? "") && r.outcome !== "failure",
        );
        if (!journaled)
          unjournaled.push(
            `no journal entry made ${where}: ${JSON.stringify(rows.filter((r) => r.plan?.includes(`"${v.portgroup}"`)).map((r) => [r.id, r.outcome, r.reply?.slice(0, 300)]))}`,
          );
      }
      for (const pgName of h.portgroups.filter((p) => p.startsWith("chaos-"))) {
        const i = requests.findIndex((r) => r.label === pgName && r.hostId === id);
        const said = told[i];
        const reported = said && ("device" in said || (said.kind === "failed" && said.remains.includes("AddPortGroup")));
        if (!reported) differences.push(`port group ${pgName} left on ${h.name}, the user was told ${JSON.stringify(said)}`);
      }
    }
    for (const [i, said] of told.entries()) {
      if (
        said.kind === "failed" &&
        said.remains.includes("AddPortGroup") &&
        !after.get(requests[i]!.hostId)!.portgroups.includes(requests[i]!.label)
      )
        differences.push(`reported left on the host but not there: port group ${requests[i]!.label}`);
      if (!("device" in said)) continue;
      const h = after.get(requests[i]!.hostId)!;
      if (!h.vnics.some((v) => v.device === said.device && v.portgroup === requests[i]!.label))
        differences.push(`reported ${said.kind} but not on ${h.name}: ${said.device} (${requests[i]!.label})`);
    }
    for (const r of rows.filter((x) => x.outcome === "success")) {
      const device = (JSON.parse(r.reply!) as { body: CreatedAdapter }).body.adapter.device;
      if (!after.get(r.host_id!)?.vnics.some((v) => v.device === device))
        unjournaled.push(`journal success ${r.id} without ${device} on ${r.host_name}`);
    }
    for (const [address, where] of byAddress) if (where.length > 1) duplicates.push(`${address} on ${where.join(" and ")}`);
    for (const r of requests) {
      const made = [...after.values()].flatMap((h) => h.vnics.filter((v) => v.portgroup === r.label));
      if (made.length > 1) duplicates.push(`${r.label} made ${made.length} adapters`);
    }
    return {
      attempted: requests.length,
      reportedCreated: told.filter((x) => "device" in x).length,
      reportedFailed: told.filter((x) => x.kind === "failed").length,
      unanswered: told.filter((x) => x.kind === "unanswered").length,
      lastAnswers: told.flatMap((x, i) => (x.kind === "unanswered" ? [`chaos-${run}-${i}: ${x.last}`] : [])),
      onHosts,
      // Made: a success, or a partial change whose adapter could not be undone.
      journaledCreated: rows.filter(
        (r) =>
          r.outcome === "success" ||
          (r.outcome === "partial" &&
            (JSON.parse(r.reply!) as { body: Problem }).body.steps?.some(
              (s) => s.method === "AddVirtualNic" && s.status === "undo-failed",
            )),
      ).length,
      differences,
      unjournaled,
      duplicates,
      stillRunning,
      faultsInjected,
      killed,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await db.destroy();
    await t.close();
  }
}
