/**
 * Roles, enforced by the server: helpdesk creates on Cluster-Dev and is refused on Cluster-Prod with the missing
 * privilege named; readonly is refused everywhere. A request that skips the UI (no preflight first, straight to
 * the API) gets the same answer.
 */
import type { AuditPage, CreatedAdapter, Preflight } from "@addnet/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { hostId } from "../helpers.ts";
import {
  ADMIN,
  dvpgKey,
  expectProblem,
  HELPDESK,
  inventoryState,
  json,
  networking,
  newKey,
  onDvpg,
  onVSwitch0,
  READONLY,
  resetSimulator,
  signedIn,
  simHost,
  vmotionSwitch,
  type Client,
  type GetApi,
} from "./support.ts";

export function rolesSuite(getApi: GetApi): void {
  describe("roles end to end", () => {
    let helpdesk: Client;
    let readonly: Client;
    beforeAll(async () => {
      helpdesk = await signedIn(getApi(), HELPDESK);
      readonly = await signedIn(getApi(), READONLY);
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    it("helpdesk creates on esx-05 (Cluster-Dev)", async () => {
      const api = getApi();
      const host = simHost(api, "esx-05");
      const created = json<CreatedAdapter>(
        await helpdesk.create(host.ref.value, onVSwitch0("Helpdesk", "192.168.60.15"), newKey("hd")),
        201,
      );
      expect(created.adapter).toMatchObject({ device: "vmk1", networkLabel: "Helpdesk", ipv4: { address: "192.168.60.15" } });
      expect(host.net.vnic.map((v) => v.device)).toEqual(["vmk0", "vmk1"]);
      expect(host.net.portgroup.map((p) => p.spec.name)).toContain("Helpdesk");
      // A vMotion-stack adapter on a new switch too: everything it needs is Host.Config.Network.
      json(await helpdesk.create(host.ref.value, vmotionSwitch("192.168.30.15"), newKey("hd-vmotion")), 201);
      expect(host.selectedDevices("vmotion")).toEqual(["vmk2"]);
      const audit = json<AuditPage>(await helpdesk.get(`/api/v1/audit?hostId=${host.ref.value}&limit=2`)).entries;
      expect(audit.map((e) => [e.user, e.action, e.outcome])).toEqual([
        ["VSPHERE.LOCAL\\helpdesk", "vmkernel-adapter.create", "success"],
        ["VSPHERE.LOCAL\\helpdesk", "vmkernel-adapter.create", "success"],
      ]);
    });

    it("refuses helpdesk on esx-02 (Cluster-Prod) naming the missing privilege and the host, the same with or without preflight", async () => {
      const api = getApi();
      const esx02 = hostId(api, "esx-02.lab.local");
      const before = inventoryState(api);
      const model = onVSwitch0("Helpdesk", "192.168.60.12");

      // Straight to the API, as a script that skips the UI would.
      const direct = expectProblem(await helpdesk.create(esx02, model, newKey("hd-prod")), 403, "NO_PERMISSION");
      expect(direct.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id: esx02 } });
      expect(direct.errors).toEqual([
        {
          path: "",
          code: "privilege.missing",
          message: "Missing privilege Host.Config.Network on esx-02.lab.local",
          params: { privilege: "Host.Config.Network", entity: "esx-02.lab.local" },
        },
      ]);
      expect(direct.detail).toContain("Host.Config.Network");
      expect(direct.detail).toContain("esx-02.lab.local");

      // Through the UI's path: preflight shows the same error, and Finish gets the same answer.
      const pre = json<Preflight>(await helpdesk.preflight(esx02, model));
      expect(pre.errors).toEqual(direct.errors);
      const viaUi = expectProblem(await helpdesk.create(esx02, model, newKey("hd-prod-ui")), 403, "NO_PERMISSION");
      expect({ ...viaUi, detail: "" }).toEqual({ ...direct, detail: "" });

      // Every target type is refused the same way.
      for (const m of [vmotionSwitch("192.168.30.12"), onDvpg(dvpgKey(api, "DPG-Storage"), "192.168.50.12")]) {
        const p = expectProblem(await helpdesk.create(esx02, m, newKey("hd-prod-any")), 403, "NO_PERMISSION");
        expect(p.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id: esx02 } });
      }
      expect(inventoryState(api)).toEqual(before);
    });

    it("refuses helpdesk a distributed port group (Network.Assign) and vSAN (Host.Config.Storage) on esx-05, naming them", async () => {
      const api = getApi();
      const esx05 = hostId(api, "esx-05.lab.local");
      const before = inventoryState(api);
      const key = dvpgKey(api, "DPG-Storage");
      const dvpg = expectProblem(await helpdesk.create(esx05, onDvpg(key, "192.168.50.15"), newKey("hd-dvpg")), 403, "NO_PERMISSION");
      expect(dvpg.missingPrivilege).toEqual({ privilege: "Network.Assign", entity: { type: "DistributedVirtualPortgroup", id: key } });
      expect(dvpg.errors).toEqual([
        {
          path: "targetDevice.portgroupKey",
          code: "privilege.missing",
          message: "Missing privilege Network.Assign on DPG-Storage",
          params: { privilege: "Network.Assign", entity: "DPG-Storage" },
        },
      ]);
      const vsan = expectProblem(
        await helpdesk.create(esx05, onVSwitch0("vSAN", "192.168.60.16", { services: ["vsan"] }), newKey("hd-vsan")),
        403,
        "NO_PERMISSION",
      );
      expect(vsan.missingPrivilege).toEqual({ privilege: "Host.Config.Storage", entity: { type: "HostSystem", id: esx05 } });
      expect(vsan.errors!.map((e) => e.path)).toEqual(["portProperties.services"]);
      expect(inventoryState(api)).toEqual(before);
    });

    it("refuses readonly everywhere: create, preflight shows it, netstack edit; nothing changes", async () => {
      const api = getApi();
      const before = inventoryState(api);
      for (const name of ["esx-01", "esx-05", "esx-08", "esx-09"]) {
        const id = hostId(api, `${name}.lab.local`);
        const problem = expectProblem(await readonly.create(id, onVSwitch0("RO", "192.168.60.20"), newKey("ro")), 403, "NO_PERMISSION");
        expect(problem.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id } });
        const pre = json<Preflight>(await readonly.preflight(id, onVSwitch0("RO", "192.168.60.20")));
        expect(pre.errors).toEqual(problem.errors);
        const edit = expectProblem(
          await readonly.patch(`/api/v1/hosts/${id}/netstacks/defaultTcpipStack`, { congestionControlAlgorithm: "cubic" }),
          403,
          "NO_PERMISSION",
        );
        expect(edit.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id } });
        // Reading is what readonly may do.
        expect((await networking(readonly, id)).privileges).toEqual({ hostConfigNetwork: false, hostConfigStorage: false });
      }
      expect(inventoryState(api)).toEqual(before);
    });

    it("lets the administrator do what helpdesk may not, on the same host", async () => {
      const api = getApi();
      const admin = await signedIn(api, ADMIN);
      const esx02 = hostId(api, "esx-02.lab.local");
      json(await admin.create(esx02, onVSwitch0("Admin", "192.168.60.22"), newKey("admin")), 201);
      expect(simHost(api, "esx-02").net.vnic).toHaveLength(2);
    });
  });
}
