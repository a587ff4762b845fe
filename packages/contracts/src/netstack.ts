/** The "Edit TCP/IP stack configuration" dialog (wizard-spec.md §3): what PATCH .../netstacks/{key} takes. */
import { z } from "zod";

import { ipv4Address, ipv6Address, NOT_XML_TEXT } from "./wizard.ts";

export const CONGESTION_CONTROL = ["newreno", "cubic"] as const;

const hostName = z
  .string()
  .trim()
  .min(1, { message: "dns.hostName.required" })
  .max(63, { message: "dns.hostName.invalid" })
  .regex(/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/, { message: "dns.hostName.invalid" });
const domainName = z
  .string()
  .trim()
  .max(253, { message: "dns.domainName.invalid" })
  .regex(/^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*)?$/, { message: "dns.domainName.invalid" });
const dnsServer = z.union([ipv4Address, ipv6Address], { message: "dns.server.invalid" });

export const dnsConfigurationSchema = z.discriminatedUnion("mode", [
  /** Obtain settings automatically from a VMkernel network adapter */
  z.object({ mode: z.literal("dhcp"), vmkernelAdapter: z.string().regex(/^vmk\d{1,3}$/, { message: "dns.vmkernelAdapter.required" }) }),
  /** Enter settings manually */
  z.object({
    mode: z.literal("manual"),
    hostName,
    domainName,
    preferredDnsServer: dnsServer.optional(),
    alternateDnsServer: dnsServer.optional(),
    searchDomains: z.array(domainName).max(6),
  }),
]);

/** Fields left out are left as they are; an empty gateway string removes the gateway. */
export const netStackPatchSchema = z
  .object({
    /** Name: a custom stack's (the system stacks keep theirs). */
    name: z
      .string()
      .trim()
      .min(1, { message: "tcpipStack.name.required" })
      .max(63, { message: "tcpipStack.name.invalid" })
      .refine((n) => !NOT_XML_TEXT.test(n), { message: "tcpipStack.name.invalid" })
      .optional(),
    /** DNS configuration: every stack has its own, as the seed's next task sets the vMotion stack's. */
    dnsConfiguration: dnsConfigurationSchema.optional(),
    /** Routing */
    defaultGateway: z.union([ipv4Address, z.literal("")]).optional(),
    ipV6DefaultGateway: z.union([ipv6Address, z.literal("")]).optional(),
    /** Advanced */
    congestionControlAlgorithm: z.enum(CONGESTION_CONTROL, { message: "congestionControl.invalid" }).optional(),
    maxNumberOfConnections: z
      .int({ message: "maxConnections.invalid" })
      .min(1, { message: "maxConnections.range" })
      .max(1_000_000, { message: "maxConnections.range" })
      .optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: "netstack.noChange" });

export type DnsConfiguration = z.infer<typeof dnsConfigurationSchema>;
export type NetStackPatch = z.infer<typeof netStackPatchSchema>;
