import { randomBytes } from "node:crypto";

import { loginRequestSchema, NOT_XML_TEXT, problemSchema, sessionInfoSchema, type SessionInfo } from "@addnet/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

import { sdkUrl } from "../config.ts";
import { said } from "../journal/journal.ts";
import { checkSameOrigin, SESSION_COOKIE } from "../plugins/sessions.ts";
import { issue, ProblemError } from "../problem.ts";
import { SessionStore, type UserSessionRecord } from "../services/session-store.ts";
import { faultMessage, faultProblem } from "../services/vim-errors.ts";
import { VimSession } from "../services/vim-session.ts";

const PRIVILEGES_OF_INTEREST = ["Host.Config.Network", "Network.Assign", "Host.Config.Storage"];

/**
 * The principal a user name signs in as, however it is written: vCenter takes DOMAIN\user and user@domain, in any
 * case, for the same account. Sign-in limits count per principal, so that rewriting the name buys no new budget.
 */
export function canonicalPrincipal(userName: string): string {
  const name = userName.trim().toLowerCase();
  const backslash = name.indexOf("\\");
  return backslash > 0 ? `${name.slice(backslash + 1)}@${name.slice(0, backslash)}` : name;
}

/** Failed sign-ins audited one by one per client address each minute; beyond that they are counted. */
export class FailedSignIns {
  private readonly byAddress = new Map<string, { windowStart: number; written: number; counted: number }>();

  constructor(private readonly perMinute: number) {}

  /** Whether to write this failure's line, and how many earlier ones it reports that had none. */
  record(address: string, now = Date.now()): { write: boolean; counted: number } {
    for (const [a, w] of this.byAddress) if (now - w.windowStart > 120_000 && w.counted === 0) this.byAddress.delete(a);
    let w = this.byAddress.get(address);
    if (!w || now - w.windowStart >= 60_000) {
      w = { windowStart: now, written: 0, counted: w?.counted ?? 0 };
      this.byAddress.set(address, w);
    }
    if (w.written >= this.perMinute) {
      w.counted++;
      return { write: false, counted: 0 };
    }
    w.written++;
    const counted = w.counted;
    w.counted = 0;
    return { write: true, counted };
  }
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const failedSignIns = new FailedSignIns(app.config.loginRateLimitPerMinute);
  const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };

  async function info(record: UserSessionRecord, vim: VimSession): Promise<SessionInfo> {
    const granted = await vim.privilegeSummary(record.userName, PRIVILEGES_OF_INTEREST);
    return {
      user: { name: record.userName, login: record.login },
      server: record.server,
      csrfToken: record.csrfToken,
      privileges: granted,
    };
  }

  function setCookie(reply: FastifyReply, id: string) {
    reply.setCookie(SESSION_COOKIE, id, {
      path: "/",
      httpOnly: true,
      sameSite: "strict",
      secure: app.config.secureCookies,
      maxAge: 8 * 3600,
    });
  }

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
      const unsendable = (["username", "password"] as const).filter((field) => NOT_XML_TEXT.test(req.body[field]));
      if (unsendable.length) {
        const errors = unsendable.map((path) => issue({ path, code: "text.controlCharacter" }));
        throw new ProblemError(
          400,
          "VALIDATION_FAILED",
          "The request is not valid",
          errors.map((e) => `${e.path}: ${e.message}`).join("; "),
          {
            errors,
          },
        );
      }
      let server = app.config.vcenterUrl;
      if (req.body.server !== undefined) {
        let asked: string;
        try {
          asked = sdkUrl(req.body.server);
        } catch {
          asked = req.body.server;
        }
        if (asked !== app.config.vcenterUrl && !app.config.allowedServers.includes(asked)) {
          throw new ProblemError(
            400,
            "SERVER_NOT_ALLOWED",
            "This vCenter is not allowed",
            "server: addnet signs in only to the vCenter servers it is configured for",
            {
              errors: [issue({ path: "server", code: "server.notAllowed" })],
            },
          );
        }
        server = asked;
      }
      const vcenter = await app.vcenters.get(server);
      const at = { user: req.body.username, action: "session.login", requestId: req.id };
      let login;
      try {
        login = await vcenter.login(req.body.username, req.body.password);
      } catch (err) {
        const problem = faultProblem(err);
        const { write, counted } = failedSignIns.record(req.ip);
        if (write)
          await app.journal.record({
            ...at,
            outcome: "failure",
            ...said([
              faultMessage(err),
              ...(counted ? [{ code: "audit.earlierSignIns" as const, params: { count: counted, address: req.ip } }] : []),
            ]),
          });
        throw problem;
      }
      // Only a successful sign-in replaces the session the browser had: a wrong password leaves a live one alone.
      // The id presented before is never reused (no fixation): a new one is always issued, and the old vCenter session
      // is ended rather than left to idle out.
      const previous = req.cookies[SESSION_COOKIE];
      const previousRecord = previous ? await app.sessionStore.get(previous) : undefined;
      if (previousRecord) {
        const old = await app.vcenters.get(previousRecord.server).catch(() => undefined);
        if (old) await new VimSession(old, previousRecord.vcenterCookie, previousRecord.vcenterSessionKey).logout().catch(() => undefined);
      }
      if (previous) await app.sessionStore.delete(previous);
      const record: UserSessionRecord = {
        id: SessionStore.newId(),
        server,
        vcenterCookie: login.cookie,
        vcenterSessionKey: login.userSession.key,
        userName: login.userSession.userName,
        login: req.body.username,
        csrfToken: randomBytes(24).toString("base64url"),
        createdAt: new Date().toISOString(),
      };
      const vim = new VimSession(vcenter, record.vcenterCookie, record.vcenterSessionKey);
      try {
        // On record before the session is given out: a sign-in the journal cannot hold is refused, its vCenter session ended.
        await app.journal.record({
          ...at,
          user: record.userName,
          outcome: "success",
          ...said([{ code: "audit.signedIn", params: { server: new URL(server).host } }]),
        });
        await app.sessionStore.set(record);
      } catch (err) {
        await vim.logout().catch(() => undefined);
        throw err;
      }
      setCookie(reply, record.id);
      // Changes this user left open (their replica stopped, their sessions lost with it) are settled in the new session.
      void app.changes.recoverFor(record, vim).catch((err: unknown) => req.log.warn({ err }, "recovery at sign-in failed"));
      return info(record, vim);
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
      return info(req.userSession!, req.vim!);
    },
  );

  app.delete(
    "/session",
    {
      preHandler: app.requireSession,
      schema: { summary: "Sign out (of vCenter too)", response: { 204: z.null(), 401: problemSchema, 403: problemSchema } },
    },
    async (req, reply) => {
      const record = req.userSession!;
      await req.vim!.logout().catch(() => undefined);
      await app.sessionStore.delete(record.id);
      await app.journal.record({
        user: record.userName,
        action: "session.logout",
        outcome: "success",
        ...said([{ code: "audit.signedOut" }]),
        requestId: req.id,
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "strict", secure: app.config.secureCookies });
      return reply.code(204).send(null);
    },
  );
};

export default routes;
