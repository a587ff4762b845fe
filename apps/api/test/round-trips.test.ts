/**
 * The vim25 round trips a request waits on, counted by a proxy on the wire (not by the API's own bookkeeping): calls
 * that overlap are one wait. The counts do not depend on the machine; how long they take is `pnpm bench`'s.
 */
import { vmotionOnNewSwitchExample, type CreatedAdapter, type HostNetworking, type Preflight } from "@addnet/contracts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { waves, type ProxiedCall } from "../../../test/support/vim-proxy.ts";
import { startApi, vmotionOnNewSwitch, type TestApi } from "./helpers.ts";
import { ADMIN, asSimAdmin, Client, json, newKey, resetSimulator, simHost } from "./route-suites/support.ts";

let api: TestApi;

beforeAll(async () => {
  api = await startApi({}, {}, { counted: true });
  // The API's first request to a vCenter reads its ServiceContent, once for every user: not a sign-in's.
  await new Client(api).login(ADMIN);
});
afterAll(() => api?.close());

/** The vim25 calls made while `work` ran, in the order they were sent. */
async function callsOf<T>(work: () => Promise<T>, on = api): Promise<{ value: T; calls: ProxiedCall[] }> {
  const from = performance.now();
  const value = await work();
  const to = performance.now();
  return { value, calls: on.proxy!.calls.filter((c) => c.start >= from && c.start <= to).sort((a, b) => a.start - b.start) };
}

describe("vim25 round trips per request", () => {
  it("signs in in 3 round trips: Login, one PropertyCollector pass for where privileges are held, and those privileges", async () => {
    const { calls } = await callsOf(() => new Client(api).login(ADMIN));
    expect(calls.map((c) => c.method)).toEqual(["Login", "RetrievePropertiesEx", "FetchUserPrivilegeOnEntities"]);
    expect(waves(calls)).toBe(3);
  });

  it("creates an adapter on a new switch in 5 round trips: one read, the three changes, one read-back", async () => {
    await resetSimulator(api);
    const admin = new Client(api);
    await admin.login(ADMIN);
    const hostId = simHost(api, "esx-01").ref.value;
    // The wizard has shown the host before Finish, and the user has filled in its pages meanwhile: the inventory its
    // addresses are checked in has been read whole.
    const shown = api.proxy!.calls.length;
    json<HostNetworking>(await admin.get(`/api/v1/hosts/${hostId}/networking`));
    await vi.waitUntil(() => api.proxy!.calls.slice(shown).some((c) => c.method === "WaitForUpdatesEx"));
    const { value, calls } = await callsOf(() =>
      admin.post(`/api/v1/hosts/${hostId}/vmkernel-adapters`, vmotionOnNewSwitch, { "idempotency-key": newKey("trips") }),
    );
    const created = json<CreatedAdapter>(value, 201);
    expect(simHost(api, "esx-01").net.vnic.map((v) => v.device)).toContain(created.adapter.device);
    const changes = calls
      .map((c) => c.method)
      .filter((m) => !["RetrievePropertiesEx", "HasPrivilegeOnEntities", "WaitForUpdatesEx"].includes(m));
    expect(changes).toEqual(["AddVirtualSwitch", "AddPortGroup", "AddVirtualNic"]);
    // The privileges are asked with the read before the change, not again with the read-back.
    expect(calls.filter((c) => c.method === "HasPrivilegeOnEntities")).toHaveLength(1);
    expect(waves(calls)).toBe(5);
  });

  it("reads a host it has not read before in 1 round trip when another host had the same distributed port groups", async () => {
    const admin = new Client(api);
    await admin.login(ADMIN);
    const shown = api.proxy!.calls.length;
    json<HostNetworking>(await admin.get(`/api/v1/hosts/${simHost(api, "esx-02").ref.value}/networking`));
    await vi.waitUntil(() => api.proxy!.calls.slice(shown).some((c) => c.method === "WaitForUpdatesEx")); // the inventory, read
    // esx-03 has the distributed switch's port groups as esx-02 has them: their privileges are asked with the read.
    const { value, calls } = await callsOf(() => admin.get(`/api/v1/hosts/${simHost(api, "esx-03").ref.value}/networking`));
    const view = json<HostNetworking>(value);
    expect(view.distributedPortgroups.map((p) => [p.name, p.canAssign])).toEqual([
      ["DPG-vMotion", true],
      ["DPG-Provisioning", true],
      ["DPG-Storage", true],
    ]);
    expect(calls.map((c) => c.method).sort()).toEqual(["HasPrivilegeOnEntities", "RetrievePropertiesEx"]);
    expect(waves(calls)).toBe(1);
  });

  it("checks the addresses of many hosts at once with one WaitForUpdatesEx more, each check seeing what was made before it", async () => {
    // 50 ms a call, so that the checks come while the index's update is in flight, as a rollout's hosts do.
    const slow = await startApi({ latencyMs: 50 }, {}, { counted: true });
    try {
      const admin = new Client(slow);
      await admin.login(ADMIN);
      const shown = slow.proxy!.calls.length;
      json<HostNetworking>(await admin.get(`/api/v1/hosts/${simHost(slow, "esx-01").ref.value}/networking`));
      await vi.waitUntil(() => slow.proxy!.calls.slice(shown).some((c) => c.method === "WaitForUpdatesEx"), { timeout: 5000 });
      // An address given outside addnet just before the checks: every one of them must see it.
      const esx02 = simHost(slow, "esx-02") as unknown as { networkSystem: { AddVirtualNic(a: unknown, c: unknown): string } };
      const device = esx02.networkSystem.AddVirtualNic(
        { portgroup: "VM Network", nic: { ip: { dhcp: false, ipAddress: "192.168.30.77", subnetMask: "255.255.255.0" } } },
        asSimAdmin(slow),
      );
      const hosts = ["esx-01", "esx-03", "esx-05", "esx-06", "esx-08"].map((n) => simHost(slow, n).ref.value);
      const { value, calls } = await callsOf(
        () => Promise.all(hosts.map(async (h) => json<Preflight>(await admin.preflight(h, vmotionOnNewSwitchExample("192.168.30.77"))))),
        slow,
      );
      for (const check of value)
        expect(check.errors.map((e) => [e.code, e.params?.owner])).toContainEqual(["ipv4.inUse", `esx-02.lab.local ${device}`]);
      // One update in flight when the others came, and one more they all shared: not one each.
      expect(calls.filter((c) => c.method === "WaitForUpdatesEx").length).toBeLessThanOrEqual(2);
    } finally {
      await slow.close();
    }
  });
});
