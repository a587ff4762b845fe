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
} from "@addnet/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

import type { StoredReply } from "../journal/journal.ts";
import { networkingView, readHost } from "../services/host-snapshot.ts";
import { listHosts } from "../services/list-hosts.ts";
import { preflight, readForPreflight, type HostChange } from "../services/preflight.ts";

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
        const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId, req.body);
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

  // The VMkernel adapters view's Edit Settings and Remove, each with the vSphere Client's Analyze impact first.
  const adapterParams = hostParams.extend({ device: z.string().regex(/^vmk\d{1,3}$/, { message: "adapter.device" }) });
  app.post(
    "/hosts/:hostId/vmkernel-adapters/:device/preflight",
    {
      schema: {
        summary: "Analyze impact of Edit Settings: what the edit would break (errors refuse it); the calls it would make",
        params: adapterParams,
        body: vmkernelAdapterEditSchema,
        response: { 200: preflightSchema, ...problems },
      },
    },
    async (req) => {
      const change = { change: "editAdapter" as const, device: req.params.device, edit: req.body };
      const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId, change);
      return preflight(host, change, addresses);
    },
  );
  app.patch(
    "/hosts/:hostId/vmkernel-adapters/:device",
    {
      schema: {
        summary: "Edit a VMkernel adapter's services, MTU and IP settings, all or nothing; once per Idempotency-Key",
        params: adapterParams,
        headers: idempotencyHeaders,
        body: vmkernelAdapterEditSchema,
        response: { 200: editedAdapterSchema, ...changeProblems },
      },
    },
    async (req, reply) =>
      change(
        req,
        reply,
        req.params.hostId,
        { change: "editAdapter", device: req.params.device, edit: req.body },
        req.headers["idempotency-key"],
      ),
  );
  app.post(
    "/hosts/:hostId/vmkernel-adapters/:device/migration/preflight",
    {
      schema: {
        summary: "Analyze impact of migrating a VMkernel adapter between a standard and a distributed port group; the calls",
        params: adapterParams,
        body: vmkernelAdapterMigrateSchema,
        response: { 200: preflightSchema, ...problems },
      },
    },
    async (req) => {
      const change = { change: "migrateAdapter" as const, device: req.params.device, target: req.body };
      const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId, change);
      return preflight(host, change, addresses);
    },
  );
  app.post(
    "/hosts/:hostId/vmkernel-adapters/:device/migration",
    {
      schema: {
        summary:
          "Migrate a VMkernel adapter to a distributed port group, or to a new port group on a standard switch; once per Idempotency-Key",
        params: adapterParams,
        headers: idempotencyHeaders,
        body: vmkernelAdapterMigrateSchema,
        response: { 200: editedAdapterSchema, ...changeProblems },
      },
    },
    async (req, reply) =>
      change(
        req,
        reply,
        req.params.hostId,
        { change: "migrateAdapter", device: req.params.device, target: req.body },
        req.headers["idempotency-key"],
      ),
  );
  app.post(
    "/hosts/:hostId/vmkernel-adapters/:device/stack-move/preflight",
    {
      schema: {
        summary: "Analyze impact of moving a VMkernel adapter to another TCP/IP stack (remove and add again); the calls",
        params: adapterParams,
        body: stackMoveSchema,
        response: { 200: preflightSchema, ...problems },
      },
    },
    async (req) => {
      const change = { change: "moveAdapter" as const, device: req.params.device, tcpipStack: req.body.tcpipStack };
      const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId, change);
      return preflight(host, change, addresses);
    },
  );
  app.post(
    "/hosts/:hostId/vmkernel-adapters/:device/stack-move",
    {
      schema: {
        summary:
          "Move a VMkernel adapter to another TCP/IP stack: removed and added again with its port group, addresses and services, put back if the add fails; once per Idempotency-Key",
        params: adapterParams,
        headers: idempotencyHeaders,
        body: stackMoveSchema,
        response: { 200: movedAdapterSchema, ...changeProblems },
      },
    },
    async (req, reply) =>
      change(
        req,
        reply,
        req.params.hostId,
        { change: "moveAdapter", device: req.params.device, tcpipStack: req.body.tcpipStack },
        req.headers["idempotency-key"],
      ),
  );
  app.get(
    "/hosts/:hostId/vmkernel-adapters/:device/impact",
    {
      schema: {
        summary: "Analyze impact: what removing the VMkernel adapter would break (errors refuse it); the call it would make",
        params: adapterParams,
        response: { 200: preflightSchema, ...problems },
      },
    },
    async (req) => {
      const change = { change: "removeAdapter" as const, device: req.params.device };
      const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId, change);
      return preflight(host, change, addresses);
    },
  );
  app.delete(
    "/hosts/:hostId/vmkernel-adapters/:device",
    {
      schema: {
        summary: "Remove the VMkernel adapter, unless it is the host's last management adapter; once per Idempotency-Key",
        params: adapterParams,
        headers: idempotencyHeaders,
        response: { 200: removedAdapterSchema, ...changeProblems },
      },
    },
    async (req, reply) =>
      change(req, reply, req.params.hostId, { change: "removeAdapter", device: req.params.device }, req.headers["idempotency-key"]),
  );

  // The Virtual switches view: a standard port group's Edit Settings and Remove.
  const portGroupParams = hostParams.extend({ name: z.string().min(1).max(59) });
  app.patch(
    "/hosts/:hostId/port-groups/:name",
    {
      schema: {
        summary: "Edit a standard port group's network label or VLAN ID; once per Idempotency-Key",
        params: portGroupParams,
        headers: idempotencyHeaders,
        body: portGroupEditSchema,
        response: { 200: createdPortGroupSchema, ...changeProblems },
      },
    },
    async (req, reply) =>
      change(
        req,
        reply,
        req.params.hostId,
        { change: "editPortGroup", portGroup: req.params.name, edit: req.body },
        req.headers["idempotency-key"],
      ),
  );
  app.delete(
    "/hosts/:hostId/port-groups/:name",
    {
      schema: {
        summary: "Remove a standard port group that no VMkernel adapter is on; once per Idempotency-Key",
        params: portGroupParams,
        headers: idempotencyHeaders,
        response: { 200: removedPortGroupSchema, ...changeProblems },
      },
    },
    async (req, reply) =>
      change(req, reply, req.params.hostId, { change: "removePortGroup", portGroup: req.params.name }, req.headers["idempotency-key"]),
  );

  // The Virtual switches view: a standard switch's Edit Settings and Remove, with their Analyze impact.
  const switchParams = hostParams.extend({ name: z.string().min(1).max(32) });
  app.post(
    "/hosts/:hostId/standard-switches/:name/preflight",
    {
      schema: {
        summary: "Analyze impact of a standard switch's Edit Settings: what it would break (errors refuse it); the call it would make",
        params: switchParams,
        body: standardSwitchEditSchema,
        response: { 200: preflightSchema, ...problems },
      },
    },
    async (req) => {
      const change = { change: "editSwitch" as const, vswitch: req.params.name, edit: req.body };
      const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId, change);
      return preflight(host, change, addresses);
    },
  );
  app.patch(
    "/hosts/:hostId/standard-switches/:name",
    {
      schema: {
        summary: "Edit a standard switch's MTU, security, teaming and failover; once per Idempotency-Key",
        params: switchParams,
        headers: idempotencyHeaders,
        body: standardSwitchEditSchema,
        response: { 200: editedSwitchSchema, ...changeProblems },
      },
    },
    async (req, reply) =>
      change(
        req,
        reply,
        req.params.hostId,
        { change: "editSwitch", vswitch: req.params.name, edit: req.body },
        req.headers["idempotency-key"],
      ),
  );
  app.get(
    "/hosts/:hostId/standard-switches/:name/impact",
    {
      schema: {
        summary: "Analyze impact of removing a standard switch: the adapters that refuse it, the port groups that go with it",
        params: switchParams,
        response: { 200: preflightSchema, ...problems },
      },
    },
    async (req) => {
      const change = { change: "removeSwitch" as const, vswitch: req.params.name };
      const { host, addresses } = await readForPreflight(req.vim!, req.params.hostId, change);
      return preflight(host, change, addresses);
    },
  );
  app.delete(
    "/hosts/:hostId/standard-switches/:name",
    {
      schema: {
        summary: "Remove a standard switch that no VMkernel adapter uses, with its port groups; once per Idempotency-Key",
        params: switchParams,
        headers: idempotencyHeaders,
        response: { 200: removedSwitchSchema, ...changeProblems },
      },
    },
    async (req, reply) =>
      change(req, reply, req.params.hostId, { change: "removeSwitch", vswitch: req.params.name }, req.headers["idempotency-key"]),
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
