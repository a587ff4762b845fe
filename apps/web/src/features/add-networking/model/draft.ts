/**
 * The wizard's draft: every page's input, the idempotency key of this run and, after Finish, the result. Kept in
 * sessionStorage so that a reload (or the browser's back and forward) finds it again; cleared on Cancel, on
 * closing the result, and on sign-out.
 */
import type { CreatedAdapter, Problem } from "@addnet/contracts";

import { defaultWizardValues, type WizardValues } from "./form-values.ts";
import type { ServerIssue } from "./page-rules.ts";
import type { WizardPageId } from "./pages.ts";

export interface WizardDraft {
  version: 1;
  hostId: string;
  /** Sent as Idempotency-Key with Finish: one per wizard run, so a retried Finish cannot create two adapters. */
  idempotencyKey: string;
  values: WizardValues;
  /** Pages left with Next: coming back to one shows its errors at once. */
  visited: WizardPageId[];
  /** What the API last found wrong, shown next to the fields. */
  serverIssues?: ServerIssue[] | undefined;
  result?: CreatedAdapter | undefined;
  /**
   * How the last Finish ended when it failed after sending (which step, what was undone, what remains): shown on Ready to
   * complete until the input changes, even when what remains makes an earlier page invalid.
   */
  failure?: Problem | undefined;
}

const storageKey = (hostId: string) => `addnet.wizard.${hostId}`;

export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function newDraft(hostId: string): WizardDraft {
  return { version: 1, hostId, idempotencyKey: newIdempotencyKey(), values: defaultWizardValues(), visited: [] };
}

export function loadDraft(hostId: string): WizardDraft | undefined {
  try {
    const raw = sessionStorage.getItem(storageKey(hostId));
    if (!raw) return undefined;
    const d = JSON.parse(raw) as WizardDraft;
    if (d.version !== 1 || d.hostId !== hostId || typeof d.idempotencyKey !== "string") return undefined;
    // Pages added to the defaults later still get their defaults.
    return { ...d, values: { ...defaultWizardValues(), ...d.values }, visited: d.visited ?? [] };
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
export function startDraft(hostId: string): WizardDraft {
  const draft = newDraft(hostId);
  saveDraft(draft);
  return draft;
}
