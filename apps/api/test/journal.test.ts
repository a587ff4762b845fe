/**
 * The change journal on both of its databases: SQLite in a file, and PostgreSQL 15 (Debian's, started here). Two
 * Journal instances on two connections to one database stand for two API replicas. Every test reads the rows back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { sql, type Insertable, type Kysely } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startPostgres } from "../../../test/support/services.ts";
import { openDatabase, type JournalTable, type Outcome, type Schema } from "../src/journal/database.ts";
import { Journal, type EntryQuery } from "../src/journal/journal.ts";

interface Backend {
  name: string;
  start(): Promise<{ url: string; stop(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: "SQLite",
    start: async () => {
      const dir = mkdtempSync(join(tmpdir(), "addnet-journal-"));
      return { url: join(dir, "journal.sqlite"), stop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  { name: "PostgreSQL", start: startPostgres },
];

const change = (key: string, hostId = "host-1") => ({
  user: "administrator@vsphere.local",
  server: "https://vc.example/sdk",
  action: "create-vmkernel-adapter",
  hostId,
  requestId: `req-${key}`,
  idempotencyKey: key,
  fingerprint: `fp-${key}`,
});

describe.each(backends)("Journal on $name", ({ name, start }) => {
  let service: { url: string; stop(): Promise<void> };
  /** Two replicas' connections to the one database. */
  let db: Kysely<Schema>;
  let db2: Kysely<Schema>;

  beforeAll(async () => {
    service = await start();
    // Two replicas starting at once: both migrate the fresh database (PostgreSQL; SQLite's file is opened in turn).
    if (name === "PostgreSQL") [db, db2] = await Promise.all([openDatabase(service.url), openDatabase(service.url)]);
    else [db, db2] = [await openDatabase(service.url), await openDatabase(service.url)];
  });

  afterAll(async () => {
    await db?.destroy();
    await db2?.destroy();
    await service?.stop();
  });

  beforeEach(async () => {
    await db.deleteFrom("journal").execute();
    await db.deleteFrom("lease").execute();
  });

  const rows = () => db.selectFrom("journal").selectAll().orderBy("id").execute();

  it("records entries and lists them newest first, with unsafe characters kept as \\u escapes", async () => {
    const journal = new Journal(db, 15_000);
    await journal.record({
      user: "helpdesk@vsphere.local",
      action: "sign-in",
      outcome: "success",
      detail: "Signed in",
      requestId: "req-1",
    });
    await journal.record({
      user: "evil\u202etxt.exe@vsphere.local",
      action: "create-vmkernel-adapter",
      hostId: "host-42",
      hostName: "esx-42.lab.local",
      outcome: "failure",
      detail: "line one\u2028line two\u0000\u009b",
      requestId: "req-2",
    });
    const stored = await rows();
    expect(stored).toHaveLength(2);
    expect(stored[1]).toMatchObject({
      user_name: "evil\\u202etxt.exe@vsphere.local",
      action: "create-vmkernel-adapter",
      host_id: "host-42",
      host_name: "esx-42.lab.local",
      outcome: "failure",
      detail: "line one\\u2028line two\\u0000\\u009b",
      request_id: "req-2",
      idempotency_key: null,
      lease_owner: null,
    });
    expect(stored[1]!.time).toBe(stored[1]!.updated);
    expect(Date.parse(stored[1]!.time)).toBeGreaterThanOrEqual(Date.parse(stored[0]!.time));

    const page = await journal.list({ limit: 10 });
    expect(page.map((e) => e.id)).toEqual([stored[1]!.id, stored[0]!.id]);
    expect(page[0]).toEqual({
      id: stored[1]!.id,
      time: stored[1]!.time,
      updated: stored[1]!.updated,
      user: "evil\\u202etxt.exe@vsphere.local",
      action: "create-vmkernel-adapter",
      hostId: "host-42",
      hostName: "esx-42.lab.local",
      outcome: "failure",
      detail: "line one\\u2028line two\\u0000\\u009b",
      requestId: "req-2",
    });
    expect(page[1]).not.toHaveProperty("hostId");
    for (const c of ["\u202e", "\u2028", "\u0000", "\u009b"]) expect(page[0]!.user + page[0]!.detail).not.toContain(c);
    // The filter takes the user as they sign in; it finds the escaped name.
    expect((await journal.list({ user: "evil\u202etxt.exe@vsphere.local", limit: 10 })).map((e) => e.id)).toEqual([stored[1]!.id]);
  });

  it("opens a change once per idempotency key, on whichever replica", async () => {
    const a = new Journal(db, 15_000);
    const b = new Journal(db2, 15_000);
    const opened = await a.open(change("key-1"));
    expect(opened).toHaveProperty("id");
    const id = (opened as { id: number }).id;
    const [row] = await rows();
    expect(row).toMatchObject({ id, outcome: "running", idempotency_key: "key-1", fingerprint: "fp-key-1", lease_owner: a.owner });
    expect(Date.parse(row!.lease_until!)).toBeGreaterThan(Date.now());

    const again = await a.open(change("key-1"));
    const elsewhere = await b.open({ ...change("key-1"), requestId: "req-other" });
    expect(again).toEqual({ existing: row });
    expect(elsewhere).toEqual({ existing: row });
    expect(await rows()).toEqual([row]);
  });

  it("lets only the lease owner update and finish a change; releaseKey frees the key", async () => {
    const a = new Journal(db, 15_000);
    const b = new Journal(db2, 15_000);
    const { id } = (await a.open(change("key-2"))) as { id: number };

    expect(await b.update(id, { detail: "not mine" })).toBe(false);
    await expect(b.finish(id, { outcome: "success", detail: "not mine", reply: { status: 201, body: {} } })).rejects.toThrow(
      "no longer held",
    );
    const untouched = await a.get(id);
    expect(untouched).toMatchObject({ outcome: "running", detail: "Reading the host", reply: null, lease_owner: a.owner });

    expect(await a.update(id, { detail: "Step 1 of 3", progress: '[{"status":"done"}]', host_name: "esx-01" })).toBe(true);
    expect(await a.get(id)).toMatchObject({ detail: "Step 1 of 3", progress: '[{"status":"done"}]', host_name: "esx-01" });

    await a.finish(id, { outcome: "partial", detail: "Done\u202e", reply: { status: 201, body: { device: "vmk1" } }, releaseKey: true });
    const finished = await a.get(id);
    expect(finished).toMatchObject({
      outcome: "partial",
      detail: "Done\\u202e",
      reply: JSON.stringify({ status: 201, body: { device: "vmk1" } }),
      lease_owner: null,
      lease_until: null,
      idempotency_key: null,
    });
    // Finished: nobody updates it any more, not even its owner.
    expect(await a.update(id, { detail: "late" })).toBe(false);
    expect((await a.get(id))!.detail).toBe("Done\\u202e");

    // The key is free: the same key opens a new change.
    const reopened = await b.open(change("key-2"));
    expect(reopened).toHaveProperty("id");
    expect((reopened as { id: number }).id).not.toBe(id);
    const all = await rows();
    expect(all.map((r) => [r.id, r.idempotency_key, r.lease_owner])).toEqual([
      [id, null, null],
      [(reopened as { id: number }).id, "key-2", b.owner],
    ]);
  });

  it("a change whose lease lapsed is stale, and exactly one of two replicas takes it over", async () => {
    // Long enough that a loaded machine checks "not stale yet" inside it; short enough for six rounds.
    const LEASE_MS = 400;
    const owner = new Journal(db, LEASE_MS);
    // The takers' own leases are long: the loser of a race cannot find the winner's lapsed too.
    const b = new Journal(db2, 60_000);
    const c = new Journal(db, 60_000);
    for (let round = 0; round < 6; round++) {
      const { id } = (await owner.open(change(`stale-${round}`))) as { id: number };
      expect((await b.stale()).map((r) => r.id)).not.toContain(id);
      expect(await b.takeOver(id)).toBe(false);
      await sleep(LEASE_MS + 50);
      expect((await b.stale()).map((r) => r.id)).toContain(id);

      const won = await Promise.all([b.takeOver(id), c.takeOver(id)]);
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = won[0] ? b : c;
      const row = await winner.get(id);
      expect(row).toMatchObject({ outcome: "running", lease_owner: winner.owner });
      expect(Date.parse(row!.lease_until!)).toBeGreaterThan(Date.now() + 30_000);
      expect((await b.stale()).map((r) => r.id)).not.toContain(id);

      // The old owner is refused; the winner goes on.
      expect(await owner.update(id, { detail: "old owner" })).toBe(false);
      await expect(owner.finish(id, { outcome: "success", detail: "old owner", reply: { status: 201, body: {} } })).rejects.toThrow(
        "no longer held",
      );
      expect(await winner.get(id)).toMatchObject({ outcome: "running", detail: "Reading the host", lease_owner: winner.owner });
      expect(await winner.update(id, { detail: "Recovering" })).toBe(true);
      await winner.finish(id, { outcome: "failure", detail: "Undone", reply: { status: 500, body: {} } });
      expect(await winner.get(id)).toMatchObject({ outcome: "failure", detail: "Undone", lease_owner: null });
    }
    // stale() of one user on one vCenter.
    const { id } = (await owner.open(change("stale-mine"))) as { id: number };
    await sleep(LEASE_MS + 50);
    expect((await b.stale({ user: "administrator@vsphere.local", server: "https://vc.example/sdk" })).map((r) => r.id)).toEqual([id]);
    expect(await b.stale({ user: "helpdesk@vsphere.local", server: "https://vc.example/sdk" })).toEqual([]);
    expect(await b.stale({ user: "administrator@vsphere.local", server: "https://other/sdk" })).toEqual([]);
    // release() lets a change go at once, without waiting for the lease.
    const held = (await b.open(change("released"))) as { id: number };
    await c.release(held.id);
    expect(await c.takeOver(held.id)).toBe(false);
    await b.release(held.id);
    expect(await c.takeOver(held.id)).toBe(true);
    expect((await c.get(held.id))!.lease_owner).toBe(c.owner);
  });

  it('one replica at a time holds "recovery" until its lease lapses', async () => {
    const x = new Journal(db, 200);
    const y = new Journal(db2, 200);
    const lease = () => db.selectFrom("lease").selectAll().where("name", "=", "recovery").execute();

    const first = await Promise.all([x.hold("recovery"), y.hold("recovery")]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const [holder, other] = first[0] ? [x, y] : [y, x];
    expect((await lease()).map((l) => l.owner)).toEqual([holder.owner]);

    expect(await other.hold("recovery")).toBe(false);
    expect(await holder.hold("recovery")).toBe(true); // renews
    expect(await other.hold("recovery")).toBe(false);
    expect((await lease()).map((l) => l.owner)).toEqual([holder.owner]);

    await sleep(260);
    expect(await other.hold("recovery")).toBe(true);
    expect(await holder.hold("recovery")).toBe(false);
    const [row] = await lease();
    expect(row!.owner).toBe(other.owner);
    expect(Date.parse(row!.until)).toBeGreaterThan(Date.now());
    // Another name is another lease.
    expect(await holder.hold("other-work")).toBe(true);
    expect(await db.selectFrom("lease").select(["name", "owner"]).orderBy("name").execute()).toEqual([
      { name: "other-work", owner: holder.owner },
      { name: "recovery", owner: other.owner },
    ]);
  });

  it("list filters by host, user, outcome, time window and cursor as the same filter does over the rows", async () => {
    const users = ["administrator@vsphere.local", "helpdesk@vsphere.local", "readonly@vsphere.local"];
    const hosts = ["host-10", "host-11", "host-12", "host-13", null];
    const outcomes: Outcome[] = ["success", "failure", "partial", "running"];
    const start = Date.parse("2026-11-01T00:00:00.000Z");
    const values: Insertable<JournalTable>[] = [];
    for (let i = 0; i < 90; i++) {
      const time = new Date(start + i * 3_600_000 + (i % 7) * 1000).toISOString();
      const host = hosts[(i * 7) % hosts.length]!;
      values.push({
        time,
        updated: time,
        user_name: users[i % users.length]!,
        action: host ? "create-vmkernel-adapter" : "sign-in",
        host_id: host,
        host_name: host && `${host}.lab.local`,
        outcome: outcomes[(i * 3 + (i >> 2)) % outcomes.length]!,
        detail: `entry ${i}`,
        request_id: `req-${i}`,
      });
    }
    await db.insertInto("journal").values(values).execute();
    const inserted = await rows();
    // Ids ascend with time, as they do when entries are written as they happen.
    expect(inserted.map((r) => r.detail)).toEqual(values.map((v) => v.detail));
    const ids = inserted.map((r) => r.id);

    const mid = ids[45]!;
    const at = (h: number) => new Date(start + h * 3_600_000).toISOString();
    const queries: EntryQuery[] = [
      { limit: 100 },
      { limit: 10 },
      { limit: 1 },
      { hostId: "host-11", limit: 100 },
      { hostId: "host-12", limit: 5 },
      { hostId: "host-none", limit: 100 },
      { user: "helpdesk@vsphere.local", limit: 100 },
      { user: "readonly@vsphere.local", limit: 7 },
      { outcome: "partial", limit: 100 },
      { outcome: "running", limit: 3 },
      { from: at(20), limit: 100 },
      { to: at(20), limit: 100 },
      { from: at(20), to: at(30), limit: 100 },
      // to is exclusive and from inclusive, to the millisecond.
      { from: values[30]!.time, to: values[40]!.time, limit: 100 },
      { before: mid, limit: 100 },
      { before: mid, limit: 10 },
      { before: ids[0]!, limit: 100 },
      { hostId: "host-10", outcome: "success", limit: 100 },
      { user: "administrator@vsphere.local", from: at(10), to: at(70), before: mid, limit: 4 },
      { hostId: "host-13", user: "helpdesk@vsphere.local", outcome: "failure", from: at(0), to: at(90), limit: 100 },
    ];
    const expected = (q: EntryQuery) =>
      inserted
        .filter(
          (r) =>
            (!q.hostId || r.host_id === q.hostId) &&
            (!q.user || r.user_name === q.user) &&
            (!q.outcome || r.outcome === q.outcome) &&
            (!q.from || r.time >= q.from) &&
            (!q.to || r.time < q.to) &&
            (q.before === undefined || r.id < q.before),
        )
        .sort((x, y) => y.id - x.id)
        .slice(0, q.limit)
        .map((r) => r.id);
    const journal = new Journal(db2, 15_000);
    for (const q of queries) expect([q, (await journal.list(q)).map((e) => e.id)]).toEqual([q, expected(q)]);
    // Something in every filtered case but the unknown host and before the first id: the comparison is not vacuous.
    expect(queries.filter((q) => expected(q).length === 0)).toEqual([
      { hostId: "host-none", limit: 100 },
      { before: ids[0]!, limit: 100 },
    ]);

    // Walking the cursor pages a filter's every entry once, newest first.
    for (const q of [{ limit: 7 }, { hostId: "host-11", limit: 4 }, { outcome: "failure" as const, from: at(12), limit: 5 }]) {
      const seen: number[] = [];
      for (let before: number | undefined; ;) {
        const page = await journal.list({ ...q, before });
        seen.push(...page.map((e) => e.id));
        if (page.length < q.limit) break;
        before = page.at(-1)!.id;
      }
      expect(seen).toEqual(expected({ ...q, limit: Infinity }));
    }
  });

  // Replicas share PostgreSQL; a SQLite file is one process's: this test exists for PostgreSQL only.
  if (name === "PostgreSQL")
    it("two replicas migrating one fresh database at once both succeed", async () => {
      const admin = new pg.Client({ connectionString: service.url });
      await admin.connect();
      await admin.query("CREATE DATABASE migrate_race");
      await admin.end();
      const url = service.url.replace(/\/addnet$/, "/migrate_race");
      for (let round = 0; round < 2; round++) {
        const [one, two] = await Promise.all([openDatabase(url), openDatabase(url)]);
        try {
          const migrations = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(one);
          expect(migrations.rows).toEqual([
            { name: "001_journal" },
            { name: "002_journal_time_order" },
            { name: "003_journal_messages" },
            { name: "004_rollouts" },
          ]);
          await new Journal(one, 15_000).record({ user: "u", action: "sign-in", outcome: "success", detail: "d", requestId: "r" });
          expect(await two.selectFrom("journal").select("user_name").execute()).toEqual([{ user_name: "u" }]);
          await two.deleteFrom("journal").execute();
        } finally {
          await one.destroy();
          await two.destroy();
        }
      }
    });
});
