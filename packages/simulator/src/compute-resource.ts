import type { HostSystem } from "./host-system.ts";
import { ManagedEntity, refs, type CallContext } from "./managed-object.ts";

/** A standalone host's ComputeResource, or with type "ClusterComputeResource" a cluster. */
export class ComputeResource extends ManagedEntity {
  readonly hosts: HostSystem[] = [];

  add(host: HostSystem): HostSystem {
    host.parent = this;
    this.hosts.push(host);
    return host;
  }

  override children(): ManagedEntity[] {
    return this.hosts;
  }

  override property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "host":
        return refs(this.hosts);
      case "network":
        return refs([...new Set(this.hosts.flatMap((h) => h.networks))]);
    }
    return super.property(name, ctx);
  }
}
