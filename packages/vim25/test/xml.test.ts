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
  it("refuses each kind of document that is not well-formed", () => {
    const bad = [
      "",
      "hello",
      "<a>",
      "</a>",
      "<a></b>",
      "<a><b></a></b>",
      "<a/><b/>",
      "x<a/>",
      "<a/>x",
      "<1a/>",
      "<a b=1/>",
      "<a b/>",
      '<a b="1"c="2"/>',
      '<a b="1" b="2"/>',
      '<a b="<"/>',
      "<a / >",
      "<a>x ]]> y</a>",
      "<a>&nope;</a>",
      "<a>&amp</a>",
      "<a>&;</a>",
      "<a>&#0;</a>",
      "<a>&#xD800;</a>",
      "<a>&#X41;</a>",
      "<a>\u0001</a>",
      "<a>\uFFFF</a>",
      "<a><!-- x -- y --></a>",
      "<a><!-- x",
      '<a><?xml version="1.0"?></a>',
      "<a><?pi",
      "<![CDATA[x]]><a/>",
      "<a><![CDATA[x</a>",
      "<a><!ELEMENT a ANY></a>",
      '<?xml version="2.0"?><a/>',
    ];
    for (const xml of bad) expect(() => parseXml(xml), JSON.stringify(xml)).toThrow(XmlSyntaxError);
  });

  it("reads references, line ends, attribute whitespace, comments, instructions, a BOM and the XML declaration", () => {
    const doc = parseXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- c --><?pi data?>' +
        `<a  b = "x\ty&#9;&lt;" c='"q"' >1&#x41;&#65;\r\n2<!-- c --><?p?>&quot;&apos;&gt;<![CDATA[&amp;]]>\u00e9\u{1F600}</a >\n`,
    );
    expect(doc.text).toBe("1AA\n2\"'>&amp;\u00e9\u{1F600}");
    expect([...doc.attrs]).toEqual([
      ["b", "x y\t<"],
      ["c", '"q"'],
    ]);
  });

  it("reads names beyond ASCII", () => {
    const doc = parseXml(`<\u65e5\u672c \u5c5e\u6027="v"><x-y.z_1/></\u65e5\u672c>`);
    expect([doc.name, doc.attrs.get("\u5c5e\u6027"), doc.children[0]!.name]).toEqual(["\u65e5\u672c", "v", "x-y.z_1"]);
  });

  it("refuses elements nested deeper than 64", () => {
    const nested = (depth: number) => "<a>".repeat(depth) + "</a>".repeat(depth);
    expect(() => parseXml(nested(64))).not.toThrow();
    expect(() => parseXml(nested(65))).toThrow("document nested too deeply");
    expect(() => parseXml("<a>".repeat(64) + "<b/>" + "</a>".repeat(64))).toThrow("document nested too deeply");
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
