/** POST .../vmkernel-adapters/preflight: every error and warning with its field path, the planned calls, no change. */
import type { CreatedAdapter, Issue, Preflight, VmkernelAdapterModel } from "@addnet/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { hostId } from "../helpers.ts";
import {
  ADMIN,
  asSimAdmin,
  dvpgKey,
  expectProblem,
  HELPDESK,
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

const codes = (issues: Issue[]) => issues.map((i) => `${i.path}:${i.code}`);

export function preflightSuite(getApi: GetApi): void {
  describe("preflight", () => {
    let admin: Client;
    let id: string;
    beforeAll(async () => {
      admin = await signedIn(getApi(), ADMIN);
      id = hostId(getApi(), "esx-01.lab.local");
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    const check = async (model: unknown, host = id, c = admin) => json<Preflight>(await c.preflight(host, model));

    it("passes a sound model without errors, its notes as warnings", async () => {
      const result = await check(onVSwitch0("Clean", "10.10.0.160"));
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([expect.objectContaining({ code: "ipv4.sameSubnet" })]);
      const other = await check(onVSwitch0("Clean", "192.168.70.11"));
      expect(other.warnings.map((w) => w.code)).toEqual(["gateway.stackOutsideSubnet"]);
    });

    it("refuses a gateway outside the adapter's subnet in the schema (400 naming the field)", async () => {
      const api = getApi();
      const before = inventoryState(api);
      const model = onVSwitch0("Gw", "192.168.70.11");
      model.ipv4Settings = {
        mode: "static",
        address: "192.168.70.11",
        subnetMask: "255.255.255.0",
        overrideGateway: true,
        defaultGateway: "192.168.71.1",
      };
      const problem = expectProblem(await admin.preflight(id, model), 400, "VALIDATION_FAILED", ["ipv4Settings.defaultGateway"]);
      expect(problem.errors![0]!.code).toBe("gateway.outsideSubnet");
      expect(inventoryState(api)).toEqual(before);
    });

    it("errs on an IPv4 or IPv6 address another adapter anywhere in the inventory uses", async () => {
      const api = getApi();
      // esx-09's NFS adapter, on another host.
      const v4 = await check(onVSwitch0("Dup", "10.60.0.19"));
      expect(v4.errors).toEqual([
        {
          path: "ipv4Settings.address",
          code: "ipv4.inUse",
          message: "10.60.0.19 is already used by esx-09.lab.local vmk1.",
          params: { address: "10.60.0.19", owner: "esx-09.lab.local vmk1" },
        },
      ]);
      // A management address of another cluster.
      expect(codes((await check(onVSwitch0("Dup", "10.10.0.15"))).errors)).toEqual(["ipv4Settings.address:ipv4.inUse"]);
      // An IPv6 address given to an adapter on esx-02 (by any means: here, as if set outside addnet).
      const esx02 = simHost(api, "esx-02");
      (esx02 as unknown as { networkSystem: { AddVirtualNic(a: unknown, c: unknown): string } }).networkSystem.AddVirtualNic(
        {
          portgroup: "VM Network",
          nic: {
            ip: {
              dhcp: false,
              ipAddress: "192.168.80.12",
              subnetMask: "255.255.255.0",
              ipV6Config: { ipV6Address: [{ ipAddress: "2001:db8:80::12", prefixLength: 64, operation: "add" }] },
            },
          },
        },
        asSimAdmin(api),
      );
      const model: VmkernelAdapterModel = {
        ...onVSwitch0("Dup6", "192.168.80.11"),
        portProperties: { ...onVSwitch0("Dup6", "x").portProperties, ipSettings: "ipv4ipv6" },
        ipv6Settings: {
          dhcpV6: false,
          routerAdvertisement: false,
          staticAddresses: [{ address: "2001:DB8:80::12", prefixLength: 64 }],
          overrideGateway: false,
        },
      };
      const v6 = await check(model);
      expect(v6.errors).toEqual([
        {
          path: "ipv6Settings.staticAddresses.0.address",
          code: "ipv6.inUse",
          message: "2001:DB8:80::12 is already used by esx-02.lab.local vmk1.",
          params: { address: "2001:DB8:80::12", owner: "esx-02.lab.local vmk1" },
        },
      ]);
      // The same address written out in full, or with leading zeros, is the same address.
      for (const address of ["2001:db8:80:0:0:0:0:12", "2001:0db8:0080::0012", "2001:db8:80::0:12"]) {
        const variant = await check({
          ...model,
          ipv6Settings: { ...model.ipv6Settings!, staticAddresses: [{ address, prefixLength: 64 }] },
        });
        expect(codes(variant.errors), address).toEqual(["ipv6Settings.staticAddresses.0.address:ipv6.inUse"]);
      }
      const different = await check({
        ...model,
        ipv6Settings: { ...model.ipv6Settings!, staticAddresses: [{ address: "2001:db8:80::13", prefixLength: 64 }] },
      });
      expect(different.errors).toEqual([]);
    });

    it("keeps the inventory's addresses current: one that two adapters hold stays in use until both let it go", async () => {
      const api = getApi();
      type Ns = { AddVirtualNic(a: unknown, c: unknown): string; RemoveVirtualNic(a: unknown, c: unknown): void };
      const ns = (name: string) => (simHost(api, name) as unknown as { networkSystem: Ns }).networkSystem;
      // The same address on esx-02 and esx-03 (set outside addnet: vCenter does not refuse it).
      const add = (name: string) =>
        ns(name).AddVirtualNic(
          { portgroup: "VM Network", nic: { ip: { dhcp: false, ipAddress: "192.168.81.12", subnetMask: "255.255.255.0" } } },
          asSimAdmin(api),
        );
      const owners = { "esx-02": add("esx-02"), "esx-03": add("esx-03") };
      const inUse = async () => (await check(onVSwitch0("Twice", "192.168.81.12"))).errors.map((e) => e.params?.owner);
      expect(await inUse()).toEqual([expect.stringMatching(/^esx-0[23]\.lab\.local vmk\d+$/)]);
      ns("esx-02").RemoveVirtualNic({ device: owners["esx-02"] }, asSimAdmin(api));
      expect(await inUse()).toEqual([`esx-03.lab.local ${owners["esx-03"]}`]);
      ns("esx-03").RemoveVirtualNic({ device: owners["esx-03"] }, asSimAdmin(api));
      expect(await inUse()).toEqual([]);
    });

    it("warns about another adapter of the same stack in the same subnet, not one of another stack", async () => {
      const same = await check(onVSwitch0("Same", "10.10.0.161"));
      expect(same.errors).toEqual([]);
      expect(same.warnings).toContainEqual(
        expect.objectContaining({ path: "ipv4Settings.address", code: "ipv4.sameSubnet", message: expect.stringContaining("vmk0") }),
      );
      // On the Provisioning stack the management subnet holds no adapter of that stack.
      const other = await check(
        onVSwitch0("Other", "10.10.0.162", { tcpipStack: "vSphereProvisioning", services: ["vSphereProvisioning"] }),
      );
      expect(other.warnings.map((w) => w.code)).not.toContain("ipv4.sameSubnet");
    });

    it("errs on an MTU above the switch's: an existing standard switch's, a new one's, a distributed switch's", async () => {
      const above = await check(onVSwitch0("Jumbo", "192.168.70.12", { mtu: { mode: "custom", value: 9000 } }));
      expect(above.errors).toEqual([
        {
          path: "portProperties.mtu.value",
          code: "mtu.aboveSwitch",
          message: "The adapter's MTU 9000 cannot be larger than the switch's MTU 1500.",
          params: { mtu: 9000, switchMtu: 1500 },
        },
      ]);
      // Within the distributed switch's 9000: no error.
      const dvpg = await check({
        ...onDvpg(dvpgKey(getApi(), "DPG-Storage"), "192.168.50.11"),
        portProperties: { ...onDvpg("x", "x").portProperties, mtu: { mode: "custom", value: 9000 } },
      });
      expect(dvpg.errors).toEqual([]);
      const model = vmotionSwitch("192.168.30.11");
      model.targetDevice = { kind: "newStandardSwitch", mtu: 1500 };
      model.portProperties.mtu = { mode: "custom", value: 9000 };
      expect(codes((await check(model)).errors)).toEqual(["portProperties.mtu.value:mtu.aboveSwitch"]);
    });

    it("warns when the chosen stack has no default gateway on this host", async () => {
      const vmotion = await check(vmotionSwitch("192.168.30.11"));
      expect(vmotion.warnings).toContainEqual({
        path: "",
        code: "stack.noGateway",
        message:
          "The vMotion stack has no default gateway on esx-01.lab.local: set one on this host (TCP/IP configuration) once the adapter exists.",
        params: { stack: "vmotion", host: "esx-01.lab.local" },
      });
      // An override gateway for the adapter, or a stack that has one (esx-09's NFS), does not warn.
      const withOverride = vmotionSwitch("192.168.30.11");
      withOverride.ipv4Settings = {
        mode: "static",
        address: "192.168.30.11",
        subnetMask: "255.255.255.0",
        overrideGateway: true,
        defaultGateway: "192.168.30.1",
      };
      expect((await check(withOverride)).warnings.map((w) => w.code)).not.toContain("stack.noGateway");
      // On a distributed port group too, with no word of "only in the host's own wizard": addnet's wizard is the host's.
      const onDpg = onDvpg(dvpgKey(getApi(), "DPG-vMotion"), "192.168.30.13");
      onDpg.portProperties = { ...onDpg.portProperties, tcpipStack: "vmotion", services: ["vmotion"] };
      expect((await check(onDpg)).warnings.map((w) => w.code)).toEqual(["stack.noGateway"]);
      const nfs = await check(onVSwitch0("NFS2", "10.60.0.50", { tcpipStack: "NFS" }), hostId(getApi(), "esx-09.lab.local"));
      expect(nfs.warnings.map((w) => w.code)).not.toContain("stack.noGateway");
      expect(nfs.errors).toEqual([]);
    });

    it("warns which default-stack adapters lose vMotion or Provisioning to the new stack", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      host.virtualNicManager.SelectVnicForNicType({ nicType: "vmotion", device: "vmk0" }, asSimAdmin(api));
      host.virtualNicManager.SelectVnicForNicType({ nicType: "vSphereProvisioning", device: "vmk0" }, asSimAdmin(api));
      const vmotion = await check(vmotionSwitch("192.168.30.11"));
      expect(vmotion.warnings).toContainEqual({
        path: "portProperties.tcpipStack",
        code: "services.willLose",
        message: "vmk0 on the default TCP/IP stack will lose vMotion: only the vMotion stack carries it from now on.",
        params: { devices: "vmk0", service: "vmotion", stack: "vmotion" },
      });
      const provisioning = await check(
        onVSwitch0("Prov", "192.168.40.11", { tcpipStack: "vSphereProvisioning", services: ["vSphereProvisioning"] }),
      );
      expect(provisioning.warnings).toContainEqual(
        expect.objectContaining({
          path: "portProperties.tcpipStack",
          code: "services.willLose",
          message: "vmk0 on the default TCP/IP stack will lose Provisioning: only the Provisioning stack carries it from now on.",
        }),
      );
      // Nothing to lose on a host where vmk0 has neither.
      expect((await check(vmotionSwitch("192.168.30.12"), hostId(api, "esx-02.lab.local"))).warnings.map((w) => w.code)).not.toContain(
        "services.willLose",
      );
      // And the selections are untouched by the check.
      expect(host.selectedDevices("vmotion")).toEqual(["vmk0"]);
    });

    it("errs on a missing privilege: helpdesk on esx-02 (Host.Config.Network), a port group (Network.Assign), vSAN (Host.Config.Storage)", async () => {
      const api = getApi();
      const helpdesk = await signedIn(api, HELPDESK);
      const prod = await check(onVSwitch0("HD", "192.168.70.13"), hostId(api, "esx-02.lab.local"), helpdesk);
      expect(prod.errors).toEqual([
        {
          path: "",
          code: "privilege.missing",
          message: "Missing privilege Host.Config.Network on esx-02.lab.local",
          params: { privilege: "Host.Config.Network", entity: "esx-02.lab.local" },
        },
      ]);
      const esx05 = hostId(api, "esx-05.lab.local");
      expect((await check(onVSwitch0("HD", "192.168.70.13"), esx05, helpdesk)).errors).toEqual([]);
      const dvpg = await check(onDvpg(dvpgKey(api, "DPG-Storage"), "192.168.50.13"), esx05, helpdesk);
      expect(dvpg.errors).toEqual([
        {
          path: "targetDevice.portgroupKey",
          code: "privilege.missing",
          message: "Missing privilege Network.Assign on DPG-Storage",
          params: { privilege: "Network.Assign", entity: "DPG-Storage" },
        },
      ]);
      const vsan = await check(onVSwitch0("HD", "192.168.70.13", { services: ["vsan"] }), esx05, helpdesk);
      expect(vsan.errors).toEqual([
        {
          path: "portProperties.services",
          code: "privilege.missing",
          message: "Missing privilege Host.Config.Storage on esx-05.lab.local",
          params: { privilege: "Host.Config.Storage", entity: "esx-05.lab.local" },
        },
      ]);
    });

    it("errs on IPv6 on a host without IPv6 (esx-03)", async () => {
      const model: VmkernelAdapterModel = {
        ...onVSwitch0("V6", "192.168.70.14"),
        portProperties: { ...onVSwitch0("V6", "x").portProperties, ipSettings: "ipv4ipv6" },
        ipv6Settings: { dhcpV6: false, routerAdvertisement: true, staticAddresses: [], overrideGateway: false },
      };
      const result = await check(model, hostId(getApi(), "esx-03.lab.local"));
      expect(result.errors).toEqual([
        {
          path: "portProperties.ipSettings",
          code: "ipv6.hostDisabled",
          message: "IPv6 is not enabled on esx-03.lab.local.",
          params: { host: "esx-03.lab.local" },
        },
      ]);
      expect((await check(model)).errors).toEqual([]);
    });

    it("errs on a port group name the host already has", async () => {
      for (const label of ["Management Network", "VM Network"]) {
        const result = await check(onVSwitch0(label, "192.168.70.15"));
        expect(result.errors).toEqual([
          {
            path: "portProperties.networkLabel",
            code: "networkLabel.inUse",
            message: `esx-01.lab.local already has a port group named "${label}".`,
            params: { host: "esx-01.lab.local", label },
          },
        ]);
      }
    });

    it("errs on an uplink that is not free, and warns when no uplink is free at all", async () => {
      const used = await check(vmotionSwitch("192.168.30.11", { active: ["vmnic0"], standby: ["vmnic1"], unused: ["vmnic7"] }));
      expect(used.errors).toEqual([
        {
          path: "newSwitchUplinks.active",
          code: "uplinks.inUse",
          message: "vmnic0 is already used by vSwitch0.",
          params: { device: "vmnic0", owner: "vSwitch0" },
        },
        {
          path: "newSwitchUplinks.standby",
          code: "uplinks.inUse",
          message: "vmnic1 is already used by DSwitch-Lab.",
          params: { device: "vmnic1", owner: "DSwitch-Lab" },
        },
        {
          path: "newSwitchUplinks.unused",
          code: "uplinks.unknown",
          message: "esx-01.lab.local has no physical adapter vmnic7.",
          params: { host: "esx-01.lab.local", device: "vmnic7" },
        },
      ]);
      // No uplink chosen while some are free: a warning, not an error.
      const none = await check(vmotionSwitch("192.168.30.11", { active: [], standby: [], unused: [] }));
      expect(none.errors).toEqual([]);
      expect(none.warnings).toContainEqual(expect.objectContaining({ path: "newSwitchUplinks.active", code: "uplinks.none" }));
      // Take the last free adapters, then ask again.
      json<CreatedAdapter>(
        await admin.create(id, vmotionSwitch("192.168.30.11", { active: ["vmnic2"], standby: ["vmnic3"], unused: [] }), newKey("uplinks")),
        201,
      );
      const noneFree = await check({
        ...vmotionSwitch("192.168.31.11", { active: [], standby: [], unused: [] }),
        portProperties: { ...vmotionSwitch("x").portProperties, networkLabel: "vMotion-2" },
      });
      expect(noneFree.warnings).toContainEqual({
        path: "newSwitchUplinks.active",
        code: "uplinks.noneFree",
        message: "esx-01.lab.local has no free physical adapter: the new switch will have no connectivity.",
        params: { host: "esx-01.lab.local" },
      });
      const taken = await check({
        ...vmotionSwitch("192.168.31.11", { active: ["vmnic2"], standby: [], unused: ["vmnic3"] }),
        portProperties: { ...vmotionSwitch("x").portProperties, networkLabel: "vMotion-2" },
      });
      expect(codes(taken.errors)).toEqual(["newSwitchUplinks.active:uplinks.inUse", "newSwitchUplinks.unused:uplinks.inUse"]);
    });

    it("lists the ordered vim25 calls for each target type", async () => {
      const api = getApi();
      const host = simHost(api, "esx-01");
      const ns = `HostNetworkSystem:${host.networkSystem.ref.value}`;
      const vnm = `HostVirtualNicManager:${host.virtualNicManager.ref.value}`;
      const vsan = `HostVsanSystem:${host.vsanSystem.ref.value}`;
      const calls = async (model: unknown) => (await check(model)).calls.map((c) => `${c.method} ${c.object}`);

      // New standard switch on the vMotion stack: the stack carries vMotion, no selection call.
      const newSwitch = await check(vmotionSwitch("192.168.30.11", { active: ["vmnic2"], standby: ["vmnic3"], unused: [] }));
      expect(newSwitch.calls.map(({ method, object, summary }) => ({ method, object, summary }))).toEqual([
        { method: "AddVirtualSwitch", object: ns, summary: "Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2, vmnic3)" },
        { method: "AddPortGroup", object: ns, summary: 'Add port group "vMotion" (VLAN 30) to vSwitch1' },
        { method: "AddVirtualNic", object: ns, summary: 'Add a VMkernel adapter on "vMotion", vMotion TCP/IP stack, MTU 9000' },
      ]);
      // Existing standard switch, default stack with services in the order chosen; vSAN through HostVsanSystem.
      expect(
        await calls(onVSwitch0("Svc", "192.168.70.16", { services: ["faultToleranceLogging", "vsan", "vSphereReplication"] })),
      ).toEqual([
        `AddPortGroup ${ns}`,
        `AddVirtualNic ${ns}`,
        `SelectVnicForNicType ${vnm}`,
        `UpdateVsan_Task ${vsan}`,
        `SelectVnicForNicType ${vnm}`,
      ]);
      // Distributed port group: no port group to add.
      const dvpg = await check(onDvpg(dvpgKey(api, "DPG-vMotion"), "192.168.30.12", ["vmotion"]));
      expect(dvpg.calls).toEqual([
        {
          method: "AddVirtualNic",
          object: ns,
          code: "step.addVirtualNic.distributed",
          params: { portgroup: "DPG-vMotion", stack: "defaultTcpipStack", mtu: 9000 },
          summary: "Add a VMkernel adapter on distributed port group DPG-vMotion, Default TCP/IP stack, MTU 9000",
        },
        {
          method: "SelectVnicForNicType",
          object: vnm,
          code: "step.selectVnic",
          params: { service: "vmotion" },
          summary: "Enable vMotion on the new adapter",
        },
      ]);
      // Provisioning stack with DHCP: its own service is implied.
      const provisioning: VmkernelAdapterModel = {
        ...onVSwitch0("Prov", "x", { tcpipStack: "vSphereProvisioning", services: ["vSphereProvisioning"] }),
        ipv4Settings: { mode: "dhcp" },
      };
      expect(await calls(provisioning)).toEqual([`AddPortGroup ${ns}`, `AddVirtualNic ${ns}`]);
    });

    it("changes nothing, on any host", async () => {
      const api = getApi();
      const before = inventoryState(api);
      const helpdesk = await signedIn(api, HELPDESK);
      await check(vmotionSwitch("192.168.30.11", { active: ["vmnic2"], standby: ["vmnic3"], unused: [] }));
      await check(onVSwitch0("Svc", "192.168.70.16", { services: ["vmotion", "vsan", "vSphereReplication"] }));
      await check(onDvpg(dvpgKey(api, "DPG-Storage"), "192.168.50.14", ["vsan"]));
      await check(onVSwitch0("Management Network", "10.60.0.19"));
      await check(onVSwitch0("HD", "192.168.70.13"), hostId(api, "esx-02.lab.local"), helpdesk);
      expect(inventoryState(api)).toEqual(before);
    });

    it("answers an unknown host, a disconnected host and a missing session like the other endpoints", async () => {
      const api = getApi();
      expectProblem(await admin.preflight("host-99999", onVSwitch0("X", "192.168.70.17")), 404, "HOST_NOT_FOUND");
      expectProblem(await admin.preflight(hostId(api, "esx-04.lab.local"), onVSwitch0("X", "192.168.70.17")), 409, "HOST_NOT_CONNECTED");
      expectProblem(
        await api.app.inject({
          method: "POST",
          url: `/api/v1/hosts/${id}/vmkernel-adapters/preflight`,
          payload: onVSwitch0("X", "192.168.70.17"),
        }),
        401,
        "NOT_SIGNED_IN",
      );
    });
  });
}
