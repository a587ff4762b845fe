/**
 * Rollouts (issue 13): the wizard's change on many hosts as one durable job, the user's own only (another user's is
 * 404), and the Recent Tasks panel's event stream.
 */
import {
  problemSchema,
  rolloutEventSchema,
  rolloutListSchema,
  rolloutRequestSchema,
  rolloutSchema,
  type RolloutEvent,
} from "@addnet/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

import type { Rollouts } from "../services/rollouts.ts";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const rolloutParams = z.object({ id: z.uuid() }).strict();
/** A comment line now and then, so that proxies keep a quiet stream open. */
const HEARTBEAT_MS = 15_000;

const routes: FastifyPluginAsyncZod = async (app) => {
  app.addHook("preHandler", app.requireSession);

  app.post(
    "/rollouts",
    {
      schema: {
        summary: "Start a rollout: each host's change its own all-or-nothing change, a few hosts at a time; once per Idempotency-Key",
        headers: z.object({
          "idempotency-key": z.string({ message: "idempotencyKey.required" }).regex(IDEMPOTENCY_KEY, { message: "idempotencyKey.invalid" }),
        }),
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
