/**
 * When vCenter ends the session (problem code SESSION_EXPIRED), every request that hit it waits here until the
 * user has signed in again in the dialog; then the requests are retried. Nothing on the page is unmounted, so
 * whatever was typed stays.
 */
type Listener = () => void;

interface Pending {
  promise: Promise<void>;
  resolve: () => void;
  reject: (reason: unknown) => void;
}

let pending: Pending | undefined;
const listeners = new Set<Listener>();

function emit() {
  for (const l of listeners) l();
}

export class SignedOutError extends Error {
  constructor() {
    super("signed out");
    this.name = "SignedOutError";
  }
}

/** Opens the sign-in dialog (once, however many requests ask) and settles when the user has signed in or given up. */
export function requestReauthentication(): Promise<void> {
  if (!pending) {
    let resolve!: () => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    pending = { promise, resolve, reject };
    emit();
  }
  return pending.promise;
}

export function isReauthenticationPending(): boolean {
  return pending !== undefined;
}

export function subscribeReauthentication(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The user signed in again: retry what waited. */
export function reauthenticated(): void {
  const p = pending;
  pending = undefined;
  p?.resolve();
  emit();
}

/** The user chose to sign out instead: what waited fails. */
export function reauthenticationAbandoned(): void {
  const p = pending;
  pending = undefined;
  p?.reject(new SignedOutError());
  emit();
}
