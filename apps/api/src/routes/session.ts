import { loginRequestSchema, problemSchema, sessionInfoSchema } from "@addnet/contracts";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

import { checkSameOrigin, SESSION_COOKIE } from "../plugins/sessions.ts";
import { ProblemError } from "../problem.ts";
import { canonicalPrincipal } from "../services/sign-in.ts";

const routes: FastifyPluginAsyncZod = async (app) => {
  const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };
  const cookie = { path: "/", httpOnly: true, sameSite: "strict", secure: app.config.secureCookies } as const;
  const caller = (req: FastifyRequest) => ({ requestId: req.id, address: req.ip });

  app.post(
    "/session",
    {
      schema: { summary: "Sign in with vCenter credentials", body: loginRequestSchema, response: { 200: sessionInfoSchema, ...problems } },
      config: {
        // Per client and user name, so that a help-desk floor behind one address can still sign in. The key needs the
        // parsed body, so the limit runs as a preHandler (at onRequest every user of an address would share one key).
        rateLimit: {
          hook: "preHandler",
          max: app.config.loginRateLimitPerMinute,
          timeWindow: "1 minute",
          keyGenerator: (req: FastifyRequest) =>
            `login:${req.ip}|${canonicalPrincipal(String((req.body as { username?: unknown })?.username ?? ""))}`,
        },
      },
    },
    async (req, reply) => {
      checkSameOrigin(req);
      const { record, info } = await app.signIn.signIn(req.body, caller(req), req.cookies[SESSION_COOKIE]);
      reply.setCookie(SESSION_COOKIE, record.id, { ...cookie, maxAge: 8 * 3600 });
      return info;
    },
  );

  app.get(
    "/session",
    {
      schema: {
        summary: "The signed-in user and their privileges; 204 No Content when nobody is signed in",
        response: { 200: sessionInfoSchema, 204: z.null(), 401: problemSchema },
      },
    },
    async (req, reply) => {
      // Nobody signed in is an answer here, not an error: the web app asks on every page before sign-in, and the browser
      // logs each 401 in its console. A session vCenter ended still answers 401 SESSION_EXPIRED, to sign in again.
      try {
        await app.requireSession(req, reply);
      } catch (err) {
        if (err instanceof ProblemError && err.code === "NOT_SIGNED_IN") return reply.code(204).send(null);
        throw err;
      }
      return app.signIn.info(req.userSession!, req.vim!);
    },
  );

  app.delete(
    "/session",
    {
      preHandler: app.requireSession,
      schema: { summary: "Sign out (of vCenter too)", response: { 204: z.null(), 401: problemSchema, 403: problemSchema } },
    },
    async (req, reply) => {
      await app.signIn.signOut(req.userSession!, req.vim!, caller(req));
      reply.clearCookie(SESSION_COOKIE, cookie);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
