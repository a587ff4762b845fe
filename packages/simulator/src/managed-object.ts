import type { MoRef } from "@addnet/vim25";
import type { Simulator } from "./simulator.ts";
import type { Session } from "./session-manager.ts";

export interface CallContext {
  sim: Simulator;
  /** Absent only for the calls an anonymous caller may make. */
  session?: Session;
}

/** Handlers are methods named exactly as the vim25 method; they take the decoded arguments. */
export type Args = Record<string, unknown>;

export abstract class ManagedObject {
  readonly ref: MoRef;

  constructor(type: string, value: string) {
    this.ref = { type, value };
  }

  get type(): string {
    return this.ref.type;
  }

  /** The inventory entity whose permissions govern calls on this object, if any. */
  get entity(): ManagedEntity | undefined {
    return undefined;
  }

  /** A top-level property's value (undefined when unset); the schema says which names exist. */
  abstract property(name: string, ctx: CallContext): unknown;
}

export abstract class ManagedEntity extends ManagedObject {
  parent: ManagedEntity | undefined;

  constructor(
    type: string,
    value: string,
    public name: string,
  ) {
    super(type, value);
  }

  override get entity(): ManagedEntity {
    return this;
  }

  /** Direct children in the inventory tree, for container views. */
  children(): ManagedEntity[] {
    return [];
  }

  property(name: string, _ctx: CallContext): unknown {
    switch (name) {
      case "name":
        return this.name;
      case "parent":
        return this.parent?.ref;
      case "overallStatus":
        return "green";
    }
    return undefined;
  }
}

export const refs = (objects: ManagedObject[]): MoRef[] => objects.map((o) => o.ref);
