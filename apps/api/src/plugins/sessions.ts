/**
 * Who is calling: the opaque addnet_session cookie names a server-side session that holds the vCenter session.
 * State changes need the session's CSRF token in X-CSRF-Token and must not come from another site.
 */
import { timingSafeEqual } from "node:crypto";

import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

import { ProblemError } from "../problem.ts";
import type { UserSessionRecord } from "../services/session-store.ts";
import { VimSession } from "../services/vim-session.ts";

export const SESSION_COOKIE = "addnet_session";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether an Origin header names the host the request was sent to. Both are compared as URLs of the origin's
 * scheme, so that a default port written out (Host: addnet.example:443) or a host in capitals is still the same
 * origin; an Origin that is not a URL never is.
 */
function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    const o = new URL(origin);
    return host !== undefined && (o.protocol === "http:" || o.protocol === "https:") && new URL(`${o.protocol}//${host}`).host === o.host;
  } catch {
    return false;
  }
}

/** Refuses a state change sent from another site (a form post or a cross-origin fetch). */
export function checkSameOrigin(req: FastifyRequest): void {
  const site = req.headers["sec-fetch-site"];
  const origin = req.headers.origin;
  const crossSite =
    site === "cross-site" || site === "same-site" || (origin !== undefined && origin !== "null" && !sameOrigin(origin, req.headers.host));
  if (crossSite || origin === "null")
    throw new ProblemError(403, "CROSS_SITE_REQUEST", "Cross-site request refused", "State changes must come from addnet's own pages");
}

export default fp(async (app) => {
  app.decorateRequest("userSession", undefined);
  app.decorateRequest("vim", undefined);

  /** preHandler for every route that needs a signed-in user. */
  app.decorate("requireSession", async (req: FastifyRequest, _reply: FastifyReply) => {
    const id = req.cookies[SESSION_COOKIE];
    const record = id ? await app.sessionStore.get(id) : undefined;
    if (!record)
      throw new ProblemError(401, "NOT_SIGNED_IN", "Sign in first", "There is no addnet session: sign in with your vCenter credentials");
    if (!SAFE_METHODS.has(req.method)) {
      checkSameOrigin(req);
      const token = req.headers["x-csrf-token"];
      if (typeof token !== "string" || !sameSecret(token, record.csrfToken)) {
        throw new ProblemError(
          403,
          "CSRF_TOKEN_INVALID",
          "Missing or wrong CSRF token",
          "Send the session's csrfToken in the X-CSRF-Token header",
        );
      }
    }
    req.userSession = record;
    req.vim = new VimSession(await app.vcenters.get(record.server), record.vcenterCookie, record.vcenterSessionKey);
  });
});

declare module "fastify" {
  interface FastifyInstance {
    requireSession: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    userSession: UserSessionRecord | undefined;
    vim: VimSession | undefined;
  }
}
