/**
 * Every change as one journaled change: a create once per Idempotency-Key whichever replica answers, under the host's
 * lock and with its addresses reserved; a TCP/IP stack edit under the host's lock; and the recovery of changes whose
 * replica stopped, in the session of the user who made them.
 */
import { createHash } from "node:crypto";

import { type Message, type ValidationCode, type NetStackPatch, type Step } from "@addnet/contracts";
import type { FastifyBaseLogger } from "fastify";

import { said, type ChangeRow, type Journal, type StoredReply } from "../journal/journal.ts";
import { issue, outcomeProblem, ProblemError } from "../problem.ts";
import { applyPlan, OPEN_CODES, resume, startProgress, type CreateOutcome, type Progress } from "./apply-plan.ts";
import { editNetStack, readEdited, shows, type NetStackEdit } from "./edit-netstack.ts";
import { readHost, type HostSnapshot } from "./host-snapshot.ts";
import type { Locks } from "./locks.ts";
import type { Plan } from "./plan.ts";
import { addressesOf, checkAndPlan, isHostEdit, missingPrivilegeOf, readForPreflight, type HostChange } from "./preflight.ts";
import type { SessionStore, UserSessionRecord } from "./session-store.ts";
import type { Inventories } from "./inventory.ts";
import type { VCenters } from "./vcenters.ts";
import { faultProblem } from "./vim-errors.ts";
import { VimSession } from "./vim-session.ts";

export interface CreateRequest {
  session: UserSessionRecord;
  vim: VimSession;
  requestId: string;
  hostId: string;
  model: HostChange;
  idempotencyKey: string;
  /** Each step's status as soon as the journal has it (a rollout's live progress). */
  progress?: (changeId: number, steps: Step[]) => void;
}

/** Each create's action in the journal. */
const ACTIONS = {
  vmkernel: "vmkernel-adapter.create",
  vmPortGroup: "port-group.create",
  physicalAdapter: "physical-adapter.create",
  editAdapter: "vmkernel-adapter.edit",
  migrateAdapter: "vmkernel-adapter.migrate",
  moveAdapter: "vmkernel-adapter.move-stack",
  removeAdapter: "vmkernel-adapter.remove",
  editPortGroup: "port-group.edit",
  removePortGroup: "port-group.remove",
  editSwitch: "standard-switch.edit",
  removeSwitch: "standard-switch.remove",
} as const;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A change's outcome as the journal records it. */
interface Settled {
  reply: StoredReply;
  hostName: string;
  detail: string;
  messages: Message[];
}

function replyOf(err: ProblemError): StoredReply {
  return { status: err.status, body: err.toProblem() };
}

/** What a change made as the reply and the journal tell it. */
function created(outcome: CreateOutcome): Settled {
  const settled = (status: number, body: unknown, message: Message): Settled => ({
    reply: { status, body },
    hostName: outcome.hostName,
    ...said([message]),
  });
  if ("portGroup" in outcome) {
    const { name, vswitch } = outcome.portGroup.portGroup;
    return settled(201, outcome.portGroup, { code: "audit.portGroupCreated", params: { portgroup: name, vswitch } });
  }
  if ("uplinks" in outcome) {
    const { vswitch, added } = outcome.uplinks;
    return settled(201, outcome.uplinks, { code: "audit.uplinksAdded", params: { uplinks: added.join(", "), vswitch: vswitch.name } });
  }
  if ("editedPortGroup" in outcome) {
    const { name, vswitch } = outcome.editedPortGroup.portGroup;
    return settled(200, outcome.editedPortGroup, { code: "audit.portGroupEdited", params: { portgroup: name, vswitch } });
  }
  if ("removedPortGroup" in outcome) {
    const { portGroup, vswitch } = outcome.removedPortGroup.removed;
    return settled(200, outcome.removedPortGroup, { code: "audit.portGroupRemoved", params: { portgroup: portGroup, vswitch } });
  }
  if ("editedSwitch" in outcome)
    return settled(200, outcome.editedSwitch, { code: "audit.switchEdited", params: { vswitch: outcome.editedSwitch.vswitch.name } });
  if ("removedSwitch" in outcome)
    return settled(200, outcome.removedSwitch, { code: "audit.switchRemoved", params: { vswitch: outcome.removedSwitch.removed.vswitch } });
  if ("editedAdapter" in outcome) {
    const { device, networkLabel } = outcome.editedAdapter.adapter;
    return settled(200, outcome.editedAdapter, { code: "audit.adapterEdited", params: { device, portgroup: networkLabel } });
  }
  if ("movedAdapter" in outcome) {
    const { adapter, previous } = outcome.movedAdapter;
    const params = { device: previous.device, newDevice: adapter.device, stack: adapter.tcpipStack };
    return settled(200, outcome.movedAdapter, { code: "audit.adapterMoved", params });
  }
  if ("migratedAdapter" in outcome) {
    const { device, networkLabel } = outcome.migratedAdapter.adapter;
    return settled(200, outcome.migratedAdapter, { code: "audit.adapterMigrated", params: { device, portgroup: networkLabel } });
  }
  if ("removed" in outcome) {
    const { device, portgroup } = outcome.removed.removed;
    return settled(200, outcome.removed, { code: "audit.adapterRemoved", params: { device, portgroup } });
  }
  const { device, networkLabel, tcpipStack } = outcome.adapter.adapter;
  return settled(201, outcome.adapter, { code: "audit.created", params: { device, portgroup: networkLabel, stack: tcpipStack } });
}

export interface EditRequest {
  session: UserSessionRecord;
  vim: VimSession;
  requestId: string;
  hostId: string;
  key: string;
  patch: NetStackPatch;
}

/** The reply to a change whose API process stopped, once recovery has settled it. */
function interrupted(code: ValidationCode, params: Message["params"]): ProblemError {
  return outcomeProblem(503, "INTERRUPTED", "The change was interrupted", [{ code, params }], { steps: [] });
}

export class Changes {
  constructor(
    private readonly journal: Journal,
    private readonly sessions: SessionStore,
    private readonly locks: Locks,
    private readonly vcenters: VCenters,
    private readonly inventories: Inventories,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Runs the create once per (user, key); a retry gets the recorded outcome, or finishes the change if it was left open. */
  async create(r: CreateRequest): Promise<StoredReply & { replayed: boolean; changeId: number }> {
    const fingerprint = sha256(JSON.stringify({ hostId: r.hostId, model: r.model }));
    const opened = await this.journal.open({
      user: r.session.userName,
      server: r.session.server,
      action: isHostEdit(r.model) ? ACTIONS[r.model.change] : ACTIONS[r.model.connectionType],
      hostId: r.hostId,
      requestId: r.requestId,
      idempotencyKey: sha256(`${r.session.server}\n${r.session.userName}\n${r.idempotencyKey}`),
      fingerprint,
    });
    if ("existing" in opened) {
      const row = opened.existing;
      if (row.fingerprint !== fingerprint)
        throw new ProblemError(
          422,
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used for another request",
          "Use a new Idempotency-Key for a different request",
        );
      if (row.outcome === "running") {
        // Left open by a replica that stopped, or by a step whose outcome could not be seen: finish it now, as this user.
        const reply = (await this.journal.takeOver(row.id)) ? await this.recover(row, r.vim) : undefined;
        if (!reply)
          throw new ProblemError(
            409,
            "IN_PROGRESS",
            "The first request with this Idempotency-Key is still running",
            "Retry once it has finished",
          );
        return { ...reply, replayed: true, changeId: row.id };
      }
      return { ...(JSON.parse(row.reply!) as StoredReply), replayed: true, changeId: row.id };
    }
    return { ...(await this.run(opened.id, r)), replayed: false, changeId: opened.id };
  }

  /** Edits a TCP/IP stack as one journaled change: the stack as sent and as it was on record before it goes. */
  async editNetStack(r: EditRequest): Promise<StoredReply> {
    const opened = await this.journal.open({
      user: r.session.userName,
      server: r.session.server,
      action: "netstack.edit",
      hostId: r.hostId,
      requestId: r.requestId,
    });
    if (!("id" in opened)) throw new Error("a change without a key is always opened anew");
    return this.journaled(opened.id, r.session, () =>
      this.locks.host(r.session.server, r.hostId, async () => {
        const edited = await editNetStack(r.vim, r.hostId, r.key, r.patch, (edit, hostName, before) =>
          this.write(opened.id, { host_name: hostName, plan: JSON.stringify(edit), before_state: JSON.stringify(before), detail: "Sent" }),
        ).catch((err: unknown) => {
          // vCenter's refusal, or a call that did not reach it (the host shows nothing of it): the edit was not made.
          const p = err instanceof ProblemError ? err : faultProblem(err);
          throw new ProblemError(p.status, p.code, p.title, `Edit of the ${r.key} stack failed: ${p.message}`, p.extra);
        });
        return {
          reply: { status: 200, body: edited.stack },
          hostName: edited.hostName,
          ...said([{ code: edited.replyLost ? "audit.editedReplyLost" : "audit.edited", params: { stack: r.key } }]),
        };
      }),
    );
  }

  /**
   * Runs a change opened in the journal: its user's session held for recovery and its lease renewed while it runs; its
   * outcome recorded, or the change left open (for recovery, or a retry with its key) when the outcome is not known.
   */
  private async journaled(id: number, session: UserSessionRecord, work: () => Promise<Settled>): Promise<StoredReply> {
    await this.sessions.holdForChange(id, session);
    const keepAlive = setInterval(() => void this.journal.update(id, {}).catch(() => undefined), this.journal.leaseMs / 3);
    let open = false;
    try {
      const done = await work();
      await this.journal.finish(id, { outcome: "success", ...done });
      return done.reply;
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err; // the change stays open; recovery finishes it
      open = OPEN_CODES.has(err.code);
      if (open) await this.journal.release(id);
      else await this.finishFailed(id, err);
      return replyOf(err);
    } finally {
      clearInterval(keepAlive);
      if (!open) await this.sessions.releaseChange(id).catch(() => undefined);
    }
  }

  private finishFailed(id: number, err: ProblemError): Promise<void> {
    return this.journal.finish(id, {
      outcome: err.code === "PARTIALLY_APPLIED" ? "partial" : "failure",
      detail: err.message,
      // The reply's own sentences (how the change ended, what was refused, vCenter's fault), for the user's language.
      messages:
        err.extra.outcome ?? err.extra.errors?.map(({ code, params }) => ({ code, params })) ?? (err.extra.fault && [err.extra.fault]),
      reply: replyOf(err),
      // An ended vCenter session before any step changed nothing: a retry with the same key, once signed in again, runs.
      releaseKey: err.code === "SESSION_EXPIRED" && !err.extra.steps,
    });
  }

  private run(id: number, r: CreateRequest): Promise<StoredReply> {
    const addresses = addressesOf(r.model);
    const reserved = (key: string, holder: string) => {
      const a = addresses.find((x) => key.endsWith(`|${x.key}`))!;
      const reservedBy = issue({ path: a.path, code: "address.reserved", params: { address: a.address, host: holder } });
      return new ProblemError(422, "PREFLIGHT_FAILED", "The change was not made", `${a.path}: ${reservedBy.message}`, {
        errors: [reservedBy],
      });
    };
    return this.journaled(id, r.session, () =>
      this.locks.host(r.session.server, r.hostId, () =>
        this.locks.with(
          addresses.map((a) => `ip:${r.session.server}|${a.key}`),
          r.hostId,
          () => this.prepareAndRun(id, r),
          0,
          reserved,
        ),
      ),
    );
  }

  private async prepareAndRun(id: number, r: CreateRequest): Promise<Settled> {
    let host: HostSnapshot;
    let addresses;
    try {
      ({ host, addresses } = await readForPreflight(r.vim, this.inventories, r.hostId, r.model));
    } catch (err) {
      const problem = faultProblem(err);
      throw new ProblemError(
        problem.status,
        problem.code,
        problem.title,
        `Not started: reading the host failed: ${problem.message}`,
        problem.extra,
      );
    }
    // The host as it was, on record before anything is sent to it: when the plan passes, with the plan and the first step
    // in flight, in one write.
    const asItWas = { host_name: host.name, before_state: JSON.stringify(host) };
    const { check, plan } = checkAndPlan(host, r.model, addresses);
    if (check.errors.length) {
      await this.write(id, asItWas);
      const noPermission = check.errors.find((e) => e.code === "privilege.missing");
      throw new ProblemError(
        noPermission ? 403 : 422,
        noPermission ? "NO_PERMISSION" : "PREFLIGHT_FAILED",
        "The change was not made",
        `Refused: ${check.errors.map((e) => `${e.path || "host"}: ${e.message}`).join("; ")}`,
        {
          errors: check.errors,
          ...(noPermission ? { missingPrivilege: missingPrivilegeOf(host, r.model, noPermission) } : {}),
        },
      );
    }
    let planned: Parameters<Journal["update"]>[1] = { ...asItWas, plan: JSON.stringify(plan), detail: "Running" };
    return created(
      await applyPlan(r.vim, host, plan, async (p) => {
        await this.write(id, { ...planned, progress: JSON.stringify(p) });
        planned = {};
        r.progress?.(id, p.steps);
      }),
    );
  }

  private async write(id: number, fields: Parameters<Journal["update"]>[1]): Promise<void> {
    // Taken over (this replica let the lease lapse): recovery owns the change now.
    if (!(await this.journal.update(id, fields))) throw new Error(`change ${id} is no longer held by this replica`);
  }

  private progress(id: number, p: Progress): Promise<void> {
    return this.write(id, { progress: JSON.stringify(p) });
  }

  /**
   * Finishes or undoes a change this replica has taken over, in the session of the user who made it; the reply it
   * records, or undefined when it cannot be settled now (the host unreadable, the session ended): it stays open.
   */
  private async recover(row: ChangeRow, vim: VimSession): Promise<StoredReply | undefined> {
    try {
      return await this.locks.host(row.server!, row.host_id!, async () => {
        // Read again under the host's lock: the replica that had the change may have gone on until it let the lock go.
        const fresh = await this.journal.get(row.id);
        if (fresh?.outcome !== "running" || fresh.lease_owner !== this.journal.owner)
          return fresh?.reply ? (JSON.parse(fresh.reply) as StoredReply) : undefined;
        row = fresh;
        // Stopped before its plan was written: nothing was sent, whatever the host answers now (it may be disconnected).
        if (!row.plan) {
          const err = interrupted("outcome.stoppedBeforeSending", { host: row.host_name ?? row.host_id! });
          await this.finishFailed(row.id, err);
          return replyOf(err);
        }
        // The session must work and the host be readable before anything is decided: an ended session would make
        // every undo look failed.
        const now = await readHost(vim, row.host_id!);
        try {
          const done = await this.settle(row, vim, now);
          await this.journal.finish(row.id, { outcome: "success", ...done });
          return done.reply;
        } catch (err) {
          if (!(err instanceof ProblemError) || OPEN_CODES.has(err.code)) throw err;
          await this.finishFailed(row.id, err);
          return replyOf(err);
        }
      });
    } catch (err) {
      this.log.warn(
        { change: row.id, code: err instanceof ProblemError ? err.code : undefined },
        "change left open: it cannot be settled now",
      );
      await this.journal.release(row.id);
      return undefined;
    } finally {
      if ((await this.journal.get(row.id))?.outcome !== "running") await this.sessions.releaseChange(row.id).catch(() => undefined);
    }
  }

  /** What an unfinished change comes to, from its journal entry and the host as it now is. */
  private async settle(row: ChangeRow, vim: VimSession, now: HostSnapshot): Promise<Settled> {
    if (row.action === "netstack.edit") {
      // One call, made or not: the host tells which.
      const edit = JSON.parse(row.plan!) as NetStackEdit;
      if (!shows(now, edit)) throw interrupted("outcome.editNotMade", { host: now.name, stack: edit.key });
      const { stack, hostName } = await readEdited(vim, row.host_id!, edit.key, true);
      return {
        reply: { status: 200, body: stack },
        hostName,
        ...said([{ code: "audit.editedReplyLost", params: { stack: edit.key } }]),
      };
    }
    const plan = JSON.parse(row.plan!) as Plan;
    const before = JSON.parse(row.before_state!) as HostSnapshot;
    const p = row.progress ? (JSON.parse(row.progress) as Progress) : startProgress(plan);
    return created(await resume(vim, before, plan, p, (q) => this.progress(row.id, q)));
  }

  /** One pass, by the replica that holds the recovery lease: every change whose replica stopped, in its user's session. */
  async sweep(): Promise<void> {
    if (!(await this.journal.hold("recovery"))) return;
    for (const row of await this.journal.stale()) {
      if (!(await this.journal.takeOver(row.id))) continue;
      const held = await this.sessions.heldForChange(row.id);
      const vcenter = held && (await this.vcenters.get(held.server).catch(() => undefined));
      // No session to finish it in (in-memory sessions lost with the process): its user's next sign-in does.
      if (!held || !vcenter) await this.journal.release(row.id);
      else await this.recover(row, new VimSession(vcenter, held.vcenterCookie, held.vcenterSessionKey));
    }
  }

  /** At sign-in: the user's changes left open on this vCenter, finished or undone in their new session. */
  async recoverFor(session: UserSessionRecord, vim: VimSession): Promise<void> {
    for (const row of await this.journal.stale({ user: session.userName, server: session.server }))
      if (await this.journal.takeOver(row.id)) await this.recover(row, vim);
  }

  /** Sweeps now and then for as long as the API runs; returns the stop. */
  start(): () => void {
    const sweep = () => void this.sweep().catch((err: unknown) => this.log.warn({ err }, "recovery sweep failed"));
    sweep();
    const timer = setInterval(sweep, this.journal.leaseMs / 2);
    timer.unref();
    return () => clearInterval(timer);
  }
}
