/** Bad requests get a typed fault (or 413), never crash or hang the server, and change nothing. */
import { connect } from "node:net";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { MAX_BODY_BYTES, type RunningSimulator } from "../src/index.ts";
import { NS } from "@addnet/vim25";
import { child, Client, envelope, moref, post, ref, text, withSimulator } from "./client.ts";
import { hostIds, PC, rawHttp, snapshot } from "./helpers.ts";

let running: RunningSimulator;
let admin: Client;
let before: string;
let esx01: string;
let ns01: string;
beforeAll(async () => {
  running = await withSimulator();
  admin = new Client(running.sdkUrl);
  await admin.login();
  esx01 = hostIds(running).get("esx-01.lab.local")!;
  ns01 = esx01.replace("host", "networkSystem");
  before = snapshot(running);
});
afterAll(() => running.close());

afterEach(async () => {
  // The server still answers, and the inventory is as it was.
  const time = await admin.call("CurrentTime", ref("ServiceInstance", "ServiceInstance"));
  expect(time.status).toBe(200);
  expect(snapshot(running)).toBe(before);
});

const raw = (xml: string) => post(running.sdkUrl, xml, admin.cookie);
const nsCall = (method: string, args: string) => admin.call(method, ref("HostNetworkSystem", ns01), args);

describe("unparseable requests", { timeout: 5000 }, () => {
  it.each([
    ["not XML at all", "hello"],
    ["an empty body", ""],
    ["an unclosed element", `<soapenv:Envelope xmlns:soapenv="${NS.soapenv}"><soapenv:Body><Login xmlns="urn:vim25">`],
    ["mismatched tags", `<Envelope xmlns="${NS.soapenv}"><Body></Envelope></Body>`],
    ["two root elements", `<Envelope xmlns="${NS.soapenv}"/><Envelope xmlns="${NS.soapenv}"/>`],
    ["an unbound prefix", `<soapenv:Envelope><soapenv:Body/></soapenv:Envelope>`],
    ["an undefined entity", envelope("RetrieveServiceContent", `<_this type="ServiceInstance">&nope;</_this>`)],
    ["a body holding no method", `<Envelope xmlns="${NS.soapenv}"><Body/></Envelope>`],
    ["no Body", `<Envelope xmlns="${NS.soapenv}"><Header/></Envelope>`],
    ["a method without _this", envelope("CurrentTime", "")],
    ["deeply nested elements", envelope("CurrentTime", ref("ServiceInstance", "ServiceInstance") + "<a>".repeat(200) + "</a>".repeat(200))],
  ])("%s -> InvalidRequest", async (_what, xml) => {
    const reply = await raw(xml);
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("InvalidRequest");
  });

  it("refuses a DOCTYPE, expands no entity and reads no file", async () => {
    const xxe =
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
      envelope("Login", ref("SessionManager", "SessionManager") + "<userName>&xxe;</userName><password>x</password>");
    const reply = await raw(xxe);
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("InvalidRequest");
    expect(reply.text).not.toContain("root:");
  });

  it("refuses an entity expansion bomb quickly", async () => {
    const lol = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i < 10; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const bomb =
      `<?xml version="1.0"?><!DOCTYPE lolz [${lol.join("")}]>` +
      envelope("Login", ref("SessionManager", "SessionManager") + "<userName>&lol9;</userName><password>x</password>");
    const started = Date.now();
    const reply = await raw(bomb);
    expect(reply.fault).toBe("InvalidRequest");
    expect(reply.text.length).toBeLessThan(10_000);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("calls the server cannot dispatch", { timeout: 5000 }, () => {
  it("an unknown method -> MethodNotFound naming it and the receiver", async () => {
    const reply = await admin.call("FormatHardDisk", ref("ServiceInstance", "ServiceInstance"));
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("MethodNotFound");
    expect(text(reply.body, "method")).toBe("FormatHardDisk");
    expect(child(reply.body, "receiver")?.attrs.get("type")).toBe("ServiceInstance");
  });

  it.each([
    ["AddPortGroup", "HostSystem", "host"],
    ["RetrieveServiceContent", "HostNetworkSystem", "networkSystem"],
    ["Login", "PropertyCollector", "propertyCollector"],
    ["CreateContainerView", "Folder", "group-d1"],
  ])("%s on a %s -> MethodNotFound", async (method, type, value) => {
    const id = value === "host" ? esx01 : value === "networkSystem" ? ns01 : value;
    const reply = await admin.call(method, ref(type, id));
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("MethodNotFound");
    expect(text(reply.body, "method")).toBe(method);
  });

  it("names that are not vim25 methods (object internals) -> MethodNotFound", async () => {
    for (const method of ["constructor", "property", "begin", "toString", "__proto__"]) {
      const reply = await admin.call(method, ref("HostNetworkSystem", ns01));
      expect(reply.fault, method).toBe("MethodNotFound");
    }
  });

  it("an unknown object -> ManagedObjectNotFound", async () => {
    const reply = await admin.call("RemovePortGroup", ref("HostNetworkSystem", "networkSystem-9999"), "<pgName>VM Network</pgName>");
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("ManagedObjectNotFound");
    expect(child(reply.body, "obj")?.text).toBe("networkSystem-9999");
  });

  it("a MoRef of the wrong type -> ManagedObjectNotFound", async () => {
    const reply = await admin.call("RemovePortGroup", ref("HostVirtualNicManager", ns01), "<pgName>VM Network</pgName>");
    expect(reply.fault).toBe("ManagedObjectNotFound");
    expect(child(reply.body, "obj")?.attrs.get("type")).toBe("HostVirtualNicManager");
    const folder = await admin.call(
      "CreateContainerView",
      ref("ViewManager", "ViewManager"),
      moref("container", "Datacenter", "group-d1") + "<recursive>true</recursive>",
    );
    expect(folder.fault).toBe("ManagedObjectNotFound");
  });
});

describe("ill-typed or missing arguments -> InvalidArgument naming the field", { timeout: 5000 }, () => {
  const pg = (inner: string) => `<portgrp>${inner}</portgrp>`;

  it.each([
    ["a non-integer vlanId", pg("<name>PG-x</name><vlanId>abc</vlanId><vswitchName>vSwitch0</vswitchName><policy/>"), "portgrp.vlanId"],
    ["a fractional vlanId", pg("<name>PG-x</name><vlanId>1.5</vlanId><vswitchName>vSwitch0</vswitchName><policy/>"), "portgrp.vlanId"],
    [
      "an int out of range",
      pg("<name>PG-x</name><vlanId>99999999999</vlanId><vswitchName>vSwitch0</vswitchName><policy/>"),
      "portgrp.vlanId",
    ],
    ["a missing vswitchName", pg("<name>PG-x</name><vlanId>5</vlanId><policy/>"), "portgrp.vswitchName"],
    ["a missing policy", pg("<name>PG-x</name><vlanId>5</vlanId><vswitchName>vSwitch0</vswitchName>"), "portgrp.policy"],
    [
      "a repeated single field",
      pg("<name>a</name><name>b</name><vlanId>5</vlanId><vswitchName>vSwitch0</vswitchName><policy/>"),
      "portgrp.name",
    ],
    ["a missing parameter", "", "portgrp"],
    [
      "a non-boolean in a policy",
      pg(
        "<name>PG-x</name><vlanId>5</vlanId><vswitchName>vSwitch0</vswitchName><policy><security><allowPromiscuous>maybe</allowPromiscuous></security></policy>",
      ),
      "portgrp.policy.security.allowPromiscuous",
    ],
  ])("AddPortGroup with %s", async (_what, args, field) => {
    const reply = await nsCall("AddPortGroup", args);
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("InvalidArgument");
    expect(text(reply.body, "invalidProperty")).toBe(field);
  });

  it("a value the host rejects (VLAN 5000) -> InvalidArgument", async () => {
    const reply = await nsCall("AddPortGroup", pg("<name>PG-x</name><vlanId>5000</vlanId><vswitchName>vSwitch0</vswitchName><policy/>"));
    expect(reply.fault).toBe("InvalidArgument");
    expect(text(reply.body, "invalidProperty")).toBe("portgrp.vlanId");
  });

  it("a non-boolean dhcp in AddVirtualNic", async () => {
    const reply = await nsCall("AddVirtualNic", "<portgroup>VM Network</portgroup><nic><ip><dhcp>yes</dhcp></ip></nic>");
    expect(reply.fault).toBe("InvalidArgument");
    expect(text(reply.body, "invalidProperty")).toBe("nic.ip.dhcp");
  });

  it("a bad IP in AddVirtualNic changes nothing", async () => {
    const reply = await nsCall(
      "AddVirtualNic",
      "<portgroup>VM Network</portgroup><nic><ip><dhcp>false</dhcp><ipAddress>10.10.0.300</ipAddress><subnetMask>255.255.255.0</subnetMask></ip></nic>",
    );
    expect(reply.fault).toBe("InvalidArgument");
    expect(text(reply.body, "invalidProperty")).toBe("nic.ip.ipAddress");
  });

  it("a non-boolean recursive in CreateContainerView", async () => {
    const reply = await admin.call(
      "CreateContainerView",
      ref("ViewManager", "ViewManager"),
      moref("container", "Folder", "group-d1") + "<recursive>sometimes</recursive>",
    );
    expect(reply.fault).toBe("InvalidArgument");
    expect(text(reply.body, "invalidProperty")).toBe("recursive");
  });

  it("a MoRef without a type, and a bad maxObjects", async () => {
    const noType = await admin.call(
      "RetrievePropertiesEx",
      PC,
      `<specSet><propSet><type>Folder</type></propSet><objectSet><obj>group-d1</obj></objectSet></specSet><options/>`,
    );
    expect(noType.fault).toBe("InvalidArgument");
    expect(text(noType.body, "invalidProperty")).toBe("specSet.objectSet.obj");
    const max = await admin.call(
      "RetrievePropertiesEx",
      PC,
      `<specSet><propSet><type>Folder</type></propSet><objectSet><obj type="Folder">group-d1</obj></objectSet></specSet><options><maxObjects>lots</maxObjects></options>`,
    );
    expect(max.fault).toBe("InvalidArgument");
    expect(text(max.body, "invalidProperty")).toBe("options.maxObjects");
  });

  it("an unknown xsi:type on an argument", async () => {
    const reply = await nsCall(
      "AddVirtualSwitch",
      `<vswitchName>vSwitch9</vswitchName><spec><numPorts>64</numPorts><bridge xsi:type="NoSuchBridge"><nicDevice>vmnic2</nicDevice></bridge></spec>`,
    );
    expect(reply.fault).toBe("InvalidArgument");
    expect(text(reply.body, "invalidProperty")).toBe("spec.bridge");
  });

  it("a stack edit with one bad spec applies none of them", async () => {
    const reply = await nsCall(
      "UpdateNetworkConfig",
      `<config><netStackSpec><netStackInstance><key>defaultTcpipStack</key><congestionControlAlgorithm>cubic</congestionControlAlgorithm></netStackInstance><operation>edit</operation></netStackSpec>` +
        `<netStackSpec><netStackInstance><key>defaultTcpipStack</key><ipRouteConfig xsi:type="HostIpRouteConfig"><defaultGateway>not-an-ip</defaultGateway></ipRouteConfig></netStackInstance><operation>edit</operation></netStackSpec></config>` +
        `<changeMode>modify</changeMode>`,
    );
    expect(reply.fault).toBe("InvalidArgument");
  });
});

describe("request size", { timeout: 10_000 }, () => {
  it(`answers 413 to a body over MAX_BODY_BYTES (${MAX_BODY_BYTES}), declared or streamed`, async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const declared = await rawHttp(running.sdkUrl, { headers: { "Content-Type": "text/xml", "Content-Length": big.length }, body: big });
    expect(declared.status).toBe(413);
    const res = await fetch(running.sdkUrl, { method: "POST", headers: { Cookie: admin.cookie! }, body: big.toString() });
    expect(res.status).toBe(413);
    await res.text();
  });

  it("accepts a body of exactly MAX_BODY_BYTES", async () => {
    const xml = envelope("CurrentTime", ref("ServiceInstance", "ServiceInstance"));
    const padded = xml + " ".repeat(MAX_BODY_BYTES - Buffer.byteLength(xml));
    const reply = await raw(padded);
    expect(reply.status).toBe(200);
    expect(reply.body?.name).toBe("CurrentTimeResponse");
  });
});

describe("misbehaving connections", { timeout: 10_000 }, () => {
  it("a client stalled mid-body holds up no one else, and one that hangs up mid-body breaks nothing", async () => {
    const { port } = new URL(running.sdkUrl);
    const stalled = connect(Number(port), "127.0.0.1");
    await new Promise((r) => stalled.once("connect", r));
    stalled.write(`POST /sdk HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\n\r\n<soapenv:Envelope`);
    const started = Date.now();
    const reply = await admin.call("CurrentTime", ref("ServiceInstance", "ServiceInstance"));
    expect(reply.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    stalled.destroy();

    const hangUp = connect(Number(port), "127.0.0.1");
    await new Promise((r) => hangUp.once("connect", r));
    hangUp.resume();
    hangUp.end(
      `POST /sdk HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\n${envelope("Logout", ref("SessionManager", "SessionManager"))}`,
    );
    await new Promise((r) => hangUp.once("close", r));
    // The truncated Logout did not run: the session is still live.
    expect((await admin.call("CurrentTime", ref("ServiceInstance", "ServiceInstance"))).status).toBe(200);
  });

  it("garbage instead of HTTP gets a 400 and the server carries on", async () => {
    const { port } = new URL(running.sdkUrl);
    const sock = connect(Number(port), "127.0.0.1");
    let answer = "";
    sock.on("data", (d: Buffer) => (answer += d.toString()));
    await new Promise((r) => sock.once("connect", r));
    sock.write("\x00\x01\x02 NOT HTTP\r\n\r\n");
    await new Promise((r) => sock.once("close", r));
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });
});
