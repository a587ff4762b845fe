/**
 * esxcli through vCenter at the wire, as govc host.esxcli sends it: a host's ReflectManagedMethodExecuter runs
 * ExecuteSoap with a handler's moid, a method and XML-text arguments, and answers with XML text, or with the esxcli
 * fault. Each command's change is checked on the host, read back through the PropertyCollector; each refusal changes
 * nothing. Distributed ports as FetchDVPorts lists them are here too: the esxcli route connects to one by its key.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { escapeXml, parseXml } from "@addnet/vim25";

import { child, children, Client, ref, text, type Reply } from "./client.ts";
import { el, expectFault, expectOk, Harness, READONLY, staticIp } from "./host-net-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

async function executer(short: string, c: Client = h.admin): Promise<string> {
  const reply = expectOk(await c.call("RetrieveManagedMethodExecuter", ref("HostSystem", h.host(short).ref.value)));
  expect(child(reply.body, "returnval")!.attrs.get("type")).toBe("ReflectManagedMethodExecuter");
  return text(reply.body, "returnval")!;
}

/** ExecuteSoap as govc builds it: moid and method from the command's words, each argument as <name>value</name>. */
async function executeSoap(short: string, moid: string, method: string, args: Record<string, string>, c = h.admin): Promise<Reply> {
  const argument = Object.entries(args)
    .map(([name, val]) => `<argument>${el("name", name)}${el("val", `<${name}>${val}</${name}>`)}</argument>`)
    .join("");
  return c.call(
    "ExecuteSoap",
    ref("ReflectManagedMethodExecuter", await executer(short, c)),
    el("moid", moid) + el("version", "urn:vim25/5.0") + el("method", method) + argument,
  );
}

function esxcli(short: string, words: string, args: Record<string, string>, c = h.admin): Promise<Reply> {
  const parts = words.split(" ");
  return executeSoap(short, `ha-cli-handler-${parts.slice(0, -1).join("-")}`, `vim.EsxCLI.${parts.join(".")}`, args, c);
}

/** The command's answer: its response, or its fault's message, the detail's type and esxcli's lines. */
function result(reply: Reply): { response?: string; faultMsg?: string; faultType?: string; errMsg?: string[] } {
  const returnval = child(expectOk(reply).body, "returnval");
  const fault = child(returnval, "fault");
  if (!fault) return { response: text(returnval, "response") };
  const detail = parseXml(text(fault, "faultDetail")!);
  return {
    faultMsg: text(fault, "faultMsg"),
    faultType: detail.attrs.get("{http://www.w3.org/2001/XMLSchema-instance}type"),
    errMsg: children(detail, "errMsg").map((e) => e.text),
  };
}

const TRUE = { response: expect.stringMatching(/xsi:type="xsd:boolean">true<\/obj>$/) as unknown as string };

/** A refused command: esxcli's fault with the host's words, and nothing changed. */
async function expectCliFault(short: string, words: string, args: Record<string, string>, message: RegExp): Promise<void> {
  const before = await h.state(short);
  const r = result(await esxcli(short, words, args));
  expect(r).toMatchObject({ faultMsg: "EsxCLI.CLIFault.summary", faultType: "VimEsxCLICLIFault" });
  expect(r.errMsg!.join(" ")).toMatch(message);
  await h.expectUnchanged(short, before);
}

/** FetchDVPorts of the lab switch with criteria, as raw XML; each port's key, group and what connects to it. */
async function dvPorts(criteria: string): Promise<{ key: string; portgroupKey?: string; nicKey?: string; host?: string }[]> {
  const dvs = [...h.running.sim.allObjects()].find((o) => o.type === "VmwareDistributedVirtualSwitch")!;
  const reply = expectOk(
    await h.admin.call("FetchDVPorts", ref("VmwareDistributedVirtualSwitch", dvs.ref.value), `<criteria>${criteria}</criteria>`),
  );
  return children(reply.body, "returnval").map((p) => ({
    key: text(p, "key")!,
    portgroupKey: text(p, "portgroupKey"),
    nicKey: text(child(p, "connectee"), "nicKey"),
    host: text(child(p, "connectee"), "connectedEntity"),
  }));
}

describe("the host's esxcli objects", () => {
  it("hands out its method executer and its dynamic type manager", async () => {
    const hostRef = ref("HostSystem", h.host("esx-01").ref.value);
    expect(await executer("esx-01")).toBe(h.host("esx-01").methodExecuter.ref.value);
    const dtm = child(expectOk(await h.admin.call("RetrieveDynamicTypeManager", hostRef)).body, "returnval")!;
    expect(dtm.attrs.get("type")).toBe("InternalDynamicTypeManager");
    expect(dtm.text).toBe(h.host("esx-01").dynamicTypeManager.ref.value);
  });

  it("describes a namespace's commands and their options, and answers NotFound for a namespace it does not have", async () => {
    const info = result(
      await executeSoap("esx-01", "ha-dynamic-type-manager-local-cli-cliinfo", "vim.CLIInfo.FetchCLIInfo", {
        typeName: "vim.EsxCLI.network.ip.interface",
      }),
    );
    const obj = parseXml(info.response!);
    expect(text(obj, "name")).toBe("vim.EsxCLI.network.ip.interface");
    const add = children(obj, "method").find((m) => text(m, "name") === "add")!;
    const params = children(add, "param").map((p) => [text(p, "name"), children(p, "aliases").map((a) => a.text)]);
    expect(params).toContainEqual(["interfacename", ["--interface-name", "-i"]]);
    expect(params).toContainEqual(["dvportid", ["--dvport-id", "-v"]]);
    expect(params).toContainEqual(["netstack", ["--netstack", "-N"]]);
    const missing = result(
      await executeSoap("esx-01", "ha-dynamic-type-manager-local-cli-cliinfo", "vim.CLIInfo.FetchCLIInfo", {
        typeName: "vim.EsxCLI.storage.nfs",
      }),
    );
    expect(missing).toMatchObject({ faultMsg: "The object or item referred to could not be found.", faultType: "NotFound" });
  });
});

describe("esxcli's network commands change the host as vim25's calls do", () => {
  it("adds a named VMkernel adapter on a standard port group, then sets its IPv4, gateway and IPv6 settings", async () => {
    expectOk(await h.addPortGroup("esx-01", { name: "PG-vMotion", vlanId: 30 }));
    expect(
      result(
        await esxcli("esx-01", "network ip interface add", {
          interfacename: "vmk7",
          portgroupname: "PG-vMotion",
          mtu: "9000",
          netstack: "vmotion",
        }),
      ),
    ).toEqual(TRUE);
    let vnic = (await h.expectConsistent("esx-01")).net.vnic!.find((v) => v.device === "vmk7")!;
    expect(vnic).toMatchObject({ portgroup: "PG-vMotion", spec: { mtu: 9000, netStackInstanceKey: "vmotion", ip: { dhcp: false } } });
    expect(vnic.spec.ip!.ipAddress).toBeUndefined();
    // The first vmk on the vMotion stack carries vMotion, as AddVirtualNic's does.
    expect(Harness.selected(await h.read("esx-01"), "vmotion")).toEqual(["vmk7"]);

    expect(
      result(
        await esxcli("esx-01", "network ip interface ipv4 set", {
          interfacename: "vmk7",
          type: "static",
          ipv4: "192.168.30.11",
          netmask: "255.255.255.0",
          gateway: "192.168.30.1",
        }),
      ),
    ).toEqual(TRUE);
    expect(
      result(
        await esxcli("esx-01", "network ip interface ipv6 set", { interfacename: "vmk7", enabledhcpv6: "false", enablerouteradv: "false" }),
      ),
    ).toEqual(TRUE);
    expect(
      result(await esxcli("esx-01", "network ip interface ipv6 address add", { interfacename: "vmk7", ipv6: "fd00:30::11/64" })),
    ).toEqual(TRUE);
    vnic = (await h.expectConsistent("esx-01")).net.vnic!.find((v) => v.device === "vmk7")!;
    expect(vnic.spec.ip).toMatchObject({
      dhcp: false,
      ipAddress: "192.168.30.11",
      subnetMask: "255.255.255.0",
      ipV6Config: { autoConfigurationEnabled: false, dhcpV6Enabled: false, ipV6Address: [{ ipAddress: "fd00:30::11", prefixLength: 64 }] },
    });
    expect(vnic.spec.ipRouteSpec?.ipRouteConfig).toMatchObject({ defaultGateway: "192.168.30.1" });

    expect(result(await esxcli("esx-01", "network ip interface ipv4 set", { interfacename: "vmk7", type: "dhcp" }))).toEqual(TRUE);
    vnic = (await h.read("esx-01")).net.vnic!.find((v) => v.device === "vmk7")!;
    expect(vnic.spec.ip).toMatchObject({ dhcp: true });
    expect(vnic.spec.ip!.ipAddress).toBeUndefined();
  });

  it("connects an adapter to the distributed port FetchDVPorts lists first as free, which is then taken", async () => {
    const { portgroups } = await h.distributedSwitch();
    const storage = portgroups.get("DPG-Storage")!.key;
    const free = `<connected>false</connected><active>false</active><uplinkPort>false</uplinkPort><portgroupKey>${storage}</portgroupKey><inside>true</inside>`;
    const [first, second] = await dvPorts(free);
    expect(first).toEqual({ key: expect.stringMatching(/^\d+$/), portgroupKey: storage });
    expect(
      result(
        await esxcli("esx-05", "network ip interface add", {
          interfacename: "vmk1",
          dvsname: "DSwitch-Lab",
          dvportid: first!.key,
          mtu: "9000",
        }),
      ),
    ).toEqual(TRUE);
    const vnic = (await h.expectConsistent("esx-05")).net.vnic!.find((v) => v.device === "vmk1")!;
    expect(vnic.spec.distributedVirtualPort).toMatchObject({ portgroupKey: storage, portKey: first!.key });
    expect((await dvPorts(free))[0]!.key).toBe(second!.key);
    expect(await dvPorts(`<connected>true</connected><portgroupKey>${storage}</portgroupKey><inside>true</inside>`)).toEqual([
      { key: first!.key, portgroupKey: storage, nicKey: "vmk1", host: h.host("esx-05").ref.value },
    ]);
    // The port is taken: another host cannot connect to it, and AddVirtualNic by group takes the next free one.
    await expectCliFault(
      "esx-06",
      "network ip interface add",
      { interfacename: "vmk1", dvsname: "DSwitch-Lab", dvportid: first!.key },
      /in use/,
    );
    expectOk(
      await h.addVirtualNic("esx-06", "", {
        dvPort: { switchUuid: (await h.distributedSwitch()).uuid, portgroupKey: storage },
        ip: { dhcp: true },
      }),
    );
    expect(h.host("esx-06").vnic("vmk1")!.spec.distributedVirtualPort!.portKey).toBe(second!.key);
  });

  it("adds an uplink to a standard switch and sets its failover order: an adapter neither active nor standby is unused", async () => {
    expectOk(await h.addVirtualSwitch("esx-01", "vSwitch1", { nicDevice: ["vmnic2"] }));
    expect(
      result(await esxcli("esx-01", "network vswitch standard uplink add", { uplinkname: "vmnic3", vswitchname: "vSwitch1" })),
    ).toEqual(TRUE);
    let vswitch = (await h.expectConsistent("esx-01")).net.vswitch!.find((v) => v.name === "vSwitch1")!;
    expect(vswitch.pnic).toEqual(["key-vim.host.PhysicalNic-vmnic2", "key-vim.host.PhysicalNic-vmnic3"]);
    expect(vswitch.spec.policy!.nicTeaming!.nicOrder).toEqual({ activeNic: ["vmnic2", "vmnic3"], standbyNic: [] });
    expect(
      result(
        await esxcli("esx-01", "network vswitch standard policy failover set", {
          vswitchname: "vSwitch1",
          activeuplinks: "vmnic3",
          standbyuplinks: "",
        }),
      ),
    ).toEqual(TRUE);
    vswitch = (await h.read("esx-01")).net.vswitch!.find((v) => v.name === "vSwitch1")!;
    expect(vswitch.spec.policy!.nicTeaming!.nicOrder).toEqual({ activeNic: ["vmnic3"], standbyNic: [] });
    expect(vswitch.pnic).toEqual(["key-vim.host.PhysicalNic-vmnic2", "key-vim.host.PhysicalNic-vmnic3"]);
  });

  it("tags an adapter for vSAN witness traffic, as UpdateVsan_Task does", async () => {
    const vmk = await h.addVmk("esx-02", "PG-Witness", { ip: { dhcp: true } });
    expect(result(await esxcli("esx-02", "vsan network ip add", { interfacename: vmk, traffictype: "witness" }))).toEqual(TRUE);
    expect(h.host("esx-02").vsanPorts.get(vmk)).toEqual(["witness"]);
    expect(Harness.selected(await h.expectConsistent("esx-02"), "vsanWitness")).toEqual([vmk]);
  });
});

describe("esxcli's stack commands edit the TCP/IP stack as UpdateNetworkConfig's netStackSpec edit does", () => {
  const stackOf = async (short: string, key: string) => (await h.expectConsistent(short)).net.netStackInstance!.find((s) => s.key === key)!;

  it("sets the vMotion stack's congestion control, maximum connections, gateways and DNS once it has an adapter", async () => {
    await h.addVmk("esx-01", "PG-vMotion", { ip: staticIp("192.168.30.11"), stack: "vmotion" });
    const run = async (words: string, args: Record<string, string>) => expect(result(await esxcli("esx-01", words, args))).toEqual(TRUE);
    await run("network ip netstack set", { netstack: "vmotion", ccalgo: "cubic", maxconn: "12000" });
    await run("network ip route ipv4 add", { network: "default", gateway: "192.168.30.1", netstack: "vmotion" });
    await run("network ip route ipv6 add", { network: "default", gateway: "fd00:30::1", netstack: "vmotion" });
    await run("network ip dns server add", { server: "10.10.0.2", netstack: "vmotion" });
    await run("network ip dns server add", { server: "fd00::53", netstack: "vmotion" });
    await run("network ip dns search add", { domain: "lab.local", netstack: "vmotion" });
    expect(await stackOf("esx-01", "vmotion")).toMatchObject({
      name: "vmotion",
      congestionControlAlgorithm: "cubic",
      requestedMaxNumberOfConnections: 12000,
      ipRouteConfig: { defaultGateway: "192.168.30.1", ipV6DefaultGateway: "fd00:30::1" },
      dnsConfig: { dhcp: false, hostName: "localhost", domainName: "", address: ["10.10.0.2", "fd00::53"], searchDomain: ["lab.local"] },
    });
    // A new maximum takes effect at the next boot, as with vim25's edit (R25).
    expect(Harness.runtimeStack(await h.read("esx-01"), "vmotion").maxNumberOfConnections).toBe(11000);
    // The default stack is untouched.
    expect((await stackOf("esx-01", "defaultTcpipStack")).ipRouteConfig).toMatchObject({ defaultGateway: "10.10.0.1" });

    // A gateway replaced: esxcli refuses a second default route, so the old one goes first.
    await expectCliFault(
      "esx-01",
      "network ip route ipv4 add",
      { network: "default", gateway: "192.168.30.254", netstack: "vmotion" },
      /default ipv4 route already exists/,
    );
    await expectCliFault(
      "esx-01",
      "network ip route ipv4 remove",
      { network: "default", gateway: "192.168.30.9", netstack: "vmotion" },
      /no default ipv4 route through 192\.168\.30\.9/,
    );
    await run("network ip route ipv4 remove", { network: "default", gateway: "192.168.30.1", netstack: "vmotion" });
    expect((await stackOf("esx-01", "vmotion")).ipRouteConfig?.defaultGateway).toBeUndefined();
    await run("network ip route ipv4 add", { network: "default", gateway: "192.168.30.254", netstack: "vmotion" });
    await run("network ip dns server remove", { all: "true", netstack: "vmotion" });
    await run("network ip dns search remove", { domain: "lab.local", netstack: "vmotion" });
    expect(await stackOf("esx-01", "vmotion")).toMatchObject({
      ipRouteConfig: { defaultGateway: "192.168.30.254", ipV6DefaultGateway: "fd00:30::1" },
      dnsConfig: { address: [], searchDomain: [] },
    });
  });

  it("sets the host's name and domain on the default stack, the host-wide DNS with it", async () => {
    expect(result(await esxcli("esx-02", "system hostname set", { host: "esx-02b", domain: "dev.local" }))).toEqual(TRUE);
    const rb = await h.expectConsistent("esx-02");
    expect(rb.net.netStackInstance!.find((s) => s.key === "defaultTcpipStack")!.dnsConfig).toMatchObject({
      hostName: "esx-02b",
      domainName: "dev.local",
      address: ["10.10.0.2", "10.10.0.3"],
    });
    expect(rb.net.dnsConfig).toMatchObject({ hostName: "esx-02b", domainName: "dev.local" });
  });

  it("refuses a stack the host does not have, an inactive stack, a bad address or value, and changes nothing", async () => {
    await expectCliFault("esx-01", "network ip netstack set", { netstack: "nope", ccalgo: "cubic" }, /TCP\/IP stack nope does not exist/);
    await expectCliFault("esx-01", "network ip netstack set", { ccalgo: "cubic" }, /Missing required parameter --netstack\|-N/);
    // No adapter is on the vMotion stack yet: it is not active.
    await expectCliFault(
      "esx-01",
      "network ip route ipv4 add",
      { network: "default", gateway: "192.168.30.1", netstack: "vmotion" },
      /vmotion is not active/,
    );
    await h.addVmk("esx-01", "PG-vMotion", { ip: staticIp("192.168.30.11"), stack: "vmotion" });
    await expectCliFault(
      "esx-01",
      "network ip route ipv4 add",
      { network: "default", gateway: "fd00:30::1", netstack: "vmotion" },
      /'fd00:30::1' is not an IPv4 address/,
    );
    await expectCliFault(
      "esx-01",
      "network ip route ipv6 add",
      { network: "default", gateway: "192.168.30.1", netstack: "vmotion" },
      /'192\.168\.30\.1' is not an IPv6 address/,
    );
    await expectCliFault(
      "esx-01",
      "network ip route ipv4 add",
      { network: "10.20.0.0/16", gateway: "192.168.30.1", netstack: "vmotion" },
      /Only the default ipv4 route is simulated/,
    );
    await expectCliFault("esx-01", "network ip dns server add", { server: "dns1", netstack: "vmotion" }, /'dns1' is not an IPv4 address/);
    await expectCliFault("esx-01", "network ip dns server remove", { netstack: "vmotion" }, /Either --server or --all/);
    await expectCliFault(
      "esx-01",
      "network ip dns search remove",
      { domain: "x.local", netstack: "vmotion" },
      /x\.local is not in the list/,
    );
    await expectCliFault("esx-01", "network ip netstack set", { netstack: "vmotion", ccalgo: "bbr" }, /newreno or cubic/);
    await expectCliFault("esx-01", "network ip netstack set", { netstack: "vmotion", maxconn: "many" }, /Invalid maximum number/);
    await expectCliFault(
      "esx-01",
      "network ip netstack set",
      { netstack: "vmotion", name: "vMotion" },
      /system TCP\/IP stack cannot be renamed/,
    );
    const readonly = await h.login(READONLY);
    const before = await h.state("esx-01");
    expectFault(await esxcli("esx-01", "network ip netstack set", { netstack: "vmotion", ccalgo: "cubic" }, readonly), "NoPermission");
    await h.expectUnchanged("esx-01", before);
  });
});

describe("esxcli refuses as the host does, and changes nothing", () => {
  it("answers a refused command with esxcli's fault and the host's words", async () => {
    expectOk(await h.addPortGroup("esx-01", { name: "PG-A" }));
    await expectCliFault("esx-01", "network ip interface add", { interfacename: "vmk0", portgroupname: "PG-A" }, /vmk0.*already exists/);
    await expectCliFault(
      "esx-01",
      "network ip interface add",
      { interfacename: "vmk1", portgroupname: "PG-A", mtu: "100" },
      /MTU 100 is not within 1280-9000/,
    );
    await expectCliFault(
      "esx-01",
      "network ip interface add",
      { interfacename: "vmk1", portgroupname: "PG-A", dvsname: "DSwitch-Lab" },
      /Either --portgroup-name/,
    );
    await expectCliFault(
      "esx-01",
      "network ip interface add",
      { interfacename: "vmk1", portgroupname: "PG-A", netstack: "nope" },
      /TCP\/IP stack nope does not exist/,
    );
    await expectCliFault("esx-01", "network ip interface ipv4 set", { interfacename: "vmk9", type: "dhcp" }, /vmk9.*does not exist/);
    await expectCliFault(
      "esx-01",
      "network ip interface ipv4 set",
      { interfacename: "vmk0", type: "static", ipv4: "10.10.0.11" },
      /needs --ipv4 and --netmask/,
    );
    await expectCliFault("esx-01", "network ip interface ipv4 set", { interfacename: "vmk0", type: "bogus" }, /Invalid IPv4 type 'bogus'/);
    await expectCliFault(
      "esx-01",
      "network ip interface ipv6 set",
      { interfacename: "vmk0", enabledhcpv6: "maybe" },
      /Invalid boolean value 'maybe'/,
    );
    await expectCliFault(
      "esx-01",
      "network vswitch standard uplink add",
      { uplinkname: "vmnic0", vswitchname: "vSwitch0" },
      /listed twice/,
    );
    await expectCliFault(
      "esx-01",
      "network vswitch standard policy failover set",
      { vswitchname: "vSwitch0", activeuplinks: "vmnic3" },
      /must be bridged adapters/,
    );
    // IPv6 is off on esx-03: it takes no router advertisement.
    await expectCliFault(
      "esx-03",
      "network ip interface ipv6 set",
      { interfacename: "vmk0", enablerouteradv: "true" },
      /IPv6 is not enabled/,
    );
  });

  it("refuses a request that is not esxcli's with InvalidArgument naming the part", async () => {
    const before = await h.state("esx-01");
    const detail = expectFault(await esxcli("esx-01", "network ip interface bogus", { interfacename: "vmk1" }), "InvalidArgument");
    expect(text(detail, "invalidProperty")).toBe("method");
    expect(
      text(
        expectFault(await executeSoap("esx-01", "ha-cli-handler-storage-nfs", "vim.EsxCLI.storage.nfs.add", {}), "InvalidArgument"),
        "invalidProperty",
      ),
    ).toBe("moid");
    expect(
      text(expectFault(await esxcli("esx-01", "network ip interface add", { nosuch: "1" }), "InvalidArgument"), "invalidProperty"),
    ).toBe("argument");
    // govc sends the value unescaped: text that is not XML is refused, not guessed at.
    const raw = await h.admin.call(
      "ExecuteSoap",
      ref("ReflectManagedMethodExecuter", await executer("esx-01")),
      el("moid", "ha-cli-handler-network-ip-interface") +
        el("version", "urn:vim25/5.0") +
        el("method", "vim.EsxCLI.network.ip.interface.add") +
        `<argument>${el("name", "portgroupname")}<val>${escapeXml("<portgroupname>A&B</portgroupname>")}</val></argument>`,
    );
    expect(text(expectFault(raw, "InvalidArgument"), "invalidProperty")).toBe("argument");
    await h.expectUnchanged("esx-01", before);
  });

  it("runs a command only for a user who may change the host's networking", async () => {
    const readonly = await h.login(READONLY);
    const before = await h.state("esx-01");
    expectFault(await esxcli("esx-01", "network ip interface ipv4 set", { interfacename: "vmk0", type: "dhcp" }, readonly), "NoPermission");
    await h.expectUnchanged("esx-01", before);
  });
});
