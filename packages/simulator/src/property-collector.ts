import { randomUUID } from "node:crypto";

import { ManagedObject, type Args, type CallContext } from "./managed-object.ts";
import { fieldsOf, PRIMITIVES, propsOf, Typed, vim25, type Field, type MoRef } from "@addnet/vim25";
import { faults } from "./vim/fault.ts";

interface SelectionSpec {
  _type?: string;
  name?: string;
  type?: string;
  path?: string;
  skip?: boolean;
  selectSet?: SelectionSpec[];
}

interface PropertySpec {
  type: string;
  all?: boolean;
  pathSet?: string[];
}

interface PropertyFilterSpec {
  propSet: PropertySpec[];
  objectSet: { obj: MoRef; skip?: boolean; selectSet?: SelectionSpec[] }[];
}

type ObjectContent = Record<string, unknown>;

/** The value at a property path, with its declared type; `invalid` when the path names no property. */
type Resolved = { invalid: true } | { invalid: false; field: Field; value: unknown };

export function resolveProperty(obj: ManagedObject, path: string, ctx: CallContext): Resolved {
  const [first, ...rest] = path.split(".");
  let field = propsOf(obj.type).find((p) => p.name === first);
  if (!field) return { invalid: true };
  let value = obj.property(first!, ctx);
  for (const segment of rest) {
    if (field.array || PRIMITIVES.has(field.type)) return { invalid: true };
    const actual = (value as { _type?: string } | undefined)?._type;
    const next: Field | undefined =
      fieldsOf(field.type).find((f) => f.name === segment) ??
      (actual && vim25.dataType(actual) ? fieldsOf(actual).find((f) => f.name === segment) : undefined);
    if (!next) return { invalid: true };
    field = next;
    value = (value as Record<string, unknown> | undefined)?.[segment];
  }
  return { invalid: false, field, value };
}

export class PropertyCollector extends ManagedObject {
  constructor() {
    super("PropertyCollector", "propertyCollector");
  }

  property(): unknown {
    return undefined;
  }

  /** Every object the filter specs select, walking TraversalSpecs from each ObjectSpec. */
  private selectObjects(spec: PropertyFilterSpec, ctx: CallContext): ManagedObject[] {
    const named = new Map<string, SelectionSpec>();
    const collectNames = (set: SelectionSpec[] | undefined) => {
      for (const s of set ?? []) {
        if (s.name && s.type && s.path && !named.has(s.name)) {
          named.set(s.name, s);
          collectNames(s.selectSet);
        } else if (s.type) collectNames(s.selectSet);
      }
    };
    for (const o of spec.objectSet) collectNames(o.selectSet);

    const selected = new Map<string, ManagedObject>();
    const visited = new Set<string>();
    const visit = (obj: ManagedObject, skip: boolean | undefined, selectSet: SelectionSpec[] | undefined) => {
      if (!skip) selected.set(obj.ref.value, obj);
      for (const sel of selectSet ?? []) {
        const traversal = sel.type && sel.path ? sel : named.get(sel.name ?? "");
        if (!traversal?.type || !traversal.path)
          throw faults.invalidArgument("specSet.objectSet.selectSet", `Unknown selection ${sel.name ?? ""}`);
        if (!vim25.isSubtype(obj.type, traversal.type)) continue;
        const resolved = resolveProperty(obj, traversal.path, ctx);
        if (resolved.invalid) throw faults.invalidProperty(traversal.path);
        const targets = resolved.field.array
          ? ((resolved.value as MoRef[] | undefined) ?? [])
          : resolved.value
            ? [resolved.value as MoRef]
            : [];
        for (const ref of targets) {
          const target = ctx.sim.findObject(ref.value);
          const key = `${traversal.name ?? `${traversal.type}.${traversal.path}`}|${ref.value}`;
          if (!target || visited.has(key)) continue;
          visited.add(key);
          visit(target, traversal.skip, traversal.selectSet);
        }
      }
    };
    for (const o of spec.objectSet) visit(ctx.sim.lookup(o.obj), o.skip, o.selectSet);
    return [...selected.values()];
  }

  private contents(specSet: PropertyFilterSpec[], ctx: CallContext): ObjectContent[] {
    const out: ObjectContent[] = [];
    for (const spec of specSet) {
      for (const ps of spec.propSet) {
        if (!vim25.isSubtype(ps.type, "ManagedObject"))
          throw faults.invalidArgument("specSet.propSet.type", `Unknown managed object type ${ps.type}`);
      }
      for (const obj of this.selectObjects(spec, ctx)) {
        const specs = spec.propSet.filter((ps) => vim25.isSubtype(obj.type, ps.type));
        if (specs.length === 0) continue;
        const entity = obj.entity;
        if (entity && !ctx.sim.hasPrivilege(ctx.session!.user, entity, "System.Read")) continue;
        const paths = new Set(specs.flatMap((ps) => (ps.all ? propsOf(obj.type).map((p) => p.name) : (ps.pathSet ?? []))));
        const propSet: unknown[] = [];
        const missingSet: unknown[] = [];
        for (const path of paths) {
          const resolved = resolveProperty(obj, path, ctx);
          if (resolved.invalid) {
            missingSet.push({ path, fault: { fault: faults.invalidProperty(path).toData(), localizedMessage: "" } });
          } else if (resolved.value !== undefined) {
            propSet.push({ name: path, val: new Typed(resolved.field.type, resolved.field.array, resolved.value) });
          }
        }
        out.push({ obj: obj.ref, propSet, missingSet });
      }
    }
    return out;
  }

  RetrieveProperties(args: Args, ctx: CallContext): ObjectContent[] {
    return this.contents(args.specSet as PropertyFilterSpec[], ctx);
  }

  RetrievePropertiesEx(args: Args, ctx: CallContext): unknown {
    const objects = this.contents(args.specSet as PropertyFilterSpec[], ctx);
    const maxObjects = (args.options as { maxObjects?: number }).maxObjects;
    if (maxObjects !== undefined && maxObjects < 0) throw faults.invalidArgument("options.maxObjects", "maxObjects cannot be negative");
    return this.page(objects, maxObjects || undefined, ctx);
  }

  ContinueRetrievePropertiesEx(args: Args, ctx: CallContext): unknown {
    const token = args.token as string;
    const pending = ctx.session!.retrieveTokens.get(token);
    if (!pending) throw faults.invalidArgument("token", "Unknown or already used token");
    ctx.session!.retrieveTokens.delete(token);
    const [pageSize, ...objects] = pending as [number, ...ObjectContent[]];
    return this.page(objects, pageSize, ctx);
  }

  CancelRetrievePropertiesEx(args: Args, ctx: CallContext): void {
    if (!ctx.session!.retrieveTokens.delete(args.token as string)) throw faults.invalidArgument("token", "Unknown or already used token");
  }

  /** One page of results; the rest waits under a single-use token of the caller's session. */
  private page(objects: ObjectContent[], pageSize: number | undefined, ctx: CallContext): unknown {
    if (objects.length === 0) return undefined;
    if (pageSize === undefined || objects.length <= pageSize) return { objects };
    const token = randomUUID();
    ctx.session!.retrieveTokens.set(token, [pageSize, ...objects.slice(pageSize)]);
    return { token, objects: objects.slice(0, pageSize) };
  }
}
