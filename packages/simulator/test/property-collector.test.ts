/** ViewManager container views and the PropertyCollector: paths, traversal, paging, missing objects and properties. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../src/index.ts";
import { child, children, Client, moref, ref, text, withSimulator } from "./client.ts";
import {
  byObject,
  createView,
  destroyView,
  hostIds,
  loggedIn,
  objectContents,
  objectSpec,
  options,
  PC,
  propSpec,
  propsOf,
  retrieveAll,
  selectionRef,
  specSet,
  tokenOf,
  traversal,
  typeOf,
  viewObjectSpec,
} from "./helpers.ts";

let running: RunningSimulator;
let admin: Client;
let hosts: Map<string, string>;
beforeAll(async () => {
  running = await withSimulator();
  admin = await loggedIn(running.sdkUrl);
  hosts = hostIds(running);
});
afterAll(() => running.close());

const ROOT: [string, string] = ["Folder", "group-d1"];
const retrieve = (c: Client, specs: string, maxObjects?: number) => c.call("RetrievePropertiesEx", PC, specs + options(maxObjects));
const objOf = (oc: { children: readonly { name: string; text: string }[] }) => oc.children.find((c) => c.name === "obj")!.text;

/** Names of the objects a container view shows, read through the collector. */
async function viewNames(view: string, type = "ManagedEntity"): Promise<string[]> {
  const { objects } = await retrieveAll(admin, specSet(propSpec(type, ["name"]), viewObjectSpec(view)));
  return objects.map((oc) => propsOf(oc).get("name")!.text);
}

function entityId(type: string, name: string): string {
  for (const o of running.sim.allObjects()) if (o.type === type && (o as unknown as { name: string }).name === name) return o.ref.value;
  throw new Error(`no ${type} ${name}`);
}

describe("ViewManager.CreateContainerView", () => {
  it("recursive from the root folder with a type filter", async () => {
    const view = await createView(admin, ROOT, ["HostSystem"]);
    expect(view).toMatch(/^session\[[0-9a-f-]+\][0-9a-f-]+$/);
    const names = await viewNames(view);
    expect(names).toHaveLength(9);
    expect(new Set(names)).toEqual(new Set(Array.from({ length: 9 }, (_, i) => `esx-0${i + 1}.lab.local`)));
  });

  it("non-recursive shows only direct children", async () => {
    expect(await viewNames(await createView(admin, ROOT, [], false))).toEqual(["Datacenter"]);
    const prod = entityId("ClusterComputeResource", "Cluster-Prod");
    const names = await viewNames(await createView(admin, ["ClusterComputeResource", prod], ["HostSystem"], false));
    expect(names).toEqual(["esx-01.lab.local", "esx-02.lab.local", "esx-03.lab.local", "esx-04.lab.local"]);
    const dc = entityId("Datacenter", "Datacenter");
    expect(await viewNames(await createView(admin, ["Datacenter", dc], ["HostSystem"], false))).toEqual([]);
  });

  it("filters by several types and by base types", async () => {
    const dvs = await viewNames(await createView(admin, ROOT, ["DistributedVirtualPortgroup", "VmwareDistributedVirtualSwitch"]));
    expect(new Set(dvs)).toEqual(new Set(["DSwitch-Lab", "DSwitch-Lab-DVUplinks", "DPG-vMotion", "DPG-Provisioning", "DPG-Storage"]));
    const networks = await viewNames(await createView(admin, ROOT, ["Network"]));
    expect(networks).toContain("VM Network");
    expect(networks).toContain("DPG-vMotion");
    expect(networks).not.toContain("DSwitch-Lab");
    const compute = await viewNames(await createView(admin, ROOT, ["ComputeResource"]));
    expect(new Set(compute)).toEqual(new Set(["Cluster-Prod", "Cluster-Dev", "esx-09.lab.local"]));
  });

  it("exposes view, container, type and recursive, and is listed in viewList", async () => {
    const view = await createView(admin, ROOT, ["HostSystem"]);
    const props = await admin.props("ContainerView", view, ["view", "container", "type", "recursive"]);
    expect(typeOf(props.get("view"))).toBe("ArrayOfManagedObjectReference");
    expect(children(props.get("view"), "ManagedObjectReference")).toHaveLength(9);
    expect(props.get("container")?.text).toBe("group-d1");
    expect(children(props.get("type"), "string").map((s) => s.text)).toEqual(["HostSystem"]);
    expect(props.get("recursive")?.text).toBe("true");
    const list = (await admin.props("ViewManager", "ViewManager", ["viewList"])).get("viewList");
    expect(children(list, "ManagedObjectReference").map((r) => r.text)).toContain(view);
  });

  it("rejects an unknown type and a container that is not an inventory container", async () => {
    const vm = ref("ViewManager", "ViewManager");
    const badType = await admin.call(
      "CreateContainerView",
      vm,
      moref("container", ...ROOT) + "<type>NoSuchType</type><recursive>true</recursive>",
    );
    expect(badType.fault).toBe("InvalidArgument");
    expect(text(badType.body, "invalidProperty")).toBe("type");
    const notContainer = await admin.call(
      "CreateContainerView",
      vm,
      moref("container", "PropertyCollector", "propertyCollector") + "<recursive>true</recursive>",
    );
    expect(notContainer.fault).toBe("InvalidArgument");
    const missing = await admin.call("CreateContainerView", vm, moref("container", "Folder", "group-d999") + "<recursive>true</recursive>");
    expect(missing.fault).toBe("ManagedObjectNotFound");
  });

  it("DestroyView removes the view; a second DestroyView is ManagedObjectNotFound", async () => {
    const view = await createView(admin, ROOT, ["HostSystem"]);
    const reply = await destroyView(admin, view);
    expect(reply.status).toBe(200);
    expect(reply.body?.name).toBe("DestroyViewResponse");
    expect((await destroyView(admin, view)).fault).toBe("ManagedObjectNotFound");
    const read = await retrieve(admin, specSet(propSpec("HostSystem", ["name"]), viewObjectSpec(view)));
    expect(read.fault).toBe("ManagedObjectNotFound");
    const list = (await admin.props("ViewManager", "ViewManager", ["viewList"])).get("viewList");
    expect(children(list, "ManagedObjectReference").map((r) => r.text)).not.toContain(view);
  });
});

describe("PropertyCollector.RetrievePropertiesEx", () => {
  it("reads nested property paths", async () => {
    const id = hosts.get("esx-01.lab.local")!;
    const reply = await retrieve(
      admin,
      specSet(
        propSpec("HostSystem", [
          "config.network.vnic",
          "runtime.networkRuntimeInfo.netStackInstanceRuntimeInfo",
          "runtime.connectionState",
          "summary.config.product.apiVersion",
          "config.network.dnsConfig.address",
        ]),
        objectSpec("HostSystem", id),
      ),
    );
    const oc = objectContents(reply)[0]!;
    expect(objOf(oc)).toBe(id);
    expect(child(oc, "obj")?.attrs.get("type")).toBe("HostSystem");
    const props = propsOf(oc);
    expect(text(child(props.get("config.network.vnic"), "HostVirtualNic"), "device")).toBe("vmk0");
    const runtime = props.get("runtime.networkRuntimeInfo.netStackInstanceRuntimeInfo")!;
    expect(typeOf(runtime)).toBe("ArrayOfHostRuntimeInfoNetStackInstanceRuntimeInfo");
    const stacks = children(runtime, "HostRuntimeInfoNetStackInstanceRuntimeInfo");
    expect(stacks.map((s) => [text(s, "netStackInstanceKey"), text(s, "state")])).toEqual([
      ["defaultTcpipStack", "active"],
      ["vmotion", "inactive"],
      ["vSphereProvisioning", "inactive"],
    ]);
    expect(text(stacks[0], "vmknicKeys")).toBe("vmk0");
    expect(props.get("runtime.connectionState")?.text).toBe("connected");
    expect(props.get("summary.config.product.apiVersion")?.text).toBe("8.0.3.0");
    expect(children(props.get("config.network.dnsConfig.address"), "string").map((s) => s.text)).toEqual(["10.10.0.2", "10.10.0.3"]);
  });

  it("all=true returns every property of the type", async () => {
    const id = hosts.get("esx-02.lab.local")!;
    const props = propsOf(
      objectContents(await retrieve(admin, specSet(propSpec("HostSystem", [], true), objectSpec("HostSystem", id))))[0]!,
    );
    expect(new Set(props.keys())).toEqual(
      new Set(["name", "parent", "overallStatus", "runtime", "summary", "hardware", "config", "configManager", "datastore", "network"]),
    );
    expect(typeOf(props.get("config"))).toBe("HostConfigInfo");
    expect(typeOf(props.get("parent"))).toBe("ManagedObjectReference");
  });

  it("selects through a ContainerView with a TraversalSpec (path view, skip true on the view)", async () => {
    const view = await createView(admin, ROOT, ["HostSystem", "DistributedVirtualPortgroup"]);
    const reply = await retrieve(
      admin,
      specSet(
        propSpec("HostSystem", ["name", "runtime.inMaintenanceMode"]) + propSpec("DistributedVirtualPortgroup", ["name", "key"]),
        viewObjectSpec(view),
      ),
    );
    const objects = byObject(objectContents(reply));
    expect(objects.size).toBe(13);
    expect(objects.has(view)).toBe(false);
    const esx07 = objects.get(hosts.get("esx-07.lab.local")!)!;
    expect(esx07.get("runtime.inMaintenanceMode")?.text).toBe("true");
    const dpg = [...objects.values()].find((p) => p.get("name")?.text === "DPG-vMotion")!;
    expect(dpg.get("key")?.text).toMatch(/^dvportgroup-\d+$/);
    // Without skip the view itself is selected too (it has no HostSystem properties, so only with a ContainerView propSet).
    const withView = await retrieve(
      admin,
      specSet(
        propSpec("ContainerView", ["recursive"]) + propSpec("HostSystem", ["name"]),
        objectSpec("ContainerView", view, false, traversal("ContainerView", "view")),
      ),
    );
    const withViewObjects = byObject(objectContents(withView));
    expect(withViewObjects.get(view)?.get("recursive")?.text).toBe("true");
    expect(withViewObjects.size).toBe(10);
  });

  it("follows named SelectionSpec references recursively from the root folder", async () => {
    const visitFolders = traversal("Folder", "childEntity", {
      name: "visitFolders",
      selectSet: selectionRef("visitFolders") + selectionRef("dcToHf") + selectionRef("crToH"),
    });
    const dcToHf = traversal("Datacenter", "hostFolder", { name: "dcToHf", selectSet: selectionRef("visitFolders") });
    const crToH = traversal("ComputeResource", "host", { name: "crToH" });
    const reply = await retrieve(
      admin,
      specSet(propSpec("HostSystem", ["name"]), objectSpec("Folder", "group-d1", true, visitFolders + dcToHf + crToH)),
    );
    const names = objectContents(reply).map((oc) => propsOf(oc).get("name")!.text);
    expect(names).toHaveLength(9);
    expect(new Set(names).size).toBe(9);
  });

  it("a TraversalSpec with skip=true is walked but not reported", async () => {
    const prod = entityId("ClusterComputeResource", "Cluster-Prod");
    const reply = await retrieve(
      admin,
      specSet(
        propSpec("ManagedEntity", ["name"]),
        objectSpec("ClusterComputeResource", prod, false, traversal("ComputeResource", "host", { skip: true })),
      ),
    );
    expect(objectContents(reply).map((oc) => propsOf(oc).get("name")!.text)).toEqual(["Cluster-Prod"]);
  });

  it("an undefined selection name is InvalidArgument; an invalid traversal path is InvalidProperty", async () => {
    const undefinedName = await retrieve(
      admin,
      specSet(propSpec("HostSystem", ["name"]), objectSpec("Folder", "group-d1", true, selectionRef("nowhere"))),
    );
    expect(undefinedName.fault).toBe("InvalidArgument");
    const badPath = await retrieve(
      admin,
      specSet(propSpec("HostSystem", ["name"]), objectSpec("Folder", "group-d1", true, traversal("Folder", "noSuchPath"))),
    );
    expect(badPath.fault).toBe("InvalidProperty");
    expect(text(badPath.body, "name")).toBe("noSuchPath");
  });

  it("reports a bad path in missingSet with InvalidProperty, alongside the good ones", async () => {
    const id = hosts.get("esx-03.lab.local")!;
    const reply = await retrieve(
      admin,
      specSet(propSpec("HostSystem", ["name", "bogus", "config.network.nothing"]), objectSpec("HostSystem", id)),
    );
    expect(reply.status).toBe(200);
    const oc = objectContents(reply)[0]!;
    expect(propsOf(oc).get("name")?.text).toBe("esx-03.lab.local");
    const missing = children(oc, "missingSet");
    expect(missing.map((m) => text(m, "path"))).toEqual(["bogus", "config.network.nothing"]);
    for (const m of missing) expect(typeOf(child(child(m, "fault"), "fault"))).toBe("InvalidProperty");
  });

  it("a missing object is a ManagedObjectNotFound fault", async () => {
    const reply = await retrieve(admin, specSet(propSpec("HostSystem", ["name"]), objectSpec("HostSystem", "host-99999")));
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("ManagedObjectNotFound");
    expect(child(reply.body, "obj")?.text).toBe("host-99999");
    const wrongType = await retrieve(
      admin,
      specSet(propSpec("HostSystem", ["name"]), objectSpec("Datacenter", hosts.get("esx-01.lab.local")!)),
    );
    expect(wrongType.fault).toBe("ManagedObjectNotFound");
  });

  it("an unknown propSet type is InvalidArgument", async () => {
    const reply = await retrieve(admin, specSet(propSpec("NoSuchType", ["name"]), objectSpec("Folder", "group-d1")));
    expect(reply.fault).toBe("InvalidArgument");
  });

  it("omits a property that has no value (config of a disconnected host)", async () => {
    const id = hosts.get("esx-04.lab.local")!;
    const props = propsOf(
      objectContents(await retrieve(admin, specSet(propSpec("HostSystem", ["name", "config.network"]), objectSpec("HostSystem", id))))[0]!,
    );
    expect(props.get("name")?.text).toBe("esx-04.lab.local");
    expect(props.has("config.network")).toBe(false);
  });
});

describe("paging with maxObjects", () => {
  it("pages with ContinueRetrievePropertiesEx until no token", async () => {
    const view = await createView(admin, ROOT, ["HostSystem"]);
    const { objects, pages } = await retrieveAll(admin, specSet(propSpec("HostSystem", ["name"]), viewObjectSpec(view)), 4);
    expect(pages).toEqual([4, 4, 1]);
    expect(new Set(objects.map(objOf)).size).toBe(9);
  });

  it("returns everything at once without maxObjects or when it fits", async () => {
    const view = await createView(admin, ROOT, ["HostSystem"]);
    for (const max of [undefined, 9, 100]) {
      const reply = await retrieve(admin, specSet(propSpec("HostSystem", ["name"]), viewObjectSpec(view)), max);
      expect(objectContents(reply), String(max)).toHaveLength(9);
      expect(tokenOf(reply), String(max)).toBeUndefined();
    }
  });

  it("tokens are single use; an unknown token is InvalidArgument", async () => {
    const view = await createView(admin, ROOT, ["HostSystem"]);
    const first = await retrieve(admin, specSet(propSpec("HostSystem", ["name"]), viewObjectSpec(view)), 5);
    const token = tokenOf(first)!;
    expect(token).toBeTruthy();
    const second = await admin.call("ContinueRetrievePropertiesEx", PC, `<token>${token}</token>`);
    expect(objectContents(second)).toHaveLength(4);
    expect(tokenOf(second)).toBeUndefined();
    const again = await admin.call("ContinueRetrievePropertiesEx", PC, `<token>${token}</token>`);
    expect(again.status).toBe(500);
    expect(again.fault).toBe("InvalidArgument");
    expect(text(again.body, "invalidProperty")).toBe("token");
    const unknown = await admin.call("ContinueRetrievePropertiesEx", PC, `<token>not-a-token</token>`);
    expect(unknown.fault).toBe("InvalidArgument");
  });

  it("a token belongs to its session", async () => {
    const view = await createView(admin, ROOT, ["HostSystem"]);
    const token = tokenOf(await retrieve(admin, specSet(propSpec("HostSystem", ["name"]), viewObjectSpec(view)), 2))!;
    const other = await loggedIn(running.sdkUrl);
    expect((await other.call("ContinueRetrievePropertiesEx", PC, `<token>${token}</token>`)).fault).toBe("InvalidArgument");
    expect(objectContents(await admin.call("ContinueRetrievePropertiesEx", PC, `<token>${token}</token>`))).toHaveLength(2);
  });

  it("CancelRetrievePropertiesEx discards the rest", async () => {
    const view = await createView(admin, ROOT, ["HostSystem"]);
    const token = tokenOf(await retrieve(admin, specSet(propSpec("HostSystem", ["name"]), viewObjectSpec(view)), 3))!;
    const cancel = await admin.call("CancelRetrievePropertiesEx", PC, `<token>${token}</token>`);
    expect(cancel.status).toBe(200);
    expect(cancel.body?.name).toBe("CancelRetrievePropertiesExResponse");
    expect((await admin.call("ContinueRetrievePropertiesEx", PC, `<token>${token}</token>`)).fault).toBe("InvalidArgument");
  });

  it("a negative maxObjects is InvalidArgument", async () => {
    const reply = await retrieve(admin, specSet(propSpec("Folder", ["name"]), objectSpec("Folder", "group-d1")), -1);
    expect(reply.fault).toBe("InvalidArgument");
  });
});

describe("legacy RetrieveProperties", () => {
  it("returns ObjectContent[] directly, unpaged", async () => {
    const view = await createView(admin, ROOT, ["HostSystem"]);
    const reply = await admin.call("RetrieveProperties", PC, specSet(propSpec("HostSystem", ["name", "nope"]), viewObjectSpec(view)));
    expect(reply.status).toBe(200);
    expect(reply.body?.name).toBe("RetrievePropertiesResponse");
    const returnvals = children(reply.body, "returnval");
    expect(returnvals).toHaveLength(9);
    expect(propsOf(returnvals[0]!).get("name")?.text).toMatch(/^esx-0\d\.lab\.local$/);
    expect(text(child(returnvals[0], "missingSet"), "path")).toBe("nope");
  });
});

describe("a large inventory", () => {
  it("pages all 2500 hosts", { timeout: 60_000 }, async () => {
    const big = await withSimulator({ hosts: 2500 });
    try {
      const c = await loggedIn(big.sdkUrl);
      const view = await createView(c, ROOT, ["HostSystem"]);
      const { objects, pages } = await retrieveAll(
        c,
        specSet(propSpec("HostSystem", ["name", "runtime.connectionState"]), viewObjectSpec(view)),
        1000,
      );
      expect(pages).toEqual([1000, 1000, 500]);
      const names = objects.map((oc) => propsOf(oc).get("name")!.text);
      expect(new Set(names).size).toBe(2500);
      expect(new Set(objects.map(objOf)).size).toBe(2500);
      expect(names).toContain("esx-2500.lab.local");
    } finally {
      await big.close();
    }
  });
});
