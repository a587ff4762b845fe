/**
 * Session settings that need their own API instance: the Secure cookie flag behind TLS (SECURE_COOKIES=true), the
 * allow-list of other vCenters a user may name at login (VCENTER_ALLOWED), and the client address behind a load
 * balancer (TRUST_PROXY).
 */
import { startSimulator, type RunningSimulator } from "@addnet/simulator";
import type { SessionInfo } from "@addnet/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ADMIN, READONLY, startApi, type TestApi } from "./helpers.ts";
import { Client, expectProblem, json } from "./route-suites/support.ts";

describe("session settings", () => {
  let api: TestApi;
  let other: RunningSimulator;
  beforeAll(async () => {
    other = await startSimulator({ port: 0, hosts: 3 });
    api = await startApi({}, { SECURE_COOKIES: "true", VCENTER_ALLOWED: `${other.baseUrl}/sdk` });
  });
  afterAll(async () => {
    await api?.close();
    await other?.close();
  });

  it("sets the Secure flag with SECURE_COOKIES=true, with HttpOnly, SameSite=Strict and Path=/, also when clearing it", async () => {
    const c = new Client(api);
    const res = await c.request({ method: "POST", url: "/api/v1/session", payload: ADMIN });
    expect(res.statusCode, res.body).toBe(200);
    c.csrf = res.json<SessionInfo>().csrfToken;
    const cookie = res.cookies.find((k) => k.name === "addnet_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
    const out = await c.request({ method: "DELETE", url: "/api/v1/session" });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((k) => k.name === "addnet_session")!;
    expect(cleared).toMatchObject({ value: "", httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
  });

  it("signs in to an allowed vCenter named at login, and only there", async () => {
    const c = new Client(api);
    const res = await c.request({ method: "POST", url: "/api/v1/session", payload: { ...ADMIN, server: other.baseUrl } });
    const info = json<SessionInfo>(res);
    expect(info.server).toBe(other.sdkUrl);
    c.csrf = info.csrfToken;
    expect(other.sim.sessions.size).toBe(1);
    // The session talks to that vCenter: its 3 hosts, not the default one's 9.
    expect(json<{ total: number }>(await c.get("/api/v1/hosts")).total).toBe(3);
    expect((await c.request({ method: "DELETE", url: "/api/v1/session" })).statusCode).toBe(204);
    expect(other.sim.sessions.size).toBe(0);
    // A look-alike of the allowed URL is not allowed.
    const port = new URL(other.baseUrl).port;
    for (const server of [
      `http://localhost:${port}/sdk`,
      `${other.baseUrl}/sdk/../admin`,
      `${other.baseUrl.replace("http:", "https:")}/sdk`,
    ]) {
      const refused = await new Client(api).request({ method: "POST", url: "/api/v1/session", payload: { ...ADMIN, server } });
      expectProblem(refused, 400, "SERVER_NOT_ALLOWED", ["server"]);
    }
    expect(other.sim.sessions.size).toBe(0);
  });
});

describe("behind a load balancer", () => {
  /** A wrong password for one user, from `client` as the load balancer says, over a connection from `peer`. */
  const attempt = (api: TestApi, client: string, peer = "127.0.0.1") =>
    api.app.inject({
      method: "POST",
      url: "/api/v1/session",
      remoteAddress: peer,
      headers: { "x-forwarded-for": client },
      payload: { ...READONLY, password: "wrong" },
    });
  /** The sign-in limit's answers to three attempts from each client in turn. */
  const statuses = async (api: TestApi, clients: string[], peer?: string) => {
    const out: number[] = [];
    for (const client of clients) for (let i = 0; i < 3; i++) out.push((await attempt(api, client, peer)).statusCode);
    return out;
  };

  it("with TRUST_PROXY counts sign-ins by the client address it forwards: each client its own budget", async () => {
    const api = await startApi({}, { TRUST_PROXY: "127.0.0.1", LOGIN_RATE_LIMIT_PER_MINUTE: "2" });
    try {
      expect(await statuses(api, ["10.0.0.1", "10.0.0.2"])).toEqual([401, 401, 429, 401, 401, 429]);
      // X-Forwarded-For from a peer that is not the trusted proxy is not believed: one budget, the peer's.
      expect(await statuses(api, ["10.0.0.3", "10.0.0.4"], "192.0.2.9")).toEqual([401, 401, 429, 429, 429, 429]);
    } finally {
      await api.close();
    }
  });

  it("without TRUST_PROXY ignores X-Forwarded-For: one budget, the connection's", async () => {
    const api = await startApi({}, { LOGIN_RATE_LIMIT_PER_MINUTE: "2" });
    try {
      expect(await statuses(api, ["10.0.0.1", "10.0.0.2"])).toEqual([401, 401, 429, 429, 429, 429]);
    } finally {
      await api.close();
    }
  });
});
