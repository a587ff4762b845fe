/**
 * The plan as a bash script of govc commands. govc makes the standard switch and the port group (host.vswitch.add,
 * host.portgroup.add) and selects services (host.vnic.service), but has no command that adds a VMkernel adapter: that
 * step, its IP settings, the extra uplinks and the TCP/IP stack's settings run ESXi's esxcli on the host through vCenter
 * (govc host.esxcli).
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

/** A shell word: bare when it has nothing the shell reads, else single-quoted. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_.,:/@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const esxcli = (args: string[]) => `govc host.esxcli -host "$host" ${args.map(shellWord).join(" ")}`;

function hostSteps(a: AdapterPlan, gaps: Gaps): string[] {
  const t = a.target;
  const out = ["", `# ${a.host}: ${summary(a)}`, `host=${shellWord(a.host)}`, `vmk_free "$host" ${a.device}`];
  if (t.kind === "new") {
    const uplinks = [...t.active, ...t.standby, ...t.unused];
    // host.vswitch.add bridges one adapter; esxcli adds the others, then sets the failover order.
    out.push(
      `govc host.vswitch.add -host "$host" -mtu ${t.mtu} -ports 128${uplinks[0] ? ` -nic ${shellWord(uplinks[0])}` : ""} ${shellWord(t.vswitch)}`,
    );
    for (const nic of uplinks.slice(1)) out.push(esxcli(["network", "vswitch", "standard", "uplink", "add", "-u", nic, "-v", t.vswitch]));
    const defaultOrder = t.standby.length === 0 && t.unused.length === 0;
    if (uplinks.length && !defaultOrder) {
      out.push(
        `# Failover order: active ${t.active.join(", ") || "none"}; standby ${t.standby.join(", ") || "none"}; unused ${t.unused.join(", ") || "none"}.`,
      );
      const order = ["network", "vswitch", "standard", "policy", "failover", "set", "-v", t.vswitch];
      if (t.active.length) order.push("-a", t.active.join(","));
      if (t.standby.length) order.push("-s", t.standby.join(","));
      out.push(esxcli(order));
    }
  }
  if (t.kind !== "distributed") {
    out.push(`govc host.portgroup.add -host "$host" -vswitch ${shellWord(t.vswitch)} -vlan ${t.vlanId} ${shellWord(t.portgroup)}`);
    out.push(esxcli(["network", "ip", "interface", "add", "-i", a.device, "-p", t.portgroup, "-m", String(a.mtu), "-N", a.tcpipStack]));
  } else {
    out.push(
      `# esxcli connects an adapter to one distributed port by its ID: the first free port of ${t.portgroup}.`,
      `port=$(govc dvs.portgroup.info -pg ${shellWord(t.portgroup)} -count 1 ${shellWord(t.dvs)} | awk '/PortKey:/ {print $2; exit}')`,
      `[ -n "$port" ] || { echo "$host: no free port in ${t.portgroup.replace(/["$`\\]/g, "")}" >&2; exit 1; }`,
      `${esxcli(["network", "ip", "interface", "add", "-i", a.device, "-s", t.dvs, "-m", String(a.mtu), "-N", a.tcpipStack])} -v "$port"`,
    );
    out.push(
      `# ${gaps.add(
        a.host,
        "targetDevice.portgroupKey",
        "esxcli binds the adapter to one port of the distributed port group by its ID; addnet connects it to the port group (the same for a static-binding group)",
      )}`,
    );
  }
  if (a.ipv4) {
    const v4 = a.ipv4.dhcp
      ? ["-t", "dhcp"]
      : ["-t", "static", "-I", a.ipv4.address, "-N", a.ipv4.subnetMask, ...(a.ipv4.gateway ? ["-g", a.ipv4.gateway] : [])];
    out.push(esxcli(["network", "ip", "interface", "ipv4", "set", "-i", a.device, ...v4]));
  } else {
    out.push(esxcli(["network", "ip", "interface", "ipv4", "set", "-i", a.device, "-t", "none"]));
  }
  if (a.ipv6 || a.ipv6Off) {
    const v6 = a.ipv6 ?? { dhcp: false, routerAdvertisement: false, addresses: [], gateway: undefined };
    const set = ["network", "ip", "interface", "ipv6", "set", "-i", a.device, "-d", String(v6.dhcp), "-r", String(v6.routerAdvertisement)];
    if (v6.gateway) set.push("-g", v6.gateway);
    out.push(esxcli(set));
    for (const x of v6.addresses)
      out.push(esxcli(["network", "ip", "interface", "ipv6", "address", "add", "-i", a.device, "-I", `${x.address}/${x.prefixLength}`]));
  }
  for (const s of selectable(a.services)) out.push(`govc host.vnic.service -host "$host" -enable ${shellWord(s)} ${a.device}`);
  for (const s of a.services.filter((x) => !selectable([x]).length)) {
    // vSAN traffic goes through HostVsanSystem (govc host.vnic.service does that for vsan); witness traffic through esxcli.
    out.push(
      s === "vsan"
        ? `govc host.vnic.service -host "$host" -enable vsan ${a.device}`
        : esxcli(["vsan", "network", "ip", "add", "-i", a.device, "-T", "witness"]),
    );
  }
  if (a.netStack) out.push(...stackSteps(a, a.netStack.patch, a.netStack.before, gaps));
  return out;
}

const sameList = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);

/**
 * The stack's settings as esxcli commands, once the adapter is made (a vMotion or Provisioning stack is active only
 * then). esxcli adds and removes: the default route, DNS servers and search domains the plan replaces are removed
 * first, as the host had them when the plan was made (esxcli refuses a second default route).
 */
function stackSteps(a: AdapterPlan, patch: NetStackPatch, before: TcpipStackInfo | undefined, gaps: Gaps): string[] {
  const stack = ["--netstack", a.tcpipStack];
  const out = [`# The TCP/IP stack ${a.tcpipStack}: ${netStackSummary(patch)}`];
  if (!before) out.push("# The stack as it was is not in the plan: no old default route or search domain is removed first.");
  const set: string[] = [];
  if (patch.name !== undefined) set.push("--name", patch.name);
  if (patch.congestionControlAlgorithm) set.push("--ccalgo", patch.congestionControlAlgorithm);
  if (patch.maxNumberOfConnections !== undefined) set.push("--maxconn", String(patch.maxNumberOfConnections));
  if (set.length) out.push(esxcli(["network", "ip", "netstack", "set", ...stack, ...set]));
  const route = (family: "ipv4" | "ipv6", field: string, given: string | undefined, had: string | null | undefined) => {
    if (given === "" && !before) {
      const why = "esxcli removes a default route by its gateway, and the stack's gateway before the change is not in the plan";
      out.push(`# ${gaps.add(a.host, `netStack.${field}`, why)}`);
      return;
    }
    if (given === undefined || given === (had ?? "")) return;
    const routeCommand = (op: string, gateway: string) =>
      esxcli(["network", "ip", "route", family, op, "--network", "default", "--gateway", gateway, ...stack]);
    if (had) out.push(routeCommand("remove", had));
    if (given) out.push(routeCommand("add", given));
  };
  route("ipv4", "defaultGateway", patch.defaultGateway, before?.defaultGateway);
  route("ipv6", "ipV6DefaultGateway", patch.ipV6DefaultGateway, before?.ipV6DefaultGateway);
  const dns = patch.dnsConfiguration;
  if (dns?.mode === "dhcp") {
    out.push(
      `# ${gaps.add(
        a.host,
        "netStack.dnsConfiguration",
        `esxcli takes DNS from DHCP only as an adapter's IPv4 setting (network ip interface ipv4 set --peer-dns), which would change ${dns.vmkernelAdapter}'s IPv4 settings`,
      )}`,
    );
    return out;
  }
  if (!dns) return out;
  if (before?.dns.dhcp)
    out.push(
      `# ${gaps.add(
        a.host,
        "netStack.dnsConfiguration.dhcp",
        `the stack takes DNS from ${before.dns.vmkernelAdapter ?? "an adapter"}'s DHCP: esxcli turns that off only in that adapter's IPv4 settings (--peer-dns)`,
      )}`,
    );
  if (!before || before.dns.hostName !== dns.hostName || before.dns.domainName !== dns.domainName) {
    if (a.tcpipStack === "defaultTcpipStack")
      out.push(esxcli(["system", "hostname", "set", "--host", dns.hostName, "--domain", dns.domainName]));
    else
      out.push(
        `# ${gaps.add(
          a.host,
          "netStack.dnsConfiguration.hostName",
          `esxcli sets the host name and domain of the default stack only (system hostname set), not of ${a.tcpipStack}`,
        )}`,
      );
  }
  const servers = [dns.preferredDnsServer, dns.alternateDnsServer].filter((s): s is string => Boolean(s));
  if (!before || !sameList(before.dns.servers, servers)) {
    if (!before || before.dns.servers.length) out.push(esxcli(["network", "ip", "dns", "server", "remove", "--all", "true", ...stack]));
    for (const s of servers) out.push(esxcli(["network", "ip", "dns", "server", "add", "--server", s, ...stack]));
  }
  if (!before || !sameList(before.dns.searchDomains, dns.searchDomains)) {
    for (const d of before?.dns.searchDomains ?? [])
      out.push(esxcli(["network", "ip", "dns", "search", "remove", "--domain", d, ...stack]));
    for (const d of dns.searchDomains) out.push(esxcli(["network", "ip", "dns", "search", "add", "--domain", d, ...stack]));
  }
  return out;
}

export function exportGovc(input: ExportInput): PlanExport {
  const { url } = vcenterEndpoint(input.vcenter);
  const gaps = new Gaps();
  const plans = input.hosts.map(adapterPlan);
  const lines = [
    "#!/usr/bin/env bash",
    `# Add Networking: VMkernel adapters on ${plans.length} host${plans.length === 1 ? "" : "s"}, exported by addnet, as govc commands.`,
    "# govc has no command that adds a VMkernel adapter: those steps run esxcli on the host through vCenter",
    "# (govc host.esxcli), as do extra uplinks, the failover order and the TCP/IP stack's settings.",
    "#",
    "# No credentials are in this file: govc reads them from the environment.",
    "#   export GOVC_USERNAME=administrator@vsphere.local GOVC_PASSWORD=...",
    "#   export GOVC_INSECURE=1   # only for a vCenter with a self-signed certificate",
    "set -euo pipefail",
    `export GOVC_URL=\${GOVC_URL:-${shellWord(url)}}`,
    "",
    "# Stops when HOST already has the VMkernel adapter DEVICE: esxcli must name the adapter, as the host would.",
    "# govc's output is read whole first: grep -q stops at a match, and under pipefail a govc cut short would look free.",
    "vmk_free() {",
    "  local info",
    '  info=$(govc host.vnic.info -host "$1")',
    '  if grep -Eq "^Device:[[:space:]]+$2\\$" <<<"$info"; then',
    '    echo "$1: $2 exists already" >&2',
    "    return 1",
    "  fi",
    "}",
  ];
  for (const a of plans) lines.push(...hostSteps(a, gaps));
  return {
    format: "govc",
    fileName: "addnet-vmkernel.sh",
    mediaType: "text/x-shellscript",
    text: `${lines.join("\n")}\n`,
    gaps: gaps.list,
  };
}
