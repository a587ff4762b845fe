/** POST/GET/DELETE /api/v1/session: sign-in, cookie flags, fixation, rate limit, CSRF and cross-site refusals. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { SessionInfo } from "@addnet/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hostId } from "../helpers.ts";
import {
  ADMIN,
  Client,
  control,
  expectProblem,
  HELPDESK,
  hostState,
  json,
  newKey,
  onVSwitch0,
  READONLY,
  resetSimulator,
  secrets,
  signedIn,
  type GetApi,
} from "./support.ts";

export function sessionSuite(getApi: GetApi): void {
  describe("session", () => {
    beforeAll(async () => {
      await resetSimulator(getApi());
    });

    const simSessionIds = () => new Set(getApi().sim.sim.sessions.keys());

    describe("POST /api/v1/session", () => {
      it("signs in to vCenter and sets an opaque HttpOnly, SameSite=Strict cookie on /", async () => {
        const api = getApi();
        const before = simSessionIds();
        const c = new Client(api);
        const res = await c.request({ method: "POST", url: "/api/v1/session", payload: ADMIN });
        const info = json<SessionInfo>(res);
        expect(info.user).toEqual({ name: "VSPHERE.LOCAL\\Administrator", login: ADMIN.username });
        expect(info.server).toBe(api.sim.sdkUrl);
        expect(info.csrfToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
        const header = String(res.headers["set-cookie"]);
        expect(header).toMatch(/^addnet_session=[A-Za-z0-9_-]{43};/);
        expect(header).toContain("HttpOnly");
        expect(header).toContain("SameSite=Strict");
        expect(header).toContain("Path=/");
        expect(header).not.toMatch(/;\s*Secure/i);
        // One vCenter session was opened, and the browser's cookie is not the vCenter's.
        const opened = [...simSessionIds()].filter((id) => !before.has(id));
        expect(opened).toHaveLength(1);
        expect(api.sim.sim.sessions.get(opened[0]!)!.user.principal).toBe("VSPHERE.LOCAL\\Administrator");
        const cookie = res.cookies.find((k) => k.name === "addnet_session")!.value;
        expect(cookie).not.toContain(opened[0]!);
        expect(res.body).not.toContain(opened[0]!);
        expect(json<SessionInfo>(await c.get("/api/v1/session")).user.name).toBe("VSPHERE.LOCAL\\Administrator");
      });

      it("answers a wrong password or an unknown user with 401 INVALID_LOGIN and no session", async () => {
        const api = getApi();
        const before = api.sim.sim.sessions.size;
        for (const body of [
          { username: ADMIN.username, password: "wrong-password-1" },
          { username: "nobody@vsphere.local", password: "wrong-password-2" },
        ]) {
          secrets.passwords.add(body.password);
          const res = await new Client(api).request({ method: "POST", url: "/api/v1/session", payload: body });
          expectProblem(res, 401, "INVALID_LOGIN");
          expect(res.headers["set-cookie"]).toBeUndefined();
        }
        expect(api.sim.sim.sessions.size).toBe(before);
      });

      it("answers missing or empty fields with 400 naming each field, without contacting vCenter", async () => {
        const api = getApi();
        const before = api.sim.sim.sessions.size;
        const cases: [unknown, string[]][] = [
          [{ username: ADMIN.username }, ["password"]],
          [{ password: ADMIN.password }, ["username"]],
          [{}, ["username", "password"]],
          [{ username: "", password: "" }, ["username", "password"]],
          [{ username: "   ", password: ADMIN.password }, ["username"]],
          [{ username: 42, password: ADMIN.password }, ["username"]],
        ];
        for (const [payload, paths] of cases) {
          const res = await new Client(api).request({ method: "POST", url: "/api/v1/session", payload: payload as object });
          const problem = expectProblem(res, 400, "VALIDATION_FAILED", paths);
          expect(problem.errors!.map((e) => e.path).sort()).toEqual([...paths].sort());
        }
        const empty = expectProblem(
          await new Client(api).request({ method: "POST", url: "/api/v1/session", payload: { username: "", password: "x" } }),
          400,
          "VALIDATION_FAILED",
          ["username"],
        );
        expect(empty.errors![0]!.message).toBe("Enter your user name.");
        expect(api.sim.sim.sessions.size).toBe(before);
      });

      it("refuses unknown body fields with 400 naming them", async () => {
        const res = await new Client(getApi()).request({ method: "POST", url: "/api/v1/session", payload: { ...ADMIN, remember: true } });
        expectProblem(res, 400, "VALIDATION_FAILED", ["remember"]);
      });

      describe("a server outside the allow-list", () => {
        let decoy: Server;
        let hits = 0;
        beforeAll(async () => {
          decoy = createServer((_req, res) => {
            hits++;
            res.end();
          });
          await new Promise<void>((resolve) => decoy.listen(0, "127.0.0.1", resolve));
        });
        afterAll(() => new Promise<void>((resolve) => decoy.close(() => resolve())));

        it("is refused with 400 SERVER_NOT_ALLOWED naming `server`, and never contacted (no SSRF)", async () => {
          const api = getApi();
          const before = api.sim.sim.sessions.size;
          const { port } = decoy.address() as AddressInfo;
          for (const server of [
            `http://127.0.0.1:${port}/sdk`,
            `http://127.0.0.1:${port}`,
            "http://169.254.169.254/latest/meta-data",
            "file:///etc/passwd",
            "not a url",
          ]) {
            const res = await new Client(api).request({ method: "POST", url: "/api/v1/session", payload: { ...ADMIN, server } });
            const problem = expectProblem(res, 400, "SERVER_NOT_ALLOWED", ["server"]);
            expect(problem.errors).toEqual([expect.objectContaining({ path: "server", code: "server.notAllowed" })]);
            expect(res.headers["set-cookie"]).toBeUndefined();
          }
          expect(hits).toBe(0);
          expect(api.sim.sim.sessions.size).toBe(before);
        });

        it("accepts the configured vCenter named explicitly", async () => {
          const api = getApi();
          const res = await new Client(api).request({
            method: "POST",
            url: "/api/v1/session",
            payload: { ...ADMIN, server: api.sim.baseUrl },
          });
          expect(json<SessionInfo>(res).server).toBe(api.sim.sdkUrl);
        });
      });
    });

    describe("GET /api/v1/session", () => {
      it("names the user and where they hold the privileges addnet needs", async () => {
        const api = getApi();
        const entities = (info: SessionInfo) => Object.fromEntries(info.privileges.map((p) => [p.entity.name, p.privileges.sort()]));

        const admin = await signedIn(api, ADMIN);
        const all = ["Host.Config.Network", "Host.Config.Storage", "Network.Assign"];
        expect(entities(json<SessionInfo>(await admin.get("/api/v1/session")))).toEqual({
          vCenter: all,
          Datacenter: all,
          "Cluster-Prod": all,
          "Cluster-Dev": all,
          "esx-09.lab.local": all,
        });

        const helpdesk = await signedIn(api, HELPDESK);
        const info = json<SessionInfo>(await helpdesk.get("/api/v1/session"));
        expect(info.user).toEqual({ name: "VSPHERE.LOCAL\\helpdesk", login: HELPDESK.username });
        expect(info.csrfToken).toBe(helpdesk.csrf);
        // Host.Config.Network on Cluster-Dev only.
        expect(entities(info)).toEqual({
          vCenter: [],
          Datacenter: [],
          "Cluster-Prod": [],
          "Cluster-Dev": ["Host.Config.Network", "Network.Assign"],
          "esx-09.lab.local": [],
        });
        expect(info.privileges.find((p) => p.entity.name === "Cluster-Dev")!.entity.type).toBe("ClusterComputeResource");

        const readonly = await signedIn(api, READONLY);
        expect(json<SessionInfo>(await readonly.get("/api/v1/session")).privileges.every((p) => p.privileges.length === 0)).toBe(true);
      });

      it("answers 204 without a session, or with a cookie addnet never gave out: nobody signed in is no error", async () => {
        const api = getApi();
        for (const headers of [{}, { cookie: "addnet_session=forged" }, { cookie: "addnet_session=%E0%A4%A" }]) {
          const res = await api.app.inject({ method: "GET", url: "/api/v1/session", headers });
          expect(res.statusCode, res.body).toBe(204);
          expect(res.body).toBe("");
        }
        // The routes that need a session still refuse.
        expectProblem(await api.app.inject({ method: "GET", url: "/api/v1/hosts" }), 401, "NOT_SIGNED_IN");
        expectProblem(
          await api.app.inject({ method: "GET", url: "/api/v1/hosts", headers: { cookie: "addnet_session=%E0%A4%A" } }),
          401,
          "NOT_SIGNED_IN",
        );
      });
    });

    describe("DELETE /api/v1/session", () => {
      it("logs out of vCenter too, clears the cookie, and the old cookie signs nobody in", async () => {
        const api = getApi();
        const before = simSessionIds();
        const c = await signedIn(api, ADMIN);
        const mine = [...simSessionIds()].filter((id) => !before.has(id));
        expect(mine).toHaveLength(1);
        const count = api.sim.sim.sessions.size;
        const cookie = c.cookie!;

        const res = await c.delete("/api/v1/session");
        expect(res.statusCode, res.body).toBe(204);
        expect(String(res.headers["set-cookie"])).toMatch(/^addnet_session=;.*Max-Age=0/);
        expect(api.sim.sim.sessions.size).toBe(count - 1);
        expect(api.sim.sim.sessions.has(mine[0]!)).toBe(false);

        expect((await api.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } })).statusCode).toBe(204);
        expectProblem(await api.app.inject({ method: "GET", url: "/api/v1/hosts", headers: { cookie } }), 401, "NOT_SIGNED_IN");
      });
    });

    describe("session fixation", () => {
      it("never adopts a cookie presented before login", async () => {
        const api = getApi();
        const planted = "attacker-chosen-session-id-0000000000000000";
        const res = await api.app.inject({
          method: "POST",
          url: "/api/v1/session",
          payload: ADMIN,
          headers: { cookie: `addnet_session=${planted}` },
          remoteAddress: "10.201.0.1",
        });
        const issued = res.cookies.find((k) => k.name === "addnet_session")!.value;
        secrets.addnetCookies.add(issued);
        expect(issued).not.toBe(planted);
        expectProblem(
          await api.app.inject({ method: "GET", url: "/api/v1/hosts", headers: { cookie: `addnet_session=${planted}` } }),
          401,
          "NOT_SIGNED_IN",
        );
        expect(
          json<SessionInfo>(
            await api.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: `addnet_session=${issued}` } }),
          ).user.login,
        ).toBe(ADMIN.username);
      });

      it("issues a new cookie on a second login, ends the old one and its vCenter session", async () => {
        const api = getApi();
        const before = simSessionIds();
        const c = await signedIn(api, ADMIN);
        const first = c.cookie!;
        const firstVc = [...simSessionIds()].filter((id) => !before.has(id));
        const count = api.sim.sim.sessions.size;

        await c.login(HELPDESK);
        expect(c.cookie).not.toBe(first);
        expectProblem(await api.app.inject({ method: "GET", url: "/api/v1/hosts", headers: { cookie: first } }), 401, "NOT_SIGNED_IN");
        expect(json<SessionInfo>(await c.get("/api/v1/session")).user.login).toBe(HELPDESK.username);
        // The first vCenter session did not stay behind to idle out.
        expect(api.sim.sim.sessions.has(firstVc[0]!)).toBe(false);
        expect(api.sim.sim.sessions.size).toBe(count);
      });
    });

    describe("login rate limit", () => {
      it("answers the 11th attempt for one user within a minute with 429 problem+json; other users go on", async () => {
        const api = getApi();
        const ip = "10.250.0.1";
        const attempt = (payload: object) => api.app.inject({ method: "POST", url: "/api/v1/session", payload, remoteAddress: ip });
        secrets.passwords.add("wrong-password-3");
        for (let i = 0; i < 10; i++)
          expectProblem(await attempt({ username: READONLY.username, password: "wrong-password-3" }), 401, "INVALID_LOGIN");
        const before = api.sim.sim.sessions.size;
        const limited = await attempt({ username: READONLY.username, password: "wrong-password-3" });
        expectProblem(limited, 429, "RATE_LIMITED");
        expect(limited.headers["retry-after"]).toBeDefined();
        // The right password does not get through either, and vCenter is not asked.
        expectProblem(await attempt(READONLY), 429, "RATE_LIMITED");
        expectProblem(await attempt({ username: READONLY.username.toUpperCase(), password: READONLY.password }), 429, "RATE_LIMITED");
        expect(api.sim.sim.sessions.size).toBe(before);
        // The limit is per user name: a colleague behind the same address signs in.
        const other = await attempt(HELPDESK);
        expect(other.statusCode, other.body).toBe(200);
        secrets.addnetCookies.add(other.cookies.find((k) => k.name === "addnet_session")!.value);
        secrets.csrfTokens.add(other.json<SessionInfo>().csrfToken);
      });
    });

    describe("CSRF and cross-site requests", () => {
      it("refuses POST, PATCH and DELETE without the X-CSRF-Token, or with a wrong one, and changes nothing", async () => {
        const api = getApi();
        const c = await signedIn(api, ADMIN);
        const id = hostId(api, "esx-01.lab.local");
        const before = hostState(api, "esx-01");
        const sessions = api.sim.sim.sessions.size;
        const requests = [
          {
            method: "POST",
            url: `/api/v1/hosts/${id}/vmkernel-adapters`,
            payload: onVSwitch0("CSRF", "10.10.0.150"),
            headers: { "idempotency-key": newKey("csrf") },
          },
          { method: "POST", url: `/api/v1/hosts/${id}/vmkernel-adapters/preflight`, payload: onVSwitch0("CSRF", "10.10.0.150") },
          { method: "PATCH", url: `/api/v1/hosts/${id}/netstacks/defaultTcpipStack`, payload: { congestionControlAlgorithm: "cubic" } },
          { method: "DELETE", url: "/api/v1/session" },
        ];
        for (const token of [undefined, "wrong-token", `${c.csrf}x`, ""]) {
          for (const r of requests) {
            const headers: Record<string, string> = { ...(r.headers ?? {}), cookie: c.cookie! };
            if (token !== undefined) headers["x-csrf-token"] = token;
            const res = await api.app.inject({ method: r.method as "POST", url: r.url, payload: r.payload, headers, remoteAddress: c.ip });
            expectProblem(res, 403, "CSRF_TOKEN_INVALID");
          }
        }
        expect(hostState(api, "esx-01")).toEqual(before);
        expect(api.sim.sim.sessions.size).toBe(sessions);
        expect(json<SessionInfo>(await c.get("/api/v1/session")).user.login).toBe(ADMIN.username);
      });

      it("refuses state changes from another site (Origin, Sec-Fetch-Site) even with the right token", async () => {
        const api = getApi();
        const c = await signedIn(api, ADMIN);
        const id = hostId(api, "esx-01.lab.local");
        const before = hostState(api, "esx-01");
        const sessions = api.sim.sim.sessions.size;
        const crossSite: Record<string, string>[] = [
          { origin: "https://evil.example" },
          { origin: "null" },
          { origin: "garbage" },
          { origin: "http://localhost.evil.example" },
          { "sec-fetch-site": "cross-site" },
          { "sec-fetch-site": "same-site" },
        ];
        for (const extra of crossSite) {
          for (const r of [
            { method: "POST", url: `/api/v1/hosts/${id}/vmkernel-adapters`, payload: onVSwitch0("XSite", "10.10.0.151"), key: true },
            { method: "PATCH", url: `/api/v1/hosts/${id}/netstacks/defaultTcpipStack`, payload: { congestionControlAlgorithm: "cubic" } },
            { method: "DELETE", url: "/api/v1/session" },
          ]) {
            const headers = { ...extra, ...(r.key ? { "idempotency-key": newKey("xsite") } : {}) };
            const res = await c.request({ method: r.method as "POST", url: r.url, payload: r.payload, headers });
            expectProblem(res, 403, "CROSS_SITE_REQUEST");
          }
          // A login form posted from another site is refused before vCenter is asked.
          const login = await api.app.inject({
            method: "POST",
            url: "/api/v1/session",
            payload: ADMIN,
            headers: extra,
            remoteAddress: "10.201.0.2",
          });
          expectProblem(login, 403, "CROSS_SITE_REQUEST");
          expect(login.headers["set-cookie"]).toBeUndefined();
        }
        expect(hostState(api, "esx-01")).toEqual(before);
        expect(api.sim.sim.sessions.size).toBe(sessions);

        // addnet's own pages (same origin) go through.
        const same = await c.request({
          method: "PATCH",
          url: `/api/v1/hosts/${id}/netstacks/defaultTcpipStack`,
          payload: { congestionControlAlgorithm: "cubic" },
          headers: { host: "addnet.example:8443", origin: "https://addnet.example:8443", "sec-fetch-site": "same-origin" },
        });
        expect(same.statusCode, same.body).toBe(200);
        await control(api, "POST", "/sim/reset");
      });
    });
  });
}
