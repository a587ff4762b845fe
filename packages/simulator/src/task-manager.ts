import type { MoRef } from "@addnet/vim25";

import { ManagedObject, refs, type Args, type CallContext, type ManagedEntity } from "./managed-object.ts";
import type { Task } from "./task.ts";
import { faults } from "./vim/fault.ts";

/** How many tasks and events vCenter keeps here (its database keeps more; a simulator's memory does not). */
const KEPT = 1000;
/** TaskManager.recentTask lists the newest of them, as vCenter's recent tasks do. */
const RECENT = 200;

interface Recorded {
  entity: ManagedEntity;
  /** TaskInfo or Event. */
  data: Record<string, unknown>;
}

type Recursion = "self" | "children" | "all";

/** Whether `entity` is `root` (self), root or one of its children (children), or root or below it (all). */
function within(entity: ManagedEntity, root: ManagedEntity, recursion: Recursion): boolean {
  if (entity === root) return true;
  if (recursion === "children") return entity.parent === root;
  if (recursion === "all") for (let e = entity.parent; e; e = e.parent) if (e === root) return true;
  return false;
}

/** The Event arguments that name an entity's datacenter, compute resource and host, as vCenter fills them. */
function eventArguments(entity: ManagedEntity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let e: ManagedEntity | undefined = entity; e; e = e.parent) {
    if (e.type === "HostSystem") out.host = { name: e.name, host: e.ref };
    else if (e.type === "ClusterComputeResource" || e.type === "ComputeResource")
      out.computeResource = { name: e.name, computeResource: e.ref };
    else if (e.type === "Datacenter") out.datacenter = { name: e.name, datacenter: e.ref };
  }
  return out;
}

/** Tasks or events a user may see, that a filter's entity (and its recursion) selects. */
function select(items: Recorded[], filter: { entity?: { entity: MoRef; recursion: Recursion } }, ctx: CallContext): Recorded[] {
  const root = filter.entity ? (ctx.sim.lookup(filter.entity.entity) as ManagedEntity) : undefined;
  return items.filter(
    (r) => ctx.sim.hasPrivilege(ctx.session!.user, r.entity, "System.View") && (!root || within(r.entity, root, filter.entity!.recursion)),
  );
}

/**
 * A TaskHistoryCollector or EventHistoryCollector: what its filter selects, newest last, read a page at a time;
 * latestPage holds the newest `pageSize`.
 */
export class HistoryCollector extends ManagedObject {
  private pageSize = 10;
  /** Where ReadNext/ReadPrevious stand, as an index into the selection. */
  private cursor: number | undefined;

  constructor(
    type: "TaskHistoryCollector" | "EventHistoryCollector",
    value: string,
    private readonly filter: Record<string, unknown>,
    private readonly items: () => Recorded[],
  ) {
    super(type, value);
  }

  /** What the filter selects of what the caller may see, oldest first. */
  selection(ctx: CallContext): Record<string, unknown>[] {
    return select(this.items(), this.filter, ctx)
      .filter((r) => this.matches(r.data))
      .map((r) => r.data);
  }

  private matches(data: Record<string, unknown>): boolean {
    const f = this.filter as { eventTypeId?: string[]; type?: string[]; eventChainId?: number | number[]; state?: string[] };
    if (this.type === "TaskHistoryCollector") return !f.state?.length || f.state.includes(String(data.state));
    const types = [...(f.eventTypeId ?? []), ...(f.type ?? [])];
    if (types.length && !types.includes(String(data._type))) return false;
    return f.eventChainId === undefined || data.chainId === f.eventChainId;
  }

  property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "filter":
        return { ...this.filter, _type: this.type === "TaskHistoryCollector" ? "TaskFilterSpec" : "EventFilterSpec" };
      case "latestPage":
        return this.selection(ctx).slice(-this.pageSize).reverse();
    }
    return undefined;
  }

  SetCollectorPageSize(args: Args): void {
    const n = Number(args.maxCount);
    if (n < 0 || n > KEPT) throw faults.invalidArgument("maxCount", `maxCount must be between 0 and ${KEPT}`);
    this.pageSize = n;
  }

  ResetCollector(_args: Args, ctx: CallContext): void {
    this.cursor = this.selection(ctx).length;
  }

  RewindCollector(): void {
    this.cursor = 0;
  }

  DestroyCollector(_args: Args, ctx: CallContext): void {
    ctx.sim.disown(this, ctx.session);
  }

  private readNext(args: Args, ctx: CallContext): unknown[] {
    const all = this.selection(ctx);
    const from = this.cursor ?? all.length;
    const page = all.slice(from, from + Number(args.maxCount));
    this.cursor = from + page.length;
    return page;
  }

  private readPrevious(args: Args, ctx: CallContext): unknown[] {
    const all = this.selection(ctx);
    const to = this.cursor ?? all.length;
    const from = Math.max(0, to - Number(args.maxCount));
    this.cursor = from;
    return all.slice(from, to).reverse();
  }

  ReadNextTasks = this.readNext;
  ReadPreviousTasks = this.readPrevious;
  ReadNextEvents = this.readNext;
  ReadPreviousEvents = this.readPrevious;
}

function collector(
  ctx: CallContext,
  type: "TaskHistoryCollector" | "EventHistoryCollector",
  filter: Record<string, unknown>,
  items: () => Recorded[],
): MoRef {
  return ctx.sim.own(ctx.session!, (value) => new HistoryCollector(type, value, filter, items)).ref;
}

/** TaskManager: every change any client makes is a Task; the newest are recentTask. */
export class TaskManager extends ManagedObject {
  private readonly tasks: (Recorded & { task: Task })[] = [];

  constructor() {
    super("TaskManager", "TaskManager");
  }

  add(task: Task): void {
    this.tasks.push({ entity: task.entity, data: task.info, task });
    if (this.tasks.length > KEPT) this.tasks.shift();
  }

  property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "recentTask":
        return refs(select(this.tasks.slice(-RECENT), {}, ctx).map((r) => (r as Recorded & { task: Task }).task));
      case "description":
        return { methodInfo: [], state: [], reason: [] };
      case "maxCollector":
        return 32;
    }
    return undefined;
  }

  CreateCollectorForTasks(args: Args, ctx: CallContext): MoRef {
    return collector(ctx, "TaskHistoryCollector", args.filter as Record<string, unknown>, () => this.tasks);
  }
}

/** EventManager: an event for every change (a TaskEvent with the task's info), queried or collected. */
export class EventManager extends ManagedObject {
  private readonly events: Recorded[] = [];
  private key = 0;

  constructor() {
    super("EventManager", "EventManager");
  }

  /** Posts a TaskEvent for a task as it is created. */
  taskEvent(task: Task, userName: string, message: string): void {
    const entity = task.entity;
    this.events.push({
      entity,
      data: {
        _type: "TaskEvent",
        key: ++this.key,
        chainId: task.info.eventChainId,
        createdTime: new Date(),
        userName,
        ...eventArguments(entity),
        fullFormattedMessage: `Task: ${message}`,
        info: task.info,
      },
    });
    if (this.events.length > KEPT) this.events.shift();
  }

  property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "latestEvent":
        return select(this.events, {}, ctx).at(-1)?.data;
      case "description":
        return {
          category: [
            { key: "info", label: "info", summary: "info" },
            { key: "warning", label: "warning", summary: "warning" },
            { key: "error", label: "error", summary: "error" },
            { key: "user", label: "user", summary: "user" },
          ],
          eventInfo: [
            {
              key: "TaskEvent",
              description: "Task event",
              category: "info",
              formatOnDatacenter: "Task: {info.descriptionId}",
              formatOnComputeResource: "Task: {info.descriptionId}",
              formatOnHost: "Task: {info.descriptionId}",
              formatOnVm: "Task: {info.descriptionId}",
              fullFormat: "Task: {info.descriptionId}",
            },
          ],
        };
      case "maxCollector":
        return 32;
    }
    return undefined;
  }

  QueryEvents(args: Args, ctx: CallContext): unknown[] {
    const filter = args.filter as Record<string, unknown> & { maxCount?: number };
    const newestFirst = new HistoryCollector("EventHistoryCollector", "query", filter, () => this.events).selection(ctx).reverse();
    return newestFirst.slice(0, filter.maxCount ?? KEPT);
  }

  CreateCollectorForEvents(args: Args, ctx: CallContext): MoRef {
    return collector(ctx, "EventHistoryCollector", args.filter as Record<string, unknown>, () => this.events);
  }
}
