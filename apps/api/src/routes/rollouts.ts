/**
 * Rollouts (issue 13): the wizard's change on many hosts as one durable job, the user's own only (another user's is
 * 404), and the Recent Tasks panel's event stream.
 */
import {
  problemSchema,
  rolloutEventSchema,
  rolloutListSchema,
  rolloutPreflightSchema,
  rolloutRequestSchema,
  rolloutSchema,
  type RolloutEvent,
} from "@addnet/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import pLimit from "p-limit";
import { z } from "zod";

import { preflightRolloutHost } from "../services/rollout-preflight.ts";
import type { Rollouts } from "../services/rollouts.ts";
import { idempotencyHeaders, problems } from "./schemas.ts";

/** Hosts read at once by a preflight: a plan of thousands of hosts does not open thousands of vCenter requests. */
const HOSTS_AT_ONCE = 8;
const rolloutParams = z.object({ id: z.uuid() }).strict();
/** A comment line now and then, so that proxies keep a quiet stream open. */
const HEARTBEAT_MS = 15_000;

const routes: FastifyPluginAsyncZod = async (app) => {
  app.addHook("preHandler", app.requireSession);

  app.post(
    "/rollouts/preflight",
    {
      schema: {
        summary:
          "Preflight a rollout: per host, its errors and warnings, the vim25 calls its change would make, the privilege it lacks and its stack's settings that differ",
        body: rolloutRequestSchema,
        response: { 200: rolloutPreflightSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => {
      const limit = pLimit(HOSTS_AT_ONCE);
      return { hosts: await limit.map(req.body.hosts, (host) => preflightRolloutHost(req.vim!, app.inventories, host)) };
    },
  );

  app.post(
    "/rollouts",
    {
      schema: {
        summary: "Start a rollout: each host's change its own all-or-nothing change, a few hosts at a time; once per Idempotency-Key",
        headers: idempotencyHeaders,
        body: rolloutRequestSchema,
        response: { 202: rolloutSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { rollout, replayed } = await app.rollouts.create(req.userSession!, req.body, req.headers["idempotency-key"]);
      if (replayed) reply.header("Idempotent-Replayed", "true");
      return reply.code(202).send(rollout);
    },
  );

  app.get(
    "/rollouts",
    { schema: { summary: "The user's recent rollouts on this vCenter, newest first", response: { 200: rolloutListSchema, ...problems } } },
    async (req) => ({ rollouts: await app.rollouts.recent(req.userSession!) }),
  );

  app.get(
    "/rollouts/events",
    {
      schema: {
        summary:
          "The Recent Tasks panel's server-sent events (text/event-stream): the user's recent rollouts, then every host's step and state and every rollout's state as they change",
        produces: ["text/event-stream"],
        response: { 200: rolloutEventSchema.describe("Each event's data: one of these, as JSON"), ...problems },
      },
    },
    async (req, reply) => {
      const session = req.userSession!;
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        // nginx would hold the events back in its buffer.
        "x-accel-buffering": "no",
      });
      // Nothing is written once the stream has ended (the client left while the recent rollouts were read).
      const write = (text: string) => void (raw.writableEnded || raw.write(text));
      const send = (event: RolloutEvent) => write(`data: ${JSON.stringify(event)}\n\n`);
      // Events that come while the recent rollouts are read wait, and go out after them.
      let waiting: RolloutEvent[] | undefined = [];
      const end = () => {
        unsubscribe();
        clearInterval(heartbeat);
        raw.end();
      };
      const unsubscribe = app.rollouts.events.subscribe((m) => {
        if ("sessionEnded" in m) return void (m.sessionEnded === session.id && end());
        if (m.user !== session.userName || m.server !== session.server) return;
        if (waiting) waiting.push(m.event);
        else send(m.event);
      });
      const heartbeat = setInterval(
        () => {
          write(": heartbeat\n\n");
          // Signed out on another replica, or idle past its time: the stream ends with the session.
          void app.sessionStore.peek(session.id).then((s) => s || end(), end);
        },
        Math.min(HEARTBEAT_MS, app.config.connectionTimeoutMs / 2),
      );
      raw.on("close", end);
      raw.flushHeaders();
      try {
        for (const rollout of (await app.rollouts.recent(session)).reverse()) send({ type: "rollout", rollout });
      } finally {
        for (const event of waiting.splice(0)) send(event);
        waiting = undefined;
      }
    },
  );

  app.get(
    "/rollouts/:id",
    { schema: { summary: "A rollout and each host's state", params: rolloutParams, response: { 200: rolloutSchema, ...problems } } },
    async (req) => app.rollouts.get(req.userSession!, req.params.id),
  );

  const actions: { action: "pause" | "resume" | "cancel" | "retry"; what: string }[] = [
    { action: "pause", what: "Pause a running rollout: no new host starts, the running ones finish" },
    { action: "resume", what: "Resume a paused rollout" },
    { action: "cancel", what: "Cancel a rollout: the hosts not started are cancelled, the running ones finish" },
    { action: "retry", what: "Run the failed and refused hosts again, each as a new attempt" },
  ];
  for (const { action, what } of actions)
    app.post(
      `/rollouts/:id/${action}`,
      { schema: { summary: what, params: rolloutParams, response: { 200: rolloutSchema, ...problems } } },
      async (req) => (app.rollouts[action] as Rollouts["pause"]).call(app.rollouts, req.userSession!, req.params.id),
    );
};

export default routes;
