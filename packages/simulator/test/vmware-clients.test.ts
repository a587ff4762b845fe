/**
 * What VMware's clients send, as raw requests of their form (vim25-wire.md): pyVmomi 8's Fetch, govc's SearchIndex,
 * task and event history, WaitForUpdatesEx on a collector of the client's own, permissions and roles, and a 6.7
 * client that must not get fields newer than its version. Each checks what the simulator holds, not only the reply.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type RunningSimulator } from "../src/index.ts";
import { child, children, Client, envelope, moref, post, ref, text } from "./client.ts";
import { hostIds, loggedIn, rawType, snapshot, typeOf } from "./helpers.ts";

let running: RunningSimulator;
let admin: Client;
let hosts: Map<string, string>;

beforeAll(async () => {
  running = await startSimulator({ port: 0 });
  admin = await loggedIn(running.sdkUrl);
  hosts = hostIds(running);
});
afterAll(() => running.close());

const returnvals = (r: { body?: Parameters<typeof children>[0] }) => children(r.body, "returnval");
const ns = (host: string) => ref("HostNetworkSystem", hosts.get(host)!.replace("host", "networkSystem"));

describe("Fetch, as pyVmomi 8 reads every property", () => {
  it("answers a property under its own type: data objects, enums, arrays of references", async () => {
    const host = ref("HostSystem", hosts.get("esx-01.lab.local")!);
    const runtime = await admin.call("Fetch", host, "<prop>runtime</prop>");
    expect(runtime.status).toBe(200);
    const value = child(runtime.body, "returnval");
    expect(typeOf(value)).toBe("HostRuntimeInfo");
    expect(rawType(child(value, "connectionState"))).toBeUndefined();
    expect(text(value, "connectionState")).toBe("connected");
    const state = await admin.call("Fetch", host, "<prop>runtime.connectionState</prop>");
    expect(typeOf(child(state.body, "returnval"))).toBe("HostSystemConnectionState");
    const networks = await admin.call("Fetch", host, "<prop>network</prop>");
    const arr = child(networks.body, "returnval");
    expect(typeOf(arr)).toBe("ArrayOfManagedObjectReference");
    expect(children(arr, "ManagedObjectReference").length).toBe(5);
  });

  it("answers an unset property with an empty reply, and a property that does not exist with InvalidProperty", async () => {
    const host = ref("HostSystem", hosts.get("esx-01.lab.local")!);
    const unset = await admin.call("Fetch", host, "<prop>licensableResource</prop>");
    expect(unset.status).toBe(200);
    expect(unset.body?.name).toBe("FetchResponse");
    expect(unset.body?.children).toEqual([]);
    const wrong = await admin.call("Fetch", host, "<prop>colour</prop>");
    expect(wrong.fault).toBe("InvalidProperty");
  });

  it("reads through a ContainerView as pyVmomi 8 does, and refuses an entity the user may not read", async () => {
    const view = text(
      (
        await admin.call(
          "CreateContainerView",
          ref("ViewManager", "ViewManager"),
          `${moref("container", "Folder", "group-d1")}<type>HostSystem</type><recursive>true</recursive>`,
        )
      ).body,
      "returnval",
    )!;
    const reply = await post(
      running.sdkUrl,
      `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
        `<Fetch xmlns="urn:vim25"><_this type="ContainerView">${view}</_this><prop>view</prop></Fetch></soapenv:Body></soapenv:Envelope>`,
      admin.cookie,
    );
    expect(children(child(reply.body, "returnval"), "ManagedObjectReference").map((r) => r.text)).toEqual([...hosts.values()]);
    const nobody = new Client(running.sdkUrl);
    expect((await nobody.call("Fetch", ref("HostSystem", hosts.get("esx-01.lab.local")!), "<prop>name</prop>")).fault).toBe(
      "NotAuthenticated",
    );
  });
});

describe("ServiceContent and the managers a client dereferences", () => {
  it("lists searchIndex, taskManager and eventManager, and SearchIndex finds by path, DNS name, IP and child name", async () => {
    const content = child((await admin.call("RetrieveServiceContent", ref("ServiceInstance", "ServiceInstance"))).body, "returnval");
    expect(text(content, "searchIndex")).toBe("SearchIndex");
    expect(text(content, "taskManager")).toBe("TaskManager");
    expect(text(content, "eventManager")).toBe("EventManager");
    const si = ref("SearchIndex", "SearchIndex");
    const esx05 = hosts.get("esx-05.lab.local");
    const byPath = await admin.call(
      "FindByInventoryPath",
      si,
      "<inventoryPath>/Datacenter/host/Cluster-Dev/esx-05.lab.local</inventoryPath>",
    );
    expect(text(byPath.body, "returnval")).toBe(esx05);
    const byDns = await admin.call("FindByDnsName", si, "<dnsName>ESX-05.lab.local</dnsName><vmSearch>false</vmSearch>");
    expect(text(byDns.body, "returnval")).toBe(esx05);
    const byIp = await admin.call("FindByIp", si, "<ip>10.10.0.15</ip><vmSearch>false</vmSearch>");
    expect(text(byIp.body, "returnval")).toBe(esx05);
    const cluster = running.sim.allObjects();
    const dev = [...cluster].find((o) => o.type === "ClusterComputeResource" && (o as unknown as { name: string }).name === "Cluster-Dev")!;
    const childRef = await admin.call(
      "FindChild",
      si,
      `${moref("entity", "ClusterComputeResource", dev.ref.value)}<name>esx-05.lab.local</name>`,
    );
    expect(text(childRef.body, "returnval")).toBe(esx05);
    const none = await admin.call("FindByInventoryPath", si, "<inventoryPath>/Datacenter/host/Nowhere</inventoryPath>");
    expect(none.status).toBe(200);
    expect(returnvals(none)).toEqual([]);
  });

  it("accepts any vim25 managed object type in a property or view spec, matching nothing where there is none", async () => {
    const reply = await admin.call(
      "CreateContainerView",
      ref("ViewManager", "ViewManager"),
      `${moref("container", "Folder", "group-d1")}<type>VirtualMachine</type><type>VirtualApp</type><recursive>true</recursive>`,
    );
    const view = text(reply.body, "returnval")!;
    const vms = await admin.call("Fetch", ref("ContainerView", view), "<prop>view</prop>");
    expect(children(child(vms.body, "returnval"), "ManagedObjectReference")).toEqual([]);
    const unknown = await admin.call(
      "CreateContainerView",
      ref("ViewManager", "ViewManager"),
      `${moref("container", "Folder", "group-d1")}<type>NoSuchType</type><recursive>true</recursive>`,
    );
    expect(unknown.fault).toBe("InvalidArgument");
  });
});

describe("a Task and an event for every change", () => {
  it("records a change as a completed Task in recentTask and a TaskEvent, and a refused change as a failed one", async () => {
    await admin.call(
      "AddPortGroup",
      ns("esx-06.lab.local"),
      "<portgrp><name>Tasks-PG</name><vlanId>12</vlanId><vswitchName>vSwitch0</vswitchName><policy/></portgrp>",
    );
    await admin.call(
      "AddPortGroup",
      ns("esx-06.lab.local"),
      "<portgrp><name>Tasks-PG</name><vlanId>12</vlanId><vswitchName>vSwitch0</vswitchName><policy/></portgrp>",
    );
    const recent = children(
      child((await admin.call("Fetch", ref("TaskManager", "TaskManager"), "<prop>recentTask</prop>")).body, "returnval"),
      "ManagedObjectReference",
    );
    const infos = await Promise.all(
      recent.slice(-2).map(async (t) => child((await admin.call("Fetch", ref("Task", t.text), "<prop>info</prop>")).body, "returnval")),
    );
    expect(infos.map((i) => [text(i, "name"), text(i, "state"), text(i, "entityName")])).toEqual([
      ["AddPortGroup", "success", "esx-06.lab.local"],
      ["AddPortGroup", "error", "esx-06.lab.local"],
    ]);
    expect(typeOf(child(child(infos[1], "error"), "fault"))).toBe("AlreadyExists");
    const events = await admin.call(
      "QueryEvents",
      ref("EventManager", "EventManager"),
      `<filter><entity>${moref("entity", "HostSystem", hosts.get("esx-06.lab.local")!)}<recursion>self</recursion></entity><maxCount>2</maxCount></filter>`,
    );
    const newest = returnvals(events);
    expect(newest.map((e) => typeOf(e))).toEqual(["TaskEvent", "TaskEvent"]);
    expect(newest.map((e) => text(child(e, "info"), "state"))).toEqual(["error", "success"]);
    expect(text(child(newest[0], "host"), "name")).toBe("esx-06.lab.local");
    expect(text(child(newest[0], "computeResource"), "name")).toBe("Cluster-Dev");
  });

  it("pages events through an EventHistoryCollector, newest in latestPage", async () => {
    const collector = text(
      (
        await admin.call(
          "CreateCollectorForEvents",
          ref("EventManager", "EventManager"),
          "<filter><eventTypeId>TaskEvent</eventTypeId></filter>",
        )
      ).body,
      "returnval",
    )!;
    const c = ref("EventHistoryCollector", collector);
    await admin.call("SetCollectorPageSize", c, "<maxCount>1</maxCount>");
    const page = children(child((await admin.call("Fetch", c, "<prop>latestPage</prop>")).body, "returnval"), "Event");
    expect(page).toHaveLength(1);
    expect(typeOf(page[0])).toBe("TaskEvent");
    expect(text(child(page[0], "info"), "name")).toBe("AddPortGroup");
    expect((await admin.call("DestroyCollector", c)).status).toBe(200);
    expect((await admin.call("Fetch", c, "<prop>latestPage</prop>")).fault).toBe("ManagedObjectNotFound");
  });
});

describe("WaitForUpdatesEx on a collector of the client's own", () => {
  it("reports every object entering, then each change another client makes, with versions", async () => {
    const pc = text((await admin.call("CreatePropertyCollector", ref("PropertyCollector", "propertyCollector"))).body, "returnval")!;
    const mine = ref("PropertyCollector", pc);
    const host = hosts.get("esx-07.lab.local")!;
    await admin.call(
      "CreateFilter",
      mine,
      `<spec><propSet><type>HostSystem</type><pathSet>config.network.portgroup</pathSet></propSet>${`<objectSet>${moref("obj", "HostSystem", host)}</objectSet>`}</spec><partialUpdates>false</partialUpdates>`,
    );
    const first = child(
      (await admin.call("WaitForUpdatesEx", mine, "<version></version><options><maxWaitSeconds>0</maxWaitSeconds></options>")).body,
      "returnval",
    );
    expect(text(first, "version")).toBe("1");
    expect(text(child(child(first, "filterSet"), "objectSet"), "kind")).toBe("enter");
    const idle = await admin.call("WaitForUpdatesEx", mine, "<version>1</version><options><maxWaitSeconds>0</maxWaitSeconds></options>");
    expect(returnvals(idle)).toEqual([]);

    const waiting = admin.call("WaitForUpdatesEx", mine, "<version>1</version><options><maxWaitSeconds>10</maxWaitSeconds></options>");
    const other = await loggedIn(running.sdkUrl);
    await other.call(
      "AddPortGroup",
      ns("esx-07.lab.local"),
      "<portgrp><name>Watched-PG</name><vlanId>7</vlanId><vswitchName>vSwitch0</vswitchName><policy/></portgrp>",
    );
    const update = child((await waiting).body, "returnval");
    expect(text(update, "version")).toBe("2");
    const objectUpdate = child(child(update, "filterSet"), "objectSet");
    expect(text(objectUpdate, "kind")).toBe("modify");
    const change = child(objectUpdate, "changeSet");
    expect(text(change, "name")).toBe("config.network.portgroup");
    expect(children(child(change, "val"), "HostPortGroup").map((p) => text(child(p, "spec"), "name"))).toContain("Watched-PG");

    const cancelled = admin.call("WaitForUpdatesEx", mine, "<version>2</version>");
    await other.call("CancelWaitForUpdates", mine);
    expect((await cancelled).fault).toBe("RequestCanceled");
    expect((await admin.call("DestroyPropertyCollector", mine)).status).toBe(200);
  });
});

describe("permissions and roles, as govc permissions.ls and role.ls read them", () => {
  it("lists vCenter's system roles with their descriptions and the permissions on an entity", async () => {
    const roles = children(
      child((await admin.call("Fetch", ref("AuthorizationManager", "AuthorizationManager"), "<prop>roleList</prop>")).body, "returnval"),
      "AuthorizationRole",
    );
    expect(roles.map((r) => [text(r, "roleId"), text(r, "name"), text(child(r, "info"), "summary")]).slice(0, 5)).toEqual([
      ["-1", "Admin", "Full access rights"],
      ["-2", "ReadOnly", "See details of objects, but not make changes"],
      ["-3", "View", "Visibility access (cannot be granted)"],
      ["-4", "Anonymous", "Not logged-in user (cannot be granted)"],
      ["-5", "NoAccess", "Used for restricting granted access"],
    ]);
    const dev = [...running.sim.allObjects()].find((o) => (o as unknown as { name: string }).name === "Cluster-Dev")!;
    const perms = returnvals(
      await admin.call(
        "RetrieveEntityPermissions",
        ref("AuthorizationManager", "AuthorizationManager"),
        `${moref("entity", "ClusterComputeResource", dev.ref.value)}<inherited>true</inherited>`,
      ),
    );
    expect(perms.map((p) => [text(p, "principal"), text(p, "roleId")])).toContainEqual(["VSPHERE.LOCAL\\helpdesk", "1001"]);
    expect(perms.map((p) => text(p, "entity"))).toContain("group-d1");
  });
});

describe("HostNetworkSystem as VMware's clients change it", () => {
  it("UpdatePortGroup renames and re-tags a port group, its policy sub-objects returned even when none were set", async () => {
    const pg = (name: string, vlan: number) =>
      `<portgrp><name>${name}</name><vlanId>${vlan}</vlanId><vswitchName>vSwitch0</vswitchName><policy/></portgrp>`;
    expect((await admin.call("AddPortGroup", ns("esx-08.lab.local"), pg("Old-PG", 20))).status).toBe(200);
    expect((await admin.call("UpdatePortGroup", ns("esx-08.lab.local"), `<pgName>Old-PG</pgName>${pg("New-PG", 21)}`)).status).toBe(200);
    const host = [...running.sim.allObjects()].find((o) => o.ref.value === hosts.get("esx-08.lab.local")) as unknown as {
      net: { portgroup: { spec: { name: string; vlanId: number; policy: object } }[]; vswitch: { name: string; portgroup: string[] }[] };
    };
    const stored = host.net.portgroup.find((p) => p.spec.name === "New-PG")!;
    expect(stored.spec).toEqual({
      name: "New-PG",
      vlanId: 21,
      vswitchName: "vSwitch0",
      policy: { security: {}, nicTeaming: {}, offloadPolicy: {}, shapingPolicy: {} },
    });
    expect(host.net.portgroup.some((p) => p.spec.name === "Old-PG")).toBe(false);
    expect(host.net.vswitch.find((v) => v.name === "vSwitch0")!.portgroup).toContain("key-vim.host.PortGroup-New-PG");
    const before = snapshot(running);
    expect((await admin.call("UpdatePortGroup", ns("esx-08.lab.local"), `<pgName>Missing-PG</pgName>${pg("X", 1)}`)).fault).toBe(
      "NotFound",
    );
    expect(snapshot(running)).toBe(before);
  });

  it("UpdateVirtualSwitch changes MTU and uplinks, refusing an adapter another switch uses", async () => {
    const spec = (nic: string, mtu: number) =>
      `<spec><numPorts>128</numPorts><bridge xsi:type="HostVirtualSwitchBondBridge"><nicDevice>${nic}</nicDevice></bridge><mtu>${mtu}</mtu></spec>`;
    expect(
      (await admin.call("AddVirtualSwitch", ns("esx-08.lab.local"), `<vswitchName>vSwitch7</vswitchName>${spec("vmnic2", 1500)}`)).status,
    ).toBe(200);
    expect(
      (await admin.call("UpdateVirtualSwitch", ns("esx-08.lab.local"), `<vswitchName>vSwitch7</vswitchName>${spec("vmnic3", 9000)}`))
        .status,
    ).toBe(200);
    const host = [...running.sim.allObjects()].find((o) => o.ref.value === hosts.get("esx-08.lab.local")) as unknown as {
      vswitch(name: string): { mtu: number; pnic: string[] };
    };
    expect(host.vswitch("vSwitch7")).toMatchObject({ mtu: 9000, pnic: ["key-vim.host.PhysicalNic-vmnic3"] });
    const taken = await admin.call(
      "UpdateVirtualSwitch",
      ns("esx-08.lab.local"),
      `<vswitchName>vSwitch7</vswitchName>${spec("vmnic0", 9000)}`,
    );
    expect(taken.fault).toBe("ResourceInUse");
    expect(host.vswitch("vSwitch7").pnic).toEqual(["key-vim.host.PhysicalNic-vmnic3"]);
  });

  it("keys candidateVnic as ESXi does, and puts a host refusal's message in faultMessage", async () => {
    const info = child(
      (
        await admin.call(
          "Fetch",
          ref("HostVirtualNicManager", hosts.get("esx-01.lab.local")!.replace("host", "virtualNicManager")),
          "<prop>info</prop>",
        )
      ).body,
      "returnval",
    );
    const management = children(info, "netConfig").find((c) => text(c, "nicType") === "management")!;
    expect(text(child(management, "candidateVnic"), "key")).toBe("management.key-vim.host.VirtualNic-vmk0");
    expect(text(management, "selectedVnic")).toBe("management.key-vim.host.VirtualNic-vmk0");
    const refused = await admin.call(
      "UpdateNetworkConfig",
      ns("esx-01.lab.local"),
      "<config><netStackSpec><netStackInstance><key>vmotion</key><congestionControlAlgorithm>cubic</congestionControlAlgorithm></netStackInstance><operation>edit</operation></netStackSpec></config><changeMode>modify</changeMode>",
    );
    expect(refused.fault).toBe("PlatformConfigFault");
    expect(text(child(refused.body, "faultMessage"), "message")).toMatch(/not active/);
  });
});

describe("a client of an older vim25 version", () => {
  it("gets no field newer than its version: NoPermission.missingPrivileges for 6.7 and for 8.0.3.0", async () => {
    const ro = await loggedIn(running.sdkUrl, "readonly@vsphere.local", "ReadOnly1!");
    const xml = envelope("RemovePortGroup", `${ns("esx-01.lab.local")}<pgName>VM Network</pgName>`);
    const old = await fetch(running.sdkUrl, {
      method: "POST",
      headers: { "Content-Type": "text/xml", SOAPAction: "urn:vim25/6.7", Cookie: ro.cookie! },
      body: xml,
    }).then((r) => r.text());
    expect(old).toContain("NoPermissionFault");
    expect(old).not.toContain("missingPrivileges");
    const current = await post(running.sdkUrl, xml, ro.cookie);
    expect(child(current.body, "missingPrivileges")).toBeDefined();
  });
});
