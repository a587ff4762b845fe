/**
 * Locks and reservations that hold across API replicas: in this process by default, in Redis when replicas share it.
 * A host's lock keeps its changes one at a time, so each plan is made against fresh state and a new switch or port
 * group name, or an uplink, is taken by one change only. An address reservation keeps two changes on two hosts (or
 * replicas) from both taking the same IPv4 or IPv6 address between their checks and their changes.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import type { Redis } from "ioredis";

import { ProblemError } from "../problem.ts";

/** What a backend keeps: a key held by a token (with a label for whoever else asks), for ttl unless renewed. */
interface LockStore {
  take(key: string, value: string, ttlMs: number): Promise<boolean>;
  holder(key: string): Promise<string | undefined>;
  renew(key: string, value: string, ttlMs: number): Promise<void>;
  give(key: string, value: string): Promise<void>;
}

class MemoryLocks implements LockStore {
  private readonly held = new Map<string, { value: string; until: number }>();

  async take(key: string, value: string, ttlMs: number) {
    const h = this.held.get(key);
    if (h && h.until > Date.now()) return false;
    this.held.set(key, { value, until: Date.now() + ttlMs });
    return true;
  }

  async holder(key: string) {
    const h = this.held.get(key);
    return h && h.until > Date.now() ? h.value : undefined;
  }

  async renew(key: string, value: string, ttlMs: number) {
    const h = this.held.get(key);
    if (h?.value === value) h.until = Date.now() + ttlMs;
  }

  async give(key: string, value: string) {
    if (this.held.get(key)?.value === value) this.held.delete(key);
  }
}

/** Only the holder renews or gives a key back: compare and act in one step (Lua runs atomically in Redis). */
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const GIVE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

class RedisLocks implements LockStore {
  constructor(private readonly redis: Redis) {}

  async take(key: string, value: string, ttlMs: number) {
    return (await this.redis.set(key, value, "PX", ttlMs, "NX")) === "OK";
  }

  async holder(key: string) {
    return (await this.redis.get(key)) ?? undefined;
  }

  async renew(key: string, value: string, ttlMs: number) {
    await this.redis.eval(RENEW, 1, key, value, ttlMs);
  }

  async give(key: string, value: string) {
    await this.redis.eval(GIVE, 1, key, value);
  }
}

const TTL_MS = 30_000;

export class Locks {
  private readonly store: LockStore;

  constructor(redis?: Redis) {
    this.store = redis ? new RedisLocks(redis) : new MemoryLocks();
  }

  /**
   * Holds every key (all or none) while `work` runs, renewing them so that a long change keeps them and a replica that
   * dies lets them lapse. Waits up to `waitMs` for keys another change holds; with 0, refuses at once and `busy` says
   * who holds which key.
   */
  async with<T>(
    keys: string[],
    label: string,
    work: () => Promise<T>,
    waitMs: number,
    busy: (key: string, holder: string) => Error,
  ): Promise<T> {
    const value = `${randomUUID()} ${label}`;
    const deadline = Date.now() + waitMs;
    const taken: string[] = [];
    for (const key of [...new Set(keys)].sort()) {
      while (!(await this.store.take(`addnet:lock:${key}`, value, TTL_MS))) {
        if (Date.now() >= deadline) {
          const holder = (await this.store.holder(`addnet:lock:${key}`))?.replace(/^\S+ /, "") ?? "";
          await Promise.all(taken.map((k) => this.store.give(k, value)));
          throw busy(key, holder);
        }
        await sleep(20 + Math.random() * 30);
      }
      taken.push(`addnet:lock:${key}`);
    }
    const renewal = setInterval(() => {
      for (const k of taken) this.store.renew(k, value, TTL_MS).catch(() => undefined);
    }, TTL_MS / 3);
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      await Promise.all(taken.map((k) => this.store.give(k, value).catch(() => undefined)));
    }
  }

  /** One change at a time on a host, across replicas. */
  host<T>(server: string, hostId: string, work: () => Promise<T>): Promise<T> {
    return this.with(
      [`host:${server}|${hostId}`],
      hostId,
      work,
      60_000,
      () =>
        new ProblemError(
          409,
          "HOST_BUSY",
          "Another change is running on this host",
          `Another change on ${hostId} has been running for over a minute; try again later`,
          { outcome: [{ code: "outcome.hostBusy", params: { host: hostId } }] },
        ),
    );
  }
}
