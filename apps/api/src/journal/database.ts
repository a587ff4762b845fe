/**
 * The journal's database: SQLite in a file by default (nothing to install), PostgreSQL when several API replicas share
 * it. One typed query layer (Kysely) and one set of migrations serve both.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Generated, type Migration, type SqliteDatabase } from "kysely";
import pg from "pg";

export type Outcome = "running" | "success" | "failure" | "partial";

export interface JournalTable {
  id: Generated<number>;
  /** When the entry was opened (ISO 8601, UTC), and last written. */
  time: string;
  updated: string;
  user_name: string;
  action: string;
  /** The vCenter's SDK URL, for changes (their recovery signs in nowhere else). */
  server: string | null;
  host_id: string | null;
  host_name: string | null;
  outcome: Outcome;
  detail: string;
  request_id: string;
  /** sha256 of the user and their Idempotency-Key: one change per key, whichever replica answers. */
  idempotency_key: string | null;
  /** sha256 of the request the key was first used for. */
  fingerprint: string | null;
  /** JSON: the change's plan, the host's state before it, its progress (each step's status), the reply. */
  plan: string | null;
  before_state: string | null;
  progress: string | null;
  reply: string | null;
  /** The replica running (or recovering) the change, and until when it holds it unless it renews. */
  lease_owner: string | null;
  lease_until: string | null;
  /** JSON: what the entry says as the catalogue's codes and names (the browser says it in the user's language). */
  messages: string | null;
}

export interface LeaseTable {
  name: string;
  owner: string;
  until: string;
}

export type RolloutState = "running" | "paused" | "cancelled" | "done";
export type RolloutHostState = "pending" | "running" | "success" | "failure" | "partial" | "refused" | "cancelled";

/** A rollout (issue 13): the Add Networking wizard's change on many hosts, each host its own change in the journal. */
export interface RolloutTable {
  id: string;
  user_name: string;
  /** The vCenter's SDK URL: the rollout runs there, as its user, and nowhere else. */
  server: string;
  created: string;
  updated: string;
  state: RolloutState;
  concurrency: number;
  /** sha256 of the server, the user and their Idempotency-Key: one rollout per key. */
  idempotency_key: string;
  /** sha256 of the request the key was first used for. */
  fingerprint: string;
  /** The replica driving the rollout (starting its hosts), and until when unless it renews. */
  lease_owner: string | null;
  lease_until: string | null;
}

export interface RolloutHostTable {
  rollout_id: string;
  host_id: string;
  /** The host's place in the plan as sent. */
  position: number;
  /** JSON: the host's part of the plan as sent (the wizard's model and the stack's settings); no credentials. */
  plan: string;
  host_name: string | null;
  state: RolloutHostState;
  attempt: number;
  change_id: number | null;
  /** JSON: each step's status; the adapter made; the problem. */
  steps: string;
  adapter: string | null;
  problem: string | null;
  updated: string;
}

export interface Schema {
  journal: JournalTable;
  lease: LeaseTable;
  rollout: RolloutTable;
  rollout_host: RolloutHostTable;
}

const migrations = (postgres: boolean): Record<string, Migration> => ({
  "001_journal": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("journal")
        .addColumn("id", postgres ? "serial" : "integer", (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("updated", "text", (c) => c.notNull())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("server", "text")
        .addColumn("host_id", "text")
        .addColumn("host_name", "text")
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .addColumn("request_id", "text", (c) => c.notNull())
        .addColumn("idempotency_key", "text", (c) => c.unique())
        .addColumn("fingerprint", "text")
        .addColumn("plan", "text")
        .addColumn("before_state", "text")
        .addColumn("progress", "text")
        .addColumn("reply", "text")
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "text")
        .execute();
      // Pages are newest first by id, filtered by one of these.
      for (const column of ["user_name", "host_id", "outcome", "time"])
        await db.schema.createIndex(`journal_${column}`).on("journal").columns([column, "id"]).execute();
      await db.schema
        .createTable("lease")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("owner", "text", (c) => c.notNull())
        .addColumn("until", "text", (c) => c.notNull())
        .execute();
    },
  },
  "002_journal_time_order": {
    // Pages are newest first by time (then id): a filter's index carries the time, so that a time window under a filter
    // is one index range rather than every row of the window sorted (bench: 328 ms for 7 days of 1,000,000 entries).
    async up(db: Kysely<unknown>) {
      for (const column of ["user_name", "host_id", "outcome"]) {
        await db.schema.dropIndex(`journal_${column}`).execute();
        await db.schema.createIndex(`journal_${column}`).on("journal").columns([column, "time", "id"]).execute();
      }
    },
  },
  "003_journal_messages": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("journal").addColumn("messages", "text").execute();
    },
  },
  "004_rollouts": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("rollout")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_name", "text", (c) => c.notNull())
        .addColumn("server", "text", (c) => c.notNull())
        .addColumn("created", "text", (c) => c.notNull())
        .addColumn("updated", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("concurrency", "integer", (c) => c.notNull())
        .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "text")
        .execute();
      // A user's recent rollouts, newest first; the ones left to drive.
      await db.schema.createIndex("rollout_user").on("rollout").columns(["user_name", "server", "created"]).execute();
      await db.schema.createIndex("rollout_state").on("rollout").columns(["state", "lease_until"]).execute();
      await db.schema
        .createTable("rollout_host")
        .addColumn("rollout_id", "text", (c) => c.notNull().references("rollout.id"))
        .addColumn("host_id", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("plan", "text", (c) => c.notNull())
        .addColumn("host_name", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempt", "integer", (c) => c.notNull())
        .addColumn("change_id", "integer")
        .addColumn("steps", "text", (c) => c.notNull())
        .addColumn("adapter", "text")
        .addColumn("problem", "text")
        .addColumn("updated", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("rollout_host_pk", ["rollout_id", "host_id"])
        .execute();
      await db.schema.createIndex("rollout_host_state").on("rollout_host").columns(["rollout_id", "state", "position"]).execute();
    },
  },
});

/** Statements kept by their SQL, at most this many (the journal's queries are a few dozen shapes). */
const STATEMENT_CACHE = 256;

/**
 * The database as Kysely sees it, with each statement prepared once: Kysely prepares every query anew, and preparing
 * costs more than running most of the journal's (a change writes a row and updates it at every step).
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** DATABASE_URL: postgres://… for PostgreSQL, else a SQLite file path (sqlite: prefix optional). */
export async function openDatabase(url: string): Promise<Kysely<Schema>> {
  const postgres = /^postgres(ql)?:\/\//.test(url);
  let db: Kysely<Schema>;
  if (postgres) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection PostgreSQL ends (a restart, a failover) must not end the process: the next query fails or
    // reconnects, and a failure answers 503.
    pool.on("error", () => undefined);
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const path = url.replace(/^sqlite:/, "");
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL: readers of the audit never wait on the change being written; NORMAL is durable across a process crash.
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
    // Statistics for the planner (SQLite has none by default): with them a host and an outcome together take the host's
    // index. Bounded, so that it stays quick on a large journal.
    sqlite.pragma("analysis_limit = 400");
    sqlite.pragma("optimize = 0x10002");
    db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  }
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => migrations(postgres) },
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return db;
}
