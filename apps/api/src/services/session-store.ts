import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

import { Redis } from "ioredis";

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
  /** Sets the key only if it is absent, atomically; whether it was set. */
  add(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
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

  async add(key: string, value: string, ttlSeconds: number) {
    // No await between the check and the set: atomic within the process.
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt >= Date.now()) return false;
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    return true;
  }

  async delete(key: string) {
    this.entries.delete(key);
  }

  async close() {}
}

class RedisStore implements KeyValueStore {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
    // While Redis is down every command fails (the API answers 503): the connection's own errors add nothing.
    this.redis.on("error", () => undefined);
  }

  async get(key: string) {
    return (await this.redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.redis.set(key, value, "EX", ttlSeconds);
  }

  async add(key: string, value: string, ttlSeconds: number) {
    return (await this.redis.set(key, value, "EX", ttlSeconds, "NX")) === "OK";
  }

  async delete(key: string) {
    await this.redis.del(key);
  }

  async close() {
    await this.redis.quit();
  }
}

/** Sessions idle longer than this end, as vCenter's own do. */
export const SESSION_IDLE_SECONDS = 30 * 60;

/**
 * Sessions by opaque id. The vCenter cookie is sealed with AES-256-GCM under the server key before it is
 * stored, so neither Redis nor a memory dump holds it in clear.
 */
export class SessionStore {
  private readonly store: KeyValueStore;

  constructor(
    private readonly key: Buffer,
    redisUrl?: string,
  ) {
    this.store = redisUrl ? new RedisStore(redisUrl) : new MemoryStore();
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

  async get(id: string): Promise<UserSessionRecord | undefined> {
    const raw = await this.store.get(`addnet:session:${id}`);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as UserSessionRecord;
    const vcenterCookie = this.open(stored.vcenterCookie);
    if (vcenterCookie === undefined) return undefined;
    // Sliding expiry: every use renews the idle timeout.
    await this.store.set(`addnet:session:${id}`, raw, SESSION_IDLE_SECONDS);
    return { ...stored, vcenterCookie };
  }

  async set(record: UserSessionRecord): Promise<void> {
    const stored = { ...record, vcenterCookie: this.seal(record.vcenterCookie) };
    await this.store.set(`addnet:session:${record.id}`, JSON.stringify(stored), SESSION_IDLE_SECONDS);
  }

  async delete(id: string): Promise<void> {
    await this.store.delete(`addnet:session:${id}`);
  }

  /** Raw access for idempotency records, shared the same way as sessions. */
  async getRaw(key: string): Promise<string | undefined> {
    return this.store.get(key);
  }

  async setRaw(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.store.set(key, value, ttlSeconds);
  }

  /** Sets a raw key only if no replica has set it yet (Redis SET NX); whether this call set it. */
  async addRaw(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    return this.store.add(key, value, ttlSeconds);
  }

  async deleteRaw(key: string): Promise<void> {
    await this.store.delete(key);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
