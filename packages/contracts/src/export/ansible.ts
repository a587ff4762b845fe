/**
 * The plan as an Ansible playbook of community.vmware modules (vmware_vswitch, vmware_portgroup, vmware_vmkernel): one
 * play on the control node, each host's tasks in turn. Parameter names as community.vmware documents them; tested with
 * the 3.7 collection that Debian's Ansible 7.7 ships. The stack's settings: vmware_host_tcpip_stacks.
 */
import type { TcpipStackInfo } from "../api.ts";
import type { NetStackPatch } from "../netstack.ts";
import {
  adapterPlan,
  Gaps,
  netStackSummary,
  selectable,
  summary,
  vcenterEndpoint,
  type AdapterPlan,
  type ExportInput,
  type PlanExport,
} from "./plan.ts";

/** vmware_vmkernel's tcpip_stack choices. */
const STACKS: Readonly<Record<string, string>> = {
  defaultTcpipStack: "default",
  vmotion: "vmotion",
  vSphereProvisioning: "provisioning",
  vxlan: "vxlan",
};

/** vmware_vmkernel's enable_* options; enable_backup_nfc since community.vmware 4.2.0. */
const SERVICE_OPTIONS: Readonly<Record<string, string>> = {
  vmotion: "enable_vmotion",
  management: "enable_mgmt",
  faultToleranceLogging: "enable_ft",
  vsan: "enable_vsan",
  vSphereProvisioning: "enable_provisioning",
  vSphereReplication: "enable_replication",
  vSphereReplicationNFC: "enable_replication_nfc",
  vSphereBackupNFC: "enable_backup_nfc",
};

const YAML_WORDS = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** A YAML scalar: plain when it cannot be read as anything but that string, else double-quoted; `!unsafe` keeps Jinja off. */
export function yamlString(s: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(s) && !YAML_WORDS.test(s);
  const text = plain ? s : JSON.stringify(s);
  return /[{][{%#]/.test(s) ? `!unsafe ${JSON.stringify(s)}` : text;
}

type Yaml = string | number | boolean | Yaml[] | { [k: string]: Yaml | undefined };

function scalar(v: Yaml): string {
  return typeof v === "string" ? yamlString(v) : String(v);
}

/** Block YAML for a mapping, flow style for short lists of scalars. */
function yamlLines(value: { [k: string]: Yaml | undefined }, indent: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) out.push(`${indent}${k}: [${v.map(scalar).join(", ")}]`);
    else if (typeof v === "object") out.push(`${indent}${k}:`, ...yamlLines(v, `${indent}  `));
    else out.push(`${indent}${k}: ${scalar(v)}`);
  }
  return out;
}

/** A variable name for a registered result, from the host name. */
const varName = (host: string) => `vmks_${host.replace(/[^A-Za-z0-9]/g, "_")}`;

function hostTasks(a: AdapterPlan, gaps: Gaps): string[] {
  const lines: string[] = [];
  const task = (name: string, module: string, args: { [k: string]: Yaml | undefined }, comments: string[] = []) => {
    lines.push(`    - name: ${yamlString(`${a.host}: ${name}`)}`);
    for (const c of comments) lines.push(`      # ${c}`);
    lines.push(`      ${module}:`, ...yamlLines(args, "        "));
  };
  lines.push(`    # ${a.host}: ${summary(a)}`);
  const t = a.target;
  if (t.kind === "new") {
    task(
      `standard switch ${t.vswitch}, MTU ${t.mtu}`,
      "community.vmware.vmware_vswitch",
      {
        esxi_hostname: a.host,
        switch: t.vswitch,
        nics: [...t.active, ...t.standby, ...t.unused],
        mtu: t.mtu,
        number_of_ports: 128,
        teaming: { active_adapters: t.active, standby_adapters: t.standby },
      },
      t.unused.length ? [`Unused adapters (${t.unused.join(", ")}): bridged by the switch, in neither failover list.`] : [],
    );
  }
  if (t.kind !== "distributed") {
    task(`port group ${t.portgroup}, VLAN ${t.vlanId}`, "community.vmware.vmware_portgroup", {
      esxi_hostname: a.host,
      switch: t.vswitch,
      portgroup: t.portgroup,
      vlan_id: t.vlanId,
    });
  }
  const stack = STACKS[a.tcpipStack];
  if (!stack) {
    const why = gaps.add(
      a.host,
      "portProperties.tcpipStack",
      `vmware_vmkernel offers only the default, provisioning, vmotion and vxlan stacks, not ${a.tcpipStack}`,
    );
    lines.push(
      `    - name: ${yamlString(`${a.host}: the TCP/IP stack ${a.tcpipStack}`)}`,
      `      ansible.builtin.fail:`,
      `        msg: ${yamlString(why)}`,
    );
    return lines;
  }
  if (!a.ipv4) {
    const why = gaps.add(a.host, "ipv6Settings", "vmware_vmkernel has no IPv6 options: it cannot make an IPv6-only adapter");
    lines.push(
      `    - name: ${yamlString(`${a.host}: an IPv6-only adapter`)}`,
      `      ansible.builtin.fail:`,
      `        msg: ${yamlString(why)}`,
    );
    return lines;
  }
  const comments: string[] = [];
  if (a.ipv6)
    comments.push(gaps.add(a.host, "ipv6Settings", "vmware_vmkernel has no IPv6 options (community.vmware#1740): set them afterwards"));
  if (a.ipv6Off)
    comments.push(
      gaps.add(a.host, "ipv6Settings (off)", "vmware_vmkernel cannot turn router advertisement off: the host's default (on) stays"),
    );
  const flags: { [k: string]: Yaml } = {};
  for (const s of a.services) {
    const option = SERVICE_OPTIONS[s];
    if (option) flags[option] = true;
    else comments.push(gaps.add(a.host, `portProperties.services: ${s}`, `vmware_vmkernel has no option for the ${s} service`));
  }
  if (flags.enable_backup_nfc) comments.push("enable_backup_nfc needs community.vmware 4.2.0 or later.");
  const network: { [k: string]: Yaml | undefined } = a.ipv4.dhcp
    ? { type: "dhcp", tcpip_stack: stack }
    : { type: "static", ip_address: a.ipv4.address, subnet_mask: a.ipv4.subnetMask, default_gateway: a.ipv4.gateway, tcpip_stack: stack };
  const pgName = t.kind === "distributed" ? "" : t.portgroup;
  if (a.ipv4.dhcp) {
    // vmware_vmkernel finds a DHCP adapter only by its device: make sure that name is not another adapter's.
    lines.push(
      `    - name: ${yamlString(`${a.host}: read the VMkernel adapters (${a.device} must be free, or this adapter from an earlier run)`)}`,
      `      community.vmware.vmware_vmkernel_info:`,
      `        esxi_hostname: ${yamlString(a.host)}`,
      `      register: ${varName(a.host)}`,
      `    - name: ${yamlString(`${a.host}: ${a.device} is free`)}`,
      `      ansible.builtin.assert:`,
      `        that:`,
      `          - >-`,
      `            ${varName(a.host)}.host_vmk_info[${JSON.stringify(a.host)}]`,
      `            | selectattr('device', 'equalto', ${JSON.stringify(a.device)})`,
      `            | rejectattr('stack', 'equalto', ${JSON.stringify(a.tcpipStack)})`,
      `            | list | length == 0`,
      `          - >-`,
      `            ${varName(a.host)}.host_vmk_info[${JSON.stringify(a.host)}]`,
      `            | selectattr('device', 'equalto', ${JSON.stringify(a.device)})`,
      `            | rejectattr('portgroup', 'equalto', ${JSON.stringify(pgName)})`,
      `            | list | length == 0`,
    );
  }
  task(
    `VMkernel adapter ${a.device} on ${t.portgroup}, TCP/IP stack ${a.tcpipStack}`,
    "community.vmware.vmware_vmkernel",
    {
      esxi_hostname: a.host,
      vswitch_name: t.kind === "distributed" ? undefined : t.vswitch,
      dvswitch_name: t.kind === "distributed" ? t.dvs : undefined,
      portgroup_name: t.portgroup,
      device: a.ipv4.dhcp ? a.device : undefined,
      mtu: a.mtu,
      network,
      ...flags,
      state: "present",
    },
    comments,
  );
  if (selectable(a.services).length === 0 && a.tcpipStack !== "defaultTcpipStack")
    lines.push(`    # The ${a.tcpipStack} stack carries its own service: nothing to select.`);
  if (a.netStack) {
    const { args, comments: notes } = stackArgs(a, a.netStack.patch, a.netStack.before, gaps);
    task(`TCP/IP stack ${a.tcpipStack}: ${netStackSummary(a.netStack.patch)}`, "community.vmware.vmware_host_tcpip_stacks", args, notes);
  }
  return lines;
}

/**
 * vmware_host_tcpip_stacks's options for the adapter's stack. The module writes every setting of the stack it is given
 * (a gateway left out is removed, congestion control and maximum connections fall back to its defaults): the settings
 * the plan leaves as they are go with the values the host had when the plan was made.
 */
function stackArgs(
  a: AdapterPlan,
  patch: NetStackPatch,
  before: TcpipStackInfo | undefined,
  gaps: Gaps,
): { args: { [k: string]: Yaml | undefined }; comments: string[] } {
  const comments: string[] = [];
  const gateway = (given: string | undefined, had: string | null | undefined) =>
    given === undefined ? (had ?? undefined) : given || undefined;
  const settings: { [k: string]: Yaml | undefined } = {};
  const dns = patch.dnsConfiguration;
  if (a.tcpipStack === "defaultTcpipStack") {
    // The default stack's DNS is required and written whole; DHCP is not among its options.
    if (dns?.mode === "dhcp" || (!dns && before?.dns.dhcp))
      comments.push(gaps.add(a.host, "netStack.dnsConfiguration", "vmware_host_tcpip_stacks cannot take DNS settings from DHCP"));
    const manual =
      dns?.mode === "manual"
        ? { ...dns, servers: [dns.preferredDnsServer, dns.alternateDnsServer].filter((s): s is string => Boolean(s)) }
        : {
            hostName: before?.dns.hostName ?? "",
            domainName: before?.dns.domainName ?? "",
            servers: before?.dns.servers ?? [],
            searchDomains: before?.dns.searchDomains ?? [],
          };
    Object.assign(settings, {
      hostname: manual.hostName,
      domain: manual.domainName,
      preferred_dns: manual.servers[0],
      alternate_dns: manual.servers[1],
      search_domains: [...manual.searchDomains],
    });
  } else if (dns) {
    comments.push(
      gaps.add(a.host, "netStack.dnsConfiguration", `vmware_host_tcpip_stacks sets DNS on the default stack only, not on ${a.tcpipStack}`),
    );
  }
  if (patch.name !== undefined) comments.push(gaps.add(a.host, "netStack.name", "vmware_host_tcpip_stacks cannot rename a stack"));
  Object.assign(settings, {
    gateway: gateway(patch.defaultGateway, before?.defaultGateway),
    ipv6_gateway: gateway(patch.ipV6DefaultGateway, before?.ipV6DefaultGateway),
    congestion_algorithm: patch.congestionControlAlgorithm ?? before?.congestionControlAlgorithm ?? undefined,
    max_num_connections: patch.maxNumberOfConnections ?? before?.maxNumberOfConnections ?? undefined,
  });
  return { args: { esxi_hostname: a.host, [STACKS[a.tcpipStack]!]: settings }, comments };
}

export function exportAnsible(input: ExportInput): PlanExport {
  const { host, port } = vcenterEndpoint(input.vcenter);
  const gaps = new Gaps();
  const plans = input.hosts.map(adapterPlan);
  const lines = [
    `# Add Networking: VMkernel adapters on ${plans.length} host${plans.length === 1 ? "" : "s"}, exported by addnet.`,
    "# Each host's steps are those addnet's own change makes: the standard switch (if new), the port group, the adapter",
    "# with its services. It needs the community.vmware collection and pyVmomi on the control node.",
    "#",
    "# No credentials are in this file: the modules read them from the environment.",
    "#   export VMWARE_USER=administrator@vsphere.local VMWARE_PASSWORD=...",
    "#   export VMWARE_VALIDATE_CERTS=false   # only for a vCenter with a self-signed certificate",
    "#   ansible-playbook addnet-vmkernel.yml",
    "- name: Add Networking (VMkernel adapters)",
    "  hosts: localhost",
    "  gather_facts: false",
    "  module_defaults:",
    "    group/community.vmware.vmware:",
    `      hostname: ${yamlString(host)}`,
    `      port: ${port}`,
    "  tasks:",
  ];
  plans.forEach((a, i) => {
    if (i > 0) lines.push("");
    lines.push(...hostTasks(a, gaps));
  });
  return {
    format: "ansible",
    fileName: "addnet-vmkernel.yml",
    mediaType: "application/yaml",
    text: `${lines.join("\n")}\n`,
    gaps: gaps.list,
  };
}
