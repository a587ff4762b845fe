import type { MoRef } from "./types.ts";
import { PRIMITIVES, type Field, type Method, type Vim25Schema } from "./wsdl.ts";

/**
 * Turns a method's arguments into the object node-soap serializes: keys in WSDL field order (whatever the
 * caller's order), MoRefs as `<x type="T">value</x>`, and xsi:type on values of polymorphic types. A
 * wrong argument (unknown field, missing required field, wrong type) is a programming error: TypeError.
 */

type SoapValue = string | SoapObject | SoapValue[];
interface SoapObject {
  attributes?: Record<string, string>;
  $value?: string;
  [field: string]: SoapValue | Record<string, string> | undefined;
}

function primitive(value: unknown, type: string, path: string): string {
  switch (type) {
    case "string":
      if (typeof value === "string") return value;
      break;
    case "int":
    case "long":
    case "short":
    case "byte":
      if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
      break;
    case "double":
    case "float":
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      break;
    case "boolean":
      if (typeof value === "boolean") return String(value);
      break;
    case "dateTime":
      if (value instanceof Date) return value.toISOString();
      if (typeof value === "string") return value;
      break;
  }
  throw new TypeError(`${path}: expected xsd:${type}, got ${typeof value}`);
}

function moRef(value: unknown, path: string): SoapObject {
  const ref = value as Partial<MoRef> | null;
  if (typeof ref?.type !== "string" || typeof ref.value !== "string" || !ref.type || !ref.value) {
    throw new TypeError(`${path}: expected a ManagedObjectReference {type, value}`);
  }
  return { attributes: { type: ref.type }, $value: ref.value };
}

function data(schema: Vim25Schema, value: unknown, declared: string, path: string): SoapObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError(`${path}: expected a ${declared}`);
  const given = value as Record<string, unknown>;
  const actual = typeof given._type === "string" ? given._type : declared;
  const type = schema.type(actual);
  if (!type || !schema.isSubtype(actual, declared)) throw new TypeError(`${path}: ${actual} is not a ${declared}`);
  const known = new Set(type.fields.map((f) => f.name));
  const unknown = Object.keys(given).filter((k) => k !== "_type" && !known.has(k) && given[k] !== undefined);
  if (unknown.length > 0) {
    const hint = actual === declared && schema.isPolymorphic(declared) ? " (name the subtype in _type)" : "";
    throw new TypeError(`${path}: ${actual} has no field ${unknown.join(", ")}${hint}`);
  }
  const out: SoapObject = {};
  // Polymorphic values name their type, as vim25 servers need to pick the subtype.
  if (schema.isPolymorphic(declared) || actual !== declared) out.attributes = { "xsi:type": actual };
  for (const field of type.fields) {
    const encoded = encodeField(schema, given[field.name], field, `${path}.${field.name}`);
    if (encoded !== undefined) out[field.name] = encoded;
  }
  return out;
}

function encodeValue(schema: Vim25Schema, value: unknown, type: string, path: string): SoapValue {
  if (type === "ManagedObjectReference") return moRef(value, path);
  if (PRIMITIVES.has(type)) return primitive(value, type, path);
  return data(schema, value, type, path);
}

function encodeField(schema: Vim25Schema, value: unknown, field: Field, path: string): SoapValue | undefined {
  if (value === undefined || value === null) {
    if (!field.optional) throw new TypeError(`${path} is required`);
    return undefined;
  }
  if (!field.array) return encodeValue(schema, value, field.type, path);
  if (!Array.isArray(value)) throw new TypeError(`${path}: expected an array`);
  if (value.length === 0 && !field.optional) throw new TypeError(`${path} needs at least one item`);
  return value.map((item, i) => encodeValue(schema, item, field.type, `${path}[${i}]`));
}

/** The body of a `<Method>` request: `_this` first, then the parameters in WSDL order. */
export function encodeArgs(schema: Vim25Schema, method: Method, thisRef: MoRef, args: Record<string, unknown>): SoapObject {
  const names = new Set(method.params.map((p) => p.name));
  const unknown = Object.keys(args).filter((k) => !names.has(k) && args[k] !== undefined);
  if (unknown.length > 0) throw new TypeError(`${method.name} has no parameter ${unknown.join(", ")}`);
  const out: SoapObject = { _this: moRef(thisRef, `${method.name}._this`) };
  for (const param of method.params) {
    const encoded = encodeField(schema, args[param.name], param, `${method.name}.${param.name}`);
    if (encoded !== undefined) out[param.name] = encoded;
  }
  return out;
}
