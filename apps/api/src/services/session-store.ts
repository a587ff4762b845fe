import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

import type { Redis } from "ioredis";

/** What addnet keeps for a signed-in user. The browser holds only the opaque id. */
export interface UserSessionRecord {
  id: string;
  /** The vCenter's SDK URL this session belongs to. */
  server: string;
  /** The vmware_soap_session cookie: encrypted wherever the record is stored. */
  vcenterCookie: string;
  /** vCenter's UserSession.key, for HasPrivilegeOnEntities. */
  vcenterSessionKey: string;
  /** The name vCenter reports (e.g. VSPHERE.LOCAL\helpdesk) and the one the user typed. */
  userName: string;
  login: string;
  csrfToken: string;
  createdAt: string;
}

/** The raw key-value store behind sessions: in memory, or Redis shared by several API replicas. */
interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
}

class MemoryStore implements KeyValueStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  async get(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async delete(key: string) {
    this.entries.delete(key);
  }
}

class RedisStore implements KeyValueStore {
  constructor(private readonly redis: Redis) {}

  async get(key: string) {
    return (await this.redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.redis.set(key, value, "EX", ttlSeconds);
  }

  async delete(key: string) {
    await this.redis.del(key);
  }
}

/** Sessions idle longer than this end, as vCenter's own do. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** A session held for a change or a rollout is kept this long at most. */
const HELD_SECONDS = 24 * 3600;

/**
 * Sessions by opaque id. The vCenter cookie is sealed with AES-256-GCM under the server key before it is
 * stored, so neither Redis nor a memory dump holds it in clear.
 */
export class SessionStore {
  private readonly store: KeyValueStore;

  constructor(
    private readonly key: Buffer,
    redis?: Redis,
  ) {
    this.store = redis ? new RedisStore(redis) : new MemoryStore();
  }

  static newId(): string {
    return randomBytes(32).toString("base64url");
  }

  private seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
  }

  private open(sealed: string): string | undefined {
    try {
      const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
      const decipher = createDecipheriv("aes-256-gcm", this.key, iv!);
      decipher.setAuthTag(tag!);
      return Buffer.concat([decipher.update(body!), decipher.final()]).toString("utf8");
    } catch {
      return undefined;
    }
  }

  private async read(key: string, sliding: boolean): Promise<UserSessionRecord | undefined> {
    const raw = await this.store.get(key);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as UserSessionRecord;
    const vcenterCookie = this.open(stored.vcenterCookie);
    if (vcenterCookie === undefined) return undefined;
    // Sliding expiry: every use renews the idle timeout.
    if (sliding) await this.store.set(key, raw, SESSION_IDLE_SECONDS);
    return { ...stored, vcenterCookie };
  }

  private async write(key: string, record: UserSessionRecord, ttlSeconds: number): Promise<void> {
    await this.store.set(key, JSON.stringify({ ...record, vcenterCookie: this.seal(record.vcenterCookie) }), ttlSeconds);
  }

  get(id: string): Promise<UserSessionRecord | undefined> {
    return this.read(`addnet:session:${id}`, true);
  }

  set(record: UserSessionRecord): Promise<void> {
    return this.write(`addnet:session:${record.id}`, record, SESSION_IDLE_SECONDS);
  }

  async delete(id: string): Promise<void> {
    await this.store.delete(`addnet:session:${id}`);
  }

  /** The session without renewing its idle timeout: whether it still stands, for a stream that stays open. */
  peek(id: string): Promise<UserSessionRecord | undefined> {
    return this.read(`addnet:session:${id}`, false);
  }

  /**
   * The session a change runs in, kept (sealed, like every session) for as long as the change is open, so that if its
   * replica stops, recovery finishes or undoes it as the same user — never as anyone else. Not a sign-in: no cookie
   * names it.
   */
  holdForChange(changeId: number, record: UserSessionRecord): Promise<void> {
    return this.write(`addnet:change-session:${changeId}`, record, HELD_SECONDS);
  }

  heldForChange(changeId: number): Promise<UserSessionRecord | undefined> {
    return this.read(`addnet:change-session:${changeId}`, false);
  }

  async releaseChange(changeId: number): Promise<void> {
    await this.store.delete(`addnet:change-session:${changeId}`);
  }

  /** The session a rollout runs in, kept the same way while it has hosts to change, on whichever replica runs them. */
  holdForRollout(rolloutId: string, record: UserSessionRecord): Promise<void> {
    return this.write(`addnet:rollout-session:${rolloutId}`, record, HELD_SECONDS);
  }

  heldForRollout(rolloutId: string): Promise<UserSessionRecord | undefined> {
    return this.read(`addnet:rollout-session:${rolloutId}`, false);
  }

  async releaseRollout(rolloutId: string): Promise<void> {
    await this.store.delete(`addnet:rollout-session:${rolloutId}`);
  }
}
