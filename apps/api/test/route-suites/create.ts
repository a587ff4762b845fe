/** POST .../vmkernel-adapters: each target type, idempotency, concurrency, lost services, refusals and bad input. */
import type { AuditPage, CreatedAdapter, HostNetworking, Preflight, Problem, VmkernelAdapterModel } from "@addnet/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { hostId } from "../helpers.ts";
import {
  ADMIN,
  asSimAdmin,
  dvpgKey,
  expectProblem,
  hostState,
  inventoryState,
  json,
  networking,
  newKey,
  onDvpg,
  onVSwitch0,
  resetSimulator,
  signedIn,
  simHost,
  simHosts,
  vmotionSwitch,
  type Client,
  type GetApi,
} from "./support.ts";

const DVS_UUID = "50 2a 6b 1c 9d 4e 7f 80-91 a2 b3 c4 d5 e6 f7 08";

export function createSuite(getApi: GetApi): void {
  describe("create", () => {
    let admin: Client;
    beforeAll(async () => {
      admin = await signedIn(getApi(), ADMIN);
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    /** The adapter as the API reads the host back afterwards. */
    const readBack = async (hostId: string, device: string) =>
      (await networking(admin, hostId)).vmkernelAdapters.find((v) => v.device === device);

    describe("each target type", () => {
      it("new standard switch with active, standby and unused uplinks, on the vMotion stack", async () => {
        const api = getApi();
        const host = simHost(api, "esx-01");
        // A fifth physical adapter, so that each of the three groups gets one of the free ones.
        host.net.pnic.push({
          ...structuredClone(host.net.pnic[3]!),
          key: "key-vim.host.PhysicalNic-vmnic4",
          device: "vmnic4",
          mac: "00:0c:29:00:01:04",
        });
        const model = vmotionSwitch("192.168.30.11", { active: ["vmnic2"], standby: ["vmnic3"], unused: ["vmnic4"] });
        const res = await admin.create(host.ref.value, model, newKey("new-switch"));
        const created = json<CreatedAdapter>(res, 201);

        expect(created.adapter).toMatchObject({
          device: "vmk1",
          networkLabel: "vMotion",
          switchName: "vSwitch1",
          portgroup: "vMotion",
          distributedPort: null,
          mtu: 9000,
          ipv4: { dhcp: false, address: "192.168.30.11", subnetMask: "255.255.255.0" },
          tcpipStack: "vmotion",
          gatewayOverride: null,
          services: ["vmotion"],
        });
        expect(created.steps.map((s) => [s.method, s.status])).toEqual([
          ["AddVirtualSwitch", "done"],
          ["AddPortGroup", "done"],
          ["AddVirtualNic", "done"],
        ]);
        expect(created.lostServices).toEqual([]);
        expect(created.tcpipStack).toEqual({ key: "vmotion", active: true, hasDefaultGateway: false });

        // The host, in process.
        const vswitch = host.net.vswitch.find((v) => v.name === "vSwitch1")!;
        expect(vswitch.mtu).toBe(9000);
        expect(vswitch.spec.bridge?.nicDevice).toEqual(["vmnic2", "vmnic3", "vmnic4"]);
        expect(vswitch.pnic).toEqual([
          "key-vim.host.PhysicalNic-vmnic2",
          "key-vim.host.PhysicalNic-vmnic3",
          "key-vim.host.PhysicalNic-vmnic4",
        ]);
        expect(vswitch.spec.policy?.nicTeaming?.nicOrder).toEqual({ activeNic: ["vmnic2"], standbyNic: ["vmnic3"] });
        const pg = host.net.portgroup.find((p) => p.spec.name === "vMotion")!;
        expect(pg.spec).toMatchObject({ vlanId: 30, vswitchName: "vSwitch1" });
        const vnic = host.net.vnic.find((v) => v.device === "vmk1")!;
        expect(vnic.portgroup).toBe("vMotion");
        expect(vnic.spec).toMatchObject({
          mtu: 9000,
          netStackInstanceKey: "vmotion",
          ip: { dhcp: false, ipAddress: "192.168.30.11", subnetMask: "255.255.255.0" },
        });
        expect(host.selectedDevices("vmotion")).toEqual(["vmk1"]);
        expect(host.isStackActive("vmotion")).toBe(true);

        // And through the API's own read: what 201 returned is what the host has.
        const net = await networking(admin, host.ref.value);
        expect(net.vmkernelAdapters.find((v) => v.device === "vmk1")).toEqual(created.adapter);
        expect(net.vswitches.find((v) => v.name === "vSwitch1")).toEqual({
          name: "vSwitch1",
          mtu: 9000,
          uplinks: ["vmnic2", "vmnic3", "vmnic4"],
          activeNics: ["vmnic2"],
          standbyNics: ["vmnic3"],
          portgroups: ["vMotion"],
          // ESXi's defaults: a new switch rejects all three, and teams by originating port with notify and failback.
          security: { allowPromiscuous: false, macChanges: false, forgedTransmits: false },
          teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: true },
        });
        expect(net.physicalNics.filter((p) => p.usedBy?.name === "vSwitch1").map((p) => p.device)).toEqual(["vmnic2", "vmnic3", "vmnic4"]);
        expect(net.tcpipStacks.find((s) => s.key === "vmotion")).toMatchObject({ active: true, vmkernelAdapters: ["vmk1"] });
      });

      it("existing standard switch with DHCP on the Provisioning stack", async () => {
        const api = getApi();
        const host = simHost(api, "esx-02");
        const model: VmkernelAdapterModel = {
          ...onVSwitch0("Provisioning", "x", { vlanId: 40, tcpipStack: "vSphereProvisioning", services: ["vSphereProvisioning"] }),
          ipv4Settings: { mode: "dhcp" },
        };
        const created = json<CreatedAdapter>(await admin.create(host.ref.value, model, newKey("provisioning")), 201);
        expect(created.steps.map((s) => s.method)).toEqual(["AddPortGroup", "AddVirtualNic"]);
        expect(created.adapter).toMatchObject({
          device: "vmk1",
          networkLabel: "Provisioning",
          switchName: "vSwitch0",
          mtu: 1500,
          ipv4: { dhcp: true, address: null, subnetMask: null },
          // IPv4 only on an IPv6 host: no IPv6 at all, not the host's router-advertisement default.
          ipv6: { dhcpV6: false, routerAdvertisement: false, addresses: [] },
          tcpipStack: "vSphereProvisioning",
          services: ["vSphereProvisioning"],
        });
        expect(created.tcpipStack).toEqual({ key: "vSphereProvisioning", active: true, hasDefaultGateway: false });

        expect(host.net.vswitch.map((v) => v.name)).toEqual(["vSwitch0"]);
        expect(host.net.portgroup.find((p) => p.spec.name === "Provisioning")!.spec).toMatchObject({ vlanId: 40, vswitchName: "vSwitch0" });
        const vnic = host.net.vnic.find((v) => v.device === "vmk1")!;
        expect(vnic.spec.ip).toMatchObject({ dhcp: true });
        expect(vnic.spec.ip?.ipAddress).toBeUndefined();
        expect(vnic.spec.netStackInstanceKey).toBe("vSphereProvisioning");
        expect(host.selectedDevices("vSphereProvisioning")).toEqual(["vmk1"]);
        expect(await readBack(host.ref.value, "vmk1")).toEqual(created.adapter);
      });

      it("distributed port group with IPv4+IPv6, override gateways and default-stack services incl. vSAN through UpdateVsan_Task", async () => {
        const api = getApi();
        const host = simHost(api, "esx-08");
        const key = dvpgKey(api, "DPG-Storage");
        const model: VmkernelAdapterModel = {
          connectionType: "vmkernel",
          targetDevice: { kind: "existingNetwork", portgroupKey: key },
          portProperties: {
            ipSettings: "ipv4ipv6",
            mtu: { mode: "fromSwitch" },
            tcpipStack: "defaultTcpipStack",
            services: ["vmotion", "vsan", "vSphereReplication"],
          },
          ipv4Settings: {
            mode: "static",
            address: "192.168.50.18",
            subnetMask: "255.255.255.0",
            overrideGateway: true,
            defaultGateway: "192.168.50.1",
          },
          ipv6Settings: {
            dhcpV6: false,
            routerAdvertisement: false,
            staticAddresses: [{ address: "2001:db8:50::18", prefixLength: 64 }],
            overrideGateway: true,
            defaultGateway: "2001:db8:50::1",
          },
        };
        const created = json<CreatedAdapter>(await admin.create(host.ref.value, model, newKey("dvpg")), 201);
        expect(created.steps.map((s) => `${s.method} ${s.object.split(":")[0]} ${s.status}`)).toEqual([
          "AddVirtualNic HostNetworkSystem done",
          "SelectVnicForNicType HostVirtualNicManager done",
          "UpdateVsan_Task HostVsanSystem done",
          "SelectVnicForNicType HostVirtualNicManager done",
        ]);
        expect(created.adapter).toMatchObject({
          device: "vmk1",
          networkLabel: "DPG-Storage",
          switchName: "DSwitch-Lab",
          portgroup: null,
          distributedPort: { switchUuid: DVS_UUID, portgroupKey: key, portKey: expect.any(String) },
          mtu: 9000,
          ipv4: { dhcp: false, address: "192.168.50.18", subnetMask: "255.255.255.0" },
          ipv6: {
            dhcpV6: false,
            routerAdvertisement: false,
            addresses: [{ address: "2001:db8:50::18", prefixLength: 64, origin: "manual" }],
          },
          tcpipStack: "defaultTcpipStack",
          gatewayOverride: { defaultGateway: "192.168.50.1", ipV6DefaultGateway: "2001:db8:50::1" },
        });
        expect([...created.adapter.services].sort()).toEqual(["vSphereReplication", "vmotion", "vsan"]);

        const vnic = host.net.vnic.find((v) => v.device === "vmk1")!;
        expect(vnic.portgroup).toBe("");
        expect(vnic.spec.distributedVirtualPort).toMatchObject({ switchUuid: DVS_UUID, portgroupKey: key });
        expect(vnic.spec.ip?.ipV6Config?.ipV6Address).toEqual([
          expect.objectContaining({ ipAddress: "2001:db8:50::18", prefixLength: 64, origin: "manual" }),
        ]);
        expect(vnic.spec.ipRouteSpec?.ipRouteConfig).toMatchObject({
          defaultGateway: "192.168.50.1",
          ipV6DefaultGateway: "2001:db8:50::1",
        });
        expect([...host.vsanPorts]).toEqual([["vmk1", ["vsan"]]]);
        expect(host.selectedDevices("vsan")).toEqual(["vmk1"]);
        expect(host.selectedDevices("vmotion")).toEqual(["vmk1"]);
        expect(host.selectedDevices("vSphereReplication")).toEqual(["vmk1"]);
        expect(host.net.portgroup.map((p) => p.spec.name)).toEqual(["Management Network", "VM Network"]);
        expect(await readBack(host.ref.value, "vmk1")).toEqual(created.adapter);
      });

      it("vSAN Witness, as the host offers it: UpdateVsan_Task tags the new adapter for witness traffic and keeps the vSAN port", async () => {
        const api = getApi();
        const host = simHost(api, "esx-01");
        const networking = json<HostNetworking>(await admin.get(`/api/v1/hosts/${host.ref.value}/networking`), 200);
        expect(networking.services.map((s) => s.nicType)).toContain("vsanWitness");
        json<CreatedAdapter>(
          await admin.create(host.ref.value, onVSwitch0("vSAN", "192.168.50.11", { services: ["vsan"] }), newKey("vsan")),
          201,
        );
        const created = json<CreatedAdapter>(
          await admin.create(host.ref.value, onVSwitch0("Witness", "192.168.52.11", { services: ["vsanWitness"] }), newKey("witness")),
          201,
        );
        expect(created.steps.at(-1)).toMatchObject({
          method: "UpdateVsan_Task",
          code: "step.enableVsan",
          params: { service: "vsanWitness" },
          summary: "Enable vSAN Witness on the new adapter (HostVsanSystem)",
          status: "done",
        });
        expect(created.adapter).toMatchObject({ device: "vmk2", services: ["vsanWitness"] });
        expect([...host.vsanPorts]).toEqual([
          ["vmk1", ["vsan"]],
          ["vmk2", ["witness"]],
        ]);
        expect(host.selectedDevices("vsan")).toEqual(["vmk1"]);
        expect(host.selectedDevices("vsanWitness")).toEqual(["vmk2"]);
        expect(await readBack(host.ref.value, "vmk2")).toEqual(created.adapter);
        expect((await readBack(host.ref.value, "vmk1"))?.services).toEqual(["vsan"]);
      });
    });

    describe("Idempotency-Key", () => {
      it("is required: 400 naming it, nothing created", async () => {
        const api = getApi();
        const id = hostId(api, "esx-01.lab.local");
        const before = hostState(api, "esx-01");
        const res = await admin.post(`/api/v1/hosts/${id}/vmkernel-adapters`, onVSwitch0("NoKey", "192.168.70.20"));
        expectProblem(res, 400, "VALIDATION_FAILED", ["headers.idempotency-key"]);
        for (const key of ["short", "has spaces in it", "x".repeat(129), "ключ-ключ-ключ"]) {
          expectProblem(await admin.create(id, onVSwitch0("NoKey", "192.168.70.20"), key), 400, "VALIDATION_FAILED", [
            "headers.idempotency-key",
          ]);
        }
        expect(hostState(api, "esx-01")).toEqual(before);
      });

      it("replays the first result (Idempotent-Replayed) and never creates twice", async () => {
        const api = getApi();
        const host = simHost(api, "esx-01");
        const key = newKey("replay");
        const model = onVSwitch0("Replay", "192.168.70.21");
        const first = await admin.create(host.ref.value, model, key);
        expect(first.statusCode, first.body).toBe(201);
        expect(first.headers["idempotent-replayed"]).toBeUndefined();
        const after = hostState(api, "esx-01");
        for (let i = 0; i < 3; i++) {
          const again = await admin.create(host.ref.value, model, key);
          expect(again.statusCode).toBe(201);
          expect(again.headers["idempotent-replayed"]).toBe("true");
          expect(again.json()).toEqual(first.json());
        }
        expect(hostState(api, "esx-01")).toEqual(after);
        expect(host.net.vnic.map((v) => v.device)).toEqual(["vmk0", "vmk1"]);
        // A refusal is replayed too, and still changes nothing.
        const refusedKey = newKey("replay-refused");
        const refused = await admin.create(host.ref.value, onVSwitch0("Management Network", "192.168.70.22"), refusedKey);
        expectProblem(refused, 422, "PREFLIGHT_FAILED", ["portProperties.networkLabel"]);
        const replayed = await admin.create(host.ref.value, onVSwitch0("Management Network", "192.168.70.22"), refusedKey);
        expect(replayed.statusCode).toBe(422);
        expect(replayed.headers["idempotent-replayed"]).toBe("true");
        expect(replayed.json()).toEqual(refused.json());
        expect(hostState(api, "esx-01")).toEqual(after);
      });

      it("refuses the same key with another body (422) and another host (422), creating nothing more", async () => {
        const api = getApi();
        const id = hostId(api, "esx-01.lab.local");
        const key = newKey("reuse");
        json(await admin.create(id, onVSwitch0("Reuse", "192.168.70.23"), key), 201);
        const after = inventoryState(api);
        expectProblem(await admin.create(id, onVSwitch0("Reuse-2", "192.168.70.24"), key), 422, "IDEMPOTENCY_KEY_REUSED");
        expectProblem(
          await admin.create(hostId(api, "esx-02.lab.local"), onVSwitch0("Reuse", "192.168.70.23"), key),
          422,
          "IDEMPOTENCY_KEY_REUSED",
        );
        expect(inventoryState(api)).toEqual(after);
      });

      it("is not used up by a request refused as bad input", async () => {
        const api = getApi();
        const id = hostId(api, "esx-01.lab.local");
        const key = newKey("bad-first");
        expectProblem(await admin.create(id, onVSwitch0("Bad", "192.168.70.25", { vlanId: 4095 }), key), 400, "VALIDATION_FAILED", [
          "portProperties.vlanId",
        ]);
        json(await admin.create(id, onVSwitch0("Bad", "192.168.70.25"), key), 201);
      });

      it("runs two simultaneous requests with one key once", async () => {
        const api = getApi();
        const host = simHost(api, "esx-01");
        const key = newKey("twins");
        // A distributed port group: nothing (like a taken label) would stop a second creation.
        const model = onDvpg(dvpgKey(api, "DPG-Storage"), "192.168.50.26");
        const answers = await Promise.all([admin.create(host.ref.value, model, key), admin.create(host.ref.value, model, key)]);
        const statuses = answers.map((r) => r.statusCode).sort();
        expect(answers.filter((r) => r.statusCode === 201 && !r.headers["idempotent-replayed"])).toHaveLength(1);
        expect([
          [201, 201],
          [201, 409],
        ]).toContainEqual(statuses);
        const other = answers.find((r) => r.statusCode === 409);
        if (other) expectProblem(other, 409, "IN_PROGRESS");
        expect(host.net.vnic.map((v) => v.device)).toEqual(["vmk0", "vmk1"]);
        const replay = await admin.create(host.ref.value, model, key);
        expect(replay.headers["idempotent-replayed"]).toBe("true");
        expect(host.net.vnic).toHaveLength(2);
      });
    });

    it("runs 5 concurrent creates on one host to distinct adapters, the host consistent afterwards", async () => {
      const api = getApi();
      const host = simHost(api, "esx-05");
      const answers = await Promise.all(
        [0, 1, 2, 3, 4].map((i) =>
          admin.create(host.ref.value, onVSwitch0(`Parallel-${i}`, `192.168.90.${11 + i}`), newKey(`parallel-${i}`)),
        ),
      );
      for (const res of answers) expect(res.statusCode, res.body).toBe(201);
      const created = answers.map((r) => r.json<CreatedAdapter>().adapter);
      expect(new Set(created.map((a) => a.device)).size).toBe(5);
      expect(created.map((a) => a.networkLabel)).toEqual([0, 1, 2, 3, 4].map((i) => `Parallel-${i}`));
      // Every port group holds exactly its own adapter, with the address asked for.
      for (const [i, adapter] of created.entries()) {
        const vnic = host.net.vnic.find((v) => v.device === adapter.device)!;
        expect(vnic.portgroup).toBe(`Parallel-${i}`);
        expect(vnic.spec.ip?.ipAddress).toBe(`192.168.90.${11 + i}`);
        expect(host.net.portgroup.find((p) => p.spec.name === `Parallel-${i}`)!.port!.filter((p) => p.type === "host")).toHaveLength(1);
      }
      expect(host.net.vnic).toHaveLength(6);
      const net = await networking(admin, host.ref.value);
      expect(net.vmkernelAdapters.map((v) => v.device).sort()).toEqual(["vmk0", "vmk1", "vmk2", "vmk3", "vmk4", "vmk5"]);
      expect(net.portgroups.filter((p) => p.name.startsWith("Parallel-")).every((p) => p.vmkernelAdapter !== null)).toBe(true);
    });

    it("concurrent creates that collide: one wins, the other is refused cleanly", async () => {
      const api = getApi();
      const host = simHost(api, "esx-06");
      const answers = await Promise.all(
        [0, 1].map((i) => admin.create(host.ref.value, onVSwitch0("Same-Label", `192.168.91.${11 + i}`), newKey(`collide-${i}`))),
      );
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 422]);
      expectProblem(
        answers.find((r) => r.statusCode === 422)!,
        422,
        "PREFLIGHT_FAILED",
        ["portProperties.networkLabel"],
      );
      expect(host.net.vnic).toHaveLength(2);
      expect(host.net.portgroup.filter((p) => p.spec.name === "Same-Label")).toHaveLength(1);
    });

    it("reports lostServices when a vMotion-stack adapter takes vMotion from vmk0", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      host.virtualNicManager.SelectVnicForNicType({ nicType: "vmotion", device: "vmk0" }, asSimAdmin(api));
      expect(host.selectedDevices("vmotion")).toEqual(["vmk0"]);
      const created = json<CreatedAdapter>(await admin.create(host.ref.value, vmotionSwitch("192.168.30.11"), newKey("lost")), 201);
      expect(created.lostServices).toEqual([{ device: "vmk0", nicType: "vmotion" }]);
      expect(host.selectedDevices("vmotion")).toEqual(["vmk1"]);
      const net = await networking(admin, host.ref.value);
      expect(net.vmkernelAdapters.find((v) => v.device === "vmk0")!.services).toEqual(["management"]);
      // A second vMotion-stack adapter takes nothing more away.
      const second = vmotionSwitch("192.168.30.12", { active: ["vmnic3"], standby: [], unused: [] });
      second.portProperties.networkLabel = "vMotion-2";
      expect(json<CreatedAdapter>(await admin.create(host.ref.value, second, newKey("lost-2")), 201).lostServices).toEqual([]);
    });

    it("refuses adapters on loopback, multicast and link-local addresses, and static IPv6 ::1, ::, ff02::1, fe80::1: nothing changed", async () => {
      const api = getApi();
      const id = hostId(api, "esx-01.lab.local");
      const before = inventoryState(api);
      for (const address of ["127.0.0.1", "224.0.0.5", "169.254.10.10"]) {
        const problem = expectProblem(await admin.create(id, vmotionSwitch(address), newKey("reserved")), 400, "VALIDATION_FAILED", [
          "ipv4Settings.address",
        ]);
        expect(problem.errors![0]!.code, address).toBe("ipv4.notAssignable");
      }
      for (const address of ["::1", "::", "ff02::1", "fe80::1"]) {
        const model: VmkernelAdapterModel = {
          ...vmotionSwitch("192.168.30.11"),
          portProperties: { ...vmotionSwitch("192.168.30.11").portProperties, ipSettings: "ipv6" },
          ipv4Settings: undefined,
          ipv6Settings: {
            dhcpV6: false,
            routerAdvertisement: false,
            staticAddresses: [{ address, prefixLength: 64 }],
            overrideGateway: false,
          },
        };
        const problem = expectProblem(await admin.create(id, model, newKey("reserved6")), 400, "VALIDATION_FAILED", [
          "ipv6Settings.staticAddresses.0.address",
        ]);
        expect(problem.errors![0]!.code, address).toBe("ipv6.notAssignable");
      }
      expect(inventoryState(api)).toEqual(before);
    });

    it("refuses what preflight finds wrong: 422 with errors[] and nothing changed", async () => {
      const api = getApi();
      const id = hostId(api, "esx-01.lab.local");
      const before = inventoryState(api);
      const cases: [VmkernelAdapterModel, string][] = [
        [onVSwitch0("Dup", "10.60.0.19"), "ipv4Settings.address"],
        [onVSwitch0("VM Network", "192.168.70.30"), "portProperties.networkLabel"],
        [vmotionSwitch("192.168.30.11", { active: ["vmnic0"], standby: [], unused: [] }), "newSwitchUplinks.active"],
        [
          { ...onVSwitch0("X", "192.168.70.31"), targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch9" } },
          "targetDevice.vswitchName",
        ],
        [onDvpg("dvportgroup-404", "192.168.50.31"), "targetDevice.portgroupKey"],
        [onVSwitch0("X", "192.168.70.32", { tcpipStack: "NFS" }), "portProperties.tcpipStack"],
      ];
      for (const [model, path] of cases) {
        const pre = json<Preflight>(await admin.preflight(id, model));
        const res = await admin.create(id, model, newKey("refused"));
        const problem = expectProblem(res, 422, "PREFLIGHT_FAILED", [path]);
        // The same errors the preflight showed.
        expect(problem.errors).toEqual(pre.errors);
        expect(problem.detail).toContain(path);
      }
      // IPv6 on esx-03.
      const v6: VmkernelAdapterModel = {
        ...onVSwitch0("V6", "192.168.70.33"),
        portProperties: { ...onVSwitch0("V6", "x").portProperties, ipSettings: "ipv6" },
        ipv4Settings: undefined,
        ipv6Settings: { dhcpV6: true, routerAdvertisement: false, staticAddresses: [], overrideGateway: false },
      };
      delete v6.ipv4Settings;
      expectProblem(await admin.create(hostId(api, "esx-03.lab.local"), v6, newKey("v6")), 422, "PREFLIGHT_FAILED", [
        "portProperties.ipSettings",
      ]);
      // vMotion on the default stack once the vMotion stack carries it.
      json(await admin.create(hostId(api, "esx-02.lab.local"), vmotionSwitch("192.168.30.13"), newKey("stack-taken")), 201);
      const afterOne = inventoryState(api);
      expectProblem(
        await admin.create(
          hostId(api, "esx-02.lab.local"),
          onVSwitch0("Default-vMotion", "192.168.70.34", { services: ["vmotion"] }),
          newKey("stack-taken-2"),
        ),
        422,
        "PREFLIGHT_FAILED",
        ["portProperties.services"],
      );
      expect(inventoryState(api)).toEqual(afterOne);
      // Only the one accepted create changed anything.
      const byHost = (states: ReturnType<typeof inventoryState>) =>
        new Map(states.map((s, i) => [simHosts(api)[i]!.name, JSON.stringify(s)]));
      const [was, now] = [byHost(before), byHost(afterOne)];
      expect([...now.keys()].filter((name) => now.get(name) !== was.get(name))).toEqual(["esx-02.lab.local"]);
    });

    it("answers bad input with 400 naming the field, and changes nothing", async () => {
      const api = getApi();
      const id = hostId(api, "esx-01.lab.local");
      const before = inventoryState(api);
      const base = onVSwitch0("Bad", "192.168.70.40");
      const cases: [string, unknown, string[]][] = [
        ["VLAN 4095 (trunk)", onVSwitch0("Bad", "192.168.70.40", { vlanId: 4095 }), ["portProperties.vlanId"]],
        ["VLAN -1", onVSwitch0("Bad", "192.168.70.40", { vlanId: -1 }), ["portProperties.vlanId"]],
        ["MTU 9001", onVSwitch0("Bad", "192.168.70.40", { mtu: { mode: "custom", value: 9001 } }), ["portProperties.mtu.value"]],
        [
          "switch MTU 9001",
          { ...vmotionSwitch("192.168.30.11"), targetDevice: { kind: "newStandardSwitch", mtu: 9001 } },
          ["targetDevice.mtu"],
        ],
        ["MTU 1279", onVSwitch0("Bad", "192.168.70.40", { mtu: { mode: "custom", value: 1279 } }), ["portProperties.mtu.value"]],
        [
          "services on the vMotion stack",
          onVSwitch0("Bad", "192.168.70.40", { tcpipStack: "vmotion", services: ["vmotion", "management"] }),
          ["portProperties.services"],
        ],
        [
          "services on a custom stack",
          onVSwitch0("Bad", "192.168.70.40", { tcpipStack: "NFS", services: ["management"] }),
          ["portProperties.services"],
        ],
        [
          "DHCP with a static address",
          { ...base, ipv4Settings: { mode: "dhcp", address: "192.168.70.40", subnetMask: "255.255.255.0" } },
          ["ipv4Settings.address", "ipv4Settings.subnetMask"],
        ],
        ["a label of 100 characters", onVSwitch0("L".repeat(100), "192.168.70.40"), ["portProperties.networkLabel"]],
        ["an unknown top-level field", { ...base, dryRun: true }, ["dryRun"]],
        ["an unknown nested field", { ...base, portProperties: { ...base.portProperties, colour: "blue" } }, ["portProperties.colour"]],
        [
          "an unknown field in the uplinks",
          {
            ...vmotionSwitch("192.168.30.11"),
            ipv6Settings: undefined,
            newSwitchUplinks: { active: ["vmnic2"], standby: [], unused: [], spare: ["vmnic3"] },
          },
          ["newSwitchUplinks.spare"],
        ],
        ["the broadcast address", onVSwitch0("Bad", "192.168.70.255"), ["ipv4Settings.address"]],
        [
          "a non-contiguous mask",
          { ...base, ipv4Settings: { mode: "static", address: "192.168.70.40", subnetMask: "255.0.255.0", overrideGateway: false } },
          ["ipv4Settings.subnetMask"],
        ],
        [
          "IPv6 settings without IPv6",
          { ...base, ipv6Settings: { dhcpV6: true, routerAdvertisement: false, staticAddresses: [], overrideGateway: false } },
          ["ipv6Settings"],
        ],
        ["no IPv4 settings", { ...base, ipv4Settings: undefined }, ["ipv4Settings"]],
        [
          "a distributed port group with a label",
          { ...onDvpg(dvpgKey(api, "DPG-Storage"), "192.168.50.40"), portProperties: { ...base.portProperties } },
          ["portProperties.networkLabel"],
        ],
        ["uplinks for an existing switch", { ...base, newSwitchUplinks: { active: [], standby: [], unused: [] } }, ["newSwitchUplinks"]],
        ["a connection type", { ...base, connectionType: "physical" }, ["connectionType"]],
        [
          "a service that does not exist",
          onVSwitch0("Bad", "192.168.70.40", { services: ["coffee" as never] }),
          ["portProperties.services.0"],
        ],
      ];
      for (const [what, payload, paths] of cases) {
        const res = await admin.create(id, payload, newKey("bad"));
        const problem: Problem = expectProblem(res, 400, "VALIDATION_FAILED", paths);
        expect(problem.detail, what).toContain(paths[0]!);
        // The same model is refused by preflight too.
        expectProblem(await admin.preflight(id, payload), 400, "VALIDATION_FAILED", paths);
      }
      expect(inventoryState(api)).toEqual(before);
    });

    it("answers an unknown or disconnected host before changing anything", async () => {
      const api = getApi();
      const before = inventoryState(api);
      expectProblem(await admin.create("host-99999", onVSwitch0("X", "192.168.70.50"), newKey("nohost")), 404, "HOST_NOT_FOUND");
      expectProblem(
        await admin.create(hostId(api, "esx-04.lab.local"), onVSwitch0("X", "192.168.70.50"), newKey("offline")),
        409,
        "HOST_NOT_CONNECTED",
      );
      expect(inventoryState(api)).toEqual(before);
      // The audit log says why in the catalogue's words, not only in English.
      const { entries } = json<AuditPage>(await admin.get("/api/v1/audit?limit=2"), 200);
      expect(entries.map((e) => [e.outcome, e.messages])).toEqual([
        ["failure", [{ code: "fault.HostNotConnected" }]],
        ["failure", [{ code: "host.notFound", params: { host: "host-99999" } }]],
      ]);
    });

    it("creates on a host in maintenance mode and reads the result back", async () => {
      const api = getApi();
      const id = hostId(api, "esx-07.lab.local");
      const created = json<CreatedAdapter>(await admin.create(id, onVSwitch0("Maint", "192.168.70.51"), newKey("maint")), 201);
      const net: HostNetworking = await networking(admin, id);
      expect(net.vmkernelAdapters.map((v) => v.device)).toContain(created.adapter.device);
    });
  });
}
