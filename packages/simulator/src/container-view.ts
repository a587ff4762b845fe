import { ManagedObject, refs, type CallContext, type ManagedEntity } from "./managed-object.ts";
import { vim25 } from "@addnet/vim25";

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
    ctx.sim.unregister(this);
    ctx.session?.views.delete(this.ref.value);
  }
}
