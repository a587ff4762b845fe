/** vCenter ends the session (idle timeout): every call answers 401 SESSION_EXPIRED until the user signs in again. */
import type { CreatedAdapter, HostsPage, SessionInfo } from "@addnet/contracts";
import { beforeEach, describe, expect, it } from "vitest";

import { hostId } from "../helpers.ts";
import {
  ADMIN,
  control,
  expectProblem,
  HELPDESK,
  inventoryState,
  json,
  newKey,
  onVSwitch0,
  resetSimulator,
  signedIn,
  simHost,
  type GetApi,
} from "./support.ts";

export function expirySuite(getApi: GetApi): void {
  describe("session expiry", () => {
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    it("answers every call with 401 SESSION_EXPIRED, changes nothing, and signing in again works", async () => {
      const api = getApi();
      const c = await signedIn(api, ADMIN);
      const id = hostId(api, "esx-01.lab.local");
      json<HostsPage>(await c.get("/api/v1/hosts"));
      const expired = (await control(api, "POST", "/sim/sessions/expire")) as { expired: number };
      expect(expired.expired).toBeGreaterThan(0);
      expect(api.sim.sim.sessions.size).toBe(0);
      const before = inventoryState(api);
      const oldCookie = c.cookie!;

      // Each endpoint, and each one more than once: the UI keeps getting the code that makes it re-authenticate.
      for (let round = 0; round < 2; round++) {
        expectProblem(await c.get("/api/v1/hosts"), 401, "SESSION_EXPIRED");
        expectProblem(await c.get("/api/v1/session"), 401, "SESSION_EXPIRED");
        expectProblem(await c.get(`/api/v1/hosts/${id}/networking`), 401, "SESSION_EXPIRED");
        expectProblem(await c.preflight(id, onVSwitch0("Expired", "192.168.70.60")), 401, "SESSION_EXPIRED");
        expectProblem(await c.create(id, onVSwitch0("Expired", "192.168.70.60"), newKey("expired")), 401, "SESSION_EXPIRED");
        expectProblem(
          await c.patch(`/api/v1/hosts/${id}/netstacks/defaultTcpipStack`, { congestionControlAlgorithm: "cubic" }),
          401,
          "SESSION_EXPIRED",
        );
      }
      expect(inventoryState(api)).toEqual(before);

      // Signing in again (the browser still presents the old cookie) gives a new one; the old one is dead.
      await c.login(ADMIN);
      expect(c.cookie).not.toBe(oldCookie);
      expect(json<SessionInfo>(await c.get("/api/v1/session")).user.login).toBe(ADMIN.username);
      expect(json<HostsPage>(await c.get("/api/v1/hosts")).total).toBe(9);
      expectProblem(await api.app.inject({ method: "GET", url: "/api/v1/hosts", headers: { cookie: oldCookie } }), 401, "NOT_SIGNED_IN");
      expect(api.sim.sim.sessions.size).toBe(1);
    });

    it("keeps the wizard's Finish usable: a create refused for expiry is retried with the same key after signing in", async () => {
      const api = getApi();
      const c = await signedIn(api, HELPDESK);
      const host = simHost(api, "esx-05");
      const key = newKey("finish");
      const model = onVSwitch0("After-Expiry", "192.168.70.61");
      await control(api, "POST", "/sim/sessions/expire");
      expectProblem(await c.create(host.ref.value, model, key), 401, "SESSION_EXPIRED");
      expect(host.net.vnic).toHaveLength(1);
      await c.login(HELPDESK);
      const retried = await c.create(host.ref.value, model, key);
      const created = json<CreatedAdapter>(retried, 201);
      expect(retried.headers["idempotent-replayed"]).toBeUndefined();
      expect(created.adapter.networkLabel).toBe("After-Expiry");
      expect(host.net.vnic).toHaveLength(2);
    });

    it("still signs out of an expired session", async () => {
      const api = getApi();
      const c = await signedIn(api, ADMIN);
      const cookie = c.cookie!;
      await control(api, "POST", "/sim/sessions/expire");
      const res = await c.delete("/api/v1/session");
      expect(res.statusCode, res.body).toBe(204);
      expect(String(res.headers["set-cookie"])).toMatch(/^addnet_session=;/);
      expectProblem(await api.app.inject({ method: "GET", url: "/api/v1/hosts", headers: { cookie } }), 401, "NOT_SIGNED_IN");
    });

    it("ends the session on idle timeout in the middle of a wizard, not only through the control endpoint", async () => {
      const api = getApi();
      const c = await signedIn(api, ADMIN);
      const mine = [...api.sim.sim.sessions.values()].at(-1)!;
      // As if the user had been away for longer than vCenter's 30 minutes.
      mine.lastActiveTime = new Date(Date.now() - 31 * 60_000);
      expectProblem(await c.get("/api/v1/hosts"), 401, "SESSION_EXPIRED");
      await c.login(ADMIN);
      json(await c.get("/api/v1/hosts"));
    });
  });
}
