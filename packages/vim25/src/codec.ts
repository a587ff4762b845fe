import { compareVersions, fieldsOf, PRIMITIVES, vim25, type Field, type Method } from "./schema.ts";
import { detached, escapeXml, NS, xsiType, type XmlElement } from "./xml.ts";

/**
 * One vim25 codec for both ends: the simulator decodes requests and encodes replies with it, the client
 * encodes requests and decodes replies. Values are plain objects with vim25's field names; numbers and
 * booleans are JS numbers and booleans, dateTime an ISO 8601 string, arrays always arrays, a
 * ManagedObjectReference {type, value}. `_type` names a value's vim25 type where it is not plain from where
 * it stands: a subtype, a value of a type that has subtypes, or a value of xsd:anyType.
 */

export interface MoRef {
  type: string;
  value: string;
}

export const moref = (type: string, value: string): MoRef => ({ type, value });

/** A value whose vim25 type is known only at run time (a property value, a task result): sent with xsi:type. */
export class Typed {
  constructor(
    readonly type: string,
    readonly array: boolean,
    readonly value: unknown,
  ) {}
}

/** What a decoder could not read, and where (a dotted path from the method or the property). */
export class DecodeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * How to read. A server is `strict`: a request must be of the declared types, with every required field. A
 * client is lenient, as a reply from a newer vCenter may hold types and fields this schema does not know:
 * those are kept as opaque data under their `_type`, never an error.
 */
export interface DecodeOptions {
  strict: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------------------

const INT = /^[+-]?\d{1,19}$/;
const INT_RANGES: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
};

function decodePrimitive(el: XmlElement, type: string, path: string): unknown {
  const text = el.text.trim();
  switch (type) {
    case "string":
    case "base64Binary":
    case "anyType":
      return el.text;
    case "int":
    case "long":
    case "short":
    case "byte": {
      const n = Number(text);
      if (!INT.test(text) || !Number.isSafeInteger(n)) throw new DecodeError(path, `${path}: '${text.slice(0, 40)}' is not an xsd:${type}`);
      const range = INT_RANGES[type];
      if (range && (n < range[0] || n > range[1])) throw new DecodeError(path, `${path}: ${text} is out of range for xsd:${type}`);
      return n;
    }
    case "float":
    case "double": {
      const n = Number(text);
      if (text === "" || !Number.isFinite(n)) throw new DecodeError(path, `${path}: '${text.slice(0, 40)}' is not an xsd:${type}`);
      return n;
    }
    case "boolean":
      if (text === "true" || text === "1") return true;
      if (text === "false" || text === "0") return false;
      throw new DecodeError(path, `${path}: '${text.slice(0, 40)}' is not an xsd:boolean`);
    case "dateTime":
      if (Number.isNaN(Date.parse(text))) throw new DecodeError(path, `${path}: '${text.slice(0, 40)}' is not an xsd:dateTime`);
      return text;
    case "ManagedObjectReference": {
      const refType = el.attrs.get("type");
      if (!refType || !text) throw new DecodeError(path, `${path}: a ManagedObjectReference needs a type and a value`);
      return moref(refType, text);
    }
  }
  throw new Error(`unhandled primitive ${type}`);
}

/** The item of an ArrayOfX type: from the schema, else by vim25's naming rule (ArrayOfString holds <string>). */
function arrayItem(arrayType: string): Field {
  const declared = vim25.dataType(arrayType)?.fields[0];
  if (declared) return declared;
  const item = arrayType.slice("ArrayOf".length);
  const lower = item.charAt(0).toLowerCase() + item.slice(1);
  return { name: item, type: PRIMITIVES.has(lower) ? lower : item, array: true, optional: true };
}

/** A value of a type the schema does not know (a newer vCenter's): its text, or its children by name. */
function opaque(el: XmlElement, type: string | undefined): unknown {
  if (el.children.length === 0 && !type) return el.text;
  const out: Record<string, unknown> = type ? { _type: type } : {};
  for (const child of el.children) {
    const value = opaque(child, xsiType(child));
    const prev = out[child.name];
    out[child.name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  if (el.children.length === 0) out.value = el.text;
  return out;
}

/**
 * Fields (or a method's parameters) from an element's children, by name, into `out`: arrays always arrays;
 * strictly, every required one present and none given twice. `prefix` names where they are, for errors.
 */
function decodeFields(
  el: XmlElement,
  fields: readonly Field[],
  prefix: string,
  options: DecodeOptions,
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  const children = el.children;
  if (!inSchemaOrder(children, fields)) return decodeByName(el, fields, prefix, options, out);
  // One walk: each field's elements are the run of children with its name.
  let i = 0;
  for (const f of fields) {
    const start = i;
    while (i < children.length && children[i]!.name === f.name) i++;
    if (i === start) {
      if (f.array) out[f.name] = [];
      else if (!f.optional && options.strict) throw new DecodeError(join(prefix, f.name), `${join(prefix, f.name)} is required`);
      continue;
    }
    const fieldPath = join(prefix, f.name);
    if (!f.array && i - start > 1 && options.strict) throw new DecodeError(fieldPath, `${fieldPath} is given more than once`);
    if (!f.array) {
      out[f.name] = decodeElement(children[start]!, f.type, fieldPath, options);
      continue;
    }
    const values = new Array<unknown>(i - start);
    for (let k = start; k < i; k++) values[k - start] = decodeElement(children[k]!, f.type, fieldPath, options);
    out[f.name] = values;
  }
  return out;
}

const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

/** Whether the children come in the fields' order, as vim25 writes them (a field's elements next to each other). */
function inSchemaOrder(children: readonly XmlElement[], fields: readonly Field[]): boolean {
  let f = 0;
  for (const c of children) {
    while (f < fields.length && fields[f]!.name !== c.name) f++;
    if (f === fields.length) return false;
  }
  return true;
}

/** decodeFields for children in any order, or with names the fields do not have (a newer vCenter's). */
function decodeByName(
  el: XmlElement,
  fields: readonly Field[],
  prefix: string,
  options: DecodeOptions,
  out: Record<string, unknown>,
): Record<string, unknown> {
  const byName = new Map<string, XmlElement[]>();
  for (const c of el.children) {
    const same = byName.get(c.name);
    if (same) same.push(c);
    else byName.set(c.name, [c]);
  }
  for (const f of fields) {
    const matches = byName.get(f.name) ?? [];
    const fieldPath = join(prefix, f.name);
    if (matches.length === 0) {
      if (f.array) out[f.name] = [];
      else if (!f.optional && options.strict) throw new DecodeError(fieldPath, `${fieldPath} is required`);
      continue;
    }
    if (!f.array && matches.length > 1 && options.strict) throw new DecodeError(fieldPath, `${fieldPath} is given more than once`);
    const values = matches.map((m) => decodeElement(m, f.type, fieldPath, options));
    out[f.name] = f.array ? values : values[0];
  }
  return out;
}

/** How a type's values are read, in the order decodeElement tells them apart. */
type Reading =
  | { kind: "array"; item: Field }
  | { kind: "primitive" }
  | { kind: "enum"; values: ReadonlySet<string> }
  | { kind: "data"; fields: readonly Field[] }
  | { kind: "unknown" };

/** Each schema type's reading, worked out once: a reply holds tens of thousands of values of a few dozen types. */
const readings = new Map<string, Reading>();
function readingOf(type: string): Reading {
  let reading = readings.get(type);
  if (reading === undefined) {
    const known = PRIMITIVES.has(type) || vim25.isEnum(type) || vim25.dataType(type) !== undefined;
    reading = type.startsWith("ArrayOf")
      ? { kind: "array", item: arrayItem(type) }
      : PRIMITIVES.has(type)
        ? { kind: "primitive" }
        : vim25.isEnum(type)
          ? { kind: "enum", values: vim25.enumValues(type)! }
          : vim25.dataType(type)
            ? { kind: "data", fields: fieldsOf(type) }
            : { kind: "unknown" };
    // Only the schema's types are kept, whatever names a message brings, and under a copy of the name: it is cut from
    // the message, which it would keep whole.
    if (known) readings.set(detached(type), reading);
  }
  return reading;
}

/** A value of the declared type, or of the subtype its xsi:type names. */
export function decodeElement(el: XmlElement, declared: string, path: string, options: DecodeOptions): unknown {
  const given = xsiType(el);
  let actual = declared;
  if (given !== undefined && given !== declared) {
    const declaredPrimitive = PRIMITIVES.has(declared);
    if (options.strict && !declaredPrimitive && !vim25.isEnum(declared)) {
      if (!vim25.dataType(given) || !vim25.isSubtype(given, declared))
        throw new DecodeError(path, `${path}: type '${given}' is not a ${declared}`);
    }
    if (!declaredPrimitive || declared === "anyType") actual = given;
  }
  const reading = readingOf(actual);
  switch (reading.kind) {
    case "array": {
      const item = reading.item;
      return el.children.filter((c) => c.name === item.name).map((c) => decodeElement(c, item.type, path, options));
    }
    case "primitive":
      return decodePrimitive(el, actual, path);
    case "enum": {
      const text = el.text.trim();
      if (options.strict && !reading.values.has(text)) throw new DecodeError(path, `${path}: '${text.slice(0, 40)}' is not a ${actual}`);
      return text;
    }
    case "unknown":
      if (options.strict) throw new DecodeError(path, `${path}: type '${actual}' is not a vim25 type`);
      return opaque(el, actual);
  }
  const typed = declared === "anyType" || actual !== declared || vim25.isPolymorphic(declared);
  return decodeFields(el, reading.fields, path, options, typed ? { _type: actual } : {});
}

/** A method's arguments (children of `<Method>`), typed by its parameters. */
export function decodeParams(methodEl: XmlElement, method: Method, options: DecodeOptions): Record<string, unknown> {
  return decodeFields(methodEl, method.params, "", options);
}

// ---------------------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------------------

export function arrayTypeName(type: string): string {
  return `ArrayOf${type.charAt(0).toUpperCase()}${type.slice(1)}`;
}

/**
 * How to write. `checked` (a client's requests): a value that does not fit its declared type — an unknown
 * field, a missing required field, a wrong primitive — is a programming error, thrown as a TypeError. A
 * server writes its own state unchecked: fields the schema does not know are left out.
 */
export interface EncodeOptions {
  checked: boolean;
  /** The client's vim25 version (its SOAPAction): fields newer than it are left out, as a vCenter does. */
  version?: string;
}

const UNCHECKED: EncodeOptions = { checked: false };

/** A reply's chunks: about 64 KiB of text each. */
const CHUNK = 64 * 1024;

/**
 * Text in; out as one string (a request, a fault's detail) or as UTF-8 chunks (a reply: 20 MB for a 2,500-host
 * read, never held as one string, nor as millions of pieces joined at the end).
 */
class XmlWriter {
  private text = "";
  private readonly chunks: Buffer[] = [];

  constructor(private readonly chunkSize = Infinity) {}

  write(s: string): void {
    this.text += s;
    if (this.text.length >= this.chunkSize) this.flush();
  }

  toString(): string {
    return this.text;
  }

  toChunks(): Buffer[] {
    this.flush();
    return this.chunks;
  }

  private flush(): void {
    if (this.text.length > 0) this.chunks.push(Buffer.from(this.text, "utf8"));
    this.text = "";
  }
}

/** One encoding under way: where it writes, and how. */
interface Encoding {
  w: XmlWriter;
  checked: boolean;
  version: string | undefined;
}

const encoding = (options: EncodeOptions, chunkSize?: number): Encoding => ({
  w: new XmlWriter(chunkSize),
  checked: options.checked,
  version: options.version,
});

/** How a declared type is written, in the order the encoder tells them apart. */
type Kind = "moref" | "anyType" | "primitive" | "enum" | "data";

const kinds = new Map<string, Kind>();
function kindOf(type: string): Kind {
  let kind = kinds.get(type);
  if (kind === undefined) {
    kind =
      type === "ManagedObjectReference"
        ? "moref"
        : type === "anyType"
          ? "anyType"
          : PRIMITIVES.has(type)
            ? "primitive"
            : vim25.isEnum(type)
              ? "enum"
              : "data";
    kinds.set(type, kind);
  }
  return kind;
}

/**
 * An element of a declared type (a field, a parameter, a returnval), with what writing it needs worked out once. One
 * class, so that every slot has one shape for the engine.
 */
class Slot {
  readonly kind: Kind;
  /** Values of the declared type carry xsi:type: it has subtypes. */
  readonly polymorphic: boolean;
  readonly open: string;
  readonly close: string;

  constructor(
    readonly tag: string,
    readonly type: string,
    readonly array = false,
    readonly optional = true,
    readonly since: string | undefined = undefined,
  ) {
    this.kind = kindOf(type);
    this.polymorphic = vim25.isPolymorphic(type);
    this.open = `<${tag}>`;
    this.close = `</${tag}>`;
  }
}

const fieldSlot = (f: Field): Slot => new Slot(f.name, f.type, f.array, f.optional, f.since);

/** Each data type's fields in WSDL order, as slots; as many as vim25 has types, at most. */
const plans = new Map<string, Slot[]>();
function planOf(type: string): Slot[] {
  let plan = plans.get(type);
  if (!plan) {
    plan = fieldsOf(type).map(fieldSlot);
    plans.set(type, plan);
  }
  return plan;
}

/** A primitive's text, escaped. */
function primitiveText(type: string, value: unknown, path: string, checked: boolean): string {
  if (checked) {
    const ok =
      type === "string" || type === "base64Binary"
        ? typeof value === "string"
        : type === "boolean"
          ? typeof value === "boolean"
          : type === "dateTime"
            ? typeof value === "string" || value instanceof Date
            : type === "float" || type === "double"
              ? typeof value === "number" && Number.isFinite(value)
              : typeof value === "number" && Number.isSafeInteger(value);
    if (!ok) throw new TypeError(`${path}: expected xsd:${type}, got ${typeof value}`);
  }
  if (value instanceof Date) return value.toISOString();
  if (type === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  return escapeXml(String(value));
}

/**
 * Writes `<tag>value</tag>`. `typeAttr` forces an xsi:type attribute, as property values, return values and
 * polymorphic fields need; enums then go under their own type name, as a vCenter sends them. `path` names the
 * value in a checked encoding's errors.
 */
function writeValue(e: Encoding, s: Slot, value: unknown, typeAttr: boolean, path: string): void {
  if (value instanceof Typed) {
    writeTyped(e, s.tag, value, path);
    return;
  }
  const tag = s.tag;
  switch (s.kind) {
    case "moref": {
      const ref = value as Partial<MoRef> | null;
      if (e.checked && (typeof ref?.type !== "string" || typeof ref.value !== "string" || !ref.type || !ref.value))
        throw new TypeError(`${path}: expected a ManagedObjectReference {type, value}`);
      const attr = typeAttr ? ' xsi:type="ManagedObjectReference"' : "";
      e.w.write(`<${tag}${attr} type="${escapeXml(String(ref!.type))}">${escapeXml(String(ref!.value))}</${tag}>`);
      return;
    }
    case "anyType":
      writeValue(e, new Slot(tag, inferType(value)), value, true, path);
      return;
    case "primitive":
      e.w.write((typeAttr ? `<${tag} xsi:type="xsd:${s.type}">` : s.open) + primitiveText(s.type, value, path, e.checked) + s.close);
      return;
    case "enum":
      if (e.checked && typeof value !== "string") throw new TypeError(`${path}: expected a ${s.type}`);
      e.w.write((typeAttr ? `<${tag} xsi:type="${s.type}">` : s.open) + escapeXml(String(value)) + s.close);
      return;
    case "data":
      writeData(e, s, value, typeAttr || s.polymorphic, path);
  }
}

/** A data object: xsi:type when asked for or when it is not of the declared type, then its fields in WSDL order. */
function writeData(e: Encoding, s: Slot, value: unknown, typeAttr: boolean, path: string): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    if (e.checked) throw new TypeError(`${path}: expected a ${s.type}`);
    return;
  }
  const data = value as Record<string, unknown>;
  const actual = typeof data._type === "string" ? data._type : s.type;
  if (e.checked) checkData(data, actual, s.type, path);
  e.w.write(typeAttr || actual !== s.type ? `<${s.tag} xsi:type="${actual}">` : s.open);
  for (const f of planOf(actual)) {
    if (f.since && e.version && compareVersions(f.since, e.version) > 0) continue;
    writeField(e, f, data[f.tag], e.checked ? `${path}.${f.tag}` : path);
  }
  e.w.write(s.close);
}

/** A checked encoding's data object: of the declared type or a subtype, with no field its type lacks. */
function checkData(data: Record<string, unknown>, actual: string, declared: string, path: string): void {
  if (!vim25.dataType(actual) || !vim25.isSubtype(actual, declared)) throw new TypeError(`${path}: ${actual} is not a ${declared}`);
  const fields = fieldsOf(actual);
  const unknown = Object.keys(data).filter((k) => k !== "_type" && data[k] !== undefined && !fields.some((f) => f.name === k));
  if (unknown.length > 0) {
    const hint = data._type === undefined && vim25.isPolymorphic(actual) ? " (name the subtype in _type)" : "";
    throw new TypeError(`${path}: ${actual} has no field ${unknown.join(", ")}${hint}`);
  }
}

/** A field (a method's parameter): absent when unset, an array field's items one element each. */
function writeField(e: Encoding, f: Slot, value: unknown, path: string): void {
  if (value === undefined || value === null) {
    if (e.checked && !f.optional) throw new TypeError(`${path} is required`);
    return;
  }
  if (!f.array) writeValue(e, f, value, false, path);
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) writeValue(e, f, value[i], false, e.checked ? `${path}[${i}]` : path);
  else if (e.checked) throw new TypeError(`${path}: expected an array`);
}

/** A value whose type is known only at run time, always with xsi:type; an array as ArrayOfX. */
function writeTyped(e: Encoding, tag: string, typed: Typed, path: string): void {
  if (!typed.array) {
    writeValue(e, new Slot(tag, typed.type), typed.value, true, path);
    return;
  }
  const arrayType = arrayTypeName(typed.type);
  const item = new Slot(arrayItem(arrayType).name, typed.type);
  e.w.write(`<${tag} xsi:type="${arrayType}">`);
  for (const v of (typed.value as unknown[] | undefined) ?? []) writeValue(e, item, v, item.polymorphic, path);
  e.w.write(`</${tag}>`);
}

function inferType(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "double";
  if (value instanceof Date) return "dateTime";
  if (value && typeof value === "object" && "_type" in value) return String((value as { _type: unknown })._type);
  if (value && typeof value === "object" && "type" in value && "value" in value) return "ManagedObjectReference";
  throw new Error("cannot infer the vim25 type of a value");
}

// ---------------------------------------------------------------------------------------------------------
// Envelopes
// ---------------------------------------------------------------------------------------------------------

export const ENVELOPE_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  `<soapenv:Envelope xmlns:soapenv="${NS.soapenv}" xmlns:xsd="${NS.xsd}" xmlns:xsi="${NS.xsi}"><soapenv:Body>`;
export const ENVELOPE_CLOSE = "</soapenv:Body></soapenv:Envelope>";

/** A request envelope: `<Method xmlns="urn:vim25">`, `_this`, then the parameters in WSDL order (checked). */
export function encodeRequest(method: Method, thisRef: MoRef, args: Record<string, unknown>): string {
  const unknown = Object.keys(args).filter((k) => args[k] !== undefined && !method.params.some((p) => p.name === k));
  if (unknown.length > 0) throw new TypeError(`${method.name} has no parameter ${unknown.join(", ")}`);
  const e = encoding({ checked: true });
  e.w.write(`${ENVELOPE_OPEN}<${method.name} xmlns="${NS.vim25}">`);
  writeValue(e, new Slot("_this", "ManagedObjectReference"), thisRef, false, `${method.name}._this`);
  for (const p of method.params) writeField(e, fieldSlot(p), args[p.name], `${method.name}.${p.name}`);
  e.w.write(`</${method.name}>${ENVELOPE_CLOSE}`);
  return e.w.toString();
}

/**
 * A successful reply: `<MethodResponse>` with its returnval, typed where the value's type is not the declared one.
 * In UTF-8 chunks of about 64 KiB, for a server to send one after another.
 */
export function encodeResponse(method: Method, result: unknown, options: EncodeOptions = UNCHECKED): Buffer[] {
  const e = encoding(options, CHUNK);
  e.w.write(`${ENVELOPE_OPEN}<${method.name}Response xmlns="${NS.vim25}">`);
  const r = method.returns;
  if (r && result !== undefined) {
    const returnval = new Slot("returnval", r.type);
    if (r.array) for (const item of result as unknown[]) writeValue(e, returnval, item, false, "returnval");
    else writeValue(e, returnval, result, r.type === "anyType", "returnval");
  }
  e.w.write(`</${method.name}Response>${ENVELOPE_CLOSE}`);
  return e.w.toChunks();
}

/** A SOAP fault's detail element, `<TypeFault xmlns="urn:vim25" xsi:type="Type">`, for a fault as data ({_type, ...fields}). */
export function encodeFaultDetail(fault: Record<string, unknown>, options: EncodeOptions = UNCHECKED): string {
  const e = encoding(options);
  const tag = `${String(fault._type)}Fault`;
  writeValue(e, new Slot(tag, "MethodFault"), fault, true, tag);
  return e.w.toString().replace(`<${tag}`, `<${tag} xmlns="${NS.vim25}"`);
}
