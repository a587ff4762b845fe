import { ManagedObject, type CallContext } from "./managed-object.ts";
import type { ManagedEntity } from "./managed-object.ts";
import type { Fault } from "./vim/fault.ts";

/** A Task: queued when created, then success or error; read through the PropertyCollector (info). */
export class Task extends ManagedObject {
  readonly info: Record<string, unknown>;

  constructor(
    value: string,
    /** The vim25 method that created the task, e.g. UpdateVsan_Task. */
    name: string,
    descriptionId: string,
    readonly target: ManagedEntity,
    userName: string,
  ) {
    super("Task", value);
    this.info = {
      key: value,
      task: this.ref,
      name,
      descriptionId,
      entity: target.ref,
      entityName: target.name,
      state: "queued",
      cancelled: false,
      cancelable: false,
      reason: { _type: "TaskReasonUser", userName },
      queueTime: new Date(),
      eventChainId: Number(value.replace(/\D/g, "")) || 0,
    };
  }

  override get entity(): ManagedEntity {
    return this.target;
  }

  /** Runs the work on the next turn, as a host agent would, and records its outcome; the work changes the target. */
  run(work: () => void, onDone: () => void): void {
    this.info.state = "running";
    this.info.startTime = new Date();
    setImmediate(() => {
      let error: Fault | undefined;
      try {
        work();
      } catch (err) {
        error = err as Fault;
      }
      this.target.touch();
      this.complete(error);
      onDone();
    });
  }

  /** Success, or the fault the work ended with. */
  complete(error?: Fault): void {
    this.info.startTime ??= this.info.queueTime;
    this.info.state = error ? "error" : "success";
    if (error) this.info.error = { fault: error.toData(), localizedMessage: error.message };
    this.info.progress = 100;
    this.info.completeTime = new Date();
  }

  property(name: string, _ctx: CallContext): unknown {
    return name === "info" ? this.info : undefined;
  }
}
