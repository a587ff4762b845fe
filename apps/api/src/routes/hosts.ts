import {
  addedUplinksSchema,
  createdAdapterSchema,
  createdPortGroupSchema,
  editedAdapterSchema,
  editedSwitchSchema,
  hostNetworkingSchema,
  hostsPageSchema,
  hostsQuerySchema,
  movedAdapterSchema,
  netStackPatchSchema,
  physicalAdapterSchema,
  preflightSchema,
  portGroupEditSchema,
  removedAdapterSchema,
  removedPortGroupSchema,
  removedSwitchSchema,
  problemSchema,
  stackMoveSchema,
  standardSwitchEditSchema,
  tcpipStackInfoSchema,
  vmkernelAdapterEditSchema,
  vmkernelAdapterMigrateSchema,
  vmkernelAdapterSchema,
  vmotionOnNewSwitchExample,
  vmPortGroupSchema,
  type PortGroupEdit,
  type StackMove,
  type StandardSwitchEdit,
  type VmkernelAdapterEdit,
  type VmkernelAdapterMigrate,
} from "@addnet/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

import type { StoredReply } from "../journal/journal.ts";
import { networkingView, readHost } from "../services/host-snapshot.ts";
import { preflight, readForPreflight, type HostChange, type HostEdit } from "../services/preflight.ts";
import { idempotencyHeaders, problems } from "./schemas.ts";

const hostParams = z.object({ hostId: z.string().max(64) }).strict();
const changeProblems = { ...problems, 502: problemSchema, 503: problemSchema, 504: problemSchema };

/** A change's reply as the journal holds it: the body, or its problem+json. */
function send(reply: FastifyReply, stored: StoredReply) {
  return reply
    .code(stored.status)
    .type(stored.status >= 400 ? "application/problem+json" : "application/json")
    .send(stored.body as never);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.addHook("preHandler", app.requireSession);

  /** A change once per Idempotency-Key: its reply as the journal holds it, which a retry with the key gets again. */
  async function change(req: FastifyRequest, reply: FastifyReply, hostId: string, model: HostChange, idempotencyKey: string) {
    const outcome = await app.changes.create({
      session: req.userSession!,
      vim: req.vim!,
      requestId: req.id,
      hostId,
      model,
      idempotencyKey,
    });
    if (outcome.replayed) reply.header("Idempotent-Replayed", "true");
    return send(reply, outcome);
  }

  app.get(
    "/hosts",
    {
      schema: {
        summary: "Hosts: search by name, filter by cluster, cursor paging",
        querystring: hostsQuerySchema,
        response: { 200: hostsPageSchema, ...problems },
      },
    },
    async (req) => app.inventories.listHosts(req.vim!, req.query),
  );

  app.get(
    "/hosts/:hostId/networking",
    {
      schema: {
        summary: "A host's networking, services, stacks and the user's privileges",
        params: hostParams,
        response: { 200: hostNetworkingSchema, ...problems },
      },
    },
    async (req) => {
      const view = networkingView(await readHost(req.vim!, req.params.hostId));
      // The wizard shows the host before Finish checks its addresses: open the inventory they are checked in meanwhile.
      app.inventories.open(req.vim!);
      return view;
    },
  );

  // The Add Networking wizard's three connection types: each a preflight and an all-or-nothing create, once per key.
  const creates = [
    {
      path: "vmkernel-adapters",
      what: "a VMkernel adapter",
      body: vmkernelAdapterSchema.meta({ examples: [vmotionOnNewSwitchExample()] }),
      created: createdAdapterSchema,
    },
    {
      path: "port-groups",
      what: "a virtual machine port group on a standard switch",
      body: vmPortGroupSchema,
      created: createdPortGroupSchema,
    },
    {
      path: "physical-adapters",
      what: "free physical adapters on a standard switch",
      body: physicalAdapterSchema,
      created: addedUplinksSchema,
    },
  ] as const;
  for (const c of creates) {
    app.post(
      `/hosts/:hostId/${c.path}/preflight`,
      {
        schema: {
          summary: `Check ${c.what} against the live host; the vim25 calls it would make`,
          params: hostParams,
          body: c.body,
          response: { 200: preflightSchema, ...problems },
        },
      },
      async (req) => {
        const { host, addresses } = await readForPreflight(req.vim!, app.inventories, req.params.hostId, req.body);
        return preflight(host, req.body, addresses);
      },
    );
    app.post(
      `/hosts/:hostId/${c.path}`,
      {
        schema: {
          summary: `Create ${c.what} (on a new standard switch too), all or nothing`,
          params: hostParams,
          headers: idempotencyHeaders,
          body: c.body,
          response: { 201: c.created, ...changeProblems },
        },
      },
      async (req, reply) => change(req, reply, req.params.hostId, req.body, req.headers["idempotency-key"]),
    );
  }

  // The changes to what the host has, each with the vSphere Client's Analyze impact first: a read that names what the
  // change breaks (its errors refuse it) and the calls it would make, then the change, once per Idempotency-Key.
  const adapterParams = hostParams.extend({ device: z.string().regex(/^vmk\d{1,3}$/, { message: "adapter.device" }) });
  const portGroupParams = hostParams.extend({ name: z.string().min(1).max(59) });
  const switchParams = hostParams.extend({ name: z.string().min(1).max(32) });
  type Params = { hostId: string; device: string; name: string };
  const edits: {
    url: string;
    method: "PATCH" | "POST" | "DELETE";
    /** POST {url}/preflight with the change's body, or GET {url}/impact for a removal. */
    impact: "preflight" | "impact";
    params: z.ZodObject;
    body?: z.ZodType;
    reply: z.ZodType;
    what: string;
    change: (params: Params, body: never) => HostEdit;
  }[] = [
    {
      url: "/hosts/:hostId/vmkernel-adapters/:device",
      method: "PATCH",
      impact: "preflight",
      params: adapterParams,
      body: vmkernelAdapterEditSchema,
      reply: editedAdapterSchema,
      what: "Edit a VMkernel adapter's services, MTU and IP settings",
      change: ({ device }, edit: VmkernelAdapterEdit) => ({ change: "editAdapter", device, edit }),
    },
    {
      url: "/hosts/:hostId/vmkernel-adapters/:device/migration",
      method: "POST",
      impact: "preflight",
      params: adapterParams,
      body: vmkernelAdapterMigrateSchema,
      reply: editedAdapterSchema,
      what: "Migrate a VMkernel adapter to a distributed port group, or to a new port group on a standard switch",
      change: ({ device }, target: VmkernelAdapterMigrate) => ({ change: "migrateAdapter", device, target }),
    },
    {
      url: "/hosts/:hostId/vmkernel-adapters/:device/stack-move",
      method: "POST",
      impact: "preflight",
      params: adapterParams,
      body: stackMoveSchema,
      reply: movedAdapterSchema,
      what: "Move a VMkernel adapter to another TCP/IP stack: removed and added again with its port group, addresses and services, put back if the add fails",
      change: ({ device }, { tcpipStack }: StackMove) => ({ change: "moveAdapter", device, tcpipStack }),
    },
    {
      url: "/hosts/:hostId/vmkernel-adapters/:device",
      method: "DELETE",
      impact: "impact",
      params: adapterParams,
      reply: removedAdapterSchema,
      what: "Remove a VMkernel adapter, unless it is the host's last management adapter",
      change: ({ device }) => ({ change: "removeAdapter", device }),
    },
    {
      url: "/hosts/:hostId/port-groups/:name",
      method: "PATCH",
      impact: "preflight",
      params: portGroupParams,
      body: portGroupEditSchema,
      reply: createdPortGroupSchema,
      what: "Edit a standard port group: its network label, VLAN ID and overrides of the switch's policies",
      change: ({ name }, edit: PortGroupEdit) => ({ change: "editPortGroup", portGroup: name, edit }),
    },
    {
      url: "/hosts/:hostId/port-groups/:name",
      method: "DELETE",
      impact: "impact",
      params: portGroupParams,
      reply: removedPortGroupSchema,
      what: "Remove a standard port group that no VMkernel adapter is on",
      change: ({ name }) => ({ change: "removePortGroup", portGroup: name }),
    },
    {
      url: "/hosts/:hostId/standard-switches/:name",
      method: "PATCH",
      impact: "preflight",
      params: switchParams,
      body: standardSwitchEditSchema,
      reply: editedSwitchSchema,
      what: "Edit a standard switch's MTU, security, teaming and failover",
      change: ({ name }, edit: StandardSwitchEdit) => ({ change: "editSwitch", vswitch: name, edit }),
    },
    {
      url: "/hosts/:hostId/standard-switches/:name",
      method: "DELETE",
      impact: "impact",
      params: switchParams,
      reply: removedSwitchSchema,
      what: "Remove a standard switch that no VMkernel adapter uses, with its port groups",
      change: ({ name }) => ({ change: "removeSwitch", vswitch: name }),
    },
  ];
  for (const e of edits) {
    const toChange = (req: FastifyRequest) => e.change(req.params as Params, req.body as never);
    app.route({
      method: e.impact === "preflight" ? "POST" : "GET",
      url: `${e.url}/${e.impact}`,
      schema: {
        summary: `Analyze impact: ${e.what}. What it would break (errors refuse it); the calls it would make`,
        params: e.params,
        ...(e.body ? { body: e.body } : {}),
        response: { 200: preflightSchema, ...problems },
      },
      handler: async (req) => {
        const change = toChange(req);
        const { host, addresses } = await readForPreflight(req.vim!, app.inventories, (req.params as Params).hostId, change);
        return preflight(host, change, addresses);
      },
    });
    app.route({
      method: e.method,
      url: e.url,
      schema: {
        summary: `${e.what}; all or nothing, once per Idempotency-Key`,
        params: e.params,
        headers: idempotencyHeaders,
        ...(e.body ? { body: e.body } : {}),
        response: { 200: e.reply, ...changeProblems },
      },
      handler: async (req, reply) =>
        change(req, reply, (req.params as Params).hostId, toChange(req), (req.headers as { "idempotency-key": string })["idempotency-key"]),
    });
  }

  app.patch(
    "/hosts/:hostId/netstacks/:key",
    {
      schema: {
        summary: "Edit a TCP/IP stack: gateways, DNS (default stack), congestion control, max connections",
        params: hostParams.extend({ key: z.string().min(1).max(64) }),
        body: netStackPatchSchema,
        response: { 200: tcpipStackInfoSchema, ...changeProblems },
      },
    },
    async (req, reply) => {
      const { hostId, key } = req.params;
      return send(
        reply,
        await app.changes.editNetStack({ session: req.userSession!, vim: req.vim!, requestId: req.id, hostId, key, patch: req.body }),
      );
    },
  );
};

export default routes;
