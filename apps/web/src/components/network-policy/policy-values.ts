/**
 * A standard switch's Security and Teaming and failover policies as a form holds them (the choices as shown: Accept or
 * Reject, Yes or No), and back. A switch's Edit Settings and a port group's overrides of its switch share them.
 */
import type { HostNetworking } from "@addnet/contracts";

export type SecurityPolicy = HostNetworking["vswitches"][number]["security"];
export type TeamingPolicy = HostNetworking["vswitches"][number]["teaming"];
export type LoadBalancing = TeamingPolicy["policy"];

export const SECURITY_FIELDS = ["allowPromiscuous", "macChanges", "forgedTransmits"] as const;
export type SecurityField = (typeof SECURITY_FIELDS)[number];

export type SecurityValues = Record<SecurityField, "accept" | "reject">;

/** Load balancing, notify switches and failback (the failover order is a form's own). */
export interface TeamingValues {
  policy: LoadBalancing;
  notifySwitches: "yes" | "no";
  failback: "yes" | "no";
}

export function securityValues(p: SecurityPolicy): SecurityValues {
  const choice = (accept: boolean) => (accept ? "accept" : "reject");
  return { allowPromiscuous: choice(p.allowPromiscuous), macChanges: choice(p.macChanges), forgedTransmits: choice(p.forgedTransmits) };
}

export function toSecurityPolicy(v: SecurityValues): SecurityPolicy {
  return {
    allowPromiscuous: v.allowPromiscuous === "accept",
    macChanges: v.macChanges === "accept",
    forgedTransmits: v.forgedTransmits === "accept",
  };
}

export function teamingValues(p: TeamingPolicy): TeamingValues {
  const yesNo = (yes: boolean) => (yes ? "yes" : "no");
  return { policy: p.policy, notifySwitches: yesNo(p.notifySwitches), failback: yesNo(p.failback) };
}

export function toTeamingPolicy(v: TeamingValues): TeamingPolicy {
  return { policy: v.policy, notifySwitches: v.notifySwitches === "yes", failback: v.failback === "yes" };
}

export function sameSecurity(a: SecurityPolicy, b: SecurityPolicy): boolean {
  return SECURITY_FIELDS.every((f) => a[f] === b[f]);
}

export function sameTeaming(a: TeamingPolicy, b: TeamingPolicy): boolean {
  return a.policy === b.policy && a.notifySwitches === b.notifySwitches && a.failback === b.failback;
}
