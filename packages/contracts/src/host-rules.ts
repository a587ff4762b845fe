/**
 * The rules that need a host's networking (wizard-spec §2, R4–R26), written once: the wizard's pages and the Edit
 * TCP/IP stack dialog run them in the browser on the host the page shows, and the API runs them on the host it has
 * just read before it sends anything, adding what only it can see (the rest of the inventory) under the same codes.
 */
import type { HostNetworking, TcpipStackInfo, VmkernelAdapterInfo } from "./api.ts";
import { ipv6Prefix, isIPv4, maskPrefix, sameIPv4Subnet, stackGatewayProblem } from "./ip.ts";
import { stackNames, type ValidationCode } from "./messages.ts";
import type { NetStackPatch } from "./netstack.ts";
import {
  DEFAULT_STACK,
  isVsanService,
  servicesFitStack,
  NIC_TYPES,
  STACK_SERVICE,
  type NewSwitchUplinks,
  type NicType,
  type PortProperties,
  type TargetDevice,
} from "./wizard.ts";

export const PRIVILEGES = { network: "Host.Config.Network", storage: "Host.Config.Storage", assign: "Network.Assign" } as const;

export type MessageParams = Record<string, string | number>;

export interface HostIssue {
  /** The model's dotted path (portProperties.networkLabel), or "" for the host as a whole. */
  path: string;
  code: ValidationCode;
  params?: MessageParams;
}

export interface HostCheck {
  errors: HostIssue[];
  warnings: HostIssue[];
}

/**
 * The wizard's model as far as the user has filled it in: the pages are checked before the whole model parses, so
 * numbers may be missing and later pages not there yet. A parsed VmkernelAdapterModel is one of these.
 */
export interface AdapterInput {
  targetDevice: { kind?: TargetDevice["kind"]; portgroupKey?: string; vswitchName?: string; mtu?: number };
  newSwitchUplinks?: NewSwitchUplinks;
  portProperties?: {
    networkLabel?: string;
    ipSettings: PortProperties["ipSettings"];
    mtu: { mode: "fromSwitch" } | { mode: "custom"; value?: number };
    tcpipStack: string;
    services: readonly string[];
  };
  ipv4Settings?: { mode?: "dhcp" | "static"; address?: string; subnetMask?: string; overrideGateway?: boolean };
  ipv6Settings?: { staticAddresses?: { address: string; prefixLength?: number }[]; overrideGateway?: boolean; defaultGateway?: string };
}

/** The port group wizard's model as far as the user has filled it in. A parsed VmPortGroupModel is one of these. */
export interface PortGroupInput {
  targetDevice: AdapterInput["targetDevice"];
  newSwitchUplinks?: NewSwitchUplinks;
  connectionSettings?: { networkLabel?: string; vlanId?: number };
}

/** The Physical Network Adapter wizard's model as far as the user has filled it in. */
export interface PhysicalAdapterInput {
  targetDevice: AdapterInput["targetDevice"];
  newSwitchUplinks?: NewSwitchUplinks;
  switchUplinks?: NewSwitchUplinks;
}

/** The MTU of the switch the adapter goes on: the new switch's, the standard switch's or the port group's switch's. */
export function switchMtu(net: HostNetworking, target: AdapterInput["targetDevice"]): number | undefined {
  if (target.kind === "newStandardSwitch") return Number.isInteger(target.mtu) ? target.mtu : undefined;
  if (target.kind === "existingStandardSwitch") return net.vswitches.find((v) => v.name === target.vswitchName)?.mtu;
  if (target.kind === "existingNetwork") return net.distributedPortgroups.find((p) => p.key === target.portgroupKey)?.mtu ?? undefined;
  return undefined;
}

/** The services the wizard offers on this host, in the vSphere Client's order. */
export function offeredServices(net: HostNetworking): NicType[] {
  return NIC_TYPES.filter((nt) => net.services.some((s) => s.nicType === nt));
}

export function adaptersOnStack(net: HostNetworking, stackKey: string): string[] {
  return net.vmkernelAdapters.filter((a) => a.tcpipStack === stackKey).map((a) => a.device);
}

export function freePhysicalAdapters(net: HostNetworking): string[] {
  return net.physicalNics.filter((n) => n.usedBy === null).map((n) => n.device);
}

/** VMkernel adapters whose DHCP can supply a stack's DNS settings. */
export function dhcpAdapters(net: HostNetworking): string[] {
  return net.vmkernelAdapters.filter((a) => a.ipv4.dhcp).map((a) => a.device);
}

/** One key per IPv6 address whatever its text (2001:db8::1, 2001:DB8:0:0::1 and 2001:0db8::0001 are one address). */
export function ipv6Key(address: string): string {
  return ipv6Prefix(address.trim(), 128) ?? address.trim().toLowerCase();
}

/** Who uses each VMkernel address on this host: address (IPv6 by ipv6Key) → "host vmkN". */
export function hostAddresses(net: HostNetworking): Map<string, string> {
  const owners = new Map<string, string>();
  for (const a of net.vmkernelAdapters) {
    const owner = `${net.host.name} ${a.device}`;
    if (a.ipv4.address) owners.set(a.ipv4.address, owner);
    for (const x of a.ipv6?.addresses ?? []) owners.set(ipv6Key(x.address), owner);
  }
  return owners;
}

type Report = (path: string, code: ValidationCode, params?: MessageParams) => void;

/** A check's errors and warnings, and the reports that add to them. */
function collector(): HostCheck & { error: Report; warn: Report } {
  const errors: HostIssue[] = [];
  const warnings: HostIssue[] = [];
  return {
    errors,
    warnings,
    error: (path, code, params) => errors.push({ path, code, params }),
    warn: (path, code, params) => warnings.push({ path, code, params }),
  };
}

/** A VMkernel adapter of the host, or the error that there is none by that name; and the privilege any change of it needs. */
function adapterOf(net: HostNetworking, device: string, error: Report): VmkernelAdapterInfo | undefined {
  if (!net.privileges.hostConfigNetwork) error("", "privilege.missing", { privilege: PRIVILEGES.network, entity: net.host.name });
  const adapter = net.vmkernelAdapters.find((a) => a.device === device);
  if (!adapter) error("device", "adapter.notFound", { host: net.host.name, device });
  return adapter;
}

/** The rules every connection type shares: the privilege, the target device, and a new switch's uplinks. */
function checkTarget(net: HostNetworking, model: PortGroupInput, error: Report, warn: Report): void {
  const host = net.host.name;
  const t = model.targetDevice;

  if (!net.privileges.hostConfigNetwork) error("", "privilege.missing", { privilege: PRIVILEGES.network, entity: host });

  // Select target device
  if (t.kind === "existingNetwork" && t.portgroupKey) {
    const dvpg = net.distributedPortgroups.find((p) => p.key === t.portgroupKey);
    if (!dvpg) error("targetDevice.portgroupKey", "targetDevice.notFound", { host, target: t.portgroupKey });
    else if (!dvpg.canAssign) error("targetDevice.portgroupKey", "privilege.missing", { privilege: PRIVILEGES.assign, entity: dvpg.name });
  } else if (t.kind === "existingStandardSwitch" && t.vswitchName && !net.vswitches.some((v) => v.name === t.vswitchName)) {
    error("targetDevice.vswitchName", "targetDevice.notFound", { host, target: t.vswitchName });
  }

  // Create a Standard Switch
  if (t.kind === "newStandardSwitch") {
    const u = model.newSwitchUplinks ?? { active: [], standby: [], unused: [] };
    for (const group of ["active", "standby", "unused"] as const) {
      for (const device of u[group]) {
        const nic = net.physicalNics.find((p) => p.device === device);
        if (!nic) error(`newSwitchUplinks.${group}`, "uplinks.unknown", { host, device });
        else if (nic.usedBy) error(`newSwitchUplinks.${group}`, "uplinks.inUse", { device, owner: nic.usedBy.name });
      }
    }
    if (u.active.length + u.standby.length === 0) {
      warn("newSwitchUplinks.active", freePhysicalAdapters(net).length ? "uplinks.none" : "uplinks.noneFree", { host });
    }
  }
}

/** A standard port group's name is unique on its host. */
function checkLabel(net: HostNetworking, path: string, label: string | undefined, error: Report): void {
  const name = label?.trim();
  if (name && net.portgroups.some((pg) => pg.name === name)) error(path, "networkLabel.inUse", { host: net.host.name, label: name });
}

/** Every rule of the Add Networking wizard that needs the host: errors stop Finish, warnings show on Ready to complete. */
export function checkAdapter(net: HostNetworking, model: AdapterInput): HostCheck {
  const { errors, warnings, error, warn } = collector();
  checkTarget(net, model, error, warn);
  checkPort(net, model, error, warn);
  return { errors, warnings };
}

/**
 * The adapter's port properties and IP settings on the host: the wizard's pages 3 to 5, and the Edit Settings dialog
 * (on the host without the adapter being edited, with the services it adds).
 */
function checkPort(net: HostNetworking, model: AdapterInput, error: Report, warn: Report): void {
  const host = net.host.name;
  const t = model.targetDevice;
  const p = model.portProperties;
  if (!p) return;
  if (t.kind !== "existingNetwork") checkLabel(net, "portProperties.networkLabel", p.networkLabel, error);
  const limit = switchMtu(net, t);
  if (p.mtu.mode === "custom" && Number.isInteger(p.mtu.value) && limit !== undefined && p.mtu.value! > limit) {
    error("portProperties.mtu.value", "mtu.aboveSwitch", { mtu: p.mtu.value!, switchMtu: limit });
  }
  const stack = net.tcpipStacks.find((s) => s.key === p.tcpipStack);
  if (p.tcpipStack && !stack) error("portProperties.tcpipStack", "tcpipStack.unknown", { host, stack: p.tcpipStack });
  // R14: no IPv6 on a host without IPv6.
  if (p.ipSettings !== "ipv4" && !net.ipv6Enabled) error("portProperties.ipSettings", "ipv6.hostDisabled", { host });
  const offered = offeredServices(net);
  for (const service of p.services) {
    if (!offered.includes(service as NicType)) {
      error("portProperties.services", "services.notOffered", { host, version: net.host.version ?? "?", service });
    } else if (isVsanService(service) && !net.privileges.hostConfigStorage) {
      error("portProperties.services", "privilege.missing", { privilege: PRIVILEGES.storage, entity: host });
    }
  }
  // R5 and its Provisioning analogue: once a stack carries its service, a default-stack adapter cannot take it.
  if (p.tcpipStack === DEFAULT_STACK) {
    for (const [stackKey, service] of Object.entries(STACK_SERVICE)) {
      const devices = adaptersOnStack(net, stackKey);
      if (p.services.includes(service) && devices.length) {
        error("portProperties.services", "services.stackTaken", { service, stack: stackKey, host, devices: devices.join(", ") });
      }
    }
  }
  const implied = STACK_SERVICE[p.tcpipStack];
  if (implied) {
    const losing = net.vmkernelAdapters.filter((a) => a.tcpipStack === DEFAULT_STACK && a.services.includes(implied)).map((a) => a.device);
    if (losing.length)
      warn("portProperties.tcpipStack", "services.willLose", { devices: losing.join(", "), service: implied, stack: p.tcpipStack });
  }

  // IPv4 settings
  const owners = hostAddresses(net);
  const v4 = p.ipSettings !== "ipv6" ? model.ipv4Settings : undefined;
  const stackGateway = stack?.defaultGateway ?? undefined;
  if (v4?.mode === "static" && v4.address && isIPv4(v4.address.trim())) {
    const address = v4.address.trim();
    const mask = v4.subnetMask?.trim() ?? "";
    const owner = owners.get(address);
    if (owner) error("ipv4Settings.address", "ipv4.inUse", { address, owner });
    if (maskPrefix(mask) !== undefined) {
      const sameSubnet = net.vmkernelAdapters.filter(
        (a) => a.tcpipStack === p.tcpipStack && a.ipv4.address && a.ipv4.subnetMask && sameIPv4Subnet(a.ipv4.address, address, mask),
      );
      if (sameSubnet.length) warn("ipv4Settings.address", "ipv4.sameSubnet", { devices: sameSubnet.map((a) => a.device).join(", ") });
      if (!v4.overrideGateway && stackGateway && !sameIPv4Subnet(stackGateway, address, mask)) {
        warn("ipv4Settings.address", "gateway.stackOutsideSubnet", { stack: p.tcpipStack, gateway: stackGateway });
      }
    }
  }
  if (p.tcpipStack !== DEFAULT_STACK && stack && !stackGateway && !(v4?.mode === "static" && v4.overrideGateway)) {
    // The host's, not a wizard field's: the gateway is set in the TCP/IP configuration once the adapter exists.
    warn("", "stack.noGateway", { stack: p.tcpipStack, host });
  }

  // IPv6 settings
  const v6 = p.ipSettings !== "ipv4" ? model.ipv6Settings : undefined;
  const statics = v6?.staticAddresses ?? [];
  statics.forEach((a, i) => {
    const owner = owners.get(ipv6Key(a.address));
    if (owner) error(`ipv6Settings.staticAddresses.${i}.address`, "ipv6.inUse", { address: a.address.trim(), owner });
  });
  const gw6 = v6?.overrideGateway ? v6.defaultGateway?.trim() : undefined;
  const prefixed = statics.filter((a) => a.prefixLength !== undefined && ipv6Prefix(a.address, a.prefixLength));
  if (gw6 && prefixed.length && !prefixed.some((a) => ipv6Prefix(gw6, a.prefixLength!) === ipv6Prefix(a.address, a.prefixLength!))) {
    warn("ipv6Settings.defaultGateway", "gateway.outsidePrefix", { gateway: gw6 });
  }
}

/** Every rule of the port group wizard (Virtual Machine Port Group for a Standard Switch) that needs the host. */
export function checkPortGroup(net: HostNetworking, model: PortGroupInput): HostCheck {
  const { errors, warnings, error, warn } = collector();
  checkTarget(net, model, error, warn);
  checkLabel(net, "connectionSettings.networkLabel", model.connectionSettings?.networkLabel, error);
  return { errors, warnings };
}

/**
 * Every rule of the Physical Network Adapter wizard that needs the host: a new switch's uplinks as for the other
 * connection types; an existing switch keeps the adapters it has and takes free ones, at least one.
 */
export function checkPhysicalAdapter(net: HostNetworking, model: PhysicalAdapterInput): HostCheck {
  const { errors, warnings, error, warn } = collector();
  checkTarget(net, model, error, warn);
  const t = model.targetDevice;
  const vswitch = t.kind === "existingStandardSwitch" ? net.vswitches.find((v) => v.name === t.vswitchName) : undefined;
  if (vswitch && model.switchUplinks) {
    const host = net.host.name;
    const u = model.switchUplinks;
    const listed = [...u.active, ...u.standby, ...u.unused];
    for (const group of ["active", "standby", "unused"] as const) {
      for (const device of u[group]) {
        const nic = net.physicalNics.find((p) => p.device === device);
        if (!nic) error(`switchUplinks.${group}`, "uplinks.unknown", { host, device });
        else if (nic.usedBy && nic.usedBy.name !== vswitch.name)
          error(`switchUplinks.${group}`, "uplinks.inUse", { device, owner: nic.usedBy.name });
      }
    }
    const dropped = vswitch.uplinks.filter((d) => !listed.includes(d));
    if (dropped.length) error("switchUplinks.active", "uplinks.keepCurrent", { vswitch: vswitch.name, devices: dropped.join(", ") });
    if (!listed.some((d) => !vswitch.uplinks.includes(d))) error("switchUplinks.active", "uplinks.noneAdded", { vswitch: vswitch.name });
  }
  return { errors, warnings };
}

/**
 * Remove a VMkernel adapter, and the vSphere Client's Analyze impact: what the removal breaks. vCenter reaches the host
 * through a management adapter, so the last one is refused; a service or a stack that only this adapter carries is
 * named as lost.
 */
export function checkRemoveAdapter(net: HostNetworking, device: string): HostCheck {
  const { errors, warnings, error, warn } = collector();
  const host = net.host.name;
  const adapter = adapterOf(net, device, error);
  if (!adapter) return { errors, warnings };
  const others = net.vmkernelAdapters.filter((a) => a !== adapter);
  for (const service of adapter.services) {
    if (others.some((a) => a.services.includes(service))) continue;
    if (service === "management") error("device", "remove.lastManagement", { host, device });
    else warn("device", "remove.lastService", { host, device, service });
  }
  if (adapter.tcpipStack !== DEFAULT_STACK && !others.some((a) => a.tcpipStack === adapter.tcpipStack))
    warn("device", "remove.stackInactive", { host, device, stack: adapter.tcpipStack });
  return { errors, warnings };
}

/** Where an adapter is, as the wizard's target device: its distributed port group, or its standard port group's switch. */
export function adapterTarget(adapter: VmkernelAdapterInfo): AdapterInput["targetDevice"] {
  return adapter.distributedPort
    ? { kind: "existingNetwork", portgroupKey: adapter.distributedPort.portgroupKey ?? undefined }
    : { kind: "existingStandardSwitch", vswitchName: adapter.switchName ?? undefined };
}

/**
 * The services an edit gives an adapter and takes from it. A stack adapter's service is its stack's, so only the default
 * stack's change; a service the wizard does not offer (PTP, set in the host's time settings) is kept as it is.
 */
export function serviceChanges(adapter: VmkernelAdapterInfo, services: readonly string[]): { added: NicType[]; dropped: NicType[] } {
  if (adapter.tcpipStack !== DEFAULT_STACK) return { added: [], dropped: [] };
  const offered = (x: string): x is NicType => (NIC_TYPES as readonly string[]).includes(x);
  return {
    added: services.filter(offered).filter((x) => !adapter.services.includes(x)),
    dropped: adapter.services.filter(offered).filter((x) => !services.includes(x)),
  };
}

/** The edited adapter's settings as the Edit Settings dialog sends them (a parsed VmkernelAdapterEdit is one). */
export interface AdapterEditInput {
  portProperties: Pick<NonNullable<AdapterInput["portProperties"]>, "ipSettings" | "mtu" | "services">;
  ipv4Settings?: AdapterInput["ipv4Settings"];
  ipv6Settings?: AdapterInput["ipv6Settings"];
}

/**
 * Edit Settings of a VMkernel adapter, and its Analyze impact: the wizard's rules for the port properties and
 * addresses, on the host as it would be without the adapter (its own address is not "in use"), for the services it
 * gains; then what the change takes away: the host's last Management (refused, as for Remove), the only adapter of a
 * service, and the address vCenter may reach the host at.
 */
export function checkAdapterEdit(net: HostNetworking, device: string, edit: AdapterEditInput): HostCheck {
  const { errors, warnings, error, warn } = collector();
  const host = net.host.name;
  const adapter = adapterOf(net, device, error);
  if (!adapter) return { errors, warnings };
  const others = net.vmkernelAdapters.filter((a) => a !== adapter);
  const p = edit.portProperties;
  const { added, dropped } = serviceChanges(adapter, p.services);
  if (!servicesFitStack(adapter.tcpipStack, p.services))
    error("portProperties.services", "services.stackOnly", { stack: adapter.tcpipStack });
  if (dropped.some(isVsanService) && !net.privileges.hostConfigStorage)
    error("portProperties.services", "privilege.missing", { privilege: PRIVILEGES.storage, entity: host });
  checkPort(
    { ...net, vmkernelAdapters: others },
    { ...edit, targetDevice: adapterTarget(adapter), portProperties: { ...p, tcpipStack: adapter.tcpipStack, services: added } },
    error,
    warn,
  );
  // The stack's gateway outside the adapter's subnet is news only when the address or mask changes.
  const v4Edit = p.ipSettings !== "ipv6" ? edit.ipv4Settings : undefined;
  if (v4Edit?.mode === "static" && v4Edit.address?.trim() === adapter.ipv4.address && v4Edit.subnetMask?.trim() === adapter.ipv4.subnetMask)
    warnings.splice(0, warnings.length, ...warnings.filter((w) => w.code !== "gateway.stackOutsideSubnet"));
  for (const service of dropped) {
    if (others.some((a) => a.services.includes(service))) continue;
    if (service === "management") error("portProperties.services", "remove.lastManagement", { host, device });
    else warn("portProperties.services", "edit.lastService", { host, device, service });
  }
  const v4 = p.ipSettings !== "ipv6" ? edit.ipv4Settings : undefined;
  const address = v4?.mode === "static" ? v4.address?.trim() : undefined;
  if (adapter.services.includes("management") && adapter.ipv4.address && address !== adapter.ipv4.address)
    warn("ipv4Settings.address", "edit.managementAddress", { host, device, address: adapter.ipv4.address });
  return { errors, warnings };
}

/**
 * Migrate a VMkernel adapter between a standard and a distributed port group, and what it breaks: the target's rules as
 * the wizard has them (the switch, Network.Assign, a unique label, the MTU), and vCenter's way to the host while a
 * Management adapter moves.
 */
export function checkMigrateAdapter(
  net: HostNetworking,
  device: string,
  target: { to: "distributed"; portgroupKey: string } | { to: "standard"; vswitchName: string; networkLabel: string },
): HostCheck {
  const { errors, warnings, error, warn } = collector();
  const host = net.host.name;
  const adapter = net.vmkernelAdapters.find((a) => a.device === device);
  const targetDevice =
    target.to === "distributed"
      ? { kind: "existingNetwork" as const, portgroupKey: target.portgroupKey }
      : { kind: "existingStandardSwitch" as const, vswitchName: target.vswitchName };
  // The body names its fields without the wizard's "targetDevice." page.
  checkTarget(net, { targetDevice }, (path, code, params) => error(path.replace(/^targetDevice\./, ""), code, params), warn);
  if (!adapter) {
    error("device", "adapter.notFound", { host, device });
    return { errors, warnings };
  }
  const path = target.to === "distributed" ? "portgroupKey" : "vswitchName";
  if (Boolean(adapter.distributedPort) === (target.to === "distributed"))
    error(path, target.to === "distributed" ? "migrate.alreadyDistributed" : "migrate.alreadyStandard", { device });
  if (target.to === "standard") checkLabel(net, "networkLabel", target.networkLabel, error);
  const limit = switchMtu(net, targetDevice);
  if (limit !== undefined && (adapter.mtu ?? 1500) > limit) error(path, "mtu.aboveSwitch", { mtu: adapter.mtu ?? 1500, switchMtu: limit });
  if (adapter.services.includes("management")) warn("device", "migrate.management", { host, device });
  return { errors, warnings };
}

/** An adapter's settings as Edit Settings would send them unchanged: its IP settings, MTU and the wizard's services. */
export function currentSettings(adapter: VmkernelAdapterInfo, ipv6Enabled: boolean): AdapterEditInput {
  const { ipv4, ipv6, gatewayOverride: gw } = adapter;
  // The static addresses are the manual ones: link-local, DHCPv6 and router-advertised addresses are the host's to give.
  const manual = ipv6?.addresses.filter((a) => a.origin === "manual") ?? [];
  const v4 = ipv4.dhcp || ipv4.address !== null;
  const v6 = ipv6Enabled && ipv6 !== null && (ipv6.dhcpV6 || ipv6.routerAdvertisement || manual.length > 0);
  return {
    portProperties: {
      ipSettings: v4 && v6 ? "ipv4ipv6" : v6 ? "ipv6" : "ipv4",
      mtu: adapter.mtu === null ? { mode: "fromSwitch" } : { mode: "custom", value: adapter.mtu },
      services: adapter.services.filter((x) => (NIC_TYPES as readonly string[]).includes(x)),
    },
    ipv4Settings: !v4
      ? undefined
      : ipv4.dhcp
        ? { mode: "dhcp" }
        : { mode: "static", address: ipv4.address!, subnetMask: ipv4.subnetMask ?? "", overrideGateway: Boolean(gw?.defaultGateway) },
    ipv6Settings: v6
      ? {
          staticAddresses: manual.map((a) => ({ address: a.address, prefixLength: a.prefixLength })),
          overrideGateway: Boolean(gw?.ipV6DefaultGateway),
          defaultGateway: gw?.ipV6DefaultGateway ?? undefined,
        }
      : undefined,
  };
}

/**
 * Move to another TCP/IP stack: ESXi fixes an adapter's stack, so the adapter is removed and added again on the new
 * one with its port group, addresses, MTU and services. What a stack cannot carry is refused (Management stays on the
 * default stack, where vCenter reaches the host; other services only on the default stack, R4); then the wizard's rules
 * for the adapter on the new stack, on the host without it (R5, the services the stack takes from others, its gateway).
 */
export function checkStackMove(net: HostNetworking, device: string, tcpipStack: string): HostCheck {
  const { errors, warnings, error, warn } = collector();
  const host = net.host.name;
  const adapter = adapterOf(net, device, error);
  if (!adapter) return { errors, warnings };
  const stack = net.tcpipStacks.find((x) => x.key === tcpipStack);
  if (!stack) {
    error("tcpipStack", "tcpipStack.unknown", { host, stack: tcpipStack });
    return { errors, warnings };
  }
  if (tcpipStack === adapter.tcpipStack) error("tcpipStack", "move.sameStack", { device, stack: tcpipStack });
  const settings = currentSettings(adapter, net.ipv6Enabled);
  const implied = STACK_SERVICE[adapter.tcpipStack];
  // The source stack's own service goes with the adapter to the default stack; the target stack's comes with it.
  const services = settings.portProperties.services.filter((x) => x !== implied || tcpipStack === DEFAULT_STACK);
  const staying = tcpipStack === DEFAULT_STACK ? [] : services.filter((x) => x !== STACK_SERVICE[tcpipStack]);
  if (services.includes("management") && tcpipStack !== DEFAULT_STACK) error("tcpipStack", "move.management", { device, host });
  else if (staying.length) error("tcpipStack", "move.servicesStay", { device, stack: tcpipStack, services: staying.join(", ") });
  if (errors.length) return { errors, warnings };
  checkPort(
    { ...net, vmkernelAdapters: net.vmkernelAdapters.filter((a) => a !== adapter) },
    {
      ...settings,
      targetDevice: adapterTarget(adapter),
      portProperties: { ...settings.portProperties, tcpipStack, services: tcpipStack === DEFAULT_STACK ? services : [] },
    },
    error,
    warn,
  );
  warn("device", "move.outage", { device, host });
  return { errors, warnings };
}

/** A standard port group of the host, or the error that there is none by that name. */
function portGroupOf(net: HostNetworking, name: string, error: Report): HostNetworking["portgroups"][number] | undefined {
  if (!net.privileges.hostConfigNetwork) error("", "privilege.missing", { privilege: PRIVILEGES.network, entity: net.host.name });
  const pg = net.portgroups.find((p) => p.name === name);
  if (!pg) error("portGroup", "portGroup.notFound", { host: net.host.name, portgroup: name });
  return pg;
}

/**
 * Edit a standard port group: a new label unique on the host; All (4095) not for a VMkernel adapter's port group (R11);
 * its own failover order of its switch's adapters.
 */
export function checkPortGroupEdit(
  net: HostNetworking,
  name: string,
  edit: { networkLabel?: string; vlanId?: number; failoverOrder?: NewSwitchUplinks | null },
): HostCheck {
  const { errors, warnings, error, warn } = collector();
  const pg = portGroupOf(net, name, error);
  if (pg && edit.networkLabel !== undefined && edit.networkLabel.trim() !== name) checkLabel(net, "networkLabel", edit.networkLabel, error);
  if (pg?.vmkernelAdapter && edit.vlanId === 4095) error("vlanId", "vlanId.range");
  const vswitch = pg && net.vswitches.find((v) => v.name === pg.vswitch);
  if (vswitch && edit.failoverOrder && checkFailoverOrder(vswitch, edit.failoverOrder, "failoverOrder.active", error))
    warn("failoverOrder.active", "portGroup.noActive", { portgroup: name });
  return { errors, warnings };
}

/**
 * A failover order must list the switch's own adapters (adapters are added by Add Networking); whether it leaves none
 * active or standby (what it applies to loses its network) is the caller's to say.
 */
function checkFailoverOrder(vswitch: HostNetworking["vswitches"][number], order: NewSwitchUplinks, path: string, error: Report): boolean {
  const listed = [...order.active, ...order.standby, ...order.unused];
  if ([...listed].sort().join() !== [...vswitch.uplinks].sort().join()) {
    error(path, "teaming.sameAdapters", { vswitch: vswitch.name, devices: vswitch.uplinks.join(", ") || "--" });
    return false;
  }
  return listed.length > 0 && !order.active.length && !order.standby.length;
}

/** Remove a standard port group that nothing on the host uses (a VMkernel adapter keeps its port group). */
export function checkRemovePortGroup(net: HostNetworking, name: string): HostCheck {
  const { errors, warnings, error } = collector();
  const pg = portGroupOf(net, name, error);
  if (pg?.vmkernelAdapter) error("portGroup", "portGroup.inUse", { portgroup: name, device: pg.vmkernelAdapter });
  return { errors, warnings };
}

/** A standard switch of the host, or the error that there is none by that name. */
function switchOf(net: HostNetworking, name: string, error: Report): HostNetworking["vswitches"][number] | undefined {
  if (!net.privileges.hostConfigNetwork) error("", "privilege.missing", { privilege: PRIVILEGES.network, entity: net.host.name });
  const vswitch = net.vswitches.find((v) => v.name === name);
  if (!vswitch) error("vswitch", "targetDevice.notFound", { host: net.host.name, target: name });
  return vswitch;
}

/** The VMkernel adapters on a standard switch's port groups. */
function adaptersOnSwitch(net: HostNetworking, vswitch: string) {
  return net.vmkernelAdapters.filter((a) => !a.distributedPort && a.switchName === vswitch);
}

/**
 * Edit a standard switch, and what the edit breaks: an MTU below its adapters' (refused, as the wizard refuses an adapter
 * above its switch), a failover order of other adapters than the switch's (adapters are added by Add Networking), and
 * no active adapter left (its port groups lose their network).
 */
export function checkSwitchEdit(
  net: HostNetworking,
  name: string,
  edit: { mtu?: number; teaming?: { failoverOrder: NewSwitchUplinks } },
): HostCheck {
  const { errors, warnings, error, warn } = collector();
  const vswitch = switchOf(net, name, error);
  if (!vswitch) return { errors, warnings };
  if (edit.mtu !== undefined) {
    const above = adaptersOnSwitch(net, name).filter((a) => (a.mtu ?? 1500) > edit.mtu!);
    if (above.length) error("mtu", "vswitch.mtuBelowAdapters", { mtu: edit.mtu, devices: above.map((a) => a.device).join(", ") });
  }
  if (edit.teaming && checkFailoverOrder(vswitch, edit.teaming.failoverOrder, "teaming.failoverOrder.active", error))
    warn("teaming.failoverOrder.active", "teaming.noActive", { vswitch: name });
  return { errors, warnings };
}

/**
 * Remove a standard switch that no VMkernel adapter uses; its port groups go with it, and are named (virtual machines on
 * them lose their network).
 */
export function checkRemoveSwitch(net: HostNetworking, name: string): HostCheck {
  const { errors, warnings, error, warn } = collector();
  const vswitch = switchOf(net, name, error);
  if (!vswitch) return { errors, warnings };
  const adapters = adaptersOnSwitch(net, name);
  if (adapters.length) error("vswitch", "vswitch.inUse", { vswitch: name, devices: adapters.map((a) => a.device).join(", ") });
  if (vswitch.portgroups.length) warn("vswitch", "vswitch.portGroupsRemoved", { vswitch: name, portgroups: vswitch.portgroups.join(", ") });
  return { errors, warnings };
}

/** A static IPv4 address with its subnet mask. */
interface StaticIPv4 {
  address: string;
  mask: string;
}

/**
 * The Edit TCP/IP stack dialog's rules that need the host, for the settings the user changed: the privilege, a stack
 * that exists and is active, a new name only for a custom stack and not another stack's, DNS from a DHCP adapter only, no IPv6 gateway on a host without IPv6, and a gateway
 * inside one of the stack's subnets that is not a reserved, network, broadcast or adapter address. `adding` is the
 * adapter a create puts on the stack first (a rollout's change): the stack is active by then (R7), and the adapter's
 * static IPv4 address, if it has one, is one of the stack's.
 */
export function checkNetStackEdit(
  net: HostNetworking,
  stackKey: string,
  patch: Partial<NetStackPatch>,
  adding?: { ipv4?: StaticIPv4 },
): HostIssue[] {
  const issues: HostIssue[] = [];
  const host = net.host.name;
  if (!net.privileges.hostConfigNetwork)
    return [{ path: "", code: "privilege.missing", params: { privilege: PRIVILEGES.network, entity: host } }];
  const stack = net.tcpipStacks.find((s) => s.key === stackKey);
  if (!stack) return [{ path: "", code: "tcpipStack.unknown", params: { host, stack: stackKey } }];
  if (!stack.active && !adding) return [{ path: "", code: "tcpipStack.inactive", params: { host, stack: stackKey } }];
  const name = patch.name?.trim();
  if (name !== undefined && name !== stack.name) {
    if (stackKey in stackNames) issues.push({ path: "name", code: "tcpipStack.name.system", params: { stack: stackKey } });
    else if (net.tcpipStacks.some((s) => s.key !== stackKey && (s.name === name || s.key === name)))
      issues.push({ path: "name", code: "tcpipStack.name.inUse", params: { host, name } });
  }
  const dns = patch.dnsConfiguration;
  if (dns?.mode === "dhcp" && dns.vmkernelAdapter && !dhcpAdapters(net).includes(dns.vmkernelAdapter)) {
    issues.push({ path: "dnsConfiguration.vmkernelAdapter", code: "dns.vmkernelAdapter.notDhcp", params: { device: dns.vmkernelAdapter } });
  }
  if (patch.ipV6DefaultGateway && !net.ipv6Enabled)
    issues.push({ path: "ipV6DefaultGateway", code: "ipv6.hostDisabled", params: { host } });
  const gateway = patch.defaultGateway?.trim();
  if (gateway && isIPv4(gateway)) {
    // A gateway must be reachable from the stack's own static adapters (lamw/vcf-lab #24: ".1" is not always in the subnet).
    const adapters = net.vmkernelAdapters
      .filter((a) => a.tcpipStack === stackKey && !a.ipv4.dhcp && a.ipv4.address && a.ipv4.subnetMask)
      .map((a) => ({ address: a.ipv4.address!, mask: a.ipv4.subnetMask! }));
    const problem = stackGatewayProblem(gateway, adding?.ipv4 ? [...adapters, adding.ipv4] : adapters);
    if (problem) issues.push({ path: "defaultGateway", code: problem, params: { gateway } });
  }
  return issues;
}

/**
 * A rollout host's change (issue 13): the wizard's adapter, then its TCP/IP stack's settings (`netStack`). The adapter's
 * rules see the stack's gateway as the settings leave it (no "no gateway" warning when they set one); the stack's rules
 * (checkNetStackEdit, under the model's path netStack.*) see the stack with the new adapter on it. A missing privilege
 * or an unknown stack is the adapter's error already.
 */
export function checkAdapterWithStack(net: HostNetworking, model: AdapterInput, netStack: Partial<NetStackPatch>): HostCheck {
  const key = model.portProperties?.tcpipStack;
  const stack = net.tcpipStacks.find((s) => s.key === key);
  if (!stack) return checkAdapter(net, model);
  const defaultGateway = netStack.defaultGateway === undefined ? stack.defaultGateway : netStack.defaultGateway || null;
  const check = checkAdapter({ ...net, tcpipStacks: net.tcpipStacks.map((s) => (s === stack ? { ...s, defaultGateway } : s)) }, model);
  if (!net.privileges.hostConfigNetwork) return check;
  const v4 = model.portProperties?.ipSettings !== "ipv6" ? model.ipv4Settings : undefined;
  const ipv4 =
    v4?.mode === "static" && v4.address && v4.subnetMask ? { address: v4.address.trim(), mask: v4.subnetMask.trim() } : undefined;
  for (const i of checkNetStackEdit(net, stack.key, netStack, { ipv4 })) check.errors.push({ ...i, path: i.path && `netStack.${i.path}` });
  return check;
}

/**
 * The settings of a stack patch (netStackPatch's field names) that the stack has with other values now: what a rollout
 * changes on this host, shown before anything changes. A setting the stack does not have (no gateway) is another value.
 */
export function stackDifferences(stack: TcpipStackInfo, patch: Partial<NetStackPatch>): (keyof NetStackPatch)[] {
  // Addresses whatever their text, names whatever their case (ipv6Key lower-cases what is not an IPv6 address).
  const same = (a: string | null, b: string) => ipv6Key(a ?? "") === ipv6Key(b);
  const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => same(x, b[i]!));
  const dns = patch.dnsConfiguration;
  const d = stack.dns;
  const differs: Record<keyof NetStackPatch, boolean> = {
    name: patch.name !== undefined && patch.name.trim() !== stack.name,
    dnsConfiguration:
      dns !== undefined &&
      (dns.mode === "dhcp"
        ? !d.dhcp || d.vmkernelAdapter !== dns.vmkernelAdapter
        : d.dhcp ||
          !same(d.hostName, dns.hostName) ||
          !same(d.domainName, dns.domainName) ||
          !sameList(
            d.servers,
            [dns.preferredDnsServer, dns.alternateDnsServer].filter((a): a is string => Boolean(a)),
          ) ||
          !sameList(d.searchDomains, dns.searchDomains)),
    defaultGateway: patch.defaultGateway !== undefined && !same(stack.defaultGateway, patch.defaultGateway),
    ipV6DefaultGateway: patch.ipV6DefaultGateway !== undefined && !same(stack.ipV6DefaultGateway, patch.ipV6DefaultGateway),
    congestionControlAlgorithm:
      patch.congestionControlAlgorithm !== undefined && stack.congestionControlAlgorithm !== patch.congestionControlAlgorithm,
    maxNumberOfConnections: patch.maxNumberOfConnections !== undefined && stack.maxNumberOfConnections !== patch.maxNumberOfConnections,
  };
  return (Object.keys(differs) as (keyof NetStackPatch)[]).filter((k) => differs[k]);
}
