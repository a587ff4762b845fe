import type { DistributedVirtualPortgroup } from "./distributed-virtual-portgroup.ts";
import type { HostSystem } from "./host-system.ts";
import { ManagedEntity, refs, type Args, type CallContext } from "./managed-object.ts";

interface PortCriteria {
  connected?: boolean;
  active?: boolean;
  uplinkPort?: boolean;
  inside?: boolean;
  portgroupKey?: string[];
  portKey?: string[];
  host?: { value: string }[];
}

/** A port as FetchDVPorts reports it: its group, and what connects to it through which host (none for a free port). */
interface Port {
  key: string;
  portgroupKey: string;
  uplink: boolean;
  connectee?: { host: HostSystem; nicKey: string; type: "pnic" | "hostVmkVnic" };
}

const CREATE_TIME = new Date("2026-10-15T09:00:00Z");
const UPLINK_NAMES = ["Uplink 1", "Uplink 2", "Uplink 3", "Uplink 4"];

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
   * Every port: each member host's uplink ports (one for each uplink name, numbered from the host's first, four apart
   * from the next host's), taken by the physical adapter that backs it or free, and every port of the other groups,
   * taken by a VMkernel adapter or free.
   */
  private ports(): Port[] {
    const uplinks = this.hosts.flatMap((host) => {
      const proxy = host.net.proxySwitch?.find((p) => p.dvsUuid === this.uuid);
      const backing = proxy?.spec.backing as { pnicSpec?: { pnicDevice: string; uplinkPortKey?: string }[] };
      const pnics = backing?.pnicSpec ?? [];
      if (!pnics.length) return [];
      const first = Math.min(...pnics.map((p) => Number(p.uplinkPortKey)));
      return UPLINK_NAMES.map((_, n): Port => {
        const key = String(first + n);
        const pnic = pnics.find((p) => p.uplinkPortKey === key);
        return {
          key,
          portgroupKey: this.uplinkPortgroup!.key,
          uplink: true,
          connectee: pnic && { host, nicKey: pnic.pnicDevice, type: "pnic" },
        };
      });
    });
    const groupPorts = this.portgroups
      .filter((pg) => !pg.uplink)
      .flatMap((pg) => {
        const taken = pg.connectedPorts();
        return pg.portKeys().map((key): Port => {
          const c = taken.get(key);
          return { key, portgroupKey: pg.key, uplink: false, connectee: c && { host: c.host, nicKey: c.device, type: "hostVmkVnic" } };
        });
      });
    return [...uplinks, ...groupPorts];
  }

  /**
   * The ports the criteria select, as vCenter reads them: a flag that is set selects the ports that match it (connected
   * false: the free ones); inside selects the ports in (or, false, outside) the port groups named, any when none is.
   */
  FetchDVPorts(args: Args): unknown[] {
    const c = (args.criteria ?? {}) as PortCriteria;
    const group = (key: string) => this.portgroups.find((pg) => pg.key === key);
    const inGroups = (p: Port) => !c.portgroupKey?.length || c.portgroupKey.includes(p.portgroupKey);
    // A port is active while it carries traffic: connected, through a host that is.
    const active = (p: Port) => p.connectee !== undefined && p.connectee.host.connectionState === "connected";
    return this.ports()
      .filter(
        (p) =>
          (c.connected === undefined || c.connected === (p.connectee !== undefined)) &&
          (c.active === undefined || c.active === active(p)) &&
          (c.uplinkPort === undefined || c.uplinkPort === p.uplink) &&
          (c.inside === undefined || c.inside === inGroups(p)) &&
          (!c.portKey?.length || c.portKey.includes(p.key)) &&
          (!c.host?.length || c.host.some((h) => h.value === p.connectee?.host.ref.value)),
      )
      .map((p) => ({
        key: p.key,
        config: { setting: group(p.portgroupKey)?.defaultPortConfig(), configVersion: "1" },
        dvsUuid: this.uuid,
        portgroupKey: p.portgroupKey,
        proxyHost: p.connectee?.host.ref,
        connectee: p.connectee && { connectedEntity: p.connectee.host.ref, nicKey: p.connectee.nicKey, type: p.connectee.type },
        conflict: false,
        lastStatusChange: p.connectee?.host.bootTime ?? CREATE_TIME,
      }));
  }

  /** Every port of its groups, counted over every member host's adapters: only when a client reads it. */
  numPorts(): number {
    return this.portgroups.reduce((n, pg) => n + pg.numPorts, 0);
  }

  override property(name: string, ctx: CallContext): unknown {
    const countPorts = () => this.numPorts();
    switch (name) {
      case "uuid":
        return this.uuid;
      case "summary":
        return {
          name: this.name,
          uuid: this.uuid,
          get numPorts() {
            return countPorts();
          },
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
          get numPorts() {
            return countPorts();
          },
          maxPorts: 60000,
          uplinkPortPolicy: { _type: "DVSNameArrayUplinkPortPolicy", uplinkPortName: UPLINK_NAMES },
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
