import type { DistributedVirtualPortgroup } from "./distributed-virtual-portgroup.ts";
import type { HostSystem } from "./host-system.ts";
import { ManagedEntity, refs, type Args, type CallContext } from "./managed-object.ts";

interface PortCriteria {
  uplinkPort?: boolean;
  portgroupKey?: string[];
  portKey?: string[];
  host?: { value: string }[];
}

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

  /** The member hosts: those the uplink port group reaches. */
  get hosts(): HostSystem[] {
    return this.uplinkPortgroup?.hosts ?? [];
  }

  private get productInfo(): Record<string, unknown> {
    return { name: "DVS", vendor: "VMware, Inc.", version: "8.0.3", build: "24022515", forwardingClass: "etherswitch" };
  }

  /**
   * The switch's ports in use on its member hosts: each host's uplink, and each VMkernel adapter on a distributed
   * port, filtered by port group, port key, host, and to uplinks only when asked (other flags, as vcsim, unfiltered).
   */
  FetchDVPorts(args: Args): unknown[] {
    const c = (args.criteria ?? {}) as PortCriteria;
    const group = (key: string) => this.portgroups.find((pg) => pg.key === key);
    const ports = this.hosts.flatMap((host) => {
      const proxy = host.net.proxySwitch?.find((p) => p.dvsUuid === this.uuid);
      const backing = proxy?.spec.backing as { pnicSpec?: { pnicDevice: string; uplinkPortKey?: string; uplinkPortgroupKey?: string }[] };
      const uplinks = (backing?.pnicSpec ?? []).map((p) => ({
        key: p.uplinkPortKey!,
        portgroupKey: p.uplinkPortgroupKey!,
        nicKey: p.pnicDevice,
        type: "pnic",
        uplink: true,
      }));
      const vmks = host.net.vnic.flatMap((v) => {
        const port = v.spec.distributedVirtualPort;
        return port?.switchUuid === this.uuid
          ? [{ key: port.portKey!, portgroupKey: port.portgroupKey!, nicKey: v.device, type: "hostVmkVnic", uplink: false }]
          : [];
      });
      return [...uplinks, ...vmks].map((p) => ({ ...p, host }));
    });
    return ports
      .filter(
        (p) =>
          (!c.uplinkPort || p.uplink) &&
          (!c.portgroupKey?.length || c.portgroupKey.includes(p.portgroupKey)) &&
          (!c.portKey?.length || c.portKey.includes(p.key)) &&
          (!c.host?.length || c.host.some((h) => h.value === p.host.ref.value)),
      )
      .map((p) => ({
        key: p.key,
        config: { setting: group(p.portgroupKey)?.defaultPortConfig(), configVersion: "1" },
        dvsUuid: this.uuid,
        portgroupKey: p.portgroupKey,
        proxyHost: p.host.ref,
        connectee: { connectedEntity: p.host.ref, nicKey: p.nicKey, type: p.type },
        conflict: false,
        lastStatusChange: p.host.bootTime,
      }));
  }

  override property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "uuid":
        return this.uuid;
      case "summary":
        return {
          name: this.name,
          uuid: this.uuid,
          numPorts: this.portgroups.reduce((n, pg) => n + pg.numPorts, 0),
          productInfo: this.productInfo,
          hostMember: refs(this.hosts),
          portgroupName: this.portgroups.map((pg) => pg.name),
          contact: {},
          numHosts: this.hosts.length,
        };
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
          uplinkPortPolicy: { _type: "DVSNameArrayUplinkPortPolicy", uplinkPortName: ["Uplink 1", "Uplink 2", "Uplink 3", "Uplink 4"] },
          uplinkPortgroup: this.uplinkPortgroup ? [this.uplinkPortgroup.ref] : [],
          defaultPortConfig: {
            _type: "VMwareDVSPortSetting",
            vlan: { _type: "VmwareDistributedVirtualSwitchVlanIdSpec", inherited: false, vlanId: 0 },
          },
          // Required by the WSDL (VMware's clients decode a missing one as a zero value).
          productInfo: this.productInfo,
          configVersion: "1",
          contact: {},
          createTime: CREATE_TIME,
          networkResourceManagementEnabled: true,
          healthCheckConfig: [
            { _type: "VMwareDVSVlanMtuHealthCheckConfig", enable: false, interval: 1 },
            { _type: "VMwareDVSTeamingHealthCheckConfig", enable: false, interval: 1 },
          ],
          maxMtu: this.maxMtu,
          linkDiscoveryProtocolConfig: { protocol: "cdp", operation: "listen" },
          ipfixConfig: {
            collectorPort: 0,
            observationDomainId: 0,
            activeFlowTimeout: 60,
            idleFlowTimeout: 15,
            samplingRate: 4096,
            internalFlowsOnly: false,
          },
          multicastFilteringMode: "legacyFiltering",
        };
    }
    return super.property(name, ctx);
  }
}
