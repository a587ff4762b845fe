/**
 * esxcli through vCenter, as govc host.esxcli (and PowerCLI's Get-EsxCli) runs it: the host's
 * ReflectManagedMethodExecuter takes ExecuteSoap with a handler's moid ("ha-cli-handler-network-ip-interface"), a
 * method ("vim.EsxCLI.network.ip.interface.add") and each argument as XML text (<mtu>9000</mtu>); it answers with the
 * command's result as XML text, or with the esxcli fault (faultMsg "EsxCLI.CLIFault.summary", the host's messages in
 * the detail's errMsg). A client learns a namespace's commands and their options from the same call on the
 * CLIInfo handler (vim.CLIInfo.FetchCLIInfo). A request that is not esxcli's to the letter is refused as vim25
 * refuses it (InvalidArgument naming moid, version, method or argument).
 *
 * Only the commands addnet's govc export runs are here, each acting on the host through the same code the vim25
 * calls use (HostNetworkSystem, HostVsanSystem): the same rules, and the same change.
 */
import { isIPv6 } from "node:net";

import { escapeXml, parseXml, XmlSyntaxError } from "@addnet/vim25";
import type {
  HostDnsConfig,
  HostIpConfig,
  HostIpRouteConfig,
  HostNetStackInstance,
  HostVirtualNic,
  HostVirtualNicSpec,
  HostVirtualSwitch,
} from "@addnet/vim25/types";

import { DistributedVirtualPortgroup } from "./distributed-virtual-portgroup.ts";
import type { HostNetworkSystem } from "./host-network-system.ts";
import { DEFAULT_STACK, HostManager, type HostSystem } from "./host-system.ts";
import type { HostVsanSystem } from "./host-vsan-system.ts";
import type { Args, CallContext } from "./managed-object.ts";
import { Fault, faults } from "./vim/fault.ts";

const CLI_INFO_MOID = "ha-dynamic-type-manager-local-cli-cliinfo";
const CLI_INFO_METHOD = "vim.CLIInfo.FetchCLIInfo";

/** An esxcli command's refusal: the lines the host prints. */
class CliError extends Error {
  constructor(readonly errMsg: string[]) {
    super(errMsg.join(" "));
  }
}

interface Param {
  /** The vmodl parameter's name: ExecuteSoap's argument name. */
  name: string;
  /** --long-name and -s, as esxcli and govc accept them. */
  aliases: [string, string];
  help: string;
}

interface Command {
  help: string;
  params: Param[];
  privilege: string;
  run(host: HostSystem, args: Map<string, string>, ctx: CallContext): void;
}

const param = (name: string, long: string, short: string, help: string): Param => ({ name, aliases: [`--${long}`, `-${short}`], help });
const IFACE = param("interfacename", "interface-name", "i", "The name of the VMkernel network interface.");

const networkSystem = (host: HostSystem) => host.networkSystem as HostNetworkSystem;

function required(args: Map<string, string>, p: Param): string {
  const value = args.get(p.name);
  if (value === undefined) throw new CliError([`Missing required parameter ${p.aliases.join("|")}`]);
  return value;
}

/** An esxcli boolean: true/false, yes/no, 1/0. */
function bool(args: Map<string, string>, p: Param): boolean | undefined {
  const value = args.get(p.name);
  if (value === undefined) return undefined;
  if (/^(true|yes|y|1)$/i.test(value)) return true;
  if (/^(false|no|n|0)$/i.test(value)) return false;
  throw new CliError([`Invalid boolean value '${value}' for parameter ${p.aliases.join("|")}`]);
}

function vmknic(host: HostSystem, args: Map<string, string>): HostVirtualNic {
  const device = required(args, IFACE);
  const vnic = host.vnic(device);
  if (!vnic) throw new CliError([`Invalid interface name ${device}: the VMkernel network interface does not exist`]);
  return vnic;
}

function vswitchOf(host: HostSystem, args: Map<string, string>, p: Param): HostVirtualSwitch {
  const name = required(args, p);
  const vswitch = host.vswitch(name);
  if (!vswitch) throw new CliError([`Invalid vswitch ${name}: the virtual switch does not exist`]);
  return vswitch;
}

/** A vmk's IPv4 settings as UpdateVirtualNic takes them; its IPv6 settings stay as they are unless ipV6Config says. */
const ipOf = (vnic: HostVirtualNic): HostIpConfig => ({
  dhcp: vnic.spec.ip?.dhcp ?? false,
  ipAddress: vnic.spec.ip?.ipAddress,
  subnetMask: vnic.spec.ip?.subnetMask,
});

/** The adapter's gateway override with one family's gateway replaced. */
const routeWith = (vnic: HostVirtualNic, gateway: Partial<HostIpRouteConfig>): HostVirtualNicSpec["ipRouteSpec"] => ({
  ipRouteConfig: { ...vnic.spec.ipRouteSpec?.ipRouteConfig, ...gateway },
});

const ADD = {
  portgroup: param("portgroupname", "portgroup-name", "p", "The name of the standard port group to connect the interface to."),
  dvs: param("dvsname", "dvs-name", "s", "The name of the distributed switch whose port the interface connects to (with --dvport-id)."),
  port: param("dvportid", "dvport-id", "v", "The ID of the distributed port the interface connects to (with --dvs-name)."),
  mtu: param("mtu", "mtu", "m", "The MTU of the interface (1280-9000; default 1500)."),
  netstack: param("netstack", "netstack", "N", "The key of the TCP/IP stack the interface is on (default defaultTcpipStack)."),
  mac: param("macaddress", "mac-address", "M", "The MAC address of the interface."),
};
const V4 = {
  address: param("ipv4", "ipv4", "I", "The static IPv4 address of the interface."),
  netmask: param("netmask", "netmask", "N", "The IPv4 netmask of the interface."),
  type: param("type", "type", "t", "How the interface gets its IPv4 address: dhcp, none or static."),
  gateway: param("gateway", "gateway", "g", "The IPv4 default gateway of the interface."),
};
const V6 = {
  dhcp: param("enabledhcpv6", "enable-dhcpv6", "d", "Get IPv6 addresses from DHCPv6 (true or false)."),
  routerAdv: param("enablerouteradv", "enable-router-adv", "r", "Get IPv6 addresses from router advertisements (true or false)."),
  gateway: param("gateway", "gateway", "g", "The IPv6 default gateway of the interface."),
  address: param("ipv6", "ipv6", "I", "The IPv6 address to add, as address/prefix length."),
};
const VSWITCH = {
  name: param("vswitchname", "vswitch-name", "v", "The name of the standard switch."),
  uplink: param("uplinkname", "uplink-name", "u", "The physical adapter to add to the switch's uplinks."),
  active: param("activeuplinks", "active-uplinks", "a", "The switch's active uplinks, comma-separated, in order."),
  standby: param("standbyuplinks", "standby-uplinks", "s", "The switch's standby uplinks, comma-separated, in order."),
};
const NETSTACK = param("netstack", "netstack", "N", "The network stack instance; if unspecified, use the default netstack instance.");
const STACK = {
  ccalgo: param("ccalgo", "ccalgo", "c", "The TCP congestion control algorithm of the netstack instance: newreno or cubic."),
  maxconn: param("maxconn", "maxconn", "m", "The maximum number of connections of the netstack instance."),
  name: param("name", "name", "n", "The new name of the netstack instance (a custom netstack's)."),
};
const ROUTE = {
  gateway: param("gateway", "gateway", "g", "The address of the gateway through which the network is reached."),
  network: param("network", "network", "n", "The network the route is to: 'default' for the default route."),
};
const DNS = {
  server: param("server", "server", "s", "The IPv4 or IPv6 address of a DNS server."),
  all: param("all", "all", "a", "Remove every DNS server of the netstack instance."),
  domain: param("domain", "domain", "d", "A search domain."),
};
const HOSTNAME = {
  host: param("host", "host", "H", "The host name, without the domain."),
  domain: param("domain", "domain", "d", "The domain name."),
};
const VSAN_TRAFFIC = param("traffictype", "traffic-type", "T", "The vSAN traffic the interface carries: vsan (default) or witness.");

/** The stack -N names (the default stack without it), edited from its settings as they are. */
function editStack(
  host: HostSystem,
  args: Map<string, string>,
  ctx: CallContext,
  change: (stack: HostNetStackInstance) => Omit<HostNetStackInstance, "key">,
): void {
  networkSystem(host).editNetStack(args.get(NETSTACK.name) ?? DEFAULT_STACK, change, ctx);
}

const dnsOf = (stack: HostNetStackInstance): HostDnsConfig => ({
  _type: "HostDnsConfig",
  dhcp: false,
  hostName: "",
  domainName: "",
  ...stack.dnsConfig,
  address: stack.dnsConfig?.address ?? [],
  searchDomain: stack.dnsConfig?.searchDomain ?? [],
});

/** route ipv4 / ipv6 add and remove: the stack's default route is its default gateway (HostIpRouteConfig). */
function routeCommands(family: "ipv4" | "ipv6"): Record<string, Command> {
  const field = family === "ipv4" ? "defaultGateway" : "ipV6DefaultGateway";
  const anyNetwork = family === "ipv4" ? "0.0.0.0/0" : "::/0";
  const target = (args: Map<string, string>) => {
    const network = required(args, ROUTE.network);
    // Only the default route is simulated: the stacks' other static routes (routeTableConfig) are not.
    if (network !== "default" && network !== anyNetwork) throw faults.notSupported(`Only the default ${family} route is simulated`);
    return required(args, ROUTE.gateway);
  };
  const params = [ROUTE.gateway, ROUTE.network, NETSTACK];
  return {
    add: {
      help: `Add an ${family} route to the netstack instance: its default gateway for the network 'default'.`,
      params,
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const gateway = target(args);
        editStack(host, args, ctx, (stack) => {
          if (stack.ipRouteConfig?.[field]) throw new CliError([`Unable to add route: the default ${family} route already exists`]);
          return { ipRouteConfig: { ...stack.ipRouteConfig, [field]: gateway } };
        });
      },
    },
    remove: {
      help: `Remove an ${family} route from the netstack instance.`,
      params,
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const gateway = target(args);
        editStack(host, args, ctx, (stack) => {
          if (stack.ipRouteConfig?.[field] !== gateway)
            throw new CliError([`Unable to remove route: no default ${family} route through ${gateway}`]);
          return { ipRouteConfig: { ...stack.ipRouteConfig, [field]: undefined } };
        });
      },
    },
  };
}

/**
 * dns server / search add and remove: the stack's DNS servers or search domains (HostDnsConfig), added at the end and
 * removed one at a time, or every one with `all`.
 */
function dnsListCommands(field: "address" | "searchDomain", item: Param, what: string, all?: Param): Record<string, Command> {
  return {
    add: {
      help: `Add a ${what} to the end of the netstack instance's list.`,
      params: [item, NETSTACK],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const value = required(args, item);
        editStack(host, args, ctx, (stack) => {
          const dns = dnsOf(stack);
          if (dns[field]!.includes(value)) throw new CliError([`The ${what} ${value} is already in the list`]);
          return { dnsConfig: { ...dns, [field]: [...dns[field]!, value] } };
        });
      },
    },
    remove: {
      help: `Remove a ${what}${all ? ", or every one (--all)," : ""} from the netstack instance's list.`,
      params: all ? [item, all, NETSTACK] : [item, NETSTACK],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const every = all !== undefined && bool(args, all) === true;
        const value = all ? args.get(item.name) : required(args, item);
        if (all && (value === undefined) === !every) throw new CliError([`Either --${item.name} or --${all.name} must be given`]);
        editStack(host, args, ctx, (stack) => {
          const dns = dnsOf(stack);
          if (value !== undefined && !dns[field]!.includes(value)) throw new CliError([`The ${what} ${value} is not in the list`]);
          return { dnsConfig: { ...dns, [field]: every ? [] : dns[field]!.filter((v) => v !== value) } };
        });
      },
    },
  };
}

/** Each namespace's commands. */
const NAMESPACES: Record<string, Record<string, Command>> = {
  "network.ip.interface": {
    add: {
      help: "Add a new VMkernel network interface.",
      params: [IFACE, ADD.portgroup, ADD.dvs, ADD.port, ADD.mtu, ADD.netstack, ADD.mac],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const portgroup = args.get(ADD.portgroup.name);
        const dvsName = args.get(ADD.dvs.name);
        const portKey = args.get(ADD.port.name);
        const byPort = dvsName !== undefined || portKey !== undefined;
        if ((portgroup !== undefined) === byPort || (byPort && (dvsName === undefined || portKey === undefined))) {
          throw new CliError(["Either --portgroup-name, or --dvs-name with --dvport-id, must be given"]);
        }
        const mtu = args.get(ADD.mtu.name);
        if (mtu !== undefined && !/^\d+$/.test(mtu)) throw new CliError([`Invalid MTU '${mtu}'`]);
        const nic: HostVirtualNicSpec = {
          // A new interface has no IPv4 address until ipv4 set gives it one.
          ip: { dhcp: false },
          mtu: mtu === undefined ? undefined : Number(mtu),
          netStackInstanceKey: args.get(ADD.netstack.name),
          mac: args.get(ADD.mac.name),
        };
        if (dvsName !== undefined && portKey !== undefined) {
          const proxy = host.net.proxySwitch.find((p) => p.dvsName === dvsName);
          if (!proxy) throw new CliError([`The host is not a member of a distributed switch named ${dvsName}`]);
          const group = host.networks.find(
            (n): n is DistributedVirtualPortgroup =>
              n instanceof DistributedVirtualPortgroup && n.dvs.uuid === proxy.dvsUuid && !n.uplink && n.portKeys().includes(portKey),
          );
          if (!group) throw new CliError([`Port ${portKey} is not a port of ${dvsName} this interface can connect to`]);
          nic.distributedVirtualPort = { switchUuid: proxy.dvsUuid, portgroupKey: group.key, portKey };
        }
        networkSystem(host).addVirtualNic(portgroup ?? "", nic, ctx, args.get(IFACE.name));
      },
    },
  },
  "network.ip.interface.ipv4": {
    set: {
      help: "Configure IPv4 settings for a given VMkernel network interface.",
      params: [IFACE, V4.address, V4.netmask, V4.type, V4.gateway],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const vnic = vmknic(host, args);
        const type = required(args, V4.type);
        const address = args.get(V4.address.name);
        const netmask = args.get(V4.netmask.name);
        if (!["dhcp", "none", "static"].includes(type)) throw new CliError([`Invalid IPv4 type '${type}': dhcp, none or static`]);
        if (type === "static" && (address === undefined || netmask === undefined)) {
          throw new CliError(["A static IPv4 configuration needs --ipv4 and --netmask"]);
        }
        if (type !== "static" && (address !== undefined || netmask !== undefined)) {
          throw new CliError([`--ipv4 and --netmask are for a static IPv4 configuration, not ${type}`]);
        }
        const gateway = args.get(V4.gateway.name);
        networkSystem(host).UpdateVirtualNic(
          {
            device: vnic.device,
            nic: {
              ip: { dhcp: type === "dhcp", ipAddress: address, subnetMask: netmask },
              ipRouteSpec: gateway === undefined ? undefined : routeWith(vnic, { defaultGateway: gateway }),
            },
          },
          ctx,
        );
      },
    },
  },
  "network.ip.interface.ipv6": {
    set: {
      help: "Configure IPv6 settings for a given VMkernel network interface.",
      params: [IFACE, V6.dhcp, V6.routerAdv, V6.gateway],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const vnic = vmknic(host, args);
        const gateway = args.get(V6.gateway.name);
        networkSystem(host).UpdateVirtualNic(
          {
            device: vnic.device,
            nic: {
              ip: {
                ...ipOf(vnic),
                ipV6Config: { ipV6Address: [], dhcpV6Enabled: bool(args, V6.dhcp), autoConfigurationEnabled: bool(args, V6.routerAdv) },
              },
              ipRouteSpec: gateway === undefined ? undefined : routeWith(vnic, { ipV6DefaultGateway: gateway }),
            },
          },
          ctx,
        );
      },
    },
  },
  "network.ip.interface.ipv6.address": {
    add: {
      help: "Add a static IPv6 address to a given VMkernel network interface.",
      params: [IFACE, V6.address],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const vnic = vmknic(host, args);
        const value = required(args, V6.address);
        const [address = "", prefix = ""] = value.split("/");
        if (!isIPv6(address) || !/^\d+$/.test(prefix)) throw new CliError([`Invalid IPv6 address '${value}': address/prefix length`]);
        networkSystem(host).UpdateVirtualNic(
          {
            device: vnic.device,
            nic: {
              ip: { ...ipOf(vnic), ipV6Config: { ipV6Address: [{ ipAddress: address, prefixLength: Number(prefix), operation: "add" }] } },
            },
          },
          ctx,
        );
      },
    },
  },
  "network.vswitch.standard.uplink": {
    add: {
      help: "Add an uplink to a standard switch: it becomes the last active uplink.",
      params: [VSWITCH.uplink, VSWITCH.name],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const vswitch = vswitchOf(host, args, VSWITCH.name);
        const uplink = required(args, VSWITCH.uplink);
        const { bridge, policy } = vswitch.spec;
        const order = policy?.nicTeaming?.nicOrder;
        const bridged = bridge && "nicDevice" in bridge ? [bridge.nicDevice].flat() : [];
        networkSystem(host).UpdateVirtualSwitch(
          {
            vswitchName: vswitch.name,
            spec: {
              ...vswitch.spec,
              bridge: { ...bridge, _type: "HostVirtualSwitchBondBridge", nicDevice: [...bridged, uplink] },
              policy: {
                ...policy,
                nicTeaming: {
                  ...policy?.nicTeaming,
                  nicOrder: { activeNic: [...(order?.activeNic ?? []), uplink], standbyNic: order?.standbyNic ?? [] },
                },
              },
            },
          },
          ctx,
        );
      },
    },
  },
  "network.vswitch.standard.policy.failover": {
    set: {
      help: "Configure the failover order of a standard switch: uplinks neither active nor standby are unused.",
      params: [VSWITCH.name, VSWITCH.active, VSWITCH.standby],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const vswitch = vswitchOf(host, args, VSWITCH.name);
        const list = (p: Param) => args.get(p.name)?.split(",").filter(Boolean);
        const { policy } = vswitch.spec;
        const order = policy?.nicTeaming?.nicOrder;
        const nicOrder = {
          activeNic: list(VSWITCH.active) ?? order?.activeNic ?? [],
          standbyNic: list(VSWITCH.standby) ?? order?.standbyNic ?? [],
        };
        networkSystem(host).UpdateVirtualSwitch(
          { vswitchName: vswitch.name, spec: { ...vswitch.spec, policy: { ...policy, nicTeaming: { ...policy?.nicTeaming, nicOrder } } } },
          ctx,
        );
      },
    },
  },
  "network.ip.netstack": {
    set: {
      help: "Configure settings of a netstack instance.",
      params: [NETSTACK, STACK.ccalgo, STACK.maxconn, STACK.name],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const key = required(args, NETSTACK);
        const maxconn = args.get(STACK.maxconn.name);
        if (maxconn !== undefined && !/^\d+$/.test(maxconn)) throw new CliError([`Invalid maximum number of connections '${maxconn}'`]);
        networkSystem(host).editNetStack(
          key,
          () => ({
            name: args.get(STACK.name.name),
            congestionControlAlgorithm: args.get(STACK.ccalgo.name),
            requestedMaxNumberOfConnections: maxconn === undefined ? undefined : Number(maxconn),
          }),
          ctx,
        );
      },
    },
  },
  "network.ip.route.ipv4": routeCommands("ipv4"),
  "network.ip.route.ipv6": routeCommands("ipv6"),
  "network.ip.dns.server": dnsListCommands("address", DNS.server, "DNS server", DNS.all),
  "network.ip.dns.search": dnsListCommands("searchDomain", DNS.domain, "search domain"),
  "system.hostname": {
    set: {
      help: "Set the host's name and domain: the default netstack instance's.",
      params: [HOSTNAME.host, HOSTNAME.domain],
      privilege: "Host.Config.Network",
      run(host, args, ctx) {
        const hostName = args.get(HOSTNAME.host.name);
        const domainName = args.get(HOSTNAME.domain.name);
        if (hostName === undefined && domainName === undefined) throw new CliError(["Either --host or --domain must be given"]);
        networkSystem(host).editNetStack(
          DEFAULT_STACK,
          (stack) => {
            const dns = dnsOf(stack);
            return { dnsConfig: { ...dns, hostName: hostName ?? dns.hostName, domainName: domainName ?? dns.domainName } };
          },
          ctx,
        );
      },
    },
  },
  "vsan.network.ip": {
    add: {
      help: "Add an IP interface to the vSAN network configuration.",
      params: [IFACE, VSAN_TRAFFIC],
      privilege: "Host.Config.Storage",
      run(host, args, ctx) {
        const traffic = args.get(VSAN_TRAFFIC.name) ?? "vsan";
        if (traffic !== "vsan" && traffic !== "witness") throw new CliError([`Invalid traffic type '${traffic}': vsan or witness`]);
        (host.vsanSystem as HostVsanSystem).addTraffic(vmknic(host, args).device, traffic, ctx);
      },
    },
  },
};

/** The root element of every reply: the value under its type, in urn:vim25 as of version 5.0. */
const obj = (type: string, content: string) =>
  `<obj xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
  `xmlns="urn:vim25" versionId="5.0" xsi:type="${type}">${content}</obj>`;

const el = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

/** A namespace's commands and their options, as vim.CLIInfo.FetchCLIInfo describes them. */
function cliInfo(namespace: string, commands: Record<string, Command>): string {
  const methods = Object.entries(commands).map(
    ([name, c]) =>
      `<method>${el("name", name)}${el("displayName", name)}${el("help", c.help)}` +
      c.params
        .map(
          (p) =>
            `<param>${el("name", p.name)}${el("displayName", p.aliases[0].slice(2))}${el("help", p.help)}` +
            `${p.aliases.map((a) => el("aliases", a)).join("")}${el("flag", "false")}</param>`,
        )
        .join("") +
      `</method>`,
  );
  return obj(
    "VimCLIInfoInfo",
    `${el("name", `vim.EsxCLI.${namespace}`)}${el("displayName", namespace.split(".").at(-1)!)}${el("help", namespace)}${methods.join("")}`,
  );
}

/** Each argument's text: ExecuteSoap sends <name>text</name>. */
function argumentsOf(list: { name: string; val: string }[], names: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (const { name, val } of list) {
    let element;
    try {
      element = parseXml(val);
    } catch (err) {
      if (err instanceof XmlSyntaxError) throw faults.invalidArgument("argument", `The argument ${name} is not XML: ${err.message}`);
      throw err;
    }
    if (element.name !== name || !names.includes(name)) throw faults.invalidArgument("argument");
    args.set(name, element.text);
  }
  return args;
}

type SoapResult = { response: string } | { fault: { faultMsg: string; faultDetail?: string } };

/** ReflectManagedMethodExecuter: runs esxcli commands on its host. */
export class ReflectManagedMethodExecuter extends HostManager {
  constructor(value: string, host: HostSystem) {
    super("ReflectManagedMethodExecuter", value, host);
  }

  property(): unknown {
    return undefined;
  }

  ExecuteSoap(args: Args, ctx: CallContext): SoapResult {
    const moid = args.moid as string;
    const method = args.method as string;
    const argument = (args.argument ?? []) as { name: string; val: string }[];
    if (!/^urn:vim25\/\d+(\.\d+)*$/.test(args.version as string)) throw faults.invalidArgument("version");
    if (moid === CLI_INFO_MOID) {
      if (method !== CLI_INFO_METHOD) throw faults.invalidArgument("method");
      ctx.sim.authorize(ctx, this.host, "System.Read");
      this.host.requireConnected();
      const typeName = argumentsOf(argument, ["typeName"]).get("typeName") ?? "";
      const namespace = typeName.replace(/^vim\.EsxCLI\./, "");
      const commands = typeName.startsWith("vim.EsxCLI.") ? NAMESPACES[namespace] : undefined;
      if (!commands) return fault("NotFound", "The object or item referred to could not be found.", "");
      return { response: cliInfo(namespace, commands) };
    }
    const namespace = Object.keys(NAMESPACES).find((ns) => moid === `ha-cli-handler-${ns.replaceAll(".", "-")}`);
    if (!namespace) throw faults.invalidArgument("moid");
    const name = method.startsWith(`vim.EsxCLI.${namespace}.`) ? method.slice(`vim.EsxCLI.${namespace}.`.length) : "";
    const command = NAMESPACES[namespace]![name];
    if (!command) throw faults.invalidArgument("method");
    const values = argumentsOf(
      argument,
      command.params.map((p) => p.name),
    );
    // vCenter runs the command for a user who may change the host; a host it cannot reach runs nothing.
    ctx.sim.authorize(ctx, this.host, command.privilege);
    this.host.requireConnected();
    try {
      command.run(this.host, values, ctx);
    } catch (err) {
      if (err instanceof CliError) return cliFault(err.errMsg);
      // The host's own refusal, in the words it gives every client.
      if (err instanceof Fault) return cliFault([err.message]);
      throw err;
    }
    return { response: obj("xsd:boolean", "true") };
  }
}

function fault(type: string, faultMsg: string, content: string): SoapResult {
  return { fault: { faultMsg, faultDetail: obj(type, content) } };
}

const cliFault = (errMsg: string[]): SoapResult =>
  fault("VimEsxCLICLIFault", "EsxCLI.CLIFault.summary", errMsg.map((m) => el("errMsg", m)).join(""));

/**
 * InternalDynamicTypeManager: a client fetches it with the executer (govc does), but reads the commands through the
 * executer's CLIInfo handler, so it answers nothing itself.
 */
export class InternalDynamicTypeManager extends HostManager {
  constructor(value: string, host: HostSystem) {
    super("InternalDynamicTypeManager", value, host);
  }

  property(): unknown {
    return undefined;
  }
}
