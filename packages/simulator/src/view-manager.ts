import { randomUUID } from "node:crypto";

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
    return refs(
      [...ctx.session.owned].flatMap((v) => ctx.sim.findObject(v) ?? []).filter((o) => o instanceof ContainerView || o instanceof ListView),
    );
  }

  CreateContainerView(args: Args, ctx: CallContext): MoRef {
    const container = ctx.sim.lookup(args.container as MoRef).entity;
    if (!container || container.ref.value !== (args.container as MoRef).value) {
      throw faults.invalidArgument("container", "The container must be a folder, datacenter or compute resource");
    }
    ctx.sim.authorize(ctx, container, "System.View");
    const types = (args.type as string[] | undefined) ?? [];
    for (const t of types) if (!vim25.managedType(t)) throw faults.invalidArgument("type", `Unknown managed object type ${t}`);
    const session = ctx.session!;
    const view = new ContainerView(`session[${session.key}]${randomUUID()}`, container, types, Boolean(args.recursive));
    ctx.sim.register(view);
    session.owned.add(view.ref.value);
    return view.ref;
  }

  CreateListView(args: Args, ctx: CallContext): MoRef {
    const session = ctx.session!;
    const view = ctx.sim.register(new ListView(`session[${session.key}]${randomUUID()}`));
    session.owned.add(view.ref.value);
    view.ModifyListView({ add: args.obj }, ctx);
    return view.ref;
  }
}
