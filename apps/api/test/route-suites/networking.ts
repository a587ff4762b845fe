/** GET /api/v1/hosts/{hostId}/networking: every field, custom stacks, port groups, services and privileges. */
import type { HostNetworking } from "@addnet/contracts";
import { beforeAll, describe, expect, it } from "vitest";

import { hostId } from "../helpers.ts";
import {
  ADMIN,
  expectProblem,
  HELPDESK,
  networking,
  READONLY,
  resetSimulator,
  signedIn,
  simHost,
  type Client,
  type GetApi,
} from "./support.ts";

const DVS_UUID = "50 2a 6b 1c 9d 4e 7f 80-91 a2 b3 c4 d5 e6 f7 08";

export function networkingSuite(getApi: GetApi): void {
  describe("networking", () => {
    let admin: Client;
    beforeAll(async () => {
      await resetSimulator(getApi());
      admin = await signedIn(getApi(), ADMIN);
    });

    /** The fields every system stack of an untouched host shares. */
    const idleStack = (key: string) => ({
      key,
      name: key,
      active: false,
      defaultGateway: null,
      ipV6DefaultGateway: null,
      dns: { dhcp: false, vmkernelAdapter: null, hostName: "localhost", domainName: "", servers: [], searchDomains: [] },
      congestionControlAlgorithm: "newreno",
      maxNumberOfConnections: 11000,
      runtimeMaxNumberOfConnections: 11000,
      vmkernelAdapters: [],
    });

    it("reads every field of esx-01 as the host has it", async () => {
      const api = getApi();
      const sim = simHost(api, "esx-01");
      const net = await networking(admin, sim.ref.value);
      const mac = (device: string) => sim.net.pnic.find((p) => p.device === device)!.mac;
      const expected: HostNetworking = {
        host: {
          id: sim.ref.value,
          name: "esx-01.lab.local",
          version: "8.0.3",
          apiVersion: "8.0.3.0",
          connectionState: "connected",
          inMaintenanceMode: false,
        },
        ipv6Enabled: true,
        vswitches: [
          {
            name: "vSwitch0",
            mtu: 1500,
            uplinks: ["vmnic0"],
            activeNics: ["vmnic0"],
            standbyNics: [],
            portgroups: ["Management Network", "VM Network"],
            security: { allowPromiscuous: false, macChanges: false, forgedTransmits: false },
            teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: true },
          },
        ],
        portgroups: [
          {
            name: "Management Network",
            vlanId: 0,
            vswitch: "vSwitch0",
            vmkernelAdapter: "vmk0",
            security: null,
            teaming: null,
            failoverOrder: null,
          },
          { name: "VM Network", vlanId: 0, vswitch: "vSwitch0", vmkernelAdapter: null, security: null, teaming: null, failoverOrder: null },
        ],
        physicalNics: [
          { device: "vmnic0", mac: mac("vmnic0"), speedMb: 10000, usedBy: { kind: "standardSwitch", name: "vSwitch0" } },
          { device: "vmnic1", mac: mac("vmnic1"), speedMb: 10000, usedBy: { kind: "distributedSwitch", name: "DSwitch-Lab" } },
          { device: "vmnic2", mac: mac("vmnic2"), speedMb: 10000, usedBy: null },
          { device: "vmnic3", mac: mac("vmnic3"), speedMb: 10000, usedBy: null },
        ],
        vmkernelAdapters: [
          {
            device: "vmk0",
            networkLabel: "Management Network",
            switchName: "vSwitch0",
            portgroup: "Management Network",
            distributedPort: null,
            mac: sim.net.vnic[0]!.spec.mac!,
            mtu: 1500,
            ipv4: { dhcp: false, address: "10.10.0.11", subnetMask: "255.255.255.0" },
            // The host's own IPv6 defaults: router advertisement on since ESXi 6.5 (R15).
            ipv6: { dhcpV6: false, routerAdvertisement: true, addresses: [] },
            tcpipStack: "defaultTcpipStack",
            gatewayOverride: null,
            services: ["management"],
          },
        ],
        tcpipStacks: [
          {
            key: "defaultTcpipStack",
            name: "defaultTcpipStack",
            active: true,
            defaultGateway: "10.10.0.1",
            ipV6DefaultGateway: null,
            dns: {
              dhcp: false,
              vmkernelAdapter: null,
              hostName: "esx-01",
              domainName: "lab.local",
              servers: ["10.10.0.2", "10.10.0.3"],
              searchDomains: ["lab.local"],
            },
            congestionControlAlgorithm: "newreno",
            maxNumberOfConnections: 11000,
            runtimeMaxNumberOfConnections: 11000,
            vmkernelAdapters: ["vmk0"],
          },
          idleStack("vmotion"),
          idleStack("vSphereProvisioning"),
        ],
        // The uplink port group is not offered.
        distributedPortgroups: [
          {
            key: expect.any(String) as string,
            name: "DPG-vMotion",
            switchName: "DSwitch-Lab",
            switchUuid: DVS_UUID,
            vlanId: 30,
            mtu: 9000,
            canAssign: true,
          },
          {
            key: expect.any(String) as string,
            name: "DPG-Provisioning",
            switchName: "DSwitch-Lab",
            switchUuid: DVS_UUID,
            vlanId: 40,
            mtu: 9000,
            canAssign: true,
          },
          {
            key: expect.any(String) as string,
            name: "DPG-Storage",
            switchName: "DSwitch-Lab",
            switchUuid: DVS_UUID,
            vlanId: 50,
            mtu: 9000,
            canAssign: true,
          },
        ],
        services: sim.supportedNicTypes().map((t) => ({ nicType: t.nicType, multiSelectAllowed: t.multiSelectAllowed })),
        privileges: { hostConfigNetwork: true, hostConfigStorage: true },
      };
      expect(net).toEqual(expected);
      const objects = new Map([...api.sim.sim.allObjects()].map((o) => [o.ref.value, o]));
      for (const pg of net.distributedPortgroups) expect((objects.get(pg.key) as unknown as { name: string }).name).toBe(pg.name);
    });

    it("reads every field of esx-09, with its custom TCP/IP stack NFS and the adapter on it", async () => {
      const api = getApi();
      const sim = simHost(api, "esx-09");
      const net = await networking(admin, sim.ref.value);
      const mac = (device: string) => sim.net.pnic.find((p) => p.device === device)!.mac;
      const adapter = (device: string, label: string, address: string, mtu: number, stack: string, services: string[]) => ({
        device,
        networkLabel: label,
        switchName: "vSwitch0",
        portgroup: label,
        distributedPort: null,
        mac: sim.net.vnic.find((v) => v.device === device)!.spec.mac!,
        mtu,
        ipv4: { dhcp: false, address, subnetMask: "255.255.255.0" },
        ipv6: { dhcpV6: false, routerAdvertisement: true, addresses: [] },
        tcpipStack: stack,
        gatewayOverride: null,
        services,
      });
      expect(net).toEqual({
        host: {
          id: sim.ref.value,
          name: "esx-09.lab.local",
          version: "7.0.3",
          apiVersion: "7.0.3.0",
          connectionState: "connected",
          inMaintenanceMode: false,
        },
        ipv6Enabled: true,
        vswitches: [
          {
            name: "vSwitch0",
            mtu: 1500,
            uplinks: ["vmnic0"],
            activeNics: ["vmnic0"],
            standbyNics: [],
            portgroups: ["Management Network", "VM Network", "NFS Network"],
            security: { allowPromiscuous: false, macChanges: false, forgedTransmits: false },
            teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: true },
          },
        ],
        portgroups: [
          {
            name: "Management Network",
            vlanId: 0,
            vswitch: "vSwitch0",
            vmkernelAdapter: "vmk0",
            security: null,
            teaming: null,
            failoverOrder: null,
          },
          { name: "VM Network", vlanId: 0, vswitch: "vSwitch0", vmkernelAdapter: null, security: null, teaming: null, failoverOrder: null },
          {
            name: "NFS Network",
            vlanId: 60,
            vswitch: "vSwitch0",
            vmkernelAdapter: "vmk1",
            security: null,
            teaming: null,
            failoverOrder: null,
          },
        ],
        physicalNics: [
          { device: "vmnic0", mac: mac("vmnic0"), speedMb: 10000, usedBy: { kind: "standardSwitch", name: "vSwitch0" } },
          { device: "vmnic1", mac: mac("vmnic1"), speedMb: 10000, usedBy: { kind: "distributedSwitch", name: "DSwitch-Lab" } },
          { device: "vmnic2", mac: mac("vmnic2"), speedMb: 10000, usedBy: null },
          { device: "vmnic3", mac: mac("vmnic3"), speedMb: 10000, usedBy: null },
        ],
        vmkernelAdapters: [
          adapter("vmk0", "Management Network", "10.10.0.19", 1500, "defaultTcpipStack", ["management"]),
          adapter("vmk1", "NFS Network", "10.60.0.19", 9000, "NFS", []),
        ],
        tcpipStacks: [
          {
            key: "defaultTcpipStack",
            name: "defaultTcpipStack",
            active: true,
            defaultGateway: "10.10.0.1",
            ipV6DefaultGateway: null,
            dns: {
              dhcp: false,
              vmkernelAdapter: null,
              hostName: "esx-09",
              domainName: "lab.local",
              servers: ["10.10.0.2", "10.10.0.3"],
              searchDomains: ["lab.local"],
            },
            congestionControlAlgorithm: "newreno",
            maxNumberOfConnections: 11000,
            runtimeMaxNumberOfConnections: 11000,
            vmkernelAdapters: ["vmk0"],
          },
          idleStack("vmotion"),
          idleStack("vSphereProvisioning"),
          // The custom stack: active (vmk1 uses it), with its own gateway.
          { ...idleStack("NFS"), active: true, defaultGateway: "10.60.0.1", vmkernelAdapters: ["vmk1"] },
        ],
        distributedPortgroups: (await networking(admin, hostId(api, "esx-01.lab.local"))).distributedPortgroups,
        services: sim.supportedNicTypes().map((t) => ({ nicType: t.nicType, multiSelectAllowed: t.multiSelectAllowed })),
        privileges: { hostConfigNetwork: true, hostConfigStorage: true },
      });
    });

    it("lists the services each host's own version offers", async () => {
      const api = getApi();
      for (const name of ["esx-01", "esx-05", "esx-09"]) {
        const sim = simHost(api, name);
        const net = await networking(admin, sim.ref.value);
        expect(net.services.map((s) => s.nicType)).toEqual(sim.supportedNicTypes().map((t) => t.nicType));
        expect(net.services.map((s) => s.nicType)).toEqual(expect.arrayContaining(["vmotion", "vSphereProvisioning", "vsan", "nvmeTcp"]));
        // Newer than 8.0.3: not offered.
        expect(net.services.map((s) => s.nicType)).not.toContain("vsanExternal");
        expect(net.services.find((s) => s.nicType === "ptp")?.multiSelectAllowed).toBe(false);
      }
    });

    it("says whether IPv6 is enabled, and shows maintenance mode", async () => {
      const api = getApi();
      expect((await networking(admin, hostId(api, "esx-03.lab.local"))).ipv6Enabled).toBe(false);
      expect((await networking(admin, hostId(api, "esx-06.lab.local"))).ipv6Enabled).toBe(false);
      expect((await networking(admin, hostId(api, "esx-05.lab.local"))).ipv6Enabled).toBe(true);
      expect((await networking(admin, hostId(api, "esx-07.lab.local"))).host.inMaintenanceMode).toBe(true);
    });

    it("gives the current user's privileges on the host and on each distributed port group", async () => {
      const api = getApi();
      const helpdesk = await signedIn(api, HELPDESK);
      const readonly = await signedIn(api, READONLY);
      // Cluster-Dev: Host.Config.Network but not Host.Config.Storage; Network.Assign is not granted on the port groups.
      const dev = await networking(helpdesk, hostId(api, "esx-05.lab.local"));
      expect(dev.privileges).toEqual({ hostConfigNetwork: true, hostConfigStorage: false });
      expect(dev.distributedPortgroups.map((p) => p.canAssign)).toEqual([false, false, false]);
      const prod = await networking(helpdesk, hostId(api, "esx-02.lab.local"));
      expect(prod.privileges).toEqual({ hostConfigNetwork: false, hostConfigStorage: false });
      for (const name of ["esx-02", "esx-05"]) {
        const net = await networking(readonly, hostId(api, `${name}.lab.local`));
        expect(net.privileges).toEqual({ hostConfigNetwork: false, hostConfigStorage: false });
        expect(net.distributedPortgroups.every((p) => !p.canAssign)).toBe(true);
        // Reading is allowed: the same configuration as the administrator sees.
        const asAdmin = await networking(admin, hostId(api, `${name}.lab.local`));
        expect({ ...net, privileges: null, distributedPortgroups: null }).toEqual({
          ...asAdmin,
          privileges: null,
          distributedPortgroups: null,
        });
        expect(net.distributedPortgroups.map((p) => p.key)).toEqual(asAdmin.distributedPortgroups.map((p) => p.key));
      }
    });

    it("answers an unknown host id with 404 HOST_NOT_FOUND", async () => {
      for (const id of ["host-99999", "host-1", "not-a-host", "datacenter-1", "group-d1"]) {
        expectProblem(await admin.get(`/api/v1/hosts/${id}/networking`), 404, "HOST_NOT_FOUND");
      }
      expectProblem(await admin.get(`/api/v1/hosts/${"h".repeat(65)}/networking`), 400, "VALIDATION_FAILED", ["params.hostId"]);
    });

    it("answers the disconnected esx-04 with 409 HOST_NOT_CONNECTED", async () => {
      const api = getApi();
      const problem = expectProblem(
        await admin.get(`/api/v1/hosts/${hostId(api, "esx-04.lab.local")}/networking`),
        409,
        "HOST_NOT_CONNECTED",
      );
      expect(problem.detail).toContain("esx-04.lab.local");
    });
  });
}
