/** The one codec: what a vCenter sends decodes on the client, and what a request must be is enforced on the server. */
import { describe, expect, it } from "vitest";

import { decodeElement, DecodeError, encodeRequest, encodeResponse, parseXml, Typed, vim25 } from "../src/index.ts";

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';
const el = (xml: string) => parseXml(xml.replace(/^<(\w+)/, `<$1 ${XSI}`));
const lenient = { strict: false };
const strict = { strict: true };

describe("decoding what a vCenter sends", () => {
  it("reads an enum sent under its own type name, as vcsim and a real vCenter send it", () => {
    expect(decodeElement(el('<val xsi:type="HostSystemConnectionState">connected</val>'), "anyType", "val", lenient)).toBe("connected");
    expect(decodeElement(el('<returnval xsi:type="ManagedEntityStatus">green</returnval>'), "anyType", "r", lenient)).toBe("green");
  });

  it("reads a govmomi-style XMLSchema-instance prefix like xsi:", () => {
    const xml =
      '<val xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance" XMLSchema-instance:type="HostRuntimeInfo">' +
      "<connectionState>connected</connectionState><powerState>poweredOn</powerState><inMaintenanceMode>false</inMaintenanceMode></val>";
    expect(decodeElement(parseXml(xml), "anyType", "val", lenient)).toMatchObject({
      _type: "HostRuntimeInfo",
      connectionState: "connected",
      inMaintenanceMode: false,
    });
  });

  it("keeps a type newer than the schema as opaque data, and ignores fields it does not know", () => {
    const value = decodeElement(
      el('<val xsi:type="HostFutureThing"><a>1</a><b><c>x</c></b><b><c>y</c></b></val>'),
      "anyType",
      "val",
      lenient,
    );
    expect(value).toEqual({ _type: "HostFutureThing", a: "1", b: [{ c: "x" }, { c: "y" }] });
    const vnic = decodeElement(
      el(
        "<vnic><device>vmk0</device><key>k</key><portgroup>pg</portgroup><spec><mtu>1500</mtu><dpuId>d</dpuId></spec><newField>1</newField></vnic>",
      ),
      "HostVirtualNic",
      "vnic",
      lenient,
    );
    expect(vnic).toMatchObject({ device: "vmk0", spec: { mtu: 1500 } });
    expect(vnic).not.toHaveProperty("newField");
  });

  it("reads ArrayOfX values, arrays always arrays, and ManagedObjectReferences", () => {
    const xml =
      '<val xsi:type="ArrayOfManagedObjectReference"><ManagedObjectReference type="HostSystem">host-1</ManagedObjectReference></val>';
    expect(decodeElement(el(xml), "anyType", "val", lenient)).toEqual([{ type: "HostSystem", value: "host-1" }]);
    expect(decodeElement(el('<val xsi:type="ArrayOfString"><string>a</string><string>b</string></val>'), "anyType", "v", lenient)).toEqual([
      "a",
      "b",
    ]);
    expect(decodeElement(el("<s><nicDevice>vmnic0</nicDevice></s>"), "HostVirtualSwitchBondBridge", "s", lenient)).toEqual({
      nicDevice: ["vmnic0"],
    });
    expect(decodeElement(el('<b xsi:type="HostVirtualSwitchBondBridge"/>'), "HostVirtualSwitchBridge", "b", lenient)).toEqual({
      _type: "HostVirtualSwitchBondBridge",
      nicDevice: [],
    });
  });

  it("refuses what is not vim25 at all: a value that is not of its xsd type", () => {
    expect(() => decodeElement(el("<b>maybe</b>"), "boolean", "b", lenient)).toThrow(DecodeError);
    expect(() => decodeElement(el("<i>12x</i>"), "int", "i", lenient)).toThrow("is not an xsd:int");
  });
});

describe("decoding a request, strictly", () => {
  it("refuses an unknown or unrelated xsi:type, a missing required field and a value outside an enum", () => {
    expect(() => decodeElement(el('<s xsi:type="Nonsense"/>'), "SelectionSpec", "s", strict)).toThrow("is not a SelectionSpec");
    expect(() => decodeElement(el('<s xsi:type="HostVirtualNic"/>'), "SelectionSpec", "s", strict)).toThrow("is not a SelectionSpec");
    expect(() => decodeElement(el("<p><name>x</name></p>"), "HostPortGroupSpec", "p", strict)).toThrow("p.vlanId is required");
    expect(() => decodeElement(el("<o>sideways</o>"), "HostConfigChangeOperation", "o", strict)).toThrow(
      "is not a HostConfigChangeOperation",
    );
  });
});

describe("encoding", () => {
  it("writes a request in WSDL field order with xsi:type on polymorphic values, and checks it", () => {
    const xml = encodeRequest(
      vim25.method("AddVirtualSwitch")!,
      { type: "HostNetworkSystem", value: "ns-1" },
      {
        vswitchName: "vSwitch1",
        spec: { mtu: 9000, bridge: { _type: "HostVirtualSwitchBondBridge", nicDevice: ["vmnic2"] }, numPorts: 128 },
      },
    );
    expect(xml).toContain(
      '<AddVirtualSwitch xmlns="urn:vim25"><_this type="HostNetworkSystem">ns-1</_this><vswitchName>vSwitch1</vswitchName>' +
        '<spec><numPorts>128</numPorts><bridge xsi:type="HostVirtualSwitchBondBridge"><nicDevice>vmnic2</nicDevice></bridge><mtu>9000</mtu></spec>',
    );
    const ref = { type: "HostNetworkSystem", value: "ns-1" };
    expect(() => encodeRequest(vim25.method("AddPortGroup")!, ref, { portgrp: { name: "x", colour: 1 } })).toThrow("has no field colour");
    expect(() => encodeRequest(vim25.method("RemovePortGroup")!, ref, { pgName: 3 })).toThrow("expected xsd:string");
    expect(() => encodeRequest(vim25.method("RemovePortGroup")!, ref, {})).toThrow("RemovePortGroup.pgName is required");
  });

  it("answers Fetch with the value under its own type, as a vCenter does", () => {
    const xml = Buffer.concat(encodeResponse(vim25.method("Fetch")!, new Typed("HostSystemPowerState", false, "poweredOn"))).toString();
    expect(xml).toContain(
      '<FetchResponse xmlns="urn:vim25"><returnval xsi:type="HostSystemPowerState">poweredOn</returnval></FetchResponse>',
    );
  });
});
