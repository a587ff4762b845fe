/**
 * A rollout's preflight of one host (issue 13): the check and the calls its change would make (Changes.create's own,
 * the stack's settings included), whether the user may change the host, and which of the stack's settings the host has
 * with other values now. A host that cannot be read is that host's error, not the whole preflight's.
 */
import { stackDifferences, type RolloutHost, type RolloutHostPreflight } from "@addnet/contracts";

import { issue } from "../problem.ts";
import { networkingView } from "./host-snapshot.ts";
import { checkAndPlan, missingPrivilegeOf, readForPreflight, type RolloutChange } from "./preflight.ts";
import { faultProblem } from "./vim-errors.ts";
import type { Inventories } from "./inventory.ts";
import type { VimSession } from "./vim-session.ts";

export async function preflightRolloutHost(vim: VimSession, inventories: Inventories, host: RolloutHost): Promise<RolloutHostPreflight> {
  const { hostId, netStack } = host;
  const model: RolloutChange = { ...host.model, netStack };
  let read;
  try {
    read = await readForPreflight(vim, inventories, hostId, model);
  } catch (err) {
    const p = faultProblem(err);
    // The session's end concerns every host: the whole request answers it.
    if (p.code === "SESSION_EXPIRED") throw p;
    const errors = p.extra.errors ?? [
      issue({ path: "hostId", code: "host.unreadable", params: { host: hostId } }),
      ...(p.extra.fault ? [issue({ path: "hostId", code: p.extra.fault.code, params: p.extra.fault.params })] : []),
    ];
    return { hostId, hostName: hostId, errors, warnings: [], calls: [], missingPrivilege: null, netStack: null };
  }
  const { check } = checkAndPlan(read.host, model, read.addresses);
  const refused = check.errors.find((e) => e.code === "privilege.missing");
  const current = netStack ? (networkingView(read.host).tcpipStacks.find((s) => s.key === model.portProperties.tcpipStack) ?? null) : null;
  return {
    hostId,
    hostName: read.host.name,
    ...check,
    missingPrivilege: refused ? missingPrivilegeOf(read.host, model, refused) : null,
    netStack: netStack ? { current, differs: current ? stackDifferences(current, netStack) : [] } : null,
  };
}
