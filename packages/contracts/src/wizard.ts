/**
 * The Add Networking wizard's model (VMkernel Network Adapter), one schema per page plus the whole model with
 * the rules that span pages (wizard-spec.md §2). Messages are codes from messages.ts, so that the browser shows
 * them in the user's language and the API names them in problem+json.
 */
import { z } from "zod";

import { ipv6Prefix, isAssignableIPv4, isAssignableIPv6, isIPv4, isIPv6, isNetworkOrBroadcast, maskPrefix, sameIPv4Subnet } from "./ip.ts";

/**
 * VMkernel services (HostVirtualNicManagerNicType) the wizard offers as "Enabled services". PTP is set elsewhere
 * (the host's time settings).
 */
export const NIC_TYPES = [
  "vmotion",
  "vSphereProvisioning",
  "faultToleranceLogging",
  "management",
  "vSphereReplication",
  "vSphereReplicationNFC",
  "vsan",
  "vsanWitness",
  "vSphereBackupNFC",
  "nvmeTcp",
  "nvmeRdma",
] as const;
export type NicType = (typeof NIC_TYPES)[number];

/**
 * The services HostVsanSystem.UpdateVsan_Task puts on a vmk (R21), with the vSAN traffic type each is
 * (VsanHostPortConfigExTrafficType). A witness vmk is "dedicated for vSAN witness data transmission": one or the other.
 */
export const VSAN_TRAFFIC = { vsan: "vsan", vsanWitness: "witness" } as const satisfies Partial<Record<NicType, string>>;
export type VsanService = keyof typeof VSAN_TRAFFIC;
export const isVsanService = (nicType: string): nicType is VsanService => Object.hasOwn(VSAN_TRAFFIC, nicType);

export const DEFAULT_STACK = "defaultTcpipStack";
/** The system stacks that carry exactly one service, checked and locked in the wizard (R4). */
export type StackService = "vmotion" | "vSphereProvisioning";
export const STACK_SERVICE: Readonly<Record<string, StackService>> = { vmotion: "vmotion", vSphereProvisioning: "vSphereProvisioning" };

/**
 * Characters XML 1.0 cannot carry (the C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF): a
 * SOAP request holding one is refused by vCenter as unreadable, so text bound for vCenter is checked for them first.
 */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
export const NOT_XML_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export const ipv4Address = z.string().trim().refine(isIPv4, { message: "ipv4.invalid" });
export const ipv6Address = z.string().trim().refine(isIPv6, { message: "ipv6.invalid" });
export const subnetMask = z
  .string()
  .trim()
  .refine((m) => maskPrefix(m) !== undefined, { message: "subnetMask.invalid" });
export const mtu = z.int({ message: "mtu.invalid" }).min(1280, { message: "mtu.range" }).max(9000, { message: "mtu.range" });

// Page 1: Select connection type
export const connectionTypeSchema = z.object({
  /** VMkernel Network Adapter, Physical Network Adapter, or Virtual Machine Port Group for a Standard Switch. */
  connectionType: z.enum(["vmkernel", "physicalAdapter", "vmPortGroup"], { message: "connectionType.unsupported" }),
});

// Page 2: Select target device
export const targetDeviceSchema = z.discriminatedUnion(
  "kind",
  [
    /** Select an existing network: a distributed port group (its key, the DVPG's MoRef value). */
    z.object({ kind: z.literal("existingNetwork"), portgroupKey: z.string().min(1, { message: "targetDevice.required" }) }),
    /** Select an existing standard switch. */
    z.object({ kind: z.literal("existingStandardSwitch"), vswitchName: z.string().min(1, { message: "targetDevice.required" }).max(32) }),
    /** New standard switch, with its MTU. */
    z.object({ kind: z.literal("newStandardSwitch"), mtu }),
  ],
  { message: "targetDevice.required" },
);

// Page 2a: Create a Standard Switch (only for a new standard switch)
const pnicDevice = z.string().regex(/^vmnic\d{1,3}$/, { message: "uplinks.invalid" });
export const newSwitchUplinksSchema = z
  .object({
    active: z.array(pnicDevice),
    standby: z.array(pnicDevice),
    unused: z.array(pnicDevice),
  })
  .superRefine((u, ctx) => {
    const all = [...u.active, ...u.standby, ...u.unused];
    if (new Set(all).size !== all.length) ctx.addIssue({ code: "custom", message: "uplinks.duplicate", path: ["active"] });
  });

/** A standard port group's name, as the network label fields take it. */
const networkLabel = z
  .string()
  .trim()
  .min(1, { message: "networkLabel.required" })
  .max(59, { message: "networkLabel.tooLong" })
  .refine((label) => !NOT_XML_TEXT.test(label), { message: "networkLabel.controlCharacter" });

// Page 3: Port properties
export const portPropertiesSchema = z
  .object({
    /** Standard switches only; a distributed port group's label is its own. */
    networkLabel: networkLabel.optional(),
    /** 0 = none; 4095 (trunk) is not meaningful for a VMkernel adapter (R11). Standard switches only. */
    vlanId: z.int({ message: "vlanId.invalid" }).min(0, { message: "vlanId.range" }).max(4094, { message: "vlanId.range" }).optional(),
    ipSettings: z.enum(["ipv4", "ipv6", "ipv4ipv6"]),
    mtu: z.discriminatedUnion("mode", [z.object({ mode: z.literal("fromSwitch") }), z.object({ mode: z.literal("custom"), value: mtu })]),
    tcpipStack: z.string().min(1, { message: "tcpipStack.required" }),
    services: z.array(z.enum(NIC_TYPES)),
  })
  .superRefine((p, ctx) => {
    checkServices(p.services, ctx);
    // R4 needs the stack: the Edit Settings dialog checks it against the adapter's stack on the host (host-rules.ts).
    if (!servicesFitStack(p.tcpipStack, p.services)) ctx.addIssue({ code: "custom", message: "services.stackOnly", path: ["services"] });
  });

/** R4: services only on the default stack; the vMotion and Provisioning stacks imply exactly their own. */
export function servicesFitStack(tcpipStack: string, services: readonly string[]): boolean {
  const implied = STACK_SERVICE[tcpipStack];
  return implied ? services.every((s) => s === implied) : tcpipStack === DEFAULT_STACK || services.length === 0;
}

/** Each service once; vSAN or vSAN Witness, not both. */
function checkServices(services: readonly string[], ctx: z.RefinementCtx): void {
  if (new Set(services).size !== services.length) ctx.addIssue({ code: "custom", message: "services.duplicate", path: ["services"] });
  if (services.filter(isVsanService).length > 1) ctx.addIssue({ code: "custom", message: "services.vsanOrWitness", path: ["services"] });
}

// Page 4: IPv4 settings
export const ipv4SettingsSchema = z.discriminatedUnion("mode", [
  /** Obtain IPv4 settings automatically */
  z.object({ mode: z.literal("dhcp") }),
  /** Use static IPv4 settings */
  z
    .object({
      mode: z.literal("static"),
      address: ipv4Address,
      subnetMask,
      /** Override default gateway for this adapter */
      overrideGateway: z.boolean(),
      defaultGateway: z.string().trim().optional(),
    })
    .superRefine((s, ctx) => {
      if (isIPv4(s.address) && !isAssignableIPv4(s.address)) {
        ctx.addIssue({ code: "custom", message: "ipv4.notAssignable", path: ["address"] });
      } else if (isIPv4(s.address) && maskPrefix(s.subnetMask) !== undefined && isNetworkOrBroadcast(s.address, s.subnetMask)) {
        ctx.addIssue({ code: "custom", message: "ipv4.networkOrBroadcast", path: ["address"] });
      }
      if (!s.overrideGateway) return;
      if (!s.defaultGateway || !isIPv4(s.defaultGateway)) {
        ctx.addIssue({ code: "custom", message: "gateway.invalid", path: ["defaultGateway"] });
      } else if (!isAssignableIPv4(s.defaultGateway)) {
        ctx.addIssue({ code: "custom", message: "gateway.notAssignable", path: ["defaultGateway"] });
      } else if (!sameIPv4Subnet(s.defaultGateway, s.address, s.subnetMask)) {
        ctx.addIssue({ code: "custom", message: "gateway.outsideSubnet", path: ["defaultGateway"] });
      } else if (s.defaultGateway === s.address) {
        ctx.addIssue({ code: "custom", message: "gateway.isAddress", path: ["defaultGateway"] });
      } else if (isNetworkOrBroadcast(s.defaultGateway, s.subnetMask)) {
        ctx.addIssue({ code: "custom", message: "gateway.networkOrBroadcast", path: ["defaultGateway"] });
      }
    }),
]);

// Page 5: IPv6 settings
export const ipv6SettingsSchema = z
  .object({
    /** Obtain IPv6 addresses automatically through DHCP */
    dhcpV6: z.boolean(),
    /** Obtain IPv6 addresses automatically through Router Advertisement */
    routerAdvertisement: z.boolean(),
    /** Static IPv6 addresses */
    staticAddresses: z
      .array(
        z.object({
          address: ipv6Address,
          prefixLength: z
            .int({ message: "prefixLength.invalid" })
            .min(1, { message: "prefixLength.range" })
            .max(128, { message: "prefixLength.range" }),
        }),
      )
      .max(16),
    overrideGateway: z.boolean(),
    defaultGateway: z.string().trim().optional(),
  })
  .superRefine((s, ctx) => {
    if (!s.dhcpV6 && !s.routerAdvertisement && s.staticAddresses.length === 0) {
      ctx.addIssue({ code: "custom", message: "ipv6.noneChosen", path: ["staticAddresses"] });
    }
    const seen = new Set<string>();
    s.staticAddresses.forEach((a, i) => {
      if (isIPv6(a.address) && !isAssignableIPv6(a.address))
        ctx.addIssue({ code: "custom", message: "ipv6.notAssignable", path: ["staticAddresses", i, "address"] });
      // One canonical form, so that 2001:db8::1 and 2001:db8:0::1 are the same address.
      const key = ipv6Prefix(a.address, 128) ?? a.address.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", message: "ipv6.duplicate", path: ["staticAddresses", i, "address"] });
      seen.add(key);
    });
    if (s.overrideGateway && (!s.defaultGateway || !isIPv6(s.defaultGateway))) {
      ctx.addIssue({ code: "custom", message: "gateway.invalid", path: ["defaultGateway"] });
    } else if (s.overrideGateway && !isAssignableIPv6(s.defaultGateway!, true)) {
      ctx.addIssue({ code: "custom", message: "gateway.notAssignable", path: ["defaultGateway"] });
    }
  });

/** The whole wizard: what Finish sends, and what preflight checks. */
export const vmkernelAdapterSchema = z
  .object({
    connectionType: z.literal("vmkernel", { message: "connectionType.unsupported" }),
    targetDevice: targetDeviceSchema,
    newSwitchUplinks: newSwitchUplinksSchema.optional(),
    portProperties: portPropertiesSchema,
    ipv4Settings: ipv4SettingsSchema.optional(),
    ipv6Settings: ipv6SettingsSchema.optional(),
  })
  .superRefine((m, ctx) => {
    const standard = m.targetDevice.kind !== "existingNetwork";
    checkUplinksPage(m, ctx);
    if (standard && m.portProperties.networkLabel === undefined) {
      ctx.addIssue({ code: "custom", message: "networkLabel.required", path: ["portProperties", "networkLabel"] });
    }
    if (standard && m.portProperties.vlanId === undefined) {
      ctx.addIssue({ code: "custom", message: "vlanId.invalid", path: ["portProperties", "vlanId"] });
    }
    if (!standard && (m.portProperties.networkLabel !== undefined || m.portProperties.vlanId !== undefined)) {
      ctx.addIssue({ code: "custom", message: "portProperties.inherited", path: ["portProperties", "networkLabel"] });
    }
    checkIpPages(m, ctx);
  });

/** IPv4 settings when the IP settings take IPv4, IPv6 settings when they take IPv6, and not otherwise. */
function checkIpPages(
  m: { portProperties: { ipSettings: PortProperties["ipSettings"] }; ipv4Settings?: unknown; ipv6Settings?: unknown },
  ctx: z.RefinementCtx,
): void {
  const wantsV4 = m.portProperties.ipSettings !== "ipv6";
  const wantsV6 = m.portProperties.ipSettings !== "ipv4";
  if (wantsV4 !== Boolean(m.ipv4Settings)) {
    ctx.addIssue({ code: "custom", message: wantsV4 ? "ipv4.required" : "ipv4.notApplicable", path: ["ipv4Settings"] });
  }
  if (wantsV6 !== Boolean(m.ipv6Settings)) {
    ctx.addIssue({ code: "custom", message: wantsV6 ? "ipv6.required" : "ipv6.notApplicable", path: ["ipv6Settings"] });
  }
}

/**
 * Edit Settings of a VMkernel adapter (the VMkernel adapters view): its port properties (IP settings, MTU, enabled
 * services) and IPv4 and IPv6 settings as they should be afterwards. The network and the TCP/IP stack stay as they are.
 */
export const vmkernelAdapterEditSchema = z
  .object({
    portProperties: z
      .object({
        ipSettings: portPropertiesSchema.shape.ipSettings,
        mtu: portPropertiesSchema.shape.mtu,
        services: portPropertiesSchema.shape.services,
      })
      .strict()
      .superRefine((p, ctx) => checkServices(p.services, ctx)),
    ipv4Settings: ipv4SettingsSchema.optional(),
    ipv6Settings: ipv6SettingsSchema.optional(),
  })
  .strict()
  .superRefine(checkIpPages);

/** A new standard switch needs its uplinks page; another target has none. */
function checkUplinksPage(m: { targetDevice: { kind: string }; newSwitchUplinks?: unknown }, ctx: z.RefinementCtx): void {
  if (m.targetDevice.kind === "newStandardSwitch" && !m.newSwitchUplinks) {
    ctx.addIssue({ code: "custom", message: "uplinks.required", path: ["newSwitchUplinks"] });
  }
  if (m.targetDevice.kind !== "newStandardSwitch" && m.newSwitchUplinks) {
    ctx.addIssue({ code: "custom", message: "uplinks.notApplicable", path: ["newSwitchUplinks"] });
  }
}

// Virtual Machine Port Group for a Standard Switch: its target is a standard switch, and its page "Connection settings".
export const standardTargetSchema = z.discriminatedUnion("kind", [targetDeviceSchema.options[1], targetDeviceSchema.options[2]], {
  message: "targetDevice.required",
});

export const connectionSettingsSchema = z.object({
  networkLabel,
  /** 0 = None; 4095 = All (the guest tags its own VLANs), which a virtual machine port group may use. */
  vlanId: z.int({ message: "vlanId.invalid" }).min(0, { message: "vlanId.rangeAll" }).max(4095, { message: "vlanId.rangeAll" }),
});

/** A switch's Security: accept (true) or reject promiscuous mode, MAC address changes and forged transmits. */
export const securityPolicySchema = z
  .object({ allowPromiscuous: z.boolean(), macChanges: z.boolean(), forgedTransmits: z.boolean() })
  .strict();
/** vSphere's load balancing policies (HostNicTeamingPolicy.policy), in the vSphere Client's order. */
export const TEAMING_POLICIES = ["loadbalance_srcid", "loadbalance_ip", "loadbalance_srcmac", "failover_explicit"] as const;
/** Teaming and failover without the failover order: load balancing, notify switches, failback. */
export const teamingPolicySchema = z
  .object({ policy: z.enum(TEAMING_POLICIES), notifySwitches: z.boolean(), failback: z.boolean() })
  .strict();

/**
 * Edit a standard port group (the Virtual switches view): its network label, its VLAN ID, and its overrides of the
 * switch's Security, Teaming and failover, and failover order (null: as the switch has them again). The failover order is
 * overridden on its own, as in the vSphere Client.
 */
export const portGroupEditSchema = connectionSettingsSchema
  .partial()
  .extend({
    security: securityPolicySchema.nullable().optional(),
    teaming: teamingPolicySchema.nullable().optional(),
    failoverOrder: newSwitchUplinksSchema.nullable().optional(),
  })
  .strict()
  .refine((e) => Object.values(e).some((v) => v !== undefined), { message: "portGroup.nothingToEdit" });

/** The port group wizard: what Finish sends, and what preflight checks. */
export const vmPortGroupSchema = z
  .object({
    connectionType: z.literal("vmPortGroup", { message: "connectionType.unsupported" }),
    targetDevice: standardTargetSchema,
    newSwitchUplinks: newSwitchUplinksSchema.optional(),
    connectionSettings: connectionSettingsSchema,
  })
  .superRefine(checkUplinksPage);

/**
 * Physical Network Adapter: free adapters added to a standard switch. A new switch gets them on "Create a Standard
 * Switch" (newSwitchUplinks); an existing one on "Add physical network adapter to the switch" (switchUplinks: its failover
 * order afterwards, the adapters it has and those added).
 */
export const physicalAdapterSchema = z
  .object({
    connectionType: z.literal("physicalAdapter", { message: "connectionType.unsupported" }),
    targetDevice: standardTargetSchema,
    newSwitchUplinks: newSwitchUplinksSchema.optional(),
    switchUplinks: newSwitchUplinksSchema.optional(),
  })
  .superRefine((m, ctx) => {
    checkUplinksPage(m, ctx);
    const existing = m.targetDevice.kind === "existingStandardSwitch";
    if (existing !== Boolean(m.switchUplinks)) {
      ctx.addIssue({ code: "custom", message: existing ? "uplinks.required" : "uplinks.notApplicable", path: ["switchUplinks"] });
    }
  });

/**
 * Migrate a VMkernel adapter (the VMkernel adapters view): to a distributed port group, or from one to a new port group
 * on a standard switch (the vSphere Client's "Migrate to standard switch" asks for its network label and VLAN ID). The
 * adapter keeps its address, services and stack.
 */
export const vmkernelAdapterMigrateSchema = z.discriminatedUnion(
  "to",
  [
    z.object({ to: z.literal("distributed"), portgroupKey: z.string().min(1, { message: "targetDevice.required" }) }).strict(),
    z
      .object({
        to: z.literal("standard"),
        vswitchName: z.string().min(1, { message: "targetDevice.required" }).max(32),
        networkLabel,
        vlanId: portPropertiesSchema.shape.vlanId.unwrap(),
      })
      .strict(),
  ],
  { message: "targetDevice.required" },
);

/**
 * Edit Settings of a standard switch (the Virtual switches view): Properties (MTU), Security, and Teaming and failover
 * (load balancing, notify switches, failback, the failover order of the switch's own adapters). Only what is sent changes.
 */
export const standardSwitchEditSchema = z
  .object({
    mtu: mtu.optional(),
    security: securityPolicySchema.optional(),
    teaming: teamingPolicySchema.extend({ failoverOrder: newSwitchUplinksSchema }).strict().optional(),
  })
  .strict()
  .refine((e) => e.mtu !== undefined || e.security !== undefined || e.teaming !== undefined, { message: "vswitch.nothingToEdit" });

export type ConnectionType = z.infer<typeof connectionTypeSchema>;
export type TargetDevice = z.infer<typeof targetDeviceSchema>;
export type NewSwitchUplinks = z.infer<typeof newSwitchUplinksSchema>;
export type PortProperties = z.infer<typeof portPropertiesSchema>;
export type Ipv4Settings = z.infer<typeof ipv4SettingsSchema>;
export type Ipv6Settings = z.infer<typeof ipv6SettingsSchema>;
export type VmkernelAdapterModel = z.infer<typeof vmkernelAdapterSchema>;
export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;
export type PortGroupEdit = z.infer<typeof portGroupEditSchema>;
export type VmPortGroupModel = z.infer<typeof vmPortGroupSchema>;
export type PhysicalAdapterModel = z.infer<typeof physicalAdapterSchema>;
export type VmkernelAdapterEdit = z.infer<typeof vmkernelAdapterEditSchema>;
export type StandardSwitchEdit = z.infer<typeof standardSwitchEditSchema>;
export type VmkernelAdapterMigrate = z.infer<typeof vmkernelAdapterMigrateSchema>;
