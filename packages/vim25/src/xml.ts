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

/** The prefixes bound outside any element. */
const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([["xml", XML_NS]]);

const XSI_TYPE = `{${NS.xsi}}type`;

/** The local part of the xsi:type attribute (resolved by namespace URI), if any. */
export function xsiType(el: XmlElement): string | undefined {
  const qname = el.attrs.get(XSI_TYPE);
  if (qname === undefined) return undefined;
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** What XML 1.0 allows anywhere in a document: no other control character, no lone surrogate, no U+FFFE/U+FFFF. */
const DISALLOWED_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const XML_DECL =
  /<\?xml[ \t\n\r]+version[ \t\n\r]*=[ \t\n\r]*(["'])1\.[0-9]+\1(?:[ \t\n\r]+encoding[ \t\n\r]*=[ \t\n\r]*(["'])[A-Za-z][\w.-]*\2)?(?:[ \t\n\r]+standalone[ \t\n\r]*=[ \t\n\r]*(["'])(?:yes|no)\3)?[ \t\n\r]*\?>/y;
/** A Name (XML 1.0, 5th edition), from a given position. */
const NAME =
  /[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}][-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]*/uy;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
/** Per ASCII code: 1 may start a name, 2 may only continue one; 0 neither (any non-ASCII code goes to NAME). */
const NAME_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  NAME_CHARS[c] = /[:A-Z_a-z]/.test(ch) ? 1 : /[-.0-9]/.test(ch) ? 2 : 0;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** Text with its references (the five predefined entities, character references) replaced. */
function unescape(raw: string): string {
  let out = "";
  let from = 0;
  for (let amp = raw.indexOf("&"); amp >= 0; amp = raw.indexOf("&", from)) {
    const semi = raw.indexOf(";", amp);
    if (semi < 0) throw new XmlSyntaxError("unexpected end.");
    const entity = raw.slice(amp + 1, semi);
    let value = ENTITIES[entity];
    if (value === undefined) {
      if (entity === "") throw new XmlSyntaxError("empty entity name.");
      if (entity[0] !== "#") {
        NAME.lastIndex = 0;
        const name = NAME.exec(entity);
        throw new XmlSyntaxError(name?.[0] === entity ? "undefined entity." : "disallowed character in entity name.");
      }
      const code =
        /^#x[0-9a-f]+$/i.test(entity) && entity[1] === "x"
          ? parseInt(entity.slice(2), 16)
          : /^#[0-9]+$/.test(entity)
            ? Number(entity.slice(1))
            : NaN;
      // A reference must name a character XML allows (a surrogate on its own is not one).
      if (!(code <= 0x10ffff) || DISALLOWED_CHAR.test(String.fromCodePoint(code))) throw new XmlSyntaxError("malformed character entity.");
      value = String.fromCodePoint(code);
    }
    out += raw.slice(from, amp) + value;
    from = semi + 1;
  }
  return from === 0 ? raw : out + raw.slice(from);
}

/** An attribute value: references replaced, and each literal tab or line break read as a space (XML's normalisation). */
function attributeValue(raw: string): string {
  if (raw.includes("<")) throw new XmlSyntaxError("disallowed character.");
  return unescape(/[\t\n\r]/.test(raw) ? raw.replace(/[\t\n\r]/g, " ") : raw);
}

/** Where the name at `start` ends; `what` names it in the error if there is none. */
function nameEnd(s: string, start: number, what: string): number {
  let k = start;
  let c = s.charCodeAt(k);
  if (c < 128 && NAME_CHARS[c] === 1) {
    do c = s.charCodeAt(++k);
    while (c < 128 && NAME_CHARS[c]! > 0);
  }
  // A name with other characters than ASCII ones, or none at all.
  if (k === start || c >= 128) {
    NAME.lastIndex = start;
    if (!NAME.test(s)) throw new XmlSyntaxError(`disallowed character in ${what}.`);
    k = NAME.lastIndex;
  }
  return k;
}

/** Where the white space at `i` ends. */
function spaceEnd(s: string, i: number): number {
  while (isSpace(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Parses a document into elements with resolved namespaces. A vim25 reply is megabytes of small elements: this
 * reads it with indexOf and charCodeAt, building each element as it goes, rather than through a general SAX parser's
 * events (which took most of a reply's read). It checks what makes a document well-formed (names, quoting, nesting,
 * references, characters, one root) and refuses a DOCTYPE, so no entity is ever declared or expanded.
 */
export function parseXml(input: string): XmlElement {
  if (DISALLOWED_CHAR.test(input)) throw new XmlSyntaxError("disallowed character.");
  // Line breaks are read as \n (XML's end-of-line handling); a BOM is not content.
  let s = input.includes("\r") ? input.replace(/\r\n?/g, "\n") : input;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const n = s.length;
  let i = 0;
  if (s.startsWith("<?xml") && isSpace(s.charCodeAt(5))) {
    XML_DECL.lastIndex = 0;
    if (!XML_DECL.test(s)) throw new XmlSyntaxError("malformed XML declaration.");
    i = XML_DECL.lastIndex;
  }
  /** The open elements, their names as written, and the prefixes in scope at each ("" is the default namespace). */
  const stack: XmlElement[] = [];
  const qnames: string[] = [];
  const scopes: ReadonlyMap<string, string>[] = [];
  /**
   * The children of the open elements, each one's after its parent's (from `starts`): an element's are copied out
   * when it closes, an array of just their number (arrays grown by push hold more, and a reply has thousands).
   */
  const pending: XmlElement[] = [];
  const starts: number[] = [];
  let scope = ROOT_SCOPE;
  let defaultUri = "";
  let top: XmlElement | undefined;
  let root: XmlElement | undefined;
  const resolve = (prefix: string, local: string) => {
    const uri = scope.get(prefix);
    if (uri === undefined && prefix !== "") throw new XmlSyntaxError(`unbound namespace prefix: ${prefix}:${local}`);
    return uri ?? "";
  };
  for (;;) {
    const lt = s.indexOf("<", i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      if (top) {
        const raw = s.slice(i, end);
        if (raw.includes("]]>")) throw new XmlSyntaxError('the string "]]>" is disallowed in char data.');
        top.text += raw.includes("&") ? unescape(raw) : raw;
      } else if (spaceEnd(s, i) < end) throw new XmlSyntaxError("text data outside of root node.");
    }
    if (lt < 0) break;
    i = lt + 1;
    const c = s.charCodeAt(i);
    if (c === 0x2f) {
      // A close tag: the open element's name as written, then > (space allowed before it).
      const qname = qnames[stack.length - 1];
      i++;
      if (qname === undefined || !s.startsWith(qname, i)) {
        const name = s.slice(i, nameEnd(s, i, "closing tag"));
        throw new XmlSyntaxError(qname === undefined ? `unmatched closing tag: ${name}.` : "unexpected close tag.");
      }
      i = spaceEnd(s, i + qname.length);
      if (s.charCodeAt(i) !== 0x3e) throw new XmlSyntaxError(i >= n ? "unexpected end." : "disallowed character in closing tag.");
      i++;
      const start = starts.pop()!;
      if (pending.length > start) {
        top!.children = pending.slice(start);
        pending.length = start;
      }
      stack.pop();
      qnames.pop();
      const closed = scopes.pop();
      const depth = stack.length;
      top = depth > 0 ? stack[depth - 1] : undefined;
      // Back to the scope of the parent: the declarations of the closed element end with it.
      const parentScope = depth > 0 ? scopes[depth - 1]! : ROOT_SCOPE;
      if (parentScope !== closed) {
        scope = parentScope;
        defaultUri = scope.get("") ?? "";
      }
    } else if (c === 0x21) i = markup(s, i, top);
    else if (c === 0x3f) i = processingInstruction(s, i);
    else {
      if (root && !top) throw new XmlSyntaxError("documents may contain only one root.");
      if (stack.length >= MAX_DEPTH) throw new XmlSyntaxError("document nested too deeply");
      const nameAt = i;
      i = nameEnd(s, i, "tag name");
      const qname = s.slice(nameAt, i);
      let attributes: string[] | undefined;
      for (;;) {
        const spaced = spaceEnd(s, i);
        const d = s.charCodeAt(spaced);
        if (d === 0x3e || d === 0x2f) {
          i = spaced;
          break;
        }
        if (spaced >= n) throw new XmlSyntaxError("unexpected end.");
        if (spaced === i) throw new XmlSyntaxError("no whitespace between attributes.");
        i = nameEnd(s, spaced, "attribute name");
        const name = s.slice(spaced, i);
        i = spaceEnd(s, i);
        if (s.charCodeAt(i) !== 0x3d) throw new XmlSyntaxError("attribute without value.");
        i = spaceEnd(s, i + 1);
        const quote = s.charCodeAt(i);
        if (quote !== 0x22 && quote !== 0x27) throw new XmlSyntaxError("unquoted attribute value.");
        const close = s.indexOf(quote === 0x22 ? '"' : "'", i + 1);
        if (close < 0) throw new XmlSyntaxError("unexpected end.");
        const value = attributeValue(s.slice(i + 1, close));
        i = close + 1;
        attributes ??= [];
        for (let k = 0; k < attributes.length; k += 2)
          if (attributes[k] === name) throw new XmlSyntaxError(`duplicate attribute: ${name}.`);
        attributes.push(name, value);
        if (name === "xmlns" || name.startsWith("xmlns:")) {
          const declared = new Map(scope);
          declared.set(name === "xmlns" ? "" : name.slice(6), value);
          scope = declared;
          defaultUri = scope.get("") ?? "";
        }
      }
      const selfClosing = s.charCodeAt(i) === 0x2f;
      if (selfClosing && s.charCodeAt(i + 1) !== 0x3e) throw new XmlSyntaxError("forward-slash in opening tag not followed by >.");
      i += selfClosing ? 2 : 1;
      // The declarations on an element apply to its own name and attributes, whatever their order.
      let attrs = NO_ATTRS;
      if (attributes) {
        let map: Map<string, string> | undefined;
        for (let k = 0; k < attributes.length; k += 2) {
          const name = attributes[k]!;
          if (name === "xmlns" || name.startsWith("xmlns:")) continue;
          const colon = name.indexOf(":");
          // An unprefixed attribute is in no namespace, whatever the default namespace.
          (map ??= new Map()).set(
            colon < 0 ? name : `{${resolve(name.slice(0, colon), name)}}${name.slice(colon + 1)}`,
            attributes[k + 1]!,
          );
        }
        if (map) attrs = map;
      }
      const colon = qname.indexOf(":");
      const el: XmlElement = {
        name: colon < 0 ? qname : qname.slice(colon + 1),
        uri: colon < 0 ? defaultUri : resolve(qname.slice(0, colon), qname),
        attrs,
        children: NO_CHILDREN,
        text: "",
      };
      if (top) pending.push(el);
      else root = el;
      if (selfClosing) {
        const parentScope = top ? scopes[stack.length - 1]! : ROOT_SCOPE;
        if (parentScope !== scope) {
          scope = parentScope;
          defaultUri = scope.get("") ?? "";
        }
      } else {
        stack.push(el);
        qnames.push(qname);
        scopes.push(scope);
        starts.push(pending.length);
        top = el;
      }
    }
  }
  if (!root) throw new XmlSyntaxError("document must contain a root element.");
  if (top) throw new XmlSyntaxError(`unclosed tag: ${qnames[stack.length - 1]!}`);
  return root;
}

/** `<!` at `i - 1`: a comment, a CDATA section (text of the open element) or a DOCTYPE (refused). Where it ends. */
function markup(s: string, i: number, top: XmlElement | undefined): number {
  const at = i + 1;
  if (s.startsWith("--", at)) {
    const end = s.indexOf("--", at + 2);
    if (end < 0) throw new XmlSyntaxError("unexpected end.");
    if (s.charCodeAt(end + 2) !== 0x3e) throw new XmlSyntaxError("malformed comment.");
    return end + 3;
  }
  if (s.startsWith("[CDATA[", at)) {
    if (!top) throw new XmlSyntaxError("text data outside of root node.");
    const end = s.indexOf("]]>", at + 7);
    if (end < 0) throw new XmlSyntaxError("unexpected end.");
    top.text += s.slice(at + 7, end);
    return end + 3;
  }
  if (s.startsWith("DOCTYPE", at)) throw new XmlSyntaxError("DOCTYPE is not allowed");
  throw new XmlSyntaxError("incorrect syntax.");
}

/** `<?` at `i - 1`: a processing instruction, skipped; an XML declaration anywhere but at the start is an error. */
function processingInstruction(s: string, i: number): number {
  const start = i + 1;
  const targetEnd = nameEnd(s, start, "processing instruction name");
  if (s.slice(start, targetEnd).toLowerCase() === "xml")
    throw new XmlSyntaxError("an XML declaration must be at the start of the document.");
  const end = s.indexOf("?>", targetEnd);
  if (end < 0) throw new XmlSyntaxError("unexpected end.");
  if (end > targetEnd && !isSpace(s.charCodeAt(targetEnd)))
    throw new XmlSyntaxError("disallowed character in processing instruction name.");
  return end + 2;
}

/**
 * A copy of a string cut out of a parsed document that does not keep the document alive: V8 keeps a cut ("sliced")
 * string's whole parent, and a reply is up to megabytes. For what outlives the reply (an index, a cache).
 */
export const detached = (s: string): string => Buffer.from(s).toString();

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(s: string): string {
  // Most text has nothing to escape: a test is cheaper than a replace that finds nothing.
  return NEEDS_ESCAPE.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : s;
}
