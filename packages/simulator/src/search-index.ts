import type { MoRef } from "@addnet/vim25";

import { HostSystem } from "./host-system.ts";
import { ManagedObject, type Args, type CallContext, type ManagedEntity } from "./managed-object.ts";

/**
 * SearchIndex: entities by inventory path, by DNS name, by IP address, or a child by name. Like vCenter it finds
 * only what the caller may see (System.View), and answers an empty reply when nothing matches.
 */
export class SearchIndex extends ManagedObject {
  constructor() {
    super("SearchIndex", "SearchIndex");
  }

  property(): unknown {
    return undefined;
  }

  private visible(entity: ManagedEntity | undefined, ctx: CallContext): MoRef | undefined {
    return entity && ctx.sim.hasPrivilege(ctx.session!.user, entity, "System.View") ? entity.ref : undefined;
  }

  /** The hosts under `datacenter` (anywhere, without one), in inventory order. */
  private hosts(args: Args, ctx: CallContext): HostSystem[] {
    const root: ManagedEntity = args.datacenter ? (ctx.sim.lookup(args.datacenter as MoRef) as ManagedEntity) : ctx.sim.rootFolder;
    const out: HostSystem[] = [];
    const walk = (e: ManagedEntity) => {
      if (e instanceof HostSystem) out.push(e);
      e.children().forEach(walk);
    };
    walk(root);
    return out;
  }

  /** "/Datacenter/host/Cluster-Prod/esx-01.lab.local": each segment a child's name, "/" escaped as %2f. */
  FindByInventoryPath(args: Args, ctx: CallContext): MoRef | undefined {
    const segments = String(args.inventoryPath)
      .split("/")
      .filter(Boolean)
      .map((s) => s.replace(/%2f/gi, "/"));
    let entity: ManagedEntity | undefined = ctx.sim.rootFolder;
    for (const name of segments) entity = entity?.children().find((c) => c.name === name);
    return this.visible(entity, ctx);
  }

  FindChild(args: Args, ctx: CallContext): MoRef | undefined {
    const parent = ctx.sim.lookup(args.entity as MoRef) as ManagedEntity;
    return this.visible(
      parent.children().find((c) => c.name === args.name),
      ctx,
    );
  }

  /** Hosts only: this vCenter has no virtual machines (vmSearch finds nothing). */
  FindByDnsName(args: Args, ctx: CallContext): MoRef | undefined {
    if (args.vmSearch) return undefined;
    const name = String(args.dnsName).toLowerCase();
    return this.visible(
      this.hosts(args, ctx).find((h) => h.name.toLowerCase() === name),
      ctx,
    );
  }

  /** A host by the address of one of its VMkernel adapters. */
  FindByIp(args: Args, ctx: CallContext): MoRef | undefined {
    if (args.vmSearch) return undefined;
    return this.visible(
      this.hosts(args, ctx).find((h) => h.net.vnic.some((v) => v.spec.ip?.ipAddress === args.ip)),
      ctx,
    );
  }
}
