/**
 * Two API replicas sharing Redis (Debian's redis-server, started here) serve one user's session alternately:
 * sign-in, reads, the create and its idempotent replay, and sign-out all cross between the instances. Redis
 * never holds the vCenter cookie in clear.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { CreatedAdapter, HostsPage, Problem } from "@addnet/contracts";
import { startSimulator, type RunningSimulator } from "@addnet/simulator";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startRedis, type RunningService } from "../../../test/support/services.ts";
import { buildApp } from "../src/app.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { ADMIN, Browser, vmotionOnNewSwitch } from "./helpers.ts";

const SESSION_KEY = "a shared secret every replica is given";

const journalPath = join(mkdtempSync(join(tmpdir(), "addnet-journal-")), "journal.sqlite");
let redis: RunningService;
let sim: RunningSimulator;
let a: FastifyInstance;
let b: FastifyInstance;
let peek: Redis;
const apps: FastifyInstance[] = [];

async function replica(env: NodeJS.ProcessEnv): Promise<FastifyInstance> {
  const config = loadConfig(
    // Replicas share the journal as they share Redis: one SQLite file here (PostgreSQL in test/topology.test.ts).
    { DATABASE_URL: journalPath, LOG_LEVEL: "silent", ...env },
    { vcenterUrl: sim.sdkUrl },
  );
  const app = await buildApp(config);
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  redis = await startRedis();
  sim = await startSimulator({ port: 0, controlToken: "test-token" });
  a = await replica({ REDIS_URL: redis.url, SESSION_KEY });
  b = await replica({ REDIS_URL: redis.url, SESSION_KEY });
  peek = new Redis(redis.url);
});

afterAll(async () => {
  for (const app of apps) await app.close();
  peek?.disconnect();
  await sim?.close();
  await redis?.stop();
});

/** Every key in Redis with its value: addnet's own are strings; the rollouts' BullMQ queue keeps hashes, lists and sets. */
async function dump(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const read = async (key: string): Promise<unknown> => {
    switch (await peek.type(key)) {
      case "string":
        return peek.get(key);
      case "hash":
        return peek.hgetall(key);
      case "list":
        return peek.lrange(key, 0, -1);
      case "set":
        return peek.smembers(key);
      case "zset":
        return peek.zrange(key, 0, -1);
      default:
        return peek.call("xrange", key, "-", "+");
    }
  };
  let cursor = "0";
  do {
    const [next, keys] = await peek.scan(cursor, "COUNT", 100);
    cursor = next;
    for (const key of keys) {
      const value = await read(key);
      out.set(key, typeof value === "string" ? value : JSON.stringify(value ?? ""));
    }
  } while (cursor !== "0");
  return out;
}

function simHost(name: string) {
  for (const o of sim.sim.allObjects()) {
    if (o.type === "HostSystem" && (o as unknown as { name: string }).name === name) {
      return o as unknown as { ref: { value: string }; net: { vnic: { device: string }[]; vswitch: { name: string }[] } };
    }
  }
  throw new Error(`no host ${name}`);
}

describe("two API instances sharing Redis", () => {
  it("serve one user's session alternately, and Redis holds no vCenter cookie in clear", async () => {
    const onA = new Browser(a);
    const onB = new Browser(b);
    /** The same user, whichever instance the load balancer picks. */
    const follow = (from: Browser, to: Browser) => {
      to.cookie = from.cookie;
      to.csrf = from.csrf;
    };

    // Sign in on A.
    const info = await onA.login(ADMIN);
    expect(info.user.name).toBe("VSPHERE.LOCAL\\Administrator");
    follow(onA, onB);

    // List hosts on B.
    const hosts = await onB.get("/api/v1/hosts?limit=50");
    expect(hosts.statusCode, hosts.body).toBe(200);
    expect(hosts.json<HostsPage>().total).toBe(9);
    const session = await onB.get("/api/v1/session");
    expect(session.statusCode, session.body).toBe(200);
    expect(session.json<{ csrfToken: string }>().csrfToken).toBe(info.csrfToken);

    // Create on A.
    const host = simHost("esx-01.lab.local");
    const id = host.ref.value;
    const vnicsBefore = host.net.vnic.length;
    const key = "redis-shared-create-0001";
    const created = await onA.post(`/api/v1/hosts/${id}/vmkernel-adapters`, vmotionOnNewSwitch, { "idempotency-key": key });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers["idempotent-replayed"]).toBeUndefined();
    const adapter = created.json<CreatedAdapter>().adapter;
    expect(host.net.vnic).toHaveLength(vnicsBefore + 1);

    // Read networking on B: the adapter A made.
    const net = await onB.networking(id);
    expect(net.vmkernelAdapters.find((v) => v.device === adapter.device)).toMatchObject({
      networkLabel: "vMotion",
      tcpipStack: "vmotion",
      mtu: 9000,
    });

    // Replay the create on B with the same key: the first result, not a second adapter.
    const replay = await onB.post(`/api/v1/hosts/${id}/vmkernel-adapters`, vmotionOnNewSwitch, { "idempotency-key": key });
    expect(replay.statusCode, replay.body).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json()).toEqual(created.json());
    expect(host.net.vnic).toHaveLength(vnicsBefore + 1);
    expect(host.net.vswitch.filter((v) => v.name === "vSwitch1")).toHaveLength(1);
    // The same key for another request is refused on either instance.
    const reused = await onA.post(
      `/api/v1/hosts/${id}/vmkernel-adapters`,
      { ...vmotionOnNewSwitch, ipv4Settings: { ...vmotionOnNewSwitch.ipv4Settings, address: "192.168.30.12" } },
      { "idempotency-key": key },
    );
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.json<Problem>().code).toBe("IDEMPOTENCY_KEY_REUSED");

    // Redis: the session is there, and the change's own copy of it is gone with the change (its outcome is in the
    // journal); no vCenter session id in clear anywhere.
    const stored = await dump();
    const keys = [...stored.keys()];
    expect(keys.filter((k) => k.startsWith("addnet:session:"))).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith("addnet:change-session:"))).toHaveLength(0);
    expect(keys.filter((k) => k.startsWith("addnet:lock:"))).toHaveLength(0);
    const vcenterSessions = [...sim.sim.sessions.keys()];
    expect(vcenterSessions.length).toBeGreaterThan(0);
    const everything = [...keys, ...stored.values()].join("\n");
    for (const sessionId of vcenterSessions) expect(everything).not.toContain(sessionId);
    expect(everything).not.toContain("vmware_soap_session");
    expect(everything).not.toContain(ADMIN.password);
    // The sealed cookie is AES-256-GCM: iv.tag.ciphertext, base64url.
    const record = JSON.parse(stored.get(keys.find((k) => k.startsWith("addnet:session:"))!)!) as { vcenterCookie: string };
    expect(record.vcenterCookie).toMatch(/^[\w-]{16}\.[\w-]{22}\.[\w-]+$/);

    // An instance without the shared key cannot open the session.
    const stranger = await replica({ REDIS_URL: redis.url, SESSION_KEY: "another key" });
    const strangerRes = await stranger.inject({ method: "GET", url: "/api/v1/hosts", headers: { cookie: onA.cookie! } });
    expect(strangerRes.statusCode).toBe(401);

    // Sign out on B: A answers 401, and the vCenter session has ended too.
    const sessionsBefore = sim.sim.sessions.size;
    const out = await onB.request({ method: "DELETE", url: "/api/v1/session" });
    expect(out.statusCode, out.body).toBe(204);
    expect(sim.sim.sessions.size).toBe(sessionsBefore - 1);
    expect((await onA.get("/api/v1/session")).statusCode).toBe(204);
    const listAfter = await onA.get("/api/v1/hosts");
    expect(listAfter.statusCode, listAfter.body).toBe(401);
    expect(listAfter.json<Problem>().code).toBe("NOT_SIGNED_IN");
    expect([...(await dump()).keys()].filter((k) => k.startsWith("addnet:session:"))).toHaveLength(0);
  });
});

describe("the same Idempotency-Key on both instances at once", () => {
  it("creates once: the other request is told the first is running, or replays it", async () => {
    await fetch(`${sim.baseUrl}/sim/reset`, { method: "POST", headers: { Authorization: "Bearer test-token" } });
    const onA = new Browser(a);
    await onA.login(ADMIN);
    const onB = new Browser(b);
    onB.cookie = onA.cookie;
    onB.csrf = onA.csrf;
    const host = simHost("esx-02.lab.local");
    const vnicsBefore = host.net.vnic.length;
    const key = "redis-concurrent-0001";
    const url = `/api/v1/hosts/${host.ref.value}/vmkernel-adapters`;
    const replies = await Promise.all([
      onA.post(url, vmotionOnNewSwitch, { "idempotency-key": key }),
      onB.post(url, vmotionOnNewSwitch, { "idempotency-key": key }),
    ]);
    const statuses = replies.map((r) => r.statusCode).sort();
    expect(statuses[0], replies.map((r) => r.body).join("\n")).toBe(201);
    if (statuses[1] === 201) expect(replies.some((r) => r.headers["idempotent-replayed"] === "true")).toBe(true);
    else expect(replies.find((r) => r.statusCode !== 201)!.json<Problem>().code).toBe("IN_PROGRESS");
    expect(host.net.vnic).toHaveLength(vnicsBefore + 1);
    // Afterwards either instance replays the one result.
    const replay = await onB.post(url, vmotionOnNewSwitch, { "idempotency-key": key });
    expect(replay.statusCode, replay.body).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json()).toEqual(replies.find((r) => r.statusCode === 201)!.json());
  });
});

describe("sign-in limits shared by the replicas", () => {
  it("count one principal however it is written, whichever replica answers", async () => {
    const env = { REDIS_URL: redis.url, SESSION_KEY, LOGIN_RATE_LIMIT_PER_MINUTE: "3" };
    const [x, y] = [await replica(env), await replica(env)];
    const attempt = (app: FastifyInstance, username: string) =>
      app.inject({ method: "POST", url: "/api/v1/session", remoteAddress: "10.9.9.9", payload: { username, password: "wrong" } });
    expect((await attempt(x, "readonly@vsphere.local")).statusCode).toBe(401);
    expect((await attempt(y, "VSPHERE.LOCAL\\readonly")).statusCode).toBe(401);
    expect((await attempt(x, "ReadOnly@VSPHERE.local")).statusCode).toBe(401);
    const limited = await attempt(y, "vsphere.local\\READONLY");
    expect(limited.statusCode).toBe(429);
    expect(limited.json<Problem>().code).toBe("RATE_LIMITED");
    // Another principal from the same address still has its budget.
    expect((await attempt(y, "helpdesk@vsphere.local")).statusCode).toBe(401);
  });
});

describe("Redis down", () => {
  it("answers 503 with a clear problem, not 500, and serves again once Redis is back", async () => {
    const own = await startRedis();
    const app = await replica({ REDIS_URL: own.url, SESSION_KEY });
    const browser = new Browser(app);
    await browser.login();
    await own.stop();
    for (const res of [await browser.get("/api/v1/hosts"), await app.inject({ method: "POST", url: "/api/v1/session", payload: ADMIN })]) {
      expect(res.statusCode).toBe(503);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json<Problem>().code).toBe("STORE_UNAVAILABLE");
    }
    const again = await startRedis(own.port);
    try {
      await expect.poll(async () => (await browser.login()).user.name, { timeout: 10_000 }).toBe("VSPHERE.LOCAL\\Administrator");
      expect((await browser.get("/api/v1/hosts")).statusCode).toBe(200);
    } finally {
      await again.stop();
    }
  });
});

describe("configuration", () => {
  it("refuses REDIS_URL without SESSION_KEY: replicas must share the key", () => {
    expect(() => loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" }, { vcenterUrl: "http://127.0.0.1:8989/sdk" })).toThrow(ConfigError);
    expect(() => loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" }, { vcenterUrl: "http://127.0.0.1:8989/sdk" })).toThrow(/SESSION_KEY/);
    expect(() =>
      loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", SESSION_KEY: SESSION_KEY }, { vcenterUrl: "http://127.0.0.1:8989/sdk" }),
    ).not.toThrow();
  });
});
