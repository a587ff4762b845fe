import { escapeXml, xsiType, type XmlElement } from "../xml.ts";
import { Fault, faults } from "./fault.ts";
import { dataTypes, fieldsOf, isSubtype, PRIMITIVES, polymorphic, type Field, type MethodSpec } from "./schema.ts";

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

// ---------------------------------------------------------------------------------------------------------
// Decoding requests
// ---------------------------------------------------------------------------------------------------------

const INT = /^[+-]?\d{1,19}$/;

function decodePrimitive(el: XmlElement, type: string, path: string): unknown {
  const text = el.text.trim();
  switch (type) {
    case "string":
    case "anyType":
      return el.text;
    case "int":
    case "long":
    case "short":
    case "byte": {
      const n = Number(text);
      if (!INT.test(text) || !Number.isSafeInteger(n)) throw faults.invalidArgument(path, `${path}: '${text}' is not an integer`);
      if (type === "int" && (n < -2147483648 || n > 2147483647))
        throw faults.invalidArgument(path, `${path}: ${text} is out of range for xsd:int`);
      return n;
    }
    case "boolean":
      if (text === "true" || text === "1") return true;
      if (text === "false" || text === "0") return false;
      throw faults.invalidArgument(path, `${path}: '${text}' is not a boolean`);
    case "dateTime":
      if (Number.isNaN(Date.parse(text))) throw faults.invalidArgument(path, `${path}: '${text}' is not a dateTime`);
      return text;
    case "MoRef": {
      const refType = el.attrs.get("type");
      if (!refType || !text) throw faults.invalidArgument(path, `${path}: a ManagedObjectReference needs a type and a value`);
      return moref(refType, text);
    }
  }
  throw new Error(`unhandled primitive ${type}`);
}

function decodeData(el: XmlElement, declared: string, path: string): Record<string, unknown> {
  let actual = declared;
  const given = xsiType(el);
  if (given !== undefined && given !== declared) {
    if (!dataTypes.has(given) || !isSubtype(given, declared)) {
      throw faults.invalidArgument(path, `${path}: type '${given}' is not a ${declared}`);
    }
    actual = given;
  }
  const fields = fieldsOf(actual);
  const out: Record<string, unknown> = actual === declared ? {} : { _type: actual };
  for (const field of fields) {
    const matches = el.children.filter((c) => c.name === field.name);
    const fieldPath = `${path}.${field.name}`;
    if (matches.length === 0) {
      if (!field.optional) throw faults.invalidArgument(fieldPath, `${fieldPath} is required`);
      continue;
    }
    if (!field.array && matches.length > 1) throw faults.invalidArgument(fieldPath, `${fieldPath} is given more than once`);
    const values = matches.map((m) => decodeElement(m, field.type, fieldPath));
    out[field.name] = field.array ? values : values[0];
  }
  return out;
}

export function decodeElement(el: XmlElement, type: string, path: string): unknown {
  return PRIMITIVES.has(type) ? decodePrimitive(el, type, path) : decodeData(el, type, path);
}

/** The method's arguments, typed by its signature; a missing or ill-typed argument is InvalidArgument. */
export function decodeParams(methodEl: XmlElement, spec: MethodSpec): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const field of spec.params) {
    const matches = methodEl.children.filter((c) => c.name === field.name);
    if (matches.length === 0) {
      if (!field.optional) throw faults.invalidArgument(field.name, `Required parameter ${field.name} is missing`);
      continue;
    }
    if (!field.array && matches.length > 1) throw faults.invalidArgument(field.name, `${field.name} is given more than once`);
    const values = matches.map((m) => decodeElement(m, field.type, field.name));
    args[field.name] = field.array ? values : values[0];
  }
  return args;
}

// ---------------------------------------------------------------------------------------------------------
// Encoding responses
// ---------------------------------------------------------------------------------------------------------

const XSD_NAMES: Record<string, string> = {
  string: "string",
  int: "int",
  long: "long",
  short: "short",
  byte: "byte",
  boolean: "boolean",
  dateTime: "dateTime",
};

/** The element name of one item in an ArrayOfX value, and X itself. */
function arrayItemName(type: string): string {
  if (type === "MoRef") return "ManagedObjectReference";
  return type;
}

export function arrayTypeName(type: string): string {
  const item = arrayItemName(type);
  return `ArrayOf${item.charAt(0).toUpperCase()}${item.slice(1)}`;
}

function primitiveText(type: string, value: unknown): string {
  if (type === "dateTime") return value instanceof Date ? value.toISOString() : String(value);
  if (type === "boolean") return value ? "true" : "false";
  return String(value);
}

/**
 * Appends `<tag>value</tag>` to out. `typeAttr` forces an xsi:type attribute, as property values and
 * polymorphic fields need.
 */
export function encodeValue(out: string[], tag: string, type: string, value: unknown, typeAttr = false): void {
  if (value instanceof Typed) {
    if (value.array) {
      const items = (value.value as unknown[]) ?? [];
      out.push(`<${tag} xsi:type="${arrayTypeName(value.type)}">`);
      const itemTag = arrayItemName(value.type);
      for (const item of items) encodeValue(out, itemTag, value.type, item, polymorphic.has(value.type));
      out.push(`</${tag}>`);
    } else {
      encodeValue(out, tag, value.type, value.value, true);
    }
    return;
  }
  if (type === "MoRef") {
    const ref = value as MoRef;
    const attr = typeAttr ? ' xsi:type="ManagedObjectReference"' : "";
    out.push(`<${tag}${attr} type="${escapeXml(ref.type)}">${escapeXml(ref.value)}</${tag}>`);
    return;
  }
  if (type === "anyType") {
    const inferred = inferType(value);
    encodeValue(out, tag, inferred, value, true);
    return;
  }
  const xsd = XSD_NAMES[type];
  if (xsd) {
    const attr = typeAttr ? ` xsi:type="xsd:${xsd}"` : "";
    out.push(`<${tag}${attr}>${escapeXml(primitiveText(type, value))}</${tag}>`);
    return;
  }
  const data = value as Record<string, unknown>;
  const actual = (data._type as string | undefined) ?? type;
  const attr = typeAttr || polymorphic.has(type) || actual !== type ? ` xsi:type="${actual}"` : "";
  out.push(`<${tag}${attr}>`);
  encodeFields(out, actual, data);
  out.push(`</${tag}>`);
}

export function encodeFields(out: string[], type: string, data: Record<string, unknown>): void {
  for (const field of fieldsOf(type)) encodeField(out, field, data[field.name]);
}

function encodeField(out: string[], field: Field, value: unknown): void {
  if (value === undefined || value === null) return;
  if (field.array) {
    for (const item of value as unknown[]) encodeValue(out, field.name, field.type, item);
  } else {
    encodeValue(out, field.name, field.type, value);
  }
}

function inferType(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "int";
  if (value instanceof Date) return "dateTime";
  if (value && typeof value === "object" && "_type" in value) return String((value as { _type: unknown })._type);
  throw new Error("cannot infer the vim25 type of a value");
}

/** The `<TypeFault xmlns="urn:vim25" xsi:type="Type">` element that goes in a SOAP fault's detail. */
export function encodeFault(fault: Fault): string {
  const out: string[] = [];
  const tag = `${fault.type}Fault`;
  encodeValue(out, tag, "MethodFault", fault.toData(), true);
  out[0] = out[0]!.replace(`<${tag}`, `<${tag} xmlns="urn:vim25"`);
  return out.join("");
}

export { Fault };
