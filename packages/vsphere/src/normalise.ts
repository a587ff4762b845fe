import { VimMalformedReplyError } from "./faults.ts";
import type { MoRef } from "./types.ts";
import { PRIMITIVES, type Field, type Vim25Schema } from "./wsdl.ts";

/**
 * Turns node-soap's parse of a reply into plain typed values, by the WSDL schema: xsd numbers and
 * booleans become numbers and booleans (node-soap leaves them as text, see SOAP_OPTIONS), every array
 * field is an array (node-soap gives a lone element as an object), MoRefs become {type, value}, and
 * values typed by xsi:type (property values, polymorphic fields) are read as that type. Fields the
 * subset WSDL does not declare are dropped; an unknown subtype is read as its declared type.
 */

type Parsed = Record<string, unknown>;

const isObject = (v: unknown): v is Parsed => typeof v === "object" && v !== null && !Array.isArray(v);

export const toArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/**
 * The local name of the element's xsi:type. node-soap keeps attribute names with their prefix, which
 * varies (xsi:, XMLSchema-instance: from govmomi); in vim25 the only prefixed `type` attribute is
 * xsi:type, and a MoRef's own `type` attribute is unprefixed.
 */
export function xsiType(raw: unknown): string | undefined {
  const attrs = isObject(raw) ? raw.attributes : undefined;
  if (!isObject(attrs)) return undefined;
  for (const [name, value] of Object.entries(attrs)) {
    if (name.endsWith(":type") && typeof value === "string") return value.slice(value.indexOf(":") + 1);
  }
  return undefined;
}

function text(raw: unknown): string {
  if (raw === undefined || raw === null) return "";
  if (isObject(raw)) return raw.$value === undefined ? "" : String(raw.$value);
  return String(raw);
}

const INTEGER = /^[+-]?\d+$/;

function primitive(raw: unknown, type: string, path: string): unknown {
  const value = text(raw);
  switch (type) {
    case "int":
    case "long":
    case "short":
    case "byte":
      if (INTEGER.test(value.trim())) return Number(value);
      break;
    case "double":
    case "float":
      if (value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
      break;
    case "boolean":
      if (value === "true" || value === "1") return true;
      if (value === "false" || value === "0") return false;
      break;
    default:
      return value;
  }
  throw new VimMalformedReplyError(path, `'${value.slice(0, 40)}' is not an xsd:${type}`);
}

function moRef(raw: unknown, path: string): MoRef {
  const type = isObject(raw) && isObject(raw.attributes) ? raw.attributes.type : undefined;
  const value = text(raw);
  if (typeof type !== "string" || !value) throw new VimMalformedReplyError(path, "a ManagedObjectReference needs a type and a value");
  return { type, value };
}

/** The item field of an ArrayOfX type: from the WSDL, else by vim25's naming rule (ArrayOfString holds <string>). */
function arrayItem(schema: Vim25Schema, arrayType: string): Field {
  const declared = schema.type(arrayType)?.fields[0];
  if (declared) return declared;
  const item = arrayType.slice("ArrayOf".length);
  const lower = item.charAt(0).toLowerCase() + item.slice(1);
  return { name: item, type: PRIMITIVES.has(lower) ? lower : item, array: true, optional: true };
}

function data(schema: Vim25Schema, raw: unknown, declared: string, actual: string, path: string): Parsed {
  const type = schema.type(actual) ?? schema.type(declared);
  if (!type) throw new VimMalformedReplyError(path, `type ${actual} is not in the vim25.wsdl subset (add it there to read it)`);
  const source = isObject(raw) ? raw : {};
  const out: Parsed = {};
  if (declared === "anyType" || schema.isPolymorphic(declared) || actual !== declared) out._type = actual;
  for (const field of type.fields) {
    const value = source[field.name];
    const fieldPath = `${path}.${field.name}`;
    if (field.array) out[field.name] = toArray(value).map((item) => normalise(schema, item, field.type, fieldPath));
    else if (value !== undefined) out[field.name] = normalise(schema, value, field.type, fieldPath);
  }
  return out;
}

/** A parsed value of the declared type (or of the subtype its xsi:type names). `path` only labels errors. */
export function normalise(schema: Vim25Schema, raw: unknown, declared: string, path = declared): unknown {
  const actual = xsiType(raw) ?? declared;
  if (actual.startsWith("ArrayOf")) {
    const item = arrayItem(schema, actual);
    const items = isObject(raw) ? raw[item.name] : undefined;
    return toArray(items).map((v) => normalise(schema, v, item.type, path));
  }
  if (actual === "ManagedObjectReference") return moRef(raw, path);
  if (PRIMITIVES.has(actual)) return primitive(raw, actual, path);
  return data(schema, raw, declared, actual, path);
}

/** A fault from a SOAP fault's detail, whose element may lack xsi:type (then its name, `<Type>Fault`, says it). */
export function normaliseFault(schema: Vim25Schema, raw: unknown, type: string): Parsed {
  return data(schema, raw, "MethodFault", xsiType(raw) ?? type, type);
}
