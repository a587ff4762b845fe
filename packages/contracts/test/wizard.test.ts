import { describe, expect, it } from "vitest";

import {
  ipv4SettingsSchema,
  ipv6SettingsSchema,
  isIPv6,
  netStackPatchSchema,
  newSwitchUplinksSchema,
  portPropertiesSchema,
  targetDeviceSchema,
  vmkernelAdapterSchema,
  type VmkernelAdapterModel,
} from "../src/index.ts";

/** The messages of a failed parse, by dotted path. */
function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
}

const vmotionOnNewSwitch: VmkernelAdapterModel = {
  connectionType: "vmkernel",
  targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
  newSwitchUplinks: { active: ["vmnic2"], standby: [], unused: ["vmnic3"] },
  portProperties: {
    networkLabel: "vMotion",
    vlanId: 30,
    ipSettings: "ipv4",
    mtu: { mode: "fromSwitch" },
    tcpipStack: "vmotion",
    services: ["vmotion"],
  },
  ipv4Settings: { mode: "static", address: "192.168.30.11", subnetMask: "255.255.255.0", overrideGateway: false },
};

describe("IP helpers", () => {
  it("tells IPv6 text forms apart", () => {
    for (const ok of ["::1", "fe80::1", "2001:db8::", "2001:db8:0:0:0:0:0:1", "::ffff:192.0.2.1"]) expect(isIPv6(ok), ok).toBe(true);
    for (const bad of ["", "1:2:3", "2001:db8:::1", "2001:db8::1::2", "g::1", "1:2:3:4:5:6:7:8:9", "::ffff:300.0.0.1"])
      expect(isIPv6(bad), bad).toBe(false);
  });
});

describe("wizard pages", () => {
  it("target device: one of the three kinds, with a chosen target", () => {
    expect(targetDeviceSchema.safeParse({ kind: "existingNetwork", portgroupKey: "dvportgroup-9" }).success).toBe(true);
    expect(issues(targetDeviceSchema.safeParse({ kind: "existingStandardSwitch", vswitchName: "" }))).toEqual({
      vswitchName: "targetDevice.required",
    });
    expect(issues(targetDeviceSchema.safeParse({ kind: "newStandardSwitch", mtu: 9001 }))).toEqual({ mtu: "mtu.range" });
    expect(targetDeviceSchema.safeParse({ kind: "somethingElse" }).success).toBe(false);
  });

  it("uplinks: an adapter in one list only", () => {
    expect(newSwitchUplinksSchema.safeParse({ active: ["vmnic2"], standby: ["vmnic3"], unused: [] }).success).toBe(true);
    expect(issues(newSwitchUplinksSchema.safeParse({ active: ["vmnic2"], standby: ["vmnic2"], unused: [] }))).toEqual({
      active: "uplinks.duplicate",
    });
  });

  it("port properties: VLAN 0-4094, MTU 1280-9000, services only on the default stack", () => {
    const base = {
      networkLabel: "VMkernel",
      vlanId: 0,
      ipSettings: "ipv4",
      mtu: { mode: "fromSwitch" },
      tcpipStack: "defaultTcpipStack",
      services: [],
    };
    expect(portPropertiesSchema.safeParse(base).success).toBe(true);
    expect(issues(portPropertiesSchema.safeParse({ ...base, vlanId: 4095 }))).toEqual({ vlanId: "vlanId.range" });
    expect(issues(portPropertiesSchema.safeParse({ ...base, mtu: { mode: "custom", value: 9216 } }))).toEqual({ "mtu.value": "mtu.range" });
    expect(issues(portPropertiesSchema.safeParse({ ...base, networkLabel: "  " }))).toEqual({ networkLabel: "networkLabel.required" });
    expect(portPropertiesSchema.safeParse({ ...base, services: ["vmotion", "management"] }).success).toBe(true);
    expect(issues(portPropertiesSchema.safeParse({ ...base, tcpipStack: "vmotion", services: ["management"] }))).toEqual({
      services: "services.stackOnly",
    });
    expect(portPropertiesSchema.safeParse({ ...base, tcpipStack: "vSphereProvisioning", services: ["vSphereProvisioning"] }).success).toBe(
      true,
    );
    expect(issues(portPropertiesSchema.safeParse({ ...base, tcpipStack: "NFS", services: ["vmotion"] }))).toEqual({
      services: "services.stackOnly",
    });
  });

  it("IPv4: static address, contiguous mask, gateway inside the subnet", () => {
    const s = { mode: "static", address: "10.20.0.5", subnetMask: "255.255.255.0", overrideGateway: true, defaultGateway: "10.20.0.1" };
    expect(ipv4SettingsSchema.safeParse(s).success).toBe(true);
    expect(ipv4SettingsSchema.safeParse({ mode: "dhcp" }).success).toBe(true);
    expect(issues(ipv4SettingsSchema.safeParse({ ...s, address: "10.20.0.256" }))).toMatchObject({ address: "ipv4.invalid" });
    expect(issues(ipv4SettingsSchema.safeParse({ ...s, subnetMask: "255.0.255.0" }))).toMatchObject({ subnetMask: "subnetMask.invalid" });
    expect(issues(ipv4SettingsSchema.safeParse({ ...s, address: "10.20.0.255" }))).toEqual({ address: "ipv4.networkOrBroadcast" });
    expect(issues(ipv4SettingsSchema.safeParse({ ...s, defaultGateway: "10.30.0.1" }))).toEqual({
      defaultGateway: "gateway.outsideSubnet",
    });
    expect(issues(ipv4SettingsSchema.safeParse({ ...s, defaultGateway: undefined }))).toEqual({ defaultGateway: "gateway.invalid" });
  });

  it("IPv6: at least one way to get an address; valid static addresses and prefixes", () => {
    const s = {
      dhcpV6: false,
      routerAdvertisement: false,
      staticAddresses: [{ address: "2001:db8::11", prefixLength: 64 }],
      overrideGateway: false,
    };
    expect(ipv6SettingsSchema.safeParse(s).success).toBe(true);
    expect(issues(ipv6SettingsSchema.safeParse({ ...s, staticAddresses: [] }))).toEqual({ staticAddresses: "ipv6.noneChosen" });
    expect(issues(ipv6SettingsSchema.safeParse({ ...s, staticAddresses: [{ address: "2001:db8::11", prefixLength: 129 }] }))).toEqual({
      "staticAddresses.0.prefixLength": "prefixLength.range",
    });
    expect(issues(ipv6SettingsSchema.safeParse({ ...s, overrideGateway: true, defaultGateway: "10.0.0.1" }))).toEqual({
      defaultGateway: "gateway.invalid",
    });
    const same = [
      { address: "2001:db8::1", prefixLength: 64 },
      { address: "2001:DB8:0::1", prefixLength: 64 },
    ];
    expect(issues(ipv6SettingsSchema.safeParse({ ...s, staticAddresses: same }))).toEqual({
      "staticAddresses.1.address": "ipv6.duplicate",
    });
  });
});

describe("the whole wizard", () => {
  it("accepts the vMotion stack on a new standard switch", () => {
    expect(vmkernelAdapterSchema.safeParse(vmotionOnNewSwitch).success).toBe(true);
  });

  it("needs the pages the choices call for, and none other", () => {
    expect(issues(vmkernelAdapterSchema.safeParse({ ...vmotionOnNewSwitch, newSwitchUplinks: undefined }))).toEqual({
      newSwitchUplinks: "uplinks.required",
    });
    expect(issues(vmkernelAdapterSchema.safeParse({ ...vmotionOnNewSwitch, ipv4Settings: undefined }))).toEqual({
      ipv4Settings: "ipv4.required",
    });
    const v6 = { ...vmotionOnNewSwitch, portProperties: { ...vmotionOnNewSwitch.portProperties, ipSettings: "ipv4ipv6" as const } };
    expect(issues(vmkernelAdapterSchema.safeParse(v6))).toEqual({ ipv6Settings: "ipv6.required" });
  });

  it("a distributed port group's label and VLAN are inherited, not given", () => {
    const dvpg = {
      ...vmotionOnNewSwitch,
      targetDevice: { kind: "existingNetwork", portgroupKey: "dvportgroup-9" },
      newSwitchUplinks: undefined,
      portProperties: { ipSettings: "ipv4", mtu: { mode: "fromSwitch" }, tcpipStack: "defaultTcpipStack", services: ["vmotion"] },
    };
    expect(vmkernelAdapterSchema.safeParse(dvpg).success).toBe(true);
    expect(issues(vmkernelAdapterSchema.safeParse({ ...dvpg, portProperties: { ...dvpg.portProperties, vlanId: 5 } }))).toEqual({
      "portProperties.networkLabel": "portProperties.inherited",
    });
  });
});

describe("TCP/IP stack settings", () => {
  it("validates gateway, DNS, congestion control and max connections; refuses unknown fields and empty edits", () => {
    expect(
      netStackPatchSchema.safeParse({ defaultGateway: "192.168.30.1", congestionControlAlgorithm: "cubic", maxNumberOfConnections: 20000 })
        .success,
    ).toBe(true);
    expect(netStackPatchSchema.safeParse({ defaultGateway: "" }).success).toBe(true);
    expect(issues(netStackPatchSchema.safeParse({ congestionControlAlgorithm: "bbr" }))).toEqual({
      congestionControlAlgorithm: "congestionControl.invalid",
    });
    expect(issues(netStackPatchSchema.safeParse({ maxNumberOfConnections: 0 }))).toEqual({
      maxNumberOfConnections: "maxConnections.range",
    });
    expect(netStackPatchSchema.safeParse({}).success).toBe(false);
    expect(netStackPatchSchema.safeParse({ gateway: "1.2.3.4" }).success).toBe(false);
    const dns = { mode: "manual", hostName: "esx-01.lab", domainName: "lab.local", searchDomains: [] };
    expect(issues(netStackPatchSchema.safeParse({ dnsConfiguration: dns }))).toEqual({
      "dnsConfiguration.hostName": "dns.hostName.invalid",
    });
  });
});

describe("validation messages", () => {
  it("has English words for every code the schemas can answer with", async () => {
    const { validationMessages } = await import("../src/messages.ts");
    const sources = await Promise.all(
      ["wizard.ts", "netstack.ts", "api.ts"].map(async (f) =>
        (await import("node:fs/promises")).readFile(new URL(`../src/${f}`, import.meta.url), "utf8"),
      ),
    );
    const codes = new Set(
      sources
        .join("\n")
        .match(/message: "([a-zA-Z.]+)"/g)!
        .map((m) => m.slice(10, -1)),
    );
    for (const c of ["ipv4.required", "ipv6.required", "uplinks.required"]) codes.add(c);
    expect(codes.size).toBeGreaterThan(30);
    for (const code of codes) expect(validationMessages, code).toHaveProperty([code]);
  });
});
