import { auditEntrySchema, auditQuerySchema, problemSchema } from "@addnet/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/audit",
    {
      preHandler: app.requireSession,
      schema: {
        summary: "Who did what, when, on which host, with the outcome (newest first)",
        querystring: auditQuerySchema,
        response: { 200: z.array(auditEntrySchema), 400: problemSchema, 401: problemSchema },
      },
    },
    async (req) => app.audit.list(req.query),
  );
};

export default routes;
