import type { VmwareDistributedVirtualSwitch } from "./distributed-virtual-switch.ts";
import { Network } from "./network.ts";
import type { CallContext } from "./managed-object.ts";

export class DistributedVirtualPortgroup extends Network {
  readonly numPorts = 128;

  constructor(
    value: string,
    name: string,
    readonly dvs: VmwareDistributedVirtualSwitch,
    /** A VLAN ID, or undefined for the uplink port group (which trunks every VLAN). */
    readonly vlanId: number | undefined,
  ) {
    super("DistributedVirtualPortgroup", value, name);
  }

  get key(): string {
    return this.ref.value;
  }

  get uplink(): boolean {
    return this.vlanId === undefined;
  }

  /** The port settings every port of the group starts from: its VLAN, and the security policy vCenter defaults to. */
  defaultPortConfig(): Record<string, unknown> {
    const off = { inherited: false, value: false };
    return {
      _type: "VMwareDVSPortSetting",
      vlan:
        this.vlanId === undefined
          ? { _type: "VmwareDistributedVirtualSwitchTrunkVlanSpec", inherited: false, vlanId: [{ start: 0, end: 4094 }] }
          : { _type: "VmwareDistributedVirtualSwitchVlanIdSpec", inherited: false, vlanId: this.vlanId },
      securityPolicy: { inherited: false, allowPromiscuous: off, macChanges: off, forgedTransmits: off },
    };
  }

  override property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "key":
        return this.key;
      case "config":
        return {
          key: this.key,
          name: this.name,
          numPorts: this.numPorts,
          distributedVirtualSwitch: this.dvs.ref,
          defaultPortConfig: this.defaultPortConfig(),
          type: "earlyBinding",
          backingType: "standard",
          uplink: this.uplink,
        };
    }
    return super.property(name, ctx);
  }
}
