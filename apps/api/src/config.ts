import { createHash, randomBytes } from "node:crypto";

import { ROLLOUT_MAX_CONCURRENCY } from "@addnet/contracts";

export interface TlsOptions {
  /** PEM file of the CA (or the self-signed certificate) to trust for this vCenter. */
  caFile?: string;
  /** SHA-256 thumbprint of the vCenter's certificate to pin. */
  thumbprint?: string;
  /** Skip verification: only when asked for explicitly. */
  insecure?: boolean;
}

export interface Config {
  port: number;
  host: string;
  /** The vCenter's SDK URL; main.ts starts the built-in simulator and sets it when VCENTER_URL is unset. */
  vcenterUrl: string;
  /**
   * The account that reads VCENTER_URL's inventory for the host list, one session shared by every user
   * (VCENTER_INVENTORY_USER, VCENTER_INVENTORY_PASSWORD): read-only on the whole inventory is enough. Unset, each
   * user's own session reads an inventory of its own.
   */
  inventoryAccount?: { userName: string; password: string };
  /** Other vCenters a user may name at login (VCENTER_ALLOWED, comma-separated SDK URLs). */
  allowedServers: string[];
  tls: TlsOptions;
  redisUrl?: string;
  /** 32-byte key that encrypts vCenter cookies in the session store. */
  sessionKey: Buffer;
  /**
   * The change journal and audit trail (DATABASE_URL): postgres://… when replicas share it, else a SQLite file
   * (default data/addnet.sqlite).
   */
  databaseUrl: string;
  /** A replica that has not renewed a running change's lease for this long is taken to be gone (JOURNAL_LEASE_MS, 15 s). */
  journalLeaseMs: number;
  /**
   * How many hosts of a rollout change at once when the rollout does not say (ROLLOUT_CONCURRENCY, 8); with Redis, also
   * how many hosts one replica works at once, of every rollout.
   */
  rolloutConcurrency: number;
  /** Set the Secure flag on the session cookie (behind TLS). */
  secureCookies: boolean;
  /** The built web app to serve, if any. */
  webRoot?: string;
  /** Per-call timeout towards vCenter. */
  vcenterTimeoutMs: number;
  /** Sign-ins allowed per minute per client address and user name (LOGIN_RATE_LIMIT_PER_MINUTE, default 10). */
  loginRateLimitPerMinute: number;
  /** Requests allowed per minute per session, or per address before sign-in (RATE_LIMIT_PER_MINUTE, default 600). */
  rateLimitPerMinute: number;
  /** A connection with nothing received for this long is closed (CONNECTION_TIMEOUT_MS, default 30 s). */
  connectionTimeoutMs: number;
  /** A request not received in full within this time is answered 408 and closed (REQUEST_TIMEOUT_MS, default 60 s). */
  requestTimeoutMs: number;
  logLevel: string;
  /**
   * Host header names this API answers to (ALLOWED_HOSTS, comma-separated, besides localhost, 127.0.0.1, [::1] and
   * HOST): a page of another name that resolves here (DNS rebinding) is refused.
   */
  allowedHosts: string[];
  /**
   * Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (TRUST_PROXY, comma-separated addresses or CIDRs,
   * e.g. the load balancer's): behind one, the client's address is what the sign-in and request limits count. Empty:
   * none, the connection's own address counts.
   */
  trustProxy: string[];
  /** The API documentation (/api/docs, /api/openapi.json) without signing in (API_DOCS_PUBLIC=true). */
  apiDocsPublic: boolean;
}

export class ConfigError extends Error {}

function rolloutConcurrency(raw: string | undefined): number {
  const n = Number(raw ?? 8);
  if (!Number.isInteger(n) || n < 1 || n > ROLLOUT_MAX_CONCURRENCY)
    throw new ConfigError(`ROLLOUT_CONCURRENCY must be a whole number from 1 to ${ROLLOUT_MAX_CONCURRENCY}`);
  return n;
}

export function sdkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${raw} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ConfigError(`${raw} is not an http(s) URL`);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/sdk";
  return url.toString();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: Partial<Config> = {}): Config {
  const secret = env.SESSION_KEY;
  if (env.REDIS_URL && !secret) throw new ConfigError("SESSION_KEY is required with REDIS_URL: every API replica must share it");
  const vcenterUrl = env.VCENTER_URL ?? defaults.vcenterUrl;
  if (!vcenterUrl) throw new ConfigError("VCENTER_URL is not set");
  const inventoryUser = env.VCENTER_INVENTORY_USER;
  if (Boolean(inventoryUser) !== Boolean(env.VCENTER_INVENTORY_PASSWORD))
    throw new ConfigError("VCENTER_INVENTORY_USER and VCENTER_INVENTORY_PASSWORD go together");
  const perMinute = (name: string, fallback: number) => {
    const n = Number(env[name] ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a whole number of 1 or more`);
    return n;
  };
  const timeout = (name: string, fallback: number) => {
    const ms = Number(env[name] ?? fallback);
    if (!Number.isInteger(ms) || ms < 1) throw new ConfigError(`${name} must be a whole number of milliseconds, 1 or more`);
    return ms;
  };
  return {
    port: Number(env.PORT ?? defaults.port ?? 8080),
    host: env.HOST ?? defaults.host ?? "127.0.0.1",
    vcenterUrl: sdkUrl(vcenterUrl),
    inventoryAccount: inventoryUser ? { userName: inventoryUser, password: env.VCENTER_INVENTORY_PASSWORD! } : defaults.inventoryAccount,
    allowedServers: (env.VCENTER_ALLOWED ?? "").split(",").filter(Boolean).map(sdkUrl),
    tls: {
      caFile: env.VCENTER_CA_FILE,
      thumbprint: env.VCENTER_THUMBPRINT,
      insecure: env.VCENTER_INSECURE === "true",
    },
    redisUrl: env.REDIS_URL,
    sessionKey: secret ? createHash("sha256").update(secret).digest() : randomBytes(32),
    databaseUrl: env.DATABASE_URL ?? defaults.databaseUrl ?? "data/addnet.sqlite",
    journalLeaseMs: timeout("JOURNAL_LEASE_MS", 15_000),
    rolloutConcurrency: rolloutConcurrency(env.ROLLOUT_CONCURRENCY),
    secureCookies: (env.SECURE_COOKIES ?? "") === "true",
    webRoot: env.WEB_ROOT ?? defaults.webRoot,
    vcenterTimeoutMs: Number(env.VCENTER_TIMEOUT_MS ?? 30_000),
    loginRateLimitPerMinute: perMinute("LOGIN_RATE_LIMIT_PER_MINUTE", 10),
    rateLimitPerMinute: perMinute("RATE_LIMIT_PER_MINUTE", 600),
    connectionTimeoutMs: timeout("CONNECTION_TIMEOUT_MS", 30_000),
    requestTimeoutMs: timeout("REQUEST_TIMEOUT_MS", 60_000),
    logLevel: env.LOG_LEVEL ?? defaults.logLevel ?? "info",
    allowedHosts: (env.ALLOWED_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    trustProxy: (env.TRUST_PROXY ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
    apiDocsPublic: env.API_DOCS_PUBLIC === "true",
  };
}
