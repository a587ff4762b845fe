import type { HostSystem } from "./host-system.ts";
import { ManagedEntity, refs, type CallContext } from "./managed-object.ts";

/** A standard network (a VM port group name seen across hosts). */
export class Network extends ManagedEntity {
  readonly hosts: HostSystem[] = [];

  override property(name: string, ctx: CallContext): unknown {
    if (name === "host") return refs(this.hosts);
    return super.property(name, ctx);
  }
}
