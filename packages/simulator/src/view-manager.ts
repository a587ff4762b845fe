import { ContainerView, ListView } from "./container-view.ts";
import { ManagedObject, refs, type Args, type CallContext } from "./managed-object.ts";
import { vim25, type MoRef } from "@addnet/vim25";
import { faults } from "./vim/fault.ts";

export class ViewManager extends ManagedObject {
  constructor() {
    super("ViewManager", "ViewManager");
  }

  property(name: string, ctx: CallContext): unknown {
    if (name !== "viewList" || !ctx.session) return undefined;
    return refs(ctx.sim.ownedBy(ctx.session).filter((o) => o instanceof ContainerView || o instanceof ListView));
  }

  CreateContainerView(args: Args, ctx: CallContext): MoRef {
    const container = ctx.sim.lookup(args.container as MoRef).entity;
    if (!container || container.ref.value !== (args.container as MoRef).value) {
      throw faults.invalidArgument("container", "The container must be a folder, datacenter or compute resource");
    }
    ctx.sim.authorize(ctx, container, "System.View");
    const types = (args.type as string[] | undefined) ?? [];
    for (const t of types) if (!vim25.managedType(t)) throw faults.invalidArgument("type", `Unknown managed object type ${t}`);
    return ctx.sim.own(ctx.session!, (value) => new ContainerView(value, container, types, Boolean(args.recursive))).ref;
  }

  CreateListView(args: Args, ctx: CallContext): MoRef {
    const view = ctx.sim.own(ctx.session!, (value) => new ListView(value));
    view.ModifyListView({ add: args.obj }, ctx);
    return view.ref;
  }
}
