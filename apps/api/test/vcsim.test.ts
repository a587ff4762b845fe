/**
 * addnet's API against VMware's own vcsim (govmomi 0.24.2), a server this repository did not write and that sends
 * vim25 as a vCenter does (enums under their own type names, vcsim's own object ids and inventory).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { vmotionOnNewSwitchExample, type HostNetworking, type Preflight, type Problem } from "@addnet/contracts";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connectVCenter, type HostConfigManager, type HostNetworkInfo } from "@addnet/vsphere";
import { startVcsim, type RunningVcsim } from "../../../packages/vsphere/test/vcsim.ts";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { Browser } from "./helpers.ts";

let vcsim: RunningVcsim;
let app: FastifyInstance;
let browser: Browser;

beforeAll(async () => {
  vcsim = await startVcsim();
  const config = loadConfig(
    { DATABASE_URL: join(mkdtempSync(join(tmpdir(), "addnet-journal-")), "journal.sqlite"), LOG_LEVEL: "warn" },
    { vcenterUrl: vcsim.url },
  );
  app = await buildApp(config);
  await app.ready();
  browser = new Browser(app);
  await browser.login({ username: vcsim.user, password: vcsim.password });
}, 300_000);

afterAll(async () => {
  await app?.close();
  await vcsim?.close();
});

interface HostItem {
  id: string;
  name: string;
  cluster: string | null;
  connectionState: string;
}

async function hostIdOf(name: string): Promise<string> {
  const items = (await browser.get("/api/v1/hosts")).json<{ items: HostItem[] }>().items;
  return items.find((h) => h.name === name)!.id;
}

describe("the API against vcsim", () => {
  it("lists vcsim's hosts, with the enums vcsim sends under their own type names", async () => {
    const res = await browser.get("/api/v1/hosts");
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: HostItem[]; total: number }>().items;
    expect(items.map((h) => [h.name, h.cluster, h.connectionState])).toEqual([
      ["DC0_H0", null, "connected"],
      ["DC0_C0_H0", "DC0_C0", "connected"],
      ["DC0_C0_H1", "DC0_C0", "connected"],
      ["DC0_C0_H2", "DC0_C0", "connected"],
    ]);
  });

  it("lists them through an inventory account's reader too, kept current with vcsim's WaitForUpdatesEx", async () => {
    const shared = await buildApp(
      loadConfig(
        {
          DATABASE_URL: join(mkdtempSync(join(tmpdir(), "addnet-journal-")), "journal.sqlite"),
          LOG_LEVEL: "warn",
          VCENTER_INVENTORY_USER: vcsim.user,
          VCENTER_INVENTORY_PASSWORD: vcsim.password,
        },
        { vcenterUrl: vcsim.url },
      ),
    );
    try {
      const user = new Browser(shared);
      await user.login({ username: vcsim.user, password: vcsim.password });
      const first = (await user.get("/api/v1/hosts?limit=3")).json<{ items: HostItem[]; total: number; nextCursor: string }>();
      expect(first.total).toBe(4);
      const second = (await user.get(`/api/v1/hosts?limit=3&cursor=${first.nextCursor}`)).json<{ items: HostItem[]; nextCursor: null }>();
      expect([...first.items, ...second.items].map((h) => h.name)).toEqual(["DC0_H0", "DC0_C0_H0", "DC0_C0_H1", "DC0_C0_H2"]);
      expect(second.nextCursor).toBeNull();
    } finally {
      await shared.close();
    }
  });

  it("shows a host's VMkernel adapters, switches, physical adapters and TCP/IP configuration as vcsim has them", async () => {
    const net = await browser.networking(await hostIdOf("DC0_H0"));
    expect(net.vswitches).toEqual([
      expect.objectContaining({ name: "vSwitch0", uplinks: ["vmnic0"], portgroups: ["VM Network", "Management Network"] }),
    ]);
    expect(net.physicalNics.map((p) => [p.device, p.usedBy?.name ?? null])).toEqual([
      ["vmnic0", "vSwitch0"],
      ["vmnic1", null],
    ]);
    expect(net.vmkernelAdapters).toEqual([
      expect.objectContaining({
        device: "vmk0",
        portgroup: "Management Network",
        tcpipStack: "defaultTcpipStack",
        services: ["management"],
      }),
    ]);
    const stacks = Object.fromEntries(net.tcpipStacks.map((s) => [s.key, s]));
    expect(Object.keys(stacks).sort()).toEqual(["defaultTcpipStack", "vSphereProvisioning", "vmotion"]);
    expect(stacks.defaultTcpipStack).toMatchObject({ active: true, defaultGateway: "127.0.0.1", vmkernelAdapters: ["vmk0"] });
    expect(stacks.defaultTcpipStack!.dns).toMatchObject({ dhcp: true, servers: ["8.8.8.8"] });
    expect(net.distributedPortgroups.map((p) => [p.name, p.switchName])).toContainEqual(["DC0_DVPG0", "DVS0"]);
  });

  it("makes vcsim's switch and port group changes and undoes them when vcsim lacks AddVirtualNic", async () => {
    const id = await hostIdOf("DC0_H0");
    const model = { ...vmotionOnNewSwitchExample(), newSwitchUplinks: { active: ["vmnic1"], standby: [], unused: [] } };
    const preflight = await browser.post(`/api/v1/hosts/${id}/vmkernel-adapters/preflight`, model);
    expect(preflight.json<{ errors: unknown[]; calls: { method: string }[] }>()).toMatchObject({
      errors: [],
      calls: [{ method: "AddVirtualSwitch" }, { method: "AddPortGroup" }, { method: "AddVirtualNic" }],
    });
    const res = await browser.post(`/api/v1/hosts/${id}/vmkernel-adapters`, model, { "idempotency-key": "vcsim-create-1" });
    expect(res.statusCode).toBe(502);
    const problem = res.json<{ code: string; steps: { method: string; status: string }[] }>();
    expect(problem.code).toBe("VCENTER_FAULT");
    // AddVirtualSwitch and AddPortGroup were made, then RemovePortGroup and RemoveVirtualSwitch undid them.
    expect(problem.steps.map((s) => [s.method, s.status])).toEqual([
      ["AddVirtualSwitch", "undone"],
      ["AddPortGroup", "undone"],
      ["AddVirtualNic", "failed"],
    ]);
    // vcsim keeps these changes in HostNetworkSystem.networkInfo: read it there, with addnet's client alone.
    const vc = await connectVCenter({ url: vcsim.url });
    const { cookie } = await vc.login(vcsim.user, vcsim.password);
    const configManager = (await vc.properties(cookie, { type: "HostSystem", value: id }, ["configManager"]))
      .configManager as HostConfigManager;
    const info = (await vc.properties(cookie, configManager.networkSystem!, ["networkInfo"])).networkInfo as HostNetworkInfo;
    expect(info.vswitch.map((v) => v.name)).toEqual(["vSwitch0"]);
    expect(info.portgroup.map((p) => p.spec.name).sort()).toEqual(["Management Network", "VM Network"]);
    await vc.logout(cookie);
    vc.close();
  });

  it("analyzes an edit of vcsim's vmk0 from vcsim's own adapter, and names vcsim's refusal of UpdateVirtualNic", async () => {
    const id = await hostIdOf("DC0_C0_H1");
    const networking = (await browser.get(`/api/v1/hosts/${id}/networking`)).json<HostNetworking>();
    const vmk0 = networking.vmkernelAdapters.find((a) => a.device === "vmk0")!;
    const edit = {
      portProperties: { ipSettings: "ipv4", mtu: { mode: "custom", value: 1400 }, services: vmk0.services },
      // vcsim's vmk0 is on 127.0.0.1, which no adapter may be given: a lab address instead.
      ipv4Settings: { mode: "static", address: "192.168.100.20", subnetMask: "255.255.255.0", overrideGateway: false },
    };
    const impact = (await browser.post(`/api/v1/hosts/${id}/vmkernel-adapters/vmk0/preflight`, edit)).json<Preflight>();
    expect(impact.errors).toEqual([]);
    expect(impact.warnings.map((w) => w.code)).toContain("edit.managementAddress");
    expect(impact.calls.map((c) => c.method)).toEqual(["UpdateVirtualNic"]);
    const res = await browser.patch(`/api/v1/hosts/${id}/vmkernel-adapters/vmk0`, edit, { "idempotency-key": "vcsim-edit-1" });
    // vcsim 0.24.2 has no UpdateVirtualNic: its MethodNotFound is vCenter's fault, named, and nothing changed.
    expect(res.statusCode).toBe(502);
    expect(res.json<Problem>()).toMatchObject({
      code: "VCENTER_FAULT",
      fault: { code: "fault.other", params: { fault: "MethodNotFound" } },
      outcome: [{ code: "outcome.stepFailed" }, { code: "fault.other" }, { code: "outcome.nothingChanged", params: { host: "DC0_C0_H1" } }],
    });
    const after = (await browser.get(`/api/v1/hosts/${id}/networking`)).json<HostNetworking>();
    expect(after.vmkernelAdapters.find((a) => a.device === "vmk0")).toEqual(vmk0);
  });

  it("adds a virtual machine port group on a new switch in vcsim", async () => {
    const id = await hostIdOf("DC0_C0_H0");
    const model = {
      connectionType: "vmPortGroup",
      targetDevice: { kind: "newStandardSwitch", mtu: 1500 },
      newSwitchUplinks: { active: ["vmnic1"], standby: [], unused: [] },
      connectionSettings: { networkLabel: "VM-vcsim", vlanId: 4095 },
    };
    const res = await browser.post(`/api/v1/hosts/${id}/port-groups`, model, { "idempotency-key": "vcsim-port-group-1" });
    // vcsim makes both calls; its HostSystem.config.network, which addnet reads back (a vCenter keeps it current), stays as
    // it was: the reply says the steps were made and that the port group was not found afterwards, not that it failed.
    expect(res.statusCode).toBe(502);
    const problem = res.json<{ code: string; steps: { method: string; status: string }[] }>();
    expect(problem.code).toBe("READ_BACK_FAILED");
    expect(problem.steps.map((s) => [s.method, s.status])).toEqual([
      ["AddVirtualSwitch", "done"],
      ["AddPortGroup", "done"],
    ]);
    const vc = await connectVCenter({ url: vcsim.url });
    const { cookie } = await vc.login(vcsim.user, vcsim.password);
    const configManager = (await vc.properties(cookie, { type: "HostSystem", value: id }, ["configManager"]))
      .configManager as HostConfigManager;
    const info = (await vc.properties(cookie, configManager.networkSystem!, ["networkInfo"])).networkInfo as HostNetworkInfo;
    expect(info.vswitch.map((v) => v.name)).toContain("vSwitch1");
    expect(info.portgroup.find((p) => p.spec.name === "VM-vcsim")?.spec).toMatchObject({ vlanId: 4095, vswitchName: "vSwitch1" });
    await vc.logout(cookie);
    vc.close();
  });
});
