/** The API's requests and responses, and its problem+json errors (RFC 9457). */
import { z } from "zod";

import { validationCodes } from "./messages.ts";
import { NIC_TYPES, securityPolicySchema, teamingPolicySchema } from "./wizard.ts";

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1, { message: "login.username.required" }).max(256),
    password: z.string().min(1, { message: "login.password.required" }).max(512),
    /** Another vCenter's SDK URL, only from the configured allow-list. */
    server: z.string().max(2048).optional(),
  })
  .strict();

const entityRef = z.object({ type: z.string(), id: z.string(), name: z.string() });

export const sessionInfoSchema = z.object({
  user: z.object({ name: z.string(), login: z.string() }),
  server: z.string(),
  /** Send back as X-CSRF-Token on every state-changing request. */
  csrfToken: z.string(),
  /** Where the user holds the privileges addnet needs (root folder, datacenters, clusters, standalone hosts). */
  privileges: z.array(z.object({ entity: entityRef, privileges: z.array(z.string()) })),
});

export const hostsQuerySchema = z
  .object({
    search: z.string().max(256).optional(),
    cluster: z.string().max(256).optional(),
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const hostSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  datacenter: z.string().nullable(),
  cluster: z.string().nullable(),
  connectionState: z.string(),
  inMaintenanceMode: z.boolean(),
  version: z.string().nullable(),
  /** The user holds Host.Config.Network on this host. */
  canConfigureNetwork: z.boolean(),
});

export const hostsPageSchema = z.object({
  items: z.array(hostSummarySchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

const ipv4Info = z.object({ dhcp: z.boolean(), address: z.string().nullable(), subnetMask: z.string().nullable() });
const ipv6Info = z.object({
  dhcpV6: z.boolean(),
  routerAdvertisement: z.boolean(),
  addresses: z.array(z.object({ address: z.string(), prefixLength: z.number().int(), origin: z.string().nullable() })),
});

export const vmkernelAdapterInfoSchema = z.object({
  device: z.string(),
  /** Standard port group name, or the distributed port group's name. */
  networkLabel: z.string(),
  switchName: z.string().nullable(),
  portgroup: z.string().nullable(),
  distributedPort: z.object({ switchUuid: z.string(), portgroupKey: z.string().nullable(), portKey: z.string().nullable() }).nullable(),
  mac: z.string().nullable(),
  mtu: z.number().int().nullable(),
  ipv4: ipv4Info,
  ipv6: ipv6Info.nullable(),
  tcpipStack: z.string(),
  gatewayOverride: z.object({ defaultGateway: z.string().nullable(), ipV6DefaultGateway: z.string().nullable() }).nullable(),
  services: z.array(z.string()),
});

export const tcpipStackInfoSchema = z.object({
  key: z.string(),
  name: z.string(),
  active: z.boolean(),
  defaultGateway: z.string().nullable(),
  ipV6DefaultGateway: z.string().nullable(),
  dns: z.object({
    dhcp: z.boolean(),
    vmkernelAdapter: z.string().nullable(),
    hostName: z.string(),
    domainName: z.string(),
    servers: z.array(z.string()),
    searchDomains: z.array(z.string()),
  }),
  congestionControlAlgorithm: z.string().nullable(),
  /** Requested; takes effect after a reboot (R25). */
  maxNumberOfConnections: z.number().int().nullable(),
  /** What the running stack uses now. */
  runtimeMaxNumberOfConnections: z.number().int().nullable(),
  vmkernelAdapters: z.array(z.string()),
});

export const hostNetworkingSchema = z.object({
  host: z.object({
    id: z.string(),
    name: z.string(),
    version: z.string().nullable(),
    apiVersion: z.string().nullable(),
    connectionState: z.string(),
    inMaintenanceMode: z.boolean(),
  }),
  ipv6Enabled: z.boolean(),
  vswitches: z.array(
    z.object({
      name: z.string(),
      mtu: z.number().int(),
      uplinks: z.array(z.string()),
      activeNics: z.array(z.string()),
      standbyNics: z.array(z.string()),
      portgroups: z.array(z.string()),
      security: securityPolicySchema,
      teaming: teamingPolicySchema,
    }),
  ),
  portgroups: z.array(
    z.object({
      name: z.string(),
      vlanId: z.number().int(),
      vswitch: z.string(),
      vmkernelAdapter: z.string().nullable(),
      /** Its overrides of the switch's policies, as they are in effect; null where it has the switch's. */
      security: securityPolicySchema.nullable(),
      teaming: teamingPolicySchema.nullable(),
      /** Its own failover order of the switch's adapters; null where it follows the switch's. */
      failoverOrder: z.object({ active: z.array(z.string()), standby: z.array(z.string()), unused: z.array(z.string()) }).nullable(),
    }),
  ),
  physicalNics: z.array(
    z.object({
      device: z.string(),
      mac: z.string(),
      speedMb: z.number().int().nullable(),
      /** Which switch uses it, or null when free. */
      usedBy: z.object({ kind: z.enum(["standardSwitch", "distributedSwitch"]), name: z.string() }).nullable(),
    }),
  ),
  vmkernelAdapters: z.array(vmkernelAdapterInfoSchema),
  tcpipStacks: z.array(tcpipStackInfoSchema),
  distributedPortgroups: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      switchName: z.string(),
      switchUuid: z.string(),
      vlanId: z.number().int().nullable(),
      mtu: z.number().int().nullable(),
      /** The user holds Network.Assign on this port group. */
      canAssign: z.boolean(),
    }),
  ),
  /** The services (nicTypes) this host offers, from its own VirtualNicManager. */
  services: z.array(z.object({ nicType: z.string(), multiSelectAllowed: z.boolean() })),
  privileges: z.object({ hostConfigNetwork: z.boolean(), hostConfigStorage: z.boolean() }),
});

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

const codeSchema = z.object({ code: z.enum(validationCodes), params: paramsSchema.optional() });

/**
 * A code of the catalogue (messages.ts) with the names its words hold, what the browser says in the user's language;
 * `items` lists what the sentence introduces (the steps that remain).
 */
export const messageSchema = codeSchema.extend({ items: z.array(codeSchema).optional() });

export const issueSchema = z.object({
  /** Dotted path of the wizard field, e.g. portProperties.networkLabel. */
  path: z.string(),
  code: z.enum(validationCodes),
  message: z.string(),
  /** The names in the message (host, device, stack...), for saying it in the user's language. */
  params: paramsSchema.optional(),
});

/** One vim25 call of the plan, in order. */
export const vimCallSchema = z.object({
  method: z.string(),
  object: z.string(),
  /** What the call does, as a code and its names; `summary` is the same in English. */
  code: z.string(),
  params: paramsSchema.optional(),
  summary: z.string(),
});

export const preflightSchema = z.object({
  errors: z.array(issueSchema),
  warnings: z.array(issueSchema),
  calls: z.array(vimCallSchema),
});

export const stepSchema = vimCallSchema.extend({ status: z.enum(["done", "failed", "undone", "undo-failed", "not-run"]) });

export const createdAdapterSchema = z.object({
  adapter: vmkernelAdapterInfoSchema,
  steps: z.array(stepSchema),
  /** Default-stack adapters that lost vMotion or Provisioning to the new stack adapter (R2, R3). */
  lostServices: z.array(z.object({ device: z.string(), nicType: z.enum(NIC_TYPES) })),
  /** The stack the adapter is on, and whether it has a default gateway on this host yet. */
  tcpipStack: z.object({ key: z.string(), active: z.boolean(), hasDefaultGateway: z.boolean() }),
});

export const createdPortGroupSchema = z.object({
  /** The port group as the host now lists it. */
  portGroup: z.object({ name: z.string(), vlanId: z.number().int(), vswitch: z.string() }),
  steps: z.array(stepSchema),
});

/** Physical Network Adapter: the switch as the host now lists it, with its failover order. */
export const addedUplinksSchema = z.object({
  vswitch: z.object({
    name: z.string(),
    mtu: z.number().int(),
    active: z.array(z.string()),
    standby: z.array(z.string()),
    unused: z.array(z.string()),
  }),
  /** The adapters this change gave the switch. */
  added: z.array(z.string()),
  steps: z.array(stepSchema),
});

/** An edited VMkernel adapter as the host now lists it, and the calls that changed it. */
export const editedAdapterSchema = z.object({ adapter: vmkernelAdapterInfoSchema, steps: z.array(stepSchema) });

/** Move to another TCP/IP stack: the body names the stack. */
export const stackMoveSchema = z.object({ tcpipStack: z.string().min(1, { message: "tcpipStack.required" }).max(64) }).strict();

/**
 * An adapter moved to another TCP/IP stack: the adapter added again as the host lists it, the one it replaces, and how
 * long the host was without it (from the removal's call to the add's answer).
 */
export const movedAdapterSchema = createdAdapterSchema.extend({
  previous: z.object({ device: z.string(), tcpipStack: z.string() }),
  /** Null when not measured: a move that recovery finished in another process. */
  withoutAdapterSeconds: z.number().nullable(),
});

/** A standard switch as the host now lists it (an edited one), and the calls that changed it. */
export const editedSwitchSchema = z.object({
  vswitch: hostNetworkingSchema.shape.vswitches.element,
  steps: z.array(stepSchema),
});

/** A removed standard switch, the port groups that went with it, and the calls that removed them. */
export const removedSwitchSchema = z.object({
  removed: z.object({ vswitch: z.string(), portGroups: z.array(z.string()) }),
  steps: z.array(stepSchema),
});

/** A removed VMkernel adapter: which, from which port group, and the call that removed it. */
export const removedAdapterSchema = z.object({
  removed: z.object({ device: z.string(), portgroup: z.string() }),
  steps: z.array(stepSchema),
});

/** A removed standard port group, the switch it was on, and the call that removed it. */
export const removedPortGroupSchema = z.object({
  removed: z.object({ portGroup: z.string(), vswitch: z.string() }),
  steps: z.array(stepSchema),
});

export const auditOutcomes = ["running", "success", "failure", "partial"] as const;

export const auditQuerySchema = z
  .object({
    hostId: z.string().max(128).optional(),
    user: z.string().max(256).optional(),
    outcome: z.enum(auditOutcomes).optional(),
    /** Entries opened at or after `from` and before `to` (ISO 8601). */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /** The `next` of the previous page. */
    cursor: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export const auditEntrySchema = z.object({
  id: z.number().int(),
  /** When the entry was opened, and last written (a change's steps, its outcome). */
  time: z.string(),
  updated: z.string(),
  user: z.string(),
  action: z.string(),
  hostId: z.string().optional(),
  hostName: z.string().optional(),
  /** "running": a change not finished yet (or left open until its host can be read). */
  outcome: z.enum(auditOutcomes),
  /** In English; `messages` says the same as the catalogue's codes and names, for the user's language. */
  detail: z.string(),
  messages: z.array(messageSchema).optional(),
  requestId: z.string(),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** The cursor of the next page, when there is one. */
  next: z.number().int().optional(),
});

/** Every problem+json code the API answers with: the web app says each in the user's words (errors.ts). */
export const problemCodes = [
  // The session and the request
  "NOT_SIGNED_IN",
  "SESSION_EXPIRED",
  "INVALID_LOGIN",
  "RATE_LIMITED",
  "CSRF_TOKEN_INVALID",
  "CROSS_SITE_REQUEST",
  "SERVER_NOT_ALLOWED",
  "HOST_NOT_ALLOWED",
  "BAD_REQUEST",
  "BAD_URL",
  "BODY_TOO_LARGE",
  "HEADERS_TOO_LARGE",
  "URI_TOO_LONG",
  "UNSUPPORTED_MEDIA_TYPE",
  "REQUEST_TIMEOUT",
  "VALIDATION_FAILED",
  "NOT_FOUND",
  "HOST_NOT_FOUND",
  "STACK_NOT_FOUND",
  // A change
  "NO_PERMISSION",
  "PREFLIGHT_FAILED",
  "IDEMPOTENCY_KEY_REUSED",
  "IN_PROGRESS",
  "HOST_BUSY",
  "STACK_INACTIVE",
  "PARTIALLY_APPLIED",
  "OUTCOME_PENDING",
  "MADE_NOT_READ_BACK",
  "READ_BACK_FAILED",
  "INTERRUPTED",
  // A rollout's state does not allow what was asked
  "ROLLOUT_NOT_RUNNING",
  "ROLLOUT_NOT_PAUSED",
  "ROLLOUT_ENDED",
  "ROLLOUT_NOTHING_TO_RETRY",
  // vCenter's faults, and vCenter not answering
  "ALREADY_EXISTS",
  "INVALID_ARGUMENT",
  "INVALID_STATE",
  "RESOURCE_IN_USE",
  "HOST_NOT_CONNECTED",
  "HOST_CONFIG_FAULT",
  "NOT_SUPPORTED",
  "VCENTER_FAULT",
  "VCENTER_TIMEOUT",
  "VCENTER_UNREACHABLE",
  "VCENTER_BAD_REPLY",
  // addnet's own stores
  "STORE_UNAVAILABLE",
  "DATABASE_UNAVAILABLE",
  "INTERNAL",
] as const;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  /** A stable code the UI acts on, e.g. SESSION_EXPIRED (sign in again without losing input). */
  code: z.enum(problemCodes),
  errors: z.array(issueSchema).optional(),
  missingPrivilege: z.object({ privilege: z.string(), entity: z.object({ type: z.string(), id: z.string() }) }).optional(),
  steps: z.array(stepSchema).optional(),
  /** vCenter's fault, in vCenter's words (code fault.<type>) with what it names. */
  fault: messageSchema.optional(),
  /** How a change that did not complete ended, sentence by sentence: which step failed, what was undone, what remains. */
  outcome: z.array(messageSchema).optional(),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
export type HostsQuery = z.infer<typeof hostsQuerySchema>;
export type HostSummary = z.infer<typeof hostSummarySchema>;
export type HostsPage = z.infer<typeof hostsPageSchema>;
export type VmkernelAdapterInfo = z.infer<typeof vmkernelAdapterInfoSchema>;
export type TcpipStackInfo = z.infer<typeof tcpipStackInfoSchema>;
export type HostNetworking = z.infer<typeof hostNetworkingSchema>;
export type Issue = z.infer<typeof issueSchema>;
export type Message = z.infer<typeof messageSchema>;
export type VimCall = z.infer<typeof vimCallSchema>;
export type Preflight = z.infer<typeof preflightSchema>;
export type Step = z.infer<typeof stepSchema>;
export type CreatedAdapter = z.infer<typeof createdAdapterSchema>;
export type CreatedPortGroup = z.infer<typeof createdPortGroupSchema>;
export type AddedUplinks = z.infer<typeof addedUplinksSchema>;
export type EditedAdapter = z.infer<typeof editedAdapterSchema>;
export type MovedAdapter = z.infer<typeof movedAdapterSchema>;
export type StackMove = z.infer<typeof stackMoveSchema>;
export type EditedSwitch = z.infer<typeof editedSwitchSchema>;
export type RemovedSwitch = z.infer<typeof removedSwitchSchema>;
export type RemovedAdapter = z.infer<typeof removedAdapterSchema>;
export type RemovedPortGroup = z.infer<typeof removedPortGroupSchema>;
export type AuditEntryInfo = z.infer<typeof auditEntrySchema>;
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export type AuditPage = z.infer<typeof auditPageSchema>;
export type AuditOutcome = (typeof auditOutcomes)[number];
export type Problem = z.infer<typeof problemSchema>;
export type ProblemCode = (typeof problemCodes)[number];
