/**
 * The wizard's draft: every page's input, the idempotency key of this run and, after Finish, the result. Kept in
 * sessionStorage so that a reload (or the browser's back and forward) finds it again; cleared on Cancel, on
 * closing the result, and on sign-out.
 */
import type { AddedUplinks, CreatedAdapter, CreatedPortGroup, HostNetworking, Problem } from "@addnet/contracts";

import { newIdempotencyKey } from "../../../lib/idempotency.ts";
import { defaultWizardValues, type WizardValues } from "./form-values.ts";
import type { ServerIssue } from "./page-rules.ts";
import type { WizardPageId } from "./pages.ts";

/** What Finish made: a VMkernel adapter, a virtual machine port group, or physical adapters added to a standard switch. */
export type CreatedConnection = CreatedAdapter | CreatedPortGroup | AddedUplinks;

export const isCreatedPortGroup = (result: CreatedConnection): result is CreatedPortGroup => "portGroup" in result;
export const isAddedUplinks = (result: CreatedConnection): result is AddedUplinks => "added" in result;

export interface WizardDraft {
  version: 1;
  hostId: string;
  /** Sent as Idempotency-Key with Finish: one per wizard run, so a retried Finish cannot make its change twice. */
  idempotencyKey: string;
  values: WizardValues;
  /** Pages left with Next: coming back to one shows its errors at once. */
  visited: WizardPageId[];
  /** What the API last found wrong, shown next to the fields. */
  serverIssues?: ServerIssue[] | undefined;
  result?: CreatedConnection | undefined;
  /**
   * How the last Finish ended when it failed after sending (which step, what was undone, what remains): shown on Ready to
   * complete until the input changes, even when what remains makes an earlier page invalid.
   */
  failure?: Problem | undefined;
}

const storageKey = (hostId: string) => `addnet.wizard.${hostId}`;

/** A new run's draft; with the host's networking, its defaults fit the host (a port group label it does not have yet). */
export function newDraft(hostId: string, networking?: HostNetworking): WizardDraft {
  return { version: 1, hostId, idempotencyKey: newIdempotencyKey(), values: defaultWizardValues(networking), visited: [] };
}

/**
 * A saved draft's values, with the defaults of the pages and fields added since it was saved (a draft from before the
 * port group's Connection settings page, or before "Add physical network adapter to the switch", has none of its values).
 */
function withDefaults(saved: Partial<Record<keyof WizardValues, object>> | undefined, networking?: HostNetworking): WizardValues {
  const defaults = defaultWizardValues(networking);
  const pages = Object.keys(defaults) as (keyof WizardValues)[];
  return Object.fromEntries(pages.map((page) => [page, { ...defaults[page], ...saved?.[page] }])) as unknown as WizardValues;
}

export function loadDraft(hostId: string, networking?: HostNetworking): WizardDraft | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey(hostId));
    if (!raw) return undefined;
    const d = JSON.parse(raw) as WizardDraft;
    if (d.version !== 1 || d.hostId !== hostId || typeof d.idempotencyKey !== "string") return undefined;
    return { ...d, values: withDefaults(d.values, networking), visited: d.visited ?? [] };
  } catch {
    return undefined;
  }
}

export function saveDraft(draft: WizardDraft): void {
  try {
    sessionStorage.setItem(storageKey(draft.hostId), JSON.stringify(draft));
  } catch {
    // Storage full or off: the wizard still works, only a reload loses the draft.
  }
}

export function discardDraft(hostId: string): void {
  try {
    sessionStorage.removeItem(storageKey(hostId));
  } catch {
    // Nothing kept.
  }
}

/** "Add Networking" starts a new run with its own idempotency key. */
export function startDraft(hostId: string, networking?: HostNetworking): WizardDraft {
  const draft = newDraft(hostId, networking);
  saveDraft(draft);
  return draft;
}
