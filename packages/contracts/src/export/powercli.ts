/**
 * The plan as a PowerCLI script: New-VirtualSwitch with its failover order (Set-NicTeamingPolicy), New-VMHostNetworkAdapter
 * on the TCP/IP stack (Get-VMHostNetworkStack), the port group's VLAN (Set-VirtualPortGroup), and the services that
 * New-VMHostNetworkAdapter has no parameter for through the vSphere API's HostVirtualNicManager (Get-View), then the
 * stack's settings (Set-VMHostNetworkStack).
 */
import type { NetStackPatch } from "../netstack.ts";
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

/** A PowerShell single-quoted string (a quote is doubled; nothing inside is expanded). */
export function psString(s: string): string {
  return `'${s.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

const psList = (xs: readonly string[]) => xs.map(psString).join(", ");

/** New-VMHostNetworkAdapter's own service switches; the others are selected with SelectVnicForNicType. */
const SERVICE_PARAMETERS: Readonly<Record<string, string>> = {
  vmotion: "VMotionEnabled",
  management: "ManagementTrafficEnabled",
  faultToleranceLogging: "FaultToleranceLoggingEnabled",
  vsan: "VsanTrafficEnabled",
};

function hostSteps(a: AdapterPlan, gaps: Gaps): string[] {
  const t = a.target;
  const out = ["", `# ${a.host}: ${summary(a)}`, `$vmhost = Get-VMHost -Server $server -Name ${psString(a.host)}`];
  const physical = (nics: string[]) => `(Get-VMHostNetworkAdapter -VMHost $vmhost -Physical -Name ${psList(nics)})`;
  if (t.kind === "new") {
    const uplinks = [...t.active, ...t.standby, ...t.unused];
    const nic = uplinks.length ? ` -Nic ${psList(uplinks)}` : "";
    out.push(`$vswitch = New-VirtualSwitch -VMHost $vmhost -Name ${psString(t.vswitch)} -Mtu ${t.mtu} -NumPorts 128${nic}`);
    if (t.standby.length || t.unused.length) {
      // New-VirtualSwitch makes every adapter active: the failover order the wizard set.
      const order = [
        t.active.length ? `-MakeNicActive ${physical(t.active)}` : "",
        t.standby.length ? `-MakeNicStandby ${physical(t.standby)}` : "",
        t.unused.length ? `-MakeNicUnused ${physical(t.unused)}` : "",
      ].filter(Boolean);
      out.push(`Get-NicTeamingPolicy -VirtualSwitch $vswitch | Set-NicTeamingPolicy ${order.join(" ")} | Out-Null`);
    }
  } else if (t.kind === "standard") {
    out.push(`$vswitch = Get-VirtualSwitch -VMHost $vmhost -Standard -Name ${psString(t.vswitch)}`);
  } else {
    out.push(`$vswitch = Get-VDSwitch -Server $server -Name ${psString(t.dvs)}`);
  }
  out.push(`$stack = Get-VMHostNetworkStack -VMHost $vmhost -Name ${psString(a.tcpipStackName)}`);
  const params = [
    `-VMHost $vmhost`,
    `-VirtualSwitch $vswitch`,
    `-PortGroup ${psString(t.portgroup)}`,
    `-NetworkStack $stack`,
    `-Mtu ${a.mtu}`,
  ];
  const comments: string[] = [];
  if (a.ipv4 && !a.ipv4.dhcp) {
    params.push(`-IP ${psString(a.ipv4.address)}`, `-SubnetMask ${psString(a.ipv4.subnetMask)}`);
    if (a.ipv4.gateway)
      comments.push(
        gaps.add(
          a.host,
          "ipv4Settings.defaultGateway",
          "New-VMHostNetworkAdapter has no per-adapter gateway (HostVirtualNicSpec.ipRouteSpec)",
        ),
      );
  } else if (a.ipv4?.dhcp) {
    comments.push("Without -IP, New-VMHostNetworkAdapter obtains the IPv4 settings through DHCP.");
  } else {
    comments.push(
      gaps.add(a.host, "portProperties.ipSettings", "New-VMHostNetworkAdapter cannot leave IPv4 off: without -IP it turns DHCP on"),
    );
  }
  if (a.ipv6) {
    if (a.ipv6.addresses.length) params.push(`-IPv6 ${psList(a.ipv6.addresses.map((x) => `${x.address}/${x.prefixLength}`))}`);
    if (a.ipv6.routerAdvertisement) params.push("-AutomaticIPv6");
    if (a.ipv6.dhcp) params.push("-IPv6ThroughDhcp");
    if (a.ipv6.gateway)
      comments.push(gaps.add(a.host, "ipv6Settings.defaultGateway", "New-VMHostNetworkAdapter has no per-adapter IPv6 gateway"));
  }
  if (a.ipv6Off || (a.ipv6 && !a.ipv6.routerAdvertisement))
    comments.push(
      gaps.add(
        a.host,
        "ipv6Settings.routerAdvertisement",
        "New-VMHostNetworkAdapter cannot turn router advertisement off: the host's default (on) stays",
      ),
    );
  const others: string[] = [];
  for (const s of a.services) {
    const p = SERVICE_PARAMETERS[s];
    if (p) params.push(`-${p} $true`);
    else if (s === "vsanWitness")
      comments.push(
        gaps.add(
          a.host,
          "portProperties.services: vsanWitness",
          "witness traffic is set with the vSAN API (Get-VsanView), not PowerCLI's core cmdlets",
        ),
      );
    else others.push(s);
  }
  for (const c of comments) out.push(`# ${c}`);
  out.push(`$vmk = New-VMHostNetworkAdapter ${params.join(" ")}`);
  if (t.kind !== "distributed" && t.vlanId !== 0) {
    out.push(
      `Get-VirtualPortGroup -VMHost $vmhost -Standard -Name ${psString(t.portgroup)} | Set-VirtualPortGroup -VLanId ${t.vlanId} | Out-Null`,
    );
  }
  if (others.length) {
    out.push(
      "# Services New-VMHostNetworkAdapter has no parameter for: HostVirtualNicManager.SelectVnicForNicType.",
      "$vnicManager = Get-View -Id $vmhost.ExtensionData.ConfigManager.VirtualNicManager",
      ...others.map((s) => `$vnicManager.SelectVnicForNicType(${psString(s)}, $vmk.Name)`),
    );
  }
  if (a.netStack) out.push(...stackSteps(a, a.netStack.patch, gaps));
  out.push(
    `if ($vmk.Name -ne ${psString(a.device)}) { Write-Warning "${a.host.replace(/[`"$]/g, "")}: the adapter is $($vmk.Name), addnet planned ${a.device}" }`,
  );
  return out;
}

/** Set-VMHostNetworkStack's parameters for the settings the plan sets; the others stay as they are. */
function stackSteps(a: AdapterPlan, patch: NetStackPatch, gaps: Gaps): string[] {
  const params: string[] = [];
  const comments: string[] = [];
  const gateway = (field: string, parameter: string, value: string | undefined) => {
    if (value) params.push(`-${parameter} ${psString(value)}`);
    else if (value === "")
      comments.push(gaps.add(a.host, `netStack.${field}`, "Set-VMHostNetworkStack's documentation gives no way to remove a gateway"));
  };
  if (patch.name !== undefined) params.push(`-Name ${psString(patch.name)}`);
  const dns = patch.dnsConfiguration;
  if (dns?.mode === "manual") {
    const servers = [dns.preferredDnsServer, dns.alternateDnsServer].filter((s): s is string => Boolean(s));
    params.push("-DnsFromDhcp $false", `-HostName ${psString(dns.hostName)}`, `-DomainName ${psString(dns.domainName)}`);
    if (servers.length) params.push(`-DnsAddress ${psList(servers)}`);
    if (dns.searchDomains.length) params.push(`-SearchDomain ${psList(dns.searchDomains)}`);
  } else if (dns) {
    params.push("-DnsFromDhcp $true");
    comments.push(
      gaps.add(
        a.host,
        "netStack.dnsConfiguration.vmkernelAdapter",
        `Set-VMHostNetworkStack has no parameter for the adapter DHCP's DNS settings come from (${dns.vmkernelAdapter})`,
      ),
    );
  }
  gateway("defaultGateway", "VMKernelGateway", patch.defaultGateway);
  gateway("ipV6DefaultGateway", "VMKernelV6Gateway", patch.ipV6DefaultGateway);
  // The parameter's name is spelt so in PowerCLI ("Algoritm").
  if (patch.congestionControlAlgorithm) params.push(`-CongestionControlAlgoritm ${psString(patch.congestionControlAlgorithm)}`);
  if (patch.maxNumberOfConnections !== undefined) params.push(`-MaxNumberOfConnections ${patch.maxNumberOfConnections}`);
  const out = [`# The TCP/IP stack ${a.tcpipStack}: ${netStackSummary(patch)}`, ...comments.map((c) => `# ${c}`)];
  if (params.length) out.push(`Set-VMHostNetworkStack -NetworkStack $stack ${params.join(" ")} | Out-Null`);
  return out;
}

export function exportPowerCli(input: ExportInput): PlanExport {
  const { host, port } = vcenterEndpoint(input.vcenter);
  const gaps = new Gaps();
  const plans = input.hosts.map(adapterPlan);
  const lines = [
    `# Add Networking: VMkernel adapters on ${plans.length} host${plans.length === 1 ? "" : "s"}, exported by addnet, for VMware PowerCLI.`,
    "# No credentials are in this file: Connect-VIServer asks for them, or takes them from PowerCLI's credential store",
    "# (New-VICredentialStoreItem).",
    "#Requires -Modules VMware.VimAutomation.Core, VMware.VimAutomation.Vds",
    "$ErrorActionPreference = 'Stop'",
    `$server = Connect-VIServer -Server ${psString(host)} -Port ${port}`,
  ];
  for (const a of plans) lines.push(...hostSteps(a, gaps));
  lines.push("", "Disconnect-VIServer -Server $server -Confirm:$false");
  return { format: "powercli", fileName: "addnet-vmkernel.ps1", mediaType: "text/plain", text: `${lines.join("\n")}\n`, gaps: gaps.list };
}
