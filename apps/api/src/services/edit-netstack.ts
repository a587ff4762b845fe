/**
 * PATCH .../netstacks/{key}: the "Edit TCP/IP stack configuration" dialog as one UpdateNetworkConfig edit
 * (netStackStep: the fields the user did not change are sent with their current values).
 */
import { checkNetStackEdit, PRIVILEGES, type NetStackPatch, type TcpipStackInfo } from "@addnet/contracts";
import { VimFault, type HostNetStackInstance } from "@addnet/vsphere";

import { issue, outcomeProblem, ProblemError } from "../problem.ts";
import { networkingView, readHost, type HostSnapshot } from "./host-snapshot.ts";
import { netStackStep, type Call } from "./plan.ts";
import { faultMessage } from "./vim-errors.ts";
import type { VimSession } from "./vim-session.ts";

export interface NetStackEdit {
  key: string;
  /** The stack as it is sent: every setting, the unchanged ones with their current values. */
  instance: NonNullable<Call<"UpdateNetworkConfig">["args"]["config"]["netStackSpec"]>[number]["netStackInstance"];
}

/**
 * `sending` is told the edit before it goes to vCenter (the journal writes it down), with the host's name and the stack
 * as it was.
 */
export async function editNetStack(
  vim: VimSession,
  hostId: string,
  key: string,
  patch: NetStackPatch,
  sending: (edit: NetStackEdit, hostName: string, before: HostNetStackInstance) => Promise<void>,
): Promise<{ stack: TcpipStackInfo; hostName: string; replyLost: boolean }> {
  const host = await readHost(vim, hostId);
  const issues = checkNetStackEdit(networkingView(host), key, patch).map(issue);
  const first = issues[0];
  if (first?.code === "privilege.missing") {
    // vCenter would refuse the edit whatever it holds: say so first, naming the privilege and the host, rather than
    // answer a user who may change nothing here that a stack is inactive or a gateway outside its subnet.
    throw new ProblemError(403, "NO_PERMISSION", "Permission denied", `${first.message} (${host.ref.type}:${host.ref.value})`, {
      errors: issues,
      missingPrivilege: { privilege: PRIVILEGES.network, entity: { type: host.ref.type, id: host.ref.value } },
    });
  }
  if (first?.code === "tcpipStack.unknown")
    throw new ProblemError(404, "STACK_NOT_FOUND", "No such TCP/IP stack", first.message, { errors: issues });
  if (first?.code === "tcpipStack.inactive")
    throw new ProblemError(409, "STACK_INACTIVE", "The TCP/IP stack is not active yet", first.message, { errors: issues });
  if (first)
    throw new ProblemError(400, "VALIDATION_FAILED", "The request is not valid", issues.map((i) => `${i.path}: ${i.message}`).join("; "), {
      errors: issues,
    });
  const stack = (host.network.netStackInstance ?? []).find((s) => s.key === key)!;
  const step = netStackStep(host, key, patch);
  const instance = step.args.config.netStackSpec![0]!.netStackInstance;
  await sending({ key, instance }, host.name, stack);
  let replyLost = false;
  try {
    await vim.invoke(step.method, step.object, step.args);
  } catch (err) {
    // Without vCenter's answer (a timeout, a dropped connection, an unreadable reply) the edit may have been made:
    // look, and when the host shows every setting sent, say so rather than report a failure that did not happen.
    if (err instanceof VimFault) throw err;
    const now = await readHost(vim, hostId).catch(() => undefined);
    // Cannot look: the edit stays open in the journal, and recovery looks again.
    if (!now) throw pendingEdit(host.name, key, err);
    if (!shows(now, { key, instance })) throw err;
    replyLost = true;
  }
  return readEdited(vim, hostId, key, replyLost);
}

/** The stack after an edit, as the host now shows it. */
export async function readEdited(
  vim: VimSession,
  hostId: string,
  key: string,
  replyLost: boolean,
): Promise<{ stack: TcpipStackInfo; hostName: string; replyLost: boolean }> {
  const after = await readHost(vim, hostId);
  return { stack: networkingView(after).tcpipStacks.find((s) => s.key === key)!, hostName: after.name, replyLost };
}

function pendingEdit(hostName: string, key: string, cause: unknown): ProblemError {
  return outcomeProblem(504, "OUTCOME_PENDING", "The outcome is not known yet", [
    { code: "outcome.editPending", params: { stack: key, host: hostName } },
    faultMessage(cause),
  ]);
}

/** Whether the host shows every setting of an edit. */
export function shows(host: HostSnapshot, edit: NetStackEdit): boolean {
  const now = host.network.netStackInstance?.find((s) => s.key === edit.key);
  const sent = edit.instance;
  if (!now) return false;
  const same = (a: unknown, b: unknown) => JSON.stringify(a || null) === JSON.stringify(b || null);
  const dns = (d: NetStackEdit["instance"]["dnsConfig"]) =>
    d && [d.dhcp, d.dhcp ? d.virtualNicDevice : "", d.hostName, d.domainName, d.address ?? [], d.searchDomain ?? []];
  return (
    same(now.name, sent.name ?? now.name) &&
    same(now.ipRouteConfig?.defaultGateway, sent.ipRouteConfig?.defaultGateway) &&
    same(now.ipRouteConfig?.ipV6DefaultGateway, sent.ipRouteConfig?.ipV6DefaultGateway) &&
    same(now.requestedMaxNumberOfConnections, sent.requestedMaxNumberOfConnections) &&
    same(now.congestionControlAlgorithm, sent.congestionControlAlgorithm) &&
    (!sent.dnsConfig || same(dns(now.dnsConfig), dns(sent.dnsConfig)))
  );
}
