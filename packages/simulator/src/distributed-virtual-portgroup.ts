import type { HostSystem } from "./host-system.ts";
import type { CallContext, ManagedEntity } from "./managed-object.ts";
import { Network } from "./network.ts";
import { faults } from "./vim/fault.ts";

/** A static-binding group's ports come in blocks: a group with every port taken grows by one (autoExpand). */
const PORT_BLOCK = 128;

export class DistributedVirtualPortgroup extends Network {
  constructor(
    value: string,
    name: string,
    /** Its switch, which lists its port groups: the port group needs only the reference. */
    readonly dvs: ManagedEntity & { readonly uuid: string },
    /** A VLAN ID, or undefined for the uplink port group (which trunks every VLAN). */
    readonly vlanId: number | undefined,
    /** The key of its first port: the switch numbers each group's ports from its own base, so no two groups' meet. */
    readonly firstPortKey: number,
  ) {
    super("DistributedVirtualPortgroup", value, name);
  }

  /** The group's ports in use, by key: each VMkernel adapter of a member host on one (a host's uplinks are its switch's). */
  connectedPorts(): Map<string, { host: HostSystem; device: string }> {
    const ports = new Map<string, { host: HostSystem; device: string }>();
    for (const host of this.hosts)
      for (const v of host.net.vnic) {
        const port = v.spec.distributedVirtualPort;
        if (port?.portgroupKey === this.key && port.portKey) ports.set(port.portKey, { host, device: v.device });
      }
    return ports;
  }

  get numPorts(): number {
    return PORT_BLOCK * (Math.floor(this.connectedPorts().size / PORT_BLOCK) + 1);
  }

  /** Every port's key, in order. */
  portKeys(): string[] {
    return Array.from({ length: this.numPorts }, (_, n) => String(this.firstPortKey + n));
  }

  /** The port an adapter connects to: the one asked for, which must be the group's and free, or the first free one. */
  portFor(requested: string | undefined): string {
    const taken = this.connectedPorts();
    if (requested === undefined) return this.portKeys().find((k) => !taken.has(k))!;
    if (!this.portKeys().includes(requested)) {
      throw faults.invalidArgument("nic.distributedVirtualPort.portKey", `Port ${requested} is not a port of ${this.name}`);
    }
    if (taken.has(requested)) throw faults.resourceInUse("DistributedVirtualPort", requested);
    return requested;
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
      uplinkTeamingPolicy: {
        inherited: false,
        policy: { inherited: false, value: "loadbalance_srcid" },
        reversePolicy: { inherited: false, value: true },
        notifySwitches: { inherited: false, value: true },
        rollingOrder: off,
        uplinkPortOrder: { inherited: false, activeUplinkPort: ["Uplink 1", "Uplink 2"], standbyUplinkPort: [] },
      },
      macManagementPolicy: {
        inherited: false,
        allowPromiscuous: false,
        macChanges: false,
        forgedTransmits: false,
        macLearningPolicy: { inherited: false, enabled: false, allowUnicastFlooding: true, limit: 4096, limitPolicy: "DROP" },
      },
    };
  }

  override property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "key":
        return this.key;
      case "config": {
        const countPorts = () => this.numPorts;
        return {
          key: this.key,
          name: this.name,
          // Counted over every member host's adapters: only when a client reads it, not for each of config's parts.
          get numPorts() {
            return countPorts();
          },
          distributedVirtualSwitch: this.dvs.ref,
          defaultPortConfig: this.defaultPortConfig(),
          type: "earlyBinding",
          policy: {
            _type: "VMwareDVSPortgroupPolicy",
            blockOverrideAllowed: true,
            shapingOverrideAllowed: false,
            vendorConfigOverrideAllowed: false,
            livePortMovingAllowed: false,
            portConfigResetAtDisconnect: true,
            networkResourcePoolOverrideAllowed: false,
            trafficFilterOverrideAllowed: false,
            vlanOverrideAllowed: false,
            uplinkTeamingOverrideAllowed: false,
            securityPolicyOverrideAllowed: false,
            ipfixOverrideAllowed: false,
            macManagementOverrideAllowed: false,
          },
          autoExpand: true,
          // No backingType (vSphere 7.0): a vCenter leaves out what is newer than the client's API version, which
          // the simulator does not track, and pyVmomi 6.7 refuses a field it does not know.
          uplink: this.uplink,
        };
      }
    }
    return super.property(name, ctx);
  }
}
