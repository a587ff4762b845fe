/**
 * The exports' text: parsed by a real parser of each language (HashiCorp's HCL through @cdktf/hcl2json, tree-sitter's
 * PowerShell grammar, the yaml package, bash -n), every parameter checked against the names the tool's documentation
 * gives, no credentials, the same text for the same input, and a comment wherever a tool cannot express a field.
 * The Ansible playbook and the govc script also run against the simulator: apps/api/test/export-interop.test.ts.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

import { parse as parseHcl } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { Language, Parser, type Node } from "web-tree-sitter";
import { parse as parseYaml } from "yaml";

import {
  EXPORT_FORMATS,
  exportPlan,
  nextSwitchName,
  nextVmkernelDevice,
  resolveExportHost,
  vmotionOnNewSwitchExample,
  type ExportInput,
  type NetStackPatch,
  type VmkernelAdapterModel,
} from "../src/index.ts";
import { distributedWithServices, DVS_UUID, provisioningOnVSwitch0, threePlans } from "./export-fixtures.ts";
import { esx05, esx06, esx09 } from "./export-networking.ts";

const plain = threePlans("https://vcenter.example.com/sdk");
/** The seed's rule on every host: the vMotion stack's gateway, with its congestion control and maximum connections. */
const vmotionStack: NetStackPatch = { defaultGateway: "192.168.30.1", congestionControlAlgorithm: "cubic", maxNumberOfConnections: 12000 };
const input: ExportInput = {
  ...plain,
  hosts: plain.hosts.map((h, i) =>
    i === 0 ? { ...h, netStack: vmotionStack, resolved: { ...h.resolved, stack: esx06.tcpipStacks.find((s) => s.key === "vmotion") } } : h,
  ),
};

/** A plan that no tool follows whole: IPv6 with a gateway, a custom stack, NVMe over TCP, active/standby/unused uplinks. */
const hardModel: VmkernelAdapterModel = {
  connectionType: "vmkernel",
  targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
  newSwitchUplinks: { active: ["vmnic2"], standby: ["vmnic3"], unused: ["vmnic4"] },
  portProperties: {
    networkLabel: `Storage 'A' "B" $x {{ y }} \${z}`,
    vlanId: 60,
    ipSettings: "ipv4ipv6",
    mtu: { mode: "fromSwitch" },
    tcpipStack: "defaultTcpipStack",
    services: ["nvmeTcp", "vSphereBackupNFC", "management"],
  },
  ipv4Settings: { mode: "static", address: "192.168.60.21", subnetMask: "255.255.255.0", overrideGateway: false },
  ipv6Settings: {
    dhcpV6: false,
    routerAdvertisement: true,
    staticAddresses: [{ address: "2001:db8:60::21", prefixLength: 64 }],
    overrideGateway: true,
    defaultGateway: "2001:db8:60::1",
  },
};
const hard: ExportInput = {
  vcenter: "vcenter.example.com",
  datacenter: null,
  hosts: [
    {
      hostName: "esx-07.lab.local",
      model: hardModel,
      resolved: { newSwitchName: "vSwitch2", device: "vmk4", ipv6Enabled: true, stack: esx05.tcpipStacks[0] },
      // The default stack's DNS from DHCP, its IPv6 gateway removed.
      netStack: { dnsConfiguration: { mode: "dhcp", vmkernelAdapter: "vmk0" }, ipV6DefaultGateway: "", maxNumberOfConnections: 20000 },
    },
    {
      hostName: "esx-09.lab.local",
      model: { ...hardModel, portProperties: { ...hardModel.portProperties, tcpipStack: "NFS", services: [] } },
      resolved: { newSwitchName: "vSwitch1", device: "vmk1", ipv6Enabled: true },
    },
    {
      hostName: "esx-08.lab.local",
      model: vmotionOnNewSwitchExample("192.168.30.18"),
      resolved: { newSwitchName: "vSwitch1", device: "vmk1", ipv6Enabled: false },
      // DNS on the vMotion stack, and a name: what no tool but esxcli sets there.
      netStack: {
        name: "vMotion",
        dnsConfiguration: {
          mode: "manual",
          hostName: "esx-08",
          domainName: "lab.local",
          preferredDnsServer: "10.10.0.2",
          searchDomains: ["lab.local"],
        },
        defaultGateway: "192.168.30.1",
      },
    },
  ],
};

// Parameter names as the tools' documentation gives them.
const ANSIBLE_PARAMETERS: Record<string, string[]> = {
  "community.vmware.vmware_vswitch": ["esxi_hostname", "switch", "nics", "mtu", "number_of_ports", "teaming"],
  "community.vmware.vmware_portgroup": ["esxi_hostname", "switch", "portgroup", "vlan_id"],
  "community.vmware.vmware_vmkernel": [
    ...["esxi_hostname", "vswitch_name", "dvswitch_name", "portgroup_name", "device", "mtu", "network", "state"],
    ...["enable_vmotion", "enable_mgmt", "enable_ft", "enable_vsan", "enable_provisioning", "enable_replication"],
    ...["enable_replication_nfc", "enable_backup_nfc"],
  ],
  "community.vmware.vmware_vmkernel_info": ["esxi_hostname"],
  "community.vmware.vmware_host_tcpip_stacks": ["esxi_hostname", "default", "provisioning", "vmotion", "vxlan"],
  "ansible.builtin.assert": ["that"],
  "ansible.builtin.fail": ["msg"],
};
const STACK_OPTIONS = ["gateway", "ipv6_gateway", "congestion_algorithm", "max_num_connections"];
const ANSIBLE_NESTED: Record<string, string[]> = {
  network: ["type", "ip_address", "subnet_mask", "default_gateway", "tcpip_stack"],
  teaming: ["active_adapters", "standby_adapters"],
  default: [...STACK_OPTIONS, "hostname", "domain", "preferred_dns", "alternate_dns", "search_domains"],
  provisioning: STACK_OPTIONS,
  vmotion: STACK_OPTIONS,
  vxlan: STACK_OPTIONS,
};
const POWERCLI_PARAMETERS: Record<string, string[]> = {
  "Connect-VIServer": ["Server", "Port"],
  "Disconnect-VIServer": ["Server", "Confirm"],
  "Get-VMHost": ["Server", "Name"],
  "New-VirtualSwitch": ["VMHost", "Name", "Mtu", "NumPorts", "Nic"],
  "Get-NicTeamingPolicy": ["VirtualSwitch"],
  "Set-NicTeamingPolicy": ["MakeNicActive", "MakeNicStandby", "MakeNicUnused"],
  "Get-VMHostNetworkAdapter": ["VMHost", "Physical", "Name"],
  "Get-VirtualSwitch": ["VMHost", "Standard", "Name"],
  "Get-VDSwitch": ["Server", "Name"],
  "Get-VMHostNetworkStack": ["VMHost", "Name"],
  "Set-VMHostNetworkStack": [
    ...["NetworkStack", "CongestionControlAlgoritm", "DnsAddress", "DnsFromDhcp", "DomainName", "HostName"],
    ...["MaxNumberOfConnections", "Name", "SearchDomain", "VMKernelGateway", "VMKernelV6Gateway"],
  ],
  "New-VMHostNetworkAdapter": [
    ...["VMHost", "VirtualSwitch", "PortGroup", "NetworkStack", "Mtu", "IP", "SubnetMask", "IPv6", "AutomaticIPv6"],
    ...["IPv6ThroughDhcp", "VMotionEnabled", "ManagementTrafficEnabled", "FaultToleranceLoggingEnabled", "VsanTrafficEnabled"],
  ],
  "Get-VirtualPortGroup": ["VMHost", "Standard", "Name"],
  "Set-VirtualPortGroup": ["VLanId"],
  "Get-View": ["Id"],
  "Write-Warning": [],
  "Out-Null": [],
};
const TERRAFORM_ATTRIBUTES: Record<string, string[]> = {
  vsphere_host_virtual_switch: ["name", "host_system_id", "network_adapters", "active_nics", "standby_nics", "mtu", "number_of_ports"],
  vsphere_host_port_group: ["name", "host_system_id", "virtual_switch_name", "vlan_id"],
  vsphere_vnic: ["host", "portgroup", "distributed_switch_port", "distributed_port_group", "mtu", "netstack", "services", "ipv4", "ipv6"],
  "vsphere_vnic.ipv4": ["dhcp", "ip", "netmask", "gw"],
  "vsphere_vnic.ipv6": ["dhcp", "autoconfig", "addresses", "gw"],
  "data.vsphere_datacenter": ["name"],
  "data.vsphere_host": ["name", "datacenter_id"],
  "data.vsphere_distributed_virtual_switch": ["name", "datacenter_id"],
  "data.vsphere_network": ["name", "datacenter_id", "distributed_virtual_switch_uuid"],
};
/** govc commands and their flags (govc 0.24's -h), and the esxcli namespaces the script calls through host.esxcli. */
const GOVC_FLAGS: Record<string, string[]> = {
  "host.vswitch.add": ["-host", "-mtu", "-ports", "-nic"],
  "host.portgroup.add": ["-host", "-vswitch", "-vlan"],
  "host.vnic.service": ["-host", "-enable"],
  "host.vnic.info": ["-host"],
  "dvs.portgroup.info": ["-pg", "-count"],
  "host.esxcli": ["-host"],
};
const ESXCLI: Record<string, string[]> = {
  "network ip interface add": ["-i", "-p", "-s", "-v", "-m", "-N"],
  "network ip interface ipv4 set": ["-i", "-t", "-I", "-N", "-g"],
  "network ip interface ipv6 set": ["-i", "-d", "-r", "-g"],
  "network ip interface ipv6 address add": ["-i", "-I"],
  "network vswitch standard uplink add": ["-u", "-v"],
  "network vswitch standard policy failover set": ["-v", "-a", "-s"],
  "vsan network ip add": ["-i", "-T"],
  // The stack's settings, with esxcli's long option names.
  "network ip netstack set": ["--netstack", "--ccalgo", "--maxconn", "--name"],
  "network ip route ipv4 add": ["--network", "--gateway", "--netstack"],
  "network ip route ipv4 remove": ["--network", "--gateway", "--netstack"],
  "network ip route ipv6 add": ["--network", "--gateway", "--netstack"],
  "network ip route ipv6 remove": ["--network", "--gateway", "--netstack"],
  "network ip dns server add": ["--server", "--netstack"],
  "network ip dns server remove": ["--server", "--all", "--netstack"],
  "network ip dns search add": ["--domain", "--netstack"],
  "network ip dns search remove": ["--domain", "--netstack"],
  "system hostname set": ["--host", "--domain", "--fqdn"],
};

describe("exports", () => {
  it("give the same text for the same input, and no credentials", () => {
    for (const f of EXPORT_FORMATS) {
      const a = exportPlan(f, input);
      expect(exportPlan(f, structuredClone(input))).toEqual(a);
      // The comments name the variables to set, with "..." for the secret.
      expect(a.text).not.toMatch(/VMware1!|password\s*[:=]\s*(?!\.\.\.)\S/i);
    }
    expect(() => exportPlan("ansible", { ...input, vcenter: "https://admin:secret@vc.example.com/sdk" })).toThrow(/credentials/);
  });

  it("Ansible: YAML whose tasks use only community.vmware's documented parameters", () => {
    for (const x of [input, hard]) {
      const [play] = parseYaml(exportPlan("ansible", x).text, { customTags: [{ tag: "!unsafe", resolve: (s: string) => s }] }) as {
        tasks: Record<string, unknown>[];
      }[];
      for (const task of play!.tasks) {
        const module = Object.keys(task).find((k) => k !== "name" && k !== "register")!;
        const args = task[module] as Record<string, unknown>;
        expect(
          Object.keys(args).filter((k) => !ANSIBLE_PARAMETERS[module]?.includes(k)),
          module,
        ).toEqual([]);
        for (const [k, allowed] of Object.entries(ANSIBLE_NESTED))
          if (args[k])
            expect(
              Object.keys(args[k] as object).filter((n) => !allowed.includes(n)),
              k,
            ).toEqual([]);
      }
    }
    // The label survives YAML and Jinja: !unsafe keeps "{{ y }}" from being templated.
    expect(exportPlan("ansible", hard).text).toContain(`portgroup: !unsafe ${JSON.stringify(hardModel.portProperties.networkLabel)}`);
  });

  it("PowerCLI: parses with tree-sitter's PowerShell grammar, with only the cmdlets' documented parameters", async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const parser = new Parser();
    parser.setLanguage(await Language.load(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm")));
    for (const x of [input, hard]) {
      // tree-sitter-powershell 0.26 takes no digit in a parameter's name (PowerShell does: -IPv6, -VMKernelV6Gateway are
      // documented), so those names are spelt without the digit for the parser and spelt back for the check.
      const text = exportPlan("powercli", x).text.replace(/ -[A-Za-z]+\d\w*/g, (p) => p.replace(/\d/g, (d) => `Digit${"abcdefghij"[+d]}`));
      const tree = parser.parse(text)!;
      expect(tree.rootNode.hasError).toBe(false);
      const commands = tree.rootNode.descendantsOfType("command").filter((n): n is Node => n !== null);
      expect(commands.length).toBeGreaterThan(10);
      for (const c of commands) {
        const name = c.childForFieldName("command_name")?.text ?? "";
        const own = c.childForFieldName("command_elements")?.children.filter((e) => e?.type === "command_parameter") ?? [];
        const params = own.map((p) =>
          p!.text
            .replace(/^-/, "")
            .replace(/:.*$/, "")
            .replace(/Digit([a-j])/g, (_, l: string) => String("abcdefghij".indexOf(l))),
        );
        expect(POWERCLI_PARAMETERS[name], name).toBeDefined();
        expect(
          params.filter((p) => !POWERCLI_PARAMETERS[name]!.includes(p)),
          name,
        ).toEqual([]);
      }
    }
    // The label is one single-quoted string, quotes doubled, nothing expanded.
    expect(exportPlan("powercli", hard).text).toContain(`-PortGroup 'Storage ''A'' "B" $x {{ y }} \${z}'`);
  });

  it("Terraform: parses as HCL, with only the provider's documented resources and arguments", async () => {
    for (const x of [input, hard]) {
      const json = (await parseHcl("main.tf", exportPlan("terraform", x).text)) as Record<
        string,
        Record<string, Record<string, unknown[]>>
      >;
      for (const [kind, prefix] of [
        ["resource", ""],
        ["data", "data."],
      ] as const) {
        for (const [type, named] of Object.entries(json[kind] ?? {})) {
          for (const [name, [body]] of Object.entries(named)) {
            const attrs = Object.keys(body as object);
            expect(
              attrs.filter((a) => !TERRAFORM_ATTRIBUTES[prefix + type]?.includes(a)),
              `${type}.${name}`,
            ).toEqual([]);
            for (const nested of ["ipv4", "ipv6"]) {
              const blocks = (body as Record<string, Record<string, unknown>[]>)[nested] ?? [];
              for (const b of blocks)
                expect(Object.keys(b).filter((a) => !TERRAFORM_ATTRIBUTES[`${type}.${nested}`]!.includes(a))).toEqual([]);
            }
          }
        }
      }
    }
    const json = (await parseHcl("main.tf", exportPlan("terraform", hard).text)) as {
      resource: Record<string, Record<string, { name?: string; ipv6?: { addresses: string[]; gw: string }[] }[]>>;
    };
    // "${z}" stays literal: the HCL text doubles it, the parser reads it back as written.
    expect(Object.values(json.resource.vsphere_host_port_group!)[0]![0]!.name).toBe(hardModel.portProperties.networkLabel);
    expect(Object.values(json.resource.vsphere_vnic!)[0]![0]!.ipv6).toEqual([
      { dhcp: false, autoconfig: true, addresses: ["2001:db8:60::21/64"], gw: "2001:db8:60::1" },
    ]);
  });

  it("govc: bash parses it, and it uses only govc's and esxcli's documented commands and flags", () => {
    for (const x of [input, hard]) {
      const text = exportPlan("govc", x).text;
      execFileSync("bash", ["-n"], { input: text });
      for (const line of text.split("\n").filter((l) => /^(port=\$\()?govc /.test(l))) {
        const words = line.replace(/^port=\$\(/, "").split(" ");
        const command = words[1]!;
        expect(GOVC_FLAGS[command], command).toBeDefined();
        if (command !== "host.esxcli") {
          expect(words.filter((w) => /^-[a-z]/.test(w) && !GOVC_FLAGS[command]!.includes(w))).toEqual([]);
          continue;
        }
        const rest = words.slice(4);
        const ns = Object.keys(ESXCLI).find((n) => rest.join(" ").startsWith(n));
        expect(ns, line).toBeDefined();
        expect(rest.filter((w) => /^(-[a-zA-Z]|--[a-z-]+)$/.test(w) && !ESXCLI[ns!]!.includes(w))).toEqual([]);
      }
    }
  });

  it("says in each tool's comments, and in its gaps, what the tool cannot express", () => {
    const gaps = (f: (typeof EXPORT_FORMATS)[number]) => exportPlan(f, hard).gaps.map((g) => `${g.host} ${g.field}`);
    expect(gaps("ansible")).toEqual(
      expect.arrayContaining([
        "esx-07.lab.local ipv6Settings",
        "esx-07.lab.local portProperties.services: nvmeTcp",
        "esx-09.lab.local portProperties.tcpipStack",
      ]),
    );
    expect(exportPlan("ansible", hard).text).toMatch(/ansible\.builtin\.fail:\n\s+msg: "NOT EXPRESSIBLE \(portProperties\.tcpipStack\)/);
    expect(gaps("terraform")).toEqual(
      expect.arrayContaining([
        "esx-07.lab.local portProperties.services: nvmeTcp",
        "esx-07.lab.local portProperties.services: vSphereBackupNFC",
      ]),
    );
    expect(gaps("powercli")).toEqual(expect.arrayContaining(["esx-07.lab.local ipv6Settings.defaultGateway"]));
    for (const f of EXPORT_FORMATS) {
      const r = exportPlan(f, hard);
      for (const g of r.gaps) expect(r.text, `${f}: ${g.field}`).toContain(`NOT EXPRESSIBLE (${g.field})`);
    }
    // The govc script can say everything through esxcli, but binds a distributed adapter to one port by its ID.
    expect(exportPlan("govc", input).gaps.map((g) => g.field)).toEqual(["targetDevice.portgroupKey"]);
  });
});

describe("the stack's settings in the exports", () => {
  it("Ansible: vmware_host_tcpip_stacks with the plan's settings, the others as the host has them", () => {
    const parse = (x: ExportInput) =>
      (
        parseYaml(exportPlan("ansible", x).text, { customTags: [{ tag: "!unsafe", resolve: (s: string) => s }] }) as {
          tasks: Record<string, Record<string, unknown>>[];
        }[]
      )[0]!.tasks.filter((t) => t["community.vmware.vmware_host_tcpip_stacks"]);
    // esx-01: the vMotion stack, set after its adapter (the stack is active only then); its IPv6 gateway stays unset.
    const [vmotion] = parse(input);
    expect(vmotion!["community.vmware.vmware_host_tcpip_stacks"]).toEqual({
      esxi_hostname: "esx-01.lab.local",
      vmotion: { gateway: "192.168.30.1", congestion_algorithm: "cubic", max_num_connections: 12000 },
    });
    const text = exportPlan("ansible", input).text;
    expect(text.indexOf("vmware_host_tcpip_stacks")).toBeGreaterThan(text.indexOf("community.vmware.vmware_vmkernel:"));
    // esx-07: the default stack is written whole: its DNS as the host had it; the IPv6 gateway removed (left out).
    const [dflt] = parse(hard);
    expect(dflt!["community.vmware.vmware_host_tcpip_stacks"]).toEqual({
      esxi_hostname: "esx-07.lab.local",
      default: {
        hostname: esx05.tcpipStacks[0]!.dns.hostName,
        domain: esx05.tcpipStacks[0]!.dns.domainName,
        preferred_dns: esx05.tcpipStacks[0]!.dns.servers[0],
        alternate_dns: esx05.tcpipStacks[0]!.dns.servers[1],
        search_domains: esx05.tcpipStacks[0]!.dns.searchDomains,
        gateway: esx05.tcpipStacks[0]!.defaultGateway,
        congestion_algorithm: esx05.tcpipStacks[0]!.congestionControlAlgorithm,
        max_num_connections: 20000,
      },
    });
  });

  it("PowerCLI: Set-VMHostNetworkStack with only the settings the plan sets", () => {
    const text = exportPlan("powercli", input).text;
    expect(text).toContain(
      "Set-VMHostNetworkStack -NetworkStack $stack -VMKernelGateway '192.168.30.1' -CongestionControlAlgoritm 'cubic' -MaxNumberOfConnections 12000 | Out-Null",
    );
    expect(exportPlan("powercli", hard).text).toContain(
      "Set-VMHostNetworkStack -NetworkStack $stack -Name 'vMotion' -DnsFromDhcp $false -HostName 'esx-08' -DomainName 'lab.local' -DnsAddress '10.10.0.2' -SearchDomain 'lab.local' -VMKernelGateway '192.168.30.1' | Out-Null",
    );
  });

  it("govc: esxcli's netstack, route and DNS commands once the adapter is made, only for what the plan changes", () => {
    const esxcli = (line: string) => `govc host.esxcli -host "$host" ${line}`;
    const lines = exportPlan("govc", input).text.split("\n");
    // esx-01: the vMotion stack, as esx-06's networking had it (no gateway): nothing to remove first.
    const stack = [
      esxcli("network ip netstack set --netstack vmotion --ccalgo cubic --maxconn 12000"),
      esxcli("network ip route ipv4 add --network default --gateway 192.168.30.1 --netstack vmotion"),
    ];
    const at = lines.indexOf(stack[0]!);
    expect(lines.slice(at, at + 2)).toEqual(stack);
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.includes("network ip interface add -i vmk1")));
    expect(lines.filter((l) => l.includes("--netstack"))).toEqual(stack);

    // A gateway replaced, the DNS servers and search domains rewritten, the host name on the default stack.
    const before = esx05.tcpipStacks.find((s) => s.key === "defaultTcpipStack")!;
    const model = { ...vmotionOnNewSwitchExample("10.10.0.40"), portProperties: { ...vmotionOnNewSwitchExample().portProperties } };
    model.portProperties.tcpipStack = "defaultTcpipStack";
    const replaced = exportPlan("govc", {
      vcenter: "vcenter.example.com",
      datacenter: null,
      hosts: [
        {
          hostName: "esx-05.lab.local",
          model,
          resolved: { newSwitchName: "vSwitch1", device: "vmk2", ipv6Enabled: false, stack: before },
          netStack: {
            defaultGateway: "10.10.0.254",
            dnsConfiguration: {
              mode: "manual",
              hostName: "esx-05b",
              domainName: "lab.local",
              preferredDnsServer: "10.10.0.2",
              alternateDnsServer: "10.10.0.3",
              searchDomains: ["dev.local", "lab.local"],
            },
          },
        },
      ],
    });
    const d = "--netstack defaultTcpipStack";
    expect(
      replaced.text.split("\n").filter((l) => l.startsWith("govc host.esxcli") && !l.includes(" interface ") && !l.includes(" vswitch ")),
    ).toEqual([
      esxcli(`network ip route ipv4 remove --network default --gateway 10.10.0.1 ${d}`),
      esxcli(`network ip route ipv4 add --network default --gateway 10.10.0.254 ${d}`),
      esxcli("system hostname set --host esx-05b --domain lab.local"),
      // The servers are as the host has them: left alone.
      esxcli(`network ip dns search remove --domain lab.local ${d}`),
      esxcli(`network ip dns search add --domain dev.local ${d}`),
      esxcli(`network ip dns search add --domain lab.local ${d}`),
    ]);
    expect(replaced.gaps).toEqual([]);

    // esx-08 of the hard plan: its stack as it was is unknown: the servers are cleared first, the name set, the
    // vMotion stack's host name a gap; esx-07's DNS from DHCP a gap.
    const hardText = exportPlan("govc", hard).text;
    expect(hardText).toContain(
      [
        "# The stack as it was is not in the plan: no old default route or search domain is removed first.",
        esxcli("network ip netstack set --netstack vmotion --name vMotion"),
        esxcli("network ip route ipv4 add --network default --gateway 192.168.30.1 --netstack vmotion"),
        "# NOT EXPRESSIBLE (netStack.dnsConfiguration.hostName): esxcli sets the host name and domain of the default stack only (system hostname set), not of vmotion",
        esxcli("network ip dns server remove --all true --netstack vmotion"),
        esxcli("network ip dns server add --server 10.10.0.2 --netstack vmotion"),
        esxcli("network ip dns search add --domain lab.local --netstack vmotion"),
      ].join("\n"),
    );
    expect(hardText).toContain(esxcli("network ip netstack set --netstack defaultTcpipStack --maxconn 20000"));
    expect(
      exportPlan("govc", hard)
        .gaps.filter((g) => g.field.startsWith("netStack"))
        .map((g) => `${g.host} ${g.field}`),
    ).toEqual(["esx-07.lab.local netStack.dnsConfiguration", "esx-08.lab.local netStack.dnsConfiguration.hostName"]);
    // A gateway removed: esxcli names the route by its gateway, which only the stack as it was says.
    const removed = (stack?: (typeof esx06.tcpipStacks)[number]) =>
      exportPlan("govc", {
        ...input,
        hosts: [{ ...input.hosts[0]!, netStack: { defaultGateway: "" }, resolved: { ...input.hosts[0]!.resolved, stack } }],
      });
    expect(removed().gaps.map((g) => g.field)).toEqual(["netStack.defaultGateway"]);
    const withGateway = { ...esx06.tcpipStacks.find((s) => s.key === "vmotion")!, defaultGateway: "192.168.30.1" };
    expect(removed(withGateway).gaps).toEqual([]);
    expect(removed(withGateway).text).toContain(
      esxcli("network ip route ipv4 remove --network default --gateway 192.168.30.1 --netstack vmotion"),
    );
  });

  it("names as gaps what each tool cannot set", () => {
    const gaps = (f: (typeof EXPORT_FORMATS)[number]) => exportPlan(f, hard).gaps.map((g) => `${g.host} ${g.field}`);
    expect(gaps("ansible")).toEqual(
      expect.arrayContaining([
        "esx-07.lab.local netStack.dnsConfiguration",
        "esx-08.lab.local netStack.dnsConfiguration",
        "esx-08.lab.local netStack.name",
      ]),
    );
    expect(gaps("powercli")).toEqual(
      expect.arrayContaining([
        "esx-07.lab.local netStack.dnsConfiguration.vmkernelAdapter",
        "esx-07.lab.local netStack.ipV6DefaultGateway",
      ]),
    );
    expect(gaps("terraform")).toEqual(expect.arrayContaining(["esx-07.lab.local netStack", "esx-08.lab.local netStack"]));
    // The vMotion stack's gateway, congestion control and maximum connections: Ansible and PowerCLI set them all.
    const stackGaps = (f: (typeof EXPORT_FORMATS)[number]) => exportPlan(f, input).gaps.filter((g) => g.field.startsWith("netStack"));
    expect(stackGaps("terraform").map((g) => g.host)).toEqual(["esx-01.lab.local"]);
    expect(stackGaps("ansible")).toEqual([]);
    expect(stackGaps("powercli")).toEqual([]);
  });

  it("Terraform asks for the datacenter when addnet does not know it", async () => {
    const json = (await parseHcl("main.tf", exportPlan("terraform", hard).text)) as {
      variable: Record<string, unknown[]>;
      data: { vsphere_datacenter: { datacenter: { name: string }[] } };
    };
    expect(Object.keys(json.variable)).toEqual(["datacenter"]);
    expect(json.data.vsphere_datacenter.datacenter[0]!.name).toBe("${var.datacenter}");
  });
});

describe("resolveExportHost: a host's plan from its networking and the wizard's model", () => {
  it("names the new switch and the adapter as the host will: the lowest free vSwitchN and vmkN", () => {
    // esx-05 has vSwitch0, vSwitch1, vmk0 and vmk2 (vmk1 was removed).
    expect(resolveExportHost(esx05, vmotionOnNewSwitchExample())).toEqual({
      hostName: "esx-05.lab.local",
      model: vmotionOnNewSwitchExample(),
      resolved: { newSwitchName: "vSwitch2", device: "vmk1", ipv6Enabled: true },
    });
    expect(nextSwitchName(esx06.vswitches)).toBe("vSwitch1");
    expect(nextVmkernelDevice(esx06.vmkernelAdapters)).toBe("vmk1");
    expect(nextVmkernelDevice(esx09.vmkernelAdapters)).toBe("vmk2");
  });

  it("takes the MTU that Get MTU from switch stands for, and the distributed port group's name and switch", () => {
    expect(resolveExportHost(esx05, provisioningOnVSwitch0).resolved).toEqual({
      switchMtu: esx05.vswitches.find((v) => v.name === "vSwitch0")!.mtu,
      device: "vmk1",
      ipv6Enabled: true,
    });
    const pg = esx05.distributedPortgroups.find((p) => p.name === "DPG-Storage")!;
    expect(pg.switchUuid).toBe(DVS_UUID);
    expect(resolveExportHost(esx05, distributedWithServices(pg.key)).resolved).toEqual({
      switchMtu: pg.mtu,
      distributedPortGroup: { name: "DPG-Storage", switchName: "DSwitch-Lab", switchUuid: DVS_UUID },
      device: "vmk1",
      ipv6Enabled: true,
    });
    expect(() => resolveExportHost(esx05, distributedWithServices("dvportgroup-404"))).toThrow(/dvportgroup-404/);
  });

  it("keeps a renamed stack's name, and with stack settings the stack as the host has it", () => {
    const nfs: VmkernelAdapterModel = {
      ...provisioningOnVSwitch0,
      portProperties: { ...provisioningOnVSwitch0.portProperties, tcpipStack: "NFS", services: [] },
    };
    expect(resolveExportHost(esx09, nfs).resolved).toEqual({
      switchMtu: 1500,
      device: "vmk2",
      ipv6Enabled: true,
      tcpipStackName: "NFS storage",
    });
    const plan = resolveExportHost(esx06, vmotionOnNewSwitchExample(), vmotionStack);
    expect(plan.netStack).toEqual(vmotionStack);
    expect(plan.resolved).toEqual({
      newSwitchName: "vSwitch1",
      device: "vmk1",
      ipv6Enabled: false,
      stack: esx06.tcpipStacks.find((s) => s.key === "vmotion"),
    });
    // What the export then says on esx-06: the vMotion stack's settings, on its adapter vmk1 of vSwitch1.
    const text = exportPlan("ansible", { vcenter: "vcsa.lab.local", datacenter: "Datacenter", hosts: [plan] }).text;
    expect(text).toContain("switch: vSwitch1");
    expect(text).toContain(`gateway: "192.168.30.1"`);
  });
});
