/**
 * A server's replies, as encodeResponse writes them: the rules of vim25 on the wire (/work/shared/docs/vim25-wire.md),
 * each spelled out to the byte, in UTF-8 chunks that a 2,500-host read (20 MB) is sent in.
 */
import { describe, expect, it } from "vitest";

import { encodeFaultDetail, encodeResponse, ENVELOPE_CLOSE, ENVELOPE_OPEN, Typed, vim25, type Method } from "../src/index.ts";

const method = (name: string): Method => vim25.method(name)!;

/** The whole reply, as text. */
const reply = (m: Method, result: unknown, version?: string) =>
  Buffer.concat(encodeResponse(m, result, { checked: false, version })).toString("utf8");

/** The reply between the envelope's Body tags. */
function body(m: Method, result: unknown, version?: string): string {
  const text = reply(m, result, version);
  expect(text.startsWith(ENVELOPE_OPEN) && text.endsWith(ENVELOPE_CLOSE)).toBe(true);
  return text.slice(ENVELOPE_OPEN.length, -ENVELOPE_CLOSE.length);
}

/** Fetch's returnval for a property value. */
const fetched = (value: Typed) => body(method("Fetch"), value).replace(/^<FetchResponse xmlns="urn:vim25">(.*)<\/FetchResponse>$/s, "$1");

describe("a reply's values", () => {
  it.each<[string, Typed, string]>([
    [
      "escapes the five XML characters",
      new Typed("string", false, `<a href="x">Tom & Jerry's</a>`),
      '<returnval xsi:type="xsd:string">&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;</returnval>',
    ],
    [
      "writes any text as it is",
      new Typed("string", false, "日本語のポートグループ 🚀"),
      '<returnval xsi:type="xsd:string">日本語のポートグループ 🚀</returnval>',
    ],
    ["types an int", new Typed("int", false, 0), '<returnval xsi:type="xsd:int">0</returnval>'],
    ["types a long", new Typed("long", false, 549755813888), '<returnval xsi:type="xsd:long">549755813888</returnval>'],
    ["types a boolean", new Typed("boolean", false, false), '<returnval xsi:type="xsd:boolean">false</returnval>'],
    [
      "writes a Date in ISO 8601",
      new Typed("dateTime", false, new Date("2026-11-26T13:44:24.765Z")),
      '<returnval xsi:type="xsd:dateTime">2026-11-26T13:44:24.765Z</returnval>',
    ],
    [
      "writes a dateTime given as text as it is",
      new Typed("dateTime", false, "2026-11-26T13:44:24.765736221Z"),
      '<returnval xsi:type="xsd:dateTime">2026-11-26T13:44:24.765736221Z</returnval>',
    ],
    [
      "sends an enum under its own type name",
      new Typed("HostSystemConnectionState", false, "connected"),
      '<returnval xsi:type="HostSystemConnectionState">connected</returnval>',
    ],
    [
      "writes a reference with its type, escaped",
      new Typed("ManagedObjectReference", false, { type: "HostSystem", value: "host-<1>" }),
      '<returnval xsi:type="ManagedObjectReference" type="HostSystem">host-&lt;1&gt;</returnval>',
    ],
    [
      "writes an array of references as ArrayOfManagedObjectReference",
      new Typed("ManagedObjectReference", true, [{ type: "HostSystem", value: "host-1" }]),
      '<returnval xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="HostSystem">host-1</ManagedObjectReference></returnval>',
    ],
    ["writes an empty array as an empty ArrayOfX", new Typed("string", true, []), '<returnval xsi:type="ArrayOfString"></returnval>'],
    [
      "writes an unset array as an empty ArrayOfX",
      new Typed("string", true, undefined),
      '<returnval xsi:type="ArrayOfString"></returnval>',
    ],
    [
      "writes a string array as ArrayOfString of <string>",
      new Typed("string", true, ["a", "b&c"]),
      '<returnval xsi:type="ArrayOfString"><string>a</string><string>b&amp;c</string></returnval>',
    ],
    [
      "types each item of an array of a type with subtypes",
      new Typed("HostVirtualSwitchBridge", true, [
        { _type: "HostVirtualSwitchBondBridge", nicDevice: ["vmnic0"] },
        { _type: "HostVirtualSwitchSimpleBridge", nicDevice: "vmnic1" },
      ]),
      '<returnval xsi:type="ArrayOfHostVirtualSwitchBridge">' +
        '<HostVirtualSwitchBridge xsi:type="HostVirtualSwitchBondBridge"><nicDevice>vmnic0</nicDevice></HostVirtualSwitchBridge>' +
        '<HostVirtualSwitchBridge xsi:type="HostVirtualSwitchSimpleBridge"><nicDevice>vmnic1</nicDevice></HostVirtualSwitchBridge></returnval>',
    ],
    [
      "writes fields in WSDL order and leaves out a field vim25 does not have",
      new Typed("HostVirtualNic", true, [
        { device: "vmk0", key: "k", portgroup: "pg", spec: { mtu: 1500, ip: { dhcp: false, ipAddress: "10.0.0.1" } }, notAField: 1 },
      ]),
      '<returnval xsi:type="ArrayOfHostVirtualNic"><HostVirtualNic><device>vmk0</device><key>k</key><portgroup>pg</portgroup>' +
        "<spec><ip><dhcp>false</dhcp><ipAddress>10.0.0.1</ipAddress></ip><mtu>1500</mtu></spec></HostVirtualNic></returnval>",
    ],
    [
      "leaves out unset and null fields",
      new Typed("HostPortGroupSpec", false, { name: "pg", vlanId: 0, vswitchName: undefined, policy: null }),
      '<returnval xsi:type="HostPortGroupSpec"><name>pg</name><vlanId>0</vlanId></returnval>',
    ],
    [
      "leaves out an array field that is not an array",
      new Typed("HostVirtualSwitchBondBridge", false, { nicDevice: "vmnic0" }),
      '<returnval xsi:type="HostVirtualSwitchBondBridge"></returnval>',
    ],
    ["infers xsd:int for an integral any-typed number", new Typed("anyType", false, 3), '<returnval xsi:type="xsd:int">3</returnval>'],
    ["infers xsd:double for another number", new Typed("anyType", false, 2.5), '<returnval xsi:type="xsd:double">2.5</returnval>'],
    ["infers xsd:string", new Typed("anyType", false, "text"), '<returnval xsi:type="xsd:string">text</returnval>'],
    ["infers xsd:boolean", new Typed("anyType", false, true), '<returnval xsi:type="xsd:boolean">true</returnval>'],
    [
      "infers xsd:dateTime",
      new Typed("anyType", false, new Date(0)),
      '<returnval xsi:type="xsd:dateTime">1970-01-01T00:00:00.000Z</returnval>',
    ],
    [
      "infers a reference",
      new Typed("anyType", false, { type: "Folder", value: "group-d1" }),
      '<returnval xsi:type="ManagedObjectReference" type="Folder">group-d1</returnval>',
    ],
    [
      "takes a data object's type from its _type",
      new Typed("anyType", false, { _type: "HostDnsConfig", dhcp: false, hostName: "esx" }),
      '<returnval xsi:type="HostDnsConfig"><dhcp>false</dhcp><hostName>esx</hostName></returnval>',
    ],
    [
      "writes a typed value inside a data object under its own type",
      new Typed("OptionValue", false, { key: "Net.TcpipHeapSize", value: new Typed("long", false, 32) }),
      '<returnval xsi:type="OptionValue"><key>Net.TcpipHeapSize</key><value xsi:type="xsd:long">32</value></returnval>',
    ],
    [
      "types an any-typed field's value",
      new Typed("OptionValue", false, { key: "k", value: 7 }),
      '<returnval xsi:type="OptionValue"><key>k</key><value xsi:type="xsd:int">7</value></returnval>',
    ],
  ])("%s", (_, value, expected) => {
    expect(fetched(value)).toBe(expected);
  });
});

describe("a reply", () => {
  it("of a void method or an unset property is an empty XxxResponse", () => {
    expect(body(method("Logout"), undefined)).toBe('<LogoutResponse xmlns="urn:vim25"></LogoutResponse>');
    expect(body(method("Fetch"), undefined)).toBe('<FetchResponse xmlns="urn:vim25"></FetchResponse>');
  });

  it("types a returnval only where its declared type does not say it all", () => {
    expect(body(method("CurrentTime"), new Date("2026-11-26T13:44:24Z"))).toBe(
      '<CurrentTimeResponse xmlns="urn:vim25"><returnval>2026-11-26T13:44:24.000Z</returnval></CurrentTimeResponse>',
    );
    expect(
      body(method("HasPrivilegeOnEntities"), [
        { entity: { type: "Folder", value: "group-d1" }, privAvailability: [] },
        { entity: { type: "HostSystem", value: "host-1" }, privAvailability: [{ privId: "System.View", isGranted: true }] },
      ]),
    ).toBe(
      '<HasPrivilegeOnEntitiesResponse xmlns="urn:vim25"><returnval><entity type="Folder">group-d1</entity></returnval>' +
        '<returnval><entity type="HostSystem">host-1</entity><privAvailability><privId>System.View</privId><isGranted>true</isGranted>' +
        "</privAvailability></returnval></HasPrivilegeOnEntitiesResponse>",
    );
  });

  it("leaves out a field newer than the client's version: NoPermission.missingPrivileges only from 7.0.3.2", () => {
    const entity = { type: "HostSystem", value: "host-1" };
    const fault = {
      _type: "NoPermission",
      object: entity,
      privilegeId: "Host.Config.Network",
      missingPrivileges: [{ entity, privilegeIds: ["Host.Config.Network"] }],
    };
    const result = { objects: [{ obj: entity, missingSet: [{ path: "config", fault: { fault, localizedMessage: "" } }] }] };
    const written = (version?: string) => body(method("RetrievePropertiesEx"), result, version);
    const without =
      '<fault xsi:type="NoPermission"><object type="HostSystem">host-1</object><privilegeId>Host.Config.Network</privilegeId></fault>';
    const withThem =
      '<fault xsi:type="NoPermission"><object type="HostSystem">host-1</object><privilegeId>Host.Config.Network</privilegeId>' +
      '<missingPrivileges><entity type="HostSystem">host-1</entity><privilegeIds>Host.Config.Network</privilegeIds></missingPrivileges></fault>';
    for (const version of ["6.5", "7.0.3.1"]) expect(written(version)).toContain(without);
    for (const version of [undefined, "7.0.3.2", "8.0.3.0"]) expect(written(version)).toContain(withThem);
    expect(written("7.0.3.1")).toBe(
      '<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="HostSystem">host-1</obj>' +
        `<missingSet><path>config</path><fault>${without}<localizedMessage></localizedMessage></fault></missingSet>` +
        "</objects></returnval></RetrievePropertiesExResponse>",
    );
  });

  it("comes in UTF-8 chunks of whole characters, however long, and a short one in one", () => {
    expect(encodeResponse(method("Logout"), undefined)).toHaveLength(1);
    const names = Array.from({ length: 20_000 }, (_, i) => `ネットワーク🚀&${i}`);
    const chunks = encodeResponse(method("Fetch"), new Typed("string", true, names));
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(Buffer.from(chunk.toString("utf8"), "utf8").equals(chunk)).toBe(true);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text).toContain(`<string>ネットワーク🚀&amp;0</string>`);
    expect(text.match(/<string>/g)).toHaveLength(names.length);
  });
});

describe("a fault's detail", () => {
  it("is <TypeFault xmlns=urn:vim25 xsi:type=Type> with the fault's fields", () => {
    expect(encodeFaultDetail({ _type: "InvalidProperty", name: "a&b" })).toBe(
      '<InvalidPropertyFault xmlns="urn:vim25" xsi:type="InvalidProperty"><name>a&amp;b</name></InvalidPropertyFault>',
    );
  });
});
