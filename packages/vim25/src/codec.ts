import { compareVersions, fieldsOf, PRIMITIVES, vim25, type Field, type Method } from "./schema.ts";
import { escapeXml, NS, xsiType, type XmlElement } from "./xml.ts";

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
  // Children by name once, rather than a scan of every child for every field.
  const byName = new Map<string, XmlElement[]>();
  for (const c of el.children) {
    const same = byName.get(c.name);
    if (same) same.push(c);
    else byName.set(c.name, [c]);
  }
  for (const f of fields) {
    const matches = byName.get(f.name) ?? [];
    const fieldPath = prefix ? `${prefix}.${f.name}` : f.name;
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

/** A value of the declared type, or of the subtype its xsi:type names. */
export function decodeElement(el: XmlElement, declared: string, path: string, options: DecodeOptions): unknown {
  const given = xsiType(el);
  let actual = given ?? declared;
  if (given !== undefined && given !== declared && options.strict && !PRIMITIVES.has(declared) && !vim25.isEnum(declared)) {
    if (!vim25.dataType(given) || !vim25.isSubtype(given, declared))
      throw new DecodeError(path, `${path}: type '${given}' is not a ${declared}`);
  }
  if (given !== undefined && PRIMITIVES.has(declared) && declared !== "anyType") actual = declared;
  if (actual.startsWith("ArrayOf")) {
    const item = arrayItem(actual);
    return el.children.filter((c) => c.name === item.name).map((c) => decodeElement(c, item.type, path, options));
  }
  if (PRIMITIVES.has(actual)) return decodePrimitive(el, actual, path);
  if (vim25.isEnum(actual)) {
    const text = el.text.trim();
    if (options.strict && !vim25.enumValues(actual)!.has(text))
      throw new DecodeError(path, `${path}: '${text.slice(0, 40)}' is not a ${actual}`);
    return text;
  }
  if (!vim25.dataType(actual)) {
    if (options.strict) throw new DecodeError(path, `${path}: type '${actual}' is not a vim25 type`);
    return opaque(el, actual);
  }
  const typed = declared === "anyType" || actual !== declared || vim25.isPolymorphic(declared);
  return decodeFields(el, fieldsOf(actual), path, options, typed ? { _type: actual } : {});
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

function primitiveText(type: string, value: unknown, path: string, options: EncodeOptions): string {
  if (options.checked) {
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
  return String(value);
}

/**
 * Appends `<tag>value</tag>` to out. `typeAttr` forces an xsi:type attribute, as property values, return
 * values and polymorphic fields need; enums then go under their own type name, as a vCenter sends them.
 */
export function encodeValue(
  out: string[],
  tag: string,
  type: string,
  value: unknown,
  typeAttr = false,
  options: EncodeOptions = UNCHECKED,
  path = tag,
): void {
  if (value instanceof Typed) {
    if (value.array) {
      const arrayType = arrayTypeName(value.type);
      const itemTag = arrayItem(arrayType).name;
      out.push(`<${tag} xsi:type="${arrayType}">`);
      for (const item of (value.value as unknown[]) ?? [])
        encodeValue(out, itemTag, value.type, item, vim25.isPolymorphic(value.type), options, path);
      out.push(`</${tag}>`);
    } else {
      encodeValue(out, tag, value.type, value.value, true, options, path);
    }
    return;
  }
  if (type === "ManagedObjectReference") {
    const ref = value as Partial<MoRef> | null;
    if (options.checked && (typeof ref?.type !== "string" || typeof ref.value !== "string" || !ref.type || !ref.value))
      throw new TypeError(`${path}: expected a ManagedObjectReference {type, value}`);
    const attr = typeAttr ? ' xsi:type="ManagedObjectReference"' : "";
    out.push(`<${tag}${attr} type="${escapeXml(String(ref!.type))}">${escapeXml(String(ref!.value))}</${tag}>`);
    return;
  }
  if (type === "anyType") {
    encodeValue(out, tag, inferType(value), value, true, options, path);
    return;
  }
  if (PRIMITIVES.has(type)) {
    const attr = typeAttr ? ` xsi:type="xsd:${type}"` : "";
    out.push(`<${tag}${attr}>${escapeXml(primitiveText(type, value, path, options))}</${tag}>`);
    return;
  }
  if (vim25.isEnum(type)) {
    if (options.checked && typeof value !== "string") throw new TypeError(`${path}: expected a ${type}`);
    const attr = typeAttr ? ` xsi:type="${type}"` : "";
    out.push(`<${tag}${attr}>${escapeXml(String(value))}</${tag}>`);
    return;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    if (options.checked) throw new TypeError(`${path}: expected a ${type}`);
    return;
  }
  const data = value as Record<string, unknown>;
  const actual = typeof data._type === "string" ? data._type : type;
  if (options.checked && (!vim25.dataType(actual) || !vim25.isSubtype(actual, type)))
    throw new TypeError(`${path}: ${actual} is not a ${type}`);
  const attr = typeAttr || vim25.isPolymorphic(type) || actual !== type ? ` xsi:type="${actual}"` : "";
  out.push(`<${tag}${attr}>`);
  encodeFields(out, actual, data, options, path);
  out.push(`</${tag}>`);
}

/** A data object's fields in WSDL order. */
export function encodeFields(
  out: string[],
  type: string,
  data: Record<string, unknown>,
  options: EncodeOptions = UNCHECKED,
  path = type,
): void {
  const fields = fieldsOf(type);
  if (options.checked) {
    const unknown = Object.keys(data).filter((k) => k !== "_type" && data[k] !== undefined && !fields.some((f) => f.name === k));
    if (unknown.length > 0) {
      const hint = data._type === undefined && vim25.isPolymorphic(type) ? " (name the subtype in _type)" : "";
      throw new TypeError(`${path}: ${type} has no field ${unknown.join(", ")}${hint}`);
    }
  }
  for (const f of fields) {
    if (f.since && options.version && compareVersions(f.since, options.version) > 0) continue;
    encodeField(out, f, data[f.name], options, `${path}.${f.name}`);
  }
}

export function encodeField(out: string[], f: Field, value: unknown, options: EncodeOptions = UNCHECKED, path = f.name): void {
  if (value === undefined || value === null) {
    if (options.checked && !f.optional) throw new TypeError(`${path} is required`);
    return;
  }
  if (!f.array) {
    encodeValue(out, f.name, f.type, value, false, options, path);
    return;
  }
  if (!Array.isArray(value)) {
    if (options.checked) throw new TypeError(`${path}: expected an array`);
    return;
  }
  value.forEach((item, i) => encodeValue(out, f.name, f.type, item, false, options, `${path}[${i}]`));
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
  const options: EncodeOptions = { checked: true };
  const out = [ENVELOPE_OPEN, `<${method.name} xmlns="${NS.vim25}">`];
  encodeValue(out, "_this", "ManagedObjectReference", thisRef, false, options, `${method.name}._this`);
  for (const p of method.params) encodeField(out, p, args[p.name], options, `${method.name}.${p.name}`);
  out.push(`</${method.name}>`, ENVELOPE_CLOSE);
  return out.join("");
}

/** A successful reply: `<MethodResponse>` with its returnval, typed where the value's type is not the declared one. */
export function encodeResponse(method: Method, result: unknown, options: EncodeOptions = UNCHECKED): string {
  const out = [ENVELOPE_OPEN, `<${method.name}Response xmlns="${NS.vim25}">`];
  const r = method.returns;
  if (r && result !== undefined) {
    if (r.array) for (const item of result as unknown[]) encodeValue(out, "returnval", r.type, item, false, options);
    else encodeValue(out, "returnval", r.type, result, r.type === "anyType", options);
  }
  out.push(`</${method.name}Response>`, ENVELOPE_CLOSE);
  return out.join("");
}

/** A SOAP fault's detail element, `<TypeFault xmlns="urn:vim25" xsi:type="Type">`, for a fault as data ({_type, ...fields}). */
export function encodeFaultDetail(fault: Record<string, unknown>, options: EncodeOptions = UNCHECKED): string {
  const out: string[] = [];
  const tag = `${String(fault._type)}Fault`;
  encodeValue(out, tag, "MethodFault", fault, true, options);
  out[0] = out[0]!.replace(`<${tag}`, `<${tag} xmlns="${NS.vim25}"`);
  return out.join("");
}
