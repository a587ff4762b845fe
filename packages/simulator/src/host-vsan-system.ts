import { DEFAULT_STACK, HostManager, VSAN_TRAFFIC, type HostSystem } from "./host-system.ts";
import type { Args, CallContext } from "./managed-object.ts";
import { faults } from "./vim/fault.ts";
import type { VsanHostConfigInfo, VsanHostPortConfigEx } from "@addnet/vim25/types";

const TRAFFIC_TYPES = new Set(Object.values(VSAN_TRAFFIC));

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

  /** vSAN ports as the host takes them: default-stack adapters that exist, each with known traffic types. */
  private checkPorts(ports: readonly (readonly [string, readonly string[]])[]): void {
    for (const [device, types] of ports) {
      const unknown = types.find((t) => !TRAFFIC_TYPES.has(t));
      if (unknown)
        throw faults.invalidArgument("config.networkInfo.port.trafficTypes", `'${unknown}' is not a vSAN traffic type (vsan, witness)`);
      const vnic = this.host.vnic(device);
      if (!vnic) throw faults.invalidArgument("config.networkInfo.port.device", `The VMkernel adapter ${device} does not exist`);
      if (this.host.stackOf(vnic) !== DEFAULT_STACK) {
        throw faults.invalidArgument(
          "config.networkInfo.port.device",
          `vSAN traffic needs a default-stack adapter; ${device} is on ${this.host.stackOf(vnic)}`,
        );
      }
    }
  }

  /** esxcli's vsan network ip add: one more traffic type on an adapter, at once (the host's own command, no task). */
  addTraffic(device: string, traffic: string, ctx: CallContext): void {
    this.beginChange(ctx, "Host.Config.Storage");
    const types = this.host.vsanPorts.get(device) ?? [];
    if (types.includes(traffic)) throw faults.alreadyExists(`${device} (${traffic})`);
    const ports = new Map(this.host.vsanPorts).set(device, [...types, traffic]);
    this.checkPorts([...ports]);
    this.host.vsanPorts = ports;
  }

  UpdateVsan_Task(args: Args, ctx: CallContext): unknown {
    this.beginChange(ctx, "Host.Config.Storage");
    const config = args.config as VsanHostConfigInfo;
    // networkInfo set means "these ports" (an empty list clears them, as govc's disable does); unset means no change.
    // A port's traffic types come with VsanHostPortConfigEx; none is "vsan".
    const ports = config.networkInfo
      ? (config.networkInfo.port ?? []).map((p) => {
          const types = (p as Partial<VsanHostPortConfigEx>).trafficTypes ?? [];
          return [p.device, types.length ? [...new Set(types)] : ["vsan"]] as const;
        })
      : undefined;
    this.checkPorts(ports ?? []);
    const task = ctx.sim.createTask("UpdateVsan_Task", "host.VsanSystem.update", this.host, ctx);
    task.run(
      () => {
        if (ports) this.host.vsanPorts = new Map(ports.map(([device, types]) => [device, [...types]]));
      },
      () => ctx.sim.changed(),
    );
    return task.ref;
  }
}
