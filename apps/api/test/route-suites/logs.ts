/**
 * After the full run (every suite above, in this one API instance): no log line and no audit line holds a
 * password, a vCenter session cookie or key, an addnet session cookie or a CSRF token.
 */

import { describe, expect, it } from "vitest";

import { secrets, type GetApi } from "./support.ts";

export function logsSuite(getApi: GetApi): void {
  describe("logs of the full run", () => {
    it("ran with real secrets and wrote real log lines", () => {
      const api = getApi();
      expect(secrets.passwords.size).toBeGreaterThanOrEqual(5);
      expect(secrets.addnetCookies.size).toBeGreaterThanOrEqual(20);
      expect(secrets.csrfTokens.size).toBeGreaterThanOrEqual(20);
      expect(secrets.vcenterSessions.size).toBeGreaterThanOrEqual(40);
      const lines = api.logs.join("").split("\n").filter(Boolean);
      expect(lines.length).toBeGreaterThan(500);
      // Requests are logged (method and path), so the grep below looks at what a request carries.
      expect(lines.some((l) => l.includes('"method":"POST"') && l.includes("/api/v1/session"))).toBe(true);
      expect(lines.some((l) => l.includes('"statusCode":401'))).toBe(true);
    });

    it("holds no password, vCenter session, addnet cookie or CSRF token in any log line or the journal", async () => {
      const api = getApi();
      // Every column of every entry: plans, the hosts' state before, progress and replies as much as the details.
      const journal = JSON.stringify(await api.app.journal.db.selectFrom("journal").selectAll().execute());
      const sources = { logs: api.logs.join(""), journal };
      const leaks: string[] = [];
      for (const [where, text] of Object.entries(sources)) {
        for (const [kind, values] of Object.entries(secrets)) {
          for (const value of values) if (text.includes(value)) leaks.push(`${where}: ${kind} ${value.slice(0, 6)}…`);
        }
        // Whatever the values, these never belong in a log line (redacted forms are fine).
        for (const pattern of [
          /vmware_soap_session="?[0-9a-f]{8}/i,
          /addnet_session=[A-Za-z0-9_-]{8}/,
          /"password":"(?!\[redacted\])/i,
          /"x-csrf-token":"(?!\[redacted\])/i,
        ]) {
          if (pattern.test(text)) leaks.push(`${where}: ${String(pattern)}`);
        }
      }
      expect(leaks).toEqual([]);
    });
  });
}
