import { auditPageSchema, auditQuerySchema, problemSchema } from "@addnet/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

import { auditPage } from "../services/audit-log.ts";

const routes: FastifyPluginAsyncZod = async (app) => {
  app.addHook("preHandler", app.requireSession);

  app.get(
    "/audit",
    {
      schema: {
        summary: "The journal: who did what, when, on which host, with the outcome (newest first, one page)",
        description:
          "Administrators see every entry; other users their own and those of hosts they can read (System.Read). `next` is the cursor of the following page.",
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, 400: problemSchema, 401: problemSchema },
      },
    },
    async (req) => auditPage(app.journal, req.vim!, req.userSession!.userName, req.query),
  );
};

export default routes;
