/** GET /api/v1/audit: the journal, newest first, paginated and filtered, each user seeing what they may read. */

import type { AuditEntryInfo, AuditPage } from "@addnet/contracts";
import { beforeAll, describe, expect, it } from "vitest";

import { hostId } from "../helpers.ts";
import {
  ADMIN,
  Client,
  expectProblem,
  HELPDESK,
  json,
  newKey,
  onVSwitch0,
  resetSimulator,
  secrets,
  signedIn,
  simHosts,
  vmotionSwitch,
  type GetApi,
} from "./support.ts";

export function auditSuite(getApi: GetApi): void {
  describe("audit", () => {
    beforeAll(async () => {
      await resetSimulator(getApi());
    });

    const newest = async () => json<AuditPage>(await (await signedIn(getApi(), ADMIN)).get("/api/v1/audit?limit=1")).entries[0]!.id;

    it("lists logins, creates (success and failure) and netstack edits with user, host and outcome, newest first", async () => {
      const api = getApi();
      const start = await newest();
      secrets.passwords.add("wrong-password-4");
      expectProblem(
        await new Client(api).request({
          method: "POST",
          url: "/api/v1/session",
          payload: { username: HELPDESK.username, password: "wrong-password-4" },
        }),
        401,
        "INVALID_LOGIN",
      );
      const admin = await signedIn(api, ADMIN);
      const helpdesk = await signedIn(api, HELPDESK);
      const esx01 = hostId(api, "esx-01.lab.local");
      const esx02 = hostId(api, "esx-02.lab.local");
      json(await admin.create(esx01, vmotionSwitch("192.168.30.11"), newKey("audit")), 201);
      expectProblem(
        await admin.create(esx01, onVSwitch0("Management Network", "192.168.70.70"), newKey("audit-refused")),
        422,
        "PREFLIGHT_FAILED",
      );
      expectProblem(await helpdesk.create(esx02, onVSwitch0("HD", "192.168.70.71"), newKey("audit-hd")), 403, "NO_PERMISSION");
      json(await admin.patch(`/api/v1/hosts/${esx01}/netstacks/vmotion`, { defaultGateway: "192.168.30.1" }));
      expectProblem(
        await helpdesk.patch(`/api/v1/hosts/${esx02}/netstacks/defaultTcpipStack`, { congestionControlAlgorithm: "cubic" }),
        403,
        "NO_PERMISSION",
      );
      expect((await admin.delete("/api/v1/session")).statusCode).toBe(204);

      const reader = await signedIn(api, ADMIN);
      const entries = json<AuditPage>(await reader.get("/api/v1/audit?limit=1000")).entries;
      const recent = entries.filter((e) => e.id > start).reverse();
      const summary = recent.map((e) => [e.action, e.user, e.hostName ?? e.hostId ?? null, e.outcome]);
      expect(summary).toEqual([
        ["session.login", HELPDESK.username, null, "failure"],
        ["session.login", "VSPHERE.LOCAL\\Administrator", null, "success"],
        ["session.login", "VSPHERE.LOCAL\\helpdesk", null, "success"],
        ["vmkernel-adapter.create", "VSPHERE.LOCAL\\Administrator", "esx-01.lab.local", "success"],
        ["vmkernel-adapter.create", "VSPHERE.LOCAL\\Administrator", "esx-01.lab.local", "failure"],
        ["vmkernel-adapter.create", "VSPHERE.LOCAL\\helpdesk", "esx-02.lab.local", "failure"],
        ["netstack.edit", "VSPHERE.LOCAL\\Administrator", "esx-01.lab.local", "success"],
        ["netstack.edit", "VSPHERE.LOCAL\\helpdesk", esx02, "failure"],
        ["session.logout", "VSPHERE.LOCAL\\Administrator", null, "success"],
        ["session.login", "VSPHERE.LOCAL\\Administrator", null, "success"],
      ]);
      for (const e of recent) {
        expect(Date.parse(e.time)).toBeGreaterThan(Date.now() - 60_000);
        expect(e.requestId).toEqual(expect.any(String));
        expect(e.detail.length).toBeGreaterThan(0);
      }
      expect(recent[3]!.hostId).toBe(esx01);
      expect(recent[3]!.detail).toContain("vmk1");
      expect(recent[4]!.detail).toContain("Management Network");
      expect(recent[5]!.detail).toContain("Host.Config.Network");
      expect(recent[6]!.detail).toBe("Edited the vMotion TCP/IP stack.");
      // The same as codes and names, for the user's language.
      expect(recent.map((e) => e.messages?.map((m) => m.code))).toEqual([
        ["fault.InvalidLogin"],
        ["audit.signedIn"],
        ["audit.signedIn"],
        ["audit.created"],
        ["networkLabel.inUse"],
        ["privilege.missing"],
        ["audit.edited"],
        ["privilege.missing"],
        ["audit.signedOut"],
        ["audit.signedIn"],
      ]);
      expect(recent[3]!.messages![0]!.params).toEqual({ device: "vmk1", portgroup: "vMotion", stack: "vmotion" });
      // Newest first.
      const times = entries.map((e) => Date.parse(e.time));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it("filters by host and user, and limits", async () => {
      const api = getApi();
      const reader = await signedIn(api, ADMIN);
      const esx01 = hostId(api, "esx-01.lab.local");
      const byHost = json<AuditPage>(await reader.get(`/api/v1/audit?hostId=${esx01}`)).entries;
      expect(byHost.length).toBeGreaterThan(0);
      expect(byHost.every((e) => e.hostId === esx01)).toBe(true);
      const byUser = json<AuditPage>(await reader.get(`/api/v1/audit?user=${encodeURIComponent("VSPHERE.LOCAL\\helpdesk")}`)).entries;
      expect(byUser.length).toBeGreaterThan(0);
      expect(byUser.every((e) => e.user === "VSPHERE.LOCAL\\helpdesk")).toBe(true);
      expect(json<AuditPage>(await reader.get("/api/v1/audit?limit=2")).entries).toHaveLength(2);
      expectProblem(await reader.get("/api/v1/audit?limit=0"), 400, "VALIDATION_FAILED", ["limit"]);
      expectProblem(await reader.get("/api/v1/audit?limit=1001"), 400, "VALIDATION_FAILED", ["limit"]);
      expectProblem(await reader.get("/api/v1/audit?action=login"), 400, "VALIDATION_FAILED", ["action"]);
      expectProblem(await api.app.inject({ method: "GET", url: "/api/v1/audit" }), 401, "NOT_SIGNED_IN");
    });

    it("pages newest first with a cursor, and filters by outcome and time", async () => {
      const api = getApi();
      const reader = await signedIn(api, ADMIN);
      const all = json<AuditPage>(await reader.get("/api/v1/audit?limit=1000")).entries;
      const pages: AuditEntryInfo[] = [];
      let cursor: number | undefined;
      do {
        const page = json<AuditPage>(await reader.get(`/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ""}`));
        expect(page.entries.length).toBeLessThanOrEqual(3);
        pages.push(...page.entries);
        cursor = page.next;
      } while (cursor);
      // The reads themselves add no entries: the pages together are the whole journal, once each.
      expect(pages.map((e) => e.id)).toEqual(all.map((e) => e.id));
      const failures = json<AuditPage>(await reader.get("/api/v1/audit?outcome=failure&limit=1000")).entries;
      expect(failures.length).toBeGreaterThan(0);
      expect(failures).toEqual(all.filter((e) => e.outcome === "failure"));
      const middle = all[Math.floor(all.length / 2)]!.time;
      const since = json<AuditPage>(await reader.get(`/api/v1/audit?from=${encodeURIComponent(middle)}&limit=1000`)).entries;
      expect(since).toEqual(all.filter((e) => e.time >= middle));
      const until = json<AuditPage>(await reader.get(`/api/v1/audit?to=${encodeURIComponent(middle)}&limit=1000`)).entries;
      expect(until).toEqual(all.filter((e) => e.time < middle));
      expectProblem(await reader.get("/api/v1/audit?from=yesterday"), 400, "VALIDATION_FAILED", ["from"]);
      expectProblem(await reader.get("/api/v1/audit?outcome=fine"), 400, "VALIDATION_FAILED", ["outcome"]);
    });

    it("shows administrators every entry, and other users their own and those of hosts they can read", async () => {
      const api = getApi();
      const esx01 = hostId(api, "esx-01.lab.local");
      const esx02 = hostId(api, "esx-02.lab.local");
      const admin = await signedIn(api, ADMIN);
      json(await admin.patch(`/api/v1/hosts/${esx01}/netstacks/defaultTcpipStack`, { congestionControlAlgorithm: "newreno" }));
      json(await admin.patch(`/api/v1/hosts/${esx02}/netstacks/defaultTcpipStack`, { congestionControlAlgorithm: "newreno" }));
      const everything = json<AuditPage>(await admin.get("/api/v1/audit?limit=1000")).entries;
      // The help desk reads every host (Read-only at the root) but esx-02, where it is given No access.
      api.sim.sim.permissions.push({ entity: esx02, principal: "VSPHERE.LOCAL\\helpdesk", group: false, roleId: -5, propagate: true });
      try {
        const helpdesk = await signedIn(api, HELPDESK);
        const seen = json<AuditPage>(await helpdesk.get("/api/v1/audit?limit=1000")).entries;
        // (Entries of ids that name no host, from refused requests, are nobody's to read but the administrators'.)
        const hosts = new Set(simHosts(api).map((h) => h.ref.value));
        const expected = everything.filter(
          (e) => e.user === "VSPHERE.LOCAL\\helpdesk" || (e.hostId && hosts.has(e.hostId) && e.hostId !== esx02),
        );
        // Its own sign-in, made after `everything` was read, comes first.
        expect(seen.slice(1).map((e) => e.id)).toEqual(expected.map((e) => e.id));
        expect(seen.some((e) => e.action === "session.login" && e.user === "VSPHERE.LOCAL\\Administrator")).toBe(false);
        expect(seen.some((e) => e.hostId === esx02 && e.user !== "VSPHERE.LOCAL\\helpdesk")).toBe(false);
        expect(seen.some((e) => e.hostId === esx01)).toBe(true);
        // Paging under the filter keeps to it too.
        const first = json<AuditPage>(await helpdesk.get("/api/v1/audit?limit=2"));
        const second = json<AuditPage>(await helpdesk.get(`/api/v1/audit?limit=2&cursor=${first.next}`));
        expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(seen.slice(0, 4).map((e) => e.id));
      } finally {
        api.sim.sim.permissions.pop();
      }
    });
  });
}
