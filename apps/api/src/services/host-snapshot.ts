/**
 * One host as the wizard needs it: its network configuration, services, stacks, the distributed port groups it
 * can use, and the user's privileges on them, read in a few PropertyCollector calls (never one per object).
 */
import { PRIVILEGES, TEAMING_POLICIES, type HostNetworking } from "@addnet/contracts";
import type {
  HostNetworkInfo,
  HostNetworkSecurityPolicy,
  HostNicTeamingPolicy,
  HostRuntimeInfoNetStackInstanceRuntimeInfo,
  HostVirtualNic,
  HostVirtualNicManagerInfo,
  HostVirtualSwitch,
  MoRef,
  VsanHostConfigInfoNetworkInfoPortConfig,
  VsanHostPortConfigEx,
  ObjectContent,
} from "@addnet/vsphere";
import { detached, inventoryTraversal, VimFault, type VCenter } from "@addnet/vsphere";

import { issue, ProblemError } from "../problem.ts";
import type { VimSession } from "./vim-session.ts";

export interface DistributedPortgroup {
  ref: MoRef;
  key: string;
  name: string;
  switchUuid: string;
  switchName: string;
  vlanId: number | null;
  mtu: number | null;
  uplink: boolean;
  canAssign: boolean;
}

export interface HostSnapshot {
  ref: MoRef;
  name: string;
  version: string | null;
  apiVersion: string | null;
  connectionState: string;
  inMaintenanceMode: boolean;
  network: HostNetworkInfo;
  nicManagerInfo: HostVirtualNicManagerInfo;
  stackRuntime: HostRuntimeInfoNetStackInstanceRuntimeInfo[];
  networkSystem: MoRef;
  virtualNicManager: MoRef;
  vsanSystem: MoRef | undefined;
  /** HostVsanSystem's config.networkInfo.port: the vmks with vSAN traffic, a VsanHostPortConfigEx naming its types. */
  vsanPorts: VsanPort[];
  portgroups: DistributedPortgroup[];
  privileges: { hostConfigNetwork: boolean; hostConfigStorage: boolean };
}

const props = (o: ObjectContent): Record<string, unknown> => Object.fromEntries((o.propSet ?? []).map((p) => [p.name, p.val]));

/** Host ids are the HostSystem MoRef values; anything else is refused before vCenter sees it. */
export function hostRef(hostId: string): MoRef {
  if (!/^host-\d{1,12}$/.test(hostId) && !/^ha-host$/.test(hostId)) {
    throw hostNotFound(hostId);
  }
  return { type: "HostSystem", value: hostId };
}

/**
 * The distributed port groups each host had when last read, per vCenter: which privileges to ask for with the read. Under
 * "" the last host read's: a host read for the first time (a rollout's next host) most likely has the same ones.
 */
const portgroupsSeen = new WeakMap<VCenter, Map<string, MoRef[]>>();

/**
 * One round trip: the host, its distributed port groups and the inventory's distributed switches in one
 * RetrievePropertiesEx, and the user's privileges on the host and on the port groups it had last time alongside. Only
 * a port group new since then costs a second HasPrivilegeOnEntities. A read after a change (`before`, this session's
 * read that preceded it) takes the privileges that read found rather than asking again.
 */
export async function readHost(vim: VimSession, hostId: string, before?: HostSnapshot): Promise<HostSnapshot> {
  const ref = hostRef(hostId);
  let seen = portgroupsSeen.get(vim.vcenter);
  if (!seen) portgroupsSeen.set(vim.vcenter, (seen = new Map()));
  const privileges = [PRIVILEGES.network, PRIVILEGES.storage, PRIVILEGES.assign];
  const asked = [ref, ...(seen.get(hostId) ?? seen.get("") ?? [])];
  const hostSpec = {
    type: "HostSystem",
    pathSet: [
      "name",
      "runtime.connectionState",
      "runtime.inMaintenanceMode",
      "runtime.networkRuntimeInfo",
      "config.product",
      "config.network",
      "config.virtualNicManagerInfo",
      "config.vsanHostConfig",
      "configManager",
      "network",
    ],
  };
  // After a change the host's distributed port groups are those it had: a host's change adds none and edits none.
  const specs = before
    ? [{ propSet: [hostSpec], objectSet: [{ obj: ref }] }]
    : [
        {
          propSet: [
            hostSpec,
            {
              type: "DistributedVirtualPortgroup",
              pathSet: ["name", "key", "config.distributedVirtualSwitch", "config.defaultPortConfig", "config.uplink"],
            },
          ],
          objectSet: [
            { obj: ref, selectSet: [{ _type: "TraversalSpec", name: "hostNetwork", type: "HostSystem", path: "network", skip: false }] },
          ],
        },
        {
          propSet: [{ type: "DistributedVirtualSwitch", pathSet: ["name", "uuid", "config.maxMtu"] }],
          objectSet: [{ obj: vim.content.rootFolder, skip: true, selectSet: inventoryTraversal("networks") }],
        },
      ];
  const [contents, grantedFirst] = await Promise.all([
    vim.retrieve(specs).catch((err: unknown) => {
      // A host id of the right form that names no host: the same 404 as any other unknown id.
      if (err instanceof VimFault && err.type === "ManagedObjectNotFound") throw hostNotFound(hostId);
      throw err;
    }),
    before
      ? undefined
      : vim.hasPrivileges(asked, privileges).catch((err: unknown) => {
          if (err instanceof VimFault && err.type === "ManagedObjectNotFound") return undefined; // asked again below
          throw err;
        }),
  ]);
  const hostContent = contents.find((c) => c.obj.value === ref.value);
  if (!hostContent) throw hostNotFound(hostId);
  const host = props(hostContent);
  const connectionState = String(host["runtime.connectionState"]);
  if (!host["config.network"]) {
    throw new ProblemError(
      409,
      "HOST_NOT_CONNECTED",
      "The host is not connected",
      `${String(host.name)} is ${connectionState}; vCenter has no configuration for it`,
      { fault: { code: "fault.HostNotConnected" } },
    );
  }
  // A read after a change takes the port groups and privileges the read before it found.
  let portgroups: DistributedPortgroup[];
  let granted: Map<string, Set<string>>;
  if (before) {
    portgroups = before.portgroups;
    granted = grantsOf(before);
  } else {
    const dvpgContents = contents.filter((c) => c.obj.type === "DistributedVirtualPortgroup");
    const dvpgRefs = dvpgContents.map((c) => c.obj);
    // Kept past this read: copied out of the reply, which it would otherwise keep whole (a host's each).
    const kept = dvpgRefs.map((o) => ({ type: detached(o.type), value: detached(o.value) }));
    seen.set(hostId, kept).set("", kept);
    const switchInfo = new Map(contents.filter((c) => c.obj.type.endsWith("DistributedVirtualSwitch")).map((s) => [s.obj.value, props(s)]));
    const unasked = grantedFirst ? dvpgRefs.filter((o) => !grantedFirst.has(o.value)) : [ref, ...dvpgRefs];
    const all = new Map([...(grantedFirst ?? []), ...(unasked.length ? await vim.hasPrivileges(unasked, privileges) : [])]);
    granted = all;
    portgroups = dvpgContents.map((c) => {
      const p = props(c);
      const dvs = switchInfo.get((p["config.distributedVirtualSwitch"] as MoRef).value) ?? {};
      const vlan = (p["config.defaultPortConfig"] as { vlan?: { _type?: string; vlanId?: unknown } } | undefined)?.vlan;
      return {
        ref: c.obj,
        key: String(p.key),
        name: String(p.name),
        switchUuid: String(dvs.uuid ?? ""),
        switchName: String(dvs.name ?? ""),
        vlanId: typeof vlan?.vlanId === "number" ? vlan.vlanId : null,
        mtu: typeof dvs["config.maxMtu"] === "number" ? (dvs["config.maxMtu"] as number) : null,
        uplink: Boolean(p["config.uplink"]),
        canAssign: all.get(c.obj.value)?.has(PRIVILEGES.assign) ?? false,
      };
    });
  }
  const configManager = host.configManager as { networkSystem: MoRef; virtualNicManager: MoRef; vsanSystem?: MoRef };
  const product = host["config.product"] as { version?: string; apiVersion?: string } | undefined;
  const runtime = host["runtime.networkRuntimeInfo"] as
    { netStackInstanceRuntimeInfo?: HostRuntimeInfoNetStackInstanceRuntimeInfo[] } | undefined;
  const vsan = host["config.vsanHostConfig"] as { networkInfo?: { port?: VsanPort[] } } | undefined;
  return {
    ref,
    name: String(host.name),
    version: product?.version ?? null,
    apiVersion: product?.apiVersion ?? null,
    connectionState,
    inMaintenanceMode: Boolean(host["runtime.inMaintenanceMode"]),
    network: host["config.network"] as HostNetworkInfo,
    nicManagerInfo: (host["config.virtualNicManagerInfo"] as HostVirtualNicManagerInfo | undefined) ?? { netConfig: [] },
    stackRuntime: runtime?.netStackInstanceRuntimeInfo ?? [],
    networkSystem: configManager.networkSystem,
    virtualNicManager: configManager.virtualNicManager,
    vsanSystem: configManager.vsanSystem,
    vsanPorts: vsan?.networkInfo?.port ?? [],
    portgroups,
    privileges: {
      hostConfigNetwork: granted.get(ref.value)?.has(PRIVILEGES.network) ?? false,
      hostConfigStorage: granted.get(ref.value)?.has(PRIVILEGES.storage) ?? false,
    },
  };
}

/** The privileges a read found, as HasPrivilegeOnEntities answers them: by entity, those granted. */
function grantsOf(s: HostSnapshot): Map<string, Set<string>> {
  const granted = new Map<string, Set<string>>();
  const host = new Set<string>();
  if (s.privileges.hostConfigNetwork) host.add(PRIVILEGES.network);
  if (s.privileges.hostConfigStorage) host.add(PRIVILEGES.storage);
  granted.set(s.ref.value, host);
  for (const p of s.portgroups) granted.set(p.ref.value, new Set(p.canAssign ? [PRIVILEGES.assign] : []));
  return granted;
}

function hostNotFound(hostId: string): ProblemError {
  return new ProblemError(404, "HOST_NOT_FOUND", "No such host", `There is no host ${hostId}`, {
    errors: [issue({ path: "hostId", code: "host.notFound", params: { host: hostId } })],
  });
}

export type VsanPort = VsanHostConfigInfoNetworkInfoPortConfig | VsanHostPortConfigEx;

/** A vSAN port's traffic types: "vsan" when it names none (VsanHostPortConfigEx.trafficTypes). */
export function vsanTraffic(port: VsanPort): string[] {
  return "trafficTypes" in port && port.trafficTypes.length ? port.trafficTypes : ["vsan"];
}

/** A standard switch's physical adapters by device name (vmnic2), as its pnic keys name them. */
export function uplinksOf(s: HostSnapshot, vswitch: HostVirtualSwitch): string[] {
  const device = new Map((s.network.pnic ?? []).map((p) => [p.key, p.device]));
  return (vswitch.pnic ?? []).map((key) => device.get(key) ?? key);
}

export function servicesByDevice(snapshot: HostSnapshot): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const config of snapshot.nicManagerInfo.netConfig ?? []) {
    for (const key of config.selectedVnic ?? []) {
      const device = key.slice(key.lastIndexOf("-") + 1);
      out.set(device, [...(out.get(device) ?? []), config.nicType]);
    }
  }
  return out;
}

export function stackOf(vnic: HostVirtualNic): string {
  return vnic.spec.netStackInstanceKey ?? "defaultTcpipStack";
}

/** A standard switch's security and teaming as the Edit Settings dialog shows them (ESXi's defaults where unset). */
export function switchPolicy(
  policy:
    | {
        security?: Partial<HostNetworkSecurityPolicy>;
        nicTeaming?: Pick<HostNicTeamingPolicy, "policy" | "notifySwitches" | "rollingOrder">;
      }
    | undefined,
): Pick<HostNetworking["vswitches"][number], "security" | "teaming"> {
  const sec = policy?.security;
  const team = policy?.nicTeaming;
  const teamingPolicy = TEAMING_POLICIES.find((p) => p === team?.policy) ?? "loadbalance_srcid";
  return {
    security: {
      allowPromiscuous: Boolean(sec?.allowPromiscuous),
      macChanges: Boolean(sec?.macChanges),
      forgedTransmits: Boolean(sec?.forgedTransmits),
    },
    // rollingOrder is vSphere's "no failback".
    teaming: { policy: teamingPolicy, notifySwitches: team?.notifySwitches ?? true, failback: !team?.rollingOrder },
  };
}

type SwitchPolicyInput =
  | {
      security?: Partial<HostNetworkSecurityPolicy>;
      nicTeaming?: Pick<HostNicTeamingPolicy, "policy" | "notifySwitches" | "rollingOrder"> & {
        nicOrder?: { activeNic?: string[]; standbyNic?: string[] };
      };
    }
  | undefined;

/**
 * A port group's overrides of its switch's Security, Teaming and failover, and failover order, as in effect (the switch's
 * values under what the port group sets); null for a policy the port group leaves to its switch. The switch's adapters
 * that its own order leaves out are unused, as ESXi has them.
 */
export function portGroupOverrides(
  own: SwitchPolicyInput,
  vswitch: SwitchPolicyInput,
  uplinks: string[],
): Pick<HostNetworking["portgroups"][number], "security" | "teaming" | "failoverOrder"> {
  const set = (o: object | undefined, keys: string[]) => keys.some((k) => (o as Record<string, unknown> | undefined)?.[k] !== undefined);
  const effective = switchPolicy({
    security: { ...vswitch?.security, ...definedOnly(own?.security) },
    nicTeaming: { ...vswitch?.nicTeaming, ...definedOnly(own?.nicTeaming) },
  });
  const order = own?.nicTeaming?.nicOrder;
  const active = order?.activeNic ?? [];
  const standby = order?.standbyNic ?? [];
  return {
    security: set(own?.security, ["allowPromiscuous", "macChanges", "forgedTransmits"]) ? effective.security : null,
    teaming: set(own?.nicTeaming, ["policy", "notifySwitches", "rollingOrder"]) ? effective.teaming : null,
    failoverOrder: order ? { active, standby, unused: uplinks.filter((d) => !active.includes(d) && !standby.includes(d)) } : null,
  };
}

/** The adapters a standard switch's spec bridges (a bond bridge's list). */
function bridgedNics(spec: HostVirtualSwitch["spec"] | undefined): string[] {
  return (spec?.bridge as { nicDevice?: string[] } | undefined)?.nicDevice ?? [];
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The API's view of a host's networking (GET /hosts/{id}/networking). */
export function networkingView(s: HostSnapshot): HostNetworking {
  const net = s.network;
  const services = servicesByDevice(s);
  const pnicKeyToDevice = new Map((net.pnic ?? []).map((p) => [p.key, p.device]));
  const usedBy = new Map<string, { kind: "standardSwitch" | "distributedSwitch"; name: string }>();
  for (const v of net.vswitch ?? [])
    for (const k of v.pnic ?? []) usedBy.set(pnicKeyToDevice.get(k) ?? k, { kind: "standardSwitch", name: v.name });
  for (const p of net.proxySwitch ?? [])
    for (const k of p.pnic ?? []) usedBy.set(pnicKeyToDevice.get(k) ?? k, { kind: "distributedSwitch", name: p.dvsName });
  const dvpgByKey = new Map(s.portgroups.map((p) => [p.key, p]));
  const runtime = new Map(s.stackRuntime.map((r) => [r.netStackInstanceKey, r]));
  return {
    host: {
      id: s.ref.value,
      name: s.name,
      version: s.version,
      apiVersion: s.apiVersion,
      connectionState: s.connectionState,
      inMaintenanceMode: s.inMaintenanceMode,
    },
    ipv6Enabled: Boolean(net.ipV6Enabled),
    vswitches: (net.vswitch ?? []).map((v) => {
      const order = v.spec.policy?.nicTeaming?.nicOrder;
      return {
        name: v.name,
        mtu: v.mtu ?? 1500,
        uplinks: bridgedNics(v.spec),
        activeNics: order?.activeNic ?? [],
        standbyNics: order?.standbyNic ?? [],
        portgroups: (net.portgroup ?? []).filter((p) => p.spec.vswitchName === v.name).map((p) => p.spec.name),
        ...switchPolicy(v.spec.policy),
      };
    }),
    portgroups: (net.portgroup ?? []).map((p) => {
      const v = (net.vswitch ?? []).find((x) => x.name === p.spec.vswitchName);
      return {
        name: p.spec.name,
        vlanId: p.spec.vlanId,
        vswitch: p.spec.vswitchName,
        vmkernelAdapter: (net.vnic ?? []).find((x) => x.portgroup === p.spec.name)?.device ?? null,
        ...portGroupOverrides(p.spec.policy, v?.spec.policy, bridgedNics(v?.spec)),
      };
    }),
    physicalNics: (net.pnic ?? []).map((p) => ({
      device: p.device,
      mac: p.mac,
      speedMb: p.linkSpeed?.speedMb ?? null,
      usedBy: usedBy.get(p.device) ?? null,
    })),
    vmkernelAdapters: (net.vnic ?? []).map((v) => adapterView(s, v, services, dvpgByKey)),
    tcpipStacks: (net.netStackInstance ?? []).map((st) => {
      const rt = runtime.get(st.key ?? "");
      const dns = st.dnsConfig;
      return {
        key: st.key ?? "",
        name: st.name ?? st.key ?? "",
        active: rt?.state === "active",
        defaultGateway: st.ipRouteConfig?.defaultGateway || null,
        ipV6DefaultGateway: st.ipRouteConfig?.ipV6DefaultGateway || null,
        dns: {
          dhcp: Boolean(dns?.dhcp),
          vmkernelAdapter: dns?.virtualNicDevice ?? null,
          hostName: dns?.hostName ?? "",
          domainName: dns?.domainName ?? "",
          servers: dns?.address ?? [],
          searchDomains: dns?.searchDomain ?? [],
        },
        congestionControlAlgorithm: st.congestionControlAlgorithm ?? null,
        maxNumberOfConnections: st.requestedMaxNumberOfConnections ?? null,
        runtimeMaxNumberOfConnections: rt?.maxNumberOfConnections ?? null,
        vmkernelAdapters: rt?.vmknicKeys ?? (net.vnic ?? []).filter((v) => stackOf(v) === st.key).map((v) => v.device),
      };
    }),
    distributedPortgroups: s.portgroups
      .filter((p) => !p.uplink)
      .map((p) => ({
        key: p.key,
        name: p.name,
        switchName: p.switchName,
        switchUuid: p.switchUuid,
        vlanId: p.vlanId,
        mtu: p.mtu,
        canAssign: p.canAssign,
      })),
    services: (s.nicManagerInfo.netConfig ?? []).map((c) => ({ nicType: c.nicType, multiSelectAllowed: Boolean(c.multiSelectAllowed) })),
    privileges: s.privileges,
  };
}

export function adapterView(
  s: HostSnapshot,
  v: HostVirtualNic,
  services = servicesByDevice(s),
  dvpgByKey = new Map(s.portgroups.map((p) => [p.key, p])),
): HostNetworking["vmkernelAdapters"][number] {
  const dvPort = v.spec.distributedVirtualPort;
  const dvpg = dvPort?.portgroupKey ? dvpgByKey.get(dvPort.portgroupKey) : undefined;
  const pg = (s.network.portgroup ?? []).find((p) => p.spec.name === v.portgroup);
  const v6 = v.spec.ip?.ipV6Config;
  const route = v.spec.ipRouteSpec?.ipRouteConfig;
  return {
    device: v.device,
    networkLabel: dvpg?.name ?? v.portgroup,
    switchName: dvpg?.switchName ?? pg?.spec.vswitchName ?? null,
    portgroup: v.portgroup || null,
    distributedPort: dvPort
      ? { switchUuid: dvPort.switchUuid, portgroupKey: dvPort.portgroupKey ?? null, portKey: dvPort.portKey ?? null }
      : null,
    mac: v.spec.mac ?? null,
    mtu: v.spec.mtu ?? null,
    ipv4: { dhcp: Boolean(v.spec.ip?.dhcp), address: v.spec.ip?.ipAddress || null, subnetMask: v.spec.ip?.subnetMask || null },
    ipv6: v6
      ? {
          dhcpV6: Boolean(v6.dhcpV6Enabled),
          routerAdvertisement: Boolean(v6.autoConfigurationEnabled),
          addresses: (v6.ipV6Address ?? []).map((a) => ({ address: a.ipAddress, prefixLength: a.prefixLength, origin: a.origin ?? null })),
        }
      : null,
    tcpipStack: stackOf(v),
    gatewayOverride: route ? { defaultGateway: route.defaultGateway || null, ipV6DefaultGateway: route.ipV6DefaultGateway || null } : null,
    services: services.get(v.device) ?? [],
  };
}
