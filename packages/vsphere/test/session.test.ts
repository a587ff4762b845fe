import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../../simulator/src/index.ts";
import { vim25 } from "@addnet/vim25";

import { VimClient, VimFault, type VCenter, type VimMethods } from "../src/index.ts";
import { ADMIN, connect, HELPDESK, READONLY, simulator } from "./helpers.ts";

let running: RunningSimulator;
let vc: VCenter;

beforeAll(async () => {
  running = await simulator();
  vc = await connect(running);
});
afterAll(async () => {
  vc.close();
  await running.close();
});

describe("vim25 description and client creation", () => {
  it("needs no WSDL: making a client reads the vCenter's vimServiceVersions.xml, nothing else", async () => {
    // A counting proxy in front of the simulator sees every request (speed is pnpm bench's, not a test's).
    const seen: string[] = [];
    const proxy = createServer((req, res) => {
      const body: Buffer[] = [];
      req.on("data", (c: Buffer) => body.push(c));
      req.on("end", () => {
        const sent = Buffer.concat(body);
        seen.push(`${req.method} ${req.url} ${/<(\w+) xmlns="urn:vim25"/.exec(sent.toString())?.[1] ?? ""}`.trim());
        const upstream = request(new URL(req.url!, running.sdkUrl), { method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode!, r.headers);
          r.pipe(res);
        });
        upstream.end(sent);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const client = await VimClient.connect({ url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/sdk` });
      client.close();
    } finally {
      proxy.close();
    }
    expect(seen).toEqual(["GET /sdk/vimServiceVersions.xml"]);
  });

  it("types only methods of vim25, with parameters of those names", () => {
    const typed: Record<keyof VimMethods, string[]> = {
      RetrieveServiceContent: [],
      Login: ["userName", "password", "locale"],
      Logout: [],
      SessionIsActive: ["sessionID", "userName"],
      CurrentTime: [],
      CreateContainerView: ["container", "type", "recursive"],
      DestroyView: [],
      RetrievePropertiesEx: ["specSet", "options"],
      ContinueRetrievePropertiesEx: ["token"],
      CreatePropertyCollector: [],
      DestroyPropertyCollector: [],
      CreateFilter: ["spec", "partialUpdates"],
      WaitForUpdatesEx: ["version", "options"],
      AddVirtualSwitch: ["vswitchName", "spec"],
      UpdateVirtualSwitch: ["vswitchName", "spec"],
      RemoveVirtualSwitch: ["vswitchName"],
      AddPortGroup: ["portgrp"],
      UpdatePortGroup: ["pgName", "portgrp"],
      RemovePortGroup: ["pgName"],
      AddVirtualNic: ["portgroup", "nic"],
      UpdateVirtualNic: ["device", "nic"],
      RemoveVirtualNic: ["device"],
      UpdateNetworkConfig: ["config", "changeMode"],
      SelectVnicForNicType: ["nicType", "device"],
      DeselectVnicForNicType: ["nicType", "device"],
      QueryNetConfig: ["nicType"],
      UpdateVsan_Task: ["config"],
      HasPrivilegeOnEntities: ["entity", "sessionId", "privId"],
      FetchUserPrivilegeOnEntities: ["entities", "userName"],
    };
    for (const [name, params] of Object.entries(typed))
      expect(
        vim25.method(name)?.params.map((p) => p.name),
        name,
      ).toEqual(params);
  });

  it("speaks the newest urn:vim25 version the server lists and reads the ServiceContent", () => {
    expect(vc.apiVersion).toBe("8.0.3.0");
    expect(vc.content.about.apiVersion).toBe("8.0.3.0");
    expect(vc.content.rootFolder).toEqual({ type: "Folder", value: "group-d1" });
    expect(vc.content.sessionManager).toEqual({ type: "SessionManager", value: "SessionManager" });
  });
});

describe("sessions", () => {
  it("logs in and returns the session cookie and a typed UserSession", async () => {
    const { cookie, userSession } = await vc.login(ADMIN.user, ADMIN.password);
    expect(cookie).toMatch(/^vmware_soap_session="[0-9a-f]+"$/);
    expect(userSession.userName).toBe("VSPHERE.LOCAL\\Administrator");
    expect(userSession.callCount).toBeTypeOf("number");
    expect(userSession.extensionSession).toBe(false);
    expect(Date.parse(userSession.loginTime)).not.toBeNaN();
    const current = await vc.currentSession(cookie);
    expect(current.key).toBe(userSession.key);
    expect(await vc.sessionIsActive(cookie, userSession.key, ADMIN.user)).toBe(true);
    expect(await vc.invoke(cookie, "CurrentTime", { type: "ServiceInstance", value: "ServiceInstance" }, {})).toMatch(/^\d{4}-\d\d-\d\dT/);
    await vc.logout(cookie);
  });

  it("answers a bad password with InvalidLogin, and the error holds no password", async () => {
    const password = "Secret-Passw0rd!";
    const err = await vc.login(ADMIN.user, password).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VimFault);
    const fault = err as VimFault;
    expect(fault.type).toBe("InvalidLogin");
    expect(fault.is("VimFault")).toBe(true);
    expect(fault.method).toBe("Login");
    expect(inspect(fault, { depth: 10 }) + JSON.stringify(fault)).not.toContain(password);
  });

  it("answers calls after logout with NotAuthenticated, and errors never hold the cookie", async () => {
    const { cookie, userSession } = await vc.login(HELPDESK.user, HELPDESK.password);
    await vc.logout(cookie);
    const err = await vc.currentSession(cookie).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VimFault);
    const fault = err as VimFault;
    expect(fault.type).toBe("NotAuthenticated");
    expect(fault.is("NoPermission")).toBe(true);
    if (fault.is("NoPermission")) expect(fault.fault.privilegeId).toBe("System.View");
    const secret = cookie.split("=")[1]!.replace(/"/g, "");
    expect(inspect(fault, { depth: 10 }) + JSON.stringify(fault) + fault.stack).not.toContain(secret);
    expect(fault.message).not.toContain(userSession.key);
  });

  it("keeps 20 concurrent users' sessions apart (logins and calls in parallel)", async () => {
    const users = [ADMIN, HELPDESK, READONLY];
    const expected = ["VSPHERE.LOCAL\\Administrator", "VSPHERE.LOCAL\\helpdesk", "VSPHERE.LOCAL\\readonly"];
    const logins = await Promise.all(Array.from({ length: 20 }, (_, i) => vc.login(users[i % 3]!.user, users[i % 3]!.password)));
    logins.forEach((l, i) => expect(l.userSession.userName).toBe(expected[i % 3]));
    expect(new Set(logins.map((l) => l.cookie)).size).toBe(20);
    const sessions = await Promise.all(logins.map((l) => vc.currentSession(l.cookie)));
    sessions.forEach((s, i) => {
      expect(s.userName).toBe(expected[i % 3]);
      expect(s.key).toBe(logins[i]!.userSession.key);
    });
    await Promise.all(logins.map((l) => vc.logout(l.cookie)));
  });
});
