/**
 * A create (a VMkernel adapter, a virtual machine port group) runs its plan here as one all-or-nothing change. If a step fails, the steps done so far
 * are undone in reverse order, and the reply says which step failed and that the host is as it was — or exactly
 * what could not be undone. Every step's status is handed to `record` (the journal) before and after its call, so
 * that a change whose API process stopped can be finished or undone by another (resume).
 */
import {
  DEFAULT_STACK,
  ipv6Key,
  STACK_SERVICE,
  type AddedUplinks,
  type CreatedAdapter,
  type CreatedPortGroup,
  type EditedAdapter,
  type EditedSwitch,
  type MovedAdapter,
  type RemovedSwitch,
  type RemovedAdapter,
  type RemovedPortGroup,
  type Message,
  type NicType,
  type ProblemCode,
  type Step,
} from "@addnet/contracts";
import { sent, VimFault, type HostVirtualNic, type MoRef, type VimMethod } from "@addnet/vsphere";

import { outcomeProblem, ProblemError } from "../problem.ts";
import {
  adapterView,
  networkingView,
  readHost,
  switchPolicy,
  servicesByDevice,
  stackOf,
  portGroupOverrides,
  uplinksOf,
  vsanTraffic,
  type HostSnapshot,
} from "./host-snapshot.ts";
import { shows } from "./edit-netstack.ts";
import { DEVICE, vimCall, withDevice, type Call, type Plan, type VimStep } from "./plan.ts";
import { faultMessage, faultProblem } from "./vim-errors.ts";
import type { VimSession } from "./vim-session.ts";

/** What a create made, as the host now lists it. */
export type CreateOutcome = { hostName: string } & (
  | { adapter: CreatedAdapter }
  | { portGroup: CreatedPortGroup }
  | { editedPortGroup: CreatedPortGroup }
  | { uplinks: AddedUplinks }
  | { editedAdapter: EditedAdapter }
  | { migratedAdapter: EditedAdapter }
  | { movedAdapter: MovedAdapter }
  | { editedSwitch: EditedSwitch }
  | { removedSwitch: RemovedSwitch }
  | { removed: RemovedAdapter }
  | { removedPortGroup: RemovedPortGroup }
);

/** Where a change is: each step's status, the steps made, the vmk AddVirtualNic named, the step whose answer is awaited. */
export interface Progress {
  steps: Step[];
  done: number[];
  device?: string;
  inFlight?: number;
  undoing?: Undoing;
  /** When each step was sent and answered (epoch ms): how long a stack move left the host without its adapter. */
  clock?: { sent: number; answered?: number }[];
}

/** Writes the progress down (the journal) before the change goes on. */
export type RecordProgress = (progress: Progress) => Promise<void>;

export function startProgress(plan: Plan): Progress {
  return {
    steps: plan.steps.map((s) => ({ ...vimCall(s), status: "not-run" })),
    done: [],
    // An edit's adapter is there from the start; a create's is named by AddVirtualNic.
    device: plan.kind === "adapterEdit" || plan.kind === "migration" ? plan.device : undefined,
  };
}

function markDone(p: Progress, i: number): void {
  p.steps[i]!.status = "done";
  p.done.push(i);
  p.inFlight = undefined;
}

async function run<M extends VimMethod>(vim: VimSession, call: Call<M>, task: boolean | undefined): Promise<unknown> {
  const result = await vim.invoke(call.method, call.object, call.args);
  if (task) await vim.waitForTask(result as MoRef);
  return result;
}

export async function applyPlan(vim: VimSession, before: HostSnapshot, plan: Plan, record: RecordProgress): Promise<CreateOutcome> {
  const p = startProgress(plan);
  for (const [i, step] of plan.steps.entries()) {
    p.inFlight = i;
    (p.clock ??= [])[i] = { sent: Date.now() };
    // One write a step: this one in flight and the one before it done. Recovery after a crash between the two looks for
    // the step in flight on the host, as it does after a crash while a step's answer is awaited.
    await record(p);
    let result: unknown;
    try {
      result = await run(vim, p.device ? withDevice(step, p.device) : step, step.task);
      p.clock[i]!.answered = Date.now();
    } catch (err) {
      // Without vCenter's answer (timeout, dropped connection, unreadable reply) the step may have been made:
      // look, and if it was, undo it with the others.
      const looked = err instanceof VimFault ? undefined : await appliedAnyway(vim, before, plan, step, p.device);
      // Cannot look: the change stays open (the step in flight) for recovery, which looks again before it decides.
      if (looked === "unknown") throw pending(before, plan, i, err, p);
      // Made all the same, and a step that has no undo (a removal) is done, not failed.
      if (looked && !step.undo) {
        markDone(p, i);
        continue;
      }
      p.steps[i]!.status = "failed";
      return rollBack(vim, before, plan, p, record, { failed: i, cause: err, applied: looked || undefined });
    }
    if (step.method === "AddVirtualNic") p.device = String(result);
    markDone(p, i);
  }
  // The read-back is on its way while the last step is written done: a crash before that write leaves the step in
  // flight, which recovery looks for on the host.
  const reading = readBack(vim, before, plan, p);
  reading.catch(() => undefined); // awaited below: a failure meanwhile is not left unhandled
  await sent();
  await record(p);
  return reading;
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
    throw outcomeProblem(
      502,
      "MADE_NOT_READ_BACK",
      "The change was made but the host could not be read back",
      [
        { code: "outcome.notReadBack", params: { steps: plan.steps.length, host: before.name } },
        ...(p.device ? [{ code: "outcome.adapter" as const, params: { device: p.device } }] : []),
        faultMessage(error),
      ],
      { steps: p.steps },
    );
  }
  const notListed = (what: string) =>
    new ProblemError(502, "READ_BACK_FAILED", "The change was not found afterwards", `${after.name} does not list ${what}`, {
      steps: p.steps,
    });
  switch (plan.kind) {
    case "portGroup":
    case "portGroupEdit": {
      const pg = (after.network.portgroup ?? []).find((x) => x.spec.name === plan.portgroupName);
      if (!pg) throw notListed(`the port group ${plan.portgroupName}`);
      const result = { portGroup: { name: pg.spec.name, vlanId: pg.spec.vlanId, vswitch: pg.spec.vswitchName }, steps: p.steps };
      return plan.kind === "portGroup" ? { portGroup: result, hostName: after.name } : { editedPortGroup: result, hostName: after.name };
    }
    case "uplinks": {
      const v = (after.network.vswitch ?? []).find((x) => x.name === plan.vswitchName);
      if (!v) throw notListed(`the switch ${plan.vswitchName}`);
      const uplinks = uplinksOf(after, v);
      const order = v.spec.policy?.nicTeaming?.nicOrder;
      const active = order?.activeNic ?? [];
      const standby = order?.standbyNic ?? [];
      return {
        uplinks: {
          vswitch: {
            name: v.name,
            mtu: v.mtu ?? 1500,
            active,
            standby,
            unused: uplinks.filter((d) => !active.includes(d) && !standby.includes(d)),
          },
          added: plan.added,
          steps: p.steps,
        },
        hostName: after.name,
      };
    }
    case "portGroupRemoval": {
      if ((after.network.portgroup ?? []).some((x) => x.spec.name === plan.portgroupName))
        throw notListed(`the removal of the port group ${plan.portgroupName}, which it still has`);
      return {
        removedPortGroup: { removed: { portGroup: plan.portgroupName, vswitch: plan.vswitchName }, steps: p.steps },
        hostName: after.name,
      };
    }
    case "removal": {
      if ((after.network.vnic ?? []).some((v) => v.device === plan.device))
        throw notListed(`the removal of ${plan.device}, which it still has`);
      return { removed: { removed: { device: plan.device, portgroup: plan.portgroup }, steps: p.steps }, hostName: after.name };
    }
    case "switchEdit": {
      const vswitch = networkingView(after).vswitches.find((v) => v.name === plan.vswitchName);
      if (!vswitch) throw notListed(`the switch ${plan.vswitchName}`);
      return { editedSwitch: { vswitch, steps: p.steps }, hostName: after.name };
    }
    case "switchRemoval": {
      if ((after.network.vswitch ?? []).some((v) => v.name === plan.vswitchName))
        throw notListed(`the removal of the switch ${plan.vswitchName}, which it still has`);
      return {
        removedSwitch: { removed: { vswitch: plan.vswitchName, portGroups: plan.portGroups }, steps: p.steps },
        hostName: after.name,
      };
    }
    case "adapterEdit":
    case "migration": {
      const vnic = (after.network.vnic ?? []).find((v) => v.device === plan.device);
      if (!vnic) throw notListed(plan.device);
      const result = { adapter: adapterView(after, vnic), steps: p.steps };
      return plan.kind === "adapterEdit"
        ? { editedAdapter: result, hostName: after.name }
        : { migratedAdapter: result, hostName: after.name };
    }
    case "stackMove": {
      const vnic = (after.network.vnic ?? []).find((v) => v.device === p.device);
      if (!vnic) throw notListed(`${p.device}, which vCenter reported`);
      const [removal, add] = p.clock ?? [];
      return {
        movedAdapter: {
          ...resultOf(before, after, vnic.device, plan.tcpipStack, p.steps),
          previous: { device: plan.device, tcpipStack: plan.from },
          // Unknown when recovery finished the move (the add's answer was never seen): null rather than a guess.
          withoutAdapterSeconds: removal && add?.answered ? (add.answered - removal.sent) / 1000 : null,
        },
        hostName: after.name,
      };
    }
    case "adapter": {
      const vnic = (after.network.vnic ?? []).find((v) => v.device === p.device);
      if (!vnic) throw notListed(`${p.device}, which vCenter reported`);
      return { adapter: resultOf(before, after, vnic.device, plan.tcpipStack, p.steps), hostName: after.name };
    }
  }
}

/** Problems that leave the change open in the journal: recovery, or a retry with the same key, finishes it. */
export const OPEN_CODES = new Set(["OUTCOME_PENDING", "MADE_NOT_READ_BACK"]);

/** A step's answer never came and the host cannot be read to see whether it was made. */
function pending(before: HostSnapshot, plan: Plan, i: number, cause: unknown, p: Progress): ProblemError {
  return outcomeProblem(
    504,
    "OUTCOME_PENDING",
    "The outcome is not known yet",
    [
      { code: "outcome.pending", params: { step: i + 1, steps: plan.steps.length, method: plan.steps[i]!.method, host: before.name } },
      ...(cause === undefined ? [] : [faultMessage(cause)]),
    ],
    { steps: p.steps },
  );
}

/** What made the change roll back, as its reply will tell it. */
interface Undoing {
  failed?: number;
  /** The failed step was made all the same (its reply was lost). */
  applied: boolean;
  /** Which step failed and why, or that the change was interrupted. */
  where: Message[];
  cause: { status: number; code: ProblemCode; title: string; extra: ProblemError["extra"] };
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
        ? [
            { code: "outcome.stepFailed", params: { step: f.failed + 1, steps: plan.steps.length, method: plan.steps[f.failed]!.method } },
            faultMessage(f.cause),
          ]
        : [{ code: "outcome.interrupted", params: { step: next + 1, steps: plan.steps.length } }],
      cause: cause
        ? { status: cause.status, code: cause.code, title: cause.title, extra: cause.extra }
        : { status: 503, code: "INTERRUPTED", title: "The change was interrupted", extra: {} },
    };
  }
  p.inFlight = undefined;
  await record(p);
  const { failed, applied, where, cause } = p.undoing;
  const earlier = p.done.some((j) => j !== failed);
  const undoFailures: Message[] = [];
  let unanswered = false;
  let adapterRemoved = false;
  const unconfirmed = () =>
    outcomeProblem(
      504,
      "OUTCOME_PENDING",
      "The outcome is not known yet",
      [...where, { code: "outcome.undoUnconfirmed", params: { host: before.name } }],
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
      const made = await run(vim, withDevice(undo, p.device ?? ""), plan.steps[j]!.task);
      for (const then of plan.steps[j]!.undoThen ?? []) await run(vim, withDevice(then, String(made)), then.method === "UpdateVsan_Task");
      // The failed step keeps its "failed"; the detail says its change was made and undone.
      if (j !== failed) p.steps[j]!.status = "undone";
      if (plan.steps[j]!.method === "AddVirtualNic") adapterRemoved = true;
    } catch (undoErr) {
      p.steps[j]!.status = "undo-failed";
      unanswered ||= !(undoErr instanceof VimFault);
      undoFailures.push({ code: "outcome.undoFailed", params: { step: j + 1, method: undo.method } }, faultMessage(undoErr));
    }
    await record(p);
  }
  // A failed undo may have been made good by a later one (removing a switch removes its port groups, removing
  // an adapter its services), or made with its answer lost: what remains is what the host shows afterwards.
  if (undoFailures.length && !(await settle(vim, before, plan, p.steps, p.device)) && unanswered) throw unconfirmed();
  // R2, R3: the adapter took vMotion (Provisioning) from the default-stack adapters, and removing it does not give
  // the service back: the undo does, or the host would not be as it was.
  const implied = (plan.kind === "adapter" || plan.kind === "stackMove") && STACK_SERVICE[plan.tcpipStack];
  const notGivenBack: Message[] = [];
  if (implied && adapterRemoved) {
    for (const [vmk, nicTypes] of servicesByDevice(before)) {
      const vnic = (before.network.vnic ?? []).find((v) => v.device === vmk);
      if (!vnic || stackOf(vnic) !== DEFAULT_STACK || !nicTypes.includes(implied)) continue;
      try {
        await vim.invoke("SelectVnicForNicType", before.virtualNicManager, { nicType: implied, device: vmk });
      } catch (selectErr) {
        undoFailures.push({ code: "outcome.reselectFailed", params: { service: implied, device: vmk } }, faultMessage(selectErr));
        notGivenBack.push({ code: "outcome.serviceNotBack", params: { service: implied, device: vmk } });
      }
    }
  }
  const remaining: Message[] = [
    ...[...p.done]
      .reverse()
      .filter((j) => p.steps[j]!.status === "undo-failed")
      .flatMap((j) => [
        plan.steps[j]!.summary,
        ...(plan.steps[j]!.method === "AddVirtualNic" && p.device
          ? [{ code: "outcome.adapter" as const, params: { device: p.device } }]
          : []),
      ]),
    ...notGivenBack,
  ];
  const host = { host: before.name };
  const state: Message[] = remaining.length
    ? [{ code: "outcome.remains", params: host, items: remaining }]
    : [
        applied
          ? { code: earlier ? "outcome.madeAndAllUndone" : "outcome.madeAndUndone", params: host }
          : earlier
            ? { code: failed === undefined ? "outcome.undone" : "outcome.earlierUndone", params: host }
            : { code: "outcome.nothingChanged", params: host },
      ];
  throw outcomeProblem(
    cause.status,
    remaining.length ? "PARTIALLY_APPLIED" : cause.code,
    cause.title,
    [...where, ...undoFailures, ...state],
    {
      ...cause.extra,
      steps: p.steps,
    },
  );
}

/** Whether a done step's change is still on the host. */
function present(step: VimStep, now: HostSnapshot, device: string | undefined): boolean {
  switch (step.method) {
    case "AddVirtualSwitch":
      return (now.network.vswitch ?? []).some((v) => v.name === step.args.vswitchName);
    case "AddPortGroup":
      return (now.network.portgroup ?? []).some((p) => p.spec.name === step.args.portgrp.name);
    case "AddVirtualNic":
      return (now.network.vnic ?? []).some((v) => v.device === device);
    case "SelectVnicForNicType":
      return Boolean(device && servicesByDevice(now).get(device)?.includes(step.args.nicType));
    case "DeselectVnicForNicType":
      return !servicesByDevice(now).get(step.args.device)?.includes(step.args.nicType);
    case "UpdateVirtualNic": {
      // What was sent, as sent: IPv4, each static IPv6 address added or removed, the MTU, the port group it moved to.
      const { nic } = step.args;
      const v = (now.network.vnic ?? []).find((x) => x.device === step.args.device);
      const ip = v?.spec.ip;
      const v6 = (ip?.ipV6Config?.ipV6Address ?? []).map((a) => ipv6Key(a.ipAddress));
      return Boolean(
        v &&
        (!nic.ip ||
          (Boolean(ip?.dhcp) === Boolean(nic.ip.dhcp) &&
            (ip?.ipAddress || undefined) === (nic.ip.ipAddress || undefined) &&
            (ip?.subnetMask || undefined) === (nic.ip.subnetMask || undefined) &&
            (nic.ip.ipV6Config?.ipV6Address ?? []).every((a) => v6.includes(ipv6Key(a.ipAddress)) === (a.operation !== "remove")))) &&
        (nic.mtu === undefined || v.spec.mtu === nic.mtu) &&
        (!nic.portgroup || v.portgroup === nic.portgroup) &&
        (!nic.distributedVirtualPort || v.spec.distributedVirtualPort?.portgroupKey === nic.distributedVirtualPort.portgroupKey),
      );
    }
    case "RemoveVirtualNic":
      return !(now.network.vnic ?? []).some((v) => v.device === step.args.device);
    case "RemovePortGroup":
      return !(now.network.portgroup ?? []).some((x) => x.spec.name === step.args.pgName);
    case "UpdatePortGroup": {
      const { portgrp } = step.args;
      const pg = (now.network.portgroup ?? []).find((x) => x.spec.name === portgrp.name);
      return Boolean(
        pg &&
        pg.spec.vlanId === portgrp.vlanId &&
        JSON.stringify(portGroupOverrides(pg.spec.policy, undefined, [])) ===
          JSON.stringify(portGroupOverrides(portgrp.policy, undefined, [])) &&
        (portgrp.name === step.args.pgName || !(now.network.portgroup ?? []).some((x) => x.spec.name === step.args.pgName)),
      );
    }
    case "UpdateVirtualSwitch": {
      // The switch's adapters, failover order, MTU, security and teaming exactly as sent.
      const { vswitchName, spec } = step.args;
      const v = (now.network.vswitch ?? []).find((x) => x.name === vswitchName);
      const sent = spec.bridge && "nicDevice" in spec.bridge ? (spec.bridge.nicDevice ?? []) : [];
      const order = v?.spec.policy?.nicTeaming?.nicOrder;
      const sentOrder = spec.policy?.nicTeaming?.nicOrder;
      return Boolean(
        v &&
        [...uplinksOf(now, v)].sort().join() === [...sent].sort().join() &&
        (order?.activeNic ?? []).join() === (sentOrder?.activeNic ?? []).join() &&
        (order?.standbyNic ?? []).join() === (sentOrder?.standbyNic ?? []).join() &&
        (v.mtu ?? 1500) === (spec.mtu ?? 1500) &&
        JSON.stringify(switchPolicy(v.spec.policy)) === JSON.stringify(switchPolicy(spec.policy)),
      );
    }
    case "RemoveVirtualSwitch":
      return !(now.network.vswitch ?? []).some((x) => x.name === step.args.vswitchName);
    case "UpdateNetworkConfig": {
      // The stack's every setting as sent.
      const instance = step.args.config.netStackSpec![0]!.netStackInstance;
      return shows(now, { key: instance.key!, instance });
    }
    case "UpdateVsan_Task": {
      // The adapter's port (a new adapter's, or the edited one's), with the traffic this step sent, or none if it sent none.
      const sent = step.args.config.networkInfo?.port?.find((p) => p.device === DEVICE || p.device === device);
      const port = device ? now.vsanPorts.find((p) => p.device === device) : undefined;
      return Boolean(sent) === Boolean(port) && (!sent || vsanTraffic(port!).join() === vsanTraffic(sent).join());
    }
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
      const { vswitchName, spec } = step.args;
      const v = (now.network.vswitch ?? []).find((x) => x.name === vswitchName);
      const uplinks = (v ? uplinksOf(now, v) : []).sort();
      const sent = spec?.bridge && "nicDevice" in spec.bridge ? (spec.bridge.nicDevice ?? []) : [];
      return Boolean(v && (v.mtu ?? 1500) === (spec?.mtu ?? 1500) && JSON.stringify(uplinks) === JSON.stringify([...sent].sort()));
    }
    case "AddPortGroup": {
      const { portgrp } = step.args;
      const p = (now.network.portgroup ?? []).find((x) => x.spec.name === portgrp.name);
      return Boolean(p && p.spec.vlanId === portgrp.vlanId && p.spec.vswitchName === portgrp.vswitchName);
    }
    case "AddVirtualNic": {
      const v = (now.network.vnic ?? []).find((x) => x.device === device);
      return Boolean(v && nicAsSent(v, step.args.nic, plan));
    }
    case "UpdateVirtualSwitch":
    case "RemoveVirtualSwitch":
    case "UpdateVirtualNic":
    case "DeselectVnicForNicType":
    case "RemoveVirtualNic":
    case "UpdatePortGroup":
    case "RemovePortGroup":
    case "UpdateNetworkConfig":
      return present(step, now, device);
  }
  // A service or vSAN counts as a create's only on the create's own adapter.
  const nic = plan.steps.find((x) => x.method === "AddVirtualNic");
  return present(step, now, device) && (!nic || ours(nic, now, plan, device));
}

/** Whether an adapter is the one AddVirtualNic sent: on its port group, stack and address. */
function nicAsSent(v: HostVirtualNic, nic: Call<"AddVirtualNic">["args"]["nic"], plan: Plan): boolean {
  const portgroupName = plan.kind === "adapter" || plan.kind === "stackMove" ? plan.portgroupName : "";
  return (
    (portgroupName
      ? v.portgroup === portgroupName
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
    return ((now.network.vswitch ?? []).find((x) => x.name === step.args.vswitchName)!.portgroup ?? []).length === 0;
  if (step.method === "AddPortGroup") {
    const name = step.args.portgrp.name;
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
  // The host's adapters before this step: one an earlier step removed (a stack move's) may come back under its name.
  const removed = new Set(
    plan.steps.slice(0, plan.steps.indexOf(step)).flatMap((x) => (x.method === "RemoveVirtualNic" ? [x.args.device] : [])),
  );
  const known = new Set((before.network.vnic ?? []).map((v) => v.device).filter((d) => !removed.has(d)));
  const made = (now.network.vnic ?? []).find((v) => !known.has(v.device) && nicAsSent(v, step.args.nic, plan));
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
      return { now: await readHost(vim, before.ref.value, before) };
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
