import { ManagedObject, type CallContext } from "./managed-object.ts";

export class ServiceInstance extends ManagedObject {
  constructor() {
    super("ServiceInstance", "ServiceInstance");
  }

  property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "content":
        return ctx.sim.serviceContent();
      case "serverClock":
        return new Date();
    }
    return undefined;
  }

  RetrieveServiceContent(_args: unknown, ctx: CallContext): unknown {
    return ctx.sim.serviceContent();
  }

  CurrentTime(): Date {
    return new Date();
  }
}
