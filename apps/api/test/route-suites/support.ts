/**
 * Shared by the route suites: clients that remember every secret they saw (for the log grep), the simulator's
 * in-process state (hosts, sessions, call counts) and problem+json assertions.
 */
import type { HostNetworking, Problem, VmkernelAdapterModel } from "@addnet/contracts";
import { USERS } from "@addnet/simulator";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";

import { ADMIN, Browser, HELPDESK, READONLY, type TestApi } from "../helpers.ts";

export { ADMIN, HELPDESK, READONLY };

/** The suites run against one API instance; each gets it through this getter. */
export type GetApi = () => TestApi;

/** Every credential, cookie and token the run used: none may appear in a log line or the audit file. */
export const secrets = {
  passwords: new Set<string>([ADMIN.password, HELPDESK.password, READONLY.password]),
  addnetCookies: new Set<string>(),
  csrfTokens: new Set<string>(),
  /** vmware_soap_session values and UserSession keys, recorded as the simulator creates the sessions. */
  vcenterSessions: new Set<string>(),
};

/** Records every session the simulator creates (its id is the vmware_soap_session cookie value). */
export function recordSimulatorSessions(api: TestApi): void {
  const sessions = api.sim.sim.sessions;
  const set = sessions.set.bind(sessions);
  sessions.set = (id, session) => {
    secrets.vcenterSessions.add(id);
    secrets.vcenterSessions.add(session.key);
    return set(id, session);
  };
}

let clientCounter = 0;

/**
 * A browser with its own client address (the login rate limit counts per address and user name, and the suites
 * sign in many times within a minute), recording the cookies and CSRF tokens it receives.
 */
export class Client extends Browser {
  readonly ip: string;

  constructor(api: TestApi, ip?: string) {
    super(api.app);
    clientCounter++;
    this.ip = ip ?? `10.200.${Math.floor(clientCounter / 250)}.${(clientCounter % 250) + 1}`;
  }

  override async request(options: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    const res = await super.request({ remoteAddress: this.ip, ...options });
    for (const c of res.cookies) if (c.name === "addnet_session" && c.value) secrets.addnetCookies.add(c.value);
    const token = res.headers["content-type"]?.toString().startsWith("application/json") ? tokenOf(res) : undefined;
    if (token) secrets.csrfTokens.add(token);
    return res;
  }

  create(hostId: string, model: unknown, key: string) {
    return this.post(`/api/v1/hosts/${hostId}/vmkernel-adapters`, model, { "idempotency-key": key });
  }

  preflight(hostId: string, model: unknown) {
    return this.post(`/api/v1/hosts/${hostId}/vmkernel-adapters/preflight`, model);
  }
}

function tokenOf(res: LightMyRequestResponse): string | undefined {
  try {
    const body = res.json<{ csrfToken?: unknown }>();
    return typeof body?.csrfToken === "string" ? body.csrfToken : undefined;
  } catch {
    return undefined;
  }
}

export async function signedIn(api: TestApi, user = ADMIN): Promise<Client> {
  const c = new Client(api);
  await c.login(user);
  return c;
}

/** A fresh Idempotency-Key. */
let keyCounter = 0;
export function newKey(prefix = "key"): string {
  return `${prefix}-${Date.now().toString(36)}-${++keyCounter}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The simulator, in process

export interface SimHost {
  ref: { type: string; value: string };
  name: string;
  connectionState: string;
  inMaintenanceMode: boolean;
  product: { version: string; apiVersion: string };
  net: {
    vswitch: {
      name: string;
      mtu?: number;
      pnic?: string[];
      portgroup?: string[];
      spec: {
        bridge?: { nicDevice?: string[] };
        policy?: { nicTeaming?: { nicOrder?: { activeNic?: string[]; standbyNic?: string[] } } };
        mtu?: number;
      };
    }[];
    portgroup: { key: string; port?: { type: string }[]; spec: { name: string; vlanId: number; vswitchName: string } }[];
    pnic: { key: string; device: string; mac: string }[];
    vnic: {
      device: string;
      portgroup: string;
      spec: {
        ip?: {
          dhcp: boolean;
          ipAddress?: string;
          subnetMask?: string;
          ipV6Config?: {
            ipV6Address?: { ipAddress: string; prefixLength: number; origin?: string }[];
            autoConfigurationEnabled?: boolean;
            dhcpV6Enabled?: boolean;
          };
        };
        mac?: string;
        mtu?: number;
        netStackInstanceKey?: string;
        distributedVirtualPort?: { switchUuid: string; portgroupKey?: string; portKey?: string };
        ipRouteSpec?: { ipRouteConfig?: { defaultGateway?: string; ipV6DefaultGateway?: string } };
      };
    }[];
    netStackInstance: {
      key: string;
      name?: string;
      ipRouteConfig?: { defaultGateway?: string; ipV6DefaultGateway?: string };
      dnsConfig?: {
        dhcp: boolean;
        hostName: string;
        domainName: string;
        address?: string[];
        searchDomain?: string[];
        virtualNicDevice?: string;
      };
      congestionControlAlgorithm?: string;
      requestedMaxNumberOfConnections?: number;
    }[];
    proxySwitch: { dvsName: string; dvsUuid: string; pnic?: string[] }[];
    ipV6Enabled?: boolean;
  };
  vsanPorts: string[];
  bootMaxConnections: Map<string, number>;
  networkSystem: { ref: { value: string } };
  virtualNicManager: { ref: { value: string }; SelectVnicForNicType(args: { nicType: string; device: string }, ctx: unknown): void };
  vsanSystem: { ref: { value: string } };
  selectedDevices(nicType: string): string[];
  supportedNicTypes(): { nicType: string; multiSelectAllowed: boolean }[];
  isStackActive(key: string): boolean;
  virtualNicManagerInfo(): unknown;
  networkRuntimeInfo(): unknown;
}

export function simHost(api: TestApi, name: string): SimHost {
  const full = name.includes(".") ? name : `${name}.lab.local`;
  for (const o of api.sim.sim.allObjects())
    if (o.type === "HostSystem" && (o as unknown as SimHost).name === full) return o as unknown as SimHost;
  throw new Error(`no host ${full}`);
}

export function simHosts(api: TestApi): SimHost[] {
  return [...api.sim.sim.allObjects()].filter((o) => o.type === "HostSystem") as unknown as SimHost[];
}

/** Everything a change could touch on a host, deep-copied, for "nothing changed" comparisons. */
export function hostState(api: TestApi, name: string) {
  const h = simHost(api, name);
  return structuredClone({ net: h.net, services: h.virtualNicManagerInfo(), runtime: h.networkRuntimeInfo(), vsanPorts: h.vsanPorts });
}

/** Every host's state at once. */
export function inventoryState(api: TestApi) {
  return simHosts(api).map((h) => hostState(api, h.name));
}

/** Acts on the simulator as its administrator, as an earlier change made outside addnet would. */
export function asSimAdmin(api: TestApi) {
  return { sim: api.sim.sim, session: { user: USERS[0] } };
}

/** vim25 calls the simulator has answered for signed-in sessions (SessionManager counts them per session). */
export function vimCalls(api: TestApi): number {
  let n = 0;
  for (const s of api.sim.sim.sessions.values()) n += s.callCount;
  return n;
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

/** Back to the initial inventory (sessions stay signed in) with no fault rules. */
export async function resetSimulator(api: TestApi): Promise<void> {
  await control(api, "POST", "/sim/reset");
}

export function dvpgKey(api: TestApi, name: string): string {
  for (const o of api.sim.sim.allObjects())
    if (o.type === "DistributedVirtualPortgroup" && (o as unknown as { name: string }).name === name) return o.ref.value;
  throw new Error(`no distributed port group ${name}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Assertions

/**
 * A problem+json answer: the status, the stable code, the RFC 9457 members, and for a 400 the field paths named in
 * errors[] (each of `paths` must be among them).
 */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string, paths: string[] = []): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const problem = res.json<Problem>();
  expect(problem).toMatchObject({
    status,
    code,
    type: expect.stringMatching(/^https:\/\//),
    title: expect.any(String),
    detail: expect.any(String),
  });
  if (status === 400 && code === "VALIDATION_FAILED") {
    expect(problem.errors?.length, res.body).toBeGreaterThan(0);
    for (const e of problem.errors!)
      expect(e).toMatchObject({ path: expect.any(String), code: expect.any(String), message: expect.any(String) });
  }
  const named = (problem.errors ?? []).map((e) => e.path);
  for (const p of paths) expect(named, res.body).toContain(p);
  return problem;
}

export function json<T>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

export async function networking(c: Client, hostId: string): Promise<HostNetworking> {
  return json<HostNetworking>(await c.get(`/api/v1/hosts/${hostId}/networking`));
}

// ---------------------------------------------------------------------------------------------------------------
// Wizard models

/** A default-stack adapter on a new port group of vSwitch0 with a static IPv4 address. */
export function onVSwitch0(
  label: string,
  address: string,
  overrides: Partial<VmkernelAdapterModel["portProperties"]> = {},
): VmkernelAdapterModel {
  return {
    connectionType: "vmkernel",
    targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
    portProperties: {
      networkLabel: label,
      vlanId: 0,
      ipSettings: "ipv4",
      mtu: { mode: "fromSwitch" },
      tcpipStack: "defaultTcpipStack",
      services: [],
      ...overrides,
    },
    ipv4Settings: { mode: "static", address, subnetMask: "255.255.255.0", overrideGateway: false },
  };
}

/** An adapter on a distributed port group (its label and VLAN come from the port group). */
export function onDvpg(
  portgroupKey: string,
  address: string,
  services: VmkernelAdapterModel["portProperties"]["services"] = [],
): VmkernelAdapterModel {
  return {
    connectionType: "vmkernel",
    targetDevice: { kind: "existingNetwork", portgroupKey },
    portProperties: { ipSettings: "ipv4", mtu: { mode: "fromSwitch" }, tcpipStack: "defaultTcpipStack", services },
    ipv4Settings: { mode: "static", address, subnetMask: "255.255.255.0", overrideGateway: false },
  };
}

/** A vMotion-stack adapter on a new standard switch. */
export function vmotionSwitch(
  address: string,
  uplinks: VmkernelAdapterModel["newSwitchUplinks"] = { active: ["vmnic2"], standby: [], unused: [] },
): VmkernelAdapterModel {
  return {
    connectionType: "vmkernel",
    targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
    newSwitchUplinks: uplinks,
    portProperties: {
      networkLabel: "vMotion",
      vlanId: 30,
      ipSettings: "ipv4",
      mtu: { mode: "fromSwitch" },
      tcpipStack: "vmotion",
      services: ["vmotion"],
    },
    ipv4Settings: { mode: "static", address, subnetMask: "255.255.255.0", overrideGateway: false },
  };
}
