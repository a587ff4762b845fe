/**
 * Idempotency-Key: the first result of a create is kept (in the session store: memory or Redis, so every API
 * replica sees it) and a retry with the same key replays it, never creating twice.
 */
import { createHash } from "node:crypto";

import { ProblemError } from "../problem.ts";
import type { SessionStore } from "./session-store.ts";

const TTL_SECONDS = 24 * 3600;

export interface StoredResult {
  status: number;
  body: unknown;
}

type Entry = { state: "pending"; fingerprint: string } | { state: "done"; fingerprint: string; result: StoredResult };

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export class Idempotency {
  constructor(private readonly store: SessionStore) {}

  private key(user: string, key: string) {
    return `addnet:idempotency:${createHash("sha256").update(`${user}\n${key}`).digest("hex")}`;
  }

  /**
   * Runs `work` once per (user, key). A replay with the same request answers the stored result; the same key
   * with another request, or while the first is still running, is refused.
   */
  async once(
    user: string,
    key: string,
    request: unknown,
    work: () => Promise<StoredResult>,
  ): Promise<StoredResult & { replayed: boolean }> {
    const id = this.key(user, key);
    const fingerprint = createHash("sha256").update(JSON.stringify(request)).digest("hex");
    // Claim the key atomically (SET NX), so that two requests with it, on one replica or two, never both run.
    let raw: string | undefined;
    let claimed = false;
    for (let attempt = 0; attempt < 3 && !claimed && !raw; attempt++) {
      claimed = await this.store.addRaw(id, JSON.stringify({ state: "pending", fingerprint } satisfies Entry), TTL_SECONDS);
      // Not claimed: read what holds the key (if it went in between, expired or failed, claim again).
      if (!claimed) raw = await this.store.getRaw(id);
    }
    if (!claimed) {
      const entry = (raw ? JSON.parse(raw) : { state: "pending", fingerprint }) as Entry;
      if (entry.fingerprint !== fingerprint) {
        throw new ProblemError(
          422,
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used for another request",
          "Use a new Idempotency-Key for a different request",
        );
      }
      if (entry.state === "pending") {
        throw new ProblemError(
          409,
          "IN_PROGRESS",
          "The first request with this Idempotency-Key is still running",
          "Retry once it has finished",
        );
      }
      return { ...entry.result, replayed: true };
    }
    let result: StoredResult;
    try {
      result = await work();
    } catch (err) {
      // An ended vCenter session changed nothing (a change it interrupted answers PARTIALLY_APPLIED instead): the
      // user signs in again and retries with the same key, which must run then, not replay the 401.
      if (err instanceof ProblemError && err.code !== "SESSION_EXPIRED") result = { status: err.status, body: err.toProblem() };
      else {
        await this.store.deleteRaw(id);
        throw err;
      }
    }
    await this.store.setRaw(id, JSON.stringify({ state: "done", fingerprint, result } satisfies Entry), TTL_SECONDS);
    return { ...result, replayed: false };
  }
}
