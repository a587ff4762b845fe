/**
 * The simulated vCenter's state as the fault, hostile-input and role suites compare it: every host's networking
 * (the whole HostNetworkInfo, selected services, vSAN ports, stack runtime), the permissions and the inventory's
 * objects, deep-copied so that a later change cannot reach back into a snapshot. Plus the control endpoint.
 */
import type { TestApi } from "./helpers.ts";

export interface SimHostSystem {
  ref: { type: string; value: string };
  name: string;
  connectionState: string;
  inMaintenanceMode: boolean;
  net: {
    vswitch: { name: string; mtu?: number; portgroup?: string[]; pnic?: string[] }[];
    portgroup: { key: string; spec: { name: string; vlanId: number; vswitchName: string }; port?: { key: string }[] }[];
    vnic: {
      device: string;
      portgroup: string;
      port?: string;
      spec: Record<string, unknown> & { netStackInstanceKey?: string; ip?: { ipAddress?: string } };
    }[];
    netStackInstance: Record<string, unknown>[];
  } & Record<string, unknown>;
  selected: Map<string, Set<string>>;
  vsanPorts: Map<string, string[]>;
  bootMaxConnections: Map<string, number>;
  selectedDevices(nicType: string): string[];
  virtualNicManagerInfo(): unknown;
  networkRuntimeInfo(): unknown;
}

export function simHosts(api: TestApi): SimHostSystem[] {
  return [...api.sim.sim.allObjects()].filter((o) => o.type === "HostSystem") as unknown as SimHostSystem[];
}

export function simHost(api: TestApi, name: string): SimHostSystem {
  const full = name.includes(".") ? name : `${name}.lab.local`;
  const host = simHosts(api).find((h) => h.name === full);
  if (!host) throw new Error(`no host ${full}`);
  return host;
}

/** The MoRef value of a distributed port group by name. */
export function dvpgKey(api: TestApi, name: string): string {
  const pg = [...api.sim.sim.allObjects()].find(
    (o) => o.type === "DistributedVirtualPortgroup" && (o as unknown as { name: string }).name === name,
  );
  if (!pg) throw new Error(`no distributed port group ${name}`);
  return pg.ref.value;
}

/** One host, property by property: what a create or a stack edit could touch, and what is derived from it. */
export function hostState(h: SimHostSystem) {
  return structuredClone({
    name: h.name,
    connectionState: h.connectionState,
    inMaintenanceMode: h.inMaintenanceMode,
    net: h.net,
    // Services by nicType; a service no vmk carries any longer is the same as one never selected.
    selected: Object.fromEntries(
      [...h.selected].filter(([, devices]) => devices.size > 0).map(([nicType, devices]) => [nicType, [...devices].sort()]),
    ),
    vsanPorts: [...h.vsanPorts],
    bootMaxConnections: Object.fromEntries(h.bootMaxConnections),
    virtualNicManagerInfo: h.connectionState === "connected" ? h.virtualNicManagerInfo() : undefined,
    networkRuntimeInfo: h.networkRuntimeInfo(),
  });
}

/**
 * The whole simulator: every host's state, the permissions, and every managed object by id and type except the
 * ones that come and go with reads (container views, and a session's own property collectors and their filters).
 */
export function simState(api: TestApi) {
  const sim = api.sim.sim;
  const objects = [...sim.allObjects()]
    .filter(
      (o) =>
        !["ContainerView", "PropertyFilter"].includes(o.type) && !(o.type === "PropertyCollector" && o.ref.value !== "propertyCollector"),
    )
    .map((o) => `${o.type}:${o.ref.value}`)
    .sort();
  return {
    hosts: Object.fromEntries(simHosts(api).map((h) => [h.ref.value, hostState(h)])),
    permissions: structuredClone(sim.permissions),
    objects,
  };
}

export async function control(api: TestApi, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${api.sim.baseUrl}${path}`, {
    method,
    headers: { Authorization: "Bearer test-token", ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export interface FaultRule {
  method: string;
  fault: string;
  after?: number;
}

export const injectFault = (api: TestApi, rule: FaultRule) => control(api, "POST", "/sim/faults", { mode: "once", after: 0, ...rule });

/** Back to the initial inventory with no fault rules; vCenter sessions stay signed in. */
export const resetSim = (api: TestApi) => control(api, "POST", "/sim/reset");
