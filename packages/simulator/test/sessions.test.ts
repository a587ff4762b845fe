/** Sessions: the cookie, Login/Logout, NotAuthenticated, SessionIsActive, idle timeout and forced expiry. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../src/index.ts";
import { child, children, Client, moref, ref, text, withSimulator } from "./client.ts";
import { createView, loggedIn, PC, propSpec, specSet, objectSpec } from "./helpers.ts";

const SM = ref("SessionManager", "SessionManager");
const SI = ref("ServiceInstance", "ServiceInstance");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let running: RunningSimulator;
beforeAll(async () => {
  running = await withSimulator();
});
afterAll(() => running.close());

async function sessionKey(c: Client): Promise<string> {
  const props = await c.props("SessionManager", "SessionManager", ["currentSession"]);
  return text(props.get("currentSession"), "key")!;
}

const isActive = (c: Client, key: string, user: string) =>
  c.call("SessionIsActive", SM, `<sessionID>${key}</sessionID><userName>${user}</userName>`);

describe("Login", () => {
  it("sets a quoted vmware_soap_session cookie with Path=/ and HttpOnly", async () => {
    const c = new Client(running.sdkUrl);
    const reply = await c.login();
    expect(reply.status).toBe(200);
    const parts = reply.setCookie!.split(";").map((p) => p.trim());
    expect(parts[0]).toMatch(/^vmware_soap_session="[0-9a-f]{16,}"$/);
    expect(parts).toContain("Path=/");
    expect(parts).toContain("HttpOnly");
    expect(parts).not.toContain("Secure"); // plain http
  });

  it("returns the UserSession", async () => {
    const c = new Client(running.sdkUrl);
    const reply = await c.login("Administrator@VSPHERE.LOCAL", "VMware1!");
    const session = child(reply.body, "returnval")!;
    expect(text(session, "userName")).toBe("VSPHERE.LOCAL\\Administrator");
    expect(text(session, "fullName")).toBe("Administrator vsphere.local");
    expect(text(session, "key")).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(text(session, "loginTime")!)).toBeGreaterThan(Date.now() - 60_000);
    expect(text(session, "ipAddress")).toBe("127.0.0.1");
    expect(text(session, "locale")).toBe("en");
  });

  it("gives InvalidLogin and no cookie for a bad password or an unknown user", async () => {
    for (const [user, password] of [
      ["administrator@vsphere.local", "wrong"],
      ["administrator@vsphere.local", ""],
      ["nobody@vsphere.local", "VMware1!"],
      ["helpdesk@vsphere.local", "VMware1!"],
    ]) {
      const c = new Client(running.sdkUrl);
      const reply = await c.login(user, password);
      expect(reply.status, user).toBe(500);
      expect(reply.fault, user).toBe("InvalidLogin");
      expect(reply.setCookie, user).toBeNull();
    }
  });

  it("accepts the cookie unquoted, as Go's cookie jar sends it", async () => {
    const c = await loggedIn(running.sdkUrl);
    c.cookie = c.cookie!.replace(/"/g, "");
    const reply = await c.call("CurrentTime", SI);
    expect(reply.status).toBe(200);
  });

  it("a second Login on a live session replaces it", async () => {
    const c = await loggedIn(running.sdkUrl);
    const first = c.cookie!;
    await c.login("readonly@vsphere.local", "ReadOnly1!");
    expect(c.cookie).not.toBe(first);
    const props = await c.props("SessionManager", "SessionManager", ["currentSession"]);
    expect(text(props.get("currentSession"), "userName")).toBe("VSPHERE.LOCAL\\readonly");
    const old = new Client(running.sdkUrl);
    old.cookie = first;
    expect((await old.call("CurrentTime", SI)).fault).toBe("NotAuthenticated");
  });
});

describe("unauthenticated callers", () => {
  it("may retrieve the service content and log in, nothing else", async () => {
    const anon = new Client(running.sdkUrl);
    expect((await anon.call("RetrieveServiceContent", SI)).status).toBe(200);
    for (const [method, args] of [
      ["CurrentTime", ""],
      ["RetrievePropertiesEx", specSet(propSpec("Folder", ["name"]), objectSpec("Folder", "group-d1")) + "<options/>"],
      ["Logout", ""],
    ] as const) {
      const target = method === "RetrievePropertiesEx" ? PC : method === "Logout" ? SM : SI;
      const reply = await anon.call(method, target, args);
      expect(reply.status, method).toBe(500);
      expect(reply.fault, method).toBe("NotAuthenticated");
      expect(text(reply.body, "privilegeId")).toBe("System.View");
    }
    const view = await anon.call(
      "CreateContainerView",
      ref("ViewManager", "ViewManager"),
      moref("container", "Folder", "group-d1") + "<recursive>true</recursive>",
    );
    expect(view.fault).toBe("NotAuthenticated");
  });

  it("a made-up cookie is not a session", async () => {
    const c = new Client(running.sdkUrl);
    c.cookie = `vmware_soap_session="${"ab".repeat(24)}"`;
    expect((await c.call("CurrentTime", SI)).fault).toBe("NotAuthenticated");
  });
});

describe("Logout", () => {
  it("ends the session; the same cookie is then NotAuthenticated", async () => {
    const c = await loggedIn(running.sdkUrl);
    expect((await c.call("CurrentTime", SI)).status).toBe(200);
    const reply = await c.call("Logout", SM);
    expect(reply.status).toBe(200);
    expect(reply.body?.name).toBe("LogoutResponse");
    expect(reply.setCookie).toBeNull();
    const after = await c.call("CurrentTime", SI);
    expect(after.status).toBe(500);
    expect(after.fault).toBe("NotAuthenticated");
  });

  it("destroys the session's container views", async () => {
    const c = await loggedIn(running.sdkUrl);
    const view = await createView(c, ["Folder", "group-d1"], ["HostSystem"]);
    expect(running.sim.findObject(view)).toBeDefined();
    await c.call("Logout", SM);
    expect(running.sim.findObject(view)).toBeUndefined();
    await c.login();
    expect((await c.call("DestroyView", ref("ContainerView", view))).fault).toBe("ManagedObjectNotFound");
  });
});

describe("SessionIsActive", () => {
  it("tells an administrator whether a session key is live for that user", async () => {
    const admin = await loggedIn(running.sdkUrl);
    const other = await loggedIn(running.sdkUrl, "readonly@vsphere.local", "ReadOnly1!");
    const key = await sessionKey(other);
    const yes = await isActive(admin, key, "readonly@vsphere.local");
    expect(yes.status).toBe(200);
    expect(text(yes.body, "returnval")).toBe("true");
    expect(text((await isActive(admin, key, "VSPHERE.LOCAL\\readonly")).body, "returnval")).toBe("true");
    expect(text((await isActive(admin, key, "administrator@vsphere.local")).body, "returnval")).toBe("false");
    expect(text((await isActive(admin, "no-such-key", "readonly@vsphere.local")).body, "returnval")).toBe("false");
    await other.call("Logout", SM);
    expect(text((await isActive(admin, key, "readonly@vsphere.local")).body, "returnval")).toBe("false");
  });

  it("needs Sessions.ValidateSession: helpdesk and readonly get NoPermission", async () => {
    for (const [user, password] of [
      ["helpdesk@vsphere.local", "Helpdesk1!"],
      ["readonly@vsphere.local", "ReadOnly1!"],
    ]) {
      const c = await loggedIn(running.sdkUrl, user, password);
      const reply = await isActive(c, await sessionKey(c), user!);
      expect(reply.status, user).toBe(500);
      expect(reply.fault, user).toBe("NoPermission");
      expect(text(reply.body, "privilegeId")).toBe("Sessions.ValidateSession");
      expect(child(reply.body, "object")?.text).toBe("group-d1");
    }
  });
});

describe("CurrentTime and session properties", () => {
  it("CurrentTime answers the server clock as xsd:dateTime", async () => {
    const c = await loggedIn(running.sdkUrl);
    const reply = await c.call("CurrentTime", SI);
    const time = Date.parse(text(reply.body, "returnval")!);
    expect(Math.abs(time - Date.now())).toBeLessThan(5000);
  });

  it("currentSession is the caller's own session, and counts calls", async () => {
    const c = await loggedIn(running.sdkUrl, "helpdesk@vsphere.local", "Helpdesk1!");
    const first = (await c.props("SessionManager", "SessionManager", ["currentSession"])).get("currentSession")!;
    expect(text(first, "userName")).toBe("VSPHERE.LOCAL\\helpdesk");
    expect(text(first, "fullName")).toBe("Help Desk");
    await c.call("CurrentTime", SI);
    const second = (await c.props("SessionManager", "SessionManager", ["currentSession"])).get("currentSession")!;
    expect(text(second, "key")).toBe(text(first, "key"));
    expect(Number(text(second, "callCount"))).toBeGreaterThan(Number(text(first, "callCount")));
  });

  it("sessionList is for administrators only", async () => {
    const admin = await loggedIn(running.sdkUrl);
    const list = (await admin.props("SessionManager", "SessionManager", ["sessionList"])).get("sessionList")!;
    const names = children(list, "UserSession").map((s) => text(s, "userName"));
    expect(names).toContain("VSPHERE.LOCAL\\Administrator");
    const helpdesk = await loggedIn(running.sdkUrl, "helpdesk@vsphere.local", "Helpdesk1!");
    expect((await helpdesk.props("SessionManager", "SessionManager", ["sessionList"])).has("sessionList")).toBe(false);
  });
});

describe("idle timeout", () => {
  it("ends a session idle past sessionTimeoutMs, while activity keeps another alive", async () => {
    const short = await withSimulator({ sessionTimeoutMs: 300 });
    try {
      const busy = await loggedIn(short.sdkUrl);
      const idle = await loggedIn(short.sdkUrl, "readonly@vsphere.local", "ReadOnly1!");
      const idleKey = await sessionKey(idle);
      for (let i = 0; i < 6; i++) {
        await sleep(100);
        expect((await busy.call("CurrentTime", SI)).status).toBe(200);
      }
      // idle has now been quiet for about 600 ms, busy never more than about 100 ms. Nothing reports the
      // idle session as live any more, even before its own cookie comes back.
      expect(text((await isActive(busy, idleKey, "readonly@vsphere.local")).body, "returnval")).toBe("false");
      const list = (await busy.props("SessionManager", "SessionManager", ["sessionList"])).get("sessionList");
      expect(children(list, "UserSession").map((u) => text(u, "key"))).not.toContain(idleKey);
      const privileges = await busy.call(
        "HasPrivilegeOnEntities",
        ref("AuthorizationManager", "AuthorizationManager"),
        moref("entity", "Folder", "group-d1") + `<sessionId>${idleKey}</sessionId><privId>System.Read</privId>`,
      );
      expect(privileges.fault).toBe("InvalidArgument");
      const expired = await idle.call("CurrentTime", SI);
      expect(expired.status).toBe(500);
      expect(expired.fault).toBe("NotAuthenticated");
      expect((await busy.call("CurrentTime", SI)).status).toBe(200);
      await sleep(450);
      expect((await busy.call("CurrentTime", SI)).fault).toBe("NotAuthenticated");
      // Logging in again works.
      await busy.login();
      expect((await busy.call("CurrentTime", SI)).status).toBe(200);
    } finally {
      await short.close();
    }
  });
});

describe("control endpoint POST /sim/sessions/expire", () => {
  it("ends every session; needs the bearer token", async () => {
    const a = await loggedIn(running.sdkUrl);
    const b = await loggedIn(running.sdkUrl, "readonly@vsphere.local", "ReadOnly1!");
    const url = `${running.baseUrl}/sim/sessions/expire`;
    expect((await fetch(url, { method: "POST" })).status).toBe(401);
    expect((await fetch(url, { method: "POST", headers: { Authorization: "Bearer wrong-token" } })).status).toBe(401);
    expect((await a.call("CurrentTime", SI)).status).toBe(200);

    const res = await fetch(url, { method: "POST", headers: { Authorization: "Bearer test-token" } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { expired: number };
    expect(body.expired).toBeGreaterThanOrEqual(2);
    expect(running.sim.sessions.size).toBe(0);
    expect((await a.call("CurrentTime", SI)).fault).toBe("NotAuthenticated");
    expect((await b.call("CurrentTime", SI)).fault).toBe("NotAuthenticated");
    await a.login();
    expect((await a.call("CurrentTime", SI)).status).toBe(200);
  });
});
