/** GET /api/v1/audit and the append-only JSON-lines file behind it. */
import { readFileSync, existsSync } from "node:fs";

import type { AuditEntryInfo } from "@addnet/contracts";
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
  vmotionSwitch,
  type GetApi,
} from "./support.ts";

export function auditSuite(getApi: GetApi): void {
  describe("audit", () => {
    beforeAll(async () => {
      await resetSimulator(getApi());
    });

    const fileLines = () => readFileSync(getApi().config.auditLogPath, "utf8").split("\n").filter(Boolean);

    it("lists logins, creates (success and failure) and netstack edits with user, host and outcome, newest first", async () => {
      const api = getApi();
      const start = fileLines().length;
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
      const entries = json<AuditEntryInfo[]>(await reader.get("/api/v1/audit?limit=1000"));
      const recent = entries.slice(0, fileLines().length - start).reverse();
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
      expect(recent[6]!.detail).toContain("defaultGateway");
      // Newest first.
      const times = entries.map((e) => Date.parse(e.time));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it("filters by host and user, and limits", async () => {
      const api = getApi();
      const reader = await signedIn(api, ADMIN);
      const esx01 = hostId(api, "esx-01.lab.local");
      const byHost = json<AuditEntryInfo[]>(await reader.get(`/api/v1/audit?hostId=${esx01}`));
      expect(byHost.length).toBeGreaterThan(0);
      expect(byHost.every((e) => e.hostId === esx01)).toBe(true);
      const byUser = json<AuditEntryInfo[]>(await reader.get(`/api/v1/audit?user=${encodeURIComponent("VSPHERE.LOCAL\\helpdesk")}`));
      expect(byUser.length).toBeGreaterThan(0);
      expect(byUser.every((e) => e.user === "VSPHERE.LOCAL\\helpdesk")).toBe(true);
      expect(json<AuditEntryInfo[]>(await reader.get("/api/v1/audit?limit=2"))).toHaveLength(2);
      expectProblem(await reader.get("/api/v1/audit?limit=0"), 400, "VALIDATION_FAILED", ["limit"]);
      expectProblem(await reader.get("/api/v1/audit?limit=1001"), 400, "VALIDATION_FAILED", ["limit"]);
      expectProblem(await reader.get("/api/v1/audit?action=login"), 400, "VALIDATION_FAILED", ["action"]);
      expectProblem(await api.app.inject({ method: "GET", url: "/api/v1/audit" }), 401, "NOT_SIGNED_IN");
    });

    it("persists to a JSON-lines file that only grows", async () => {
      const api = getApi();
      const path = api.config.auditLogPath;
      expect(existsSync(path)).toBe(true);
      const reader = await signedIn(api, ADMIN);
      const first = readFileSync(path, "utf8");
      expect(first.endsWith("\n")).toBe(true);
      const lines = first
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AuditEntryInfo);
      expect(lines.at(-1)).toMatchObject({ action: "session.login", outcome: "success" });
      // The API lists exactly what the file holds, newest first.
      expect(json<AuditEntryInfo[]>(await reader.get("/api/v1/audit?limit=1000"))).toEqual([...lines].reverse().slice(0, 1000));
      // More calls append; nothing earlier is rewritten.
      json(
        await reader.patch(`/api/v1/hosts/${hostId(api, "esx-01.lab.local")}/netstacks/defaultTcpipStack`, {
          congestionControlAlgorithm: "cubic",
        }),
      );
      const second = readFileSync(path, "utf8");
      expect(second.startsWith(first)).toBe(true);
      const added = second
        .slice(first.length)
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AuditEntryInfo);
      expect(added.map((e) => e.action)).toEqual(["netstack.edit"]);
      expect(added.every((e) => e.user === "VSPHERE.LOCAL\\Administrator")).toBe(true);
    });
  });
}
