/**
 * Security follow-ups (issue 9): the Host allow-list, the documentation behind sign-in unless configured public, a
 * wrong password that leaves a live session alone, and an audit file that shows no control or bidi character raw.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { canonicalPrincipal, FailedSignIns } from "../src/services/sign-in.ts";
import { escapeUnsafe } from "../src/journal/journal.ts";
import { ADMIN, Browser, startApi, type TestApi } from "./helpers.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startApi({}, { ALLOWED_HOSTS: "addnet.example.com" });
});
afterAll(() => api?.close());

describe("the Host allow-list", () => {
  it("answers its own names and refuses any other (the DNS-rebinding shape)", async () => {
    const get = (host: string) => api.app.inject({ method: "GET", url: "/api/v1/hosts", headers: { host } });
    for (const host of ["localhost:8080", "127.0.0.1:8080", "[::1]:8080", "addnet.example.com", "ADDNET.example.com:443"])
      expect((await get(host)).statusCode, host).toBe(401);
    for (const host of ["attacker.example", "addnet.example.com.attacker.example", "127.0.0.2:8080"]) {
      const res = await get(host);
      expect(res.statusCode, host).toBe(400);
      expect(res.json<{ code: string }>().code).toBe("HOST_NOT_ALLOWED");
    }
  });

  it("signs nobody in through another name", async () => {
    const res = await api.app.inject({ method: "POST", url: "/api/v1/session", headers: { host: "attacker.example" }, payload: ADMIN });
    expect(res.statusCode).toBe(400);
    expect(res.cookies.find((c) => c.name === "addnet_session")).toBeUndefined();
    expect(api.sim.sim.sessions.size).toBe(0);
  });
});

describe("the API documentation", () => {
  it("is public when API_DOCS_PUBLIC=true", async () => {
    const open = await startApi({}, { API_DOCS_PUBLIC: "true" });
    try {
      expect((await open.app.inject({ method: "GET", url: "/api/openapi.json" })).statusCode).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe("signing in again", () => {
  it("with a wrong password leaves the live session alone, in addnet and in vCenter", async () => {
    const browser = new Browser(api.app);
    await browser.login();
    const live = browser.cookie;
    const vcenterSessions = api.sim.sim.sessions.size;
    const wrong = await browser.request({ method: "POST", url: "/api/v1/session", payload: { ...ADMIN, password: "wrong" } });
    expect(wrong.statusCode).toBe(401);
    expect(browser.cookie).toBe(live);
    expect((await browser.get("/api/v1/session")).statusCode).toBe(200);
    expect(api.sim.sim.sessions.size).toBe(vcenterSessions);
  });

  it("successfully replaces the old session, which then answers nothing", async () => {
    const browser = new Browser(api.app);
    await browser.login();
    const old = browser.cookie!;
    await browser.login();
    expect(browser.cookie).not.toBe(old);
    const stale = await api.app.inject({ method: "GET", url: "/api/v1/hosts", headers: { cookie: old } });
    expect(stale.statusCode).toBe(401);
  });
});

describe("the journal", () => {
  const hostile = "a\u2028b\u2029c\u0085d\u009b31me\u202egnp.exe\u200be\u0007";

  it("keeps C0 and C1 controls and Unicode line, paragraph and format controls as visible escapes", () => {
    const text = escapeUnsafe(hostile);
    // eslint-disable-next-line no-control-regex -- looking for exactly those characters
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b\u202e]/);
    expect(text).toBe("a\\u2028b\\u2029c\\u0085d\\u009b31me\\u202egnp.exe\\u200be\\u0007");
  });

  it("so a failed sign-in's user name is stored and listed escaped", async () => {
    const res = await api.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { username: `x${hostile.replace("\u0007", "")}`, password: "p" },
    });
    expect(res.statusCode).toBe(401);
    const stored = await api.app.journal.list({ limit: 1 });
    expect(stored[0]!.user).toContain("\\u2028");
    expect(stored[0]!.user).not.toMatch(/[\u0085\u009b\u2028\u2029\u202e]/);
  });
});

describe("failed sign-ins", () => {
  it("are audited one by one up to the sign-in limit per address and minute, and beyond it counted", async () => {
    const lines = async () =>
      (await api.app.journal.list({ outcome: "failure", limit: 1000 })).filter((e) => e.action === "session.login").length;
    const before = await lines();
    for (let i = 0; i < 25; i++) {
      const res = await api.app.inject({
        method: "POST",
        url: "/api/v1/session",
        remoteAddress: "10.77.0.1",
        payload: { username: `nobody-${i}@vsphere.local`, password: "p" },
      });
      expect(res.statusCode).toBe(401);
    }
    expect((await lines()) - before).toBe(api.config.loginRateLimitPerMinute);
  });

  it("report the ones they counted in the next minute's first line", () => {
    const failures = new FailedSignIns(2);
    expect([0, 1, 2, 3].map((s) => failures.record("a", s * 1000))).toEqual([
      { write: true, counted: 0 },
      { write: true, counted: 0 },
      { write: false, counted: 0 },
      { write: false, counted: 0 },
    ]);
    expect(failures.record("b", 4000)).toEqual({ write: true, counted: 0 });
    expect(failures.record("a", 61_000)).toEqual({ write: true, counted: 2 });
    expect(failures.record("a", 62_000)).toEqual({ write: true, counted: 0 });
  });

  it("count per principal however the user name is written", () => {
    expect(canonicalPrincipal("VSPHERE.LOCAL\\ReadOnly")).toBe("readonly@vsphere.local");
    expect(canonicalPrincipal(" ReadOnly@VSPHERE.local ")).toBe("readonly@vsphere.local");
    expect(canonicalPrincipal("root")).toBe("root");
  });
});
