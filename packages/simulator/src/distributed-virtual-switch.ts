import type { DistributedVirtualPortgroup } from "./distributed-virtual-portgroup.ts";
import { ManagedEntity, refs, type CallContext } from "./managed-object.ts";

const CREATE_TIME = new Date("2026-10-15T09:00:00Z");

export class VmwareDistributedVirtualSwitch extends ManagedEntity {
  readonly portgroups: DistributedVirtualPortgroup[] = [];
  uplinkPortgroup: DistributedVirtualPortgroup | undefined;

  constructor(
    value: string,
    name: string,
    readonly uuid: string,
    readonly maxMtu: number,
  ) {
    super("VmwareDistributedVirtualSwitch", value, name);
  }

  override property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "uuid":
        return this.uuid;
      case "portgroup":
        return refs(this.portgroups);
      case "config":
        return {
          _type: "VMwareDVSConfigInfo",
          uuid: this.uuid,
          name: this.name,
          numStandalonePorts: 0,
          numPorts: this.portgroups.reduce((n, pg) => n + pg.numPorts, 0),
          maxPorts: 60000,
          uplinkPortgroup: this.uplinkPortgroup ? [this.uplinkPortgroup.ref] : [],
          defaultPortConfig: {
            _type: "VMwareDVSPortSetting",
            vlan: { _type: "VmwareDistributedVirtualSwitchVlanIdSpec", inherited: false, vlanId: 0 },
          },
          // Required by the WSDL (VMware's clients decode a missing one as a zero value).
          productInfo: { name: "DVS", vendor: "VMware, Inc.", version: "8.0.3", build: "24022515", forwardingClass: "etherswitch" },
          configVersion: "1",
          contact: {},
          createTime: CREATE_TIME,
          maxMtu: this.maxMtu,
        };
    }
    return super.property(name, ctx);
  }
}
