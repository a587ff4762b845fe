/**
 * A rollout on docker-compose.yml's topology (nginx, two replicas of the compiled API sharing Redis and PostgreSQL, the
 * simulator): the hosts go through the BullMQ queue so that both replicas work them, and a replica killed with SIGKILL
 * in the middle leaves the rest to the other, which ends the rollout with every host as reported, each change made once.
 */
import { setTimeout as sleep } from "node:timers/promises";

import { vmotionOnNewSwitchExample, type HostsPage, type Rollout, type RolloutRequest } from "@addnet/contracts";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startTopology, type Topology } from "../../../test/support/topology.ts";
import type { Schema } from "../src/journal/database.ts";
import { hostNow, setLatency, signedIn } from "./topology-client.ts";

/** Every connected host of the simulator but one: vmnic2 is free on each. */
const HOSTS = ["esx-01", "esx-02", "esx-03", "esx-05", "esx-06", "esx-07", "esx-08", "esx-09"].map((n) => `${n}.lab.local`);
let t: Topology;
let db: Kysely<Schema>;
const hostIds = new Map<string, string>();

beforeAll(async () => {
  // A replica works two hosts at once: a rollout of four at a time needs both.
  t = await startTopology({
    replicas: 2,
    env: { JOURNAL_LEASE_MS: "2000", LOGIN_RATE_LIMIT_PER_MINUTE: "1000", ROLLOUT_CONCURRENCY: "2" },
  });
  db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.databaseUrl, max: 2 }) }) });
  const b = await signedIn(t.url);
  const page = (await (await b.request("GET", "/api/v1/hosts?limit=50")).json()) as HostsPage;
  for (const h of page.items) hostIds.set(h.name, h.id);
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await t?.close();
});

describe("a rollout through two replicas sharing Redis and PostgreSQL", () => {
  it("is worked by both; with one killed mid-rollout the other ends it, every host as reported, each change made once", async () => {
    const plan: RolloutRequest = {
      concurrency: 4,
      hosts: HOSTS.map((name, i) => ({ hostId: hostIds.get(name)!, model: vmotionOnNewSwitchExample(`172.16.60.${11 + i}`) })),
    };
    const doomed = await signedIn(t.replicas[0]!.url);
    await setLatency(t, 150);
    const res = await doomed.request("POST", "/api/v1/rollouts", plan, { "idempotency-key": `scale-out-rollout-${process.pid}` });
    expect(res.status, await res.clone().text()).toBe(202);
    const { id, created } = (await res.json()) as Rollout;

    // The replicas running the rollout's changes, as the journal's leases show them, until both have been seen.
    const owners = new Set<string>();
    const driver = (await db.selectFrom("rollout").select("lease_owner").where("id", "=", id).executeTakeFirstOrThrow()).lease_owner;
    for (const until = Date.now() + 30_000; owners.size < 2 && Date.now() < until; await sleep(20)) {
      const rows = await db
        .selectFrom("journal")
        .select("lease_owner")
        .where("outcome", "=", "running")
        .where("request_id", "=", `rollout-${id}`)
        .execute();
      for (const r of rows) if (r.lease_owner) owners.add(r.lease_owner);
    }
    expect(owners.size, "both replicas work the rollout's hosts").toBe(2);
    // The replica that took the request drives the rollout: killed, with hosts of its own under way.
    await t.replicas[0]!.kill("SIGKILL");

    const survivor = await signedIn(t.replicas[1]!.url);
    let rollout: Rollout | undefined;
    for (const until = Date.now() + 90_000; Date.now() < until; await sleep(200)) {
      rollout = (await (await survivor.request("GET", `/api/v1/rollouts/${id}`)).json()) as Rollout;
      if (rollout.state !== "running" && rollout.hosts.every((h) => h.state !== "running")) break;
    }
    await setLatency(t, 0);
    expect(rollout!.state).toBe("done");
    const after = (await db.selectFrom("rollout").select("lease_owner").where("id", "=", id).executeTakeFirstOrThrow()).lease_owner;
    expect(after).toBeNull(); // let go once done, by the replica that took it over
    expect(driver).not.toBeNull();

    // Every host as reported: a change cut short by the kill was finished or undone by recovery, and said so.
    for (const [i, h] of rollout!.hosts.entries()) {
      const holding = (await hostNow(survivor, h.hostId)).vmkernelAdapters.filter((v) => v.ipv4.address === `172.16.60.${11 + i}`);
      if (h.state === "success") expect(holding, h.hostId).toEqual([h.adapter]);
      else {
        expect([h.hostId, h.state, h.problem?.code]).toEqual([h.hostId, "failure", "INTERRUPTED"]);
        expect(holding).toEqual([]);
      }
      // One change per host in the journal, made once: its entry is the one the rollout names, and no other succeeded.
      const changes = await db
        .selectFrom("journal")
        .select(["id", "outcome"])
        .where("host_id", "=", h.hostId)
        .where("action", "=", "vmkernel-adapter.create")
        .where("time", ">=", created)
        .execute();
      expect(changes.filter((c) => c.outcome === "success").map((c) => c.id)).toEqual(h.state === "success" ? [h.changeId] : []);
      expect(changes.filter((c) => c.outcome === "running")).toEqual([]);
    }
    expect(rollout!.hosts.filter((h) => h.state === "success").length).toBeGreaterThanOrEqual(HOSTS.length - 4);
    await t.replicas[0]!.restart();
  }, 180_000);
});
