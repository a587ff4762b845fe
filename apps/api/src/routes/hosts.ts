import {
  createdAdapterSchema,
  hostNetworkingSchema,
  hostsPageSchema,
  hostsQuerySchema,
  netStackPatchSchema,
  preflightSchema,
  problemSchema,
  tcpipStackInfoSchema,
  vmkernelAdapterSchema,
  vmotionOnNewSwitchExample,
} from "@addnet/contracts";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

import type { StoredReply } from "../journal/journal.ts";
import { networkingView, readHost } from "../services/host-snapshot.ts";
import { listHosts } from "../services/list-hosts.ts";
import { preflight, readForPreflight } from "../services/preflight.ts";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const hostParams = z.object({ hostId: z.string().max(64) }).strict();
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/** A change's reply as the journal holds it: the body, or its problem+json. */
function send(reply: FastifyReply, stored: StoredReply) {
  return reply
    .code(stored.status)
    .type(stored.status >= 400 ? "application/problem+json" : "application/json")
    .send(stored.body as never);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.addHook("preHandler", app.requireSession);

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
      const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId);
      return preflight(host, req.body, addresses);
    },
  );

  app.post(
    "/hosts/:hostId/vmkernel-adapters",
    {
      schema: {
        summary: "Create the VMkernel adapter, all or nothing",
        params: hostParams,
        headers: z.object({
          "idempotency-key": z.string({ message: "idempotencyKey.required" }).regex(IDEMPOTENCY_KEY, { message: "idempotencyKey.invalid" }),
        }),
        body: vmkernelAdapterSchema.meta({ examples: [vmotionOnNewSwitchExample()] }),
        response: { 201: createdAdapterSchema, ...problems, 502: problemSchema, 503: problemSchema, 504: problemSchema },
      },
    },
    async (req, reply) => {
      const outcome = await app.changes.create({
        session: req.userSession!,
        vim: req.vim!,
        requestId: req.id,
        hostId: req.params.hostId,
        model: req.body,
        idempotencyKey: req.headers["idempotency-key"],
      });
      if (outcome.replayed) reply.header("Idempotent-Replayed", "true");
      return send(reply, outcome);
    },
  );

  app.patch(
    "/hosts/:hostId/netstacks/:key",
    {
      schema: {
        summary: "Edit a TCP/IP stack: gateways, DNS (default stack), congestion control, max connections",
        params: hostParams.extend({ key: z.string().min(1).max(64) }),
        body: netStackPatchSchema,
        response: { 200: tcpipStackInfoSchema, ...problems, 502: problemSchema, 503: problemSchema, 504: problemSchema },
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
