/** POST /rollouts/preflight: each host of a rollout's plan checked as its change would be, before anything changes. */
import { problemSchema, rolloutPreflightSchema, rolloutRequestSchema } from "@addnet/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import pLimit from "p-limit";

import { preflightRolloutHost } from "../services/rollout-preflight.ts";

/** Hosts read at once: a plan of thousands of hosts does not open thousands of vCenter requests. */
const HOSTS_AT_ONCE = 8;

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
      return { hosts: await limit.map(req.body.hosts, (host) => preflightRolloutHost(req.vim!, host)) };
    },
  );
};

export default routes;
