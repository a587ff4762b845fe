import { SaxesParser } from "saxes";

export const NS = {
  soapenv: "http://schemas.xmlsoap.org/soap/envelope/",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  xsd: "http://www.w3.org/2001/XMLSchema",
  vim25: "urn:vim25",
} as const;

/** A parsed element with its namespace resolved, whatever prefix the client used. */
export interface XmlElement {
  name: string;
  uri: string;
  /** Attributes by "{uri}local" (no namespace: just "local"). */
  attrs: ReadonlyMap<string, string>;
  children: readonly XmlElement[];
  text: string;
}

export class XmlSyntaxError extends Error {}

const MAX_DEPTH = 64;
const XML_NS = "http://www.w3.org/XML/1998/namespace";
/** Most elements of a vim25 message have no attribute and most no child: they share these (fewer objects to collect). */
const NO_ATTRS: ReadonlyMap<string, string> = new Map();
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

const XSI_TYPE = `{${NS.xsi}}type`;

/** The local part of the xsi:type attribute (resolved by namespace URI), if any. */
export function xsiType(el: XmlElement): string | undefined {
  const qname = el.attrs.get(XSI_TYPE);
  if (qname === undefined) return undefined;
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/**
 * Parses a document into elements with resolved namespaces. saxes tokenises without its own namespace handling,
 * which costs more than the tokenising: prefixes are resolved here, against the few declarations a SOAP message
 * makes (on the envelope and a body element or two).
 */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ position: false });
  /** The open elements, each with the prefixes in scope at it ("" is the default namespace). */
  const stack: { el: XmlElement; scope: ReadonlyMap<string, string> }[] = [];
  let scope: ReadonlyMap<string, string> = new Map([["xml", XML_NS]]);
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  const fail = (message: string) => {
    failure ??= new XmlSyntaxError(message);
  };
  const resolve = (prefix: string, local: string) => {
    const uri = scope.get(prefix);
    if (uri === undefined && prefix !== "") fail(`unbound namespace prefix: ${prefix}:${local}`);
    return uri ?? "";
  };
  parser.on("error", (err) => {
    failure ??= err;
  });
  parser.on("doctype", () => fail("DOCTYPE is not allowed"));
  parser.on("opentag", (tag) => {
    if (stack.length >= MAX_DEPTH) return fail("document nested too deeply");
    const attributes = tag.attributes as Record<string, string>;
    let names: string[] | undefined;
    for (const name in attributes) {
      if (name === "xmlns" || name.startsWith("xmlns:")) {
        const declared = new Map(scope);
        declared.set(name === "xmlns" ? "" : name.slice(6), attributes[name]!);
        scope = declared;
      } else (names ??= []).push(name);
    }
    let attrs = NO_ATTRS;
    if (names) {
      const map = new Map<string, string>();
      for (const name of names) {
        const colon = name.indexOf(":");
        // An unprefixed attribute is in no namespace, whatever the default namespace.
        map.set(colon < 0 ? name : `{${resolve(name.slice(0, colon), name)}}${name.slice(colon + 1)}`, attributes[name]!);
      }
      attrs = map;
    }
    const colon = tag.name.indexOf(":");
    const el: XmlElement = {
      name: colon < 0 ? tag.name : tag.name.slice(colon + 1),
      uri: resolve(colon < 0 ? "" : tag.name.slice(0, colon), tag.name),
      attrs,
      children: NO_CHILDREN,
      text: "",
    };
    const parent = stack.at(-1);
    if (parent) {
      if (parent.el.children === NO_CHILDREN) parent.el.children = [el];
      else (parent.el.children as XmlElement[]).push(el);
    } else root ??= el;
    stack.push({ el, scope });
  });
  parser.on("text", (t) => {
    const top = stack.at(-1);
    if (top) top.el.text += t;
  });
  parser.on("cdata", (t) => {
    const top = stack.at(-1);
    if (top) top.el.text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
    // Back to the scope of the parent: the declarations of the closed element end with it.
    scope = stack.at(-1)?.scope ?? new Map([["xml", XML_NS]]);
  });
  try {
    parser.write(text).close();
  } catch (err) {
    failure ??= err as Error;
  }
  if (failure) throw new XmlSyntaxError(failure.message);
  if (!root) throw new XmlSyntaxError("empty document");
  return root;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(s: string): string {
  // Most text has nothing to escape: a test is cheaper than a replace that finds nothing.
  return NEEDS_ESCAPE.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : s;
}
