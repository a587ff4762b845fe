/** Roles: the AuthorizationManager and UserDirectory answer from the same permissions the methods enforce. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../src/index.ts";
import { child, children, Client, moref, ref, text, withSimulator } from "./client.ts";
import { loggedIn } from "./helpers.ts";

const AM = ref("AuthorizationManager", "AuthorizationManager");
const UD = ref("UserDirectory", "UserDirectory");

const USERS = {
  admin: ["administrator@vsphere.local", "VMware1!"],
  helpdesk: ["helpdesk@vsphere.local", "Helpdesk1!"],
  readonly: ["readonly@vsphere.local", "ReadOnly1!"],
} as const;
type UserName = keyof typeof USERS;

let running: RunningSimulator;
const clients = {} as Record<UserName, Client>;
const keys = {} as Record<UserName, string>;
/** [type, value, name] of every inventory entity. */
let entities: [string, string, string][];

beforeAll(async () => {
  running = await withSimulator();
  for (const u of Object.keys(USERS) as UserName[]) {
    clients[u] = await loggedIn(running.sdkUrl, ...USERS[u]);
    keys[u] = text((await clients[u].props("SessionManager", "SessionManager", ["currentSession"])).get("currentSession"), "key")!;
  }
  entities = [];
  for (const o of running.sim.allObjects()) {
    const e = o.entity;
    if (e && e === o) entities.push([o.type, o.ref.value, e.name]);
  }
});
afterAll(() => running.close());

const byName = (name: string) => entities.find((e) => e[2] === name)!;
const entityXml = (tag: string, list: [string, string, string][]) => list.map(([t, v]) => moref(tag, t, v)).join("");

/** entity value -> privId -> granted, from an EntityPrivilege[] reply. */
function grants(reply: { body?: Parameters<typeof children>[0] }): Map<string, Map<string, boolean>> {
  return new Map(
    children(reply.body, "returnval").map((ep) => [
      child(ep, "entity")!.text,
      new Map(children(ep, "privAvailability").map((pa) => [text(pa, "privId")!, text(pa, "isGranted") === "true"])),
    ]),
  );
}

const DEV_HOSTS = ["esx-05.lab.local", "esx-06.lab.local", "esx-07.lab.local", "esx-08.lab.local"];

/** What the brief's roles say each user holds on an entity. */
function expected(user: UserName, name: string, privId: string): boolean {
  const read = ["System.Anonymous", "System.View", "System.Read"].includes(privId);
  if (user === "admin") return true;
  if (user === "readonly") return read;
  const dev = name === "Cluster-Dev" || DEV_HOSTS.includes(name);
  return read || (dev && (privId === "Host.Config.Network" || privId === "Network.Assign"));
}

const PRIVS = ["System.Read", "Host.Config.Network", "Network.Assign", "Host.Config.Storage", "Sessions.ValidateSession"];

describe("HasPrivilegeOnEntities", () => {
  it.each(Object.keys(USERS) as UserName[])("answers for %s's session key on every entity", async (user) => {
    const reply = await clients[user].call(
      "HasPrivilegeOnEntities",
      AM,
      entityXml("entity", entities) + `<sessionId>${keys[user]}</sessionId>` + PRIVS.map((p) => `<privId>${p}</privId>`).join(""),
    );
    expect(reply.status).toBe(200);
    const answer = grants(reply);
    expect(answer.size).toBe(entities.length);
    for (const [, value, name] of entities) {
      for (const privId of PRIVS) {
        expect(answer.get(value)?.get(privId), `${user} ${privId} on ${name}`).toBe(expected(user, name, privId));
      }
    }
  });

  it("an administrator may ask about another user's session", async () => {
    const hosts = [byName("esx-05.lab.local"), byName("esx-01.lab.local")];
    const answer = grants(
      await clients.admin.call(
        "HasPrivilegeOnEntities",
        AM,
        entityXml("entity", hosts) + `<sessionId>${keys.helpdesk}</sessionId><privId>Host.Config.Network</privId>`,
      ),
    );
    expect(answer.get(hosts[0]![1])?.get("Host.Config.Network")).toBe(true);
    expect(answer.get(hosts[1]![1])?.get("Host.Config.Network")).toBe(false);
  });

  it("takes the UserSession key, not the cookie; a missing entity is ManagedObjectNotFound", async () => {
    const cookieId = clients.admin.cookie!.split("=")[1]!.replace(/"/g, "");
    const byCookie = await clients.admin.call(
      "HasPrivilegeOnEntities",
      AM,
      moref("entity", "Folder", "group-d1") + `<sessionId>${cookieId}</sessionId><privId>System.Read</privId>`,
    );
    expect(byCookie.status).toBe(500);
    expect(byCookie.fault).toBe("InvalidArgument");
    const missing = await clients.admin.call(
      "HasPrivilegeOnEntities",
      AM,
      moref("entity", "HostSystem", "host-4242") + `<sessionId>${keys.admin}</sessionId><privId>System.Read</privId>`,
    );
    expect(missing.fault).toBe("ManagedObjectNotFound");
  });
});

describe("HasUserPrivilegeOnEntities", () => {
  it.each(Object.keys(USERS) as UserName[])("answers for %s by user name", async (user) => {
    const reply = await clients.admin.call(
      "HasUserPrivilegeOnEntities",
      AM,
      entityXml("entities", entities) +
        `<userName>${USERS[user][0]}</userName>` +
        PRIVS.slice(0, 4)
          .map((p) => `<privId>${p}</privId>`)
          .join(""),
    );
    const answer = grants(reply);
    for (const [, value, name] of entities) {
      for (const privId of PRIVS.slice(0, 4)) {
        expect(answer.get(value)?.get(privId), `${user} ${privId} on ${name}`).toBe(expected(user, name, privId));
      }
    }
  });

  it("accepts the principal form of the name and rejects an unknown user", async () => {
    const esx05 = byName("esx-05.lab.local");
    const reply = await clients.helpdesk.call(
      "HasUserPrivilegeOnEntities",
      AM,
      entityXml("entities", [esx05]) + `<userName>VSPHERE.LOCAL\\helpdesk</userName><privId>Host.Config.Network</privId>`,
    );
    expect(grants(reply).get(esx05[1])?.get("Host.Config.Network")).toBe(true);
    const unknown = await clients.admin.call(
      "HasUserPrivilegeOnEntities",
      AM,
      entityXml("entities", [esx05]) + `<userName>mallory@vsphere.local</userName><privId>System.Read</privId>`,
    );
    expect(unknown.fault).toBe("InvalidArgument");
    expect(text(unknown.body, "invalidProperty")).toBe("userName");
  });
});

describe("entities that are not inventory entities", () => {
  it("a host's HostNetworkSystem is not answered for as its host: InvalidArgument", async () => {
    const esx05 = byName("esx-05.lab.local");
    const ns = moref("entities", "HostNetworkSystem", esx05[1].replace("host", "networkSystem"));
    const calls = [
      ["HasPrivilegeOnEntities", ns.replaceAll("entities", "entity") + `<sessionId>${keys.admin}</sessionId><privId>System.Read</privId>`],
      ["HasUserPrivilegeOnEntities", ns + `<userName>${USERS.helpdesk[0]}</userName><privId>System.Read</privId>`],
      ["FetchUserPrivilegeOnEntities", ns + `<userName>${USERS.helpdesk[0]}</userName>`],
    ];
    for (const [method, args] of calls) {
      const reply = await clients.admin.call(method!, AM, args);
      expect(reply.status, method).toBe(500);
      expect(reply.fault, method).toBe("InvalidArgument");
    }
  });
});

describe("FetchUserPrivilegeOnEntities", () => {
  it("lists each user's privileges per entity", async () => {
    const picked = [
      byName("esx-05.lab.local"),
      byName("esx-01.lab.local"),
      byName("Cluster-Dev"),
      byName("DPG-vMotion"),
      byName("Datacenters"),
    ];
    for (const user of Object.keys(USERS) as UserName[]) {
      const reply = await clients.admin.call(
        "FetchUserPrivilegeOnEntities",
        AM,
        entityXml("entities", picked) + `<userName>${USERS[user][0]}</userName>`,
      );
      expect(reply.status).toBe(200);
      const results = children(reply.body, "returnval");
      expect(results.map((r) => child(r, "entity")!.text)).toEqual(picked.map((p) => p[1]));
      for (const [i, result] of results.entries()) {
        const privileges = new Set(children(result, "privileges").map((p) => p.text));
        const name = picked[i]![2];
        for (const privId of PRIVS) expect(privileges.has(privId), `${user} ${privId} on ${name}`).toBe(expected(user, name, privId));
      }
    }
  });
});

describe("the same roles the methods enforce", () => {
  it("QueryNetConfig (Host.Config.Network) succeeds exactly where HasUserPrivilegeOnEntities grants it", async () => {
    const hosts = entities.filter((e) => e[0] === "HostSystem");
    for (const user of Object.keys(USERS) as UserName[]) {
      const answer = grants(
        await clients.admin.call(
          "HasUserPrivilegeOnEntities",
          AM,
          entityXml("entities", hosts) + `<userName>${USERS[user][0]}</userName><privId>Host.Config.Network</privId>`,
        ),
      );
      for (const [, value, name] of hosts) {
        const granted = answer.get(value)!.get("Host.Config.Network")!;
        const reply = await clients[user].call(
          "QueryNetConfig",
          ref("HostVirtualNicManager", value.replace("host", "virtualNicManager")),
          "<nicType>management</nicType>",
        );
        // A granted call may still fail for another reason (esx-04 is disconnected), never for permission.
        expect(reply.fault === "NoPermission", `${user} on ${name}`).toBe(!granted);
        if (!granted) expect(text(reply.body, "privilegeId")).toBe("Host.Config.Network");
        if (granted && name !== "esx-04.lab.local") expect(reply.status, `${user} on ${name}`).toBe(200);
      }
    }
  });

  it("Network.Assign on a distributed port group is enforced as reported", async () => {
    const dpg = byName("DPG-vMotion");
    const esx05 = byName("esx-05.lab.local");
    const before = JSON.stringify((running.sim.findObject(esx05[1]) as unknown as { net: unknown }).net);
    const answer = grants(
      await clients.admin.call(
        "HasUserPrivilegeOnEntities",
        AM,
        entityXml("entities", [dpg]) + `<userName>${USERS.helpdesk[0]}</userName><privId>Network.Assign</privId>`,
      ),
    );
    expect(answer.get(dpg[1])?.get("Network.Assign")).toBe(false);
    const dvsUuid = "50 2a 6b 1c 9d 4e 7f 80-91 a2 b3 c4 d5 e6 f7 08";
    const reply = await clients.helpdesk.call(
      "AddVirtualNic",
      ref("HostNetworkSystem", esx05[1].replace("host", "networkSystem")),
      `<portgroup></portgroup><nic><ip><dhcp>true</dhcp></ip><distributedVirtualPort><switchUuid>${dvsUuid}</switchUuid>` +
        `<portgroupKey>${dpg[1]}</portgroupKey></distributedVirtualPort></nic>`,
    );
    expect(reply.fault).toBe("NoPermission");
    expect(text(reply.body, "privilegeId")).toBe("Network.Assign");
    expect(JSON.stringify((running.sim.findObject(esx05[1]) as unknown as { net: unknown }).net)).toBe(before);
  });
});

describe("UserDirectory.RetrieveUserGroups", () => {
  const search = (
    c: Client,
    searchStr: string,
    opts: { exact?: boolean; users?: boolean; groups?: boolean; group?: string; user?: string } = {},
  ) =>
    c.call(
      "RetrieveUserGroups",
      UD,
      `<domain>vsphere.local</domain><searchStr>${searchStr}</searchStr>` +
        (opts.group ? `<belongsToGroup>${opts.group}</belongsToGroup>` : "") +
        (opts.user ? `<belongsToUser>${opts.user}</belongsToUser>` : "") +
        `<exactMatch>${opts.exact ?? false}</exactMatch><findUsers>${opts.users ?? true}</findUsers><findGroups>${opts.groups ?? true}</findGroups>`,
    );
  const principals = (reply: Awaited<ReturnType<typeof search>>) =>
    children(reply.body, "returnval").map((r) => [text(r, "principal"), text(r, "group")]);

  it("lists every user and group for an empty search", async () => {
    const reply = await search(clients.readonly, "");
    expect(reply.status).toBe(200);
    expect(principals(reply)).toEqual([
      ["VSPHERE.LOCAL\\Administrator", "false"],
      ["VSPHERE.LOCAL\\helpdesk", "false"],
      ["VSPHERE.LOCAL\\readonly", "false"],
      ["VSPHERE.LOCAL\\Administrators", "true"],
      ["VSPHERE.LOCAL\\NetworkHelpDesk", "true"],
    ]);
    expect(text(children(reply.body, "returnval")[1], "fullName")).toBe("Help Desk");
  });

  it("matches substrings, exact names, users or groups only, and membership", async () => {
    expect(principals(await search(clients.admin, "help"))).toEqual([
      ["VSPHERE.LOCAL\\helpdesk", "false"],
      ["VSPHERE.LOCAL\\NetworkHelpDesk", "true"],
    ]);
    expect(principals(await search(clients.admin, "helpdesk", { exact: true }))).toEqual([["VSPHERE.LOCAL\\helpdesk", "false"]]);
    expect(principals(await search(clients.admin, "", { users: false }))).toHaveLength(2);
    expect(principals(await search(clients.admin, "", { groups: false }))).toHaveLength(3);
    expect(principals(await search(clients.admin, "", { groups: false, group: "VSPHERE.LOCAL\\Administrators" }))).toEqual([
      ["VSPHERE.LOCAL\\Administrator", "false"],
    ]);
    expect(principals(await search(clients.admin, "", { users: false, user: "helpdesk@vsphere.local" }))).toEqual([
      ["VSPHERE.LOCAL\\NetworkHelpDesk", "true"],
    ]);
    expect(principals(await search(clients.admin, "nobody-like-this"))).toEqual([]);
  });

  it("has domainList vsphere.local, and roleList/privilegeList on the AuthorizationManager", async () => {
    const domains = (await clients.readonly.props("UserDirectory", "UserDirectory", ["domainList"])).get("domainList");
    expect(children(domains, "string").map((s) => s.text)).toEqual(["vsphere.local"]);
    const props = await clients.readonly.props("AuthorizationManager", "AuthorizationManager", ["roleList", "privilegeList"]);
    const roles = children(props.get("roleList"), "AuthorizationRole");
    const helpdeskRole = roles.find((r) => text(r, "name") === "Network Help Desk")!;
    expect(children(helpdeskRole, "privilege").map((p) => p.text)).toEqual(
      expect.arrayContaining(["System.Read", "Host.Config.Network", "Network.Assign"]),
    );
    expect(children(helpdeskRole, "privilege").map((p) => p.text)).not.toContain("Host.Config.Storage");
    const privs = children(props.get("privilegeList"), "AuthorizationPrivilege").map((p) => text(p, "privId"));
    expect(privs).toEqual(expect.arrayContaining(PRIVS));
  });
});
