import { randomUUID } from "node:crypto";

import { ManagedEntity, ManagedObject, readClock, refs, resolveProperty, type Args, type CallContext } from "./managed-object.ts";
import { propsOf, Typed, vim25, type MoRef } from "@addnet/vim25";
import { Fault, faults } from "./vim/fault.ts";

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

/** A filter of a property collector: the spec, and what was last reported of each object (for the next diff). */
/**
 * The traversal paths whose targets change only when a child is added to the container (its structure moves) or the
 * inventory is built anew: what the inventory's walks from the root folder take.
 */
const STRUCTURAL = new Set([
  "Folder.childEntity",
  "Datacenter.hostFolder",
  "Datacenter.vmFolder",
  "Datacenter.networkFolder",
  "Datacenter.datastoreFolder",
  "ComputeResource.host",
  "ClusterComputeResource.host",
]);

/** A spec's objects, and the containers its walk went through with their structure (none: walk again every time). */
interface Selection {
  objects: [ManagedObject, PropertySpec[]][];
  containers: [ManagedEntity, number][] | undefined;
}

/** The MoRef values of the objects a selection holds. */
const selected = (selection: Selection) => new Set(selection.objects.map(([o]) => o.ref.value));

/** Whether a walk would select the same objects again: every container it went through is there, with no new child. */
function unchanged(selection: Selection, ctx: CallContext): boolean {
  return Boolean(selection.containers?.every(([c, structure]) => c.structure === structure && ctx.sim.findObject(c.ref.value) === c));
}

export class PropertyFilter extends ManagedObject {
  /** Object MoRef value to its properties as last reported (path to the value serialised). */
  reported = new Map<string, { obj: MoRef; props: Map<string, string> }>();
  /** The clock's reading when the filter last read its objects: what has not changed since need not be read again. */
  readAt = 0;
  /** What the filter selected last, while the containers its traversals went through have no child added or removed. */
  selection: Selection | undefined;
  /** The selection the filter's last report was made from: objects missing from a newer one have left. */
  reportedFrom: Selection | undefined;

  constructor(
    value: string,
    readonly collector: PropertyCollector,
    readonly spec: PropertyFilterSpec,
    readonly partialUpdates: boolean,
  ) {
    super("PropertyFilter", value);
  }

  property(name: string): unknown {
    switch (name) {
      case "spec":
        return this.spec;
      case "partialUpdates":
        return this.partialUpdates;
    }
    return undefined;
  }

  DestroyPropertyFilter(_args: Args, ctx: CallContext): void {
    ctx.sim.disown(this, ctx.session);
  }
}

/** A property value as the diff compares it. */
const serialise = (val: unknown) => JSON.stringify(val instanceof Typed ? val.value : val);

export class PropertyCollector extends ManagedObject {
  /** WaitForUpdatesEx calls waiting on this collector, to be cancelled. */
  private readonly waiting = new Set<() => void>();

  constructor(value = "propertyCollector") {
    super("PropertyCollector", value);
  }

  property(name: string, ctx: CallContext): unknown {
    return name === "filter" ? refs(this.filters(ctx)) : undefined;
  }

  /** The caller's filters on this collector: each session has its own, as on vCenter's session-scoped collector. */
  private filters(ctx: CallContext): PropertyFilter[] {
    return ctx.sim.ownedBy(ctx.session!).filter((o): o is PropertyFilter => o instanceof PropertyFilter && o.collector === this);
  }

  CreatePropertyCollector(_args: Args, ctx: CallContext): MoRef {
    return ctx.sim.own(ctx.session!, (value) => new PropertyCollector(value)).ref;
  }

  DestroyPropertyCollector(args: Args, ctx: CallContext): void {
    if (this.ref.value === "propertyCollector")
      throw faults.invalidArgument("_this", "The session's default collector cannot be destroyed");
    for (const f of this.filters(ctx)) f.DestroyPropertyFilter(args, ctx);
    this.CancelWaitForUpdates();
    ctx.sim.disown(this, ctx.session);
  }

  CreateFilter(args: Args, ctx: CallContext): MoRef {
    const spec = args.spec as PropertyFilterSpec;
    this.contents([spec], ctx); // an invalid spec fails here, as vCenter refuses it at creation
    return ctx.sim.own(ctx.session!, (value) => new PropertyFilter(value, this, spec, Boolean(args.partialUpdates))).ref;
  }

  /**
   * The changes since `version` to what the caller's filters select: every object enters at the first call ("" or
   * no version), later calls report what was modified, entered or left. With nothing to report it waits for a
   * change, up to maxWaitSeconds (0: answer at once; none: until a change or CancelWaitForUpdates).
   */
  async WaitForUpdatesEx(args: Args, ctx: CallContext): Promise<unknown> {
    const options = (args.options as { maxWaitSeconds?: number } | undefined) ?? {};
    const version = (args.version as string | undefined) ?? "";
    const deadline = options.maxWaitSeconds === undefined ? undefined : Date.now() + options.maxWaitSeconds * 1000;
    if (version !== "" && !/^\d+$/.test(version)) throw faults.invalidArgument("version", `Unknown version ${version}`);
    if (version === "") for (const f of this.filters(ctx)) f.reported.clear();
    for (;;) {
      const filterSet = this.filters(ctx).flatMap((f) => this.updates(f, ctx));
      if (filterSet.length > 0) return { version: String(Number(version || 0) + 1), filterSet, truncated: false };
      const left = deadline === undefined ? undefined : deadline - Date.now();
      if (left !== undefined && left <= 0) return undefined;
      const cancelled = await new Promise<boolean>((resolve) => {
        const timer = left === undefined ? undefined : setTimeout(() => done(false), left);
        const done = (cancel: boolean) => {
          clearTimeout(timer);
          this.waiting.delete(cancel$);
          ctx.sim.offChange(change);
          resolve(cancel);
        };
        const cancel$ = () => done(true);
        const change = () => done(false);
        this.waiting.add(cancel$);
        ctx.sim.onChange(change);
      });
      if (cancelled) throw new Fault("RequestCanceled", {}, "The request was canceled");
    }
  }

  /**
   * A filter's objects walked again now that the inventory was built anew (a reset), as vCenter follows its inventory
   * as it changes, rather than by the filter's next WaitForUpdatesEx. A filter whose objects are gone (a session's view)
   * is left to its next call, which fails as it would have.
   */
  reselect(filter: PropertyFilter, ctx: CallContext): void {
    try {
      filter.selection = this.selection(filter.spec, ctx);
    } catch {
      filter.selection = undefined;
    }
  }

  CancelWaitForUpdates(): void {
    for (const cancel of [...this.waiting]) cancel();
  }

  /**
   * One filter's ObjectUpdates against what it reported last, recording what it reports now. As on vCenter, only what
   * may have changed is read again: an object that changes with a host (revisedWith) and that the filter has reported
   * is skipped while the host has not changed since the filter last read; everything else is read.
   */
  private updates(filter: PropertyFilter, ctx: CallContext): unknown[] {
    const since = filter.readAt;
    filter.readAt = readClock();
    const objectSet: unknown[] = [];
    // Objects leave a filter only when it selects anew or one can no longer be read: otherwise the unchanged objects of a
    // large inventory are passed over with one comparison each.
    if (!filter.selection || !unchanged(filter.selection, ctx)) filter.selection = this.selection(filter.spec, ctx);
    let present = filter.selection === filter.reportedFrom ? undefined : selected(filter.selection);
    filter.reportedFrom = filter.selection;
    for (const [obj, specs] of filter.selection.objects) {
      const value = obj.ref.value;
      const before = filter.reported.get(value);
      const revised = obj.revisedWith;
      if (before && revised && revised.revision <= since) continue;
      const oc = this.content(obj, specs, ctx);
      if (!oc) {
        if (before) (present ??= selected(filter.selection)).delete(value);
        continue;
      }
      const props = new Map((oc.propSet as { name: string; val: unknown }[]).map((p) => [p.name, p]));
      const changeSet: unknown[] = [];
      for (const [name, p] of props) {
        if (before?.props.get(name) !== serialise(p.val)) changeSet.push({ name, op: "assign", val: p.val });
      }
      for (const name of before?.props.keys() ?? []) if (!props.has(name)) changeSet.push({ name, op: "assign" });
      if (before && changeSet.length === 0) continue;
      objectSet.push({ kind: before ? "modify" : "enter", obj: oc.obj, changeSet, missingSet: oc.missingSet });
      filter.reported.set(value, { obj: oc.obj as MoRef, props: new Map([...props].map(([n, p]) => [n, serialise(p.val)])) });
    }
    if (present)
      for (const [value, { obj }] of filter.reported) {
        if (present.has(value)) continue;
        objectSet.push({ kind: "leave", obj });
        filter.reported.delete(value);
      }
    return objectSet.length > 0 ? [{ filter: filter.ref, objectSet }] : [];
  }

  /**
   * Every object the filter specs select, walking TraversalSpecs from each ObjectSpec; and, when every path it took is an
   * inventory container's children (STRUCTURAL), those containers with their structure, which say when to walk again.
   */
  private selectObjects(spec: PropertyFilterSpec, ctx: CallContext): { selected: ManagedObject[]; containers: Selection["containers"] } {
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
    let containers: Selection["containers"] = [];
    /** The objects each traversal (by name, or type and path) has been taken to. */
    const visited = new Map<string, Set<string>>();
    const visit = (obj: ManagedObject, skip: boolean | undefined, selectSet: SelectionSpec[] | undefined) => {
      if (!skip) selected.set(obj.ref.value, obj);
      let through = false;
      for (const sel of selectSet ?? []) {
        const traversal = sel.type && sel.path ? sel : named.get(sel.name ?? "");
        if (!traversal?.type || !traversal.path)
          throw faults.invalidArgument("specSet.objectSet.selectSet", `Unknown selection ${sel.name ?? ""}`);
        if (!vim25.isSubtype(obj.type, traversal.type)) continue;
        const resolved = resolveProperty(obj, traversal.path, ctx);
        if (resolved.invalid) throw faults.invalidProperty(traversal.path);
        if (!STRUCTURAL.has(`${obj.type}.${traversal.path}`) || !(obj instanceof ManagedEntity)) containers = undefined;
        else if (!through) {
          containers?.push([obj, obj.structure]);
          through = true;
        }
        const targets = resolved.field.array
          ? ((resolved.value as MoRef[] | undefined) ?? [])
          : resolved.value
            ? [resolved.value as MoRef]
            : [];
        const key = traversal.name ?? `${traversal.type}.${traversal.path}`;
        let seen = visited.get(key);
        if (!seen) visited.set(key, (seen = new Set()));
        for (const ref of targets) {
          const target = ctx.sim.findObject(ref.value);
          if (!target || seen.has(ref.value)) continue;
          seen.add(ref.value);
          visit(target, traversal.skip, traversal.selectSet);
        }
      }
    };
    for (const o of spec.objectSet) {
      const obj = ctx.sim.lookup(o.obj);
      // An object selected by itself is kept while it is there: it is a container of the selection too.
      if (containers && !o.selectSet?.length) {
        if (obj instanceof ManagedEntity) containers.push([obj, obj.structure]);
        else containers = undefined;
      }
      visit(obj, o.skip, o.selectSet);
    }
    return { selected: [...selected.values()], containers };
  }

  private contents(specSet: PropertyFilterSpec[], ctx: CallContext): ObjectContent[] {
    if (!ctx.session) return this.anonymousContents(specSet);
    const out: ObjectContent[] = [];
    for (const spec of specSet) {
      for (const ps of spec.propSet) {
        if (!vim25.isSubtype(ps.type, "ManagedObject"))
          throw faults.invalidArgument("specSet.propSet.type", `Unknown managed object type ${ps.type}`);
      }
      for (const [obj, specs] of this.selection(spec, ctx).objects) {
        const oc = this.content(obj, specs, ctx);
        if (oc) out.push(oc);
      }
    }
    return out;
  }

  /** The objects a spec selects that it reads properties of, each with the property specs of its type. */
  private selection(spec: PropertyFilterSpec, ctx: CallContext): Selection {
    const objects: [ManagedObject, PropertySpec[]][] = [];
    const byType = new Map<string, PropertySpec[]>();
    const { selected, containers } = this.selectObjects(spec, ctx);
    for (const obj of selected) {
      let specs = byType.get(obj.type);
      if (!specs) byType.set(obj.type, (specs = spec.propSet.filter((ps) => vim25.isSubtype(obj.type, ps.type))));
      if (specs.length > 0) objects.push([obj, specs]);
    }
    return { objects, containers };
  }

  /** An object's properties as the caller reads them; none of an entity the caller may not see (System.Read). */
  private content(obj: ManagedObject, specs: PropertySpec[], ctx: CallContext): ObjectContent | undefined {
    const entity = obj.entity;
    if (entity && !ctx.sim.hasPrivilege(ctx.session!.user, entity, "System.Read")) return undefined;
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
    return { obj: obj.ref, propSet, missingSet };
  }

  /**
   * Without a session only the SessionManager may be read, and nothing of it: its currentSession is unset. That is
   * how govc and pyVmomi find out that a saved session has ended, as on vCenter; anything else is NotAuthenticated.
   */
  private anonymousContents(specSet: PropertyFilterSpec[]): ObjectContent[] {
    const objects = specSet.flatMap((spec) => spec.objectSet.map((o) => o.obj));
    const other = objects.find((ref) => ref.type !== "SessionManager");
    if (other || objects.length === 0) throw faults.notAuthenticated(other ?? this.ref);
    return objects.map((obj) => ({ obj, propSet: [], missingSet: [] }));
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
