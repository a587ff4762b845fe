/** Wire compatibility: envelope styles of different clients, xsi:type on requests and responses, faults. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../src/index.ts";
import { NS, parseXml, xsiType } from "@addnet/vim25";
import { child, children, Client, post, ref, text, withSimulator } from "./client.ts";
import { byObject, createView, hostIds, objectContents, objectSpec, PC, propSpec, propsOf, rawType, specSet, typeOf } from "./helpers.ts";

let running: RunningSimulator;
let admin: Client;
let hosts: Map<string, string>;
beforeAll(async () => {
  running = await withSimulator();
  admin = new Client(running.sdkUrl);
  await admin.login();
  hosts = hostIds(running);
});
afterAll(() => running.close());

const GOVMOMI_LOGIN =
  `<?xml version="1.0" encoding="UTF-8"?><Envelope xmlns="${NS.soapenv}"><Body><Login xmlns="urn:vim25">` +
  `<_this type="SessionManager">SessionManager</_this><userName>administrator@vsphere.local</userName>` +
  `<password>VMware1!</password></Login></Body></Envelope>`;

describe("request envelopes", () => {
  it("accepts the unprefixed govmomi envelope and sets a session cookie", async () => {
    const reply = await post(running.sdkUrl, GOVMOMI_LOGIN);
    expect(reply.status).toBe(200);
    expect(reply.body?.name).toBe("LoginResponse");
    expect(text(child(reply.body, "returnval"), "userName")).toBe("VSPHERE.LOCAL\\Administrator");
    expect(reply.setCookie).toMatch(/^vmware_soap_session="[0-9a-f]+"/);
  });

  it("accepts the soapenv-prefixed pyvmomi envelope and any other prefix", async () => {
    const prefixed = await post(
      running.sdkUrl,
      `<soapenv:Envelope xmlns:soapenv="${NS.soapenv}"><soapenv:Body><RetrieveServiceContent xmlns="urn:vim25">` +
        `<_this type="ServiceInstance">ServiceInstance</_this></RetrieveServiceContent></soapenv:Body></soapenv:Envelope>`,
    );
    expect(prefixed.status).toBe(200);
    expect(text(child(child(prefixed.body, "returnval"), "about"), "apiVersion")).toBe("8.0.3.0");
    const other = await post(
      running.sdkUrl,
      `<S:Envelope xmlns:S="${NS.soapenv}"><S:Header/><S:Body><v:RetrieveServiceContent xmlns:v="urn:vim25">` +
        `<v:_this type="ServiceInstance">ServiceInstance</v:_this></v:RetrieveServiceContent></S:Body></S:Envelope>`,
    );
    expect(other.status).toBe(200);
    expect(text(child(other.body, "returnval"), "rootFolder")).toBe("group-d1");
  });

  it("rejects an envelope in the wrong namespace or a method outside urn:vim25", async () => {
    const wrongEnv = await post(
      running.sdkUrl,
      `<Envelope xmlns="urn:not-soap"><Body><RetrieveServiceContent xmlns="urn:vim25"><_this type="ServiceInstance">ServiceInstance</_this>` +
        `</RetrieveServiceContent></Body></Envelope>`,
    );
    expect(wrongEnv.status).toBe(500);
    expect(wrongEnv.fault).toBe("InvalidRequest");
    const wrongNs = await post(
      running.sdkUrl,
      `<Envelope xmlns="${NS.soapenv}"><Body><RetrieveServiceContent xmlns="urn:other"><_this type="ServiceInstance">ServiceInstance</_this>` +
        `</RetrieveServiceContent></Body></Envelope>`,
    );
    expect(wrongNs.status).toBe(500);
    expect(wrongNs.fault).toBe("MethodNotFound");
  });

  it("resolves the type attribute by the XMLSchema-instance namespace whatever its prefix (govmomi style)", async () => {
    const view = await createView(admin, ["Folder", "group-d1"], ["HostSystem"]);
    const body =
      `<Envelope xmlns="${NS.soapenv}"><Body><RetrievePropertiesEx xmlns="urn:vim25">` +
      `<_this type="PropertyCollector">propertyCollector</_this><specSet><propSet><type>HostSystem</type><pathSet>name</pathSet></propSet>` +
      `<objectSet><obj type="ContainerView">${view}</obj><skip>true</skip>` +
      `<selectSet xmlns:XMLSchema-instance="${NS.xsi}" XMLSchema-instance:type="TraversalSpec">` +
      `<type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet><options></options>` +
      `</RetrievePropertiesEx></Body></Envelope>`;
    const reply = await post(running.sdkUrl, body, admin.cookie);
    expect(reply.status).toBe(200);
    const names = objectContents(reply).map((oc) => propsOf(oc).get("name")?.text);
    expect(names).toHaveLength(9);
    expect(names).toContain("esx-01.lab.local");

    const otherPrefix = body.replace("xmlns:XMLSchema-instance=", "xmlns:q=").replace("XMLSchema-instance:type=", "q:type=");
    expect(objectContents(await post(running.sdkUrl, otherPrefix, admin.cookie))).toHaveLength(9);
  });

  it("does not take a 'type' attribute in another namespace for xsi:type", async () => {
    const view = await createView(admin, ["Folder", "group-d1"], ["HostSystem"]);
    const reply = await admin.call(
      "RetrievePropertiesEx",
      PC,
      specSet(
        propSpec("HostSystem", ["name"]),
        `<objectSet><obj type="ContainerView">${view}</obj><skip>true</skip>` +
          `<selectSet xmlns:x="urn:not-xsi" x:type="TraversalSpec"><type>ContainerView</type><path>view</path></selectSet></objectSet>`,
      ) + "<options/>",
    );
    // Without a real xsi:type the element is a plain SelectionSpec naming nothing.
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("InvalidArgument");
  });

  it("rejects an xsi:type that is not a subtype of the declared type", async () => {
    const reply = await admin.call(
      "RetrievePropertiesEx",
      PC,
      specSet(
        propSpec("HostSystem", ["name"]),
        `<objectSet><obj type="HostSystem">${hosts.get("esx-01.lab.local")}</obj><selectSet xsi:type="PropertySpec"><type>HostSystem</type></selectSet></objectSet>`,
      ) + "<options/>",
    );
    expect(reply.fault).toBe("InvalidArgument");
    expect(text(reply.body, "invalidProperty")).toBe("specSet.objectSet.selectSet");
  });
});

describe("response typing", () => {
  it("puts xsi:type on every propSet val", async () => {
    const host = hosts.get("esx-01.lab.local")!;
    const reply = await admin.call(
      "RetrievePropertiesEx",
      PC,
      specSet(
        propSpec("HostSystem", [
          "name",
          "runtime.inMaintenanceMode",
          "configManager.networkSystem",
          "config.network.vnic",
          "config.network.vswitch",
          "network",
          "config.network.pnic",
          "runtime.bootTime",
          "config.network.vswitch.0",
          "summary.config.port",
          "runtime",
          "config.network.dnsConfig",
          "config.network.ipRouteConfig",
        ]),
        objectSpec("HostSystem", host),
      ) + "<options/>",
    );
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(`xmlns:xsi="${NS.xsi}"`);
    expect(reply.text).toContain(`xmlns:xsd="${NS.xsd}"`);
    const [oc] = objectContents(reply);
    const props = propsOf(oc!);
    for (const [path, val] of props) expect(rawType(val), path).toBeTruthy();
    expect(rawType(props.get("name"))).toBe("xsd:string");
    expect(rawType(props.get("runtime.inMaintenanceMode"))).toBe("xsd:boolean");
    expect(rawType(props.get("summary.config.port"))).toBe("xsd:int");
    expect(rawType(props.get("runtime.bootTime"))).toBe("xsd:dateTime");
    expect(props.get("runtime.bootTime")!.text).toBe("2026-11-01T06:00:00.000Z");
    const ns = props.get("configManager.networkSystem")!;
    expect(rawType(ns)).toBe("ManagedObjectReference");
    expect(ns.attrs.get("type")).toBe("HostNetworkSystem");
    expect(typeOf(props.get("config.network.vnic"))).toBe("ArrayOfHostVirtualNic");
    expect(children(props.get("config.network.vnic"), "HostVirtualNic")).toHaveLength(1);
    expect(typeOf(props.get("config.network.vswitch"))).toBe("ArrayOfHostVirtualSwitch");
    expect(typeOf(props.get("config.network.pnic"))).toBe("ArrayOfPhysicalNic");
    const network = props.get("network")!;
    expect(typeOf(network)).toBe("ArrayOfManagedObjectReference");
    const refs = children(network, "ManagedObjectReference");
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((r) => r.attrs.get("type"))).toBe(true);
    expect(typeOf(props.get("runtime"))).toBe("HostRuntimeInfo");
    expect(typeOf(props.get("config.network.dnsConfig"))).toBe("HostDnsConfig");
    expect(typeOf(props.get("config.network.ipRouteConfig"))).toBe("HostIpRouteConfig");
    // An array index is not a vim25 property path.
    expect(props.has("config.network.vswitch.0")).toBe(false);
  });

  it("encodes every property of every managed object type, each val typed", async () => {
    await createView(admin, ["Folder", "group-d1"], []);
    const byType = new Map<string, string[]>();
    for (const o of running.sim.allObjects()) byType.set(o.type, [...(byType.get(o.type) ?? []), o.ref.value]);
    expect(byType.size).toBeGreaterThanOrEqual(17);
    for (const [type, ids] of byType) {
      const reply = await admin.call(
        "RetrievePropertiesEx",
        PC,
        specSet(propSpec(type, [], true), ids.map((id) => objectSpec(type, id)).join("")) + "<options/>",
      );
      expect(reply.status, type).toBe(200);
      const ocs = objectContents(reply);
      expect(ocs, type).toHaveLength(ids.length);
      for (const oc of ocs) {
        expect(children(oc, "missingSet"), type).toEqual([]);
        for (const [path, val] of propsOf(oc)) expect(rawType(val), `${type}.${path}`).toBeTruthy();
      }
    }
  });

  it("sends an empty array property as an empty ArrayOfX", async () => {
    const cluster = [...running.sim.allObjects()].find((o) => o.type === "ClusterComputeResource")!.ref.value;
    const view = await createView(admin, ["ClusterComputeResource", cluster], ["Datacenter"]);
    const val = propsOf(
      objectContents(
        await admin.call(
          "RetrievePropertiesEx",
          PC,
          specSet(propSpec("ContainerView", ["view"]), objectSpec("ContainerView", view)) + "<options/>",
        ),
      )[0]!,
    ).get("view");
    expect(typeOf(val)).toBe("ArrayOfManagedObjectReference");
    expect(val?.children).toEqual([]);
  });

  it("uses ArrayOfString for string arrays and xsi:type on nested polymorphic fields", async () => {
    const host = hosts.get("esx-01.lab.local")!;
    const reply = await admin.call(
      "RetrievePropertiesEx",
      PC,
      specSet(propSpec("HostSystem", ["config.network"]), objectSpec("HostSystem", host)) + "<options/>",
    );
    const network = propsOf(objectContents(reply)[0]!).get("config.network")!;
    expect(typeOf(network)).toBe("HostNetworkInfo");
    const vswitch = child(network, "vswitch")!;
    const bridge = child(child(vswitch, "spec"), "bridge")!;
    expect(typeOf(bridge)).toBe("HostVirtualSwitchBondBridge");
    expect(text(bridge, "nicDevice")).toBe("vmnic0");
    expect(typeOf(child(network, "dnsConfig"))).toBe("HostDnsConfig");
    expect(typeOf(child(network, "ipRouteConfig"))).toBe("HostIpRouteConfig");
    for (const stack of children(network, "netStackInstance")) {
      expect(typeOf(child(stack, "dnsConfig")), text(stack, "key")).toBe("HostDnsConfig");
      expect(typeOf(child(stack, "ipRouteConfig")), text(stack, "key")).toBe("HostIpRouteConfig");
    }
    const backing = child(child(child(network, "proxySwitch"), "spec"), "backing");
    expect(typeOf(backing)).toBe("DistributedVirtualSwitchHostMemberPnicBacking");

    const strings = await admin.call(
      "RetrievePropertiesEx",
      PC,
      specSet(propSpec("Folder", ["childType"]), objectSpec("Folder", "group-d1")) + "<options/>",
    );
    const childType = propsOf(objectContents(strings)[0]!).get("childType")!;
    expect(typeOf(childType)).toBe("ArrayOfString");
    expect(children(childType, "string").map((s) => s.text)).toEqual(["Folder", "Datacenter"]);
  });

  it("serializes fields in WSDL order", async () => {
    const host = hosts.get("esx-01.lab.local")!;
    const reply = await admin.call(
      "RetrievePropertiesEx",
      PC,
      specSet(propSpec("HostSystem", ["config.network.vnic"]), objectSpec("HostSystem", host)) + "<options/>",
    );
    const vnic = child(propsOf(objectContents(reply)[0]!).get("config.network.vnic"), "HostVirtualNic")!;
    expect(vnic.children.map((c) => c.name)).toEqual(["device", "key", "portgroup", "spec", "port"]);
    const spec = child(vnic, "spec")!;
    const order = ["ip", "mac", "distributedVirtualPort", "portgroup", "mtu", "tsoEnabled", "netStackInstanceKey"];
    const names = spec.children.map((c) => c.name);
    expect(names).toEqual(order.filter((n) => names.includes(n)));
  });

  it("answers a void method with an empty XxxResponse", async () => {
    const c = new Client(running.sdkUrl);
    await c.login();
    const reply = await c.call("Logout", ref("SessionManager", "SessionManager"));
    expect(reply.status).toBe(200);
    expect(reply.body?.name).toBe("LogoutResponse");
    expect(reply.body?.uri).toBe(NS.vim25);
    expect(reply.body?.children).toEqual([]);
  });
});

describe("faults", () => {
  it("are HTTP 500 soapenv:Fault with a <TypeFault xsi:type=Type> detail", async () => {
    const reply = await post(running.sdkUrl, GOVMOMI_LOGIN.replace("VMware1!", "wrong"));
    expect(reply.status).toBe(500);
    const env = parseXml(reply.text);
    expect(env.uri).toBe(NS.soapenv);
    const fault = child(child(env, "Body"), "Fault")!;
    expect(fault.uri).toBe(NS.soapenv);
    expect(text(fault, "faultcode")).toBe("ServerFaultCode");
    expect(child(fault, "faultstring")).toBeDefined();
    const detail = child(fault, "detail")!.children[0]!;
    expect(detail.name).toBe("InvalidLoginFault");
    expect(detail.uri).toBe(NS.vim25);
    expect(xsiType(detail)).toBe("InvalidLogin");
    expect(reply.fault).toBe("InvalidLogin");
  });

  it("carries the fault's fields: NotAuthenticated names the object and System.View", async () => {
    const reply = await new Client(running.sdkUrl).call("RetrievePropertiesEx", PC, "<specSet/><options/>");
    expect(reply.status).toBe(500);
    expect(reply.body?.name).toBe("NotAuthenticatedFault");
    expect(reply.fault).toBe("NotAuthenticated");
    expect(child(reply.body, "object")?.attrs.get("type")).toBe("PropertyCollector");
    expect(text(reply.body, "privilegeId")).toBe("System.View");
  });

  it("NoPermission carries object, privilegeId and missingPrivileges", async () => {
    const ro = new Client(running.sdkUrl);
    await ro.login("readonly@vsphere.local", "ReadOnly1!");
    const ns = running.sim.findObject(hosts.get("esx-01.lab.local")!.replace("host", "networkSystem"))!;
    const reply = await ro.call("RemovePortGroup", ref("HostNetworkSystem", ns.ref.value), "<pgName>VM Network</pgName>");
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("NoPermission");
    expect(text(reply.body, "privilegeId")).toBe("Host.Config.Network");
    expect(child(reply.body, "object")?.text).toBe(hosts.get("esx-01.lab.local"));
    const missing = child(reply.body, "missingPrivileges")!;
    expect(text(missing, "entity")).toBe(hosts.get("esx-01.lab.local"));
    expect(text(missing, "privilegeIds")).toBe("Host.Config.Network");
  });

  it("reports a per-object problem in missingSet with a typed fault", async () => {
    const host = hosts.get("esx-02.lab.local")!;
    const reply = await admin.call(
      "RetrievePropertiesEx",
      PC,
      specSet(propSpec("HostSystem", ["name", "config.nosuch"]), objectSpec("HostSystem", host)) + "<options/>",
    );
    expect(reply.status).toBe(200);
    const oc = objectContents(reply)[0]!;
    const missing = child(oc, "missingSet")!;
    expect(text(missing, "path")).toBe("config.nosuch");
    const fault = child(child(missing, "fault"), "fault")!;
    expect(typeOf(fault)).toBe("InvalidProperty");
    expect(text(fault, "name")).toBe("config.nosuch");
    expect(byObject([oc]).get(host)?.get("name")?.text).toBe("esx-02.lab.local");
  });
});

describe("GET /sdk/vimServiceVersions.xml", () => {
  it("lists urn:vim25 at 8.0.3.0", async () => {
    const res = await fetch(`${running.baseUrl}/sdk/vimServiceVersions.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/xml/);
    const doc = parseXml(await res.text());
    const ns = child(doc, "namespace")!;
    expect(text(ns, "name")).toBe("urn:vim25");
    expect(text(ns, "version")).toBe("8.0.3.0");
    expect(children(child(ns, "priorVersions"), "version").map((v) => v.text)).toContain("7.0.3.0");
  });
});
