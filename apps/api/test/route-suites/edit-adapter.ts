/**
 * PATCH .../vmkernel-adapters/{device} and POST .../preflight: Edit Settings of a VMkernel adapter after the vSphere
 * Client's Analyze impact — the wizard's rules on the host without the adapter, what the edit takes away named — one
 * journaled, all-or-nothing change for the roles vCenter allows; the host checked after.
 */
import type { AuditPage, EditedAdapter, MovedAdapter, Preflight, VmkernelAdapterEdit } from "@addnet/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import {
  ADMIN,
  control,
  dvpgKey,
  expectProblem,
  HELPDESK,
  hostState,
  inventoryState,
  json,
  newKey,
  onDvpg,
  onVSwitch0,
  resetSimulator,
  signedIn,
  simHost,
  vmotionSwitch,
  type Client,
  type GetApi,
} from "./support.ts";

/** The settings an adapter made by onVSwitch0 has, with a new address and the services given. */
export function staticEdit(address: string, services: VmkernelAdapterEdit["portProperties"]["services"] = []): VmkernelAdapterEdit {
  return {
    portProperties: { ipSettings: "ipv4", mtu: { mode: "fromSwitch" }, services },
    ipv4Settings: { mode: "static", address, subnetMask: "255.255.255.0", overrideGateway: false },
  };
}

export function editAdapterSuite(getApi: GetApi): void {
  describe("edit a VMkernel adapter", () => {
    let admin: Client;
    let helpdesk: Client;
    beforeAll(async () => {
      admin = await signedIn(getApi(), ADMIN);
      helpdesk = await signedIn(getApi(), HELPDESK);
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    const path = (hostId: string, device: string) => `/api/v1/hosts/${hostId}/vmkernel-adapters/${device}`;
    const impact = (c: Client, hostId: string, device: string, edit: unknown) => c.post(`${path(hostId, device)}/preflight`, edit);
    const patch = (c: Client, hostId: string, device: string, edit: unknown, key = newKey("edit")) =>
      c.patch(path(hostId, device), edit, { "idempotency-key": key });
    const codes = (p: Preflight) => ({ errors: p.errors.map((e) => [e.path, e.code]), warnings: p.warnings.map((w) => [w.path, w.code]) });
    const vnic = (host: ReturnType<typeof simHost>, device: string) => host.net.vnic.find((v) => v.device === device)!;

    it("Analyze impact: the host's last Management refused, its address named, an address held elsewhere refused", async () => {
      const host = simHost(getApi(), "esx-01");
      const id = host.ref.value;
      expect(codes(json<Preflight>(await impact(admin, id, "vmk0", staticEdit("10.10.0.11"))))).toEqual({
        errors: [["portProperties.services", "remove.lastManagement"]],
        warnings: [],
      });
      const moved = json<Preflight>(await impact(admin, id, "vmk0", staticEdit("10.10.0.99", ["management"])));
      expect(codes(moved)).toEqual({ errors: [], warnings: [["ipv4Settings.address", "edit.managementAddress"]] });
      expect(moved.calls.map((c) => [c.method, c.params])).toEqual([
        ["UpdateVirtualNic", { device: "vmk0", ipv4: "10.10.0.99/255.255.255.0", ipv6: "--", mtu: 1500 }],
      ]);
      // esx-02's management address, seen only by the server (the browser has this host alone).
      expect(codes(json<Preflight>(await impact(admin, id, "vmk0", staticEdit("10.10.0.12", ["management"]))))).toEqual({
        errors: [["ipv4Settings.address", "ipv4.inUse"]],
        warnings: [["ipv4Settings.address", "edit.managementAddress"]],
      });
      const tooBig = {
        ...staticEdit("10.10.0.11", ["management"]),
        portProperties: { ...staticEdit("").portProperties, services: ["management"], mtu: { mode: "custom", value: 9000 } },
      };
      expect(codes(json<Preflight>(await impact(admin, id, "vmk0", tooBig))).errors).toEqual([
        ["portProperties.mtu.value", "mtu.aboveSwitch"],
      ]);
      expectProblem(await impact(admin, id, "vmk0", { portProperties: { ipSettings: "ipv4" } }), 400, "VALIDATION_FAILED", [
        "portProperties.mtu",
        "portProperties.services",
      ]);
    });

    it("a vMotion stack adapter keeps its stack's service; dropping the only vMotion is named", async () => {
      const host = simHost(getApi(), "esx-01");
      const id = host.ref.value;
      json(await admin.create(id, vmotionSwitch("192.168.30.11"), newKey("vmotion")), 201);
      expect(codes(json<Preflight>(await impact(admin, id, "vmk1", staticEdit("192.168.30.12", ["management"])))).errors).toEqual([
        ["portProperties.services", "services.stackOnly"],
      ]);
      json(await admin.create(id, onVSwitch0("Rep", "192.168.80.11", { services: ["vSphereReplication"] }), newKey("rep")), 201);
      expect(codes(json<Preflight>(await impact(admin, id, "vmk2", staticEdit("192.168.80.11"))))).toEqual({
        errors: [],
        // The default stack's gateway (10.10.0.1) is outside 192.168.80.0/24, as it was before: not news of this edit.
        warnings: [["portProperties.services", "edit.lastService"]],
      });
    });

    it("changes the address, the services and the MTU in one change; journaled; a retry with the key replays it", async () => {
      const host = simHost(getApi(), "esx-01");
      const id = host.ref.value;
      json(await admin.create(id, onVSwitch0("Rep", "192.168.80.11", { services: ["vSphereReplication"] }), newKey("rep")), 201);
      const edit = {
        ...staticEdit("192.168.80.21", ["vSphereReplicationNFC"]),
        portProperties: {
          ...staticEdit("").portProperties,
          services: ["vSphereReplicationNFC" as const],
          mtu: { mode: "custom" as const, value: 1400 },
        },
      };
      const key = newKey("edit-rep");
      const edited = json<EditedAdapter>(await patch(admin, id, "vmk1", edit, key));
      expect(edited.adapter).toMatchObject({
        device: "vmk1",
        mtu: 1400,
        ipv4: { dhcp: false, address: "192.168.80.21" },
        services: ["vSphereReplicationNFC"],
      });
      expect(edited.steps.map((s) => `${s.method} ${s.status}`)).toEqual([
        "UpdateVirtualNic done",
        "SelectVnicForNicType done",
        "DeselectVnicForNicType done",
      ]);
      // The host itself.
      expect(vnic(host, "vmk1").spec.ip?.ipAddress).toBe("192.168.80.21");
      expect(vnic(host, "vmk1").spec.mtu).toBe(1400);
      expect(host.selectedDevices("vSphereReplication")).toEqual([]);
      expect(host.selectedDevices("vSphereReplicationNFC")).toEqual(["vmk1"]);

      const replay = await patch(admin, id, "vmk1", edit, key);
      expect(replay.headers["idempotent-replayed"]).toBe("true");
      expect(json<EditedAdapter>(replay)).toEqual(edited);
      const { entries } = json<AuditPage>(await admin.get(`/api/v1/audit?hostId=${id}&limit=1`));
      expect(entries.map((e) => [e.action, e.outcome, e.messages])).toEqual([
        ["vmkernel-adapter.edit", "success", [{ code: "audit.adapterEdited", params: { device: "vmk1", portgroup: "Rep" } }]],
      ]);
    });

    it("IPv6: static addresses added and removed, DHCP for IPv4, a gateway override set and cleared", async () => {
      const host = simHost(getApi(), "esx-01");
      const id = host.ref.value;
      json(await admin.create(id, onVSwitch0("Six", "192.168.84.11"), newKey("six")), 201);
      const dual = (addresses: string[], gateway?: string): VmkernelAdapterEdit => ({
        portProperties: { ipSettings: "ipv4ipv6", mtu: { mode: "fromSwitch" }, services: [] },
        ipv4Settings: gateway
          ? { mode: "static", address: "192.168.84.11", subnetMask: "255.255.255.0", overrideGateway: true, defaultGateway: gateway }
          : { mode: "dhcp" },
        ipv6Settings: {
          dhcpV6: false,
          routerAdvertisement: false,
          staticAddresses: addresses.map((address) => ({ address, prefixLength: 64 })),
          overrideGateway: false,
        },
      });
      json<EditedAdapter>(await patch(admin, id, "vmk1", dual(["2001:db8:84::11", "2001:db8:84::12"], "192.168.84.1")));
      expect(vnic(host, "vmk1").spec.ipRouteSpec?.ipRouteConfig?.defaultGateway).toBe("192.168.84.1");
      const edited = json<EditedAdapter>(await patch(admin, id, "vmk1", dual(["2001:db8:84::12", "2001:db8:84::13"])));
      expect(edited.adapter.ipv4).toEqual({ dhcp: true, address: null, subnetMask: null });
      expect(edited.adapter.ipv6?.addresses.map((a) => a.address)).toEqual(["2001:db8:84::12", "2001:db8:84::13"]);
      expect(vnic(host, "vmk1").spec.ip?.ipV6Config?.ipV6Address?.map((a) => a.ipAddress)).toEqual(["2001:db8:84::12", "2001:db8:84::13"]);
      expect(vnic(host, "vmk1").spec.ipRouteSpec).toBeUndefined();
    });

    it("a step refused by the host undoes the others: the adapter as it was, and the reply says so", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const id = host.ref.value;
      json(await admin.create(id, onVSwitch0("Kept", "192.168.82.11", { services: ["vSphereReplication"] }), newKey("kept")), 201);
      const before = hostState(api, "esx-01");
      await control(api, "POST", "/sim/faults", { method: "DeselectVnicForNicType", fault: "HostConfigFault", mode: "once" });
      const problem = expectProblem(await patch(admin, id, "vmk1", staticEdit("192.168.82.99", ["vmotion"])), 422, "HOST_CONFIG_FAULT");
      expect(problem.steps?.map((s) => `${s.method} ${s.status}`)).toEqual([
        "UpdateVirtualNic undone",
        "SelectVnicForNicType undone",
        "DeselectVnicForNicType failed",
      ]);
      expect(problem.outcome?.at(-1)).toEqual({ code: "outcome.earlierUndone", params: { host: "esx-01.lab.local" } });
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    const migrate = (c: Client, hostId: string, device: string, target: unknown, key = newKey("migrate")) =>
      c.post(`${path(hostId, device)}/migration`, target, { "idempotency-key": key });

    it("migrates an adapter to a distributed port group and back to a new standard port group, keeping address and services", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const id = host.ref.value;
      json(await admin.create(id, onVSwitch0("Rep", "192.168.80.11", { services: ["vSphereReplication"] }), newKey("rep")), 201);
      const portgroupKey = dvpgKey(api, "DPG-Storage");
      const impact = json<Preflight>(await admin.post(`${path(id, "vmk1")}/migration/preflight`, { to: "distributed", portgroupKey }));
      expect(codes(impact)).toEqual({ errors: [], warnings: [] });
      expect(impact.calls.map((c) => [c.method, c.params])).toEqual([
        ["UpdateVirtualNic", { device: "vmk1", from: "Rep", portgroup: "DPG-Storage" }],
      ]);
      const moved = json<EditedAdapter>(await migrate(admin, id, "vmk1", { to: "distributed", portgroupKey }));
      expect(moved.adapter).toMatchObject({
        device: "vmk1",
        networkLabel: "DPG-Storage",
        portgroup: null,
        distributedPort: { portgroupKey },
        ipv4: { address: "192.168.80.11" },
        services: ["vSphereReplication"],
      });
      expect(vnic(host, "vmk1").spec.distributedVirtualPort).toMatchObject({ portgroupKey });
      // The standard port group it left stays, free.
      expect(host.net.portgroup.find((p) => p.spec.name === "Rep")?.port ?? []).toEqual([]);

      const back = { to: "standard", vswitchName: "vSwitch0", networkLabel: "Rep-Back", vlanId: 80 };
      const returned = json<EditedAdapter>(await migrate(admin, id, "vmk1", back));
      expect(returned.steps.map((s) => `${s.method} ${s.status}`)).toEqual(["AddPortGroup done", "UpdateVirtualNic done"]);
      expect(returned.adapter).toMatchObject({
        networkLabel: "Rep-Back",
        portgroup: "Rep-Back",
        distributedPort: null,
        services: ["vSphereReplication"],
      });
      expect(host.net.portgroup.find((p) => p.spec.name === "Rep-Back")?.spec).toMatchObject({ vlanId: 80, vswitchName: "vSwitch0" });
      const { entries } = json<AuditPage>(await admin.get(`/api/v1/audit?hostId=${id}&limit=1`));
      expect(entries.map((e) => [e.action, e.outcome, e.messages])).toEqual([
        ["vmkernel-adapter.migrate", "success", [{ code: "audit.adapterMigrated", params: { device: "vmk1", portgroup: "Rep-Back" } }]],
      ]);
    });

    it("refuses a migration onto a taken label, onto where it is, and names Management's risk; nothing changes", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const id = host.ref.value;
      const before = hostState(api, "esx-01");
      const mgmt = json<Preflight>(
        await admin.post(`${path(id, "vmk0")}/migration/preflight`, { to: "distributed", portgroupKey: dvpgKey(api, "DPG-Storage") }),
      );
      expect(codes(mgmt)).toEqual({ errors: [], warnings: [["device", "migrate.management"]] });
      const here = expectProblem(
        await migrate(admin, id, "vmk0", { to: "standard", vswitchName: "vSwitch0", networkLabel: "VM Network", vlanId: 0 }),
        422,
        "PREFLIGHT_FAILED",
      );
      expect(here.errors?.map((e) => [e.path, e.code])).toEqual([
        ["vswitchName", "migrate.alreadyStandard"],
        ["networkLabel", "networkLabel.inUse"],
      ]);
      expectProblem(await migrate(admin, id, "vmk0", { to: "elsewhere" }), 400, "VALIDATION_FAILED");
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("a refused UpdateVirtualNic removes the port group the migration added: the host as it was", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const id = host.ref.value;
      const model = onDvpg(dvpgKey(api, "DPG-Storage"), "192.168.85.11");
      // At vSwitch0's MTU: the distributed switch's 9000 would not fit there.
      json(
        await admin.create(
          id,
          { ...model, portProperties: { ...model.portProperties, mtu: { mode: "custom", value: 1500 } } },
          newKey("dv"),
        ),
        201,
      );
      const before = hostState(api, "esx-01");
      await control(api, "POST", "/sim/faults", { method: "UpdateVirtualNic", fault: "HostConfigFault", mode: "once" });
      const problem = expectProblem(
        await migrate(admin, id, "vmk1", { to: "standard", vswitchName: "vSwitch0", networkLabel: "Storage", vlanId: 0 }),
        422,
        "HOST_CONFIG_FAULT",
      );
      expect(problem.steps?.map((s) => `${s.method} ${s.status}`)).toEqual(["AddPortGroup undone", "UpdateVirtualNic failed"]);
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    const move = (c: Client, hostId: string, device: string, tcpipStack: string, key = newKey("move")) =>
      c.post(`${path(hostId, device)}/stack-move`, { tcpipStack }, { "idempotency-key": key });

    it("moves a vMotion adapter from the default stack to the vMotion stack: removed and added again, address and port group kept", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const id = host.ref.value;
      json(await admin.create(id, onVSwitch0("vMotion-A", "192.168.30.11", { services: ["vmotion"] }), newKey("vm")), 201);
      const impact = json<Preflight>(await admin.post(`${path(id, "vmk1")}/stack-move/preflight`, { tcpipStack: "vmotion" }));
      expect(impact.errors).toEqual([]);
      expect(impact.warnings.map((w) => w.code)).toContain("move.outage");
      expect(impact.calls.map((c) => c.method)).toEqual(["RemoveVirtualNic", "AddVirtualNic"]);
      const mac = vnic(host, "vmk1").spec.mac;
      const moved = json<MovedAdapter>(await move(admin, id, "vmk1", "vmotion"));
      expect(moved.previous).toEqual({ device: "vmk1", tcpipStack: "defaultTcpipStack" });
      expect(moved.adapter).toMatchObject({ networkLabel: "vMotion-A", tcpipStack: "vmotion", ipv4: { address: "192.168.30.11" } });
      expect(moved.withoutAdapterSeconds).toBeGreaterThan(0);
      expect(moved.steps.map((s) => `${s.method} ${s.status}`)).toEqual(["RemoveVirtualNic done", "AddVirtualNic done"]);
      const now = vnic(host, moved.adapter.device);
      expect(now.portgroup).toBe("vMotion-A");
      expect(now.spec.netStackInstanceKey).toBe("vmotion");
      // Its own MAC: a DHCP server and the physical switches see the same adapter.
      expect(now.spec.mac).toBe(mac);
      expect(now.spec.ip?.ipAddress).toBe("192.168.30.11");
      expect(host.isStackActive("vmotion")).toBe(true);
      const { entries } = json<AuditPage>(await admin.get(`/api/v1/audit?hostId=${id}&limit=1`));
      expect(entries.map((e) => [e.action, e.outcome, e.messages?.[0]?.code])).toEqual([
        ["vmkernel-adapter.move-stack", "success", "audit.adapterMoved"],
      ]);
    });

    it("refuses moving Management, services the stack cannot carry, and to the stack it is on; nothing changes", async () => {
      const api = getApi();
      const id = simHost(api, "esx-01").ref.value;
      json(await admin.create(id, onVSwitch0("Rep", "192.168.80.11", { services: ["vSphereReplication"] }), newKey("rep")), 201);
      const before = hostState(api, "esx-01");
      const refused = async (device: string, stack: string) =>
        expectProblem(await move(admin, id, device, stack), 422, "PREFLIGHT_FAILED").errors?.map((e) => e.code);
      expect(await refused("vmk0", "vmotion")).toEqual(["move.management"]);
      expect(await refused("vmk1", "vSphereProvisioning")).toEqual(["move.servicesStay"]);
      expect(await refused("vmk1", "defaultTcpipStack")).toEqual(["move.sameStack"]);
      expect(await refused("vmk1", "nope")).toEqual(["tcpipStack.unknown"]);
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("a refused add puts the adapter back on its stack with its services, and says so", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const id = host.ref.value;
      json(await admin.create(id, onVSwitch0("vMotion-B", "192.168.31.11", { services: ["vmotion"] }), newKey("vm")), 201);
      await control(api, "POST", "/sim/faults", { method: "AddVirtualNic", fault: "HostConfigFault", mode: "once" });
      const problem = expectProblem(await move(admin, id, "vmk1", "vmotion"), 422, "HOST_CONFIG_FAULT");
      expect(problem.steps?.map((s) => `${s.method} ${s.status}`)).toEqual(["RemoveVirtualNic undone", "AddVirtualNic failed"]);
      expect(problem.outcome?.at(-1)).toEqual({ code: "outcome.earlierUndone", params: { host: "esx-01.lab.local" } });
      const back = vnic(host, "vmk1");
      expect(back).toMatchObject({
        portgroup: "vMotion-B",
        spec: { netStackInstanceKey: "defaultTcpipStack", ip: { ipAddress: "192.168.31.11" } },
      });
      expect(host.selectedDevices("vmotion")).toEqual(["vmk1"]);
    });

    it("helpdesk edits and migrates one on Cluster-Dev and is refused on Cluster-Prod; nothing changes there", async () => {
      const api = getApi();
      const dev = simHost(api, "esx-05");
      json(await admin.create(dev.ref.value, onVSwitch0("Dev", "192.168.83.15"), newKey("dev")), 201);
      json<EditedAdapter>(await patch(helpdesk, dev.ref.value, "vmk1", staticEdit("192.168.83.25")));
      expect(vnic(dev, "vmk1").spec.ip?.ipAddress).toBe("192.168.83.25");
      // The help desk may not assign DPG-Storage (Network.Assign), as vCenter would refuse it; a standard port group it may.
      const storage = dvpgKey(api, "DPG-Storage");
      const noAssign = expectProblem(
        await migrate(helpdesk, dev.ref.value, "vmk1", { to: "distributed", portgroupKey: storage }),
        403,
        "NO_PERMISSION",
      );
      expect(noAssign.missingPrivilege).toEqual({
        privilege: "Network.Assign",
        entity: { type: "DistributedVirtualPortgroup", id: storage },
      });
      json(
        await admin.post(
          `${path(dev.ref.value, "vmk1")}/migration`,
          { to: "distributed", portgroupKey: storage },
          { "idempotency-key": newKey("adm") },
        ),
      );
      json<EditedAdapter>(
        await migrate(helpdesk, dev.ref.value, "vmk1", { to: "standard", vswitchName: "vSwitch0", networkLabel: "Dev-2", vlanId: 0 }),
      );
      expect(vnic(dev, "vmk1").portgroup).toBe("Dev-2");
      const prod = simHost(api, "esx-02");
      json(await admin.create(prod.ref.value, onVSwitch0("Prod", "192.168.83.12"), newKey("prod")), 201);
      const before = inventoryState(api);
      const refused = expectProblem(await patch(helpdesk, prod.ref.value, "vmk1", staticEdit("192.168.83.22")), 403, "NO_PERMISSION");
      const toDv = { to: "distributed", portgroupKey: dvpgKey(api, "DPG-Storage") };
      expectProblem(await migrate(helpdesk, prod.ref.value, "vmk1", toDv), 403, "NO_PERMISSION");
      expect(refused.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id: prod.ref.value } });
      expect(inventoryState(api)).toEqual(before);
    });
  });
}
