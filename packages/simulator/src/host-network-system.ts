import { DistributedVirtualPortgroup } from "./distributed-virtual-portgroup.ts";
import { DEFAULT_STACK, HostManager, STACK_SERVICE, type HostSystem } from "./host-system.ts";
import { checkGateway, checkIpConfig, checkMtu } from "./ip.ts";
import type { Args, CallContext } from "./managed-object.ts";
import { faults } from "./vim/fault.ts";
import type {
  HostIpConfig,
  HostNetStackInstance,
  HostNetworkConfig,
  HostNetworkPolicy,
  HostPortGroupSpec,
  HostVirtualNic,
  HostVirtualNicSpec,
  HostVirtualSwitchBondBridge,
  HostVirtualSwitchSimpleBridge,
  HostVirtualSwitchSpec,
} from "@addnet/vim25/types";

const SYSTEM_STACKS = new Set([DEFAULT_STACK, "vmotion", "vSphereProvisioning", "mirror", "ops"]);
const CONGESTION_CONTROL = new Set(["newreno", "cubic"]);
const PRIVILEGE = "Host.Config.Network";

function defaultPolicy(activeNic: string[], standbyNic: string[]): HostNetworkPolicy {
  return {
    security: { allowPromiscuous: false, macChanges: false, forgedTransmits: false },
    nicTeaming: {
      policy: "loadbalance_srcid",
      notifySwitches: true,
      rollingOrder: false,
      failureCriteria: {
        checkSpeed: "minimum",
        speed: 10,
        checkDuplex: false,
        fullDuplex: false,
        checkErrorPercent: false,
        percentage: 0,
        checkBeacon: false,
      },
      nicOrder: { activeNic, standbyNic },
    },
    offloadPolicy: { csumOffload: true, tcpSegmentation: true, zeroCopyXmit: true },
    shapingPolicy: { enabled: false },
  };
}

/** A port group's effective policy: its own settings over its vSwitch's. */
function computePolicy(vswitchPolicy: HostNetworkPolicy | undefined, own: HostNetworkPolicy): HostNetworkPolicy {
  const base = vswitchPolicy ?? defaultPolicy([], []);
  return {
    security: { ...base.security, ...own.security },
    nicTeaming: { ...base.nicTeaming, ...own.nicTeaming },
    offloadPolicy: { ...base.offloadPolicy, ...own.offloadPolicy },
    shapingPolicy: { ...base.shapingPolicy, ...own.shapingPolicy },
  };
}

const pnicKey = (device: string) => `key-vim.host.PhysicalNic-${device}`;

/** HostNetworkSystem: the host's standard switches, port groups, VMkernel adapters and TCP/IP stacks. */
export class HostNetworkSystem extends HostManager {
  constructor(value: string, host: HostSystem) {
    super("HostNetworkSystem", value, host);
  }

  property(name: string): unknown {
    if (this.host.connectionState !== "connected") return undefined;
    const net = this.host.net;
    switch (name) {
      case "networkInfo":
        return net;
      case "networkConfig":
        // The configuration as UpdateNetworkConfig takes it: what a host profile or Ansible's info modules read.
        return {
          vswitch: net.vswitch.map((v) => ({ name: v.name, spec: v.spec })),
          portgroup: net.portgroup.map((p) => ({ spec: p.spec })),
          pnic: net.pnic.map((p) => ({ device: p.device, spec: p.spec })),
          vnic: net.vnic.map((v) => ({ device: v.device, portgroup: v.portgroup, spec: v.spec })),
          dnsConfig: net.dnsConfig,
          ipRouteConfig: net.ipRouteConfig,
          ipV6Enabled: net.ipV6Enabled,
          netStackSpec: net.netStackInstance.map((netStackInstance) => ({ netStackInstance, operation: "edit" })),
        };
      case "capabilities":
        return {
          canSetPhysicalNicLinkSpeed: true,
          supportsNicTeaming: true,
          nicTeamingPolicy: ["loadbalance_ip", "loadbalance_srcmac", "loadbalance_srcid", "failover_explicit"],
          supportsVlan: true,
          usesServiceConsoleNic: false,
          supportsNetworkHints: true,
          maxPortGroupsPerVswitch: 512,
          vswitchConfigSupported: true,
          vnicConfigSupported: true,
          ipRouteConfigSupported: true,
          dnsConfigSupported: true,
          dhcpOnVnicSupported: true,
          ipV6Supported: true,
          backupNfcNiocSupported: true,
        };
    }
    return undefined;
  }

  private begin(ctx: CallContext): HostSystem {
    return this.beginChange(ctx, PRIVILEGE);
  }

  /**
   * A switch spec as the host stores it, checked: adapters that exist and no other switch uses, an active and
   * standby order of bridged adapters, the default teaming and security over what the spec leaves out.
   */
  private switchSpec(
    host: HostSystem,
    spec: HostVirtualSwitchSpec,
    own?: string,
  ): Required<Pick<HostVirtualSwitchSpec, "policy" | "mtu">> & HostVirtualSwitchSpec & { nicDevice: string[] } {
    if (spec.numPorts < 0 || spec.numPorts > 4096)
      throw faults.invalidArgument("spec.numPorts", `numPorts ${spec.numPorts} is not within 0-4096`);
    checkMtu(spec.mtu, "spec.mtu");
    // A bond bridge lists its adapters, a simple bridge names one; an auto bridge (or none) bridges nothing.
    const bridge = spec.bridge as Partial<HostVirtualSwitchBondBridge> | Partial<HostVirtualSwitchSimpleBridge> | undefined;
    const bridged = bridge?.nicDevice;
    const nicDevice = bridged === undefined ? [] : Array.isArray(bridged) ? bridged : [bridged];
    if (new Set(nicDevice).size !== nicDevice.length)
      throw faults.invalidArgument("spec.bridge.nicDevice", "A physical adapter is listed twice");
    for (const device of nicDevice) {
      if (!host.net.pnic.some((p) => p.device === device)) {
        throw faults.invalidArgument("spec.bridge.nicDevice", `The physical adapter ${device} does not exist`);
      }
      const key = pnicKey(device);
      const owner = [
        ...host.net.vswitch.filter((v) => v.name !== own).map((v) => ({ name: v.name, pnic: v.pnic })),
        ...host.net.proxySwitch.map((p) => ({ name: p.dvsName, pnic: p.pnic })),
      ].find((s) => s.pnic?.includes(key));
      if (owner) throw faults.resourceInUse("PhysicalNic", device);
    }
    const order = spec.policy?.nicTeaming?.nicOrder;
    const activeNic = order?.activeNic ?? (order ? [] : nicDevice);
    const standbyNic = order?.standbyNic ?? [];
    if ([...activeNic, ...standbyNic].some((d) => !nicDevice.includes(d)) || activeNic.some((d) => standbyNic.includes(d))) {
      throw faults.invalidArgument(
        "spec.policy.nicTeaming.nicOrder",
        "Active and standby adapters must be bridged adapters, and none may be both active and standby",
      );
    }
    const policy = defaultPolicy(activeNic, standbyNic);
    if (spec.policy) {
      Object.assign(policy.security!, spec.policy.security);
      Object.assign(policy.nicTeaming!, spec.policy.nicTeaming, { nicOrder: { activeNic, standbyNic } });
      Object.assign(policy.shapingPolicy!, spec.policy.shapingPolicy);
    }
    return {
      numPorts: spec.numPorts,
      bridge: nicDevice.length
        ? { _type: "HostVirtualSwitchBondBridge", nicDevice, beacon: bridge && "beacon" in bridge ? bridge.beacon : undefined }
        : undefined,
      policy,
      mtu: spec.mtu ?? 1500,
      nicDevice,
    };
  }

  AddVirtualSwitch(args: Args, ctx: CallContext): void {
    const host = this.begin(ctx);
    const name = args.vswitchName as string;
    if (!name || name.length > 32) throw faults.invalidArgument("vswitchName", "A vSwitch name must have 1 to 32 characters");
    if (host.vswitch(name)) throw faults.alreadyExists(name);
    const { nicDevice, ...spec } = this.switchSpec(host, (args.spec as HostVirtualSwitchSpec | undefined) ?? { numPorts: 128 });
    host.net.vswitch.push({
      name,
      key: `key-vim.host.VirtualSwitch-${name}`,
      numPorts: spec.numPorts,
      numPortsAvailable: spec.numPorts,
      mtu: spec.mtu,
      portgroup: [],
      pnic: nicDevice.map(pnicKey),
      spec,
    });
  }

  /** A new spec for a switch: ports, uplinks and their order, policy and MTU; its port groups' policies follow. */
  UpdateVirtualSwitch(args: Args, ctx: CallContext): void {
    const host = this.begin(ctx);
    const name = args.vswitchName as string;
    const vswitch = host.vswitch(name);
    if (!vswitch) throw faults.notFound(`The vSwitch ${name} does not exist`);
    const { nicDevice, ...spec } = this.switchSpec(host, args.spec as HostVirtualSwitchSpec, name);
    vswitch.spec = spec;
    vswitch.numPorts = spec.numPorts;
    vswitch.numPortsAvailable = spec.numPorts;
    vswitch.mtu = spec.mtu;
    vswitch.pnic = nicDevice.map(pnicKey);
    for (const pg of host.net.portgroup.filter((p) => p.spec.vswitchName === name)) {
      pg.computedPolicy = computePolicy(spec.policy, pg.spec.policy);
    }
  }

  RemoveVirtualSwitch(args: Args, ctx: CallContext): void {
    const host = this.begin(ctx);
    const name = args.vswitchName as string;
    const vswitch = host.vswitch(name);
    if (!vswitch) throw faults.notFound(`The vSwitch ${name} does not exist`);
    const groups = host.net.portgroup.filter((p) => p.spec.vswitchName === name);
    if (groups.some((p) => p.port?.some((port) => port.type === "host"))) throw faults.resourceInUse("HostVirtualSwitch", name);
    host.net.portgroup = host.net.portgroup.filter((p) => p.spec.vswitchName !== name);
    host.net.vswitch = host.net.vswitch.filter((v) => v !== vswitch);
  }

  /** A port group spec checked against the host; the policy as ESXi returns it, every sub-policy present. */
  private portgroupSpec(host: HostSystem, spec: HostPortGroupSpec): HostPortGroupSpec {
    if (!spec.name) throw faults.invalidArgument("portgrp.name", "A port group needs a name");
    if (spec.vlanId < 0 || spec.vlanId > 4095) {
      throw faults.invalidArgument("portgrp.vlanId", "Valid vlanIds range from [0,4095], where 0 means no vlan tagging");
    }
    const vswitch = host.vswitch(spec.vswitchName);
    if (!vswitch) throw faults.notFound(`The vSwitch ${spec.vswitchName} does not exist`);
    const { security, nicTeaming, offloadPolicy, shapingPolicy } = spec.policy ?? {};
    // A port group's own failover order names adapters of its switch, none both active and standby.
    const order = nicTeaming?.nicOrder;
    const bridged = (vswitch.pnic ?? []).map((k) => k.slice(pnicKey("").length));
    const active = order?.activeNic ?? [];
    const standby = order?.standbyNic ?? [];
    if ([...active, ...standby].some((d) => !bridged.includes(d)) || active.some((d) => standby.includes(d))) {
      throw faults.invalidArgument(
        "portgrp.policy.nicTeaming.nicOrder",
        "Active and standby adapters must be adapters of the vSwitch, and none may be both active and standby",
      );
    }
    return {
      name: spec.name,
      vlanId: spec.vlanId,
      vswitchName: spec.vswitchName,
      policy: {
        security: { ...security },
        nicTeaming: { ...nicTeaming },
        offloadPolicy: { ...offloadPolicy },
        shapingPolicy: { ...shapingPolicy },
      },
    };
  }

  AddPortGroup(args: Args, ctx: CallContext): void {
    const host = this.begin(ctx);
    const spec = this.portgroupSpec(host, args.portgrp as HostPortGroupSpec);
    const vswitch = host.vswitch(spec.vswitchName)!;
    if (host.portgroup(spec.name)) throw faults.alreadyExists(spec.name);
    const key = `key-vim.host.PortGroup-${spec.name}`;
    host.net.portgroup.push({ key, port: [], vswitch: vswitch.key, computedPolicy: computePolicy(vswitch.spec.policy, spec.policy), spec });
    vswitch.portgroup = [...(vswitch.portgroup ?? []), key];
  }

  /** A port group's new name, VLAN, switch or policy; its VMkernel adapter follows a rename. */
  UpdatePortGroup(args: Args, ctx: CallContext): void {
    const host = this.begin(ctx);
    const name = args.pgName as string;
    const pg = host.portgroup(name);
    if (!pg) throw faults.notFound(`The port group ${name} does not exist`);
    const spec = this.portgroupSpec(host, args.portgrp as HostPortGroupSpec);
    if (spec.name !== name && host.portgroup(spec.name)) throw faults.alreadyExists(spec.name);
    const from = host.vswitch(pg.spec.vswitchName);
    const to = host.vswitch(spec.vswitchName)!;
    const key = `key-vim.host.PortGroup-${spec.name}`;
    if (from) from.portgroup = (from.portgroup ?? []).filter((k) => k !== pg.key);
    to.portgroup = [...(to.portgroup ?? []), key];
    for (const v of host.net.vnic.filter((v) => v.portgroup === name)) {
      v.portgroup = spec.name;
      v.spec.portgroup = spec.name;
    }
    Object.assign(pg, { key, vswitch: to.key, spec, computedPolicy: computePolicy(to.spec.policy, spec.policy) });
  }

  RemovePortGroup(args: Args, ctx: CallContext): void {
    const host = this.begin(ctx);
    const name = args.pgName as string;
    const pg = host.portgroup(name);
    if (!pg) throw faults.notFound(`The port group ${name} does not exist`);
    if (pg.port?.some((p) => p.type === "host")) throw faults.resourceInUse("HostPortGroup", name);
    host.net.portgroup = host.net.portgroup.filter((p) => p !== pg);
    const vswitch = host.vswitch(pg.spec.vswitchName);
    if (vswitch) vswitch.portgroup = (vswitch.portgroup ?? []).filter((k) => k !== pg.key);
  }

  AddVirtualNic(args: Args, ctx: CallContext): string {
    return this.addVirtualNic(args.portgroup as string, args.nic as HostVirtualNicSpec, ctx);
  }

  /**
   * AddVirtualNic, and esxcli's interface add, which names the adapter (device): an adapter on a standard port group,
   * or on a distributed port (the one nic.distributedVirtualPort names, else the group's first free one).
   */
  addVirtualNic(portgroup: string, nic: HostVirtualNicSpec, ctx: CallContext, device?: string): string {
    const host = this.begin(ctx);
    if (nic.opaqueNetwork) throw faults.notSupported("Opaque networks are not simulated");
    let dvPort: HostVirtualNicSpec["distributedVirtualPort"];
    let pgName = "";
    if (nic.distributedVirtualPort) {
      if (portgroup !== "") throw faults.invalidArgument("portgroup", "portgroup must be empty when nic.distributedVirtualPort is set");
      const dvpg = this.checkDvPort(nic.distributedVirtualPort, ctx);
      const { switchUuid, portgroupKey } = nic.distributedVirtualPort;
      const portKey = dvpg.portFor(nic.distributedVirtualPort.portKey);
      dvPort = { switchUuid, portgroupKey, portKey, connectionCookie: Number(portKey) };
    } else {
      const pg = host.portgroup(portgroup);
      if (!pg) throw faults.invalidArgument("portgroup", `The port group ${portgroup} does not exist`);
      if (pg.port?.some((p) => p.type === "host")) throw faults.alreadyExists(portgroup);
      pgName = portgroup;
    }
    const stackKey = nic.netStackInstanceKey ?? DEFAULT_STACK;
    if (!host.stack(stackKey)) throw faults.notFound(`The TCP/IP stack ${stackKey} does not exist on this host`);
    if (!nic.ip) throw faults.invalidArgument("nic.ip", "IP configuration is required");
    checkIpConfig(nic.ip, "nic.ip", host.net.ipV6Enabled === true);
    checkMtu(nic.mtu, "nic.mtu");
    checkGateway(nic.ipRouteSpec?.ipRouteConfig, "nic.ipRouteSpec.ipRouteConfig");
    if (device !== undefined) {
      const n = /^vmk(\d{1,3})$/.exec(device);
      if (!n || Number(n[1]) > 255) throw faults.invalidArgument("device", `'${device}' is not a VMkernel adapter name (vmk0-vmk255)`);
      if (host.vnic(device)) throw faults.alreadyExists(device);
    }
    const vmk = device ?? this.freeDevice();
    // A MAC the caller names (an adapter added again with its own), unless another adapter of the host has it.
    if (nic.mac && host.net.vnic.some((v) => v.spec.mac === nic.mac)) throw faults.alreadyExists(nic.mac);
    const mac = nic.mac ?? host.nextMac();
    const vnic: HostVirtualNic = {
      device: vmk,
      key: `key-vim.host.VirtualNic-${vmk}`,
      portgroup: pgName,
      spec: {
        ip: this.storedIp(nic.ip),
        mac,
        distributedVirtualPort: dvPort,
        portgroup: pgName || undefined,
        mtu: nic.mtu ?? 1500,
        tsoEnabled: nic.tsoEnabled ?? true,
        netStackInstanceKey: stackKey,
        ipRouteSpec: nic.ipRouteSpec?.ipRouteConfig
          ? { ipRouteConfig: { _type: "HostIpRouteConfig", ...nic.ipRouteSpec.ipRouteConfig } }
          : undefined,
      },
    };
    if (pgName) {
      const portKey = `key-vim.host.PortGroup.Port-${host.nextPortKey()}`;
      vnic.port = portKey;
      host.portgroup(pgName)!.port!.push({ key: portKey, mac: [mac], type: "host" });
    }
    host.net.vnic.push(vnic);
    // R2/R3: the first vmk on the vMotion or Provisioning stack takes that service from default-stack vmks.
    const service = STACK_SERVICE[stackKey];
    if (service) host.selected.delete(service);
    return vmk;
  }

  UpdateVirtualNic(args: Args, ctx: CallContext): void {
    const host = this.begin(ctx);
    const vnic = host.vnic(args.device as string);
    if (!vnic) throw faults.notFound(`The VMkernel adapter ${String(args.device)} does not exist`);
    const nic = args.nic as HostVirtualNicSpec;
    if (nic.netStackInstanceKey !== undefined && nic.netStackInstanceKey !== host.stackOf(vnic)) {
      throw faults.invalidArgument("nic.netStackInstanceKey", "The TCP/IP stack of a VMkernel adapter cannot be changed");
    }
    if (nic.opaqueNetwork) throw faults.notSupported("Opaque networks are not simulated");
    if (nic.portgroup && nic.distributedVirtualPort)
      throw faults.invalidArgument("nic.portgroup", "Set either nic.portgroup or nic.distributedVirtualPort, not both");
    // Migrate: to a standard port group with no adapter yet, or to a distributed port group of a switch the host is on.
    const toPortgroup = nic.portgroup && nic.portgroup !== vnic.portgroup ? host.portgroup(nic.portgroup) : undefined;
    if (nic.portgroup && nic.portgroup !== vnic.portgroup) {
      if (!toPortgroup) throw faults.invalidArgument("nic.portgroup", `The port group ${nic.portgroup} does not exist`);
      if (toPortgroup.port?.some((p) => p.type === "host")) throw faults.alreadyExists(nic.portgroup);
    }
    const dvTarget = nic.distributedVirtualPort;
    const moveToDv = dvTarget && dvTarget.portgroupKey !== vnic.spec.distributedVirtualPort?.portgroupKey;
    const dvPortKey = moveToDv ? this.checkDvPort(dvTarget, ctx).portFor(dvTarget.portKey) : undefined;
    let ip = vnic.spec.ip;
    if (nic.ip) {
      checkIpConfig(nic.ip, "nic.ip", host.net.ipV6Enabled === true);
      ip = this.storedIp(nic.ip, vnic.spec.ip);
    }
    checkMtu(nic.mtu, "nic.mtu");
    checkGateway(nic.ipRouteSpec?.ipRouteConfig, "nic.ipRouteSpec.ipRouteConfig");
    if (toPortgroup) {
      this.detach(vnic);
      const portKey = `key-vim.host.PortGroup.Port-${host.nextPortKey()}`;
      toPortgroup.port = [...(toPortgroup.port ?? []), { key: portKey, mac: [vnic.spec.mac ?? ""], type: "host" }];
      vnic.port = portKey;
      vnic.portgroup = toPortgroup.spec.name;
      vnic.spec.portgroup = toPortgroup.spec.name;
    } else if (dvTarget && dvPortKey) {
      this.detach(vnic);
      vnic.spec.distributedVirtualPort = { ...dvTarget, portKey: dvPortKey, connectionCookie: Number(dvPortKey) };
    }
    vnic.spec.ip = ip;
    if (nic.mtu !== undefined) vnic.spec.mtu = nic.mtu;
    if (nic.tsoEnabled !== undefined) vnic.spec.tsoEnabled = nic.tsoEnabled;
    if (nic.ipRouteSpec) {
      const route = nic.ipRouteSpec.ipRouteConfig;
      vnic.spec.ipRouteSpec =
        route && (route.defaultGateway || route.ipV6DefaultGateway)
          ? { ipRouteConfig: { _type: "HostIpRouteConfig", ...route } }
          : undefined;
    }
  }

  /** A distributed port of a switch the host is a member of, on a port group the caller may assign (Network.Assign). */
  private checkDvPort(port: NonNullable<HostVirtualNicSpec["distributedVirtualPort"]>, ctx: CallContext): DistributedVirtualPortgroup {
    const { switchUuid, portgroupKey } = port;
    if (!this.host.net.proxySwitch.some((p) => p.dvsUuid === switchUuid)) {
      throw faults.invalidArgument(
        "nic.distributedVirtualPort.switchUuid",
        `The host is not a member of the distributed switch ${switchUuid}`,
      );
    }
    const dvpg = ctx.sim.findObject(portgroupKey ?? "");
    if (!(dvpg instanceof DistributedVirtualPortgroup) || dvpg.dvs.uuid !== switchUuid || dvpg.uplink) {
      throw faults.invalidArgument(
        "nic.distributedVirtualPort.portgroupKey",
        `'${portgroupKey ?? ""}' is not a distributed port group of that switch`,
      );
    }
    ctx.sim.authorize(ctx, dvpg, "Network.Assign");
    return dvpg;
  }

  /** Takes an adapter off its standard port group's port or its distributed port. */
  private detach(vnic: HostVirtualNic): void {
    const pg = this.host.portgroup(vnic.portgroup);
    if (pg) pg.port = pg.port?.filter((p) => p.key !== vnic.port);
    delete vnic.port;
    vnic.portgroup = "";
    delete vnic.spec.portgroup;
    delete vnic.spec.distributedVirtualPort;
  }

  RemoveVirtualNic(args: Args, ctx: CallContext): void {
    const host = this.begin(ctx);
    const device = args.device as string;
    const vnic = host.vnic(device);
    if (!vnic) throw faults.notFound(`The VMkernel adapter ${device} does not exist`);
    host.net.vnic = host.net.vnic.filter((v) => v !== vnic);
    this.detach(vnic);
    for (const devices of host.selected.values()) devices.delete(device);
    host.vsanPorts.delete(device);
  }

  UpdateNetworkConfig(args: Args, ctx: CallContext): Record<string, unknown> {
    const host = this.begin(ctx);
    const config = args.config as HostNetworkConfig;
    const changeMode = args.changeMode as string;
    if (changeMode !== "modify" && changeMode !== "replace") {
      throw faults.invalidArgument("changeMode", `changeMode '${changeMode}' is not modify or replace`);
    }
    if (changeMode === "replace") throw faults.notSupported("Only modify mode is simulated");
    const { netStackSpec, ipV6Enabled, ...rest } = config;
    const others = Object.entries(rest).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
    if (others.length > 0) {
      throw faults.notSupported(
        `UpdateNetworkConfig simulates only netStackSpec and ipV6Enabled, not ${others.map(([k]) => k).join(", ")}`,
      );
    }
    if (ipV6Enabled !== undefined) {
      if (netStackSpec?.length) throw faults.invalidArgument("config.ipV6Enabled", "ipV6Enabled must be set by itself");
      host.net.atBootIpV6Enabled = ipV6Enabled;
      return {};
    }
    const edits = (netStackSpec ?? []).map((s) => this.checkStackEdit(s.netStackInstance, s.operation));
    for (const apply of edits) apply();
    return {};
  }

  /** A stack an edit may change: one the host has, and active. */
  private editableStack(key: string): HostNetStackInstance {
    const stack = this.host.stack(key);
    if (!stack) throw faults.notFound(`The TCP/IP stack ${key} does not exist on this host`);
    if (!this.host.isStackActive(key)) {
      throw faults.hostConfig(`The TCP/IP stack ${key} is not active: add a VMkernel adapter to it before configuring it`);
    }
    return stack;
  }

  /**
   * One stack's edit made from its settings as they are (esxcli's netstack, route, dns and hostname commands): the same
   * checks and change as UpdateNetworkConfig's netStackSpec edit.
   */
  editNetStack(key: string, change: (stack: HostNetStackInstance) => Omit<HostNetStackInstance, "key">, ctx: CallContext): void {
    this.begin(ctx);
    const stack = this.editableStack(key);
    this.checkStackEdit({ ...change(stack), key }, "edit")();
  }

  /** Validates one netStackSpec edit and returns the change, so that a bad spec changes nothing. */
  private checkStackEdit(spec: HostNetStackInstance, operation: string | undefined): () => void {
    const host = this.host;
    const path = "config.netStackSpec.netStackInstance";
    if ((operation ?? "edit") !== "edit") throw faults.notSupported("Only edit operation is supported currently");
    if (!spec.key) throw faults.invalidArgument(`${path}.key`, "The TCP/IP stack key is required");
    const stack = this.editableStack(spec.key);
    if (spec.name !== undefined && spec.name !== stack.name && SYSTEM_STACKS.has(spec.key)) {
      throw faults.invalidArgument(`${path}.name`, "A system TCP/IP stack cannot be renamed");
    }
    if (spec.congestionControlAlgorithm !== undefined && !CONGESTION_CONTROL.has(spec.congestionControlAlgorithm)) {
      throw faults.invalidArgument(`${path}.congestionControlAlgorithm`, "The congestion control algorithm must be newreno or cubic");
    }
    const maxConn = spec.requestedMaxNumberOfConnections;
    if (maxConn !== undefined && maxConn < 1) {
      throw faults.invalidArgument(`${path}.requestedMaxNumberOfConnections`, "The maximum number of connections must be positive");
    }
    checkGateway(spec.ipRouteConfig, `${path}.ipRouteConfig`);
    const dns = spec.dnsConfig;
    if (dns) {
      if (dns.hostName.includes(".")) throw faults.invalidArgument(`${path}.dnsConfig.hostName`, "A host name cannot contain '.'");
      for (const a of dns.address ?? []) {
        checkGateway(
          { defaultGateway: a.includes(":") ? undefined : a, ipV6DefaultGateway: a.includes(":") ? a : undefined },
          `${path}.dnsConfig.address`,
        );
      }
      if (dns.dhcp && (!dns.virtualNicDevice || !host.vnic(dns.virtualNicDevice))) {
        throw faults.invalidArgument(`${path}.dnsConfig.virtualNicDevice`, "DNS from DHCP needs an existing VMkernel adapter");
      }
    }
    return () => {
      if (spec.name !== undefined) stack.name = spec.name;
      if (spec.ipRouteConfig) stack.ipRouteConfig = { ...spec.ipRouteConfig, _type: "HostIpRouteConfig" };
      if (dns) stack.dnsConfig = { ...dns, _type: "HostDnsConfig" };
      if (spec.congestionControlAlgorithm !== undefined) stack.congestionControlAlgorithm = spec.congestionControlAlgorithm;
      if (maxConn !== undefined) stack.requestedMaxNumberOfConnections = maxConn;
    };
  }

  /** The lowest free vmkN, N in 0-255 (R18). */
  private freeDevice(): string {
    for (let n = 0; n < 256; n++) if (!this.host.vnic(`vmk${n}`)) return `vmk${n}`;
    throw faults.hostConfig("The host has no free VMkernel adapter name (vmk0-vmk255)");
  }

  /** The IP configuration as the host reports it back, applying IPv6 address add/remove operations. */
  private storedIp(ip: HostIpConfig, current?: HostIpConfig): HostIpConfig {
    const host = this.host;
    const stored: HostIpConfig = { dhcp: ip.dhcp };
    if (!ip.dhcp && ip.ipAddress) {
      stored.ipAddress = ip.ipAddress;
      stored.subnetMask = ip.subnetMask;
    }
    if (!host.net.ipV6Enabled) return stored;
    const v6 = ip.ipV6Config;
    let addresses = current?.ipV6Config?.ipV6Address ?? [];
    for (const a of v6?.ipV6Address ?? []) {
      addresses = addresses.filter((x) => x.ipAddress !== a.ipAddress);
      if (a.operation !== "remove")
        addresses.push({ ipAddress: a.ipAddress, prefixLength: a.prefixLength, origin: "manual", dadState: "preferred" });
    }
    stored.ipV6Config = {
      ipV6Address: addresses,
      // Router advertisement is on by default since ESXi 6.5 (R15).
      autoConfigurationEnabled: v6?.autoConfigurationEnabled ?? current?.ipV6Config?.autoConfigurationEnabled ?? true,
      dhcpV6Enabled: v6?.dhcpV6Enabled ?? current?.ipV6Config?.dhcpV6Enabled ?? false,
    };
    return stored;
  }
}
