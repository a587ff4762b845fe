import { DEFAULT_STACK, HostManager, type HostSystem } from "./host-system.ts";
import type { Args, CallContext } from "./managed-object.ts";
import { faults } from "./vim/fault.ts";
import type { VsanHostConfigInfo } from "@addnet/vim25/types";

/** HostVsanSystem: the vSAN service is put on vmks here, never through SelectVnicForNicType (R21). */
export class HostVsanSystem extends HostManager {
  constructor(value: string, host: HostSystem) {
    super("HostVsanSystem", value, host);
  }

  property(name: string): unknown {
    if (name === "config" && this.host.connectionState === "connected") return this.host.vsanConfig();
    return undefined;
  }

  /** The host's vSAN cluster membership: none here, no host is in a vSAN cluster. */
  QueryHostStatus(_args: Args, ctx: CallContext): unknown {
    ctx.sim.authorize(ctx, this.host, "System.Read");
    this.host.requireConnected();
    return { health: "unknown", nodeState: { state: "disabled" }, memberUuid: [] };
  }

  UpdateVsan_Task(args: Args, ctx: CallContext): unknown {
    ctx.sim.authorize(ctx, this.host, "Host.Config.Storage");
    this.host.requireConnected();
    const config = args.config as VsanHostConfigInfo;
    // networkInfo set means "these ports" (an empty list clears them, as govc's disable does); unset means no change.
    const ports = config.networkInfo ? (config.networkInfo.port ?? []).map((p) => p.device) : undefined;
    for (const device of ports ?? []) {
      const vnic = this.host.vnic(device);
      if (!vnic) throw faults.invalidArgument("config.networkInfo.port.device", `The VMkernel adapter ${device} does not exist`);
      if (this.host.stackOf(vnic) !== DEFAULT_STACK) {
        throw faults.invalidArgument(
          "config.networkInfo.port.device",
          `vSAN traffic needs a default-stack adapter; ${device} is on ${this.host.stackOf(vnic)}`,
        );
      }
    }
    const task = ctx.sim.createTask("UpdateVsan_Task", "host.VsanSystem.update", this.host, ctx);
    task.run(
      () => {
        if (ports) this.host.vsanPorts = [...new Set(ports)];
      },
      () => ctx.sim.changed(),
    );
    return task.ref;
  }
}
