/**
 * A rollout host's stack settings: which of them the stack has with other values now (stackDifferences), and the
 * stack's rules checked with the new adapter on it (checkAdapterWithStack).
 */
import { describe, expect, it } from "vitest";

import {
  checkAdapterWithStack,
  checkNetStackEdit,
  stackDifferences,
  vmotionOnNewSwitchExample,
  type HostNetworking,
  type NetStackPatch,
  type TcpipStackInfo,
} from "../src/index.ts";

const stack = (over: Partial<TcpipStackInfo> = {}): TcpipStackInfo => ({
  key: "vmotion",
  name: "vmotion",
  active: false,
  defaultGateway: null,
  ipV6DefaultGateway: null,
  dns: { dhcp: false, vmkernelAdapter: null, hostName: "localhost", domainName: "", servers: [], searchDomains: [] },
  congestionControlAlgorithm: "newreno",
  maxNumberOfConnections: 11000,
  runtimeMaxNumberOfConnections: 11000,
  vmkernelAdapters: [],
  ...over,
});

describe("stackDifferences", () => {
  it("names nothing when the stack already has every setting of the patch, whatever the addresses' and names' text", () => {
    const s = stack({
      defaultGateway: "192.168.30.1",
      ipV6DefaultGateway: "2001:db8::1",
      dns: {
        dhcp: false,
        vmkernelAdapter: null,
        hostName: "esx-05",
        domainName: "lab.local",
        servers: ["10.10.0.2", "2001:db8::53"],
        searchDomains: ["lab.local"],
      },
      congestionControlAlgorithm: "cubic",
      maxNumberOfConnections: 20000,
    });
    const patch: NetStackPatch = {
      defaultGateway: "192.168.30.1",
      ipV6DefaultGateway: "2001:DB8:0::1",
      dnsConfiguration: {
        mode: "manual",
        hostName: "ESX-05",
        domainName: "lab.local",
        preferredDnsServer: "10.10.0.2",
        alternateDnsServer: "2001:db8:0:0::53",
        searchDomains: ["Lab.Local"],
      },
      congestionControlAlgorithm: "cubic",
      maxNumberOfConnections: 20000,
    };
    expect(stackDifferences(s, patch)).toEqual([]);
  });

  it("names each setting the stack has with another value, a missing gateway included, and only the patch's", () => {
    const patch: NetStackPatch = {
      defaultGateway: "192.168.30.1",
      dnsConfiguration: { mode: "manual", hostName: "localhost", domainName: "", preferredDnsServer: "10.10.0.2", searchDomains: [] },
      congestionControlAlgorithm: "cubic",
      maxNumberOfConnections: 11000,
    };
    expect(stackDifferences(stack(), patch)).toEqual(["dnsConfiguration", "defaultGateway", "congestionControlAlgorithm"]);
    // Settings the patch leaves out are not compared: the stack keeps them.
    expect(stackDifferences(stack({ congestionControlAlgorithm: "cubic" }), { maxNumberOfConnections: 12000 })).toEqual([
      "maxNumberOfConnections",
    ]);
  });

  it("compares DNS from DHCP by its adapter, a removed gateway with none, and a custom stack's name", () => {
    const dhcp = stack({ dns: { ...stack().dns, dhcp: true, vmkernelAdapter: "vmk1" } });
    expect(stackDifferences(dhcp, { dnsConfiguration: { mode: "dhcp", vmkernelAdapter: "vmk1" } })).toEqual([]);
    expect(stackDifferences(dhcp, { dnsConfiguration: { mode: "dhcp", vmkernelAdapter: "vmk2" } })).toEqual(["dnsConfiguration"]);
    expect(stackDifferences(stack(), { dnsConfiguration: { mode: "dhcp", vmkernelAdapter: "vmk1" } })).toEqual(["dnsConfiguration"]);
    expect(stackDifferences(stack(), { defaultGateway: "" })).toEqual([]);
    expect(stackDifferences(stack({ defaultGateway: "192.168.30.1" }), { defaultGateway: "" })).toEqual(["defaultGateway"]);
    expect(stackDifferences(stack({ key: "NFS", name: "NFS" }), { name: "NFS-2" })).toEqual(["name"]);
  });
});

/** esx-05 as GET /hosts/{id}/networking shows it: vmk0 on the default stack, the vMotion stack without an adapter. */
function host(over: Partial<HostNetworking> = {}): HostNetworking {
  return {
    host: {
      id: "host-1",
      name: "esx-05.lab.local",
      version: "8.0.3",
      apiVersion: "8.0.3.0",
      connectionState: "connected",
      inMaintenanceMode: false,
    },
    ipv6Enabled: false,
    vswitches: [
      {
        name: "vSwitch0",
        mtu: 1500,
        uplinks: ["vmnic0"],
        activeNics: ["vmnic0"],
        standbyNics: [],
        portgroups: ["Management Network"],
        security: { allowPromiscuous: false, macChanges: false, forgedTransmits: false },
        teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: true },
      },
    ],
    portgroups: [],
    physicalNics: ["vmnic0", "vmnic2"].map((device) => ({
      device,
      mac: "00:0c:29:00:00:00",
      speedMb: 10000,
      usedBy: device === "vmnic0" ? { kind: "standardSwitch" as const, name: "vSwitch0" } : null,
    })),
    vmkernelAdapters: [
      {
        device: "vmk0",
        networkLabel: "Management Network",
        switchName: "vSwitch0",
        portgroup: "Management Network",
        distributedPort: null,
        mac: null,
        mtu: 1500,
        ipv4: { dhcp: false, address: "10.10.0.15", subnetMask: "255.255.255.0" },
        ipv6: null,
        tcpipStack: "defaultTcpipStack",
        gatewayOverride: null,
        services: ["management"],
      },
    ],
    tcpipStacks: [stack({ key: "defaultTcpipStack", name: "defaultTcpipStack", active: true, defaultGateway: "10.10.0.1" }), stack()],
    distributedPortgroups: [],
    services: [{ nicType: "vmotion", multiSelectAllowed: true }],
    privileges: { hostConfigNetwork: true, hostConfigStorage: true },
    ...over,
  };
}

describe("checkAdapterWithStack", () => {
  const model = vmotionOnNewSwitchExample("192.168.30.15");

  it("takes the vMotion stack's settings with its first adapter: active then, its gateway reachable from the new address", () => {
    // The Edit TCP/IP stack dialog refuses the stack as it is now: no adapter, inactive (R7).
    expect(checkNetStackEdit(host(), "vmotion", { defaultGateway: "192.168.30.1" }).map((i) => i.code)).toEqual(["tcpipStack.inactive"]);
    const { errors, warnings } = checkAdapterWithStack(host(), model, {
      defaultGateway: "192.168.30.1",
      congestionControlAlgorithm: "cubic",
    });
    expect(errors).toEqual([]);
    // The stack gets its gateway with the change: no "the stack has no gateway" warning.
    expect(warnings.map((w) => w.code)).toEqual([]);
    // Without a gateway in the settings, the adapter's own rules still warn of it.
    expect(checkAdapterWithStack(host(), model, { congestionControlAlgorithm: "cubic" }).warnings.map((w) => w.code)).toEqual([
      "stack.noGateway",
    ]);
  });

  it("refuses a gateway outside every static subnet of the stack, the new adapter's included, under netStack.*", () => {
    const { errors } = checkAdapterWithStack(host(), model, { defaultGateway: "10.10.0.1" });
    expect(errors).toEqual([{ path: "netStack.defaultGateway", code: "gateway.outsideStackSubnets", params: { gateway: "10.10.0.1" } }]);
    expect(checkAdapterWithStack(host(), model, { defaultGateway: "192.168.30.15" }).errors.map((e) => e.code)).toEqual([
      "gateway.isAddress",
    ]);
    // DNS from DHCP needs a DHCP adapter that exists now; the host has none.
    expect(checkAdapterWithStack(host(), model, { dnsConfiguration: { mode: "dhcp", vmkernelAdapter: "vmk0" } }).errors).toEqual([
      { path: "netStack.dnsConfiguration.vmkernelAdapter", code: "dns.vmkernelAdapter.notDhcp", params: { device: "vmk0" } },
    ]);
  });

  it("leaves a missing privilege and an unknown stack to the adapter's own errors, once", () => {
    const refused = checkAdapterWithStack(host({ privileges: { hostConfigNetwork: false, hostConfigStorage: false } }), model, {
      defaultGateway: "10.10.0.1",
    });
    expect(refused.errors.map((e) => `${e.path}:${e.code}`)).toEqual([":privilege.missing"]);
    const unknown = checkAdapterWithStack(host({ tcpipStacks: [host().tcpipStacks[0]!] }), model, { defaultGateway: "10.10.0.1" });
    expect(unknown.errors.map((e) => `${e.path}:${e.code}`)).toEqual(["portProperties.tcpipStack:tcpipStack.unknown"]);
  });
});
