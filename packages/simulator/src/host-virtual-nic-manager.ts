import { DEFAULT_STACK, HostManager, STACK_SERVICE, VSAN_NIC_TYPES, type HostSystem } from "./host-system.ts";
import type { Args, CallContext } from "./managed-object.ts";
import { faults } from "./vim/fault.ts";
import type { HostVirtualNic } from "@addnet/vim25/types";

const PRIVILEGE = "Host.Config.Network";

/** HostVirtualNicManager: which VMkernel services (nicTypes) each vmk carries. */
export class HostVirtualNicManager extends HostManager {
  constructor(value: string, host: HostSystem) {
    super("HostVirtualNicManager", value, host);
  }

  property(name: string): unknown {
    if (name === "info" && this.host.connectionState === "connected") return this.host.virtualNicManagerInfo();
    return undefined;
  }

  /** The checks Select and Deselect share; returns the vmk. */
  private target(args: Args, ctx: CallContext): HostVirtualNic {
    this.beginChange(ctx, PRIVILEGE);
    const nicType = args.nicType as string;
    const device = args.device as string;
    this.host.netConfig(nicType); // InvalidArgument for a type this host does not offer
    if (VSAN_NIC_TYPES.has(nicType)) throw faults.notSupported("VSAN interfaces must be selected using vim.host.VsanSystem");
    const vnic = this.host.vnic(device);
    if (!vnic) throw faults.invalidArgument("device", `The VMkernel adapter ${device} does not exist`);
    if (this.host.stackOf(vnic) !== DEFAULT_STACK) {
      throw faults.invalidArgument(
        "device",
        `Services can be selected only on VMkernel adapters of the default TCP/IP stack; ${device} is on ${this.host.stackOf(vnic)}`,
      );
    }
    return vnic;
  }

  SelectVnicForNicType(args: Args, ctx: CallContext): void {
    const vnic = this.target(args, ctx);
    const nicType = args.nicType as string;
    // R5: once a vmk is on the vMotion (Provisioning) stack, only that stack carries the service.
    const stackKey = Object.keys(STACK_SERVICE).find((k) => STACK_SERVICE[k] === nicType);
    if (stackKey && this.host.net.vnic.some((v) => this.host.stackOf(v) === stackKey)) {
      throw faults.hostConfig(
        `${nicType} is carried by the ${stackKey} TCP/IP stack on this host; it cannot be enabled on a default-stack adapter`,
      );
    }
    const type = this.host.supportedNicTypes().find((t) => t.nicType === nicType)!;
    const devices = this.host.selected.get(nicType) ?? new Set<string>();
    // R22: without multiSelectAllowed, selecting one vmk deselects the previous one.
    if (!type.multiSelectAllowed) devices.clear();
    devices.add(vnic.device);
    this.host.selected.set(nicType, devices);
  }

  DeselectVnicForNicType(args: Args, ctx: CallContext): void {
    const vnic = this.target(args, ctx);
    const devices = this.host.selected.get(args.nicType as string);
    if (!devices?.has(vnic.device)) {
      throw faults.invalidArgument("device", `${vnic.device} is not selected for ${String(args.nicType)}`);
    }
    devices.delete(vnic.device);
  }

  QueryNetConfig(args: Args, ctx: CallContext): unknown {
    ctx.sim.authorize(ctx, this.host, PRIVILEGE);
    this.host.requireConnected();
    return this.host.netConfig(args.nicType as string);
  }
}
