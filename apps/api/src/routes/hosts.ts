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
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

import { ProblemError } from "../problem.ts";
import { addressBook } from "../services/address-book.ts";
import { createAdapter } from "../services/create-adapter.ts";
import { editNetStack } from "../services/edit-netstack.ts";
import { hostRef, networkingView, readHost } from "../services/host-snapshot.ts";
import { withHostLock } from "../services/host-lock.ts";
import { Idempotency, IDEMPOTENCY_KEY } from "../services/idempotency.ts";
import { listHosts } from "../services/list-hosts.ts";
import { missingPrivilegeOf, preflight } from "../services/preflight.ts";
import { faultProblem } from "../services/vim-errors.ts";

const hostParams = z.object({ hostId: z.string().max(64) }).strict();
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

const routes: FastifyPluginAsyncZod = async (app) => {
  const idempotency = new Idempotency(app.sessionStore);
  const audit = (
    req: FastifyRequest,
    entry: { action: string; hostId?: string; hostName?: string; outcome: "success" | "failure" | "partial"; detail: string },
  ) => app.audit.append({ time: new Date().toISOString(), user: req.userSession!.userName, requestId: req.id, ...entry });

  app.get(
    "/hosts",
    {
      preHandler: app.requireSession,
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
      preHandler: app.requireSession,
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
      preHandler: app.requireSession,
      schema: {
        summary: "Check a wizard model against the live host; the vim25 calls it would make",
        params: hostParams,
        body: vmkernelAdapterSchema,
        response: { 200: preflightSchema, ...problems },
      },
    },
    async (req) => {
      // An id that cannot name a host is refused before the inventory's addresses are read for it.
      hostRef(req.params.hostId);
      const [host, addresses] = await Promise.all([readHost(req.vim!, req.params.hostId), addressBook(req.vim!)]);
      return preflight(host, req.body, addresses);
    },
  );

  app.post(
    "/hosts/:hostId/vmkernel-adapters",
    {
      preHandler: app.requireSession,
      schema: {
        summary: "Create the VMkernel adapter, all or nothing",
        params: hostParams,
        headers: z.object({
          "idempotency-key": z.string({ message: "idempotencyKey.required" }).regex(IDEMPOTENCY_KEY, { message: "idempotencyKey.invalid" }),
        }),
        body: vmkernelAdapterSchema.meta({ examples: [vmotionOnNewSwitchExample()] }),
        response: { 201: createdAdapterSchema, ...problems, 502: problemSchema, 504: problemSchema },
      },
    },
    async (req, reply) => {
      const vim = req.vim!;
      const hostId = req.params.hostId;
      const outcome = await idempotency.once(req.userSession!.userName, req.headers["idempotency-key"], { hostId, model: req.body }, () =>
        withHostLock(`${req.userSession!.server}|${hostId}`, async () => {
          const read = async () => {
            // An id that cannot name a host is refused before the inventory's addresses are read for it.
            hostRef(hostId);
            return Promise.all([readHost(vim, hostId), addressBook(vim)]);
          };
          const [host, addresses] = await read().catch(async (err: unknown) => {
            // Nothing was sent to the host, but the attempt failed: on record like every other failure.
            const detail = `Not started: reading the host failed: ${faultProblem(err).message}`;
            await audit(req, { action: "vmkernel-adapter.create", hostId, outcome: "failure", detail });
            throw err;
          });
          const check = preflight(host, req.body, addresses);
          if (check.errors.length) {
            await audit(req, {
              action: "vmkernel-adapter.create",
              hostId,
              hostName: host.name,
              outcome: "failure",
              detail: `Refused: ${check.errors.map((e) => e.message).join("; ")}`,
            });
            const noPermission = check.errors.find((e) => e.code === "privilege.missing");
            throw new ProblemError(
              noPermission ? 403 : 422,
              noPermission ? "NO_PERMISSION" : "PREFLIGHT_FAILED",
              "The change was not made",
              check.errors.map((e) => `${e.path || "host"}: ${e.message}`).join("; "),
              {
                errors: check.errors,
                ...(noPermission ? { missingPrivilege: missingPrivilegeOf(host, req.body, noPermission) } : {}),
              },
            );
          }
          try {
            const { result, hostName } = await createAdapter(vim, host, req.body);
            await audit(req, {
              action: "vmkernel-adapter.create",
              hostId,
              hostName,
              outcome: "success",
              detail: `Created ${result.adapter.device} on ${result.adapter.networkLabel} (stack ${result.adapter.tcpipStack}): ${result.steps.map((s) => s.method).join(", ")}`,
            });
            return { status: 201, body: result };
          } catch (err) {
            if (err instanceof ProblemError) {
              await audit(req, {
                action: "vmkernel-adapter.create",
                hostId,
                hostName: host.name,
                outcome: err.code === "PARTIALLY_APPLIED" ? "partial" : "failure",
                detail: err.message,
              });
            }
            throw err;
          }
        }),
      );
      if (outcome.replayed) reply.header("Idempotent-Replayed", "true");
      return reply
        .code(outcome.status)
        .type(outcome.status >= 400 ? "application/problem+json" : "application/json")
        .send(outcome.body as never);
    },
  );

  app.patch(
    "/hosts/:hostId/netstacks/:key",
    {
      preHandler: app.requireSession,
      schema: {
        summary: "Edit a TCP/IP stack: gateways, DNS (default stack), congestion control, max connections",
        params: hostParams.extend({ key: z.string().min(1).max(64) }),
        body: netStackPatchSchema,
        response: { 200: tcpipStackInfoSchema, ...problems },
      },
    },
    async (req) => {
      const { hostId, key } = req.params;
      try {
        const { stack, hostName, replyLost } = await withHostLock(`${req.userSession!.server}|${hostId}`, () =>
          editNetStack(req.vim!, hostId, key, req.body),
        );
        await audit(req, {
          action: "netstack.edit",
          hostId,
          hostName,
          outcome: "success",
          detail: `Edited ${key}: ${Object.keys(req.body).join(", ")}${replyLost ? " (vCenter's reply was lost; the host shows the change)" : ""}`,
        });
        return stack;
      } catch (err) {
        // Every failure is on record, a timeout or a dropped connection as much as a refusal.
        await audit(req, {
          action: "netstack.edit",
          hostId,
          outcome: "failure",
          detail: `Edit of ${key} failed: ${faultProblem(err).message}`,
        });
        throw err;
      }
    },
  );
};

export default routes;
