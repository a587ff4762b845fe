import { describe, expect, it } from "vitest";

import { decodeElement, NS, parseXml, XmlSyntaxError, xsiType } from "../src/index.ts";

describe("parseXml", () => {
  it("resolves each element's and attribute's prefix by the declarations in scope, not by the prefix's name", () => {
    const doc = parseXml(
      `<e:Envelope xmlns:e="${NS.soapenv}" xmlns:i="${NS.xsi}"><e:Body><R xmlns="urn:vim25"><returnval i:type="HostSystem" type="x">v</returnval></R>` +
        `<Other/></e:Body></e:Envelope>`,
    );
    expect([doc.name, doc.uri]).toEqual(["Envelope", NS.soapenv]);
    const body = doc.children[0]!;
    const [reply, other] = body.children;
    expect([reply!.name, reply!.uri]).toEqual(["R", NS.vim25]);
    // The default namespace declared on R ends with R.
    expect([other!.name, other!.uri]).toEqual(["Other", ""]);
    const returnval = reply!.children[0]!;
    expect(returnval.uri).toBe(NS.vim25);
    expect(xsiType(returnval)).toBe("HostSystem");
    // An unprefixed attribute is in no namespace.
    expect(returnval.attrs.get("type")).toBe("x");
    expect(returnval.text).toBe("v");
  });

  it("lets a child redeclare a prefix for itself and its descendants only", () => {
    const doc = parseXml(`<p:a xmlns:p="urn:one"><p:b xmlns:p="urn:two"><p:c/></p:b><p:d/></p:a>`);
    const [b, d] = doc.children;
    expect([doc.uri, b!.uri, b!.children[0]!.uri, d!.uri]).toEqual(["urn:one", "urn:two", "urn:two", "urn:one"]);
  });

  it("refuses an unbound prefix, a DOCTYPE and what is not well-formed", () => {
    expect(() => parseXml(`<p:a/>`)).toThrow(XmlSyntaxError);
    expect(() => parseXml(`<a q:x="1"/>`)).toThrow(/unbound namespace prefix/);
    expect(() => parseXml(`<!DOCTYPE a><a/>`)).toThrow(/DOCTYPE/);
    expect(() => parseXml(`<a><b></a>`)).toThrow(XmlSyntaxError);
  });

  it("keeps text with entities and CDATA, and elements without children or attributes", () => {
    const doc = parseXml(`<a><b>x &amp; y</b><c><![CDATA[<z>]]></c><d/></a>`);
    expect(doc.children.map((c) => [c.name, c.text, c.children.length, c.attrs.size])).toEqual([
      ["b", "x & y", 0, 0],
      ["c", "<z>", 0, 0],
      ["d", "", 0, 0],
    ]);
  });
});

describe("decodeElement", () => {
  const ip = (children: string) =>
    decodeElement(parseXml(`<ip xmlns="urn:vim25">${children}</ip>`), "HostIpConfig", "ip", { strict: true });

  it("decodes fields in the schema's order and in any other order alike", () => {
    const ordered = ip(`<dhcp>false</dhcp><ipAddress>10.0.0.1</ipAddress><subnetMask>255.0.0.0</subnetMask>`);
    expect(ordered).toEqual({ dhcp: false, ipAddress: "10.0.0.1", subnetMask: "255.0.0.0" });
    expect(ip(`<subnetMask>255.0.0.0</subnetMask><dhcp>false</dhcp><ipAddress>10.0.0.1</ipAddress>`)).toEqual(ordered);
  });

  it("refuses a single-valued field given twice and a missing required one, with the field's path", () => {
    expect(() => ip(`<dhcp>false</dhcp><ipAddress>a</ipAddress><ipAddress>b</ipAddress>`)).toThrow("ip.ipAddress is given more than once");
    expect(() => ip(`<ipAddress>10.0.0.1</ipAddress>`)).toThrow("ip.dhcp is required");
  });
});
