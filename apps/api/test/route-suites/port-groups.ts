/**
 * POST .../port-groups and its preflight: Virtual Machine Port Group for a Standard Switch, on a switch the host has
 * or on a new one with its uplinks, all or nothing, journaled, for the roles vCenter allows; the host checked after.
 */
import type { AuditPage, CreatedPortGroup, Preflight, Problem, RemovedPortGroup, VmPortGroupModel } from "@addnet/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  ADMIN,
  control,
  expectProblem,
  HELPDESK,
  hostState,
  inventoryState,
  json,
  networking,
  newKey,
  resetSimulator,
  signedIn,
  simHost,
  type Client,
  type GetApi,
} from "./support.ts";

const onVSwitch0 = (networkLabel: string, vlanId = 0): VmPortGroupModel => ({
  connectionType: "vmPortGroup",
  targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
  connectionSettings: { networkLabel, vlanId },
});

const onNewSwitch = (networkLabel: string, active: string[], standby: string[] = []): VmPortGroupModel => ({
  connectionType: "vmPortGroup",
  targetDevice: { kind: "newStandardSwitch", mtu: 1500 },
  newSwitchUplinks: { active, standby, unused: [] },
  connectionSettings: { networkLabel, vlanId: 20 },
});

export function portGroupsSuite(getApi: GetApi): void {
  describe("port groups", () => {
    let admin: Client;
    let helpdesk: Client;
    beforeAll(async () => {
      admin = await signedIn(getApi(), ADMIN);
      helpdesk = await signedIn(getApi(), HELPDESK);
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    const create = (c: Client, hostId: string, model: unknown, key = newKey("pg")) =>
      c.post(`/api/v1/hosts/${hostId}/port-groups`, model, { "idempotency-key": key });
    const preflight = (c: Client, hostId: string, model: unknown) => c.post(`/api/v1/hosts/${hostId}/port-groups/preflight`, model);

    it("preflight: the call it would make, and the host's rules under the wizard's fields", async () => {
      const host = simHost(getApi(), "esx-01");
      const ok = json<Preflight>(await preflight(admin, host.ref.value, onVSwitch0("Web", 4095)));
      expect(ok.errors).toEqual([]);
      expect(ok.calls.map((c) => [c.method, c.code, c.params])).toEqual([
        ["AddPortGroup", "step.addPortGroup", { portgroup: "Web", vlanId: 4095, vswitch: "vSwitch0" }],
      ]);
      const taken = json<Preflight>(await preflight(admin, host.ref.value, onVSwitch0("VM Network")));
      expect(taken.errors.map((e) => `${e.path}:${e.code}`)).toEqual(["connectionSettings.networkLabel:networkLabel.inUse"]);
      const busy = json<Preflight>(await preflight(admin, host.ref.value, onNewSwitch("Web", ["vmnic0"])));
      expect(busy.errors.map((e) => `${e.path}:${e.code}`)).toEqual(["newSwitchUplinks.active:uplinks.inUse"]);
      expectProblem(await preflight(admin, host.ref.value, onVSwitch0("Web", 4096)), 400, "VALIDATION_FAILED", [
        "connectionSettings.vlanId",
      ]);
      // A distributed port group is not a target for a virtual machine port group of a standard switch.
      expectProblem(
        await preflight(admin, host.ref.value, {
          ...onVSwitch0("Web"),
          targetDevice: { kind: "existingNetwork", portgroupKey: "dvportgroup-1" },
        }),
        400,
        "VALIDATION_FAILED",
        ["targetDevice.kind"],
      );
    });

    it("adds the port group to an existing switch, VLAN All (4095), journaled, and a retry with the key replays it", async () => {
      const host = simHost(getApi(), "esx-01");
      const key = newKey("pg-existing");
      const created = json<CreatedPortGroup>(await create(admin, host.ref.value, onVSwitch0("Web", 4095), key), 201);
      expect(created).toEqual({
        portGroup: { name: "Web", vlanId: 4095, vswitch: "vSwitch0" },
        steps: [
          expect.objectContaining({
            method: "AddPortGroup",
            status: "done",
            params: { portgroup: "Web", vlanId: 4095, vswitch: "vSwitch0" },
          }),
        ],
      });
      expect(host.net.portgroup.find((p) => p.spec.name === "Web")?.spec).toMatchObject({ vlanId: 4095, vswitchName: "vSwitch0" });
      expect(host.net.vswitch.find((v) => v.name === "vSwitch0")?.portgroup).toContain("key-vim.host.PortGroup-Web");
      // No VMkernel adapter: a virtual machine port group only.
      expect(host.net.vnic.map((v) => v.device)).toEqual(["vmk0"]);

      const replay = await create(admin, host.ref.value, onVSwitch0("Web", 4095), key);
      expect(replay.headers["idempotent-replayed"]).toBe("true");
      expect(json<CreatedPortGroup>(replay, 201)).toEqual(created);
      expect(host.net.portgroup.filter((p) => p.spec.name === "Web")).toHaveLength(1);

      const { entries } = json<AuditPage>(await admin.get(`/api/v1/audit?hostId=${host.ref.value}&limit=1`));
      expect(entries.map((e) => [e.action, e.outcome, e.messages])).toEqual([
        ["port-group.create", "success", [{ code: "audit.portGroupCreated", params: { portgroup: "Web", vswitch: "vSwitch0" } }]],
      ]);
    });

    it("adds a new standard switch with its uplinks, then the port group on it", async () => {
      const host = simHost(getApi(), "esx-01");
      const created = json<CreatedPortGroup>(await create(admin, host.ref.value, onNewSwitch("Lab", ["vmnic2"], ["vmnic3"])), 201);
      expect(created.portGroup).toEqual({ name: "Lab", vlanId: 20, vswitch: "vSwitch1" });
      expect(created.steps.map((s) => `${s.method} ${s.status}`)).toEqual(["AddVirtualSwitch done", "AddPortGroup done"]);
      const vswitch = host.net.vswitch.find((v) => v.name === "vSwitch1")!;
      expect(vswitch.pnic).toEqual(["key-vim.host.PhysicalNic-vmnic2", "key-vim.host.PhysicalNic-vmnic3"]);
      expect(vswitch.portgroup).toEqual(["key-vim.host.PortGroup-Lab"]);
    });

    it("undoes the new switch when the port group fails, and says the host is as it was", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const before = hostState(api, "esx-01");
      await control(api, "POST", "/sim/faults", { method: "AddPortGroup", fault: "HostConfigFault", mode: "once" });
      const problem = expectProblem(await create(admin, host.ref.value, onNewSwitch("Lab", ["vmnic2"])), 422, "HOST_CONFIG_FAULT");
      expect(problem.steps?.map((s) => `${s.method} ${s.status}`)).toEqual(["AddVirtualSwitch undone", "AddPortGroup failed"]);
      expect(problem.outcome?.at(-1)).toEqual({ code: "outcome.earlierUndone", params: { host: "esx-01.lab.local" } });
      expect(hostState(api, "esx-01")).toEqual(before);
      const { entries } = json<AuditPage>(await admin.get(`/api/v1/audit?hostId=${host.ref.value}&limit=1`));
      expect(entries.map((e) => [e.action, e.outcome])).toEqual([["port-group.create", "failure"]]);
    });

    it("helpdesk adds one on Cluster-Dev and is refused on Cluster-Prod, naming the privilege; nothing changes there", async () => {
      const api = getApi();
      const dev = simHost(api, "esx-05");
      json<CreatedPortGroup>(await create(helpdesk, dev.ref.value, onVSwitch0("Helpdesk")), 201);
      expect(dev.net.portgroup.map((p) => p.spec.name)).toContain("Helpdesk");
      const prod = simHost(api, "esx-02");
      const before = inventoryState(api);
      const refused = expectProblem(await create(helpdesk, prod.ref.value, onVSwitch0("Helpdesk")), 403, "NO_PERMISSION");
      expect((refused as Problem).missingPrivilege).toEqual({
        privilege: "Host.Config.Network",
        entity: { type: "HostSystem", id: prod.ref.value },
      });
      expect(inventoryState(api)).toEqual(before);
    });
  });

  describe("edit and remove a standard port group", () => {
    let admin: Client;
    let helpdesk: Client;
    beforeAll(async () => {
      admin = await signedIn(getApi(), ADMIN);
      helpdesk = await signedIn(getApi(), HELPDESK);
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    const url = (hostId: string, name: string) => `/api/v1/hosts/${hostId}/port-groups/${encodeURIComponent(name)}`;
    const edit = (c: Client, hostId: string, name: string, body: unknown, key = newKey("pg-edit")) =>
      c.patch(url(hostId, name), body, { "idempotency-key": key });
    const remove = (c: Client, hostId: string, name: string, key = newKey("pg-remove")) =>
      c.delete(url(hostId, name), { "idempotency-key": key });

    it("renames a port group and changes its VLAN (UpdatePortGroup), journaled; its adapter follows the new name", async () => {
      const host = simHost(getApi(), "esx-01");
      const edited = json<CreatedPortGroup>(await edit(admin, host.ref.value, "VM Network", { networkLabel: "VM Web", vlanId: 20 }));
      expect(edited).toEqual({
        portGroup: { name: "VM Web", vlanId: 20, vswitch: "vSwitch0" },
        steps: [expect.objectContaining({ method: "UpdatePortGroup", status: "done" })],
      });
      expect(host.net.portgroup.map((p) => [p.spec.name, p.spec.vlanId])).toEqual([
        ["Management Network", 0],
        ["VM Web", 20],
      ]);
      // The management adapter's port group keeps its adapter when renamed.
      json(await edit(admin, host.ref.value, "Management Network", { networkLabel: "Mgmt" }));
      expect(host.net.vnic.find((v) => v.device === "vmk0")?.portgroup).toBe("Mgmt");
      const { entries } = json<AuditPage>(await admin.get(`/api/v1/audit?hostId=${host.ref.value}&limit=2`));
      expect(entries.map((e) => [e.action, e.outcome, e.messages?.[0]?.code])).toEqual([
        ["port-group.edit", "success", "audit.portGroupEdited"],
        ["port-group.edit", "success", "audit.portGroupEdited"],
      ]);
    });

    it("refuses a taken name, All (4095) for a VMkernel adapter's port group, an unknown port group and an empty edit; nothing changes", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const before = hostState(api, "esx-01");
      const taken = expectProblem(
        await edit(admin, host.ref.value, "VM Network", { networkLabel: "Management Network" }),
        422,
        "PREFLIGHT_FAILED",
      );
      expect(taken.errors?.map((e) => `${e.path}:${e.code}`)).toEqual(["networkLabel:networkLabel.inUse"]);
      const trunk = expectProblem(await edit(admin, host.ref.value, "Management Network", { vlanId: 4095 }), 422, "PREFLIGHT_FAILED");
      expect(trunk.errors?.map((e) => `${e.path}:${e.code}`)).toEqual(["vlanId:vlanId.range"]);
      const unknown = expectProblem(await edit(admin, host.ref.value, "Nope", { vlanId: 5 }), 422, "PREFLIGHT_FAILED");
      expect(unknown.errors?.map((e) => e.code)).toEqual(["portGroup.notFound"]);
      expectProblem(await edit(admin, host.ref.value, "VM Network", {}), 400, "VALIDATION_FAILED");
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("removes a port group nothing uses, and refuses one a VMkernel adapter is on", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const removed = json<RemovedPortGroup>(await remove(admin, host.ref.value, "VM Network"));
      expect(removed).toEqual({
        removed: { portGroup: "VM Network", vswitch: "vSwitch0" },
        steps: [expect.objectContaining({ method: "RemovePortGroup", status: "done" })],
      });
      expect(host.net.portgroup.map((p) => p.spec.name)).toEqual(["Management Network"]);
      const before = hostState(api, "esx-01");
      const inUse = expectProblem(await remove(admin, host.ref.value, "Management Network"), 422, "PREFLIGHT_FAILED");
      expect(inUse.errors?.map((e) => [e.code, e.params])).toEqual([
        ["portGroup.inUse", { portgroup: "Management Network", device: "vmk0" }],
      ]);
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("overrides the switch's Security and Teaming and failover for one port group, and gives them back to the switch", async () => {
      const host = simHost(getApi(), "esx-01");
      const id = host.ref.value;
      const pg = () =>
        host.net.portgroup.find((p) => p.spec.name === "VM Network")! as unknown as {
          spec: { policy: { security?: Record<string, unknown>; nicTeaming?: Record<string, unknown> } };
          computedPolicy: { security: Record<string, unknown>; nicTeaming: Record<string, unknown> };
        };
      const security = { allowPromiscuous: true, macChanges: false, forgedTransmits: true };
      const teaming = { policy: "failover_explicit" as const, notifySwitches: false, failback: false };
      json(await edit(admin, id, "VM Network", { security, teaming }));
      expect(pg().spec.policy.security).toMatchObject(security);
      expect(pg().computedPolicy.nicTeaming).toMatchObject({ policy: "failover_explicit", notifySwitches: false, rollingOrder: true });
      const view = (await networking(admin, id)).portgroups.find((p) => p.name === "VM Network");
      expect(view).toMatchObject({ security, teaming });
      // The other port group keeps the switch's.
      expect((await networking(admin, id)).portgroups.find((p) => p.name === "Management Network")).toMatchObject({
        security: null,
        teaming: null,
      });

      json(await edit(admin, id, "VM Network", { security: null, teaming: null }));
      expect(pg().spec.policy.security?.allowPromiscuous).toBeUndefined();
      expect(pg().computedPolicy.security).toMatchObject({ allowPromiscuous: false });
      expect((await networking(admin, id)).portgroups.find((p) => p.name === "VM Network")).toMatchObject({
        security: null,
        teaming: null,
      });
    });

    it("gives one port group its own failover order of the switch's adapters, and gives it back to the switch", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const id = host.ref.value;
      const spec = () =>
        (
          host.net.portgroup.find((p) => p.spec.name === "VM Network")!.spec as unknown as {
            policy: { nicTeaming?: { nicOrder?: unknown } };
          }
        ).policy.nicTeaming;
      const before = hostState(api, "esx-01");
      // Only the switch's own adapters: vmnic1 is free on the host, not on vSwitch0.
      const foreign = expectProblem(
        await edit(admin, id, "VM Network", { failoverOrder: { active: ["vmnic1"], standby: ["vmnic0"], unused: [] } }),
        422,
        "PREFLIGHT_FAILED",
      );
      expect(foreign.errors?.map((e) => [e.path, e.code, e.params])).toEqual([
        ["failoverOrder.active", "teaming.sameAdapters", { vswitch: "vSwitch0", devices: "vmnic0" }],
      ]);
      expect(hostState(api, "esx-01")).toEqual(before);

      const order = { active: [], standby: ["vmnic0"], unused: [] };
      const preflight = json<Preflight>(
        await admin.post(`/api/v1/hosts/${id}/port-groups/VM%20Network/preflight`, { failoverOrder: order }),
      );
      expect(preflight.warnings).toEqual([]);
      json(await edit(admin, id, "VM Network", { failoverOrder: order }));
      expect(spec()?.nicOrder).toEqual({ activeNic: [], standbyNic: ["vmnic0"] });
      const view = await networking(admin, id);
      expect(view.portgroups.find((p) => p.name === "VM Network")).toMatchObject({ failoverOrder: order, teaming: null });
      // The switch and its other port groups keep the switch's order.
      expect(view.vswitches.find((v) => v.name === "vSwitch0")).toMatchObject({ activeNics: ["vmnic0"], standbyNics: [] });
      expect(view.portgroups.find((p) => p.name === "Management Network")?.failoverOrder).toBeNull();

      json(await edit(admin, id, "VM Network", { failoverOrder: null }));
      expect(spec()?.nicOrder).toBeUndefined();
      expect((await networking(admin, id)).portgroups.find((p) => p.name === "VM Network")?.failoverOrder).toBeNull();
    });

    it("undoes nothing it did not do: a refused UpdatePortGroup leaves the host as it was", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const before = hostState(api, "esx-01");
      await control(api, "POST", "/sim/faults", { method: "UpdatePortGroup", fault: "HostConfigFault", mode: "once" });
      const problem = expectProblem(await edit(admin, host.ref.value, "VM Network", { vlanId: 7 }), 422, "HOST_CONFIG_FAULT");
      expect(problem.outcome?.at(-1)).toEqual({ code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } });
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("helpdesk edits on Cluster-Dev and is refused on Cluster-Prod", async () => {
      const api = getApi();
      const dev = simHost(api, "esx-05");
      json(await edit(helpdesk, dev.ref.value, "VM Network", { vlanId: 50 }));
      expect(dev.net.portgroup.find((p) => p.spec.name === "VM Network")?.spec.vlanId).toBe(50);
      const prod = simHost(api, "esx-02");
      const before = inventoryState(api);
      expectProblem(await remove(helpdesk, prod.ref.value, "VM Network"), 403, "NO_PERMISSION");
      expect(inventoryState(api)).toEqual(before);
    });
  });
}
