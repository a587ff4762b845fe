/**
 * DELETE .../vmkernel-adapters/{device} and GET .../impact: Remove a VMkernel adapter after the vSphere Client's Analyze
 * impact — the host's last management adapter refused, a service or stack only it carries named — one journaled change
 * for the roles vCenter allows; the host checked after.
 */
import type { AuditPage, Preflight, RemovedAdapter } from "@addnet/contracts";
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
  onVSwitch0,
  resetSimulator,
  signedIn,
  simHost,
  vmotionSwitch,
  type Client,
  type GetApi,
} from "./support.ts";

export function removeAdapterSuite(getApi: GetApi): void {
  describe("remove a VMkernel adapter", () => {
    let admin: Client;
    let helpdesk: Client;
    beforeAll(async () => {
      admin = await signedIn(getApi(), ADMIN);
      helpdesk = await signedIn(getApi(), HELPDESK);
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    const impact = (c: Client, hostId: string, device: string) => c.get(`/api/v1/hosts/${hostId}/vmkernel-adapters/${device}/impact`);
    const remove = (c: Client, hostId: string, device: string, key = newKey("remove")) =>
      c.delete(`/api/v1/hosts/${hostId}/vmkernel-adapters/${device}`, { "idempotency-key": key });
    const codes = (p: Preflight) => ({ errors: p.errors.map((e) => e.code), warnings: p.warnings.map((w) => [w.code, w.params]) });

    it("Analyze impact: the last management adapter is refused; the last of a service or of a stack is named", async () => {
      const host = simHost(getApi(), "esx-01");
      expect(codes(json<Preflight>(await impact(admin, host.ref.value, "vmk0")))).toEqual({
        errors: ["remove.lastManagement"],
        warnings: [],
      });
      expectProblem(await remove(admin, host.ref.value, "vmk0"), 422, "PREFLIGHT_FAILED");
      expect(host.net.vnic.map((v) => v.device)).toEqual(["vmk0"]);

      json(await admin.create(host.ref.value, vmotionSwitch("192.168.30.11"), newKey("vmotion")), 201);
      const vmotion = json<Preflight>(await impact(admin, host.ref.value, "vmk1"));
      expect(codes(vmotion)).toEqual({
        errors: [],
        warnings: [
          ["remove.lastService", { host: "esx-01.lab.local", device: "vmk1", service: "vmotion" }],
          ["remove.stackInactive", { host: "esx-01.lab.local", device: "vmk1", stack: "vmotion" }],
        ],
      });
      expect(vmotion.calls.map((c) => [c.method, c.params])).toEqual([["RemoveVirtualNic", { device: "vmk1", portgroup: "vMotion" }]]);
      expect(codes(json<Preflight>(await impact(admin, host.ref.value, "vmk9")))).toEqual({ errors: ["adapter.notFound"], warnings: [] });
      expectProblem(await impact(admin, host.ref.value, "eth0"), 400, "VALIDATION_FAILED", ["params.device"]);
    });

    it("removes the adapter, its services with it; journaled; a retry with the key replays the answer", async () => {
      const host = simHost(getApi(), "esx-01");
      json(
        await admin.create(host.ref.value, onVSwitch0("Replication", "192.168.80.11", { services: ["vSphereReplication"] }), newKey("rep")),
        201,
      );
      expect(host.selectedDevices("vSphereReplication")).toEqual(["vmk1"]);
      const key = newKey("remove-rep");
      const removed = json<RemovedAdapter>(await remove(admin, host.ref.value, "vmk1", key));
      expect(removed).toEqual({
        removed: { device: "vmk1", portgroup: "Replication" },
        steps: [expect.objectContaining({ method: "RemoveVirtualNic", status: "done" })],
      });
      expect(host.net.vnic.map((v) => v.device)).toEqual(["vmk0"]);
      expect(host.selectedDevices("vSphereReplication")).toEqual([]);
      // The port group stays, as the vSphere Client leaves it.
      expect(host.net.portgroup.map((p) => p.spec.name)).toContain("Replication");

      const replay = await remove(admin, host.ref.value, "vmk1", key);
      expect(replay.headers["idempotent-replayed"]).toBe("true");
      expect(json<RemovedAdapter>(replay)).toEqual(removed);

      const { entries } = json<AuditPage>(await admin.get(`/api/v1/audit?hostId=${host.ref.value}&limit=1`));
      expect(entries.map((e) => [e.action, e.outcome, e.messages])).toEqual([
        ["vmkernel-adapter.remove", "success", [{ code: "audit.adapterRemoved", params: { device: "vmk1", portgroup: "Replication" } }]],
      ]);
    });

    it("its answer lost, the removal made all the same is done, not undone", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      json(await admin.create(host.ref.value, onVSwitch0("Lost", "192.168.81.11"), newKey("lost")), 201);
      await control(api, "POST", "/sim/faults", { method: "RemoveVirtualNic", fault: "LostReply", mode: "once" });
      const removed = json<RemovedAdapter>(await remove(admin, host.ref.value, "vmk1"));
      expect(removed.steps.map((s) => `${s.method} ${s.status}`)).toEqual(["RemoveVirtualNic done"]);
      expect(host.net.vnic.map((v) => v.device)).toEqual(["vmk0"]);
    });

    it("a refused removal changes nothing, and says so", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      json(await admin.create(host.ref.value, onVSwitch0("Kept", "192.168.82.11"), newKey("kept")), 201);
      const before = hostState(api, "esx-01");
      await control(api, "POST", "/sim/faults", { method: "RemoveVirtualNic", fault: "HostConfigFault", mode: "once" });
      const problem = expectProblem(await remove(admin, host.ref.value, "vmk1"), 422, "HOST_CONFIG_FAULT");
      expect(problem.outcome?.at(-1)).toEqual({ code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } });
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("helpdesk removes one on Cluster-Dev and is refused on Cluster-Prod; nothing changes there", async () => {
      const api = getApi();
      const dev = simHost(api, "esx-05");
      json(await admin.create(dev.ref.value, onVSwitch0("Dev", "192.168.83.15"), newKey("dev")), 201);
      json<RemovedAdapter>(await remove(helpdesk, dev.ref.value, "vmk1"));
      expect(dev.net.vnic.map((v) => v.device)).toEqual(["vmk0"]);
      const prod = simHost(api, "esx-02");
      json(await admin.create(prod.ref.value, onVSwitch0("Prod", "192.168.83.12"), newKey("prod")), 201);
      const before = inventoryState(api);
      const refused = expectProblem(await remove(helpdesk, prod.ref.value, "vmk1"), 403, "NO_PERMISSION");
      expect(refused.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id: prod.ref.value } });
      expect(inventoryState(api)).toEqual(before);
    });
  });
}
