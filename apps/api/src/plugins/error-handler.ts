/**
 * One error handler: problem+json for every 4xx with the field paths; a 5xx only for a real server fault,
 * logged with the request id and never leaking internals.
 */
import type { FastifyError } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

import { ProblemError, validationProblem } from "../problem.ts";
import { faultProblem } from "../services/vim-errors.ts";

/** ioredis's errors when Redis cannot be reached: out of retries on a command, or a connection it has closed. */
function storeUnavailable(err: FastifyError): boolean {
  return err.name === "MaxRetriesPerRequestError" || /^(Connection is closed|Stream isn't writeable)/.test(err.message ?? "");
}

/**
 * The journal's database cannot be reached or used: SQLite's busy, I/O and open errors; PostgreSQL's connection,
 * shutdown and resource SQLSTATE classes (08, 57P, 53) and node-postgres's own connection errors (a plain Error with a
 * socket's code: the vim25 client wraps its own).
 */
function databaseUnavailable(err: FastifyError): boolean {
  const code = String(err.code ?? "");
  return (
    /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL)/.test(code) ||
    /^(08|57P|53)[0-9A-Z]{3}$/.test(code) ||
    (err.constructor === Error && ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT"].includes(code)) ||
    /^(Connection terminated|timeout exceeded when trying to connect)/.test(err.message ?? "")
  );
}

export default fp(async (app) => {
  app.setErrorHandler(async (error, req, reply) => {
    const err = error as FastifyError;
    let problem: ProblemError;
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext === "body" ? "" : (err.validationContext ?? "");
      problem = validationProblem(
        err.validation.flatMap((v) => {
          const path = v.instancePath.split("/").filter(Boolean);
          // An unknown field is named by its own path, not by the object that holds it.
          const keys = v.keyword === "unrecognized_keys" ? (v.params as { keys?: unknown }).keys : undefined;
          if (Array.isArray(keys) && keys.length)
            return keys.map((key) => ({ path: [...path, String(key)], message: `Unrecognized key: "${String(key)}"` }));
          return [{ path, message: v.message ?? "invalid" }];
        }),
        where === "querystring" ? "" : where,
      );
    } else if (err.statusCode && err.statusCode < 500 && !(error instanceof ProblemError)) {
      // Fastify's own 4xx: bad JSON, body too large, unsupported media type, rate limit.
      const status = err.statusCode;
      const code =
        status === 413 ? "BODY_TOO_LARGE" : status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : status === 429 ? "RATE_LIMITED" : "BAD_REQUEST";
      problem = new ProblemError(status, code, err.message, status === 400 ? `body: ${err.message}` : err.message, {
        errors: status === 400 ? [{ path: "body", code: "body.invalid", message: err.message }] : undefined,
      });
    } else if (storeUnavailable(err)) {
      problem = new ProblemError(
        503,
        "STORE_UNAVAILABLE",
        "The session store is unavailable",
        "addnet cannot reach its session store (Redis): try again in a moment",
      );
    } else if (databaseUnavailable(err)) {
      problem = new ProblemError(
        503,
        "DATABASE_UNAVAILABLE",
        "The journal's database is unavailable",
        "addnet cannot reach the database that journals every change; a change it interrupted is finished or undone once the database is back. Try again in a moment",
      );
    } else {
      problem = faultProblem(error);
    }
    if (problem.status >= 500) req.log.error({ err, code: problem.code }, "request failed");
    // vCenter ended the session. Ours is kept, so that every call with it answers SESSION_EXPIRED (the UI signs in
    // again without losing the wizard's input) rather than NOT_SIGNED_IN after the first; signing in again ends it.
    if (problem.code === "RATE_LIMITED") reply.header("Retry-After", "60");
    if (problem.status === 503) reply.header("Retry-After", "5");
    return reply.code(problem.status).type("application/problem+json").send(problem.toProblem());
  });
});
