/**
 * Shared helpers for the host networking suites: one simulator per test file, raw SOAP calls for every
 * HostNetworkSystem / HostVirtualNicManager / HostVsanSystem method, and checks of the simulated host's
 * state both in-process (running.sim) and read back through RetrievePropertiesEx.
 */
import { expect } from "vitest";

import type { HostSystem } from "../src/host-system.ts";
import type { RunningSimulator } from "../src/index.ts";
import { decodeElement } from "@addnet/vim25";
import type { HostNetworkInfo, HostVirtualNic } from "@addnet/vim25/types";
import { escapeXml, type XmlElement } from "@addnet/vim25";
import { child, children, Client, moref, ref, text, withSimulator, type Reply } from "./client.ts";

export const TOKEN = "test-token";
export const DEFAULT_STACK = "defaultTcpipStack";
export const ADMIN = { user: "administrator@vsphere.local", password: "VMware1!" };
export const HELPDESK = { user: "helpdesk@vsphere.local", password: "Helpdesk1!" };
export const READONLY = { user: "readonly@vsphere.local", password: "ReadOnly1!" };

// ---------------------------------------------------------------------------------------------------------
// Request bodies, written by hand in WSDL order (spec §4.4, §4.7) as a client would send them
// ---------------------------------------------------------------------------------------------------------

/** `<tag>value</tag>`, or nothing when the value is undefined. */
export const el = (tag: string, value: string | number | boolean | undefined): string =>
  value === undefined ? "" : `<${tag}>${escapeXml(String(value))}</${tag}>`;

export interface IpSpec {
  dhcp?: boolean;
  ipAddress?: string;
  subnetMask?: string;
  v6?: {
    addresses?: { ipAddress: string; prefixLength: number; operation?: "add" | "remove" }[];
    autoConfigurationEnabled?: boolean;
    dhcpV6Enabled?: boolean;
  };
}

export function ipXml(ip: IpSpec): string {
  const v6 = ip.v6
    ? "<ipV6Config>" +
      (ip.v6.addresses ?? [])
        .map(
          (a) =>
            `<ipV6Address>${el("ipAddress", a.ipAddress)}${el("prefixLength", a.prefixLength)}${el("origin", "manual")}` +
            `${el("operation", a.operation ?? "add")}</ipV6Address>`,
        )
        .join("") +
      el("autoConfigurationEnabled", ip.v6.autoConfigurationEnabled) +
      el("dhcpV6Enabled", ip.v6.dhcpV6Enabled) +
      "</ipV6Config>"
    : "";
  return `<ip>${el("dhcp", ip.dhcp ?? false)}${el("ipAddress", ip.ipAddress)}${el("subnetMask", ip.subnetMask)}${v6}</ip>`;
}

export const staticIp = (ipAddress: string, subnetMask = "255.255.255.0"): IpSpec => ({ dhcp: false, ipAddress, subnetMask });

export interface VnicSpec {
  ip?: IpSpec;
  dvPort?: { switchUuid: string; portgroupKey?: string };
  portgroup?: string;
  mtu?: number;
  stack?: string;
  gateway?: string;
}

/** A HostVirtualNicSpec element. */
export function vnicXml(nic: VnicSpec, tag = "nic"): string {
  const dv = nic.dvPort
    ? `<distributedVirtualPort>${el("switchUuid", nic.dvPort.switchUuid)}${el("portgroupKey", nic.dvPort.portgroupKey)}</distributedVirtualPort>`
    : "";
  const route =
    nic.gateway !== undefined
      ? `<ipRouteSpec><ipRouteConfig xsi:type="HostIpRouteConfig">${el("defaultGateway", nic.gateway)}</ipRouteConfig></ipRouteSpec>`
      : "";
  return (
    `<${tag}>${nic.ip ? ipXml(nic.ip) : ""}${dv}${el("portgroup", nic.portgroup)}${el("mtu", nic.mtu)}` +
    `${el("netStackInstanceKey", nic.stack)}${route}</${tag}>`
  );
}

export interface VswitchSpec {
  numPorts?: number;
  nicDevice?: string[];
  activeNic?: string[];
  standbyNic?: string[];
  mtu?: number;
}

/** A HostVirtualSwitchSpec element; the bridge is polymorphic, so it carries xsi:type. */
export function vswitchSpecXml(s: VswitchSpec): string {
  const bridge = s.nicDevice
    ? `<bridge xsi:type="HostVirtualSwitchBondBridge">${s.nicDevice.map((d) => el("nicDevice", d)).join("")}</bridge>`
    : "";
  const order =
    s.activeNic || s.standbyNic
      ? "<policy><nicTeaming><nicOrder>" +
        (s.activeNic ?? []).map((d) => el("activeNic", d)).join("") +
        (s.standbyNic ?? []).map((d) => el("standbyNic", d)).join("") +
        "</nicOrder></nicTeaming></policy>"
      : "";
  return `<spec>${el("numPorts", s.numPorts ?? 128)}${bridge}${order}${el("mtu", s.mtu)}</spec>`;
}

export interface StackEdit {
  key: string;
  name?: string;
  dns?: { dhcp?: boolean; virtualNicDevice?: string; hostName: string; domainName: string; address?: string[]; searchDomain?: string[] };
  gateway?: string;
  maxConnections?: number;
  congestionControl?: string;
  /** netStackSpec.operation; "edit" unless given (null leaves it out). */
  operation?: string | null;
}

/** One HostNetworkConfigNetStackSpec element. */
export function netStackSpecXml(e: StackEdit): string {
  const dns = e.dns
    ? `<dnsConfig xsi:type="HostDnsConfig">${el("dhcp", e.dns.dhcp ?? false)}${el("virtualNicDevice", e.dns.virtualNicDevice)}` +
      `${el("hostName", e.dns.hostName)}${el("domainName", e.dns.domainName)}` +
      (e.dns.address ?? []).map((a) => el("address", a)).join("") +
      (e.dns.searchDomain ?? []).map((d) => el("searchDomain", d)).join("") +
      "</dnsConfig>"
    : "";
  const route =
    e.gateway !== undefined ? `<ipRouteConfig xsi:type="HostIpRouteConfig">${el("defaultGateway", e.gateway)}</ipRouteConfig>` : "";
  return (
    `<netStackSpec><netStackInstance>${el("key", e.key)}${el("name", e.name)}${dns}${route}` +
    `${el("requestedMaxNumberOfConnections", e.maxConnections)}${el("congestionControlAlgorithm", e.congestionControl)}` +
    `</netStackInstance>${e.operation === null ? "" : el("operation", e.operation ?? "edit")}</netStackSpec>`
  );
}

// ---------------------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------------------

/** Decodes a readback value with the vim25 schema (arrays stay arrays even with one item). */
export const decode = <T>(val: XmlElement | undefined, type: string): T => {
  if (!val) throw new Error(`no ${type} value to decode`);
  return decodeElement(val, type, type, { strict: false }) as T;
};

export function expectOk(reply: Reply): Reply {
  expect(reply.fault, `unexpected fault: ${reply.text.slice(0, 600)}`).toBeUndefined();
  expect(reply.status).toBe(200);
  return reply;
}

/** Asserts a SOAP fault of this type (the detail's xsi:type) and returns the detail element. */
export function expectFault(reply: Reply, type: string): XmlElement {
  expect(reply.status, reply.text.slice(0, 600)).toBe(500);
  expect(reply.fault, reply.text.slice(0, 600)).toBe(type);
  expect(reply.text).toContain("<faultcode>ServerFaultCode</faultcode>");
  return reply.body!;
}

export const returnval = (reply: Reply): string | undefined => text(reply.body, "returnval");

export interface NoPermissionDetail {
  object?: { type: string; value: string };
  privilegeId?: string;
  missingPrivileges?: { entity: { type: string; value: string }; privilegeIds: string[] }[];
}

// ---------------------------------------------------------------------------------------------------------
// The harness
// ---------------------------------------------------------------------------------------------------------

export interface HostReadback {
  net: HostNetworkInfo;
  vnmInfo: { netConfig?: { nicType: string; multiSelectAllowed: boolean; candidateVnic?: HostVirtualNic[]; selectedVnic?: string[] }[] };
  runtime: {
    netStackInstanceRuntimeInfo?: {
      netStackInstanceKey: string;
      state?: string;
      vmknicKeys?: string[];
      maxNumberOfConnections?: number;
      currentIpV6Enabled?: boolean;
    }[];
  };
  vsan: { enabled?: boolean; networkInfo?: { port?: { device: string }[] } };
}

export interface HostState {
  inProcess: string;
  wire: string;
}

export const fqdn = (short: string): string => `${short}.lab.local`;

export class Harness {
  private constructor(
    readonly running: RunningSimulator,
    readonly admin: Client,
  ) {}

  static async start(): Promise<Harness> {
    const running = await withSimulator();
    const admin = new Client(running.sdkUrl);
    expectOk(await admin.login(ADMIN.user, ADMIN.password));
    return new Harness(running, admin);
  }

  close(): Promise<void> {
    return this.running.close();
  }

  async login(who: { user: string; password: string }): Promise<Client> {
    const c = new Client(this.running.sdkUrl);
    expectOk(await c.login(who.user, who.password));
    return c;
  }

  /** A call to the control endpoint; token null sends no Authorization header. */
  async control(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${this.running.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = await res.text();
    return { status: res.status, body: raw ? (JSON.parse(raw) as unknown) : undefined };
  }

  /** POST /sim/reset: the initial inventory again, and no fault rules. */
  async reset(): Promise<void> {
    const r = await this.control("POST", "/sim/reset");
    expect(r.status).toBe(200);
  }

  /** The in-process HostSystem named esx-NN (looked up afresh: a reset rebuilds every object). */
  host(short: string): HostSystem {
    const name = fqdn(short);
    const host = [...this.running.sim.allObjects()].find((o) => o.type === "HostSystem" && (o as HostSystem).name === name);
    if (!host) throw new Error(`no host ${name}`);
    return host as HostSystem;
  }

  ns(short: string): string {
    return ref("HostNetworkSystem", this.host(short).networkSystem.ref.value);
  }

  vnm(short: string): string {
    return ref("HostVirtualNicManager", this.host(short).virtualNicManager.ref.value);
  }

  vsanSystem(short: string): string {
    return ref("HostVsanSystem", this.host(short).vsanSystem.ref.value);
  }

  // --- HostNetworkSystem ---------------------------------------------------------------------------------

  addVirtualSwitch(short: string, name: string, spec?: VswitchSpec, c = this.admin): Promise<Reply> {
    return c.call("AddVirtualSwitch", this.ns(short), el("vswitchName", name) + (spec ? vswitchSpecXml(spec) : ""));
  }

  removeVirtualSwitch(short: string, name: string, c = this.admin): Promise<Reply> {
    return c.call("RemoveVirtualSwitch", this.ns(short), el("vswitchName", name));
  }

  addPortGroup(short: string, pg: { name: string; vlanId?: number; vswitchName?: string }, c = this.admin): Promise<Reply> {
    return c.call(
      "AddPortGroup",
      this.ns(short),
      `<portgrp>${el("name", pg.name)}${el("vlanId", pg.vlanId ?? 0)}${el("vswitchName", pg.vswitchName ?? "vSwitch0")}<policy/></portgrp>`,
    );
  }

  removePortGroup(short: string, name: string, c = this.admin): Promise<Reply> {
    return c.call("RemovePortGroup", this.ns(short), el("pgName", name));
  }

  addVirtualNic(short: string, portgroup: string, nic: VnicSpec, c = this.admin): Promise<Reply> {
    return c.call("AddVirtualNic", this.ns(short), `<portgroup>${escapeXml(portgroup)}</portgroup>${vnicXml(nic)}`);
  }

  updateVirtualNic(short: string, device: string, nic: VnicSpec, c = this.admin): Promise<Reply> {
    return c.call("UpdateVirtualNic", this.ns(short), el("device", device) + vnicXml(nic));
  }

  removeVirtualNic(short: string, device: string, c = this.admin): Promise<Reply> {
    return c.call("RemoveVirtualNic", this.ns(short), el("device", device));
  }

  /** UpdateNetworkConfig with a raw HostNetworkConfig body. */
  updateNetworkConfig(short: string, configInner: string, changeMode = "modify", c = this.admin): Promise<Reply> {
    return c.call("UpdateNetworkConfig", this.ns(short), `<config>${configInner}</config>${el("changeMode", changeMode)}`);
  }

  editStacks(short: string, edits: StackEdit[], changeMode = "modify", c = this.admin): Promise<Reply> {
    return this.updateNetworkConfig(short, edits.map(netStackSpecXml).join(""), changeMode, c);
  }

  /** AddPortGroup on vSwitch0 then AddVirtualNic on it, as the wizard's path B; returns the vmk. */
  async addVmk(short: string, pgName: string, nic: VnicSpec, vlanId = 0): Promise<string> {
    expectOk(await this.addPortGroup(short, { name: pgName, vlanId }));
    const device = returnval(expectOk(await this.addVirtualNic(short, pgName, nic)));
    expect(device).toMatch(/^vmk\d+$/);
    return device!;
  }

  // --- HostVirtualNicManager and HostVsanSystem ----------------------------------------------------------

  selectVnic(short: string, nicType: string, device: string, c = this.admin): Promise<Reply> {
    return c.call("SelectVnicForNicType", this.vnm(short), el("nicType", nicType) + el("device", device));
  }

  deselectVnic(short: string, nicType: string, device: string, c = this.admin): Promise<Reply> {
    return c.call("DeselectVnicForNicType", this.vnm(short), el("nicType", nicType) + el("device", device));
  }

  queryNetConfig(short: string, nicType: string, c = this.admin): Promise<Reply> {
    return c.call("QueryNetConfig", this.vnm(short), el("nicType", nicType));
  }

  /** A device alone is a port of vSAN traffic; with traffic types it is sent as VsanHostPortConfigEx. */
  updateVsan(short: string, devices: (string | { device: string; trafficTypes: string[] })[] | undefined, c = this.admin): Promise<Reply> {
    const port = (p: string | { device: string; trafficTypes: string[] }) =>
      typeof p === "string"
        ? `<port>${el("device", p)}</port>`
        : `<port xsi:type="VsanHostPortConfigEx">${el("device", p.device)}${p.trafficTypes.map((t) => el("trafficTypes", t)).join("")}</port>`;
    const network = devices === undefined ? "" : `<networkInfo>${devices.map(port).join("")}</networkInfo>`;
    return c.call("UpdateVsan_Task", this.vsanSystem(short), `<config>${network}</config>`);
  }

  /** Polls Task info.state through RetrievePropertiesEx until it leaves queued/running; returns the state. */
  async waitForTask(task: string, c = this.admin): Promise<{ state: string; info: XmlElement }> {
    for (let i = 0; i < 200; i++) {
      const props = await c.props("Task", task, ["info.state", "info"]);
      const state = props.get("info.state")?.text;
      if (state === "success" || state === "error") return { state, info: props.get("info")! };
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`task ${task} did not complete`);
  }

  // --- Inventory reads -----------------------------------------------------------------------------------

  /** Objects of a type below the root folder through a ContainerView: MoRef value -> path -> val. */
  async viewObjects(type: string, paths: string[], c = this.admin): Promise<Map<string, Map<string, XmlElement>>> {
    const created = expectOk(
      await c.call(
        "CreateContainerView",
        ref("ViewManager", "ViewManager"),
        `${moref("container", "Folder", "group-d1")}${el("type", type)}${el("recursive", true)}`,
      ),
    );
    const view = text(created.body, "returnval")!;
    const reply = expectOk(
      await c.call(
        "RetrievePropertiesEx",
        ref("PropertyCollector", "propertyCollector"),
        `<specSet><propSet>${el("type", type)}${paths.map((p) => el("pathSet", p)).join("")}</propSet>` +
          `<objectSet>${moref("obj", "ContainerView", view)}${el("skip", true)}` +
          `<selectSet xsi:type="TraversalSpec">${el("type", "ContainerView")}${el("path", "view")}${el("skip", false)}</selectSet>` +
          `</objectSet></specSet><options/>`,
      ),
    );
    expectOk(await c.call("DestroyView", ref("ContainerView", view)));
    const out = new Map<string, Map<string, XmlElement>>();
    for (const obj of children(child(reply.body, "returnval"), "objects")) {
      const props = new Map<string, XmlElement>();
      for (const ps of children(obj, "propSet")) props.set(text(ps, "name")!, child(ps, "val")!);
      out.set(text(obj, "obj")!, props);
    }
    return out;
  }

  /** The DVS uuid and the DVPG keys by name, read from the inventory as the wizard does (§4.6 path A). */
  async distributedSwitch(c = this.admin): Promise<{ uuid: string; portgroups: Map<string, { key: string; uplink: boolean }> }> {
    const dvpgs = await this.viewObjects(
      "DistributedVirtualPortgroup",
      ["name", "key", "config.distributedVirtualSwitch", "config.uplink"],
      c,
    );
    const portgroups = new Map<string, { key: string; uplink: boolean }>();
    let dvs: string | undefined;
    for (const props of dvpgs.values()) {
      portgroups.set(props.get("name")!.text, { key: props.get("key")!.text, uplink: props.get("config.uplink")!.text === "true" });
      dvs = props.get("config.distributedVirtualSwitch")!.text;
    }
    const uuid = (await c.props("VmwareDistributedVirtualSwitch", dvs!, ["uuid"])).get("uuid")!.text;
    return { uuid, portgroups };
  }

  /** The host's networking as read back through the PropertyCollector. */
  async read(short: string, c = this.admin): Promise<HostReadback> {
    const h = this.host(short);
    const hp = await c.props("HostSystem", h.ref.value, ["config.network", "config.virtualNicManagerInfo", "runtime.networkRuntimeInfo"]);
    const vsan = await c.props("HostVsanSystem", h.vsanSystem.ref.value, ["config"]);
    return {
      net: decode(hp.get("config.network"), "HostNetworkInfo"),
      vnmInfo: decode(hp.get("config.virtualNicManagerInfo"), "HostVirtualNicManagerInfo"),
      runtime: decode(hp.get("runtime.networkRuntimeInfo"), "HostRuntimeInfoNetworkRuntimeInfo"),
      vsan: decode(vsan.get("config"), "VsanHostConfigInfo"),
    };
  }

  /** The devices selected for a nicType according to config.virtualNicManagerInfo. */
  static selected(rb: HostReadback, nicType: string): string[] {
    const nc = rb.vnmInfo.netConfig?.find((n) => n.nicType === nicType);
    if (!nc) throw new Error(`no netConfig for ${nicType}`);
    const prefix = `${nicType}.key-vim.host.VirtualNic-`;
    return (nc.selectedVnic ?? []).map((k) => {
      expect(k.startsWith(prefix), `${k} is shaped ${prefix}vmkN`).toBe(true);
      return k.slice(prefix.length);
    });
  }

  static runtimeStack(rb: HostReadback, key: string) {
    const rt = rb.runtime.netStackInstanceRuntimeInfo?.find((s) => s.netStackInstanceKey === key);
    if (!rt) throw new Error(`no runtime info for stack ${key}`);
    return rt;
  }

  static vnic(rb: HostReadback, device: string): HostVirtualNic | undefined {
    return rb.net.vnic?.find((v) => v.device === device);
  }

  // --- State checks --------------------------------------------------------------------------------------

  /** Every host's networking as the simulator holds it, plus the distributed switch's view of it. */
  inProcessState(): string {
    const hosts = [...this.running.sim.allObjects()].filter((o): o is HostSystem => o.type === "HostSystem");
    return JSON.stringify(
      hosts.map((h) => ({
        name: h.name,
        connectionState: h.connectionState,
        net: h.net,
        selected: [...h.selected].map(([k, v]) => [k, [...v].sort()]).sort(),
        vsanPorts: [...h.vsanPorts],
        bootMaxConnections: [...h.bootMaxConnections],
      })),
    );
  }

  /** The raw readback of a host's networking properties (config, runtime, network system, vNIC manager, vSAN). */
  async wireState(short: string): Promise<string> {
    const h = this.host(short);
    const raw = async (type: string, value: string, paths: string[]) =>
      expectOk(
        await this.admin.call(
          "RetrievePropertiesEx",
          ref("PropertyCollector", "propertyCollector"),
          `<specSet><propSet>${el("type", type)}${paths.map((p) => el("pathSet", p)).join("")}</propSet>` +
            `<objectSet>${moref("obj", type, value)}</objectSet></specSet><options/>`,
        ),
      ).text;
    return [
      await raw("HostSystem", h.ref.value, ["config", "runtime", "summary"]),
      await raw("HostNetworkSystem", h.networkSystem.ref.value, ["networkInfo"]),
      await raw("HostVirtualNicManager", h.virtualNicManager.ref.value, ["info"]),
      await raw("HostVsanSystem", h.vsanSystem.ref.value, ["config"]),
    ].join("\n");
  }

  async state(short: string): Promise<HostState> {
    return { inProcess: this.inProcessState(), wire: await this.wireState(short) };
  }

  /** Nothing changed since `before`, neither in the simulator nor in what a client reads back. */
  async expectUnchanged(short: string, before: HostState): Promise<void> {
    expect(this.inProcessState()).toBe(before.inProcess);
    expect(await this.wireState(short)).toBe(before.wire);
  }

  /** Runs a call that must fail with `fault` and change nothing; returns the fault detail. */
  async expectRefused(short: string, fault: string, call: () => Promise<Reply>): Promise<XmlElement> {
    const before = await this.state(short);
    const detail = expectFault(await call(), fault);
    await this.expectUnchanged(short, before);
    return detail;
  }

  /**
   * config.network, HostNetworkSystem.networkInfo, config.virtualNicManagerInfo, HostVirtualNicManager.info,
   * runtime.networkRuntimeInfo and the vSAN config agree with each other and with the in-process host.
   */
  async expectConsistent(short: string): Promise<HostReadback> {
    const h = this.host(short);
    const rb = await this.read(short);
    const networkInfo = decode<HostNetworkInfo>(
      (await this.admin.props("HostNetworkSystem", h.networkSystem.ref.value, ["networkInfo"])).get("networkInfo"),
      "HostNetworkInfo",
    );
    expect(networkInfo).toEqual(rb.net);
    const vnmInfo = decode(
      (await this.admin.props("HostVirtualNicManager", h.virtualNicManager.ref.value, ["info"])).get("info"),
      "HostVirtualNicManagerInfo",
    );
    expect(vnmInfo).toEqual(rb.vnmInfo);

    // The wire shows what the simulator holds.
    const vnics = rb.net.vnic ?? [];
    const devices = vnics.map((v) => v.device);
    expect(devices).toEqual(h.net.vnic.map((v) => v.device));
    expect((rb.net.vswitch ?? []).map((v) => v.name)).toEqual(h.net.vswitch.map((v) => v.name));
    expect((rb.net.portgroup ?? []).map((p) => p.spec.name)).toEqual(h.net.portgroup.map((p) => p.spec.name));
    expect((rb.net.netStackInstance ?? []).map((s) => s.key)).toEqual(h.net.netStackInstance.map((s) => s.key));
    for (const v of vnics) {
      expect(v.key).toBe(`key-vim.host.VirtualNic-${v.device}`);
      if (v.portgroup) {
        // A standard port group holds this vmk and no other (R9).
        const pg = rb.net.portgroup?.find((p) => p.spec.name === v.portgroup);
        expect(pg, `port group ${v.portgroup} of ${v.device}`).toBeDefined();
        expect(pg!.port?.filter((p) => p.type === "host").map((p) => p.key)).toEqual([v.port]);
      } else {
        expect(v.spec.distributedVirtualPort?.switchUuid).toBeTruthy();
      }
    }
    for (const pg of rb.net.portgroup ?? []) {
      const vswitch = rb.net.vswitch?.find((s) => s.name === pg.spec.vswitchName);
      expect(vswitch?.portgroup ?? [], `vSwitch of ${pg.spec.name}`).toContain(pg.key);
    }

    // Runtime: one entry per stack; active exactly when it is the default stack or a vmk uses it (R7).
    const stackOf = (v: HostVirtualNic) => v.spec.netStackInstanceKey ?? DEFAULT_STACK;
    const runtimeKeys = (rb.runtime.netStackInstanceRuntimeInfo ?? []).map((s) => s.netStackInstanceKey);
    expect(runtimeKeys).toEqual((rb.net.netStackInstance ?? []).map((s) => s.key));
    for (const rt of rb.runtime.netStackInstanceRuntimeInfo ?? []) {
      const onStack = vnics.filter((v) => stackOf(v) === rt.netStackInstanceKey).map((v) => v.device);
      expect(rt.vmknicKeys ?? [], `vmknicKeys of ${rt.netStackInstanceKey}`).toEqual(onStack);
      expect(rt.state, `state of ${rt.netStackInstanceKey}`).toBe(
        rt.netStackInstanceKey === DEFAULT_STACK || onStack.length > 0 ? "active" : "inactive",
      );
      expect(rt.state === "active").toBe(h.isStackActive(rt.netStackInstanceKey));
    }

    // Services: every netConfig lists the host's vmks; selections name existing vmks and match the host.
    for (const nc of rb.vnmInfo.netConfig ?? []) {
      expect((nc.candidateVnic ?? []).map((v) => v.device)).toEqual(devices);
      const sel = Harness.selected(rb, nc.nicType);
      for (const d of sel) expect(devices).toContain(d);
      expect(sel, `selection for ${nc.nicType}`).toEqual(h.selectedDevices(nc.nicType));
    }
    const servicesOf = (device: string) =>
      (rb.vnmInfo.netConfig ?? []).filter((nc) => Harness.selected(rb, nc.nicType).includes(device)).map((nc) => nc.nicType);
    for (const v of vnics) {
      const stack = stackOf(v);
      // R4: the vMotion and Provisioning stacks carry exactly their own service, other stacks none.
      if (stack === "vmotion") expect(servicesOf(v.device)).toEqual(["vmotion"]);
      else if (stack === "vSphereProvisioning") expect(servicesOf(v.device)).toEqual(["vSphereProvisioning"]);
      else if (stack !== DEFAULT_STACK) expect(servicesOf(v.device)).toEqual([]);
    }
    // R2/R3: once a stack-specific vmk exists, no default-stack vmk carries that service.
    for (const [stack, service] of [
      ["vmotion", "vmotion"],
      ["vSphereProvisioning", "vSphereProvisioning"],
    ] as const) {
      if (vnics.some((v) => stackOf(v) === stack)) {
        for (const d of Harness.selected(rb, service)) expect(stackOf(Harness.vnic(rb, d)!)).toBe(stack);
      }
    }
    // vSAN: the vSAN system's ports are the vmks selected for vsan, or for vsanWitness when their traffic is witness.
    expect((rb.vsan.networkInfo?.port ?? []).map((p) => p.device)).toEqual([...h.vsanPorts.keys()]);
    for (const [service, traffic] of [
      ["vsan", "vsan"],
      ["vsanWitness", "witness"],
    ] as const)
      expect(Harness.selected(rb, service)).toEqual(devices.filter((d) => h.vsanPorts.get(d)?.includes(traffic)));
    return rb;
  }
}

/** The NoPermission detail decoded. */
export function noPermission(detail: XmlElement): NoPermissionDetail {
  return decode<NoPermissionDetail>(detail, "NoPermission");
}
