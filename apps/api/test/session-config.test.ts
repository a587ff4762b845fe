/**
 * Session settings that need their own API instance: the Secure cookie flag behind TLS (SECURE_COOKIES=true), and
 * the allow-list of other vCenters a user may name at login (VCENTER_ALLOWED).
 */
import { startSimulator, type RunningSimulator } from "@addnet/simulator";
import type { SessionInfo } from "@addnet/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ADMIN, startApi, type TestApi } from "./helpers.ts";
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
