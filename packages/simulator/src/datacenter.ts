import { Folder } from "./folder.ts";
import { ManagedEntity, refs, type CallContext } from "./managed-object.ts";

export class Datacenter extends ManagedEntity {
  constructor(
    value: string,
    name: string,
    readonly vmFolder: Folder,
    readonly hostFolder: Folder,
    readonly datastoreFolder: Folder,
    readonly networkFolder: Folder,
  ) {
    super("Datacenter", value, name);
    for (const f of [vmFolder, hostFolder, datastoreFolder, networkFolder]) f.parent = this;
  }

  override children(): ManagedEntity[] {
    return [this.vmFolder, this.hostFolder, this.datastoreFolder, this.networkFolder];
  }

  override property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "vmFolder":
        return this.vmFolder.ref;
      case "hostFolder":
        return this.hostFolder.ref;
      case "datastoreFolder":
        return this.datastoreFolder.ref;
      case "networkFolder":
        return this.networkFolder.ref;
      case "network":
        return refs(this.networkFolder.childEntity.filter((e) => e.type !== "VmwareDistributedVirtualSwitch"));
    }
    return super.property(name, ctx);
  }
}
