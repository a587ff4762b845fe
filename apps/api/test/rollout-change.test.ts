/**
 * A rollout host's change (issue 13): the wizard's adapter and its TCP/IP stack's settings as one all-or-nothing,
 * journaled change (Changes.create, as the rollout job calls it), and POST /rollouts/preflight on a mixed selection.
 * Each checked on the host through the API and the simulator's own state.
 */
import {
  createdAdapterSchema,
  rolloutPreflightSchema,
  vmotionOnNewSwitchExample,
  type AuditEntryInfo,
  type AuditPage,
  type CreatedAdapter,
  type HostNetworking,
  type NetStackPatch,
  type Problem,
  type RolloutHost,
} from "@addnet/contracts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { StoredReply } from "../src/journal/journal.ts";
import type { RolloutChange } from "../src/services/preflight.ts";
import { VimSession } from "../src/services/vim-session.ts";
import { ADMIN, Browser, HELPDESK, hostId, startApi, type TestApi } from "./helpers.ts";
import { control, hostState, injectFault, resetSim, simHost } from "./sim-state.ts";

let api: TestApi;
let admin: Browser;
let keys = 0;

beforeAll(async () => {
  // Short enough that an injected Timeout costs little, long enough for every real call.
  api = await startApi({}, { VCENTER_TIMEOUT_MS: "1500" });
  admin = new Browser(api.app);
  await admin.login(ADMIN);
});
afterAll(() => api?.close());
beforeEach(() => resetSim(api));
afterEach(() => control(api, "DELETE", "/sim/faults"));

const HOST = "esx-08.lab.local";
/** The seed's procedure with the stack's settings the "What to do next" step asks for. */
const NET_STACK: NetStackPatch = {
  defaultGateway: "192.168.30.1",
  dnsConfiguration: {
    mode: "manual",
    hostName: "esx-08",
    domainName: "lab.local",
    preferredDnsServer: "192.168.30.2",
    searchDomains: ["lab.local"],
  },
  congestionControlAlgorithm: "cubic",
  maxNumberOfConnections: 20000,
};
const STEPS = ["AddVirtualSwitch", "AddPortGroup", "AddVirtualNic", "UpdateNetworkConfig"];
const rolloutChange = (address = "192.168.30.18"): RolloutChange => ({ ...vmotionOnNewSwitchExample(address), netStack: NET_STACK });

/** Changes.create as the rollout job calls it: in the signed-in user's session, once per key. */
async function create(hostName: string, model: RolloutChange, idempotencyKey = `rollout-${process.pid}-${++keys}`) {
  const cookie = admin.cookie!.split("=")[1]!;
  const session = (await api.app.sessionStore.get(cookie))!;
  const vim = new VimSession(await api.app.vcenters.get(session.server), session.vcenterCookie, session.vcenterSessionKey);
  return api.app.changes.create({ session, vim, requestId: `test-${keys}`, hostId: hostId(api, hostName), model, idempotencyKey });
}

const vmotionStack = (hostName: string) => simHost(api, hostName).net.netStackInstance.find((s) => s.key === "vmotion")!;

async function lastAudit(hostName: string): Promise<AuditEntryInfo> {
  const res = await admin.get(`/api/v1/audit?hostId=${hostId(api, hostName)}&limit=1`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditPage>().entries[0]!;
}

describe("a create with the stack's settings", () => {
  it("puts the adapter on the vMotion stack and sets the stack's gateway, DNS, congestion control and maximum connections", async () => {
    const reply = await create(HOST, rolloutChange());
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    // The reply is the adapter, as a single host's create answers it.
    const created = createdAdapterSchema.parse(reply.body) satisfies CreatedAdapter;
    expect(created.adapter).toMatchObject({ tcpipStack: "vmotion", networkLabel: "vMotion", ipv4: { address: "192.168.30.18" } });
    expect(created.steps.map((s) => [s.method, s.status])).toEqual(STEPS.map((m) => [m, "done"]));
    expect(created.tcpipStack).toEqual({ key: "vmotion", active: true, hasDefaultGateway: true });

    // Through the API.
    const net = await admin.networking(hostId(api, HOST));
    const stack = net.tcpipStacks.find((s) => s.key === "vmotion")!;
    expect(stack).toMatchObject({
      active: true,
      defaultGateway: "192.168.30.1",
      dns: { dhcp: false, hostName: "esx-08", domainName: "lab.local", servers: ["192.168.30.2"], searchDomains: ["lab.local"] },
      congestionControlAlgorithm: "cubic",
      maxNumberOfConnections: 20000,
    });
    expect(stack.vmkernelAdapters).toEqual([created.adapter.device]);
    expect(net.vmkernelAdapters.find((a) => a.device === created.adapter.device)).toMatchObject({
      tcpipStack: "vmotion",
      switchName: "vSwitch1",
    });

    // In the simulator's own state.
    const h = simHost(api, HOST);
    expect(h.net.vnic.find((v) => v.device === created.adapter.device)!.spec.netStackInstanceKey).toBe("vmotion");
    expect(vmotionStack(HOST)).toMatchObject({
      ipRouteConfig: { defaultGateway: "192.168.30.1" },
      dnsConfig: { dhcp: false, hostName: "esx-08", domainName: "lab.local", address: ["192.168.30.2"], searchDomain: ["lab.local"] },
      congestionControlAlgorithm: "cubic",
      requestedMaxNumberOfConnections: 20000,
    });

    const audit = await lastAudit(HOST);
    expect(audit).toMatchObject({ action: "vmkernel-adapter.create", outcome: "success", hostName: HOST });
  });

  it("undoes the whole change when the stack's settings fail: no adapter, no new switch or port group, the stack as it was", async () => {
    const before = hostState(simHost(api, HOST));
    const netBefore = await admin.networking(hostId(api, HOST));
    await injectFault(api, { method: "UpdateNetworkConfig", fault: "HostConfigFault" });
    const reply = await create(HOST, rolloutChange());
    expect(reply.status).toBe(422);
    const problem = reply.body as Problem;
    expect(problem.code).toBe("HOST_CONFIG_FAULT");
    expect(problem.detail).toContain("Step 4 of 4 (UpdateNetworkConfig) failed");
    expect(problem.detail).toContain(`The earlier steps were undone: ${HOST} is as it was.`);
    expect(problem.steps!.map((s) => [s.method, s.status])).toEqual([
      ["AddVirtualSwitch", "undone"],
      ["AddPortGroup", "undone"],
      ["AddVirtualNic", "undone"],
      ["UpdateNetworkConfig", "failed"],
    ]);
    expect(hostState(simHost(api, HOST))).toEqual(before);
    const netAfter = await admin.networking(hostId(api, HOST));
    expect(netAfter).toEqual(netBefore);
    expect(netAfter.vswitches.map((v) => v.name)).toEqual(["vSwitch0"]);
    expect(netAfter.portgroups.map((p) => p.name)).not.toContain("vMotion");
    expect(netAfter.tcpipStacks.find((s) => s.key === "vmotion")).toMatchObject({
      active: false,
      defaultGateway: null,
      congestionControlAlgorithm: "newreno",
    });

    // The journal's entry: the failure, and the plan it ran with the stack's step and its undo.
    const audit = await lastAudit(HOST);
    expect(audit).toMatchObject({ action: "vmkernel-adapter.create", outcome: "failure", hostName: HOST });
    expect(audit.detail).toContain("(UpdateNetworkConfig) failed");
    const row = (await api.app.journal.get(audit.id))!;
    const plan = JSON.parse(row.plan!) as { steps: { method: string; undo?: { method: string; args: unknown } }[] };
    expect(plan.steps.map((s) => s.method)).toEqual(STEPS);
    const stackStep = plan.steps[3]!;
    expect(stackStep.undo).toMatchObject({
      method: "UpdateNetworkConfig",
      args: {
        changeMode: "modify",
        config: {
          netStackSpec: [
            {
              operation: "edit",
              netStackInstance: { key: "vmotion", congestionControlAlgorithm: "newreno", requestedMaxNumberOfConnections: 11000 },
            },
          ],
        },
      },
    });
    expect(JSON.parse(row.progress!).steps.map((s: { status: string }) => s.status)).toEqual(["undone", "undone", "undone", "failed"]);
  });

  it("the stack's settings made but their reply lost: the change is looked for, found and undone with the rest", async () => {
    const before = hostState(simHost(api, HOST));
    await injectFault(api, { method: "UpdateNetworkConfig", fault: "LostReply" });
    const reply = await create(HOST, rolloutChange());
    expect(reply.status).toBe(502);
    expect((reply.body as Problem).detail).toContain("vCenter made that change all the same; it and the earlier steps were undone");
    expect(hostState(simHost(api, HOST))).toEqual(before);
  });

  it("left open when the host cannot be read after a lost reply; the retry with its key finishes it (recovery)", async () => {
    const key = `rollout-open-${process.pid}`;
    await injectFault(api, { method: "UpdateNetworkConfig", fault: "LostReply" });
    // The host's read before the first step passes; both looks after the lost reply time out.
    await injectFault(api, { method: "RetrievePropertiesEx", fault: "Timeout", after: 1 });
    await injectFault(api, { method: "RetrievePropertiesEx", fault: "Timeout" });
    const open = await create(HOST, rolloutChange(), key);
    expect(open.status).toBe(504);
    expect((open.body as Problem).code).toBe("OUTCOME_PENDING");
    expect((open.body as Problem).steps!.map((s) => s.status)).toEqual(["done", "done", "done", "not-run"]);
    expect((await lastAudit(HOST)).outcome).toBe("running");
    // The call ran: the host shows the stack's settings.
    expect(vmotionStack(HOST)).toMatchObject({ congestionControlAlgorithm: "cubic", requestedMaxNumberOfConnections: 20000 });

    // The recovery sweep may be settling it at that moment: then "still running", and the retry comes again.
    let retry: StoredReply & { replayed: boolean } = await create(HOST, rolloutChange(), key);
    for (let attempt = 0; retry.status === 409 && attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      retry = await create(HOST, rolloutChange(), key);
    }
    expect(retry.status, JSON.stringify(retry.body)).toBe(201);
    expect(retry.replayed).toBe(true);
    const created = retry.body as CreatedAdapter;
    expect(created.steps.map((s) => s.status)).toEqual(["done", "done", "done", "done"]);
    const net: HostNetworking = await admin.networking(hostId(api, HOST));
    expect(net.tcpipStacks.find((s) => s.key === "vmotion")).toMatchObject({
      vmkernelAdapters: [created.adapter.device],
      defaultGateway: "192.168.30.1",
      congestionControlAlgorithm: "cubic",
    });
    expect(await lastAudit(HOST)).toMatchObject({ outcome: "success" });
  });

  it("is refused before anything is sent when the stack's gateway is not reachable from the new adapter", async () => {
    const before = hostState(simHost(api, HOST));
    const reply = await create(HOST, { ...rolloutChange(), netStack: { defaultGateway: "10.10.0.1" } });
    expect(reply.status).toBe(422);
    const problem = reply.body as Problem;
    expect(problem.code).toBe("PREFLIGHT_FAILED");
    expect(problem.errors).toEqual([expect.objectContaining({ path: "netStack.defaultGateway", code: "gateway.outsideStackSubnets" })]);
    expect(hostState(simHost(api, HOST))).toStrictEqual(before);
  });
});

describe("POST /rollouts/preflight", () => {
  const plan = (names: string[], netStack: NetStackPatch = NET_STACK): RolloutHost[] =>
    names.map((name, i) => ({ hostId: hostId(api, name), model: vmotionOnNewSwitchExample(`192.168.30.${101 + i}`), netStack }));

  it("the help-desk user on a mixed selection: Cluster-Prod refused for the privilege, Cluster-Dev planned to the stack's step", async () => {
    const helpdesk = new Browser(api.app);
    await helpdesk.login(HELPDESK);
    const names = ["esx-01.lab.local", "esx-05.lab.local", "esx-02.lab.local", "esx-08.lab.local"];
    const before = hostState(simHost(api, "esx-05"));
    const res = await helpdesk.post("/api/v1/rollouts/preflight", { hosts: plan(names) });
    expect(res.statusCode, res.body).toBe(200);
    const { hosts } = rolloutPreflightSchema.parse(res.json());
    expect(hosts.map((h) => h.hostName)).toEqual(names);
    for (const prod of [hosts[0]!, hosts[2]!]) {
      expect(prod.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id: prod.hostId } });
      expect(prod.errors.map((e) => e.code)).toContain("privilege.missing");
    }
    for (const dev of [hosts[1]!, hosts[3]!]) {
      expect(dev.errors).toEqual([]);
      expect(dev.missingPrivilege).toBeNull();
      expect(dev.calls.map((c) => c.method)).toEqual(STEPS);
      expect(dev.calls.at(-1)).toMatchObject({
        code: "step.updateNetStack",
        params: { stack: "vmotion", gateway: "192.168.30.1", congestionControl: "cubic", maxConnections: 20000 },
      });
      // The stack as it is (no adapter yet, so inactive), and every setting the rollout changes.
      expect(dev.netStack!.current).toMatchObject({
        key: "vmotion",
        active: false,
        defaultGateway: null,
        congestionControlAlgorithm: "newreno",
      });
      expect(dev.netStack!.differs).toEqual(["dnsConfiguration", "defaultGateway", "congestionControlAlgorithm", "maxNumberOfConnections"]);
    }
    // A preflight changes nothing.
    expect(hostState(simHost(api, "esx-05"))).toStrictEqual(before);
  });

  it("names only the settings a host has with other values, and holds back a host whose gateway is out of reach", async () => {
    // esx-05's stack already has cubic (set through the stack dialog's edit while it has an adapter).
    const first = await create("esx-05.lab.local", {
      ...vmotionOnNewSwitchExample("192.168.30.15"),
      netStack: { congestionControlAlgorithm: "cubic" },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const hosts = [
      {
        hostId: hostId(api, "esx-05.lab.local"),
        model: {
          ...vmotionOnNewSwitchExample("192.168.30.25"),
          targetDevice: { kind: "existingStandardSwitch" as const, vswitchName: "vSwitch1" },
          newSwitchUplinks: undefined,
          portProperties: { ...vmotionOnNewSwitchExample().portProperties, networkLabel: "vMotion-2" },
        },
        netStack: { congestionControlAlgorithm: "cubic" as const, maxNumberOfConnections: 11000 },
      },
      {
        hostId: hostId(api, "esx-06.lab.local"),
        model: vmotionOnNewSwitchExample("192.168.30.16"),
        netStack: { defaultGateway: "10.10.0.1" },
      },
    ];
    const res = await admin.post("/api/v1/rollouts/preflight", { hosts });
    expect(res.statusCode, res.body).toBe(200);
    const [same, unreachable] = rolloutPreflightSchema.parse(res.json()).hosts;
    expect(same!.netStack).toMatchObject({ current: { active: true, congestionControlAlgorithm: "cubic" }, differs: [] });
    expect(same!.errors).toEqual([]);
    expect(unreachable!.errors).toEqual([
      expect.objectContaining({ path: "netStack.defaultGateway", code: "gateway.outsideStackSubnets" }),
    ]);
    expect(unreachable!.netStack!.differs).toEqual(["defaultGateway"]);
  });

  it("gives an unknown host, and one that cannot be read, an error naming it; the other hosts are planned", async () => {
    const hosts = [
      { hostId: "host-999999", model: vmotionOnNewSwitchExample("192.168.30.31") },
      { hostId: hostId(api, "esx-04.lab.local"), model: vmotionOnNewSwitchExample("192.168.30.34") },
      { hostId: hostId(api, "esx-08.lab.local"), model: vmotionOnNewSwitchExample("192.168.30.38") },
    ];
    const res = await admin.post("/api/v1/rollouts/preflight", { hosts });
    expect(res.statusCode, res.body).toBe(200);
    const [unknown, disconnected, fine] = rolloutPreflightSchema.parse(res.json()).hosts;
    expect(unknown).toMatchObject({ hostId: "host-999999", calls: [], netStack: null, missingPrivilege: null });
    expect(unknown!.errors).toEqual([expect.objectContaining({ path: "hostId", code: "host.notFound", params: { host: "host-999999" } })]);
    expect(disconnected!.errors.map((e) => [e.code, e.params])).toEqual([
      ["host.unreadable", { host: hosts[1]!.hostId }],
      ["fault.HostNotConnected", undefined],
    ]);
    // Without stack settings: the wizard's steps only, and no stack to compare.
    expect(fine!.calls.map((c) => c.method)).toEqual(["AddVirtualSwitch", "AddPortGroup", "AddVirtualNic"]);
    expect(fine!.netStack).toBeNull();
  });

  it("answers a bad body with 400 naming the field, and needs a session and its CSRF token", async () => {
    const hosts = plan(["esx-05.lab.local", "esx-06.lab.local", "esx-08.lab.local"]);
    hosts[2]!.model = {
      ...hosts[2]!.model,
      ipv4Settings: { mode: "static", address: "192.168.30.300", subnetMask: "255.255.255.0", overrideGateway: false },
    };
    const res = await admin.post("/api/v1/rollouts/preflight", { hosts });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors!.map((e) => e.path)).toEqual(["hosts.2.model.ipv4Settings.address"]);
    const duplicate = await admin.post("/api/v1/rollouts/preflight", { hosts: [hosts[0], hosts[0]] });
    expect(duplicate.json<Problem>().errors).toEqual([expect.objectContaining({ path: "hosts.1.hostId", code: "rollout.duplicateHost" })]);
    expect((await new Browser(api.app).post("/api/v1/rollouts/preflight", { hosts: hosts.slice(0, 1) })).statusCode).toBe(401);
    const noToken = await api.app.inject({
      method: "POST",
      url: "/api/v1/rollouts/preflight",
      payload: { hosts: hosts.slice(0, 1) },
      headers: { cookie: admin.cookie! },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json<Problem>().code).toBe("CSRF_TOKEN_INVALID");
  });
});
