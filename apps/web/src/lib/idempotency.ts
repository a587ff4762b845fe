/**
 * The Idempotency-Key of a change (a wizard's Finish, a dialog's Remove or OK): a fresh one for each attempt, and the
 * same one again only for a retry of the attempt whose answer was lost, so that the change is never made twice.
 */
import { useRef, useState } from "react";

import { ApiError } from "./api-client.ts";

export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A failure after which the same request would fail again (the change ran and failed, or was refused): the next attempt
 * is a new one with a new key. Anything else (no answer, a timeout, the change still in progress) may have been made,
 * and is retried with the same key.
 */
export function isDefiniteFailure(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.problem?.steps) return true;
  return err.status >= 400 && err.status < 500 && ![401, 408, 409, 429].includes(err.status);
}

/**
 * A dialog's change, one attempt at a time: `attempt(send)` calls `send` with the attempt's Idempotency-Key unless an
 * attempt is on its way (a second click before the next render sends nothing), and `send` reports a failure through its
 * second argument: a definite one makes the next attempt a new one, a lost answer keeps the key for the retry.
 */
export function useIdempotentAttempt(): (send: (idempotencyKey: string, failed: (err: unknown) => void) => void) => void {
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const sending = useRef(false);
  return (send) => {
    if (sending.current) return;
    sending.current = true;
    send(idempotencyKey, (err) => {
      sending.current = false;
      if (isDefiniteFailure(err)) setIdempotencyKey(newIdempotencyKey());
    });
  };
}
