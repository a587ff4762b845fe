import { ManagedEntity, refs, type CallContext } from "./managed-object.ts";

export class Folder extends ManagedEntity {
  readonly childEntity: ManagedEntity[] = [];

  constructor(
    value: string,
    name: string,
    readonly childType: string[],
  ) {
    super("Folder", value, name);
  }

  add<T extends ManagedEntity>(child: T): T {
    child.parent = this;
    this.childEntity.push(child);
    this.structure++;
    return child;
  }

  override children(): ManagedEntity[] {
    return this.childEntity;
  }

  override property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "childType":
        return this.childType;
      case "childEntity":
        return refs(this.childEntity);
    }
    return super.property(name, ctx);
  }
}
