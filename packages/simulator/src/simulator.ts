import { randomUUID } from "node:crypto";

import type { Folder } from "./folder.ts";
import { HostSystem } from "./host-system.ts";
import { buildInventory } from "./inventory.ts";
import { PropertyFilter } from "./property-collector.ts";
import {
  nextRevision,
  readClock,
  type CallContext,
  type ManagedEntity,
  type ManagedObject,
  type Session,
  type Vcenter,
} from "./managed-object.ts";
import { ROLES, type Permission, type User } from "./roles.ts";
import { Task } from "./task.ts";
import type { EventManager, TaskManager } from "./task-manager.ts";
import type { MoRef } from "@addnet/vim25";
import { Fault, faults } from "./vim/fault.ts";
import { vim25 } from "@addnet/vim25";

export interface SimulatorOptions {
  /** Number of hosts; the default inventory has 9. */
  hosts?: number;
  /** Idle time after which a session ends (vCenter: 30 minutes). */
  sessionTimeoutMs?: number;
}

/** A fault the control endpoint or a flag asks a method to answer with. */
export interface FaultRule {
  method: string;
  /**
   * A vim25 fault type, or a transport failure: "Timeout", "DroppedConnection" and "MalformedResponse" before the
   * call runs, "LostReply" after it ran (the change is made, the answer never arrives).
   */
  fault: string;
  mode: "once" | "always";
  /** Calls of the method to let through before the rule applies. */
  after: number;
  /** Only calls on this managed object (its MoRef value). */
  objectId?: string;
}

/** The methods that change a host: each is a Task with its event, as every change is in vCenter's Recent Tasks. */
export const CHANGE_METHODS = new Set([
  "AddVirtualSwitch",
  "UpdateVirtualSwitch",
  "RemoveVirtualSwitch",
  "AddPortGroup",
  "UpdatePortGroup",
  "RemovePortGroup",
  "AddVirtualNic",
  "UpdateVirtualNic",
  "RemoveVirtualNic",
  "UpdateNetworkConfig",
  "SelectVnicForNicType",
  "DeselectVnicForNicType",
]);

export const TRANSPORT_FAULTS = new Set(["Timeout", "DroppedConnection", "MalformedResponse", "LostReply"]);

const ROLE_PRIVILEGES = new Map(ROLES.map((r) => [r.roleId, new Set(r.privileges)]));

export class Simulator implements Vcenter {
  readonly sessions = new Map<string, Session>();
  readonly sessionTimeoutMs: number;
  faultRules: FaultRule[] = [];
  private objects = new Map<string, ManagedObject>();
  private idCounter = 0;
  permissions: Permission[] = [];
  rootFolder!: Folder;
  taskManager!: TaskManager;
  eventManager!: EventManager;
  private content!: Record<string, unknown>;
  /** The clock's reading when the inventory was last built: a host with no revision after it is as built. */
  private builtAt = 0;
  /** Waiting WaitForUpdatesEx calls, woken after every call that may have changed something. */
  private readonly changeListeners = new Set<() => void>();

  constructor(readonly options: SimulatorOptions = {}) {
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? 30 * 60_000;
    this.reset();
  }

  /**
   * Back to the initial inventory. Sessions stay signed in, with what they watch changes with: the property
   * collectors and their filters, which name objects by MoRef (a reset gives the same ones back), so that the next
   * WaitForUpdatesEx reports what the reset changed. Sessions' views, history collectors and paging tokens go, with
   * the objects they held.
   *
   * The inventory is built the same every time, so a host no change has touched since it was built is built again
   * exactly as it was: its new object keeps its revision, and no filter reads it again. Every other host is new to
   * the filters, which walk the new inventory here.
   */
  reset(): void {
    const watching = [...this.sessions.values()].map(
      (s) => [s, this.ownedBy(s).filter((o) => o.type === "PropertyCollector" || o.type === "PropertyFilter")] as const,
    );
    const defaultCollector = this.objects.get("propertyCollector");
    const untouched = new Map<string, number>();
    for (const o of this.objects.values())
      if (o instanceof HostSystem && o.revision <= this.builtAt) untouched.set(o.ref.value, o.revision);
    this.objects = new Map();
    this.idCounter = 0;
    for (const s of this.sessions.values()) {
      s.owned.clear();
      s.retrieveTokens.clear();
    }
    const built = buildInventory(this, this.options.hosts ?? 9);
    this.rootFolder = built.rootFolder;
    this.taskManager = built.taskManager;
    this.eventManager = built.eventManager;
    this.permissions = built.permissions;
    this.content = built.serviceContent;
    if (defaultCollector) this.register(defaultCollector);
    for (const [session, objects] of watching) for (const o of objects) session.owned.add(this.register(o).ref.value);
    for (const o of this.objects.values()) if (o instanceof HostSystem) o.revision = untouched.get(o.ref.value) ?? nextRevision();
    this.builtAt = readClock();
    for (const [session, objects] of watching)
      for (const o of objects) if (o instanceof PropertyFilter) o.collector.reselect(o, { sim: this, session });
    // A waiting WaitForUpdatesEx looks now.
    this.changed();
  }

  onChange(listener: () => void): void {
    this.changeListeners.add(listener);
  }

  offChange(listener: () => void): void {
    this.changeListeners.delete(listener);
  }

  /** Something may have changed: every waiting WaitForUpdatesEx looks again. */
  changed(): void {
    for (const listener of [...this.changeListeners]) listener();
  }

  serviceContent(): Record<string, unknown> {
    return this.content;
  }

  nextId(prefix: string): string {
    return `${prefix}-${++this.idCounter}`;
  }

  register<T extends ManagedObject>(obj: T): T {
    this.objects.set(obj.ref.value, obj);
    return obj;
  }

  unregister(obj: ManagedObject): void {
    this.objects.delete(obj.ref.value);
  }

  /**
   * An object a session makes for itself (a view, a property collector or filter, a history collector): named as
   * vCenter names them, "session[<key>]<uuid>", and gone with the session.
   */
  own<T extends ManagedObject>(session: Session, make: (value: string) => T): T {
    const obj = this.register(make(`session[${session.key}]${randomUUID()}`));
    session.owned.add(obj.ref.value);
    return obj;
  }

  /** A session's object destroyed by its client. */
  disown(obj: ManagedObject, session: Session | undefined): void {
    this.unregister(obj);
    session?.owned.delete(obj.ref.value);
  }

  /** The objects a session made, still there. */
  ownedBy(session: Session): ManagedObject[] {
    return [...session.owned].flatMap((v) => this.objects.get(v) ?? []);
  }

  findObject(value: string): ManagedObject | undefined {
    return this.objects.get(value);
  }

  allObjects(): IterableIterator<ManagedObject> {
    return this.objects.values();
  }

  /** The object a MoRef names; ManagedObjectNotFound when there is none of that type. */
  lookup(ref: MoRef): ManagedObject {
    const obj = this.objects.get(ref.value);
    if (!obj || !vim25.isSubtype(obj.type, ref.type)) throw faults.managedObjectNotFound(ref);
    return obj;
  }

  /**
   * The privileges a user holds on an entity: the permissions set on the nearest entity (itself or an
   * ancestor, propagating) that has any for the user or their groups, as vCenter resolves them.
   */
  privileges(user: User, entity: ManagedEntity): Set<string> {
    return new Set(this.governing(user, entity).flatMap((p) => [...(ROLE_PRIVILEGES.get(p.roleId) ?? [])]));
  }

  /** privileges(user, entity).has(privilege), without the set: a full read asks it twice for every host. */
  hasPrivilege(user: User, entity: ManagedEntity, privilege: string): boolean {
    return this.governing(user, entity).some((p) => ROLE_PRIVILEGES.get(p.roleId)?.has(privilege));
  }

  /** The user's permissions that decide on the entity: those on the nearest entity (itself or an ancestor) with any. */
  private governing(user: User, entity: ManagedEntity): Permission[] {
    const principals = new Set([user.principal, ...user.groups]);
    for (let e: ManagedEntity | undefined = entity; e; e = e.parent) {
      const here = this.permissions.filter(
        (p) => p.entity === e!.ref.value && principals.has(p.principal) && (e === entity || p.propagate),
      );
      if (here.length > 0) return here;
    }
    return [];
  }

  /** NoPermission naming the entity and the missing privilege, as vCenter answers. */
  authorize(ctx: CallContext, entity: ManagedEntity, privilege: string): void {
    if (!ctx.session) throw faults.notAuthenticated(entity.ref);
    if (!this.hasPrivilege(ctx.session.user, entity, privilege)) throw faults.noPermission(entity.ref, [privilege]);
  }

  /** A Task on an entity, listed in recentTask, with its event; a task changes its entity, or tries to. */
  createTask(name: string, descriptionId: string, target: ManagedEntity, ctx: CallContext): Task {
    target.touch();
    const task = this.register(new Task(this.nextId("task"), name, descriptionId, target, ctx.session!.user.principal));
    this.taskManager.add(task);
    this.eventManager.taskEvent(task, ctx.session!.user.principal, descriptionId);
    return task;
  }

  /** A change made at once by a method that returns no task is recorded as a completed Task all the same. */
  recordChange(method: string, target: ManagedObject, ctx: CallContext, error?: Fault): void {
    const entity = target.entity;
    if (!entity || !ctx.session) return;
    const descriptionId = `host.${target.type.replace(/^Host/, "")}.${method.charAt(0).toLowerCase()}${method.slice(1)}`;
    this.createTask(method, descriptionId, entity, ctx).complete(error);
  }

  /** The live session for a cookie value, touching it; expired sessions end here. */
  session(id: string | undefined): Session | undefined {
    const now = Date.now();
    // Every idle session ends, not only the caller's: SessionIsActive, sessionList and HasPrivilegeOnEntities
    // must not see a session the timeout has ended.
    for (const s of [...this.sessions.values()]) if (now - s.lastActiveTime.getTime() > this.sessionTimeoutMs) this.endSession(s);
    const session = id ? this.sessions.get(id) : undefined;
    if (!session) return undefined;
    session.lastActiveTime = new Date(now);
    session.callCount++;
    return session;
  }

  endSession(session: Session): void {
    for (const v of session.owned) this.objects.delete(v);
    this.sessions.delete(session.id);
  }

  /** Ends every session at once, as an idle timeout would (for trainers and session-expiry tests). */
  expireSessions(): number {
    const n = this.sessions.size;
    for (const s of [...this.sessions.values()]) this.endSession(s);
    return n;
  }

  /** The fault rule that applies to this call, if any, consuming a "once" rule. */
  takeFault(method: string, objectId: string): FaultRule | undefined {
    const rule = this.faultRules.find((r) => r.method === method && (!r.objectId || r.objectId === objectId));
    if (!rule) return undefined;
    if (rule.after > 0) {
      rule.after--;
      return undefined;
    }
    if (rule.mode === "once") this.faultRules = this.faultRules.filter((r) => r !== rule);
    return rule;
  }
}

/** The fault an injected rule raises for a call on obj. */
export function injectedFault(rule: FaultRule, obj: ManagedObject): Fault {
  const entity = obj.entity ?? obj;
  switch (rule.fault) {
    case "NoPermission":
      return faults.noPermission(entity.ref, ["Host.Config.Network"]);
    case "NotAuthenticated":
      return faults.notAuthenticated(obj.ref);
    case "ManagedObjectNotFound":
      return faults.managedObjectNotFound(obj.ref);
    case "InvalidArgument":
      return faults.invalidArgument("injected");
    case "ResourceInUse":
      return faults.resourceInUse("injected", rule.method);
    case "AlreadyExists":
      return faults.alreadyExists("injected");
    case "PlatformConfigFault":
      return faults.hostConfig(`Injected fault for ${rule.method}`);
    case "SystemError":
      return new Fault("SystemError", { reason: `Injected fault for ${rule.method}` });
  }
  return new Fault(rule.fault, {}, `Injected ${rule.fault} for ${rule.method}`);
}
