/**
 * docker-compose.yml's topology on loopback (nginx, three replicas of the compiled API, Redis, PostgreSQL, the simulator
 * behind the fault proxy): a replica killed with SIGKILL in the middle of a create, and two creates racing for one
 * address or one host's uplinks through two replicas.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

import { vmotionOnNewSwitchExample, type CreatedAdapter, type HostsPage, type Problem, type VmkernelAdapterModel } from "@addnet/contracts";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { HttpBrowser } from "../../../test/support/http-browser.ts";
import { startTopology, type Topology } from "../../../test/support/topology.ts";
import type { Schema } from "../src/journal/database.ts";
import { hostNow, setLatency, signedIn } from "./topology-client.ts";
import { runChaos } from "./chaos-harness.ts";
import { onVSwitch0 } from "./route-suites/support.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
let t: Topology;
let db: Kysely<Schema>;
const hostIds = new Map<string, string>();

const create = (b: HttpBrowser, hostId: string, model: VmkernelAdapterModel, key: string) =>
  b.request("POST", `/api/v1/hosts/${hostId}/vmkernel-adapters`, model, { "idempotency-key": key });

beforeAll(async () => {
  t = await startTopology({ replicas: 3, env: { JOURNAL_LEASE_MS: "2000", LOGIN_RATE_LIMIT_PER_MINUTE: "1000" } });
  db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.databaseUrl, max: 2 }) }) });
  const b = await signedIn(t.url);
  const page = (await (await b.request("GET", "/api/v1/hosts?limit=50")).json()) as HostsPage;
  for (const h of page.items) hostIds.set(h.name, h.id);
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await t?.close();
});

describe("a replica killed with SIGKILL in the middle of a create", () => {
  it("leaves the change to another replica, which undoes or completes it exactly and journals it; the retry gets that outcome", async () => {
    const host = hostIds.get("esx-02.lab.local")!;
    const viaNginx = await signedIn(t.url);
    const before = await hostNow(viaNginx, host);
    const doomed = await signedIn(t.replicas[0]!.url);
    await setLatency(t, 400);
    const key = `sigkill-${process.pid}`;
    const model = onVSwitch0("Killed mid-create", "172.16.90.11", { services: ["vmotion"] });
    const inFlight = create(doomed, host, model, key).catch(() => undefined);
    // Wait for the journal to show the first step made, then kill the replica running it.
    let row;
    for (const until = Date.now() + 20_000; Date.now() < until; await sleep(50)) {
      row = await db.selectFrom("journal").selectAll().where("host_id", "=", host).where("outcome", "=", "running").executeTakeFirst();
      if (row?.progress?.includes('"done"')) break;
    }
    expect(row?.progress, "the change never got under way").toContain('"done"');
    await t.replicas[0]!.kill("SIGKILL");
    await inFlight;
    await setLatency(t, 0);
    await t.replicas[0]!.restart();

    // Another replica takes the change over once its lease lapses, and settles it.
    let settled;
    for (const until = Date.now() + 30_000; Date.now() < until; await sleep(200)) {
      settled = await db.selectFrom("journal").selectAll().where("id", "=", row!.id).executeTakeFirstOrThrow();
      if (settled.outcome !== "running") break;
    }
    expect(settled!.outcome).not.toBe("running");
    expect(settled!.lease_owner).toBeNull();
    const reply = JSON.parse(settled!.reply!) as { status: number; body: CreatedAdapter | Problem };
    const after = await hostNow(viaNginx, host);
    if (settled!.outcome === "success") {
      const made = (reply.body as CreatedAdapter).adapter.device;
      expect(after.vmkernelAdapters.map((v) => v.device)).toEqual([...before.vmkernelAdapters.map((v) => v.device), made]);
    } else {
      // Undone, or killed before its first step (a loaded machine may be that slow to start it): the host exactly as it
      // was, and the reply says the change was interrupted and which of the two it was.
      expect(settled!.outcome).toBe("failure");
      expect((reply.body as Problem).code).toBe("INTERRUPTED");
      expect((reply.body as Problem).detail).toMatch(
        /is as it was|The change was interrupted before step 1 of \d+: the API process running it stopped\. Nothing was changed on /,
      );
      expect(after).toEqual(before);
    }
    // The user's retry, through any replica, gets exactly that outcome; nothing runs again.
    const retry = await create(viaNginx, host, model, key);
    expect(retry.status).toBe(reply.status);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(reply.body);
    expect(await hostNow(viaNginx, host)).toEqual(after);
  }, 90_000);
});

describe("races through two replicas", () => {
  it("the same IPv4 address on two hosts at the same instant: one adapter, the other refused", async () => {
    const [a, b] = await Promise.all([signedIn(t.replicas[1]!.url), signedIn(t.replicas[2]!.url)]);
    const hosts = [hostIds.get("esx-03.lab.local")!, hostIds.get("esx-06.lab.local")!];
    await setLatency(t, 100);
    const replies = await Promise.all([
      create(a, hosts[0]!, onVSwitch0("Race A", "172.16.91.50", { services: ["vmotion"] }), `race-a-${process.pid}`),
      create(b, hosts[1]!, onVSwitch0("Race B", "172.16.91.50", { services: ["vmotion"] }), `race-b-${process.pid}`),
    ]);
    await setLatency(t, 0);
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 422]);
    const refused = (await replies.find((r) => r.status === 422)!.json()) as Problem;
    expect(refused.code).toBe("PREFLIGHT_FAILED");
    expect(refused.errors!.map((e) => [e.path, e.code])).toContainEqual([
      "ipv4Settings.address",
      expect.stringMatching(/^(address\.reserved|ipv4\.inUse)$/),
    ]);
    const viaNginx = await signedIn(t.url);
    const holders = [];
    for (const h of hosts)
      for (const v of (await hostNow(viaNginx, h)).vmkernelAdapters) if (v.ipv4.address === "172.16.91.50") holders.push(v.device);
    expect(holders).toHaveLength(1);
  }, 60_000);

  it("two new switches with the same uplink on one host: the host's lock holds across replicas, so the second is refused before anything is sent", async () => {
    const [a, b] = await Promise.all([signedIn(t.replicas[1]!.url), signedIn(t.replicas[2]!.url)]);
    const host = hostIds.get("esx-05.lab.local")!;
    const model = (label: string, address: string): VmkernelAdapterModel => {
      const m = vmotionOnNewSwitchExample(address);
      return { ...m, portProperties: { ...m.portProperties, networkLabel: label, tcpipStack: "defaultTcpipStack", services: [] } };
    };
    await setLatency(t, 100);
    const replies = await Promise.all([
      create(a, host, model("Uplink A", "172.16.92.11"), `uplink-a-${process.pid}`),
      create(b, host, model("Uplink B", "172.16.92.12"), `uplink-b-${process.pid}`),
    ]);
    await setLatency(t, 0);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 422]);
    const refused = (await replies.find((r) => r.status === 422)!.json()) as Problem;
    // Planned against the host as the first left it: vmnic2 is taken, so nothing was sent (no AddVirtualSwitch conflict).
    expect(refused.code).toBe("PREFLIGHT_FAILED");
    expect(refused.errors!.map((e) => e.code)).toContain("uplinks.inUse");
  }, 60_000);
});

describe("50 users, 10% of vim25 calls failing, one of three replicas killed with SIGKILL mid-run", () => {
  it("tells every user exactly what the hosts have, journals every change, and makes nothing twice", async () => {
    const r = await runChaos({ users: 50, faultRate: 0.1, replicas: 3, killAfterMs: 1500, seed: 7 });
    expect(r.killed).toBe(true);
    expect(r.faultsInjected).toBeGreaterThan(20);
    expect(r.reportedCreated).toBeGreaterThan(0);
    expect(r.lastAnswers).toEqual([]);
    expect(r.unanswered).toBe(0);
    expect(r.differences).toEqual([]);
    expect(r.unjournaled).toEqual([]);
    expect(r.duplicates).toEqual([]);
    expect(r.stillRunning).toBe(0);
    expect(r.onHosts).toBe(r.reportedCreated);
    expect(r.journaledCreated).toBe(r.reportedCreated);
  }, 240_000);
});

describe("pnpm chaos", () => {
  it("runs the same harness from the command line, writes its section and exits 0 when nothing differs", () => {
    const report = join(mkdtempSync(join(tmpdir(), "addnet-chaos-")), "REPORT.md");
    const out = execFileSync("pnpm", ["chaos", "--users", "6", "--fault-rate", "0.1", "--replicas", "2", "--report", report], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(out).toContain("| creates attempted | 6 |");
    const written = readFileSync(report, "utf8");
    expect(written).toContain("## Chaos: creates under vim25 faults and a killed replica");
    expect(written).toContain("| differences: hosts vs replies | 0 |");
  }, 120_000);
});
