/** The address rules (issue 10): one place, used by the wizard, the stack dialog and the server alike. */
import { describe, expect, it } from "vitest";

import { ipv4SettingsSchema, ipv6SettingsSchema, isAssignableIPv4, isAssignableIPv6, stackGatewayProblem } from "../src/index.ts";

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("assignable addresses", () => {
  it("IPv4: no unspecified, loopback, link-local, multicast, reserved or broadcast address", () => {
    for (const a of ["0.0.0.0", "0.1.2.3", "127.0.0.1", "169.254.10.10", "224.0.0.5", "239.255.255.250", "240.0.0.1", "255.255.255.255"])
      expect(isAssignableIPv4(a), a).toBe(false);
    for (const a of ["10.0.0.1", "172.16.30.11", "192.168.30.11", "169.253.1.1", "223.255.255.254"])
      expect(isAssignableIPv4(a), a).toBe(true);
  });

  it("IPv6: no unspecified, loopback, multicast or (for an adapter) link-local address; a gateway may be link-local", () => {
    for (const a of ["::", "::1", "ff02::1", "fe80::1", "FE80::abcd"]) expect(isAssignableIPv6(a), a).toBe(false);
    for (const a of ["2001:db8::11", "fd00::1", "::ffff:10.0.0.1"]) expect(isAssignableIPv6(a), a).toBe(true);
    expect(isAssignableIPv6("fe80::1", true)).toBe(true);
    expect(isAssignableIPv6("ff02::2", true)).toBe(false);
  });

  it("the wizard's IPv4 page refuses them as the adapter's address, and a gateway that is the network or broadcast address", () => {
    const s = { mode: "static", address: "172.16.30.11", subnetMask: "255.255.255.0", overrideGateway: false };
    for (const address of ["127.0.0.1", "224.0.0.5", "169.254.10.10"])
      expect(messages(ipv4SettingsSchema.safeParse({ ...s, address })), address).toEqual({ address: "ipv4.notAssignable" });
    const gw = (defaultGateway: string) => messages(ipv4SettingsSchema.safeParse({ ...s, overrideGateway: true, defaultGateway }));
    expect(gw("172.16.30.0")).toEqual({ defaultGateway: "gateway.networkOrBroadcast" });
    expect(gw("172.16.30.255")).toEqual({ defaultGateway: "gateway.networkOrBroadcast" });
    expect(gw("172.16.30.11")).toEqual({ defaultGateway: "gateway.isAddress" });
    expect(gw("172.16.30.1")).toEqual({});
  });

  it("the wizard's IPv6 page refuses them as static addresses and as the gateway", () => {
    const s = { dhcpV6: false, routerAdvertisement: false, overrideGateway: false };
    for (const address of ["::1", "::", "ff02::1", "fe80::1"])
      expect(messages(ipv6SettingsSchema.safeParse({ ...s, staticAddresses: [{ address, prefixLength: 64 }] })), address).toEqual({
        "staticAddresses.0.address": "ipv6.notAssignable",
      });
    const withGateway = (defaultGateway: string) =>
      messages(
        ipv6SettingsSchema.safeParse({
          ...s,
          staticAddresses: [{ address: "2001:db8::11", prefixLength: 64 }],
          overrideGateway: true,
          defaultGateway,
        }),
      );
    expect(withGateway("ff02::2")).toEqual({ defaultGateway: "gateway.notAssignable" });
    expect(withGateway("fe80::1")).toEqual({});
  });
});

describe("a TCP/IP stack's default gateway", () => {
  const adapters = [{ address: "172.16.30.11", mask: "255.255.255.0" }];
  it("is refused when it is the subnet's network or broadcast address, an adapter's own, reserved, or outside every subnet", () => {
    expect(stackGatewayProblem("172.16.30.0", adapters)).toBe("gateway.networkOrBroadcast");
    expect(stackGatewayProblem("172.16.30.255", adapters)).toBe("gateway.networkOrBroadcast");
    expect(stackGatewayProblem("172.16.30.11", adapters)).toBe("gateway.isAddress");
    expect(stackGatewayProblem("127.0.0.1", adapters)).toBe("gateway.notAssignable");
    expect(stackGatewayProblem("172.16.31.1", adapters)).toBe("gateway.outsideStackSubnets");
    expect(stackGatewayProblem("172.16.30.1", adapters)).toBeUndefined();
    // Without static adapters only the address itself can be judged.
    expect(stackGatewayProblem("172.16.30.0", [])).toBeUndefined();
    expect(stackGatewayProblem("224.0.0.1", [])).toBe("gateway.notAssignable");
  });
});
