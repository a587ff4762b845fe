import { fieldsOf, PRIMITIVES, propsOf, Typed, vim25, type Field, type MoRef } from "@addnet/vim25";

import type { Permission, User } from "./roles.ts";
import { faults, type Fault } from "./vim/fault.ts";

export interface Session {
  /** The vmware_soap_session cookie value. */
  id: string;
  /** UserSession.key, what HasPrivilegeOnEntities and SessionIsActive take. */
  key: string;
  user: User;
  loginTime: Date;
  lastActiveTime: Date;
  callCount: number;
  locale: string;
  ipAddress: string;
  userAgent: string;
  /** Paged RetrievePropertiesEx results by token. */
  retrieveTokens: Map<string, unknown[]>;
  /** What this session created (views, property collectors and filters, history collectors): destroyed with it. */
  owned: Set<string>;
}

/** A Task as the method that started it sees it. */
export interface TaskRun {
  readonly ref: MoRef;
  run(work: () => void, onDone: () => void): void;
  complete(error?: Fault): void;
}

/**
 * The simulated vCenter as the objects it holds see it. Declared here and implemented by Simulator, so that the
 * simulator imports its objects and no object imports the simulator.
 */
export interface Vcenter {
  readonly sessions: Map<string, Session>;
  readonly rootFolder: ManagedEntity;
  permissions: Permission[];
  register<T extends ManagedObject>(obj: T): T;
  nextId(prefix: string): string;
  own<T extends ManagedObject>(session: Session, make: (value: string) => T): T;
  disown(obj: ManagedObject, session: Session | undefined): void;
  ownedBy(session: Session): ManagedObject[];
  findObject(value: string): ManagedObject | undefined;
  lookup(ref: MoRef): ManagedObject;
  hasPrivilege(user: User, entity: ManagedEntity, privilege: string): boolean;
  authorize(ctx: CallContext, entity: ManagedEntity, privilege: string): void;
  createTask(name: string, descriptionId: string, target: ManagedEntity, ctx: CallContext): TaskRun;
  endSession(session: Session): void;
  serviceContent(): Record<string, unknown>;
  onChange(listener: () => void): void;
  offChange(listener: () => void): void;
  changed(): void;
}

export interface CallContext {
  sim: Vcenter;
  /** Absent only for the calls an anonymous caller may make. */
  session?: Session;
}

/**
 * Changes are counted on one clock for the whole process: a revision is the clock's reading at a change, so what a
 * WaitForUpdatesEx filter read at one reading and has no revision after it has not changed since.
 */
let clock = 0;
export const readClock = (): number => clock;
export const nextRevision = (): number => ++clock;

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

  /**
   * The entity whose revision every change to this object's properties moves on, if there is one: a host, for the
   * host and its managers. While that revision stands still, so do the properties; an object without one (a task, a
   * view, a folder, a cluster that counts its hosts) is read again every time.
   */
  get revisedWith(): ManagedEntity | undefined {
    return undefined;
  }

  /** A top-level property's value (undefined when unset); the schema says which names exist. */
  abstract property(name: string, ctx: CallContext): unknown;

  /**
   * vim25's internal Fetch, how pyVmomi 8 and later read every property: the value under its own type, or an empty
   * reply when it is unset. Reading an inventory entity needs System.Read on it, as through the PropertyCollector.
   */
  Fetch(args: Args, ctx: CallContext): Typed | undefined {
    const entity = this.entity;
    if (entity) ctx.sim.authorize(ctx, entity, "System.Read");
    const resolved = resolveProperty(this, String(args.prop), ctx);
    if (resolved.invalid) throw faults.invalidProperty(String(args.prop));
    return resolved.value === undefined ? undefined : new Typed(resolved.field.type, resolved.field.array, resolved.value);
  }
}

export abstract class ManagedEntity extends ManagedObject {
  parent: ManagedEntity | undefined;
  /** The clock's reading at the last change to this entity, made or begun (see revisedWith). */
  revision = 0;
  /** Moves when a child is added (a folder's childEntity, a compute resource's host): what traversals through it select. */
  structure = 0;

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

  /** The entity changes, or is about to: every WaitForUpdatesEx filter reads it again. */
  touch(): void {
    this.revision = nextRevision();
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

/** The value at a property path, with its declared type; `invalid` when the path names no property. */
type Resolved = { invalid: true } | { invalid: false; field: Field; value: unknown };

export function resolveProperty(obj: ManagedObject, path: string, ctx: CallContext): Resolved {
  const [first, ...rest] = path.split(".");
  let field = propsOf(obj.type).find((p) => p.name === first);
  if (!field) return { invalid: true };
  let value = obj.property(first!, ctx);
  for (const segment of rest) {
    if (field.array || PRIMITIVES.has(field.type)) return { invalid: true };
    const actual = (value as { _type?: string } | undefined)?._type;
    const next: Field | undefined =
      fieldsOf(field.type).find((f) => f.name === segment) ??
      (actual && vim25.dataType(actual) ? fieldsOf(actual).find((f) => f.name === segment) : undefined);
    if (!next) return { invalid: true };
    field = next;
    value = (value as Record<string, unknown> | undefined)?.[segment];
  }
  return { invalid: false, field, value };
}

export const refs = (objects: ManagedObject[]): MoRef[] => objects.map((o) => o.ref);
