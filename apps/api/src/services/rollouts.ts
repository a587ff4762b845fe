/**
 * Rollouts (issue 13): the Add Networking wizard's change on many hosts, each host's change its own all-or-nothing change
 * in the journal (Changes.create), run as the user who made the rollout and no one else.
 *
 * The database holds every rollout and each host's state. One replica at a time drives a rollout (its lease, like a
 * journal change's): it starts pending hosts while fewer than the rollout's concurrency are running, and hands each to a
 * runner — in this process by default, or through a BullMQ queue in Redis that every replica works, so that several
 * replicas share the hosts. A host's idempotency key is fixed per (rollout, host, attempt): a host whose runner stopped
 * is run again with the same key, and Changes replays its recorded outcome or recovers the open change, never applying
 * it twice. Every change of state is published (in process, or on Redis pub/sub across replicas) for the Recent Tasks
 * panel's event stream.
 */
import { createHash, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";

import {
  ROLLOUT_HOST_ENDED,
  type CreatedAdapter,
  type Problem,
  type Rollout,
  type RolloutEvent,
  type RolloutHost,
  type RolloutHostStatus,
  type RolloutRequest,
  type Step,
} from "@addnet/contracts";
import { Queue, Worker } from "bullmq";
import type { FastifyBaseLogger } from "fastify";
import type { Redis } from "ioredis";
import type { Kysely, Selectable } from "kysely";

import type { RolloutHostTable, RolloutState, RolloutTable, Schema } from "../journal/database.ts";
import type { Journal } from "../journal/journal.ts";
import type { Progress } from "./apply-plan.ts";
import { ProblemError } from "../problem.ts";
import type { Changes } from "./changes.ts";
import type { RolloutChange } from "./preflight.ts";
import type { SessionStore, UserSessionRecord } from "./session-store.ts";
import type { VCenters } from "./vcenters.ts";
import { VimSession } from "./vim-session.ts";

type RolloutRow = Selectable<RolloutTable>;
type HostRow = Selectable<RolloutHostTable>;
/** A host's row, a running one's with its change's progress in the journal (its steps are there, not copied here). */
type HostRead = HostRow & { progress: string | null };

/** Whose a rollout is: the user as vCenter names them, on one vCenter. */
interface Owner {
  user: string;
  server: string;
}

/** What goes between replicas: an event for its owner's streams, or a session that ended (its streams close). */
type BusMessage = ({ event: RolloutEvent } & Owner) | { sessionEnded: string };

const CHANNEL = "addnet:rollout-events";
const QUEUE = "addnet-rollout-hosts";
/** How many recent rollouts a user's list and event stream start with. */
const RECENT = 20;
/** Host rows inserted per statement (SQLite takes at most 32,766 parameters in one). */
const INSERT_CHUNK = 500;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const now = () => new Date().toISOString();

/** Rollout events in this process, or on Redis pub/sub so that every replica's streams get every replica's events. */
export class RolloutEvents {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly subscriber?: Redis;

  constructor(
    private readonly redis: Redis | undefined,
    private readonly log: FastifyBaseLogger,
  ) {
    if (redis) {
      this.subscriber = redis.duplicate();
      this.subscriber.on("error", () => undefined);
      this.subscriber.on("message", (_channel: string, text: string) => this.local.emit("message", JSON.parse(text) as BusMessage));
      void this.subscriber.subscribe(CHANNEL).catch((err: unknown) => log.warn({ err }, "rollout events: subscribe failed"));
    }
  }

  async publish(message: BusMessage): Promise<void> {
    if (!this.redis) return void this.local.emit("message", message);
    // A lost event is not a lost state: the database has it, and a stream that connects again starts from it.
    await this.redis
      .publish(CHANNEL, JSON.stringify(message))
      .catch((err: unknown) => this.log.warn({ err }, "rollout event not published"));
  }

  subscribe(listener: (message: BusMessage) => void): () => void {
    this.local.on("message", listener);
    return () => void this.local.off("message", listener);
  }

  async close(): Promise<void> {
    this.local.removeAllListeners();
    await this.subscriber?.quit().catch(() => undefined);
  }
}

function statusOf(h: HostRead): RolloutHostStatus {
  return {
    hostId: h.host_id,
    hostName: h.host_name,
    state: h.state,
    attempt: h.attempt,
    changeId: h.change_id,
    steps: h.progress ? (JSON.parse(h.progress) as Progress).steps : (JSON.parse(h.steps) as Step[]),
    adapter: h.adapter ? (JSON.parse(h.adapter) as RolloutHostStatus["adapter"]) : null,
    problem: h.problem ? (JSON.parse(h.problem) as Problem) : null,
    updated: h.updated,
  };
}

function rolloutOf(r: RolloutRow, hosts: HostRead[]): Rollout {
  return {
    id: r.id,
    user: r.user_name,
    created: r.created,
    updated: r.updated,
    state: r.state,
    concurrency: r.concurrency,
    hosts: hosts.map(statusOf),
  };
}

/** A host's change, settled: the host's new state and what to write down. */
type Settled = Pick<HostRow, "state" | "steps" | "adapter" | "problem">;

/** What a host's change answered, as the host's state in the rollout. */
function settledBy(status: number, body: unknown): Settled {
  if (status < 300) {
    const made = body as CreatedAdapter;
    return { state: "success", steps: JSON.stringify(made.steps), adapter: JSON.stringify(made.adapter), problem: null };
  }
  const problem = body as Problem;
  const state =
    problem.code === "NO_PERMISSION" || problem.code === "PREFLIGHT_FAILED"
      ? "refused"
      : problem.code === "PARTIALLY_APPLIED"
        ? "partial"
        : "failure";
  return { state, steps: JSON.stringify(problem.steps ?? []), adapter: null, problem: JSON.stringify(problem) };
}

export interface RolloutsOptions {
  /** The concurrency of a rollout that names none; with Redis, also how many hosts one replica works at once. */
  concurrency: number;
  /** Redis, when replicas share the work: the hosts go through a BullMQ queue, events through pub/sub. */
  redis?: Redis;
}

export class Rollouts {
  readonly events: RolloutEvents;
  /** Rollouts this replica drives (holds the lease of). */
  private readonly driving = new Set<string>();
  /** Each driven rollout's pass, one at a time, so that two passes never start the same free slot twice. */
  private readonly pumps = new Map<string, Promise<void>>();
  /** Host runs under way in this process, by job id. */
  private readonly runs = new Set<string>();
  private readonly stopped = new AbortController();
  private readonly queue?: Queue;
  private readonly worker?: Worker;
  private readonly db: Kysely<Schema>;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;

  constructor(
    private readonly journal: Journal,
    private readonly sessions: SessionStore,
    private readonly changes: Changes,
    private readonly vcenters: VCenters,
    private readonly log: FastifyBaseLogger,
    private readonly options: RolloutsOptions,
  ) {
    this.db = journal.db;
    this.events = new RolloutEvents(options.redis, log);
    const redis = options.redis;
    if (redis) {
      // BullMQ's own connections (closed with the queue and the worker) to the same Redis; its blocking ones must retry
      // for ever (maxRetriesPerRequest: null).
      const connection = { ...redis.options, maxRetriesPerRequest: null };
      this.queue = new Queue(QUEUE, { connection, prefix: "addnet:bull" });
      this.queue.on("error", () => undefined);
      this.worker = new Worker(
        QUEUE,
        async (job) => {
          const { rolloutId, hostId, attempt } = job.data as { rolloutId: string; hostId: string; attempt: number };
          await this.runHost(rolloutId, hostId, attempt);
        },
        {
          connection,
          prefix: "addnet:bull",
          // A replica works this many hosts at once, of every rollout: a rollout that runs more spreads over replicas.
          concurrency: options.concurrency,
          // A replica that stops lets its hosts go to another within about a lease, however often that happens.
          lockDuration: journal.leaseMs,
          stalledInterval: journal.leaseMs,
          maxStalledCount: 1000,
          autorun: false,
        },
      );
      this.worker.on("error", (err) => log.warn({ err }, "rollout worker"));
    }
  }

  // ---- The user's requests ----

  /** A new rollout, once per Idempotency-Key: the same key again gets that rollout. */
  async create(session: UserSessionRecord, request: RolloutRequest, key: string): Promise<{ rollout: Rollout; replayed: boolean }> {
    const id = randomUUID();
    const time = now();
    const fingerprint = sha256(JSON.stringify(request));
    // The user's session held first: a rollout on record can always run as its user.
    await this.sessions.holdForRollout(id, session);
    const inserted = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("rollout")
        .values({
          id,
          user_name: session.userName,
          server: session.server,
          created: time,
          updated: time,
          state: "running",
          concurrency: request.concurrency ?? this.options.concurrency,
          idempotency_key: sha256(`${session.server}\n${session.userName}\n${key}`),
          fingerprint,
          lease_owner: null,
          lease_until: null,
        })
        .onConflict((oc) => oc.column("idempotency_key").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!row) return false;
      const hosts = request.hosts.map((h, position) => ({
        rollout_id: id,
        host_id: h.hostId,
        position,
        plan: JSON.stringify(h satisfies RolloutHost),
        host_name: null,
        state: "pending" as const,
        attempt: 1,
        change_id: null,
        steps: "[]",
        adapter: null,
        problem: null,
        updated: time,
      }));
      for (let i = 0; i < hosts.length; i += INSERT_CHUNK)
        await trx
          .insertInto("rollout_host")
          .values(hosts.slice(i, i + INSERT_CHUNK))
          .execute();
      return true;
    });
    if (!inserted) {
      await this.sessions.releaseRollout(id);
      const existing = await this.db
        .selectFrom("rollout")
        .selectAll()
        .where("idempotency_key", "=", sha256(`${session.server}\n${session.userName}\n${key}`))
        .executeTakeFirstOrThrow();
      if (existing.fingerprint !== fingerprint)
        throw new ProblemError(
          422,
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used for another request",
          "Use a new Idempotency-Key for a different rollout",
        );
      return { rollout: (await this.read(existing.id))!, replayed: true };
    }
    const rollout = (await this.read(id))!;
    await this.publishRollout(rollout, session.server);
    void this.drive(id);
    return { rollout, replayed: false };
  }

  /** The user's rollout, or 404 whoever else's it is. */
  async get(session: UserSessionRecord, id: string): Promise<Rollout> {
    const rollout = await this.read(id, session);
    if (!rollout) throw new ProblemError(404, "NOT_FOUND", "No such rollout", `You have no rollout ${id}`);
    return rollout;
  }

  /** The user's recent rollouts on this vCenter, newest first. */
  async recent(session: UserSessionRecord): Promise<Rollout[]> {
    const rows = await this.db
      .selectFrom("rollout")
      .selectAll()
      .where("user_name", "=", session.userName)
      .where("server", "=", session.server)
      .orderBy("created", "desc")
      .limit(RECENT)
      .execute();
    return Promise.all(rows.map(async (r) => rolloutOf(r, await this.hostsOf(r.id))));
  }

  /** No new host starts; the running ones finish. */
  async pause(session: UserSessionRecord, id: string): Promise<Rollout> {
    return this.transition(session, id, ["running"], "paused", "ROLLOUT_NOT_RUNNING", "Only a running rollout can be paused");
  }

  async resume(session: UserSessionRecord, id: string): Promise<Rollout> {
    return this.transition(session, id, ["paused"], "running", "ROLLOUT_NOT_PAUSED", "Only a paused rollout can be resumed");
  }

  /** The hosts not yet started are cancelled; the running ones finish. */
  async cancel(session: UserSessionRecord, id: string): Promise<Rollout> {
    return this.transition(session, id, ["running", "paused"], "cancelled", "ROLLOUT_ENDED", "The rollout has already ended");
  }

  /** The failed and refused hosts run again, each as a new attempt (a new idempotency key). */
  async retry(session: UserSessionRecord, id: string): Promise<Rollout> {
    const rollout = await this.get(session, id);
    if (rollout.state === "cancelled")
      throw new ProblemError(409, "ROLLOUT_ENDED", "The rollout was cancelled", "A cancelled rollout is not retried");
    const retried = await this.db
      .updateTable("rollout_host")
      .set((eb) => ({
        state: "pending",
        attempt: eb("attempt", "+", 1),
        change_id: null,
        steps: "[]",
        adapter: null,
        problem: null,
        updated: now(),
      }))
      .where("rollout_id", "=", id)
      .where("state", "in", ["failure", "refused"])
      .executeTakeFirst();
    if (retried.numUpdatedRows === 0n)
      throw new ProblemError(409, "ROLLOUT_NOTHING_TO_RETRY", "Nothing to retry", "No host of this rollout failed or was refused");
    // A rollout that had ended runs again; a paused one stays paused until it is resumed.
    await this.db.updateTable("rollout").set({ state: "running" }).where("id", "=", id).where("state", "=", "done").execute();
    return this.restarted(session, id);
  }

  private async transition(
    session: UserSessionRecord,
    id: string,
    from: RolloutState[],
    to: RolloutState,
    refused: "ROLLOUT_NOT_RUNNING" | "ROLLOUT_NOT_PAUSED" | "ROLLOUT_ENDED",
    detail: string,
  ): Promise<Rollout> {
    const rollout = await this.get(session, id);
    const r = await this.db
      .updateTable("rollout")
      .set({ state: to, updated: now() })
      .where("id", "=", id)
      .where("state", "in", from)
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n)
      throw new ProblemError(409, refused, "The rollout's state does not allow this", `${detail}: it is ${rollout.state}`);
    if (to === "cancelled")
      await this.db
        .updateTable("rollout_host")
        .set({ state: "cancelled", updated: now() })
        .where("rollout_id", "=", id)
        .where("state", "=", "pending")
        .execute();
    return to === "running" ? this.restarted(session, id) : this.changed(id, session.server);
  }

  /** Resumed or retried: in the session of the user asking (the rollout's own), driven here unless another replica does. */
  private async restarted(session: UserSessionRecord, id: string): Promise<Rollout> {
    await this.sessions.holdForRollout(id, session);
    const rollout = await this.changed(id, session.server);
    void this.drive(id);
    return rollout;
  }

  private async changed(id: string, server: string): Promise<Rollout> {
    await this.db.updateTable("rollout").set({ updated: now() }).where("id", "=", id).execute();
    const rollout = (await this.read(id))!;
    await this.publishRollout(rollout, server);
    return rollout;
  }

  // ---- Reading ----

  private async read(id: string, of?: UserSessionRecord): Promise<Rollout | undefined> {
    let query = this.db.selectFrom("rollout").selectAll().where("id", "=", id);
    if (of) query = query.where("user_name", "=", of.userName).where("server", "=", of.server);
    const row = await query.executeTakeFirst();
    return row && rolloutOf(row, await this.hostsOf(id));
  }

  private hostsOf(id: string): Promise<HostRead[]> {
    return this.hostRows(id).orderBy("rollout_host.position").execute();
  }

  /** A rollout's host rows, a running one's with its change's progress: its steps are written once, in the journal. */
  private hostRows(id: string) {
    return this.db
      .selectFrom("rollout_host")
      .leftJoin("journal", (join) => join.onRef("journal.id", "=", "rollout_host.change_id").on("rollout_host.state", "=", "running"))
      .selectAll("rollout_host")
      .select("journal.progress")
      .where("rollout_host.rollout_id", "=", id);
  }

  private publishRollout(rollout: Rollout, server: string): Promise<void> {
    return this.events.publish({ user: rollout.user, server, event: { type: "rollout", rollout } });
  }

  private publishHost(rollout: Owner & { id: string }, host: RolloutHostStatus): Promise<void> {
    return this.events.publish({ user: rollout.user, server: rollout.server, event: { type: "host", rolloutId: rollout.id, host } });
  }

  // ---- Driving: the lease, and starting hosts within the concurrency ----

  private leaseUntil(): string {
    return new Date(Date.now() + this.journal.leaseMs).toISOString();
  }

  /** Takes the rollout's lease if nobody holds it (or its holder let it lapse), and starts what it has to run. */
  private async drive(id: string): Promise<void> {
    if (this.stopped.signal.aborted) return;
    if (!this.driving.has(id)) {
      const taken = await this.db
        .updateTable("rollout")
        .set({ lease_owner: this.journal.owner, lease_until: this.leaseUntil() })
        .where("id", "=", id)
        .where((eb) => eb.or([eb("lease_owner", "is", null), eb("lease_owner", "=", this.journal.owner), eb("lease_until", "<", now())]))
        .executeTakeFirst();
      if (taken.numUpdatedRows === 0n) return;
      this.driving.add(id);
      // Hosts left running by a replica that stopped: run again with the same key (the same attempt).
      const left = await this.db
        .selectFrom("rollout_host")
        .selectAll()
        .where("rollout_id", "=", id)
        .where("state", "=", "running")
        .execute();
      for (const h of left) await this.dispatch(id, h.host_id, h.attempt);
    }
    await this.pump(id);
  }

  private pump(id: string): Promise<void> {
    const next = (this.pumps.get(id) ?? Promise.resolve())
      .then(() => this.pumpOnce(id))
      .catch((err: unknown) => this.log.warn({ err, rollout: id }, "rollout pass failed"));
    this.pumps.set(id, next);
    void next.then(() => {
      if (this.pumps.get(id) === next) this.pumps.delete(id);
    });
    return next;
  }

  private async pumpOnce(id: string): Promise<void> {
    if (!this.driving.has(id) || this.stopped.signal.aborted) return;
    const rollout = await this.db.selectFrom("rollout").selectAll().where("id", "=", id).executeTakeFirst();
    if (rollout?.lease_owner !== this.journal.owner) return void this.driving.delete(id);
    const counts = await this.db
      .selectFrom("rollout_host")
      .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
      .where("rollout_id", "=", id)
      .where("state", "in", ["pending", "running"])
      .groupBy("state")
      .execute();
    const count = (state: string) => Number(counts.find((c) => c.state === state)?.n ?? 0);
    let running = count("running");
    if (rollout.state === "running") {
      const starting = await this.db
        .selectFrom("rollout_host")
        .select(["host_id", "attempt"])
        .where("rollout_id", "=", id)
        .where("state", "=", "pending")
        .orderBy("position")
        .limit(Math.max(0, rollout.concurrency - running))
        .execute();
      for (const h of starting) {
        const claimed = await this.db
          .updateTable("rollout_host")
          .set({ state: "running", updated: now() })
          .where("rollout_id", "=", id)
          .where("host_id", "=", h.host_id)
          .where("state", "=", "pending")
          .returningAll()
          .executeTakeFirst();
        if (!claimed) continue;
        running++;
        await this.publishHost({ id, user: rollout.user_name, server: rollout.server }, statusOf({ ...claimed, progress: null }));
        await this.dispatch(id, h.host_id, h.attempt);
      }
      if (running === 0 && count("pending") === 0) {
        const done = await this.db
          .updateTable("rollout")
          .set({ state: "done", updated: now() })
          .where("id", "=", id)
          .where("state", "=", "running")
          .executeTakeFirst();
        if (done.numUpdatedRows > 0n) await this.publishRollout((await this.read(id))!, rollout.server);
      } else return;
    } else if (running > 0) return;
    // Nothing more to start here: let the rollout go (a resume or a retry drives it again).
    await this.letGo(id);
    const ended = await this.db.selectFrom("rollout").select("state").where("id", "=", id).executeTakeFirst();
    if (ended?.state === "done" || ended?.state === "cancelled") await this.sessions.releaseRollout(id).catch(() => undefined);
    // Resumed or retried on another replica while this one was letting go: drive it again.
    else if (ended?.state === "running") void this.drive(id);
  }

  private async letGo(id: string): Promise<void> {
    this.driving.delete(id);
    await this.db
      .updateTable("rollout")
      .set({ lease_owner: null, lease_until: null })
      .where("id", "=", id)
      .where("lease_owner", "=", this.journal.owner)
      .execute();
  }

  /** Hands a host to a runner: this process, or the queue every replica works. */
  private async dispatch(rolloutId: string, hostId: string, attempt: number): Promise<void> {
    // One job per (rollout, host, attempt): queued again after a takeover, it is the same job, not a second one.
    const jobId = `${rolloutId}.${hostId}.${attempt}`;
    if (this.queue) {
      await this.queue.add("host", { rolloutId, hostId, attempt }, { jobId, removeOnComplete: true, removeOnFail: true });
      return;
    }
    if (this.runs.has(jobId)) return;
    this.runs.add(jobId);
    void this.runHost(rolloutId, hostId, attempt).finally(() => this.runs.delete(jobId));
  }

  // ---- Running one host ----

  /** Runs a host's change until it is settled, as the rollout's user; again with the same key when its outcome is not known. */
  private async runHost(rolloutId: string, hostId: string, attempt: number): Promise<void> {
    for (;;) {
      if (this.stopped.signal.aborted) return;
      try {
        if (await this.tryHost(rolloutId, hostId, attempt)) return;
      } catch (err) {
        if (this.stopped.signal.aborted) return;
        // The change is open (its outcome not known yet, or another replica settling it): the same key again shortly.
        this.log.warn({ err, rollout: rolloutId, host: hostId }, "rollout host not settled yet: trying again with its key");
      }
      await sleep(this.journal.leaseMs / 2, undefined, { signal: this.stopped.signal }).catch(() => undefined);
    }
  }

  /** One try at a host's change; whether the host is settled (or no longer this attempt's to run). */
  private async tryHost(rolloutId: string, hostId: string, attempt: number): Promise<boolean> {
    const rollout = await this.db.selectFrom("rollout").selectAll().where("id", "=", rolloutId).executeTakeFirst();
    const host = await this.db
      .selectFrom("rollout_host")
      .selectAll()
      .where("rollout_id", "=", rolloutId)
      .where("host_id", "=", hostId)
      .executeTakeFirst();
    if (!rollout || host?.state !== "running" || host.attempt !== attempt) return true;
    const owner = { id: rolloutId, user: rollout.user_name, server: rollout.server };
    const session = await this.sessions.heldForRollout(rolloutId);
    // Never anyone else's session; without the user's own, the rollout waits for their next sign-in.
    if (session?.userName !== rollout.user_name || session.server !== rollout.server) {
      await this.waitForSignIn(rolloutId, hostId, attempt);
      return true;
    }
    const vim = new VimSession(await this.vcenters.get(session.server), session.vcenterCookie, session.vcenterSessionKey);
    const plan = JSON.parse(host.plan) as RolloutHost;
    // The wizard's adapter, then its stack's settings, as one change.
    const model: RolloutChange = { ...plan.model, netStack: plan.netStack };
    let written = Promise.resolve();
    /** The host's row once its change has started (its change and the host's name written down, once). */
    let started: HostRow | undefined;
    const reply = await this.changes.create({
      session,
      vim,
      requestId: `rollout-${rolloutId}`,
      hostId,
      model,
      idempotencyKey: `rollout-${rolloutId}-${hostId}-${attempt}`,
      // Each step as it happens, written and published in order.
      progress: (changeId, steps) => {
        written = written
          .then(async () => {
            started ??= await this.started(owner.id, hostId, attempt, changeId);
            if (started) await this.publishHost(owner, { ...statusOf({ ...started, progress: null }), steps, updated: now() });
          })
          .catch(() => undefined);
      },
    });
    await written;
    const problem = reply.status >= 300 ? (reply.body as Problem) : undefined;
    // The user's vCenter session ended before anything was sent: the host waits, as it was, for their next sign-in.
    if (problem?.code === "SESSION_EXPIRED" && !problem.steps) {
      await this.sessions.releaseRollout(rolloutId).catch(() => undefined);
      await this.waitForSignIn(rolloutId, hostId, attempt);
      return true;
    }
    const settled = await this.db
      .updateTable("rollout_host")
      .set((eb) => ({
        ...settledBy(reply.status, reply.body),
        change_id: reply.changeId,
        host_name: eb.fn.coalesce(eb.selectFrom("journal").select("host_name").where("id", "=", reply.changeId), "host_name"),
        updated: now(),
      }))
      .where("rollout_id", "=", rolloutId)
      .where("host_id", "=", hostId)
      .where("attempt", "=", attempt)
      .where("state", "=", "running")
      .returningAll()
      .executeTakeFirst();
    if (settled) await this.publishHost(owner, statusOf({ ...settled, progress: null }));
    return true;
  }

  /**
   * A running host's change, written down when it starts: its journal change (where its steps are, as they happen) and
   * the host's name as the change has it, so that the panel names the host while it runs. Undefined if the host is no
   * longer this attempt's to run.
   */
  private started(rolloutId: string, hostId: string, attempt: number, changeId: number): Promise<HostRow | undefined> {
    return this.db
      .updateTable("rollout_host")
      .set((eb) => ({
        change_id: changeId,
        host_name: eb.fn.coalesce("host_name", eb.selectFrom("journal").select("host_name").where("id", "=", changeId)),
        updated: now(),
      }))
      .where("rollout_id", "=", rolloutId)
      .where("host_id", "=", hostId)
      .where("attempt", "=", attempt)
      .where("state", "=", "running")
      .returningAll()
      .executeTakeFirst();
  }

  /** Back to pending, unchanged, and the rollout let go until its user signs in again (continueFor). */
  private async waitForSignIn(rolloutId: string, hostId: string, attempt: number): Promise<void> {
    await this.db
      .updateTable("rollout_host")
      .set({ state: "pending", updated: now() })
      .where("rollout_id", "=", rolloutId)
      .where("host_id", "=", hostId)
      .where("attempt", "=", attempt)
      .where("state", "=", "running")
      .execute();
    await this.db.updateTable("rollout").set({ lease_owner: null, lease_until: null }).where("id", "=", rolloutId).execute();
    this.driving.delete(rolloutId);
  }

  // ---- Continuing after a restart, a lost replica, a new sign-in ----

  /** Rollouts nobody drives (their replica stopped, or let them go) that have something to run. */
  private orphans(of?: Owner): Promise<{ id: string }[]> {
    let query = this.db
      .selectFrom("rollout")
      .select("id")
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now())]))
      .where((eb) =>
        eb.or([
          eb("state", "=", "running"),
          eb.exists(
            eb
              .selectFrom("rollout_host")
              .select("host_id")
              .whereRef("rollout_host.rollout_id", "=", "rollout.id")
              .where("rollout_host.state", "=", "running"),
          ),
        ]),
      );
    if (of) query = query.where("user_name", "=", of.user).where("server", "=", of.server);
    return query.orderBy("created").limit(100).execute();
  }

  /** One pass: every orphaned rollout whose user's session is held goes on here. */
  async sweep(): Promise<void> {
    for (const { id } of await this.orphans()) if (await this.sessions.heldForRollout(id)) await this.drive(id);
  }

  /** At sign-in: the user's rollouts on this vCenter that nobody drives go on, in their new session. */
  async continueFor(session: UserSessionRecord): Promise<void> {
    for (const { id } of await this.orphans({ user: session.userName, server: session.server })) {
      await this.sessions.holdForRollout(id, session);
      await this.drive(id);
    }
  }

  /** Starts the worker, the lease renewal and the sweep; the events wake the driver when a host settles. */
  start(): void {
    this.unsubscribe = this.events.subscribe((m) => {
      if (!("event" in m)) return;
      const id = m.event.type === "rollout" ? m.event.rollout.id : m.event.rolloutId;
      const settled = m.event.type === "rollout" || ROLLOUT_HOST_ENDED.includes(m.event.host.state);
      if (settled && this.driving.has(id)) void this.pump(id);
    });
    void this.worker?.run().catch((err: unknown) => this.log.warn({ err }, "rollout worker stopped"));
    const renew = () => {
      if (this.driving.size === 0) return;
      void this.db
        .updateTable("rollout")
        .set({ lease_until: this.leaseUntil() })
        .where("id", "in", [...this.driving])
        .where("lease_owner", "=", this.journal.owner)
        .execute()
        .catch((err: unknown) => this.log.warn({ err }, "rollout lease not renewed"));
    };
    const sweep = () => void this.sweep().catch((err: unknown) => this.log.warn({ err }, "rollout sweep failed"));
    sweep();
    this.timers.push(setInterval(renew, this.journal.leaseMs / 3), setInterval(sweep, this.journal.leaseMs / 2));
    for (const t of this.timers) t.unref();
  }

  /** Stops starting and running hosts here; the leases are let go, for another replica (or the next start) to go on. */
  async close(): Promise<void> {
    this.stopped.abort();
    for (const t of this.timers) clearInterval(t);
    this.unsubscribe?.();
    await this.worker?.close(true).catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
    await Promise.all([...this.driving].map((id) => this.letGo(id).catch(() => undefined)));
    await this.events.close();
  }
}
