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

import { EXPORT_FORMATS, exportPlan, type ExportInput, type VmkernelAdapterModel } from "../src/index.ts";
import { threePlans } from "./export-fixtures.ts";

const input = threePlans("https://vcenter.example.com/sdk");

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
  datacenter: "Datacenter",
  hosts: [
    { hostName: "esx-07.lab.local", model: hardModel, resolved: { newSwitchName: "vSwitch2", device: "vmk4", ipv6Enabled: true } },
    {
      hostName: "esx-09.lab.local",
      model: { ...hardModel, portProperties: { ...hardModel.portProperties, tcpipStack: "NFS", services: [] } },
      resolved: { newSwitchName: "vSwitch1", device: "vmk1", ipv6Enabled: true },
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
  "ansible.builtin.assert": ["that"],
  "ansible.builtin.fail": ["msg"],
};
const ANSIBLE_NESTED: Record<string, string[]> = {
  network: ["type", "ip_address", "subnet_mask", "default_gateway", "tcpip_stack"],
  teaming: ["active_adapters", "standby_adapters"],
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
      // tree-sitter-powershell 0.26 takes no digit in a parameter's name (PowerShell does: -IPv6 is documented), so
      // those names are spelt without the digit for the parser and spelt back for the check.
      const tree = parser.parse(exportPlan("powercli", x).text.replace(/ -(\w*)IPv6/g, " -$1IPvSix"))!;
      expect(tree.rootNode.hasError).toBe(false);
      const commands = tree.rootNode.descendantsOfType("command").filter((n): n is Node => n !== null);
      expect(commands.length).toBeGreaterThan(10);
      for (const c of commands) {
        const name = c.childForFieldName("command_name")?.text ?? "";
        const own = c.childForFieldName("command_elements")?.children.filter((e) => e?.type === "command_parameter") ?? [];
        const params = own.map((p) => p!.text.replace(/^-/, "").replace(/:.*$/, "").replace("IPvSix", "IPv6"));
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
        expect(rest.filter((w) => /^-[a-zA-Z]$/.test(w) && !ESXCLI[ns!]!.includes(w))).toEqual([]);
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
