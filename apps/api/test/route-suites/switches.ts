/**
 * PATCH/DELETE .../standard-switches/{name} with their Analyze impact: a standard switch's MTU, security, teaming and
 * failover edited (UpdateVirtualSwitch), and a switch nothing uses removed with its port groups; one journaled,
 * all-or-nothing change each, for the roles vCenter allows; the host checked after.
 */
import type { AuditPage, EditedSwitch, Preflight, RemovedSwitch, StandardSwitchEdit } from "@addnet/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { portGroupModel } from "../target-types.ts";
import {
  ADMIN,
  control,
  expectProblem,
  HELPDESK,
  hostState,
  inventoryState,
  json,
  newKey,
  resetSimulator,
  signedIn,
  simHost,
  type Client,
  type GetApi,
} from "./support.ts";

export function switchesSuite(getApi: GetApi): void {
  describe("edit and remove a standard switch", () => {
    let admin: Client;
    let helpdesk: Client;
    beforeAll(async () => {
      admin = await signedIn(getApi(), ADMIN);
      helpdesk = await signedIn(getApi(), HELPDESK);
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    const url = (hostId: string, name: string) => `/api/v1/hosts/${hostId}/standard-switches/${name}`;
    const edit = (c: Client, hostId: string, name: string, body: StandardSwitchEdit, key = newKey("sw-edit")) =>
      c.patch(url(hostId, name), body, { "idempotency-key": key });
    const remove = (c: Client, hostId: string, name: string, key = newKey("sw-remove")) =>
      c.delete(url(hostId, name), { "idempotency-key": key });
    const codes = (p: Preflight) => ({ errors: p.errors.map((e) => e.code), warnings: p.warnings.map((w) => w.code) });
    /** vSwitch1 with vmnic2 active and vmnic3 standby, and its port group VM-Lab. */
    const labSwitch = async (hostId: string) =>
      json(await admin.post(`/api/v1/hosts/${hostId}/port-groups`, portGroupModel(), { "idempotency-key": newKey("lab") }), 201);

    it("sets MTU, security, teaming and failover in one UpdateVirtualSwitch, journaled; the host shows them", async () => {
      const host = simHost(getApi(), "esx-01");
      const id = host.ref.value;
      await labSwitch(id);
      const body: StandardSwitchEdit = {
        mtu: 1500,
        security: { allowPromiscuous: true, macChanges: false, forgedTransmits: false },
        teaming: {
          policy: "failover_explicit",
          notifySwitches: false,
          failback: false,
          failoverOrder: { active: ["vmnic3"], standby: [], unused: ["vmnic2"] },
        },
      };
      const impact = json<Preflight>(await admin.post(`${url(id, "vSwitch1")}/preflight`, body));
      expect(codes(impact)).toEqual({ errors: [], warnings: [] });
      expect(impact.calls.map((c) => [c.method, c.params])).toEqual([
        ["UpdateVirtualSwitch", { vswitch: "vSwitch1", mtu: 1500, active: "vmnic3", standby: "--" }],
      ]);
      const edited = json<EditedSwitch>(await edit(admin, id, "vSwitch1", body));
      expect(edited.vswitch).toMatchObject({
        name: "vSwitch1",
        mtu: 1500,
        uplinks: ["vmnic2", "vmnic3"],
        activeNics: ["vmnic3"],
        standbyNics: [],
        security: { allowPromiscuous: true, macChanges: false, forgedTransmits: false },
        teaming: { policy: "failover_explicit", notifySwitches: false, failback: false },
      });
      const v = host.net.vswitch.find((x) => x.name === "vSwitch1") as unknown as {
        mtu: number;
        spec: { policy: Record<string, unknown> };
      };
      expect(v.mtu).toBe(1500);
      expect(v.spec.policy).toMatchObject({
        security: { allowPromiscuous: true, macChanges: false, forgedTransmits: false },
        nicTeaming: { policy: "failover_explicit", notifySwitches: false, rollingOrder: true, nicOrder: { activeNic: ["vmnic3"] } },
      });
      // Only what was sent changes: a later MTU edit keeps the teaming.
      json<EditedSwitch>(await edit(admin, id, "vSwitch1", { mtu: 9000 }));
      expect(v.mtu).toBe(9000);
      expect(v.spec.policy).toMatchObject({ nicTeaming: { policy: "failover_explicit" } });
      const { entries } = json<AuditPage>(await admin.get(`/api/v1/audit?hostId=${id}&limit=1`));
      expect(entries.map((e) => [e.action, e.outcome, e.messages])).toEqual([
        ["standard-switch.edit", "success", [{ code: "audit.switchEdited", params: { vswitch: "vSwitch1" } }]],
      ]);
    });

    it("refuses an MTU below an adapter's, a failover order of other adapters, and names no active adapter; nothing changes", async () => {
      const api = getApi();
      const id = simHost(api, "esx-01").ref.value;
      const before = hostState(api, "esx-01");
      const low = expectProblem(await edit(admin, id, "vSwitch0", { mtu: 1280 }), 422, "PREFLIGHT_FAILED");
      expect(low.errors?.map((e) => [e.path, e.code, e.params])).toEqual([
        ["mtu", "vswitch.mtuBelowAdapters", { mtu: 1280, devices: "vmk0" }],
      ]);
      const teaming = (active: string[], unused: string[]): StandardSwitchEdit => ({
        teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: true, failoverOrder: { active, standby: [], unused } },
      });
      const other = expectProblem(await edit(admin, id, "vSwitch0", teaming(["vmnic2"], [])), 422, "PREFLIGHT_FAILED");
      expect(other.errors?.map((e) => e.code)).toEqual(["teaming.sameAdapters"]);
      const noActive = json<Preflight>(await admin.post(`${url(id, "vSwitch0")}/preflight`, teaming([], ["vmnic0"])));
      expect(codes(noActive)).toEqual({ errors: [], warnings: ["teaming.noActive"] });
      expectProblem(await edit(admin, id, "vSwitch9", { mtu: 9000 }), 422, "PREFLIGHT_FAILED");
      expectProblem(await edit(admin, id, "vSwitch0", {} as StandardSwitchEdit), 400, "VALIDATION_FAILED");
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("removes a switch with its port groups after Analyze impact; refuses one a VMkernel adapter is on", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const id = host.ref.value;
      await labSwitch(id);
      const impact = json<Preflight>(await admin.get(`${url(id, "vSwitch1")}/impact`));
      expect(impact.warnings.map((w) => [w.code, w.params])).toEqual([
        ["vswitch.portGroupsRemoved", { vswitch: "vSwitch1", portgroups: "VM-Lab" }],
      ]);
      expect(impact.calls.map((c) => c.method)).toEqual(["RemovePortGroup", "RemoveVirtualSwitch"]);
      const removed = json<RemovedSwitch>(await remove(admin, id, "vSwitch1"));
      expect(removed.removed).toEqual({ vswitch: "vSwitch1", portGroups: ["VM-Lab"] });
      expect(host.net.vswitch.map((v) => v.name)).toEqual(["vSwitch0"]);
      expect(host.net.portgroup.map((p) => p.spec.name)).not.toContain("VM-Lab");

      const before = hostState(api, "esx-01");
      const inUse = expectProblem(await remove(admin, id, "vSwitch0"), 422, "PREFLIGHT_FAILED");
      expect(inUse.errors?.map((e) => [e.code, e.params])).toEqual([["vswitch.inUse", { vswitch: "vSwitch0", devices: "vmk0" }]]);
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("a refused RemoveVirtualSwitch adds its port groups back: the host as it was", async () => {
      const api = getApi();
      const id = simHost(api, "esx-01").ref.value;
      await labSwitch(id);
      const before = hostState(api, "esx-01");
      await control(api, "POST", "/sim/faults", { method: "RemoveVirtualSwitch", fault: "HostConfigFault", mode: "once" });
      const problem = expectProblem(await remove(admin, id, "vSwitch1"), 422, "HOST_CONFIG_FAULT");
      expect(problem.steps?.map((s) => `${s.method} ${s.status}`)).toEqual(["RemovePortGroup undone", "RemoveVirtualSwitch failed"]);
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("helpdesk edits a switch on Cluster-Dev and is refused on Cluster-Prod; nothing changes there", async () => {
      const api = getApi();
      const dev = simHost(api, "esx-05");
      json<EditedSwitch>(await edit(helpdesk, dev.ref.value, "vSwitch0", { mtu: 9000 }));
      expect(dev.net.vswitch.find((v) => v.name === "vSwitch0")?.mtu).toBe(9000);
      const prod = simHost(api, "esx-02");
      const before = inventoryState(api);
      const refused = expectProblem(await edit(helpdesk, prod.ref.value, "vSwitch0", { mtu: 9000 }), 403, "NO_PERMISSION");
      expect(refused.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id: prod.ref.value } });
      expectProblem(await remove(helpdesk, prod.ref.value, "vSwitch0"), 403, "NO_PERMISSION");
      expect(inventoryState(api)).toEqual(before);
    });
  });
}
