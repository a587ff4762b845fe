import { ManagedObject, refs, type Args, type CallContext, type ManagedEntity } from "./managed-object.ts";
import { vim25, type MoRef } from "@addnet/vim25";

export class ContainerView extends ManagedObject {
  constructor(
    value: string,
    readonly container: ManagedEntity,
    readonly types: string[],
    readonly recursive: boolean,
  ) {
    super("ContainerView", value);
  }

  /** The entities below the container (not the container itself) of the requested types, in inventory order. */
  view(ctx: CallContext): ManagedEntity[] {
    const found: ManagedEntity[] = [];
    const walk = (entity: ManagedEntity) => {
      for (const child of entity.children()) {
        if (this.types.length === 0 || this.types.some((t) => vim25.isSubtype(child.type, t))) {
          if (!ctx.session || ctx.sim.hasPrivilege(ctx.session.user, child, "System.View")) found.push(child);
        }
        if (this.recursive) walk(child);
      }
    };
    walk(this.container);
    return found;
  }

  property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "view":
        return refs(this.view(ctx));
      case "container":
        return this.container.ref;
      case "type":
        return this.types;
      case "recursive":
        return this.recursive;
    }
    return undefined;
  }

  DestroyView(_args: unknown, ctx: CallContext): void {
    ctx.sim.disown(this, ctx.session);
  }
}

/** A ListView: a list of managed objects the client names (govc's task view, event follow). */
export class ListView extends ManagedObject {
  private objects: ManagedObject[] = [];

  constructor(value: string) {
    super("ListView", value);
  }

  property(name: string): unknown {
    return name === "view" ? refs(this.objects) : undefined;
  }

  /** Adds what exists of `add` and drops `remove`; answers the references that name no object. */
  ModifyListView(args: Args, ctx: CallContext): MoRef[] {
    const remove = new Set(((args.remove as MoRef[] | undefined) ?? []).map((r) => r.value));
    this.objects = this.objects.filter((o) => !remove.has(o.ref.value));
    const unresolved: MoRef[] = [];
    for (const ref of (args.add as MoRef[] | undefined) ?? []) {
      const obj = ctx.sim.findObject(ref.value);
      if (!obj) unresolved.push(ref);
      else if (!this.objects.includes(obj)) this.objects.push(obj);
    }
    return unresolved;
  }

  ResetListView(args: Args, ctx: CallContext): MoRef[] {
    this.objects = [];
    return this.ModifyListView({ add: args.obj }, ctx);
  }

  DestroyView(_args: unknown, ctx: CallContext): void {
    ctx.sim.disown(this, ctx.session);
  }
}
