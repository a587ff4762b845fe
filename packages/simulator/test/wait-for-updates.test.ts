/**
 * WaitForUpdatesEx reads again only what may have changed, as vCenter does, and is exactly right all the same: a change
 * to a host by SOAP, by a direct call of a handler (as the API's tests make one "outside addnet"), by a task that
 * finishes later or by setting the host's state, is reported; a host nothing touched is neither read again nor sent;
 * objects that belong to no host (tasks, views) are read every time; a filter outlives a reset and reports what it changed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { Folder } from "../src/folder.ts";
import { HostSystem } from "../src/host-system.ts";
import type { HostNetworkSystem } from "../src/host-network-system.ts";
import type { HostVirtualNicManager } from "../src/host-virtual-nic-manager.ts";
import type { HostVsanSystem } from "../src/host-vsan-system.ts";
import type { RunningSimulator } from "../src/index.ts";
import type { CallContext } from "../src/managed-object.ts";
import type { PropertyCollector } from "../src/property-collector.ts";
import { sessionCookie } from "../src/soap.ts";
import type { XmlElement } from "@addnet/vim25";
import { child, children, Client, moref, ref, text, withSimulator } from "./client.ts";
import { byObject, loggedIn, objectContents, objectSpec, PC, propSpec, selectionRef, traversal } from "./helpers.ts";

let running: RunningSimulator;
let admin: Client;
beforeAll(async () => {
  running = await withSimulator();
  admin = await loggedIn(running.sdkUrl);
});
afterAll(() => running.close());
beforeEach(async () => {
  await control("POST", "/sim/reset");
});

async function control(method: string, path: string): Promise<void> {
  const res = await fetch(`${running.baseUrl}${path}`, { method, headers: { Authorization: "Bearer test-token" } });
  expect(res.status).toBe(200);
}

const host = (name: string) =>
  [...running.sim.allObjects()].find((o): o is HostSystem => o instanceof HostSystem && o.name === `${name}.lab.local`)!;

/** The administrator's session, for calls made straight to a handler. */
const asAdmin = (): CallContext => ({ sim: running.sim, session: running.sim.session(sessionCookie(admin.cookie))! });

/** What the API's inventory watches of hosts (their addresses too), and what a host's managers change: every host from the root folder. */
const HOST_PATHS = [
  "name",
  "config.network.vnic",
  "summary.config.vmotionEnabled",
  "config.vsanHostConfig.enabled",
  "runtime.inMaintenanceMode",
];
/** Every host, from the root folder down through datacenters and compute resources. */
const FROM_ROOT = objectSpec(
  "Folder",
  "group-d1",
  true,
  traversal("Folder", "childEntity", {
    name: "folder",
    selectSet: selectionRef("folder") + selectionRef("dcHost") + selectionRef("crHost"),
  }) +
    traversal("Datacenter", "hostFolder", { name: "dcHost", selectSet: selectionRef("folder") }) +
    traversal("ComputeResource", "host", { name: "crHost" }),
);
const EVERY_HOST = propSpec("HostSystem", HOST_PATHS) + FROM_ROOT;

interface ObjectUpdate {
  kind: string;
  obj: string;
  /** Changed property path -> its new value (undefined: unset). */
  changes: Map<string, XmlElement | undefined>;
}

/**
 * A filter on a collector of the client's own (or on the session's default collector, "propertyCollector"), and
 * WaitForUpdatesEx on it from the last version, never waiting.
 */
async function watch(c: Client, spec: string, collector?: string) {
  const pc = collector ?? text((await c.call("CreatePropertyCollector", PC)).body, "returnval")!;
  const created = await c.call("CreateFilter", ref("PropertyCollector", pc), `<spec>${spec}</spec><partialUpdates>false</partialUpdates>`);
  expect(created.fault).toBeUndefined();
  let version = "";
  return {
    pc,
    get version() {
      return version;
    },
    async next(): Promise<ObjectUpdate[]> {
      const reply = await c.call(
        "WaitForUpdatesEx",
        ref("PropertyCollector", pc),
        `<version>${version}</version><options><maxWaitSeconds>0</maxWaitSeconds></options>`,
      );
      expect(reply.fault).toBeUndefined();
      const set = child(reply.body, "returnval");
      if (!set) return [];
      version = text(set, "version")!;
      return children(child(set, "filterSet"), "objectSet").map((o) => ({
        kind: text(o, "kind")!,
        obj: text(o, "obj")!,
        changes: new Map(children(o, "changeSet").map((c) => [text(c, "name")!, child(c, "val")])),
      }));
    },
  };
}

/** A watch of every host, past the first call (every host entering). */
async function watchHosts(collector?: string) {
  const w = await watch(admin, EVERY_HOST, collector);
  const first = await w.next();
  expect(first.filter((u) => u.kind === "enter")).toHaveLength(9);
  expect(await w.next()).toEqual([]);
  return w;
}

const vnics = (val: XmlElement | undefined) => children(val, "HostVirtualNic").map((v) => text(v, "device"));

describe("WaitForUpdatesEx, read incrementally", () => {
  it("reports a change made through SOAP, and only that host, reading no other host again", async () => {
    const w = await watchHosts();
    const esx02 = host("esx-02");
    const ns = ref("HostNetworkSystem", esx02.networkSystem.ref.value);
    expect(
      (
        await admin.call(
          "AddPortGroup",
          ns,
          "<portgrp><name>PG-W</name><vlanId>0</vlanId><vswitchName>vSwitch0</vswitchName><policy/></portgrp>",
        )
      ).fault,
    ).toBeUndefined();
    expect(
      (await admin.call("AddVirtualNic", ns, "<portgroup>PG-W</portgroup><nic><ip><dhcp>true</dhcp></ip></nic>")).fault,
    ).toBeUndefined();
    const read = vi.spyOn(HostSystem.prototype, "property");
    try {
      const updates = await w.next();
      expect(updates.map((u) => [u.kind, u.obj, [...u.changes.keys()]])).toEqual([["modify", esx02.ref.value, ["config.network.vnic"]]]);
      expect(vnics(updates[0]!.changes.get("config.network.vnic"))).toEqual(["vmk0", "vmk1"]);
      // Only the changed host was read again: every other host is as the filter last read it.
      expect(new Set(read.mock.contexts)).toEqual(new Set([esx02]));
    } finally {
      read.mockRestore();
    }
    expect(await w.next()).toEqual([]);
  });

  it("walks the inventory from the root folder again only when a container it went through gains a child", async () => {
    const w = await watchHosts();
    const walk = vi.spyOn(Folder.prototype, "property");
    const walked = () => walk.mock.calls.filter(([name]) => name === "childEntity").length;
    try {
      expect(await w.next()).toEqual([]);
      expect(walked()).toBe(0);
      const hostFolder = [...running.sim.allObjects()].find((o): o is Folder => o instanceof Folder && o.name === "host")!;
      hostFolder.add(running.sim.register(new Folder("group-h-extra", "Extra", ["Folder", "ComputeResource"])));
      // The walk goes again, and finds no host in the new folder.
      expect(await w.next()).toEqual([]);
      expect(walked()).toBeGreaterThan(0);
    } finally {
      walk.mockRestore();
    }
  });

  it("walks the inventory anew at a reset, not at the next call, which reports what the reset took away as leaving", async () => {
    const w = await watch(admin, propSpec("Folder", ["name"]) + EVERY_HOST);
    await w.next();
    const hostFolder = [...running.sim.allObjects()].find((o): o is Folder => o instanceof Folder && o.name === "host")!;
    hostFolder.add(running.sim.register(new Folder("group-h-extra", "Extra", ["Folder", "ComputeResource"])));
    expect((await w.next()).map((u) => [u.kind, u.obj])).toEqual([["enter", "group-h-extra"]]);
    await control("POST", "/sim/reset");
    const walk = vi.spyOn(Folder.prototype, "property");
    try {
      expect((await w.next()).map((u) => [u.kind, u.obj])).toEqual([["leave", "group-h-extra"]]);
      expect(walk.mock.calls.filter(([name]) => name === "childEntity")).toEqual([]);
    } finally {
      walk.mockRestore();
    }
    expect(await w.next()).toEqual([]);
  });

  it("reports a change made by a direct call of a host manager's handler, as a test makes one outside addnet", async () => {
    const w = await watchHosts();
    const esx03 = host("esx-03");
    (esx03.networkSystem as HostNetworkSystem).AddVirtualNic({ portgroup: "VM Network", nic: { ip: { dhcp: true } } }, asAdmin());
    expect((await w.next()).map((u) => [u.obj, [...u.changes.keys()]])).toEqual([[esx03.ref.value, ["config.network.vnic"]]]);
    const esx05 = host("esx-05");
    (esx05.virtualNicManager as HostVirtualNicManager).SelectVnicForNicType({ nicType: "vmotion", device: "vmk0" }, asAdmin());
    const selected = await w.next();
    expect(selected.map((u) => [u.obj, [...u.changes.keys()]])).toEqual([[esx05.ref.value, ["summary.config.vmotionEnabled"]]]);
    expect(selected[0]!.changes.get("summary.config.vmotionEnabled")?.text).toBe("true");
  });

  it("reports a task's change when the task has done its work, after the call returned", async () => {
    const w = await watchHosts();
    const tasks = await watch(admin, propSpec("TaskManager", ["recentTask"]) + objectSpec("TaskManager", "TaskManager"));
    await tasks.next();
    const esx06 = host("esx-06");
    const ctx = asAdmin();
    (esx06.vsanSystem as HostVsanSystem).UpdateVsan_Task({ config: { networkInfo: { port: [{ device: "vmk0" }] } } }, ctx);
    // Read before the task's work runs (on the next turn): the host is read again, and nothing has changed yet.
    const collector = running.sim.findObject(w.pc) as PropertyCollector;
    expect(await collector.WaitForUpdatesEx({ version: "2", options: { maxWaitSeconds: 0 } }, ctx)).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    const done = await w.next();
    expect(done.map((u) => [u.obj, [...u.changes.keys()]])).toEqual([[esx06.ref.value, ["config.vsanHostConfig.enabled"]]]);
    expect(done[0]!.changes.get("config.vsanHostConfig.enabled")?.text).toBe("true");
    // The task is listed (a TaskManager belongs to no host: it is read every time).
    expect((await tasks.next()).map((u) => [...u.changes.keys()])).toEqual([["recentTask"]]);
  });

  it("reports a host's state set by any means: maintenance mode, a disconnection", async () => {
    const w = await watchHosts();
    const esx01 = host("esx-01");
    esx01.inMaintenanceMode = true;
    expect((await w.next()).map((u) => [u.obj, u.changes.get("runtime.inMaintenanceMode")?.text])).toEqual([[esx01.ref.value, "true"]]);
    esx01.connectionState = "disconnected";
    const gone = await w.next();
    // A disconnected host has no config: its paths under config are unset.
    expect(gone.map((u) => u.obj)).toEqual([esx01.ref.value]);
    expect([...gone[0]!.changes].filter(([path]) => path.startsWith("config.")).map(([path, val]) => [path, val])).toEqual([
      ["config.network.vnic", undefined],
      ["config.vsanHostConfig.enabled", undefined],
    ]);
  });

  it("keeps a filter through a reset by the control endpoint, which reports what the reset changed", async () => {
    // On the session's default collector, which the reset makes again: the session's filters on it stay.
    const w = await watchHosts("propertyCollector");
    const esx02 = host("esx-02");
    (esx02.networkSystem as HostNetworkSystem).AddVirtualNic({ portgroup: "VM Network", nic: { ip: { dhcp: true } } }, asAdmin());
    expect((await w.next()).map((u) => [u.obj, vnics(u.changes.get("config.network.vnic"))])).toEqual([
      [esx02.ref.value, ["vmk0", "vmk1"]],
    ]);
    await control("POST", "/sim/reset");
    // Only the host the reset changed back is read again (the others are built again as they were) and reported.
    const read = vi.spyOn(HostSystem.prototype, "property");
    try {
      expect((await w.next()).map((u) => [u.kind, u.obj, vnics(u.changes.get("config.network.vnic"))])).toEqual([
        ["modify", esx02.ref.value, ["vmk0"]],
      ]);
      expect(new Set(read.mock.contexts)).toEqual(new Set([host("esx-02")]));
    } finally {
      read.mockRestore();
    }
    expect(await w.next()).toEqual([]);
    // And the new hosts' changes are followed as before.
    const esx08 = host("esx-08");
    (esx08.networkSystem as HostNetworkSystem).AddVirtualNic({ portgroup: "VM Network", nic: { ip: { dhcp: true } } }, asAdmin());
    expect((await w.next()).map((u) => u.obj)).toEqual([esx08.ref.value]);
  });

  it("wakes a waiting WaitForUpdatesEx with a reset's changes", { timeout: 5_000 }, async () => {
    const w = await watchHosts();
    const esx03 = host("esx-03");
    (esx03.networkSystem as HostNetworkSystem).AddVirtualNic({ portgroup: "VM Network", nic: { ip: { dhcp: true } } }, asAdmin());
    await w.next();
    // Called in process, so that it is surely waiting when the reset comes.
    const collector = running.sim.findObject(w.pc) as PropertyCollector;
    const waiting = collector.WaitForUpdatesEx({ version: w.version, options: { maxWaitSeconds: 30 } }, asAdmin());
    await control("POST", "/sim/reset");
    const update = (await waiting) as { filterSet: { objectSet: { kind: string; obj: { value: string } }[] }[] };
    expect(update.filterSet[0]!.objectSet.map((o) => [o.kind, o.obj.value])).toEqual([["modify", esx03.ref.value]]);
  });

  it("reports objects entering and leaving across a reset: tasks made before it leave", async () => {
    const tasks = await watch(
      admin,
      propSpec("Task", ["info.state"]) + objectSpec("TaskManager", "TaskManager", true, traversal("TaskManager", "recentTask")),
    );
    expect(await tasks.next()).toEqual([]);
    const ns = ref("HostNetworkSystem", host("esx-01").networkSystem.ref.value);
    await admin.call(
      "AddPortGroup",
      ns,
      "<portgrp><name>PG-T</name><vlanId>0</vlanId><vswitchName>vSwitch0</vswitchName><policy/></portgrp>",
    );
    const entered = await tasks.next();
    expect(entered.map((u) => [u.kind, u.changes.get("info.state")?.text])).toEqual([["enter", "success"]]);
    await control("POST", "/sim/reset");
    expect((await tasks.next()).map((u) => [u.kind, u.obj])).toEqual([["leave", entered[0]!.obj]]);
    expect(await tasks.next()).toEqual([]);
  });

  it("reports hosts entering and leaving a list view made after a reset", async () => {
    await control("POST", "/sim/reset");
    const [a, b, c] = [host("esx-01"), host("esx-02"), host("esx-03")];
    const list = await admin.call(
      "CreateListView",
      ref("ViewManager", "ViewManager"),
      [a, b].map((h) => moref("obj", "HostSystem", h.ref.value)).join(""),
    );
    const view = text(list.body, "returnval")!;
    const w = await watch(admin, propSpec("HostSystem", ["name"]) + objectSpec("ListView", view, true, traversal("ListView", "view")));
    expect((await w.next()).map((u) => [u.kind, u.obj])).toEqual([
      ["enter", a.ref.value],
      ["enter", b.ref.value],
    ]);
    await admin.call(
      "ModifyListView",
      ref("ListView", view),
      moref("add", "HostSystem", c.ref.value) + moref("remove", "HostSystem", a.ref.value),
    );
    expect((await w.next()).map((u) => [u.kind, u.obj])).toEqual([
      ["enter", c.ref.value],
      ["leave", a.ref.value],
    ]);
    expect(await w.next()).toEqual([]);
  });
});

/** An element as text, attributes included: equal texts, equal values. */
const xml = (el: XmlElement | undefined): string =>
  el === undefined
    ? "(unset)"
    : `<${el.name}${[...el.attrs].map(([k, v]) => ` ${k}="${v}"`).join("")}>${el.text.trim()}${el.children.map(xml).join("")}</${el.name}>`;

describe("what a filter has reported", () => {
  it("is at every step what a fresh read gives, through changes of every kind and resets", async () => {
    const spec = propSpec("HostSystem", [], true) + FROM_ROOT;
    const w = await watch(admin, spec);
    /** MoRef value -> property path -> value, as the filter's updates have told it. */
    const told = new Map<string, Map<string, string>>();
    const check = async (step: string) => {
      for (const u of await w.next()) {
        if (u.kind === "leave") {
          told.delete(u.obj);
          continue;
        }
        const props = told.get(u.obj) ?? new Map<string, string>();
        for (const [path, val] of u.changes)
          if (val === undefined) props.delete(path);
          else props.set(path, xml(val));
        told.set(u.obj, props);
      }
      const fresh = byObject(objectContents(await admin.call("RetrievePropertiesEx", PC, `<specSet>${spec}</specSet><options/>`)));
      const now = new Map([...fresh].map(([obj, props]) => [obj, new Map([...props].map(([path, val]) => [path, xml(val)]))]));
      expect(told, step).toEqual(now);
    };
    const ctx = () => asAdmin();
    const ns = (name: string) => host(name).networkSystem as HostNetworkSystem;
    const steps: [string, () => Promise<unknown> | unknown][] = [
      ["nothing yet", () => undefined],
      [
        "a port group added through SOAP",
        () =>
          admin.call(
            "AddPortGroup",
            ref("HostNetworkSystem", ns("esx-01").ref.value),
            "<portgrp><name>PG-1</name><vlanId>1</vlanId><vswitchName>vSwitch0</vswitchName><policy/></portgrp>",
          ),
      ],
      [
        "an adapter added by a direct call",
        () => ns("esx-02").AddVirtualNic({ portgroup: "VM Network", nic: { ip: { dhcp: true } } }, ctx()),
      ],
      [
        "a service selected by a direct call",
        () =>
          (host("esx-03").virtualNicManager as HostVirtualNicManager).SelectVnicForNicType({ nicType: "vmotion", device: "vmk0" }, ctx()),
      ],
      [
        "a refused change",
        () => ns("esx-04").AddPortGroup({ portgrp: { name: "X", vlanId: 0, vswitchName: "vSwitch0", policy: {} } }, ctx()),
      ],
      ["maintenance mode set", () => (host("esx-05").inMaintenanceMode = true)],
      [
        "a vSAN task done",
        async () => {
          (host("esx-06").vsanSystem as HostVsanSystem).UpdateVsan_Task({ config: { networkInfo: { port: [{ device: "vmk0" }] } } }, ctx());
          await new Promise((resolve) => setImmediate(resolve));
        },
      ],
      ["a reset", () => control("POST", "/sim/reset")],
      [
        "a switch added through SOAP after the reset",
        () =>
          admin.call(
            "AddVirtualSwitch",
            ref("HostNetworkSystem", ns("esx-01").ref.value),
            "<vswitchName>vSwitch9</vswitchName><spec><numPorts>64</numPorts></spec>",
          ),
      ],
      ["a disconnected host connected", () => (host("esx-04").connectionState = "connected")],
      ["a second reset", () => control("POST", "/sim/reset")],
      ["a reset with nothing changed", () => control("POST", "/sim/reset")],
      ["an adapter removed by a direct call", () => ns("esx-09").RemoveVirtualNic({ device: "vmk1" }, ctx())],
      ["a third reset", () => control("POST", "/sim/reset")],
    ];
    for (const [step, change] of steps) {
      try {
        await change();
      } catch {
        // A refused change is a step too: nothing is to be reported of it but its host read again.
      }
      await check(step);
    }
  });
});
