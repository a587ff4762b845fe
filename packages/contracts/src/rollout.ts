/**
 * Add Networking for many hosts (issue 13): the wizard's model planned per host (each host's addresses, target and
 * fields), with the adapter's TCP/IP stack settings on every host, run as a durable rollout in which each host's change
 * is its own all-or-nothing change in the journal.
 */
import { z } from "zod";

import { issueSchema, problemSchema, stepSchema, tcpipStackInfoSchema, vimCallSchema, vmkernelAdapterInfoSchema } from "./api.ts";
import { netStackPatchSchema } from "./netstack.ts";
import { vmkernelAdapterSchema } from "./wizard.ts";

/** Hosts one rollout takes, and how many it changes at once. */
export const ROLLOUT_MAX_HOSTS = 2500;
export const ROLLOUT_MAX_CONCURRENCY = 64;

/** One host of the plan: the wizard's model as this host gets it, and its stack's settings. */
export const rolloutHostSchema = z
  .object({
    hostId: z.string().min(1).max(64),
    /** The Add Networking wizard's model for this host: every field may differ from host to host. */
    model: vmkernelAdapterSchema,
    /**
     * The settings of the adapter's TCP/IP stack (model.portProperties.tcpipStack) on this host: its default gateway,
     * DNS, congestion control and maximum connections, set as the change's last step and undone with it.
     */
    netStack: netStackPatchSchema.optional(),
  })
  .strict();

export const rolloutRequestSchema = z
  .object({
    hosts: z.array(rolloutHostSchema).min(1, { message: "rollout.noHosts" }).max(ROLLOUT_MAX_HOSTS, { message: "rollout.tooManyHosts" }),
    /** How many hosts change at once; the API's configured default when left out. */
    concurrency: z
      .int({ message: "rollout.concurrency.range" })
      .min(1, { message: "rollout.concurrency.range" })
      .max(ROLLOUT_MAX_CONCURRENCY, { message: "rollout.concurrency.range" })
      .optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.hosts.forEach((h, i) => {
      if (seen.has(h.hostId)) ctx.addIssue({ code: "custom", message: "rollout.duplicateHost", path: ["hosts", i, "hostId"] });
      seen.add(h.hostId);
    });
  });

/** Preflight of one host of the plan: what Finish would do there, or why that host is held back. */
export const rolloutHostPreflightSchema = z.object({
  hostId: z.string(),
  hostName: z.string(),
  errors: z.array(issueSchema),
  warnings: z.array(issueSchema),
  calls: z.array(vimCallSchema),
  /** The privilege the user lacks on this host, when a change there would be refused. */
  missingPrivilege: z.object({ privilege: z.string(), entity: z.object({ type: z.string(), id: z.string() }) }).nullable(),
  /**
   * The stack as the host has it now, and which of the rollout's settings (netStackPatch's field names) it has other
   * values for: shown before anything changes. Null without stack settings in the plan.
   */
  netStack: z.object({ current: tcpipStackInfoSchema.nullable(), differs: z.array(z.string()) }).nullable(),
});

export const rolloutPreflightSchema = z.object({ hosts: z.array(rolloutHostPreflightSchema) });

export const ROLLOUT_STATES = ["running", "paused", "cancelled", "done"] as const;
/**
 * A host's place in the rollout: waiting, being changed, changed, failed (nothing left on it), partial (the change could
 * not be wholly undone: the host has what `problem.steps` says), refused (held back by its preflight, nothing sent), or
 * cancelled before it started.
 */
export const ROLLOUT_HOST_STATES = ["pending", "running", "success", "failure", "partial", "refused", "cancelled"] as const;
/** The states a host's change has ended in, one way or another. */
export const ROLLOUT_HOST_ENDED: readonly RolloutHostState[] = ["success", "failure", "partial", "refused", "cancelled"];

export const rolloutHostStatusSchema = z.object({
  hostId: z.string(),
  hostName: z.string().nullable(),
  state: z.enum(ROLLOUT_HOST_STATES),
  /** 1 for the first run; each retry adds one. */
  attempt: z.number().int(),
  /** The host's change in the journal (the audit log's entry). */
  changeId: z.number().int().nullable(),
  /** Each vim25 call of the host's change and how it went, as it happens. */
  steps: z.array(stepSchema),
  /** What the host now has: the adapter made, once the change succeeded. */
  adapter: vmkernelAdapterInfoSchema.nullable(),
  /** Why the host's change did not succeed, as the API would have answered it (problem+json). */
  problem: problemSchema.nullable(),
  updated: z.string(),
});

export const rolloutSchema = z.object({
  id: z.string(),
  user: z.string(),
  created: z.string(),
  updated: z.string(),
  state: z.enum(ROLLOUT_STATES),
  concurrency: z.number().int(),
  hosts: z.array(rolloutHostStatusSchema),
});

export const rolloutListSchema = z.object({ rollouts: z.array(rolloutSchema) });

/** What the Recent Tasks panel's event stream (server-sent events) carries: a whole rollout, or one host of it. */
export const rolloutEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("rollout"), rollout: rolloutSchema }),
  z.object({ type: z.literal("host"), rolloutId: z.string(), host: rolloutHostStatusSchema }),
]);

export type RolloutHost = z.infer<typeof rolloutHostSchema>;
export type RolloutRequest = z.infer<typeof rolloutRequestSchema>;
export type RolloutHostPreflight = z.infer<typeof rolloutHostPreflightSchema>;
export type RolloutPreflight = z.infer<typeof rolloutPreflightSchema>;
export type RolloutState = (typeof ROLLOUT_STATES)[number];
export type RolloutHostState = (typeof ROLLOUT_HOST_STATES)[number];
export type RolloutHostStatus = z.infer<typeof rolloutHostStatusSchema>;
export type Rollout = z.infer<typeof rolloutSchema>;
export type RolloutEvent = z.infer<typeof rolloutEventSchema>;
