/**
 * Restricted roles, directly through the API (issue 5, item 3). helpdesk (Network Help Desk on Cluster-Dev,
 * read-only elsewhere) and readonly (read-only everywhere) send every state-changing request on every kind of
 * object: creates of each target type with and without vSAN on a Cluster-Prod host, a Cluster-Dev host and the
 * standalone host, on every distributed port group; edits of every TCP/IP stack; sign-out. Where vCenter would
 * refuse, nothing changes anywhere (the whole simulator compared) and the refusal is a 403 naming the missing
 * privilege and the object; where vCenter allows (helpdesk on esx-05, standard switches), the change is made.
 */
import type { CreatedAdapter, Preflight, Problem, SessionInfo, TcpipStackInfo, VmkernelAdapterModel, AuditPage } from "@addnet/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ADMIN, Browser, HELPDESK, hostId, READONLY, startApi, type TestApi } from "./helpers.ts";
import { dvpgKey, hostState, resetSim, simHost, simState } from "./sim-state.ts";

let api: TestApi;
const browsers = new Map<string, Browser>();
let keyCounter = 0;

const USERS = { helpdesk: HELPDESK, readonly: READONLY } as const;
type UserName = keyof typeof USERS;

beforeAll(async () => {
  api = await startApi({}, { LOGIN_RATE_LIMIT_PER_MINUTE: "1000" });
  for (const [name, user] of Object.entries(USERS)) {
    const b = new Browser(api.app);
    await b.login(user);
    browsers.set(name, b);
  }
});
afterAll(() => api?.close());
beforeEach(() => resetSim(api));

const HOSTS = {
  "esx-02": "Cluster-Prod",
  "esx-05": "Cluster-Dev",
  "esx-09": "standalone",
} as const;
type HostName = keyof typeof HOSTS;
const DVPGS = ["DPG-vMotion", "DPG-Provisioning", "DPG-Storage"] as const;

const id = (name: string) => hostId(api, `${name}.lab.local`);

type Target = { kind: "new switch" } | { kind: "existing switch" } | { kind: "distributed"; dvpg: (typeof DVPGS)[number] };
const TARGETS: Target[] = [
  { kind: "new switch" },
  { kind: "existing switch" },
  ...DVPGS.map((dvpg) => ({ kind: "distributed" as const, dvpg })),
];

function model(target: Target, vsan: boolean): VmkernelAdapterModel {
  const ipv4Settings = { mode: "static" as const, address: "192.168.77.20", subnetMask: "255.255.255.0", overrideGateway: false };
  const services = vsan ? (["vsan", "vSphereReplication"] as const) : (["vSphereReplication"] as const);
  if (target.kind === "distributed") {
    return {
      connectionType: "vmkernel",
      targetDevice: { kind: "existingNetwork", portgroupKey: dvpgKey(api, target.dvpg) },
      portProperties: { ipSettings: "ipv4", mtu: { mode: "fromSwitch" }, tcpipStack: "defaultTcpipStack", services: [...services] },
      ipv4Settings,
    };
  }
  const port = {
    networkLabel: "HelpdeskNet",
    vlanId: 77,
    ipSettings: "ipv4" as const,
    mtu: { mode: "fromSwitch" as const },
    tcpipStack: "defaultTcpipStack",
    services: [...services],
  };
  return target.kind === "new switch"
    ? {
        connectionType: "vmkernel",
        targetDevice: { kind: "newStandardSwitch", mtu: 1500 },
        newSwitchUplinks: { active: ["vmnic2"], standby: [], unused: [] },
        portProperties: port,
        ipv4Settings,
      }
    : {
        connectionType: "vmkernel",
        targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
        portProperties: port,
        ipv4Settings,
      };
}

interface Missing {
  privilege: string;
  entity: { type: string; id: string };
  /** How the refusal names the object. */
  name: string;
}

/** What vCenter refuses this user on this object: every privilege missing, the one the reply names first. */
function refusals(user: UserName, host: HostName, target: Target, vsan: boolean): Missing[] {
  const onHost = (privilege: string): Missing => ({
    privilege,
    entity: { type: "HostSystem", id: id(host) },
    name: `${host}.lab.local`,
  });
  const missing: Missing[] = [];
  // Host.Config.Network on the host: readonly holds it nowhere, helpdesk only in Cluster-Dev.
  if (user === "readonly" || host !== "esx-05") missing.push(onHost("Host.Config.Network"));
  // Only the administrator holds Network.Assign on the distributed port groups, and Host.Config.Storage (vSAN); in the
  // wizard's order: the target device, then the services.
  if (target.kind === "distributed")
    missing.push({
      privilege: "Network.Assign",
      entity: { type: "DistributedVirtualPortgroup", id: dvpgKey(api, target.dvpg) },
      name: target.dvpg,
    });
  if (vsan) missing.push(onHost("Host.Config.Storage"));
  return missing;
}

/** "Missing privilege X on Y", and perhaps why in brackets: "(needed for vSAN)". */
const saying = (m: Missing) =>
  expect.stringMatching(new RegExp(`^Missing privilege ${m.privilege} on ${m.name.replace(/[.]/g, "\\.")}( \\(.*\\))?$`));

function expectRefused(res: { statusCode: number; body: string; headers: Record<string, unknown> }, missing: Missing[]): Problem {
  expect(res.statusCode, res.body).toBe(403);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.body) as Problem;
  expect(problem.code).toBe("NO_PERMISSION");
  const [first] = missing;
  // The privilege and the object, as data and in words.
  expect(problem.missingPrivilege).toEqual({ privilege: first!.privilege, entity: first!.entity });
  const messages = (problem.errors ?? []).map((e) => e.message);
  expect(messages).toEqual(missing.map(saying));
  expect(problem.detail).toContain(`Missing privilege ${first!.privilege} on ${first!.name}`);
  return problem;
}

/** Every host but one. */
const otherHosts = (state: ReturnType<typeof simState>, except: string) =>
  Object.fromEntries(Object.entries(state.hosts).filter(([hostKey]) => hostKey !== except));

function create(user: UserName, host: HostName, body: VmkernelAdapterModel) {
  return browsers.get(user)!.post(`/api/v1/hosts/${id(host)}/vmkernel-adapters`, body, {
    "idempotency-key": `roles-${process.pid}-${++keyCounter}`,
  });
}

describe("creates: every target type on every kind of host, with and without vSAN", () => {
  for (const user of Object.keys(USERS) as UserName[]) {
    for (const host of Object.keys(HOSTS) as HostName[]) {
      for (const target of TARGETS) {
        for (const vsan of [false, true]) {
          const missing = () => refusals(user, host, target, vsan);
          const what = `${target.kind === "distributed" ? target.dvpg : target.kind}${vsan ? " with vSAN" : ""}`;
          it(`${user} on ${host} (${HOSTS[host]}), ${what}`, async () => {
            const before = simState(api);
            const body = model(target, vsan);
            const res = await create(user, host, body);
            // The UI's way there (preflight) names the same refusals, and changes nothing either.
            const pre = await browsers.get(user)!.post(`/api/v1/hosts/${id(host)}/vmkernel-adapters/preflight`, body);
            expect(pre.statusCode, pre.body).toBe(200);
            const preflightErrors = pre.json<Preflight>().errors.filter((e) => e.code === "privilege.missing");
            expect(preflightErrors.map((e) => e.message)).toEqual(missing().map(saying));

            if (missing().length) {
              expectRefused(res, missing());
              expect(simState(api)).toStrictEqual(before);
              return;
            }
            // vCenter allows it: the change is made, on that host only.
            expect(res.statusCode, res.body).toBe(201);
            const created = res.json<CreatedAdapter>();
            expect(created.adapter).toMatchObject({ networkLabel: "HelpdeskNet", ipv4: { address: "192.168.77.20" } });
            const after = simState(api);
            const changed = after.hosts[id(host)];
            const was = before.hosts[id(host)];
            expect(otherHosts(after, id(host))).toStrictEqual(otherHosts(before, id(host)));
            expect(after.permissions).toStrictEqual(before.permissions);
            const h = simHost(api, host);
            expect(h.net.vnic.map((v) => v.device)).toEqual([
              ...was!.net.vnic.map((v: { device: string }) => v.device),
              created.adapter.device,
            ]);
            expect(h.net.portgroup.find((p) => p.spec.name === "HelpdeskNet")?.spec).toMatchObject({ vlanId: 77 });
            expect(h.selectedDevices("vSphereReplication")).toEqual([created.adapter.device]);
            expect(changed).not.toStrictEqual(was);
          });
        }
      }
    }
  }
});

describe("TCP/IP stack edits: every stack of every kind of host", () => {
  const STACKS = ["defaultTcpipStack", "vmotion", "vSphereProvisioning", "NFS"];
  for (const user of Object.keys(USERS) as UserName[]) {
    for (const host of Object.keys(HOSTS) as HostName[]) {
      for (const key of STACKS) {
        it(`${user} on ${host} (${HOSTS[host]}), ${key}`, async () => {
          const before = simState(api);
          const res = await browsers
            .get(user)!
            .patch(`/api/v1/hosts/${id(host)}/netstacks/${key}`, { congestionControlAlgorithm: "cubic", maxNumberOfConnections: 12345 });
          const allowed = user === "helpdesk" && host === "esx-05";
          if (!allowed) {
            // Refused first for the privilege, whatever else is wrong with the request (an inactive or unknown stack).
            expectRefused(res, [
              { privilege: "Host.Config.Network", entity: { type: "HostSystem", id: id(host) }, name: `${host}.lab.local` },
            ]);
            expect(simState(api)).toStrictEqual(before);
            return;
          }
          if (key !== "defaultTcpipStack") {
            // Allowed, but the stack is not configurable (inactive, or not on this host): vCenter refuses that too.
            expect(res.statusCode, res.body).toBe(key === "NFS" ? 404 : 409);
            expect(simState(api)).toStrictEqual(before);
            return;
          }
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json<TcpipStackInfo>()).toMatchObject({ key, congestionControlAlgorithm: "cubic", maxNumberOfConnections: 12345 });
          const stack = hostState(simHost(api, host)).net.netStackInstance.find((s: { key?: string }) => s.key === key);
          expect(stack).toMatchObject({ congestionControlAlgorithm: "cubic", requestedMaxNumberOfConnections: 12345 });
          expect(otherHosts(simState(api), id(host))).toStrictEqual(otherHosts(before, id(host)));
        });
      }
    }
  }
});

describe("what each user holds, signing in and out", () => {
  it("the session names where each user holds which privilege", async () => {
    const helpdesk = (await browsers.get("helpdesk")!.get("/api/v1/session")).json<SessionInfo>();
    const granted = helpdesk.privileges.filter((p) => p.privileges.length).map((p) => [p.entity.name, p.privileges]);
    expect(granted).toEqual([["Cluster-Dev", ["Host.Config.Network", "Network.Assign"]]]);
    const readonly = (await browsers.get("readonly")!.get("/api/v1/session")).json<SessionInfo>();
    expect(readonly.privileges.every((p) => p.privileges.length === 0)).toBe(true);
  });

  it("the audit trail holds every refusal, by user", async () => {
    const admin = new Browser(api.app);
    await admin.login(ADMIN);
    const audit = (await admin.get("/api/v1/audit?limit=1000")).json<AuditPage>().entries;
    for (const user of ["VSPHERE.LOCAL\\helpdesk", "VSPHERE.LOCAL\\readonly"]) {
      const failures = audit.filter((e) => e.user === user && e.outcome === "failure");
      expect(failures.some((e) => e.action === "vmkernel-adapter.create")).toBe(true);
      expect(failures.some((e) => e.action === "netstack.edit")).toBe(true);
    }
    // readonly never succeeded at anything but signing in.
    expect(audit.filter((e) => e.user === "VSPHERE.LOCAL\\readonly" && e.outcome === "success").map((e) => e.action)).toEqual([
      "session.login",
    ]);
  });

  it("both may sign out (their vCenter sessions end too), and sign in again", async () => {
    for (const [name, user] of Object.entries(USERS)) {
      const b = browsers.get(name)!;
      const principal = `VSPHERE.LOCAL\\${name}`;
      const before = simState(api);
      expect([...api.sim.sim.sessions.values()].some((s) => s.user.principal === principal)).toBe(true);
      const res = await b.request({ method: "DELETE", url: "/api/v1/session" });
      expect(res.statusCode, res.body).toBe(204);
      expect([...api.sim.sim.sessions.values()].some((s) => s.user.principal === principal)).toBe(false);
      expect(simState(api)).toStrictEqual(before);
      expect((await b.get("/api/v1/session")).statusCode).toBe(204);
      expect((await b.get("/api/v1/hosts")).statusCode).toBe(401);
      await b.login(user);
      expect((await b.get("/api/v1/hosts")).statusCode).toBe(200);
    }
  });
});
