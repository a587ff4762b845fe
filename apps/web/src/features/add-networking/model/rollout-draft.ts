/**
 * Add Networking for many hosts: the run's draft. The shared pages' input (as the single-host wizard holds it), each
 * host's own values on the per-host plan, the adapter's TCP/IP stack settings, the Idempotency-Key of Finish and, after
 * it, the rollout the API started. Kept in sessionStorage under the run's id, as the single-host draft is, so that a
 * reload, the browser's back and forward and an expired session lose nothing; cleared on Cancel and on sign-out.
 */
import type { Rollout } from "@addnet/contracts";

import { newIdempotencyKey } from "../../../lib/idempotency.ts";
import { defaultWizardValues, type WizardValues } from "./form-values.ts";

/** A host of the selection, as the inventory lists it. */
export interface RolloutHostRef {
  id: string;
  name: string;
  datacenter: string | null;
  cluster: string | null;
}

/** The per-host plan's fields: what a host has of its own, as typed ("" or missing: the shared value). */
export const PLAN_FIELDS = [
  "vswitchName",
  "networkLabel",
  "vlanId",
  "ipv4Address",
  "subnetMask",
  "ipv4Gateway",
  "ipv6Address",
  "ipv6Prefix",
  "stackGateway",
  "dnsHostName",
] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];
export type PlanRow = Partial<Record<PlanField, string>>;

/** The adapter's TCP/IP stack on every host: the Edit TCP/IP stack dialog's settings (the gateway per host, on the plan). */
export interface RolloutStackValues {
  defaultGateway: string;
  /** Leave each host's DNS configuration as it is, or enter it (the host name is each host's own). */
  dnsMode: "keep" | "manual";
  domainName: string;
  preferredDnsServer: string;
  alternateDnsServer: string;
  searchDomains: string;
  congestionControlAlgorithm: string;
  maxNumberOfConnections: string;
}

export interface RolloutDraft {
  version: 1;
  id: string;
  hosts: RolloutHostRef[];
  /** Sent as Idempotency-Key with Finish: a retried Finish cannot start the rollout twice. */
  idempotencyKey: string;
  /** The shared pages' input, the single-host wizard's. */
  values: WizardValues;
  /** Pages left with Next. */
  visited: string[];
  /** Each host's own values, by host id. */
  rows: Record<string, PlanRow>;
  stack: RolloutStackValues;
  /** Hosts changed at once, as typed ("": the API's default). */
  concurrency: string;
  /** The rollout Finish started (202). */
  result?: Rollout | undefined;
}

const storageKey = (id: string) => `addnet.rollout.${id}`;

export function newRolloutStack(): RolloutStackValues {
  return {
    defaultGateway: "",
    dnsMode: "keep",
    domainName: "",
    preferredDnsServer: "",
    alternateDnsServer: "",
    searchDomains: "",
    congestionControlAlgorithm: "newreno",
    maxNumberOfConnections: "11000",
  };
}

export function loadRolloutDraft(id: string): RolloutDraft | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey(id));
    if (!raw) return undefined;
    const d = JSON.parse(raw) as RolloutDraft;
    return d.version === 1 && d.id === id && Array.isArray(d.hosts) && d.hosts.length > 0 ? d : undefined;
  } catch {
    return undefined;
  }
}

export function saveRolloutDraft(draft: RolloutDraft): void {
  try {
    sessionStorage.setItem(storageKey(draft.id), JSON.stringify(draft));
  } catch {
    // Storage full or off: the wizard still works, only a reload loses the draft.
  }
}

export function discardRolloutDraft(id: string): void {
  try {
    sessionStorage.removeItem(storageKey(id));
  } catch {
    // Nothing kept.
  }
}

/** "Add Networking" for the selected hosts: a new run, with its own id and idempotency key. */
export function startRolloutDraft(hosts: RolloutHostRef[]): RolloutDraft {
  const draft: RolloutDraft = {
    version: 1,
    id: newIdempotencyKey(),
    hosts,
    idempotencyKey: newIdempotencyKey(),
    values: defaultWizardValues(),
    visited: [],
    rows: {},
    stack: newRolloutStack(),
    concurrency: "",
  };
  saveRolloutDraft(draft);
  return draft;
}
