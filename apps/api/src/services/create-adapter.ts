/**
 * POST .../vmkernel-adapters: runs the plan as one all-or-nothing change. If a step fails, the steps done so far
 * are undone in reverse order, and the reply says which step failed and that the host is as it was — or exactly
 * what could not be undone.
 */
import { DEFAULT_STACK, STACK_SERVICE, type CreatedAdapter, type NicType, type Step, type VmkernelAdapterModel } from "@addnet/contracts";
import { VimFault, type MoRef, type VimMethod } from "@addnet/vsphere";

import { ProblemError } from "../problem.ts";
import { adapterView, readHost, servicesByDevice, stackOf, type HostSnapshot } from "./host-snapshot.ts";
import { buildPlan, withDevice, type Plan, type VimStep } from "./plan.ts";
import { faultProblem } from "./vim-errors.ts";
import type { VimSession } from "./vim-session.ts";

export interface CreateOutcome {
  result: CreatedAdapter;
  hostName: string;
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

export async function createAdapter(vim: VimSession, before: HostSnapshot, model: VmkernelAdapterModel): Promise<CreateOutcome> {
  const plan = buildPlan(before, model);
  const steps: Step[] = plan.steps.map((s) => ({
    method: s.method,
    object: `${s.object.type}:${s.object.value}`,
    summary: s.summary,
    status: "not-run",
  }));
  const done: number[] = [];
  let device: string | undefined;

  for (const [i, step] of plan.steps.entries()) {
    try {
      const result = await run(vim, step.method, step.object, device ? withDevice(step.args, device) : step.args, step.task);
      if (step.method === "AddVirtualNic") device = String(result);
      steps[i]!.status = "done";
      done.push(i);
    } catch (err) {
      steps[i]!.status = "failed";
      // Without vCenter's answer (timeout, dropped connection, unreadable reply) the step may have been made:
      // look, and if it was, undo it with the others.
      const looked = err instanceof VimFault ? undefined : await appliedAnyway(vim, before, plan, step, device);
      const unknown = looked === "unknown";
      const applied = unknown ? undefined : looked;
      if (applied) {
        device ??= applied.device;
        done.push(i);
      }
      const earlier = done.some((j) => j !== i);
      const undoFailures: string[] = [];
      let adapterRemoved = false;
      for (const j of [...done].reverse()) {
        const undo = plan.steps[j]!.undo;
        if (!undo) continue;
        try {
          await run(vim, undo.method, undo.object, withDevice(undo.args, device ?? ""), plan.steps[j]!.task);
          // The failed step keeps its "failed"; the detail says its change was made and undone.
          if (j !== i) steps[j]!.status = "undone";
          if (plan.steps[j]!.method === "AddVirtualNic") adapterRemoved = true;
        } catch (undoErr) {
          steps[j]!.status = "undo-failed";
          undoFailures.push(`Undoing step ${j + 1} (${undo.method}) failed: ${sentence(faultProblem(undoErr).message)}`);
        }
      }
      // A failed undo may have been made good by a later one (removing a switch removes its port groups, removing
      // an adapter its services): what remains is what the host shows afterwards, not what the calls answered.
      if (undoFailures.length) await settle(vim, before, plan.steps, steps, device);
      // R2, R3: the adapter took vMotion (Provisioning) from the default-stack adapters, and removing it does not give
      // the service back: the undo does, or the host would not be as it was.
      const implied = STACK_SERVICE[model.portProperties.tcpipStack];
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
        ...[...done]
          .reverse()
          .filter((j) => steps[j]!.status === "undo-failed")
          .map((j) => (plan.steps[j]!.method === "AddVirtualNic" && device ? `${steps[j]!.summary} (${device})` : steps[j]!.summary)),
        ...notGivenBack,
      ];
      const cause = faultProblem(err);
      const where = `Step ${i + 1} of ${plan.steps.length} (${step.method}) failed: ${sentence(cause.message)}`;
      const unchecked = `Whether vCenter made that change could not be checked: look at ${before.name} before trying again.`;
      const state = remaining.length
        ? `These steps could not be undone and remain on ${before.name}: ${remaining.join("; ")}.${unknown ? ` ${unchecked}` : ""}`
        : unknown
          ? `${earlier ? "The earlier steps were undone. " : ""}${unchecked}`
          : applied
            ? `vCenter made that change all the same; it ${earlier ? "and the earlier steps were" : "was"} undone: ${before.name} is as it was.`
            : earlier
              ? `The earlier steps were undone: ${before.name} is as it was.`
              : `Nothing was changed on ${before.name}.`;
      throw new ProblemError(
        cause.status,
        remaining.length ? "PARTIALLY_APPLIED" : cause.code,
        cause.title,
        [where, ...undoFailures, state].join(" "),
        { ...cause.extra, steps },
      );
    }
  }

  const after = await readHost(vim, before.ref.value);
  const vnic = (after.network.vnic ?? []).find((v) => v.device === device);
  if (!vnic)
    throw new ProblemError(
      502,
      "READ_BACK_FAILED",
      "The adapter was not found afterwards",
      `vCenter reported ${device} but ${after.name} does not list it`,
    );
  return { result: resultOf(before, after, vnic.device, model, steps), hostName: after.name };
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
 * Whether the host shows a change exactly as this step sent it, where it did not before: what another client made
 * under the same name (other uplinks, another MTU or VLAN, port groups or adapters of its own) is not this change's.
 */
function madeAsSent(step: VimStep, now: HostSnapshot, before: HostSnapshot, device: string | undefined): boolean {
  if (present(step, before, device) || !present(step, now, device)) return false;
  switch (step.method) {
    case "AddVirtualSwitch": {
      const { vswitchName, spec } = step.args as {
        vswitchName: string;
        spec: { mtu?: number; bridge?: { nicDevice?: string[] } };
      };
      const v = (now.network.vswitch ?? []).find((x) => x.name === vswitchName)!;
      const uplinks = (v.pnic ?? []).map((key) => key.replace(/^key-vim\.host\.PhysicalNic-/, "")).sort();
      return (
        (v.mtu ?? 1500) === (spec.mtu ?? 1500) &&
        JSON.stringify(uplinks) === JSON.stringify([...(spec.bridge?.nicDevice ?? [])].sort()) &&
        (v.portgroup ?? []).length === 0
      );
    }
    case "AddPortGroup": {
      const { portgrp } = step.args as { portgrp: { name: string; vlanId: number; vswitchName: string } };
      const p = (now.network.portgroup ?? []).find((x) => x.spec.name === portgrp.name)!;
      return (
        p.spec.vlanId === portgrp.vlanId && p.spec.vswitchName === portgrp.vswitchName && !(p.port ?? []).some((x) => x.type === "host")
      );
    }
  }
  // A service or vSAN on this change's own adapter can only be this change's.
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
  let now: HostSnapshot | undefined;
  for (let attempt = 0; attempt < 2 && !now; attempt++) now = await readHost(vim, before.ref.value).catch(() => undefined);
  // Cannot look: the reply says so, and the undo of the earlier steps goes on.
  if (!now) return "unknown";
  if (step.method !== "AddVirtualNic") return madeAsSent(step, now, before, device) ? {} : undefined;
  const known = new Set((before.network.vnic ?? []).map((v) => v.device));
  const nic = step.args.nic as {
    distributedVirtualPort?: { portgroupKey?: string };
    ip?: { dhcp: boolean; ipAddress?: string };
    netStackInstanceKey?: string;
  };
  const made = (now.network.vnic ?? []).find(
    (v) =>
      !known.has(v.device) &&
      (plan.portgroupName
        ? v.portgroup === plan.portgroupName
        : v.spec.distributedVirtualPort?.portgroupKey === nic.distributedVirtualPort?.portgroupKey) &&
      stackOf(v) === (nic.netStackInstanceKey ?? DEFAULT_STACK) &&
      Boolean(v.spec.ip?.dhcp) === Boolean(nic.ip?.dhcp) &&
      (nic.ip?.dhcp || v.spec.ip?.ipAddress === nic.ip?.ipAddress),
  );
  return made ? { device: made.device } : undefined;
}

/** Re-reads the host after a failed undo and marks the steps whose change is gone after all as undone. */
async function settle(vim: VimSession, before: HostSnapshot, plan: VimStep[], steps: Step[], device: string | undefined): Promise<void> {
  let now: HostSnapshot;
  try {
    now = await readHost(vim, before.ref.value);
  } catch {
    return; // Cannot look: keep what the calls answered.
  }
  for (const [j, step] of plan.entries())
    if (steps[j]!.status === "undo-failed" && !present(step, now, device)) steps[j]!.status = "undone";
}

function resultOf(before: HostSnapshot, after: HostSnapshot, device: string, model: VmkernelAdapterModel, steps: Step[]): CreatedAdapter {
  const stackKey = model.portProperties.tcpipStack;
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
