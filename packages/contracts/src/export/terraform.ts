/**
 * The plan as Terraform for the vSphere provider: vsphere_host_virtual_switch, vsphere_host_port_group and vsphere_vnic,
 * with the hosts, distributed switches and port groups looked up by name (data sources).
 */
import {
  adapterPlan,
  Gaps,
  netStackSummary,
  summary,
  vcenterEndpoint,
  type AdapterPlan,
  type ExportInput,
  type PlanExport,
} from "./plan.ts";

/** An HCL string: JSON escapes, and the template sequences ${ and %{ doubled so that they stay literal. */
export function hclString(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}

/** A Terraform name from a vSphere name: letters, digits, underscores and dashes, starting with a letter. */
export function hclName(s: string): string {
  const name = s.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

const list = (xs: readonly string[]) => `[${xs.map(hclString).join(", ")}]`;

/** vsphere_vnic's services (the provider validates these three). */
const VNIC_SERVICES = new Set(["vmotion", "management", "vsan"]);

type Attr = [string, string];
function block(head: string, attrs: (Attr | string)[], indent = ""): string[] {
  const width = Math.max(0, ...attrs.filter((a): a is Attr => Array.isArray(a)).map(([k]) => k.length));
  return [
    `${indent}${head} {`,
    ...attrs.map((a) => (Array.isArray(a) ? `${indent}  ${a[0].padEnd(width)} = ${a[1]}` : a ? `${indent}  ${a}` : "")),
    `${indent}}`,
  ];
}

function hostBlocks(a: AdapterPlan, gaps: Gaps, dataSources: Map<string, string[]>): string[] {
  const t = a.target;
  const h = hclName(a.host);
  const hostId = `data.vsphere_host.${h}.id`;
  const out = ["", `# ${a.host}: ${summary(a)}`];
  out.push(
    ...block(`data "vsphere_host" "${h}"`, [
      ["name", hclString(a.host)],
      ["datacenter_id", "data.vsphere_datacenter.datacenter.id"],
    ]),
  );
  const vnic: (Attr | string)[] = [["host", hostId]];
  if (t.kind === "new") {
    const sw = `${h}_${hclName(t.vswitch)}`;
    out.push(
      "",
      ...block(`resource "vsphere_host_virtual_switch" "${sw}"`, [
        ["name", hclString(t.vswitch)],
        ["host_system_id", hostId],
        ["network_adapters", list([...t.active, ...t.standby, ...t.unused])],
        ["active_nics", list(t.active)],
        ["standby_nics", list(t.standby)],
        ["mtu", String(t.mtu)],
        ["number_of_ports", "128"],
      ]),
    );
    if (t.unused.length) out.push(`# Unused adapters (${t.unused.join(", ")}): in network_adapters, in neither failover list.`);
  }
  if (t.kind !== "distributed") {
    const pg = `${h}_${hclName(t.portgroup)}`;
    const switchName = t.kind === "new" ? `vsphere_host_virtual_switch.${h}_${hclName(t.vswitch)}.name` : hclString(t.vswitch);
    out.push(
      "",
      ...block(`resource "vsphere_host_port_group" "${pg}"`, [
        ["name", hclString(t.portgroup)],
        ["host_system_id", hostId],
        ["virtual_switch_name", switchName],
        ["vlan_id", String(t.vlanId)],
      ]),
    );
    vnic.push(["portgroup", `vsphere_host_port_group.${pg}.name`]);
  } else {
    const dvs = hclName(t.dvs);
    const dvpg = hclName(t.portgroup);
    dataSources.set(
      `dvs ${dvs}`,
      block(`data "vsphere_distributed_virtual_switch" "${dvs}"`, [
        ["name", hclString(t.dvs)],
        ["datacenter_id", "data.vsphere_datacenter.datacenter.id"],
      ]),
    );
    dataSources.set(
      `dvpg ${dvs} ${dvpg}`,
      block(`data "vsphere_network" "${dvs}_${dvpg}"`, [
        ["name", hclString(t.portgroup)],
        ["datacenter_id", "data.vsphere_datacenter.datacenter.id"],
        ["distributed_virtual_switch_uuid", `data.vsphere_distributed_virtual_switch.${dvs}.id`],
      ]),
    );
    vnic.push(["distributed_switch_port", `data.vsphere_distributed_virtual_switch.${dvs}.id`]);
    vnic.push(["distributed_port_group", `data.vsphere_network.${dvs}_${dvpg}.id`]);
  }
  vnic.push(["mtu", String(a.mtu)], ["netstack", hclString(a.tcpipStack)]);
  const services = a.services.filter((s) => VNIC_SERVICES.has(s));
  for (const s of a.services.filter((x) => !VNIC_SERVICES.has(x)))
    vnic.push(
      `# ${gaps.add(a.host, `portProperties.services: ${s}`, "vsphere_vnic's services take only vmotion, management and vsan (provider issue #2029)")}`,
    );
  if (services.length) vnic.push(["services", list(services)]);
  if (a.ipv4) {
    const v4 = a.ipv4;
    vnic.push("");
    vnic.push(
      ...block(
        "ipv4",
        v4.dhcp
          ? [["dhcp", "true"]]
          : [
              ["ip", hclString(v4.address)],
              ["netmask", hclString(v4.subnetMask)],
              ...(v4.gateway ? [["gw", hclString(v4.gateway)] as Attr] : []),
            ],
      ),
    );
  }
  if (a.ipv6 || a.ipv6Off) {
    const v6 = a.ipv6 ?? { dhcp: false, routerAdvertisement: false, addresses: [], gateway: undefined };
    vnic.push("");
    if (a.ipv6Off) vnic.push("# IPv6 is on at the host: router advertisement and DHCPv6 off, as addnet sends them.");
    vnic.push(
      ...block("ipv6", [
        ["dhcp", String(v6.dhcp)],
        ["autoconfig", String(v6.routerAdvertisement)],
        ...(v6.addresses.length ? [["addresses", list(v6.addresses.map((x) => `${x.address}/${x.prefixLength}`))] as Attr] : []),
        ...(v6.gateway ? [["gw", hclString(v6.gateway)] as Attr] : []),
      ]),
    );
  }
  out.push("", ...block(`resource "vsphere_vnic" "${h}_${hclName(a.device)}"`, vnic));
  if (a.netStack)
    out.push(
      `# ${gaps.add(
        a.host,
        "netStack",
        `the vSphere provider has no resource for a TCP/IP stack's settings (vsphere_vnic takes only its netstack): set ${netStackSummary(a.netStack.patch)} on ${a.tcpipStack} otherwise`,
      )}`,
    );
  return out;
}

export function exportTerraform(input: ExportInput): PlanExport {
  const { host } = vcenterEndpoint(input.vcenter);
  const gaps = new Gaps();
  const plans = input.hosts.map(adapterPlan);
  const dataSources = new Map<string, string[]>();
  const body = plans.flatMap((a) => hostBlocks(a, gaps, dataSources));
  const lines = [
    `# Add Networking: VMkernel adapters on ${plans.length} host${plans.length === 1 ? "" : "s"}, exported by addnet, for the vSphere provider.`,
    "# No credentials are in this file: the provider reads VSPHERE_USER and VSPHERE_PASSWORD from the environment",
    "# (VSPHERE_ALLOW_UNVERIFIED_SSL=true only for a vCenter with a self-signed certificate).",
    ...block("terraform", ["required_providers {", '  vsphere = { source = "vmware/vsphere" }', "}"]),
    "",
    ...block('provider "vsphere"', [["vsphere_server", hclString(host)]]),
    "",
    ...(input.datacenter === null
      ? [
          "# addnet did not know the hosts' datacenter: give its name (terraform apply -var datacenter=...).",
          'variable "datacenter" {',
          "  type = string",
          "}",
          "",
        ]
      : []),
    ...block('data "vsphere_datacenter" "datacenter"', [
      ["name", input.datacenter === null ? "var.datacenter" : hclString(input.datacenter)],
    ]),
    ...[...dataSources.values()].flatMap((b) => ["", ...b]),
    ...body,
  ];
  return { format: "terraform", fileName: "addnet-vmkernel.tf", mediaType: "text/plain", text: `${lines.join("\n")}\n`, gaps: gaps.list };
}
