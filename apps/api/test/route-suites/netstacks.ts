/** PATCH /api/v1/hosts/{hostId}/netstacks/{key}: gateways, DNS, congestion control, max connections, refusals. */
import type { CreatedAdapter, TcpipStackInfo } from "@addnet/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { hostId } from "../helpers.ts";
import {
  ADMIN,
  expectProblem,
  HELPDESK,
  hostState,
  inventoryState,
  json,
  networking,
  newKey,
  onVSwitch0,
  READONLY,
  resetSimulator,
  signedIn,
  simHost,
  vmotionSwitch,
  type Client,
  type GetApi,
} from "./support.ts";

export function netstacksSuite(getApi: GetApi): void {
  describe("netstacks", () => {
    let admin: Client;
    let id: string;
    beforeAll(async () => {
      admin = await signedIn(getApi(), ADMIN);
      id = hostId(getApi(), "esx-01.lab.local");
    });
    beforeEach(async () => {
      await resetSimulator(getApi());
    });

    const patch = (key: string, body: unknown, c = admin, host = id) => c.patch(`/api/v1/hosts/${host}/netstacks/${key}`, body);
    const stack = (name: string, key: string) => simHost(getApi(), name).net.netStackInstance.find((s) => s.key === key)!;

    it("refuses the vMotion stack before any adapter uses it: 409 STACK_INACTIVE, nothing changed", async () => {
      const api = getApi();
      const before = hostState(api, "esx-01");
      const problem = expectProblem(await patch("vmotion", { defaultGateway: "192.168.30.1" }), 409, "STACK_INACTIVE");
      expect(problem.detail).toContain("esx-01.lab.local");
      expectProblem(await patch("vSphereProvisioning", { congestionControlAlgorithm: "cubic" }), 409, "STACK_INACTIVE");
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("applies gateway, congestion control and max connections once the stack is active; the running maximum stays", async () => {
      const api = getApi();
      json(await admin.create(id, vmotionSwitch("192.168.30.11"), newKey("stack")), 201);
      const res = await patch("vmotion", {
        defaultGateway: "192.168.30.1",
        congestionControlAlgorithm: "cubic",
        maxNumberOfConnections: 20000,
      });
      const info = json<TcpipStackInfo>(res);
      expect(info).toMatchObject({
        key: "vmotion",
        active: true,
        defaultGateway: "192.168.30.1",
        congestionControlAlgorithm: "cubic",
        maxNumberOfConnections: 20000,
        // R25: the requested maximum takes effect after a reboot.
        runtimeMaxNumberOfConnections: 11000,
        vmkernelAdapters: ["vmk1"],
      });
      const s = stack("esx-01", "vmotion");
      expect(s.ipRouteConfig?.defaultGateway).toBe("192.168.30.1");
      expect(s.congestionControlAlgorithm).toBe("cubic");
      expect(s.requestedMaxNumberOfConnections).toBe(20000);
      expect(simHost(api, "esx-01").bootMaxConnections.get("vmotion")).toBe(11000);
      // The default stack is untouched; so is the same stack on another host (one gateway per stack per host).
      expect(stack("esx-01", "defaultTcpipStack").ipRouteConfig?.defaultGateway).toBe("10.10.0.1");
      expect(stack("esx-02", "vmotion").ipRouteConfig?.defaultGateway).toBeUndefined();
      // What the PATCH answered is what the host now reports.
      expect((await networking(admin, id)).tcpipStacks.find((t) => t.key === "vmotion")).toEqual(info);

      // Fields left out stay; an empty gateway removes it; an IPv6 gateway is set alone.
      const v6 = json<TcpipStackInfo>(await patch("vmotion", { ipV6DefaultGateway: "2001:db8:30::1" }));
      expect(v6).toMatchObject({
        defaultGateway: "192.168.30.1",
        ipV6DefaultGateway: "2001:db8:30::1",
        congestionControlAlgorithm: "cubic",
        maxNumberOfConnections: 20000,
      });
      expect(stack("esx-01", "vmotion").ipRouteConfig?.ipV6DefaultGateway).toBe("2001:db8:30::1");
      const cleared = json<TcpipStackInfo>(await patch("vmotion", { defaultGateway: "" }));
      expect(cleared.defaultGateway).toBeNull();
      expect(stack("esx-01", "vmotion").ipRouteConfig?.defaultGateway).toBeUndefined();
      expect(stack("esx-01", "vmotion").ipRouteConfig?.ipV6DefaultGateway).toBe("2001:db8:30::1");
    });

    it("applies DNS on the default stack", async () => {
      const info = json<TcpipStackInfo>(
        await patch("defaultTcpipStack", {
          dnsConfiguration: {
            mode: "manual",
            hostName: "esx-01-new",
            domainName: "corp.example",
            preferredDnsServer: "10.10.0.5",
            alternateDnsServer: "2001:db8::53",
            searchDomains: ["corp.example", "lab.local"],
          },
        }),
      );
      expect(info.dns).toEqual({
        dhcp: false,
        vmkernelAdapter: null,
        hostName: "esx-01-new",
        domainName: "corp.example",
        servers: ["10.10.0.5", "2001:db8::53"],
        searchDomains: ["corp.example", "lab.local"],
      });
      expect(stack("esx-01", "defaultTcpipStack").dnsConfig).toMatchObject({
        dhcp: false,
        hostName: "esx-01-new",
        domainName: "corp.example",
        address: ["10.10.0.5", "2001:db8::53"],
        searchDomain: ["corp.example", "lab.local"],
      });
      // The rest of the stack is as it was.
      expect(info).toMatchObject({ defaultGateway: "10.10.0.1", congestionControlAlgorithm: "newreno", maxNumberOfConnections: 11000 });
    });

    it("takes DNS from a DHCP adapter of the default stack", async () => {
      const dhcp = { ...onVSwitch0("DHCP", "x"), ipv4Settings: { mode: "dhcp" as const } };
      const created = json<CreatedAdapter>(await admin.create(id, dhcp, newKey("dns-dhcp")), 201);
      const info = json<TcpipStackInfo>(
        await patch("defaultTcpipStack", { dnsConfiguration: { mode: "dhcp", vmkernelAdapter: created.adapter.device } }),
      );
      expect(info.dns).toMatchObject({ dhcp: true, vmkernelAdapter: created.adapter.device });
      expect(stack("esx-01", "defaultTcpipStack").dnsConfig).toMatchObject({ dhcp: true, virtualNicDevice: created.adapter.device });
    });

    it("sets a custom stack's own DNS too (esx-09's NFS)", async () => {
      const api = getApi();
      const nfs = await patch(
        "NFS",
        { dnsConfiguration: { mode: "manual", hostName: "nfs", domainName: "lab.local", searchDomains: [] } },
        admin,
        hostId(api, "esx-09.lab.local"),
      );
      expect(json<TcpipStackInfo>(nfs).dns).toMatchObject({ dhcp: false, hostName: "nfs", domainName: "lab.local" });
      expect(stack("esx-09", "NFS").dnsConfig).toMatchObject({ dhcp: false, hostName: "nfs", domainName: "lab.local" });
    });

    it("renames a custom stack (esx-09's NFS), never a system stack or to another stack's name, nothing changed then", async () => {
      const api = getApi();
      const esx09 = hostId(api, "esx-09.lab.local");
      expect(json<TcpipStackInfo>(await patch("NFS", { name: "NFS-A" }, admin, esx09)).name).toBe("NFS-A");
      expect(stack("esx-09", "NFS").name).toBe("NFS-A");
      const before = inventoryState(api);
      const system = expectProblem(await patch("defaultTcpipStack", { name: "Mine" }, admin, esx09), 400, "VALIDATION_FAILED", ["name"]);
      expect(system.errors).toEqual([
        expect.objectContaining({ path: "name", code: "tcpipStack.name.system", params: { stack: "defaultTcpipStack" } }),
      ]);
      const taken = expectProblem(await patch("NFS", { name: "vmotion" }, admin, esx09), 400, "VALIDATION_FAILED", ["name"]);
      expect(taken.errors![0]!.code).toBe("tcpipStack.name.inUse");
      expect(inventoryState(api)).toEqual(before);
    });

    it("refuses a gateway outside the stack adapters' subnets with 400 naming defaultGateway, nothing changed", async () => {
      const api = getApi();
      json(await admin.create(id, vmotionSwitch("192.168.30.11"), newKey("gw")), 201);
      const before = hostState(api, "esx-01");
      const problem = expectProblem(await patch("vmotion", { defaultGateway: "192.168.31.1" }), 400, "VALIDATION_FAILED", [
        "defaultGateway",
      ]);
      expect(problem.errors![0]!.code).toBe("gateway.outsideStackSubnets");
      expectProblem(await patch("defaultTcpipStack", { defaultGateway: "10.99.0.1" }), 400, "VALIDATION_FAILED", ["defaultGateway"]);
      expect(hostState(api, "esx-01")).toEqual(before);
      // esx-09's custom stack: its own subnet is fine.
      const nfs = json<TcpipStackInfo>(await patch("NFS", { defaultGateway: "10.60.0.254" }, admin, hostId(api, "esx-09.lab.local")));
      expect(nfs.defaultGateway).toBe("10.60.0.254");
      expect(stack("esx-09", "NFS").ipRouteConfig?.defaultGateway).toBe("10.60.0.254");
    });

    it("sets the vMotion stack's own DNS (the seed's next task); the default stack's, the host's, stay as they were", async () => {
      const api = getApi();
      json(await admin.create(id, vmotionSwitch("192.168.30.11"), newKey("dns-vmotion")), 201);
      const defaultDns = structuredClone(stack("esx-01", "defaultTcpipStack").dnsConfig);
      const dns = {
        mode: "manual",
        hostName: "esx-01-vmotion",
        domainName: "vmotion.lab.local",
        preferredDnsServer: "192.168.30.2",
        searchDomains: ["vmotion.lab.local"],
      };
      const info = json<TcpipStackInfo>(await patch("vmotion", { dnsConfiguration: dns }));
      expect(info.dns).toMatchObject({ dhcp: false, hostName: "esx-01-vmotion", servers: ["192.168.30.2"] });
      expect(stack("esx-01", "vmotion").dnsConfig).toMatchObject({
        dhcp: false,
        hostName: "esx-01-vmotion",
        domainName: "vmotion.lab.local",
        address: ["192.168.30.2"],
        searchDomain: ["vmotion.lab.local"],
      });
      expect(stack("esx-01", "defaultTcpipStack").dnsConfig).toEqual(defaultDns);
      // The host-wide DNS is the default stack's.
      expect((simHost(api, "esx-01").net as { dnsConfig?: unknown }).dnsConfig).toEqual(defaultDns);
    });

    it("refuses a gateway that is the subnet's network or broadcast address or the adapter's own, nothing changed", async () => {
      const api = getApi();
      json(await admin.create(id, vmotionSwitch("172.16.30.11"), newKey("gw-own")), 201);
      const before = hostState(api, "esx-01");
      for (const [gateway, code] of [
        ["172.16.30.0", "gateway.networkOrBroadcast"],
        ["172.16.30.255", "gateway.networkOrBroadcast"],
        ["172.16.30.11", "gateway.isAddress"],
        ["127.0.0.1", "gateway.notAssignable"],
      ]) {
        const problem = expectProblem(await patch("vmotion", { defaultGateway: gateway }), 400, "VALIDATION_FAILED", ["defaultGateway"]);
        expect(problem.errors![0]!.code, gateway).toBe(code);
      }
      expect(hostState(api, "esx-01")).toEqual(before);
      expect(json<TcpipStackInfo>(await patch("vmotion", { defaultGateway: "172.16.30.1" })).defaultGateway).toBe("172.16.30.1");
    });

    it("refuses an IPv6 gateway on a host without IPv6 (esx-03), nothing changed", async () => {
      const api = getApi();
      const esx03 = hostId(api, "esx-03.lab.local");
      const before = hostState(api, "esx-03");
      const problem = expectProblem(
        await patch("defaultTcpipStack", { ipV6DefaultGateway: "2001:db8::1" }, admin, esx03),
        400,
        "VALIDATION_FAILED",
        ["ipV6DefaultGateway"],
      );
      expect(problem.errors![0]!.code).toBe("ipv6.hostDisabled");
      expect(hostState(api, "esx-03")).toEqual(before);
      // Removing one is fine.
      json<TcpipStackInfo>(await patch("defaultTcpipStack", { ipV6DefaultGateway: "" }, admin, esx03));
    });

    it("answers bad values with 400 naming the field", async () => {
      const api = getApi();
      const before = hostState(api, "esx-01");
      const cases: [unknown, string[]][] = [
        [{ congestionControlAlgorithm: "bbr" }, ["congestionControlAlgorithm"]],
        [{ maxNumberOfConnections: 0 }, ["maxNumberOfConnections"]],
        [{ maxNumberOfConnections: 1.5 }, ["maxNumberOfConnections"]],
        [{ defaultGateway: "10.10.0.300" }, ["defaultGateway"]],
        [{ ipV6DefaultGateway: "10.10.0.1" }, ["ipV6DefaultGateway"]],
        [
          { dnsConfiguration: { mode: "manual", hostName: "has.dots", domainName: "lab.local", searchDomains: [] } },
          ["dnsConfiguration.hostName"],
        ],
        [{ dnsConfiguration: { mode: "dhcp", vmkernelAdapter: "vmk0" } }, ["dnsConfiguration.vmkernelAdapter"]],
        [{ mtu: 9000 }, ["mtu"]],
        [{}, [""]],
      ];
      for (const [body, paths] of cases) expectProblem(await patch("defaultTcpipStack", body), 400, "VALIDATION_FAILED", paths);
      expect(hostState(api, "esx-01")).toEqual(before);
    });

    it("answers an unknown stack with 404, and an unknown or disconnected host", async () => {
      const api = getApi();
      expectProblem(await patch("no-such-stack", { congestionControlAlgorithm: "cubic" }), 404, "STACK_NOT_FOUND");
      expectProblem(await patch("NFS", { congestionControlAlgorithm: "cubic" }), 404, "STACK_NOT_FOUND");
      expectProblem(await patch("defaultTcpipStack", { congestionControlAlgorithm: "cubic" }, admin, "host-99999"), 404, "HOST_NOT_FOUND");
      expectProblem(
        await patch("defaultTcpipStack", { congestionControlAlgorithm: "cubic" }, admin, hostId(api, "esx-04.lab.local")),
        409,
        "HOST_NOT_CONNECTED",
      );
    });

    it("refuses helpdesk on esx-02 with 403 NO_PERMISSION naming Host.Config.Network and the host; allows it on esx-05", async () => {
      const api = getApi();
      const helpdesk = await signedIn(api, HELPDESK);
      const before = inventoryState(api);
      const esx02 = hostId(api, "esx-02.lab.local");
      const problem = expectProblem(
        await patch("defaultTcpipStack", { congestionControlAlgorithm: "cubic" }, helpdesk, esx02),
        403,
        "NO_PERMISSION",
      );
      expect(problem.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id: esx02 } });
      expect(problem.detail).toContain("Host.Config.Network");
      expect(problem.detail).toContain(esx02);
      expect(inventoryState(api)).toEqual(before);
      const ok = json<TcpipStackInfo>(
        await patch("defaultTcpipStack", { congestionControlAlgorithm: "cubic" }, helpdesk, hostId(api, "esx-05.lab.local")),
      );
      expect(ok.congestionControlAlgorithm).toBe("cubic");
      expect(stack("esx-05", "defaultTcpipStack").congestionControlAlgorithm).toBe("cubic");
    });

    it("refuses readonly with 403 everywhere, nothing changed", async () => {
      const api = getApi();
      const readonly = await signedIn(api, READONLY);
      const before = inventoryState(api);
      for (const name of ["esx-01", "esx-05", "esx-09"]) {
        const host = hostId(api, `${name}.lab.local`);
        const problem = expectProblem(
          await patch("defaultTcpipStack", { maxNumberOfConnections: 12000 }, readonly, host),
          403,
          "NO_PERMISSION",
        );
        expect(problem.missingPrivilege).toEqual({ privilege: "Host.Config.Network", entity: { type: "HostSystem", id: host } });
      }
      expect(inventoryState(api)).toEqual(before);
    });
  });
}
