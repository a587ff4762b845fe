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
  attrs: Map<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlSyntaxError extends Error {}

const MAX_DEPTH = 64;

/** The local part of the xsi:type attribute (resolved by namespace URI), if any. */
export function xsiType(el: XmlElement): string | undefined {
  const qname = el.attrs.get(`{${NS.xsi}}type`);
  if (qname === undefined) return undefined;
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  parser.on("error", (err) => {
    failure ??= err;
  });
  parser.on("doctype", () => {
    failure ??= new XmlSyntaxError("DOCTYPE is not allowed");
  });
  parser.on("opentag", (tag) => {
    if (stack.length >= MAX_DEPTH) {
      failure ??= new XmlSyntaxError("document nested too deeply");
      return;
    }
    const attrs = new Map<string, string>();
    for (const a of Object.values(tag.attributes)) {
      if (a.uri === "http://www.w3.org/2000/xmlns/" || a.prefix === "xmlns" || a.name === "xmlns") continue;
      attrs.set(a.uri ? `{${a.uri}}${a.local}` : a.local, a.value);
    }
    const el: XmlElement = { name: tag.local, uri: tag.uri, attrs, children: [], text: "" };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else root ??= el;
    stack.push(el);
  });
  parser.on("text", (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on("cdata", (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
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
