/**
 * The change journal, which is also the audit trail. A change is opened before its first vim25 call, each step's
 * status is written as it happens, and it is finished only once the host has been read back. A change whose replica
 * stopped renewing its lease is taken over by recovery (recovery.ts).
 */
import { randomUUID } from "node:crypto";

import { messageText, validationMessage, type Message } from "@addnet/contracts";
import type { Kysely, Selectable } from "kysely";

import type { JournalTable, Outcome, Schema } from "./database.ts";

/**
 * Characters a reader of the journal must not get as themselves: C1 controls (U+0085 is a line end to some tools,
 * U+009B a terminal's CSI), the Unicode line and paragraph separators, and the bidirectional and zero-width format
 * controls that make text read other than it is (U+202E). They are kept as visible \uXXXX escapes.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export interface EntryInput {
  user: string;
  action: string;
  hostId?: string;
  hostName?: string;
  outcome: Exclude<Outcome, "running">;
  detail: string;
  /** The detail as the catalogue's codes and names. */
  messages?: Message[];
  requestId: string;
}

export interface Entry {
  id: number;
  time: string;
  updated: string;
  user: string;
  action: string;
  hostId?: string;
  hostName?: string;
  outcome: Outcome;
  detail: string;
  messages?: Message[];
  requestId: string;
}

export interface EntryQuery {
  hostId?: string;
  user?: string;
  outcome?: Outcome;
  /** ISO 8601 times: entries opened at or after `from` and before `to`. */
  from?: string;
  to?: string;
  /** The last id of the previous page. */
  before?: number;
  limit: number;
}

/** A reply as the API sent it (or will send it again for the same Idempotency-Key). */
export interface StoredReply {
  status: number;
  body: unknown;
}

export type ChangeRow = Selectable<JournalTable>;

const LIST_COLUMNS = [
  "id",
  "time",
  "updated",
  "user_name",
  "action",
  "host_id",
  "host_name",
  "outcome",
  "detail",
  "messages",
  "request_id",
] as const;

function entryOf(r: Pick<ChangeRow, (typeof LIST_COLUMNS)[number]>): Entry {
  return {
    id: r.id,
    time: r.time,
    updated: r.updated,
    user: r.user_name,
    action: r.action,
    ...(r.host_id ? { hostId: r.host_id } : {}),
    ...(r.host_name ? { hostName: r.host_name } : {}),
    outcome: r.outcome,
    detail: r.detail,
    ...(r.messages ? { messages: JSON.parse(r.messages) as Message[] } : {}),
    requestId: r.request_id,
  };
}

const now = () => new Date().toISOString();

/** What an entry says: the catalogue's codes and names, and the same in English for the detail. */
export function said(messages: Message[]): { detail: string; messages: Message[] } {
  return { detail: messages.map((m) => messageText(m, validationMessage)).join(" "), messages };
}

export class Journal {
  /** This replica, as a lease holder. */
  readonly owner = randomUUID();

  constructor(
    readonly db: Kysely<Schema>,
    /** A change's lease: a replica that has not renewed it for this long is taken to be gone. */
    readonly leaseMs: number,
  ) {}

  private leaseUntil(): string {
    return new Date(Date.now() + this.leaseMs).toISOString();
  }

  /** A one-off entry: a sign-in, a sign-out, a refused or failed request. */
  async record(e: EntryInput): Promise<void> {
    const time = now();
    await this.db
      .insertInto("journal")
      .values({
        time,
        updated: time,
        user_name: escapeUnsafe(e.user),
        action: e.action,
        host_id: e.hostId ?? null,
        host_name: e.hostName ?? null,
        outcome: e.outcome,
        detail: escapeUnsafe(e.detail),
        messages: e.messages ? JSON.stringify(e.messages) : null,
        request_id: e.requestId,
      })
      .execute();
  }

  /**
   * Opens a change before anything is sent to vCenter, held by this replica's lease. With an idempotency key already
   * used, nothing is opened and the change that holds the key is returned.
   */
  async open(c: {
    user: string;
    server: string;
    action: string;
    hostId: string;
    requestId: string;
    /** With a key, one change per key; without, a change of its own (an edit sent as it is, PATCH). */
    idempotencyKey?: string;
    fingerprint?: string;
  }): Promise<{ id: number } | { existing: ChangeRow }> {
    const time = now();
    const inserted = await this.db
      .insertInto("journal")
      .values({
        time,
        updated: time,
        user_name: escapeUnsafe(c.user),
        action: c.action,
        server: c.server,
        host_id: c.hostId,
        outcome: "running",
        detail: "Reading the host",
        request_id: c.requestId,
        idempotency_key: c.idempotencyKey ?? null,
        fingerprint: c.fingerprint ?? null,
        lease_owner: this.owner,
        lease_until: this.leaseUntil(),
      })
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return { id: inserted.id };
    const existing = await this.db.selectFrom("journal").selectAll().where("idempotency_key", "=", c.idempotencyKey!).executeTakeFirst();
    // Released in between (a change that ended its session before any step): open it again.
    return existing ? { existing } : this.open(c);
  }

  /** Writes a running change's state, renewing its lease; refused (false) if another replica has taken it over. */
  async update(
    id: number,
    fields: Partial<Pick<ChangeRow, "host_name" | "detail" | "messages" | "plan" | "before_state" | "progress">>,
    owner = this.owner,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable("journal")
      .set({ ...fields, updated: now(), lease_until: this.leaseUntil() })
      .where("id", "=", id)
      .where("outcome", "=", "running")
      .where("lease_owner", "=", owner)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /**
   * Records a change's outcome and the reply that tells it. `releaseKey`: nothing was sent and the session had ended, so
   * a retry with the same key must run rather than replay.
   */
  async finish(
    id: number,
    f: {
      outcome: Exclude<Outcome, "running">;
      detail: string;
      messages?: Message[];
      reply: StoredReply;
      hostName?: string;
      releaseKey?: boolean;
    },
    owner = this.owner,
  ): Promise<void> {
    const r = await this.db
      .updateTable("journal")
      .set({
        outcome: f.outcome,
        detail: escapeUnsafe(f.detail),
        messages: f.messages ? JSON.stringify(f.messages) : null,
        reply: JSON.stringify(f.reply),
        updated: now(),
        lease_owner: null,
        lease_until: null,
        ...(f.hostName ? { host_name: f.hostName } : {}),
        ...(f.releaseKey ? { idempotency_key: null } : {}),
      })
      .where("id", "=", id)
      .where("outcome", "=", "running")
      .where("lease_owner", "=", owner)
      .executeTakeFirst();
    // Taken over (this replica let the lease lapse): the outcome is the one recovery records, not this one.
    if (r.numUpdatedRows === 0n) throw new Error(`change ${id} is no longer held by this replica`);
  }

  async get(id: number): Promise<ChangeRow | undefined> {
    return this.db.selectFrom("journal").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Running changes whose replica let the lease lapse (a hundred at a time), or one user's on one vCenter. */
  async stale(of?: { user: string; server: string }): Promise<ChangeRow[]> {
    let query = this.db.selectFrom("journal").selectAll().where("outcome", "=", "running").where("lease_until", "<", now());
    if (of) query = query.where("user_name", "=", escapeUnsafe(of.user)).where("server", "=", of.server);
    return query.orderBy("id").limit(100).execute();
  }

  /** Lets a change this replica holds go at once, for recovery (or a retry with its key) to take over. */
  async release(id: number): Promise<void> {
    await this.db
      .updateTable("journal")
      .set({ lease_until: new Date(Date.now() - 1).toISOString() })
      .where("id", "=", id)
      .where("lease_owner", "=", this.owner)
      .execute();
  }

  /** Takes over a change whose lease has lapsed, atomically: only one replica gets it. */
  async takeOver(id: number): Promise<boolean> {
    const r = await this.db
      .updateTable("journal")
      .set({ lease_owner: this.owner, lease_until: this.leaseUntil() })
      .where("id", "=", id)
      .where("outcome", "=", "running")
      .where("lease_until", "<", now())
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /** A named lease for work that one replica at a time does (recovery); whether this replica holds it now. */
  async hold(name: string): Promise<boolean> {
    const until = this.leaseUntil();
    await this.db
      .insertInto("lease")
      .values({ name, owner: this.owner, until })
      .onConflict((oc) =>
        oc
          .column("name")
          .doUpdateSet({ owner: this.owner, until })
          .where((eb) => eb.or([eb("lease.owner", "=", this.owner), eb("lease.until", "<", now())])),
      )
      .execute();
    const row = await this.db.selectFrom("lease").select("owner").where("name", "=", name).executeTakeFirst();
    return row?.owner === this.owner;
  }

  /** Newest first (by time, then id), one page; only the columns a page shows, so memory does not grow with the journal. */
  async list(q: EntryQuery): Promise<Entry[]> {
    let query = this.db.selectFrom("journal").select(LIST_COLUMNS);
    if (q.hostId) query = query.where("host_id", "=", q.hostId);
    if (q.user) query = query.where("user_name", "=", escapeUnsafe(q.user));
    if (q.outcome) query = query.where("outcome", "=", q.outcome);
    if (q.from) query = query.where("time", ">=", q.from);
    let to = q.to;
    if (q.before !== undefined) {
      // The cursor is the last entry's id; the page goes on from its (time, id), one upper bound for the index range.
      const before = q.before;
      const at = await this.db.selectFrom("journal").select("time").where("id", "=", before).executeTakeFirst();
      if (!at) query = query.where("id", "<", before);
      else if (to === undefined || at.time < to) {
        to = undefined;
        query = query.where((eb) => eb(eb.refTuple("time", "id"), "<", eb.tuple(at.time, before)));
      }
    }
    if (to) query = query.where("time", "<", to);
    const rows = await query.orderBy("time", "desc").orderBy("id", "desc").limit(q.limit).execute();
    return rows.map(entryOf);
  }
}
