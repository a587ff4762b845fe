/**
 * POST .../physical-adapters and its preflight: Physical Network Adapter, free adapters added to a standard switch the
 * host has (UpdateVirtualSwitch with the whole spec) or to a new one, all or nothing, journaled, for the roles vCenter
 * allows; the host checked after.
 */
import type { AddedUplinks, AuditPage, PhysicalAdapterModel, Preflight } from "@addnet/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

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

const toVSwitch0 = (active: string[], standby: string[] = [], unused: string[] = []): PhysicalAdapterModel => ({
  connectionType: "physicalAdapter",
  targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
  switchUplinks: { active, standby, unused },
});

const pnic = (device: string) => `key-vim.host.PhysicalNic-${device}`;

export function physicalAdaptersSuite(getApi: GetApi): void {
  describe("physical adapters", () => {
    let admin: Client;
    let helpdesk: Client;
    beforeAll(async () => {
      admin = await signedIn(getApi(), ADMIN);
      helpdesk = await signedIn(getApi(), HELPDESK);
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    const create = (c: Client, hostId: string, model: unknown, key = newKey("uplinks")) =>
      c.post(`/api/v1/hosts/${hostId}/physical-adapters`, model, { "idempotency-key": key });
    const preflight = (c: Client, hostId: string, model: unknown) => c.post(`/api/v1/hosts/${hostId}/physical-adapters/preflight`, model);
    const says = async (model: unknown) =>
      json<Preflight>(await preflight(admin, simHost(getApi(), "esx-01").ref.value, model)).errors.map((e) => `${e.path}:${e.code}`);

    it("preflight: the one call it would make, and the switch's rules under the page's fields", async () => {
      const host = simHost(getApi(), "esx-01");
      const ok = json<Preflight>(await preflight(admin, host.ref.value, toVSwitch0(["vmnic0"], ["vmnic2"])));
      expect(ok.errors).toEqual([]);
      expect(ok.calls.map((c) => [c.method, c.summary])).toEqual([
        ["UpdateVirtualSwitch", "Assign vmnic2 to standard switch vSwitch0 (active vmnic0, standby vmnic2)"],
      ]);
      // vmnic1 is the distributed switch's; vmnic0 is vSwitch0's and stays; something must be added.
      expect(await says(toVSwitch0(["vmnic0", "vmnic1"]))).toEqual(["switchUplinks.active:uplinks.inUse"]);
      expect(await says(toVSwitch0(["vmnic2"]))).toEqual(["switchUplinks.active:uplinks.keepCurrent"]);
      expect(await says(toVSwitch0(["vmnic0"]))).toEqual(["switchUplinks.active:uplinks.noneAdded"]);
      expect(await says(toVSwitch0(["vmnic0", "vmnic7"]))).toEqual(["switchUplinks.active:uplinks.unknown"]);
      const inUse = json<Preflight>(await preflight(admin, host.ref.value, toVSwitch0(["vmnic0", "vmnic1"]))).errors[0]!;
      expect(inUse.params).toEqual({ device: "vmnic1", owner: "DSwitch-Lab" });
      // A new switch's adapters are newSwitchUplinks; switchUplinks is for a switch the host has.
      expectProblem(
        await preflight(admin, host.ref.value, {
          ...toVSwitch0(["vmnic0", "vmnic2"]),
          targetDevice: { kind: "newStandardSwitch", mtu: 1500 },
        }),
        400,
        "VALIDATION_FAILED",
        ["newSwitchUplinks", "switchUplinks"],
      );
    });

    it("adds a free adapter to vSwitch0 as standby, keeping vmnic0 active; journaled; a retry with the key replays it", async () => {
      const host = simHost(getApi(), "esx-01");
      const key = newKey("uplinks-existing");
      const added = json<AddedUplinks>(await create(admin, host.ref.value, toVSwitch0(["vmnic0"], ["vmnic2"]), key), 201);
      expect(added).toEqual({
        vswitch: { name: "vSwitch0", mtu: 1500, active: ["vmnic0"], standby: ["vmnic2"], unused: [] },
        added: ["vmnic2"],
        steps: [expect.objectContaining({ method: "UpdateVirtualSwitch", status: "done" })],
      });
      const vswitch = host.net.vswitch.find((v) => v.name === "vSwitch0")!;
      expect(vswitch.pnic).toEqual([pnic("vmnic0"), pnic("vmnic2")]);
      expect((vswitch as unknown as { spec: { policy: { nicTeaming: { nicOrder: unknown } } } }).spec.policy.nicTeaming.nicOrder).toEqual({
        activeNic: ["vmnic0"],
        standbyNic: ["vmnic2"],
      });
      // The switch's port groups and the management adapter are where they were.
      expect(host.net.portgroup.map((p) => p.spec.name)).toEqual(["Management Network", "VM Network"]);
      expect(host.net.vnic.map((v) => v.device)).toEqual(["vmk0"]);

      const replay = await create(admin, host.ref.value, toVSwitch0(["vmnic0"], ["vmnic2"]), key);
      expect(replay.headers["idempotent-replayed"]).toBe("true");
      expect(json<AddedUplinks>(replay, 201)).toEqual(added);

      const { entries } = json<AuditPage>(await admin.get(`/api/v1/audit?hostId=${host.ref.value}&limit=1`));
      expect(entries.map((e) => [e.action, e.outcome, e.messages])).toEqual([
        ["physical-adapter.create", "success", [{ code: "audit.uplinksAdded", params: { uplinks: "vmnic2", vswitch: "vSwitch0" } }]],
      ]);
    });

    it("makes a new standard switch with the adapters", async () => {
      const host = simHost(getApi(), "esx-01");
      const model: PhysicalAdapterModel = {
        connectionType: "physicalAdapter",
        targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
        newSwitchUplinks: { active: ["vmnic3"], standby: [], unused: ["vmnic2"] },
      };
      const added = json<AddedUplinks>(await create(admin, host.ref.value, model), 201);
      expect(added.vswitch).toEqual({ name: "vSwitch1", mtu: 9000, active: ["vmnic3"], standby: [], unused: ["vmnic2"] });
      expect(added.added).toEqual(["vmnic3", "vmnic2"]);
      expect(host.net.vswitch.find((v) => v.name === "vSwitch1")?.pnic).toEqual([pnic("vmnic3"), pnic("vmnic2")]);
    });

    it("a refused UpdateVirtualSwitch changes nothing, and says so", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const before = hostState(api, "esx-01");
      await control(api, "POST", "/sim/faults", { method: "UpdateVirtualSwitch", fault: "HostConfigFault", mode: "once" });
      const problem = expectProblem(await create(admin, host.ref.value, toVSwitch0(["vmnic0", "vmnic2"])), 422, "HOST_CONFIG_FAULT");
      expect(problem.outcome?.at(-1)).toEqual({ code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } });
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("helpdesk adds one on Cluster-Dev and is refused on Cluster-Prod, naming the privilege; nothing changes there", async () => {
      const api = getApi();
      const dev = simHost(api, "esx-05");
      json<AddedUplinks>(await create(helpdesk, dev.ref.value, toVSwitch0(["vmnic0", "vmnic2"])), 201);
      expect(dev.net.vswitch.find((v) => v.name === "vSwitch0")?.pnic).toEqual([pnic("vmnic0"), pnic("vmnic2")]);
      const prod = simHost(api, "esx-02");
      const before = inventoryState(api);
      const refused = expectProblem(await create(helpdesk, prod.ref.value, toVSwitch0(["vmnic0", "vmnic2"])), 403, "NO_PERMISSION");
      expect(refused.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id: prod.ref.value } });
      expect(inventoryState(api)).toEqual(before);
    });
  });
}
