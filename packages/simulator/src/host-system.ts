import { compareVersions, type MoRef } from "@addnet/vim25";
import { ManagedEntity, ManagedObject, refs, type Args, type CallContext } from "./managed-object.ts";
import { faults } from "./vim/fault.ts";
import type { HostNetStackInstance, HostNetworkInfo, HostPortGroup, HostVirtualNic, HostVirtualSwitch } from "@addnet/vim25/types";

export const DEFAULT_STACK = "defaultTcpipStack";

/** A VMkernel service (nicType), the API version that brought it, and whether several vmks may carry it. */
export interface NicType {
  nicType: string;
  since: string;
  multiSelectAllowed: boolean;
}

/** Every VMkernel service. */
export const NIC_TYPES: readonly NicType[] = [
  { nicType: "management", since: "4.0.0.0", multiSelectAllowed: true },
  { nicType: "vmotion", since: "4.0.0.0", multiSelectAllowed: true },
  { nicType: "faultToleranceLogging", since: "4.0.0.0", multiSelectAllowed: true },
  { nicType: "vSphereReplication", since: "5.1.0.0", multiSelectAllowed: true },
  { nicType: "vSphereReplicationNFC", since: "6.0.0.0", multiSelectAllowed: true },
  { nicType: "vsan", since: "5.5.0.0", multiSelectAllowed: true },
  { nicType: "vSphereProvisioning", since: "6.0.0.0", multiSelectAllowed: true },
  { nicType: "vsanWitness", since: "6.5.0.0", multiSelectAllowed: true },
  { nicType: "vSphereBackupNFC", since: "7.0.1.0", multiSelectAllowed: true },
  { nicType: "ptp", since: "7.0.0.0", multiSelectAllowed: false },
  { nicType: "nvmeTcp", since: "7.0.3.0", multiSelectAllowed: true },
  { nicType: "nvmeRdma", since: "7.0.3.0", multiSelectAllowed: true },
  { nicType: "vsanExternal", since: "9.0.0.0", multiSelectAllowed: true },
];

/** Stacks that carry exactly one service, implied by the stack (R2, R3, R4). */
export const STACK_SERVICE: Record<string, string> = { vmotion: "vmotion", vSphereProvisioning: "vSphereProvisioning" };

/** Services set through HostVsanSystem, never through SelectVnicForNicType (R21). */
export const VSAN_NIC_TYPES = new Set(["vsan", "vsanWitness"]);
/** The vSAN traffic type (VsanHostPortConfigExTrafficType) that puts a vmk in each vSAN service's selectedVnic. */
export const VSAN_TRAFFIC: Readonly<Record<string, string>> = { vsan: "vsan", vsanWitness: "witness" };

export interface HostProduct {
  version: string;
  build: string;
  apiVersion: string;
}

export class HostSystem extends ManagedEntity {
  private connection: "connected" | "disconnected" | "notResponding" = "connected";
  private maintenance = false;
  /** HostNetworkInfo as ESXi keeps it: config.network and HostNetworkSystem.networkInfo are this object. */
  readonly net: HostNetworkInfo;
  /** Services selected on default-stack vmks: nicType to device names. */
  readonly selected = new Map<string, Set<string>>();
  /** vmks carrying vSAN traffic, as HostVsanSystem's config.networkInfo.port: device to its traffic types ("vsan", "witness"). */
  vsanPorts = new Map<string, string[]>();
  /** Max connections each stack was booted with (R25: a new requested value needs a reboot). */
  readonly bootMaxConnections = new Map<string, number>();
  /** Networks this host can use: standard networks and distributed port groups. */
  networks: ManagedEntity[] = [];
  // Its configManager's objects, each of which holds its host: the host needs only their references.
  networkSystem!: ManagedObject;
  virtualNicManager!: ManagedObject;
  vsanSystem!: ManagedObject;
  advancedOption!: ManagedObject;
  /** esxcli through vCenter (esxcli.ts): the object that runs a command, and the one that describes the commands. */
  methodExecuter!: ManagedObject;
  dynamicTypeManager!: ManagedObject;
  private portCounter = 0;
  private macCounter = 0;
  /** The services of this host's API version: the version never changes, so they are worked out once. */
  private nicTypes: readonly NicType[] | undefined;

  constructor(
    value: string,
    name: string,
    readonly product: HostProduct,
    /** Two octets that distinguish this host's generated MAC addresses. */
    readonly macPrefix: string,
    readonly bootTime: Date,
    net: HostNetworkInfo,
  ) {
    super("HostSystem", value, name);
    this.net = net;
    for (const s of net.netStackInstance) this.bootMaxConnections.set(s.key!, s.requestedMaxNumberOfConnections ?? 11000);
  }

  /** Set by any means (the inventory, a test), a change of state: every WaitForUpdatesEx filter reads the host again. */
  get connectionState(): "connected" | "disconnected" | "notResponding" {
    return this.connection;
  }

  set connectionState(state: "connected" | "disconnected" | "notResponding") {
    this.connection = state;
    this.touch();
  }

  get inMaintenanceMode(): boolean {
    return this.maintenance;
  }

  set inMaintenanceMode(on: boolean) {
    this.maintenance = on;
    this.touch();
  }

  /** Every property of the host changes with the host: its own methods' changes and its managers' touch it. */
  override get revisedWith(): HostSystem {
    return this;
  }

  get about(): Record<string, unknown> {
    return {
      name: "VMware ESXi",
      fullName: `VMware ESXi ${this.product.version} build-${this.product.build}`,
      vendor: "VMware, Inc.",
      version: this.product.version,
      build: this.product.build,
      localeVersion: "INTL",
      localeBuild: "000",
      osType: "vmnix-x86",
      productLineId: "embeddedEsx",
      apiType: "HostAgent",
      apiVersion: this.product.apiVersion,
      licenseProductName: "VMware ESX Server",
      licenseProductVersion: this.product.version.split(".").slice(0, 1).join(".") + ".0",
    };
  }

  requireConnected(): void {
    if (this.connectionState !== "connected") throw faults.hostNotConnected();
  }

  supportedNicTypes(): readonly NicType[] {
    return (this.nicTypes ??= NIC_TYPES.filter((t) => compareVersions(t.since, this.product.apiVersion) <= 0));
  }

  vswitch(name: string): HostVirtualSwitch | undefined {
    return this.net.vswitch.find((v) => v.name === name);
  }

  portgroup(name: string): HostPortGroup | undefined {
    return this.net.portgroup.find((p) => p.spec.name === name);
  }

  vnic(device: string): HostVirtualNic | undefined {
    return this.net.vnic.find((v) => v.device === device);
  }

  stack(key: string): HostNetStackInstance | undefined {
    return this.net.netStackInstance.find((s) => s.key === key);
  }

  stackOf(vnic: HostVirtualNic): string {
    return vnic.spec.netStackInstanceKey ?? DEFAULT_STACK;
  }

  /** A stack is active while a vmk uses it; the default stack always is (R7). */
  isStackActive(key: string): boolean {
    return key === DEFAULT_STACK || this.net.vnic.some((v) => this.stackOf(v) === key);
  }

  /** The vmks a service is selected on: explicit selections, the stack's implied service, vSAN ports. */
  selectedDevices(nicType: string): string[] {
    const devices = new Set(this.selected.get(nicType) ?? []);
    for (const v of this.net.vnic) if (STACK_SERVICE[this.stackOf(v)] === nicType) devices.add(v.device);
    const traffic = VSAN_TRAFFIC[nicType];
    if (traffic) for (const [d, types] of this.vsanPorts) if (types.includes(traffic)) devices.add(d);
    return this.net.vnic.filter((v) => devices.has(v.device)).map((v) => v.device);
  }

  netConfig(nicType: string): Record<string, unknown> {
    const type = this.supportedNicTypes().find((t) => t.nicType === nicType);
    if (!type) throw faults.invalidArgument("nicType", `The host does not support the service type '${nicType}'`);
    return this.netConfigOf(type);
  }

  private netConfigOf({ nicType, multiSelectAllowed }: NicType): Record<string, unknown> {
    return {
      nicType,
      multiSelectAllowed,
      // ESXi keys each candidate by service: "<nicType>.key-vim.host.VirtualNic-vmkN", as selectedVnic names them.
      candidateVnic: this.net.vnic.map((v) => ({ ...v, key: `${nicType}.${v.key}` })),
      selectedVnic: this.selectedDevices(nicType).map((d) => `${nicType}.key-vim.host.VirtualNic-${d}`),
    };
  }

  virtualNicManagerInfo(): Record<string, unknown> {
    return { netConfig: this.supportedNicTypes().map((t) => this.netConfigOf(t)) };
  }

  networkRuntimeInfo(): Record<string, unknown> {
    return {
      netStackInstanceRuntimeInfo: this.net.netStackInstance.map((s) => ({
        netStackInstanceKey: s.key,
        state: this.isStackActive(s.key!) ? "active" : "inactive",
        vmknicKeys: this.net.vnic.filter((v) => this.stackOf(v) === s.key).map((v) => v.device),
        maxNumberOfConnections: this.bootMaxConnections.get(s.key!),
        currentIpV6Enabled: this.net.ipV6Enabled,
      })),
    };
  }

  vsanConfig(): Record<string, unknown> {
    return {
      enabled: this.vsanPorts.size > 0,
      hostSystem: this.ref,
      // A port of vSAN traffic alone as every client reads it; one with witness traffic as the subtype that says so.
      networkInfo: {
        port: [...this.vsanPorts].map(([device, trafficTypes]) =>
          trafficTypes.length === 1 && trafficTypes[0] === "vsan" ? { device } : { _type: "VsanHostPortConfigEx", device, trafficTypes },
        ),
      },
    };
  }

  private runtime(): Record<string, unknown> {
    return {
      connectionState: this.connectionState,
      powerState: this.connectionState === "connected" ? "poweredOn" : "unknown",
      standbyMode: "none",
      inMaintenanceMode: this.inMaintenanceMode,
      inQuarantineMode: false,
      bootTime: this.bootTime,
      networkRuntimeInfo: this.connectionState === "connected" ? this.networkRuntimeInfo() : undefined,
    };
  }

  private get uuid(): string {
    return `4c4c4544-0042-${this.macPrefix.replace(":", "")}-8030-c4c04f4d3233`;
  }

  /** The same server model on every host: two 16-core sockets and 512 GiB, as a lab's identical hosts. */
  private hardwareSummary(): Record<string, unknown> {
    return {
      vendor: "Dell Inc.",
      model: "PowerEdge R650",
      uuid: this.uuid,
      memorySize: 512 * 1024 ** 3,
      cpuModel: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
      cpuMhz: 2000,
      numCpuPkgs: 2,
      numCpuCores: 32,
      numCpuThreads: 64,
      numNics: this.net.pnic.length,
      numHBAs: 2,
    };
  }

  nextPortKey(): string {
    return String(33554432 + ++this.portCounter);
  }

  nextMac(): string {
    const n = ++this.macCounter & 0xff;
    return `00:50:56:${this.macPrefix}:${n.toString(16).padStart(2, "0")}`;
  }

  RetrieveManagedMethodExecuter(_args: Args, ctx: CallContext): MoRef {
    ctx.sim.authorize(ctx, this, "System.Read");
    return this.methodExecuter.ref;
  }

  RetrieveDynamicTypeManager(_args: Args, ctx: CallContext): MoRef {
    ctx.sim.authorize(ctx, this, "System.Read");
    return this.dynamicTypeManager.ref;
  }

  override property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "runtime":
        return this.runtime();
      case "summary":
        return {
          host: this.ref,
          hardware: this.hardwareSummary(),
          runtime: this.runtime(),
          config: {
            name: this.name,
            port: 443,
            product: this.about,
            vmotionEnabled: this.selectedDevices("vmotion").length > 0,
            faultToleranceEnabled: this.selectedDevices("faultToleranceLogging").length > 0,
          },
          quickStats: this.connectionState === "connected" ? { overallCpuUsage: 1200, overallMemoryUsage: 16384 } : {},
          overallStatus: this.connectionState === "connected" ? "green" : "gray",
          rebootRequired: this.net.ipV6Enabled !== this.net.atBootIpV6Enabled,
        };
      case "config":
        // vCenter has no configuration for a host it cannot reach.
        if (this.connectionState !== "connected") return undefined;
        // Each part as it is read: a read of config.network (every host's, for a host list) builds none of the rest.
        return lazy({
          host: this.ref,
          product: () => this.about,
          network: this.net,
          virtualNicManagerInfo: () => this.virtualNicManagerInfo(),
          vsanHostConfig: () => this.vsanConfig(),
        });
      case "hardware":
        if (this.connectionState !== "connected") return undefined;
        return {
          systemInfo: {
            vendor: "Dell Inc.",
            model: "PowerEdge R650",
            uuid: this.uuid,
            serialNumber: `SIM${this.macPrefix.replace(":", "")}`,
          },
          cpuInfo: { numCpuPackages: 2, numCpuCores: 32, numCpuThreads: 64, hz: 2_000_000_000 },
          memorySize: 512 * 1024 ** 3,
          biosInfo: { biosVersion: "1.13.2", releaseDate: new Date("2024-03-01T00:00:00Z"), vendor: "Dell Inc." },
        };
      case "datastore":
        return [];
      case "configManager":
        return {
          networkSystem: this.networkSystem.ref,
          virtualNicManager: this.virtualNicManager.ref,
          vsanSystem: this.vsanSystem.ref,
          advancedOption: this.advancedOption.ref,
        };
      case "network":
        return refs(this.networks);
    }
    return super.property(name, ctx);
  }
}

/**
 * A data object whose function-valued fields are computed when first read, then kept: enumerable, so that the codec
 * and the WaitForUpdatesEx diff see every field.
 */
function lazy(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== "function") out[name] = value;
    else
      Object.defineProperty(out, name, {
        enumerable: true,
        configurable: true,
        get: () => {
          const computed: unknown = value();
          Object.defineProperty(out, name, { value: computed, enumerable: true, writable: true, configurable: true });
          return computed;
        },
      });
  }
  return out;
}

/** A host's manager object (network system, NIC manager, vSAN system, advanced options): its host's permissions govern it. */
export abstract class HostManager extends ManagedObject {
  constructor(
    type: string,
    value: string,
    readonly host: HostSystem,
  ) {
    super(type, value);
  }

  override get entity(): HostSystem {
    return this.host;
  }

  /** What a manager shows is its host's state: it changes with the host. */
  override get revisedWith(): HostSystem {
    return this.host;
  }

  /**
   * A change to the host begins, by SOAP or by a direct call: the caller holds the privilege, the host is reachable,
   * and every WaitForUpdatesEx filter reads the host and its managers again.
   */
  protected beginChange(ctx: CallContext, privilege: string): HostSystem {
    ctx.sim.authorize(ctx, this.host, privilege);
    this.host.requireConnected();
    this.host.touch();
    return this.host;
  }
}
