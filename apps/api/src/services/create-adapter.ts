/**
 * POST .../vmkernel-adapters: runs the plan as one all-or-nothing change. If a step fails, the steps done so far
 * are undone in reverse order, and the reply says which step failed and that the host is as it was — or exactly
 * what could not be undone. Every step's status is handed to `record` (the journal) before and after its call, so
 * that a change whose API process stopped can be finished or undone by another (resume).
 */
import { DEFAULT_STACK, STACK_SERVICE, type CreatedAdapter, type NicType, type Step } from "@addnet/contracts";
import { VimFault, type HostVirtualNic, type MoRef, type VimMethod } from "@addnet/vsphere";

import { ProblemError } from "../problem.ts";
import { adapterView, readHost, servicesByDevice, stackOf, type HostSnapshot } from "./host-snapshot.ts";
import { withDevice, type Plan, type VimStep } from "./plan.ts";
import { faultProblem } from "./vim-errors.ts";
import type { VimSession } from "./vim-session.ts";

export interface CreateOutcome {
  result: CreatedAdapter;
  hostName: string;
}

/** Where a change is: each step's status, the steps made, the vmk AddVirtualNic named, the step whose answer is awaited. */
export interface Progress {
  steps: Step[];
  done: number[];
  device?: string;
  inFlight?: number;
  undoing?: Undoing;
}

/** Writes the progress down (the journal) before the change goes on. */
export type RecordProgress = (progress: Progress) => Promise<void>;

export function startProgress(plan: Plan): Progress {
  return {
    steps: plan.steps.map((s) => ({
      method: s.method,
      object: `${s.object.type}:${s.object.value}`,
      summary: s.summary,
      status: "not-run",
    })),
    done: [],
  };
}

async function run(
  vim: VimSession,
  method: string,
  object: MoRef,
  args: Record<string, unknown>,
  task: boolean | undefined,
): Promise<unknown> {
  // Plan steps are built from the same vim25 names the client types; their arguments are checked by the vim25 encoder.
  const result = await vim.invoke(method as VimMethod, object, args as never);
  if (task) await vim.waitForTask(result as MoRef);
  return result;
}

export async function createAdapter(vim: VimSession, before: HostSnapshot, plan: Plan, record: RecordProgress): Promise<CreateOutcome> {
  const p = startProgress(plan);
  for (const [i, step] of plan.steps.entries()) {
    p.inFlight = i;
    await record(p);
    let result: unknown;
    try {
      result = await run(vim, step.method, step.object, p.device ? withDevice(step.args, p.device) : step.args, step.task);
    } catch (err) {
      // Without vCenter's answer (timeout, dropped connection, unreadable reply) the step may have been made:
      // look, and if it was, undo it with the others.
      const looked = err instanceof VimFault ? undefined : await appliedAnyway(vim, before, plan, step, p.device);
      // Cannot look: the change stays open (the step in flight) for recovery, which looks again before it decides.
      if (looked === "unknown") throw pending(before, plan, i, err, p);
      p.steps[i]!.status = "failed";
      return rollBack(vim, before, plan, p, record, { failed: i, cause: err, applied: looked || undefined });
    }
    if (step.method === "AddVirtualNic") p.device = String(result);
    p.steps[i]!.status = "done";
    p.done.push(i);
    p.inFlight = undefined;
    await record(p);
  }
  return readBack(vim, before, plan, p);
}

/**
 * Finishes a change that an API process left unfinished: the step it was waiting on is looked for on the host; if every
 * step is made, the change is complete and read back, otherwise what it made is undone exactly.
 */
export async function resume(
  vim: VimSession,
  before: HostSnapshot,
  plan: Plan,
  p: Progress,
  record: RecordProgress,
): Promise<CreateOutcome> {
  if (p.undoing) return rollBack(vim, before, plan, p, record);
  if (p.inFlight !== undefined) {
    const i = p.inFlight;
    const looked = await appliedAnyway(vim, before, plan, plan.steps[i]!, p.device);
    // Cannot look: leave it to the next attempt rather than guess.
    if (looked === "unknown") throw pending(before, plan, i, undefined, p);
    if (looked) {
      p.device ??= looked.device;
      p.steps[i]!.status = "done";
      p.done.push(i);
    }
    p.inFlight = undefined;
    await record(p);
  }
  if (p.done.length === plan.steps.length) return readBack(vim, before, plan, p);
  return rollBack(vim, before, plan, p, record);
}

/** After every step: the host as it now is, read again if a reply is lost; "made, not read back" rather than "failed". */
async function readBack(vim: VimSession, before: HostSnapshot, plan: Plan, p: Progress): Promise<CreateOutcome> {
  const { now: after, error } = await readAgain(vim, before, 3);
  if (!after) {
    throw new ProblemError(
      502,
      "MADE_NOT_READ_BACK",
      "The change was made but the host could not be read back",
      `All ${plan.steps.length} steps were made${p.device ? ` (${p.device} was created)` : ""}, but ${before.name} could not be read afterwards: ${sentence(faultProblem(error).message)} Retry with the same Idempotency-Key to be told what the host has.`,
      { steps: p.steps },
    );
  }
  const vnic = (after.network.vnic ?? []).find((v) => v.device === p.device);
  if (!vnic)
    throw new ProblemError(
      502,
      "READ_BACK_FAILED",
      "The adapter was not found afterwards",
      `vCenter reported ${p.device} but ${after.name} does not list it`,
      { steps: p.steps },
    );
  return { result: resultOf(before, after, vnic.device, plan.tcpipStack, p.steps), hostName: after.name };
}

/** Problems that leave the change open in the journal: recovery, or a retry with the same key, finishes it. */
export const OPEN_CODES = new Set(["OUTCOME_PENDING", "MADE_NOT_READ_BACK"]);

/** A step's answer never came and the host cannot be read to see whether it was made. */
function pending(before: HostSnapshot, plan: Plan, i: number, cause: unknown, p: Progress): ProblemError {
  const why = cause === undefined ? "" : ` got no answer (${sentence(faultProblem(cause).message).replace(/\.$/, "")}) and`;
  return new ProblemError(
    504,
    "OUTCOME_PENDING",
    "The outcome is not known yet",
    `Step ${i + 1} of ${plan.steps.length} (${plan.steps[i]!.method})${why} ${before.name} could not be read to see whether it was made. addnet will finish or undo the change exactly as soon as the host can be read; retry with the same Idempotency-Key to be told the outcome.`,
    { steps: p.steps },
  );
}

/** What made the change roll back, as its reply will tell it. */
interface Undoing {
  failed?: number;
  /** The failed step was made all the same (its reply was lost). */
  applied: boolean;
  where: string;
  cause: { status: number; code: string; title: string; extra: ProblemError["extra"] };
}

/**
 * Undoes the steps made, in reverse order, and throws the problem that tells exactly what the host now has. The
 * rollback is in the progress too: one that cannot be confirmed (an undo's answer lost and the host unreadable) stays
 * open, and resume runs it again from where it was.
 */
async function rollBack(
  vim: VimSession,
  before: HostSnapshot,
  plan: Plan,
  p: Progress,
  record: RecordProgress,
  f?: { failed: number; cause: unknown; applied: { device?: string } | undefined },
): Promise<never> {
  const resumed = Boolean(p.undoing);
  if (!p.undoing) {
    if (f?.applied) {
      p.device ??= f.applied.device;
      p.done.push(f.failed);
    }
    const cause = f ? faultProblem(f.cause) : undefined;
    const next = plan.steps.findIndex((_, j) => !p.done.includes(j));
    p.undoing = {
      failed: f?.failed,
      applied: Boolean(f?.applied),
      where: f
        ? `Step ${f.failed + 1} of ${plan.steps.length} (${plan.steps[f.failed]!.method}) failed: ${sentence(cause!.message)}`
        : `The change was interrupted before step ${next + 1} of ${plan.steps.length}: the API process running it stopped.`,
      cause: cause
        ? { status: cause.status, code: cause.code, title: cause.title, extra: cause.extra }
        : { status: 503, code: "INTERRUPTED", title: "The change was interrupted", extra: {} },
    };
  }
  p.inFlight = undefined;
  await record(p);
  const { failed, applied, where, cause } = p.undoing;
  const earlier = p.done.some((j) => j !== failed);
  const undoFailures: string[] = [];
  let unanswered = false;
  let adapterRemoved = false;
  const unconfirmed = () =>
    new ProblemError(
      504,
      "OUTCOME_PENDING",
      "The outcome is not known yet",
      `${where} Undoing the change got no answer and ${before.name} could not be read to see what remains. addnet will finish the undo as soon as the host can be read; retry with the same Idempotency-Key to be told the outcome.`,
      { steps: p.steps },
    );
  // Resumed, the host's lock was let go since the rollback began: only what the host still shows as this change's is
  // undone (a vmk number or a name another change has taken since is left alone).
  const gone = new Set<number>();
  if (resumed) {
    const { now } = await readAgain(vim, before, 2);
    if (!now) throw unconfirmed();
    for (const j of p.done) {
      if (p.steps[j]!.status === "undone" || ours(plan.steps[j]!, now, plan, p.device)) continue;
      gone.add(j);
      if (j !== failed) p.steps[j]!.status = "undone";
      if (plan.steps[j]!.method === "AddVirtualNic") adapterRemoved = true;
    }
  }
  for (const j of [...p.done].reverse()) {
    const undo = plan.steps[j]!.undo;
    if (!undo || p.steps[j]!.status === "undone" || gone.has(j)) continue;
    try {
      await run(vim, undo.method, undo.object, withDevice(undo.args, p.device ?? ""), plan.steps[j]!.task);
      // The failed step keeps its "failed"; the detail says its change was made and undone.
      if (j !== failed) p.steps[j]!.status = "undone";
      if (plan.steps[j]!.method === "AddVirtualNic") adapterRemoved = true;
    } catch (undoErr) {
      p.steps[j]!.status = "undo-failed";
      unanswered ||= !(undoErr instanceof VimFault);
      undoFailures.push(`Undoing step ${j + 1} (${undo.method}) failed: ${sentence(faultProblem(undoErr).message)}`);
    }
    await record(p);
  }
  // A failed undo may have been made good by a later one (removing a switch removes its port groups, removing
  // an adapter its services), or made with its answer lost: what remains is what the host shows afterwards.
  if (undoFailures.length && !(await settle(vim, before, plan, p.steps, p.device)) && unanswered) throw unconfirmed();
  // R2, R3: the adapter took vMotion (Provisioning) from the default-stack adapters, and removing it does not give
  // the service back: the undo does, or the host would not be as it was.
  const implied = STACK_SERVICE[plan.tcpipStack];
  const notGivenBack: string[] = [];
  if (implied && adapterRemoved) {
    for (const [vmk, nicTypes] of servicesByDevice(before)) {
      const vnic = (before.network.vnic ?? []).find((v) => v.device === vmk);
      if (!vnic || stackOf(vnic) !== DEFAULT_STACK || !nicTypes.includes(implied)) continue;
      try {
        await run(vim, "SelectVnicForNicType", before.virtualNicManager, { nicType: implied, device: vmk }, false);
      } catch (selectErr) {
        undoFailures.push(`Enabling ${implied} on ${vmk} again failed: ${sentence(faultProblem(selectErr).message)}`);
        notGivenBack.push(`${implied} is no longer enabled on ${vmk}`);
      }
    }
  }
  const remaining = [
    ...[...p.done]
      .reverse()
      .filter((j) => p.steps[j]!.status === "undo-failed")
      .map((j) => (plan.steps[j]!.method === "AddVirtualNic" && p.device ? `${p.steps[j]!.summary} (${p.device})` : p.steps[j]!.summary)),
    ...notGivenBack,
  ];
  const state = remaining.length
    ? `These steps could not be undone and remain on ${before.name}: ${remaining.join("; ")}.`
    : applied
      ? `vCenter made that change all the same; it ${earlier ? "and the earlier steps were" : "was"} undone: ${before.name} is as it was.`
      : earlier
        ? `The ${failed === undefined ? "" : "earlier "}steps were undone: ${before.name} is as it was.`
        : `Nothing was changed on ${before.name}.`;
  throw new ProblemError(
    cause.status,
    remaining.length ? "PARTIALLY_APPLIED" : cause.code,
    cause.title,
    [where, ...undoFailures, state].join(" "),
    {
      ...cause.extra,
      steps: p.steps,
    },
  );
}

/** Ends a message with a full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** Whether a done step's change is still on the host. */
function present(step: VimStep, now: HostSnapshot, device: string | undefined): boolean {
  const args = step.args as { vswitchName?: string; portgrp?: { name: string }; nicType?: string };
  switch (step.method) {
    case "AddVirtualSwitch":
      return (now.network.vswitch ?? []).some((v) => v.name === args.vswitchName);
    case "AddPortGroup":
      return (now.network.portgroup ?? []).some((p) => p.spec.name === args.portgrp?.name);
    case "AddVirtualNic":
      return (now.network.vnic ?? []).some((v) => v.device === device);
    case "SelectVnicForNicType":
      return Boolean(
        device &&
        servicesByDevice(now)
          .get(device)
          ?.includes(args.nicType ?? ""),
      );
    case "UpdateVsan_Task":
      return Boolean(device && now.vsanPorts.includes(device));
  }
  return true;
}

/**
 * Whether the host shows this step's change as it was sent: what another client made under the same name (other
 * uplinks, another MTU or VLAN), or a vmk number another change took after this one's adapter went, is not this change's.
 */
function ours(step: VimStep, now: HostSnapshot, plan: Plan, device: string | undefined): boolean {
  switch (step.method) {
    case "AddVirtualSwitch": {
      const { vswitchName, spec } = step.args as { vswitchName: string; spec: { mtu?: number; bridge?: { nicDevice?: string[] } } };
      const v = (now.network.vswitch ?? []).find((x) => x.name === vswitchName);
      const uplinks = (v?.pnic ?? []).map((key) => key.replace(/^key-vim\.host\.PhysicalNic-/, "")).sort();
      return Boolean(
        v &&
        (v.mtu ?? 1500) === (spec.mtu ?? 1500) &&
        JSON.stringify(uplinks) === JSON.stringify([...(spec.bridge?.nicDevice ?? [])].sort()),
      );
    }
    case "AddPortGroup": {
      const { portgrp } = step.args as { portgrp: { name: string; vlanId: number; vswitchName: string } };
      const p = (now.network.portgroup ?? []).find((x) => x.spec.name === portgrp.name);
      return Boolean(p && p.spec.vlanId === portgrp.vlanId && p.spec.vswitchName === portgrp.vswitchName);
    }
    case "AddVirtualNic": {
      const v = (now.network.vnic ?? []).find((x) => x.device === device);
      return Boolean(v && nicAsSent(v, step, plan));
    }
  }
  // A service or vSAN counts as this change's only on this change's own adapter.
  const nic = plan.steps.find((x) => x.method === "AddVirtualNic")!;
  return present(step, now, device) && ours(nic, now, plan, device);
}

/** Whether an adapter is the one AddVirtualNic sent: on its port group, stack and address. */
function nicAsSent(v: HostVirtualNic, step: VimStep, plan: Plan): boolean {
  const nic = step.args.nic as {
    distributedVirtualPort?: { portgroupKey?: string };
    ip?: { dhcp: boolean; ipAddress?: string };
    netStackInstanceKey?: string;
  };
  return (
    (plan.portgroupName
      ? v.portgroup === plan.portgroupName
      : v.spec.distributedVirtualPort?.portgroupKey === nic.distributedVirtualPort?.portgroupKey) &&
    stackOf(v) === (nic.netStackInstanceKey ?? DEFAULT_STACK) &&
    Boolean(v.spec.ip?.dhcp) === Boolean(nic.ip?.dhcp) &&
    (Boolean(nic.ip?.dhcp) || v.spec.ip?.ipAddress === nic.ip?.ipAddress)
  );
}

/**
 * Whether the host shows a change exactly as this step sent it, where it did not before, and nothing of anyone else's
 * on it yet (a new switch with port groups, a port group with adapters): only then was it this change's.
 */
function madeAsSent(step: VimStep, now: HostSnapshot, before: HostSnapshot, plan: Plan, device: string | undefined): boolean {
  if (present(step, before, device) || !ours(step, now, plan, device)) return false;
  if (step.method === "AddVirtualSwitch")
    return (
      ((now.network.vswitch ?? []).find((x) => x.name === (step.args as { vswitchName: string }).vswitchName)!.portgroup ?? []).length === 0
    );
  if (step.method === "AddPortGroup") {
    const name = (step.args as { portgrp: { name: string } }).portgrp.name;
    return !((now.network.portgroup ?? []).find((x) => x.spec.name === name)!.port ?? []).some((x) => x.type === "host");
  }
  return true;
}

/**
 * Whether a step whose answer never came was made after all, exactly as sent, and for AddVirtualNic the vmk it made;
 * "unknown" when the host cannot be read (twice: a timeout just before may well be followed by an answer).
 */
async function appliedAnyway(
  vim: VimSession,
  before: HostSnapshot,
  plan: Plan,
  step: VimStep,
  device: string | undefined,
): Promise<{ device?: string } | "unknown" | undefined> {
  const { now } = await readAgain(vim, before, 2);
  // Cannot look: the reply says so, and the undo of the earlier steps goes on.
  if (!now) return "unknown";
  if (step.method !== "AddVirtualNic") return madeAsSent(step, now, before, plan, device) ? {} : undefined;
  const known = new Set((before.network.vnic ?? []).map((v) => v.device));
  const made = (now.network.vnic ?? []).find((v) => !known.has(v.device) && nicAsSent(v, step, plan));
  return made ? { device: made.device } : undefined;
}

/**
 * The host now, read again if a read fails (a timeout just before may well be followed by an answer), up to `attempts`
 * reads; the last failure when none answered.
 */
async function readAgain(vim: VimSession, before: HostSnapshot, attempts: number): Promise<{ now?: HostSnapshot; error?: unknown }> {
  let error: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return { now: await readHost(vim, before.ref.value) };
    } catch (err) {
      error = err;
    }
  }
  return { error };
}

/** Re-reads the host after a failed undo and marks the steps whose change is gone after all as undone; whether it could. */
async function settle(vim: VimSession, before: HostSnapshot, plan: Plan, steps: Step[], device: string | undefined): Promise<boolean> {
  const { now } = await readAgain(vim, before, 2);
  if (!now) return false; // Cannot look: keep what the calls answered.
  for (const [j, step] of plan.steps.entries())
    if (steps[j]!.status === "undo-failed" && !ours(step, now, plan, device)) steps[j]!.status = "undone";
  return true;
}

function resultOf(before: HostSnapshot, after: HostSnapshot, device: string, stackKey: string, steps: Step[]): CreatedAdapter {
  const implied = STACK_SERVICE[stackKey];
  const lost: { device: string; nicType: NicType }[] = [];
  if (implied) {
    const was = servicesByDevice(before);
    const now = servicesByDevice(after);
    for (const v of before.network.vnic ?? []) {
      if (stackOf(v) === DEFAULT_STACK && was.get(v.device)?.includes(implied) && !now.get(v.device)?.includes(implied)) {
        lost.push({ device: v.device, nicType: implied });
      }
    }
  }
  const vnic = (after.network.vnic ?? []).find((v) => v.device === device)!;
  const stack = (after.network.netStackInstance ?? []).find((s) => s.key === stackKey);
  return {
    adapter: adapterView(after, vnic),
    steps,
    lostServices: lost,
    tcpipStack: {
      key: stackKey,
      active: after.stackRuntime.some((r) => r.netStackInstanceKey === stackKey && r.state === "active"),
      hasDefaultGateway: Boolean(stack?.ipRouteConfig?.defaultGateway),
    },
  };
}
