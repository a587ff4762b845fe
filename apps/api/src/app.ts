/**
 * The addnet API (Fastify 5), registered in the order fastify/demo uses: external plugins (security headers,
 * rate limits, cookies, OpenAPI), then addnet's own (sessions, vCenter, audit, errors), then the routes.
 */
import { existsSync } from "node:fs";
import { resolve, sep } from "node:path";

import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { Redis } from "ioredis";
import Fastify, { type FastifyInstance, type FastifyReply, type onRequestHookHandler } from "fastify";
import helmet from "helmet";
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";

import type { Config } from "./config.ts";
import errorHandler from "./plugins/error-handler.ts";
import requestDeadline, { rawProblem } from "./plugins/request-deadline.ts";
import sessions from "./plugins/sessions.ts";
import { strictBodyValidatorCompiler } from "./plugins/strict-body.ts";
import { ProblemError } from "./problem.ts";
import auditRoutes from "./routes/audit.ts";
import hostRoutes from "./routes/hosts.ts";
import rolloutRoutes from "./routes/rollouts.ts";
import sessionRoutes from "./routes/session.ts";
import { openDatabase } from "./journal/database.ts";
import { Journal } from "./journal/journal.ts";
import { Changes } from "./services/changes.ts";
import { Inventories } from "./services/inventory.ts";
import { Locks } from "./services/locks.ts";
import { Rollouts } from "./services/rollouts.ts";
import { SessionStore } from "./services/session-store.ts";
import { SignIn } from "./services/sign-in.ts";
import { VCenters } from "./services/vcenters.ts";

/** Logged request fields: never the Cookie header or a body (passwords), never a query string. */
const REDACT = ["req.headers.cookie", "req.headers.authorization", "req.headers['x-csrf-token']", 'res.headers["set-cookie"]'];

export interface AppOptions {
  /** A pino destination for tests that read the logs. */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACT, censor: "[redacted]" },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split("?")[0], id: req.id }),
      },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: 256 * 1024,
    // A slow client cannot hold a connection open for long: not when it goes quiet, nor when it dribbles.
    connectionTimeout: config.connectionTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    // Node looks for requests past their time only every connectionsCheckingInterval (30 s by default).
    http: { connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(config.requestTimeoutMs / 4))) },
    // Behind the load balancer (TRUST_PROXY), req.ip is the client it forwarded for; otherwise the connection.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // What the router refuses before any route runs (a path that is not valid percent-encoding, a path parameter
    // longer than maxParamLength) is a 4xx like any other: problem+json with a code.
    frameworkErrors: (error, _req, reply) => {
      const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
      const problem = tooLong
        ? new ProblemError(414, "URI_TOO_LONG", "A path segment is too long", "A path segment is longer than 100 characters")
        : new ProblemError(400, "BAD_URL", "The path is not valid", "The path is not valid percent-encoded text");
      void (reply as FastifyReply).code(problem.status).type("application/problem+json").send(problem.toProblem());
    },
    // What Node's HTTP parser refuses (a malformed request, headers too large, a request past its time) as well.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (err.code === "ECONNRESET" || socket.destroyed) return;
      const timeout = err.code === "ERR_HTTP_REQUEST_TIMEOUT";
      const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
      const [status, code, detail] = timeout
        ? [408, "REQUEST_TIMEOUT", `The request was not received in full within ${config.requestTimeoutMs} ms`]
        : tooLarge
          ? [431, "HEADERS_TOO_LARGE", "The request's headers are too large"]
          : [400, "BAD_REQUEST", "The request is not valid HTTP"];
      if (socket.writable && socket.bytesWritten === 0) socket.write(rawProblem(status, code, detail));
      socket.destroy();
    },
  }).withTypeProvider<ZodTypeProvider>();
  // Only this server's own names: a page on another name that resolves here (DNS rebinding) reaches nothing.
  const hosts = new Set(["localhost", "127.0.0.1", "[::1]", config.host.toLowerCase(), ...config.allowedHosts]);
  app.addHook("onRequest", async (req) => {
    const host = req.headers.host?.toLowerCase();
    const name = host?.replace(/:\d+$/, "");
    if (!host || !(hosts.has(host) || hosts.has(name!)))
      throw new ProblemError(400, "HOST_NOT_ALLOWED", "Unknown host name", `addnet does not answer to the host name ${host ?? "(none)"}`);
  });
  app.setValidatorCompiler(strictBodyValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // First, so that every plugin's routes (the documentation's too) answer problem+json.
  await app.register(errorHandler);

  // helmet's middleware made once: @fastify/helmet makes it anew for every request, parsing the policy each time.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", "data:"] },
    },
  });
  app.addHook("onRequest", (request, reply, done) => securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)));
  // One Redis connection, when replicas share it, for sessions, limits and locks, so that each replica does not grant
  // its own budget or hold its own locks.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 }) : undefined;
  redis?.on("error", () => undefined); // while Redis is down every command fails, and that is what answers 503
  const db = await openDatabase(config.databaseUrl);
  app.addHook("onClose", async () => {
    await redis?.quit().catch(() => undefined);
    await db.destroy();
  });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: "1 minute",
    ...(redis ? { redis, nameSpace: "addnet:limit:", skipOnError: false } : {}),
    // Per signed-in session, else per address: a made-up cookie must not buy a fresh budget with every request.
    keyGenerator: async (req) => {
      const id = req.cookies?.addnet_session;
      return id && (await app.sessionStore.get(id)) ? `session:${id}` : `ip:${req.ip}`;
    },
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "addnet API",
        version: "1.0.0",
        description: "VMkernel networking on ESXi hosts through vCenter: the Add Networking wizard's API.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "addnet_session" },
          csrf: { type: "apiKey", in: "header", name: "X-CSRF-Token" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // The documentation shows every route and field: for signed-in users unless configured public.
  // swagger-ui types its hooks in fastify's callback form, so the guard hands requireSession's outcome to done.
  const docsGuard: onRequestHookHandler = (req, reply, done) => {
    if (config.apiDocsPublic) done();
    else app.requireSession(req, reply).then(() => done(), done);
  };
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiHooks: { onRequest: docsGuard } });

  const store = new SessionStore(config.sessionKey, redis);
  const vcenters = new VCenters(config);
  const journal = new Journal(db, config.journalLeaseMs);
  const locks = new Locks(redis);
  const inventories = new Inventories(config, app.log);
  const changes = new Changes(journal, store, locks, vcenters, inventories, app.log);
  const rollouts = new Rollouts(journal, store, changes, vcenters, app.log, { concurrency: config.rolloutConcurrency, redis });
  const signIn = new SignIn(config, store, vcenters, journal, changes, rollouts, inventories, app.log);
  app.decorate("config", config);
  app.decorate("sessionStore", store);
  app.decorate("vcenters", vcenters);
  app.decorate("journal", journal);
  app.decorate("locks", locks);
  app.decorate("changes", changes);
  app.decorate("rollouts", rollouts);
  app.decorate("signIn", signIn);
  app.decorate("inventories", inventories);
  const stopRecovery = changes.start();
  rollouts.start();
  // Before Redis and the database close: no host starts or runs past this point, and the rollouts' leases are let go.
  app.addHook("preClose", () => rollouts.close());
  app.addHook("onClose", async () => {
    stopRecovery();
    await inventories.close();
    await vcenters.close();
  });

  await app.register(requestDeadline, { timeoutMs: config.requestTimeoutMs });
  await app.register(sessions);
  await app.register(sessionRoutes, { prefix: "/api/v1" });
  await app.register(hostRoutes, { prefix: "/api/v1" });
  await app.register(rolloutRoutes, { prefix: "/api/v1" });
  await app.register(auditRoutes, { prefix: "/api/v1" });
  app.get("/api/openapi.json", { schema: { hide: true }, onRequest: docsGuard }, async () => app.swagger());

  if (config.webRoot && existsSync(config.webRoot)) {
    const assets = resolve(config.webRoot, "assets") + sep;
    await app.register(fastifyStatic, {
      root: config.webRoot,
      wildcard: false,
      // The build writes each text file also as .br and .gz: the one the browser accepts goes out as it is, with
      // Vary: Accept-Encoding; the compressed copies are not URLs of their own.
      preCompressed: true,
      globIgnore: ["**/*.br", "**/*.gz"],
      // Files under /assets are named by their content hash: cached for good. index.html and any other file keep
      // their name across builds, so the browser asks again each time (ETag, 304 when unchanged).
      cacheControl: false,
      setHeaders: (reply, path) =>
        void reply.header("cache-control", path.startsWith(assets) ? "public, max-age=31536000, immutable" : "no-cache"),
    });
    // The web app's routes are client-side: any other GET outside /api gets index.html, but for a missing hashed
    // file (a page of an older build asking for its chunks), which is a 404, not HTML under a script's name.
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, (req, reply) => {
      if (req.method === "GET" && !req.url.startsWith("/api/") && !req.url.startsWith("/assets/")) return reply.sendFile("index.html");
      return reply.code(404).type("application/problem+json").send(notFound(req.url));
    });
  } else {
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, (req, reply) =>
      reply.code(404).type("application/problem+json").send(notFound(req.url)),
    );
  }
  return app;
}

function notFound(url: string) {
  return {
    type: "https://addnet.dev/problems/not-found",
    title: "Not found",
    status: 404,
    detail: `No route ${url.split("?")[0]}`,
    code: "NOT_FOUND",
  };
}

declare module "fastify" {
  interface FastifyInstance {
    config: Config;
    sessionStore: SessionStore;
    vcenters: VCenters;
    journal: Journal;
    locks: Locks;
    changes: Changes;
    rollouts: Rollouts;
    signIn: SignIn;
    inventories: Inventories;
  }
}
