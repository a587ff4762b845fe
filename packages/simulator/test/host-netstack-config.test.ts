/** HostNetworkSystem.UpdateNetworkConfig netStackSpec edits (the "Edit TCP/IP stack" dialog, spec §3, §4.6). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { child, text } from "./client.ts";
import { DEFAULT_STACK, expectOk, Harness, staticIp, type StackEdit } from "./host-net-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const stackOf = (rb: Awaited<ReturnType<Harness["read"]>>, key: string) => rb.net.netStackInstance!.find((s) => s.key === key)!;

/** Makes the vmotion stack active by putting a vmk on it (R7). */
const activateVmotion = (host = "esx-01") => h.addVmk(host, "VMK-vMotion", { ip: staticIp("192.168.30.11"), stack: "vmotion" });

describe("UpdateNetworkConfig netStackSpec edit (changeMode modify)", () => {
  it("sets the default stack's gateway, DNS, congestion control and requested max connections", async () => {
    const reply = expectOk(
      await h.editStacks("esx-01", [
        {
          key: DEFAULT_STACK,
          gateway: "10.10.0.254",
          dns: {
            hostName: "esx-01",
            domainName: "corp.local",
            address: ["10.10.0.53", "10.10.0.54"],
            searchDomain: ["corp.local", "lab.local"],
          },
          congestionControl: "cubic",
          maxConnections: 20000,
        },
      ]),
    );
    expect(child(reply.body, "returnval")).toBeDefined();

    const stack = h.host("esx-01").stack(DEFAULT_STACK)!;
    expect(stack.ipRouteConfig?.defaultGateway).toBe("10.10.0.254");
    expect(stack.dnsConfig?.address).toEqual(["10.10.0.53", "10.10.0.54"]);
    expect(stack.congestionControlAlgorithm).toBe("cubic");
    expect(stack.requestedMaxNumberOfConnections).toBe(20000);

    const rb = await h.expectConsistent("esx-01");
    const back = stackOf(rb, DEFAULT_STACK);
    expect(back.ipRouteConfig).toMatchObject({ defaultGateway: "10.10.0.254" });
    // Polymorphic fields carry xsi:type on the wire (§4.7).
    const wire = await h.wireState("esx-01");
    expect(wire).toContain('<ipRouteConfig xsi:type="HostIpRouteConfig"><defaultGateway>10.10.0.254</defaultGateway>');
    expect(wire).toMatch(
      /<dnsConfig xsi:type="HostDnsConfig"><dhcp>false<\/dhcp><hostName>esx-01<\/hostName><domainName>corp\.local<\/domainName>/,
    );
    expect(back.dnsConfig).toMatchObject({
      dhcp: false,
      hostName: "esx-01",
      domainName: "corp.local",
      address: ["10.10.0.53", "10.10.0.54"],
      searchDomain: ["corp.local", "lab.local"],
    });
    expect(back.congestionControlAlgorithm).toBe("cubic");
    expect(back.requestedMaxNumberOfConnections).toBe(20000);
    // The host-wide DNS and routing are the default stack's.
    expect(rb.net.dnsConfig).toEqual(back.dnsConfig);
    expect(rb.net.ipRouteConfig?.defaultGateway).toBe("10.10.0.254");
    // R25: the requested maximum applies after a reboot; the runtime value stays.
    expect(Harness.runtimeStack(rb, DEFAULT_STACK).maxNumberOfConnections).toBe(11000);
    // Other hosts are untouched.
    expect(h.host("esx-02").stack(DEFAULT_STACK)!.ipRouteConfig?.defaultGateway).toBe("10.10.0.1");
  });

  it("refuses an inactive stack with PlatformConfigFault, and edits it once a vmk makes it active (R7)", async () => {
    const detail = await h.expectRefused("esx-01", "PlatformConfigFault", () =>
      h.editStacks("esx-01", [{ key: "vmotion", gateway: "192.168.30.1", congestionControl: "cubic" }]),
    );
    expect(text(detail, "text")).toMatch(/vmotion/);
    expect(h.host("esx-01").stack("vmotion")!.ipRouteConfig?.defaultGateway).toBeUndefined();

    await activateVmotion();
    expectOk(
      await h.editStacks("esx-01", [{ key: "vmotion", gateway: "192.168.30.1", congestionControl: "cubic", maxConnections: 15000 }]),
    );
    const rb = await h.expectConsistent("esx-01");
    const vmotion = stackOf(rb, "vmotion");
    expect(vmotion.ipRouteConfig?.defaultGateway).toBe("192.168.30.1");
    expect(vmotion.congestionControlAlgorithm).toBe("cubic");
    expect(vmotion.requestedMaxNumberOfConnections).toBe(15000);
    expect(Harness.runtimeStack(rb, "vmotion")).toMatchObject({ state: "active", maxNumberOfConnections: 11000 });
    // One gateway per stack (R6): the default stack keeps its own.
    expect(stackOf(rb, DEFAULT_STACK).ipRouteConfig?.defaultGateway).toBe("10.10.0.1");
    // The Provisioning stack is still inactive.
    await h.expectRefused("esx-01", "PlatformConfigFault", () =>
      h.editStacks("esx-01", [{ key: "vSphereProvisioning", gateway: "192.168.40.1" }]),
    );
  });

  it("refuses the stack again once its last vmk is gone", async () => {
    const vmk = await activateVmotion();
    expectOk(await h.removeVirtualNic("esx-01", vmk));
    await h.expectRefused("esx-01", "PlatformConfigFault", () => h.editStacks("esx-01", [{ key: "vmotion", gateway: "192.168.30.1" }]));
  });

  it("edits a custom stack that has a vmk (esx-09's NFS stack)", async () => {
    expectOk(await h.editStacks("esx-09", [{ key: "NFS", gateway: "10.60.0.254", congestionControl: "cubic" }]));
    const rb = await h.expectConsistent("esx-09");
    expect(stackOf(rb, "NFS")).toMatchObject({ congestionControlAlgorithm: "cubic", ipRouteConfig: { defaultGateway: "10.60.0.254" } });
  });

  it.each(["newreno", "cubic"])("accepts congestion control %s", async (cc) => {
    expectOk(await h.editStacks("esx-01", [{ key: DEFAULT_STACK, congestionControl: cc }]));
    expect(stackOf(await h.expectConsistent("esx-01"), DEFAULT_STACK).congestionControlAlgorithm).toBe(cc);
  });

  it.each(["bbr", "reno", "CUBIC", ""])("refuses congestion control '%s' with InvalidArgument", async (cc) => {
    await h.expectRefused("esx-01", "InvalidArgument", () => h.editStacks("esx-01", [{ key: DEFAULT_STACK, congestionControl: cc }]));
  });

  it.each<[string, StackEdit]>([
    ["a gateway that is not an IPv4 address", { key: DEFAULT_STACK, gateway: "10.10.0" }],
    [
      "a DNS server that is not an address",
      { key: DEFAULT_STACK, dns: { hostName: "esx-01", domainName: "lab.local", address: ["dns.lab.local"] } },
    ],
    ["a host name with a dot", { key: DEFAULT_STACK, dns: { hostName: "esx-01.lab.local", domainName: "lab.local" } }],
    [
      "DNS from DHCP on a vmk that does not exist",
      { key: DEFAULT_STACK, dns: { dhcp: true, virtualNicDevice: "vmk9", hostName: "esx-01", domainName: "" } },
    ],
    ["zero max connections", { key: DEFAULT_STACK, maxConnections: 0 }],
    ["renaming a system stack", { key: DEFAULT_STACK, name: "main" }],
  ])("refuses %s with InvalidArgument", async (_label, edit) => {
    await h.expectRefused("esx-01", "InvalidArgument", () => h.editStacks("esx-01", [edit]));
  });

  it("refuses an unknown stack key with NotFound", async () => {
    await h.expectRefused("esx-01", "NotFound", () => h.editStacks("esx-01", [{ key: "vxlan", gateway: "192.168.99.1" }]));
    await h.expectRefused("esx-01", "NotFound", () => h.editStacks("esx-01", [{ key: "NFS", gateway: "10.60.0.254" }]));
  });

  it("refuses replace mode with NotSupported", async () => {
    await h.expectRefused("esx-01", "NotSupported", () =>
      h.editStacks("esx-01", [{ key: DEFAULT_STACK, gateway: "10.10.0.254" }], "replace"),
    );
  });

  it("refuses a changeMode that is neither modify nor replace with InvalidArgument", async () => {
    await h.expectRefused("esx-01", "InvalidArgument", () =>
      h.editStacks("esx-01", [{ key: DEFAULT_STACK, gateway: "10.10.0.254" }], "merge"),
    );
  });

  it.each(["add", "remove"])("refuses netStackSpec operation %s with NotSupported (R23)", async (operation) => {
    await h.expectRefused("esx-01", "NotSupported", () => h.editStacks("esx-01", [{ key: "NEW", operation }]));
    await h.expectRefused("esx-01", "NotSupported", () =>
      h.editStacks("esx-01", [{ key: DEFAULT_STACK, gateway: "10.10.0.254", operation }]),
    );
  });

  it("treats a netStackSpec without an operation as an edit", async () => {
    expectOk(await h.editStacks("esx-01", [{ key: DEFAULT_STACK, gateway: "10.10.0.254", operation: null }]));
    expect(h.host("esx-01").stack(DEFAULT_STACK)!.ipRouteConfig?.defaultGateway).toBe("10.10.0.254");
  });

  it("refuses other parts of the config (a vSwitch or vnic change) with NotSupported", async () => {
    await h.expectRefused("esx-01", "NotSupported", () =>
      h.updateNetworkConfig(
        "esx-01",
        "<vswitch><changeOperation>add</changeOperation><name>vSwitch1</name><spec><numPorts>128</numPorts></spec></vswitch>",
      ),
    );
    await h.expectRefused("esx-01", "NotSupported", () =>
      h.updateNetworkConfig(
        "esx-01",
        "<vnic><changeOperation>remove</changeOperation><device>vmk0</device><portgroup>Management Network</portgroup></vnic>" +
          `<netStackSpec><netStackInstance><key>${DEFAULT_STACK}</key><congestionControlAlgorithm>cubic</congestionControlAlgorithm></netStackInstance><operation>edit</operation></netStackSpec>`,
      ),
    );
  });

  it("applies several edits together", async () => {
    await activateVmotion();
    expectOk(
      await h.editStacks("esx-01", [
        { key: DEFAULT_STACK, gateway: "10.10.0.254" },
        { key: "vmotion", gateway: "192.168.30.1", congestionControl: "cubic" },
      ]),
    );
    const rb = await h.expectConsistent("esx-01");
    expect(stackOf(rb, DEFAULT_STACK).ipRouteConfig?.defaultGateway).toBe("10.10.0.254");
    expect(stackOf(rb, "vmotion")).toMatchObject({
      congestionControlAlgorithm: "cubic",
      ipRouteConfig: { defaultGateway: "192.168.30.1" },
    });
  });

  it.each<[string, StackEdit, string]>([
    ["a bad congestion control", { key: "vmotion", congestionControl: "bbr" }, "InvalidArgument"],
    ["an inactive stack", { key: "vSphereProvisioning", gateway: "192.168.40.1" }, "PlatformConfigFault"],
    ["an unknown stack", { key: "vxlan", gateway: "192.168.99.1" }, "NotFound"],
    ["an add operation", { key: "vmotion", gateway: "192.168.30.1", operation: "add" }, "NotSupported"],
  ])("changes nothing when one spec among several has %s", async (_label, bad, fault) => {
    await activateVmotion();
    const good: StackEdit[] = [
      { key: DEFAULT_STACK, gateway: "10.10.0.254", congestionControl: "cubic", maxConnections: 30000 },
      { key: "vmotion", gateway: "192.168.30.1" },
    ];
    await h.expectRefused("esx-01", fault, () => h.editStacks("esx-01", [...good, bad]));
    await h.expectRefused("esx-01", fault, () => h.editStacks("esx-01", [bad, ...good]));
    const stack = h.host("esx-01").stack(DEFAULT_STACK)!;
    expect(stack.ipRouteConfig?.defaultGateway).toBe("10.10.0.1");
    expect(stack.congestionControlAlgorithm).toBe("newreno");
    expect(stack.requestedMaxNumberOfConnections).toBe(11000);
  });
});
