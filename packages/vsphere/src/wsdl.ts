import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { WSDL, type IOptions } from "soap";

/** The hand-written vim25 WSDL subset (types, messages, port type, binding, service). */
const WSDL_PATH = fileURLToPath(new URL("../wsdl/vim25.wsdl", import.meta.url));

const VIM25_NS = "urn:vim25";

/** The xsd types vim25 uses, by local name; everything else is a vim25 complex type. */
export const PRIMITIVES = new Set(["string", "int", "long", "short", "byte", "boolean", "dateTime", "double", "float", "anyType"]);

/** Options shared by the WSDL and every soap.Client built on it (the client copies some into the WSDL). */
export const SOAP_OPTIONS: IOptions = {
  // Keep xsd primitives as their text: normalise.ts converts them by schema, also where the schema is
  // known only from xsi:type (property values), and dateTime keeps its full precision.
  customDeserializer: Object.fromEntries(
    ["int", "long", "short", "byte", "boolean", "dateTime", "double", "float"].map((t) => [t, (text: string) => text]),
  ),
};

export interface Field {
  name: string;
  /** A primitive (PRIMITIVES), "ManagedObjectReference" or a vim25 complex type. */
  type: string;
  array: boolean;
  optional: boolean;
}

export interface ComplexType {
  name: string;
  base?: string;
  /** Every field, the base type's first (xsd:extension order). */
  fields: Field[];
}

export interface Method {
  name: string;
  /** Parameters after `_this`, in WSDL order. */
  params: Field[];
  returns?: Field;
}

/** The vim25 schema as the client needs it: types in WSDL field order, the subtype relation, methods. */
export class Vim25Schema {
  private readonly subtyped = new Set<string>();

  constructor(
    readonly types: ReadonlyMap<string, ComplexType>,
    readonly methods: ReadonlyMap<string, Method>,
  ) {
    for (const t of types.values()) if (t.base) this.subtyped.add(t.base);
  }

  type(name: string): ComplexType | undefined {
    return this.types.get(name);
  }

  isSubtype(type: string, base: string): boolean {
    for (let t: string | undefined = type; t; t = this.types.get(t)?.base) if (t === base) return true;
    return false;
  }

  /** Types with subtypes: their values carry xsi:type on the wire. */
  isPolymorphic(type: string): boolean {
    return this.subtyped.has(type);
  }
}

/** The parts of node-soap's parsed schema elements that the schema model reads. */
interface XsdNode {
  name?: string;
  $name?: string;
  $type?: string;
  $base?: string;
  $minOccurs?: string;
  $maxOccurs?: string;
  children: XsdNode[];
}

interface XsdSchema {
  complexTypes: Record<string, XsdNode>;
  elements: Record<string, XsdNode>;
}

const localName = (qname: string) => qname.slice(qname.indexOf(":") + 1);

function findChild(node: XsdNode, name: string): XsdNode | undefined {
  return node.children.find((c) => c.name === name);
}

function sequenceFields(sequence: XsdNode | undefined): Field[] {
  return (sequence?.children ?? [])
    .filter((c) => c.name === "element")
    .map((c) => ({
      name: c.$name!,
      type: localName(c.$type!),
      array: c.$maxOccurs === "unbounded",
      optional: c.$minOccurs === "0",
    }));
}

function complexType(schema: XsdSchema, name: string, node: XsdNode, known: Map<string, ComplexType>): ComplexType {
  const done = known.get(name);
  if (done) return done;
  const extension = findChild(node, "complexContent") && findChild(findChild(node, "complexContent")!, "extension");
  let type: ComplexType;
  if (extension) {
    const base = localName(extension.$base!);
    const baseNode = schema.complexTypes[base];
    if (!baseNode) throw new Error(`vim25.wsdl: ${name} extends unknown type ${base}`);
    const inherited = complexType(schema, base, baseNode, known).fields;
    type = { name, base, fields: [...inherited, ...sequenceFields(findChild(extension, "sequence"))] };
  } else {
    type = { name, fields: sequenceFields(findChild(node, "sequence")) };
  }
  known.set(name, type);
  return type;
}

function buildSchema(wsdl: WSDL): Vim25Schema {
  const defs = wsdl.definitions as unknown as {
    schemas: Record<string, XsdSchema>;
    bindings: Record<string, { methods: Record<string, unknown> }>;
  };
  const schema = defs.schemas[VIM25_NS];
  if (!schema) throw new Error("vim25.wsdl: no urn:vim25 schema");
  const types = new Map<string, ComplexType>();
  for (const [name, node] of Object.entries(schema.complexTypes)) {
    // ManagedObjectReference is simple content (text plus a type attribute), handled on its own.
    if (name !== "ManagedObjectReference") complexType(schema, name, node, types);
  }
  const methods = new Map<string, Method>();
  for (const binding of Object.values(defs.bindings)) {
    for (const name of Object.keys(binding.methods)) {
      const request = schema.elements[name];
      const response = schema.elements[`${name}Response`];
      if (!request?.$type || !response) throw new Error(`vim25.wsdl: no request or response element for ${name}`);
      const params = types.get(localName(request.$type))?.fields.filter((f) => f.name !== "_this") ?? [];
      const inline = findChild(response, "complexType");
      const returns = inline && sequenceFields(findChild(inline, "sequence"))[0];
      methods.set(name, { name, params, returns });
    }
  }
  return new Vim25Schema(types, methods);
}

export interface Vim25 {
  wsdl: WSDL;
  schema: Vim25Schema;
  /** How long reading and parsing the WSDL took, once per process. */
  parseMs: number;
}

let loading: Promise<Vim25> | undefined;

/** The parsed WSDL and schema model: parsed on first use, then shared by every vCenter and session. */
export function loadVim25(): Promise<Vim25> {
  loading ??= (async () => {
    const started = performance.now();
    const xml = await readFile(WSDL_PATH, "utf8");
    const wsdl = await new Promise<WSDL>((resolve, reject) => {
      const parsed = new WSDL(xml, WSDL_PATH, SOAP_OPTIONS);
      parsed.onReady((err) => (err ? reject(err) : resolve(parsed)));
    });
    const schema = buildSchema(wsdl);
    return { wsdl, schema, parseMs: performance.now() - started };
  })();
  return loading;
}
