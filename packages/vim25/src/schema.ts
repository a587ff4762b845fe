import { description, INTERNAL_METHODS, since, type RawField, type RawType } from "./description.ts";

/**
 * The one description of vim25 that addnet's client and simulator share: data types with their base types,
 * enums, managed object types with their properties, and methods with their parameters. vim25.json is
 * generated from VMware's own Go bindings (govmomi's vim25/types and vim25/mo) by ../generate/main.go;
 * description.ts adds the few methods and newer fields the bindings lack.
 */

export interface Field {
  name: string;
  /** A primitive (PRIMITIVES), an enum, or a data type name. */
  type: string;
  array: boolean;
  optional: boolean;
  /** The vim25 version that added a field newer than the generated bindings: a server leaves it out for older clients. */
  since?: string;
}

export interface DataType {
  name: string;
  base?: string;
  /** Every field, the base type's first (the WSDL's extension order). */
  fields: Field[];
}

export interface Method {
  name: string;
  /** Parameters after `_this`, in WSDL order. */
  params: Field[];
  returns?: Field;
}

/** The xsd types vim25 uses, and ManagedObjectReference (text with a type attribute): values, not data objects. */
export const PRIMITIVES: ReadonlySet<string> = new Set([
  "string",
  "boolean",
  "byte",
  "short",
  "int",
  "long",
  "float",
  "double",
  "dateTime",
  "base64Binary",
  "anyType",
  "ManagedObjectReference",
]);

const field = ([name, type, cardinality]: RawField, owner?: string): Field => ({
  name,
  type,
  array: cardinality === "[]",
  optional: cardinality !== "",
  ...(owner && since.has(`${owner}.${name}`) ? { since: since.get(`${owner}.${name}`) } : {}),
});

export const source = description.source;

const dataTypes = new Map<string, DataType>();
const managedTypes = new Map<string, DataType>();
const methods = new Map<string, Method>();
const enums = new Map(Object.entries(description.enums).map(([name, values]) => [name, new Set(values)]));
const subtyped = new Set<string>();

function build(table: Record<string, RawType>, into: Map<string, DataType>, name: string): DataType {
  const done = into.get(name);
  if (done) return done;
  const t = table[name];
  if (!t) throw new Error(`vim25: ${name} is not described`);
  const inherited = t.base ? build(table, into, t.base).fields : [];
  const type: DataType = { name, base: t.base, fields: [...inherited, ...t.fields.map((f) => field(f, name))] };
  into.set(name, type);
  return type;
}

for (const name of Object.keys(description.dataTypes)) {
  const t = build(description.dataTypes, dataTypes, name);
  if (t.base) subtyped.add(t.base);
}
for (const name of Object.keys(description.managedTypes)) build(description.managedTypes, managedTypes, name);
for (const [name, m] of Object.entries({ ...description.methods, ...INTERNAL_METHODS })) {
  methods.set(name, { name, params: m.params.map((p) => field(p)), returns: m.returns && field(m.returns) });
}

export const vim25 = {
  dataType: (name: string): DataType | undefined => dataTypes.get(name),
  managedType: (name: string): DataType | undefined => managedTypes.get(name),
  method: (name: string): Method | undefined => methods.get(name),
  /** The values of an enum type; undefined for a name that is not an enum. */
  enumValues: (name: string): ReadonlySet<string> | undefined => enums.get(name),
  isEnum: (name: string): boolean => enums.has(name),
  /** Types with subtypes: their values carry xsi:type on the wire. */
  isPolymorphic: (name: string): boolean => subtyped.has(name),
  /** Whether `type` is `base` or derives from it, among data types or among managed object types. */
  isSubtype(type: string, base: string): boolean {
    const table = dataTypes.has(type) ? dataTypes : managedTypes;
    for (let t: string | undefined = type; t; t = table.get(t)?.base) if (t === base) return true;
    return false;
  },
  /** Every managed object type's name. */
  managedTypeNames: (): IterableIterator<string> => managedTypes.keys(),
};

/** vim25 versions compare part by part as numbers: 8.0.10.0 is newer than 8.0.3.0. */
export function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Every field of a data type, base type's first; an unknown name is a programming error. */
export function fieldsOf(typeName: string): Field[] {
  const t = dataTypes.get(typeName);
  if (!t) throw new Error(`vim25: unknown data type ${typeName}`);
  return t.fields;
}

/** Every property of a managed object type, inherited ones included; none for an unknown type. */
export function propsOf(typeName: string): Field[] {
  return managedTypes.get(typeName)?.fields ?? [];
}
