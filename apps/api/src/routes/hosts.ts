import {
  createdAdapterSchema,
  createdPortGroupSchema,
  hostNetworkingSchema,
  hostsPageSchema,
  hostsQuerySchema,
  netStackPatchSchema,
  preflightSchema,
  problemSchema,
  tcpipStackInfoSchema,
  vmkernelAdapterSchema,
  vmotionOnNewSwitchExample,
  vmPortGroupSchema,
} from "@addnet/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

import type { StoredReply } from "../journal/journal.ts";
import { networkingView, readHost } from "../services/host-snapshot.ts";
import { listHosts } from "../services/list-hosts.ts";
import { preflight, readForPreflight, type CreateModel } from "../services/preflight.ts";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const hostParams = z.object({ hostId: z.string().max(64) }).strict();
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const changeProblems = { ...problems, 502: problemSchema, 503: problemSchema, 504: problemSchema };
const idempotencyHeaders = z.object({
  "idempotency-key": z.string({ message: "idempotencyKey.required" }).regex(IDEMPOTENCY_KEY, { message: "idempotencyKey.invalid" }),
});

/** A change's reply as the journal holds it: the body, or its problem+json. */
function send(reply: FastifyReply, stored: StoredReply) {
  return reply
    .code(stored.status)
    .type(stored.status >= 400 ? "application/problem+json" : "application/json")
    .send(stored.body as never);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.addHook("preHandler", app.requireSession);

  /** A create, once per Idempotency-Key: its reply as the journal holds it. */
  async function create(req: FastifyRequest, reply: FastifyReply, hostId: string, model: CreateModel, idempotencyKey: string) {
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
    async (req) => listHosts(req.vim!, req.query),
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
    async (req) => networkingView(await readHost(req.vim!, req.params.hostId)),
  );

  app.post(
    "/hosts/:hostId/vmkernel-adapters/preflight",
    {
      schema: {
        summary: "Check a wizard model against the live host; the vim25 calls it would make",
        params: hostParams,
        body: vmkernelAdapterSchema,
        response: { 200: preflightSchema, ...problems },
      },
    },
    async (req) => {
      const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId, req.body);
      return preflight(host, req.body, addresses);
    },
  );

  app.post(
    "/hosts/:hostId/port-groups/preflight",
    {
      schema: {
        summary: "Check a virtual machine port group against the live host; the vim25 calls it would make",
        params: hostParams,
        body: vmPortGroupSchema,
        response: { 200: preflightSchema, ...problems },
      },
    },
    async (req) => {
      const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId, req.body);
      return preflight(host, req.body, addresses);
    },
  );

  app.post(
    "/hosts/:hostId/port-groups",
    {
      schema: {
        summary:
          "Create a virtual machine port group on a standard switch (a new one with its uplinks, or one the host has), all or nothing",
        params: hostParams,
        headers: idempotencyHeaders,
        body: vmPortGroupSchema,
        response: { 201: createdPortGroupSchema, ...changeProblems },
      },
    },
    async (req, reply) => create(req, reply, req.params.hostId, req.body, req.headers["idempotency-key"]),
  );

  app.post(
    "/hosts/:hostId/vmkernel-adapters",
    {
      schema: {
        summary: "Create the VMkernel adapter, all or nothing",
        params: hostParams,
        headers: idempotencyHeaders,
        body: vmkernelAdapterSchema.meta({ examples: [vmotionOnNewSwitchExample()] }),
        response: { 201: createdAdapterSchema, ...changeProblems },
      },
    },
    async (req, reply) => create(req, reply, req.params.hostId, req.body, req.headers["idempotency-key"]),
  );

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
