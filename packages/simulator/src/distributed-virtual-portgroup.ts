import { Network } from "./network.ts";
import type { CallContext, ManagedEntity } from "./managed-object.ts";

export class DistributedVirtualPortgroup extends Network {
  readonly numPorts = 128;

  constructor(
    value: string,
    name: string,
    /** Its switch, which lists its port groups: the port group needs only the reference. */
    readonly dvs: ManagedEntity & { readonly uuid: string },
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
      case "config":
        return {
          key: this.key,
          name: this.name,
          numPorts: this.numPorts,
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
    return super.property(name, ctx);
  }
}
