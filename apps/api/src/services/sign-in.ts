import { randomBytes } from "node:crypto";

import { NOT_XML_TEXT, type LoginRequest, type SessionInfo } from "@addnet/contracts";
import { sent } from "@addnet/vsphere";
import type { FastifyBaseLogger } from "fastify";

import { sdkUrl, type Config } from "../config.ts";
import { said, type Journal } from "../journal/journal.ts";
import { issue, ProblemError } from "../problem.ts";
import type { Changes } from "./changes.ts";
import type { Inventories } from "./inventory.ts";
import type { Rollouts } from "./rollouts.ts";
import { SessionStore, type UserSessionRecord } from "./session-store.ts";
import type { VCenters } from "./vcenters.ts";
import { faultMessage, faultProblem } from "./vim-errors.ts";
import { VimSession } from "./vim-session.ts";

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

/** Out of vCenter, whether or not it answers, and the session's inventory and privileges with it. */
async function signedOut(vim: VimSession, inventories: Inventories): Promise<void> {
  inventories.signedOut(vim);
  await vim.logout().catch(() => undefined);
}

/** Who asks, for the journal: the request's id and the client's address. */
export interface Caller {
  requestId: string;
  address: string;
}

/**
 * Signing in and out of vCenter through addnet, each on record in the journal: a sign-in is journaled before its
 * session is given out (a sign-in the journal cannot hold is refused), so the audit line is written here, with the
 * change it records, not after the reply.
 */
export class SignIn {
  private readonly failed: FailedSignIns;

  constructor(
    private readonly config: Config,
    private readonly store: SessionStore,
    private readonly vcenters: VCenters,
    private readonly journal: Journal,
    private readonly changes: Changes,
    private readonly rollouts: Rollouts,
    private readonly inventories: Inventories,
    private readonly log: FastifyBaseLogger,
  ) {
    this.failed = new FailedSignIns(config.loginRateLimitPerMinute);
  }

  /** The vCenter a sign-in is for: the configured one, or another the configuration allows. */
  private server(asked: string | undefined): string {
    if (asked === undefined) return this.config.vcenterUrl;
    let url: string;
    try {
      url = sdkUrl(asked);
    } catch {
      url = asked;
    }
    if (url !== this.config.vcenterUrl && !this.config.allowedServers.includes(url))
      throw new ProblemError(
        400,
        "SERVER_NOT_ALLOWED",
        "This vCenter is not allowed",
        "server: addnet signs in only to the vCenter servers it is configured for",
        { errors: [issue({ path: "server", code: "server.notAllowed" })] },
      );
    return url;
  }

  /**
   * A new addnet session for these credentials. Only a successful sign-in replaces the session the browser had
   * (`previousId`): a wrong password leaves a live one alone. The id presented before is never reused (no
   * fixation), and its vCenter session is ended rather than left to idle out.
   */
  async signIn(
    login: LoginRequest,
    caller: Caller,
    previousId: string | undefined,
  ): Promise<{ record: UserSessionRecord; info: SessionInfo }> {
    const unsendable = (["username", "password"] as const).filter((field) => NOT_XML_TEXT.test(login[field]));
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
    const server = this.server(login.server);
    const vcenter = await this.vcenters.get(server);
    const at = { user: login.username, action: "session.login", requestId: caller.requestId };
    let answer;
    try {
      answer = await vcenter.login(login.username, login.password);
    } catch (err) {
      const { write, counted } = this.failed.record(caller.address);
      if (write)
        await this.journal.record({
          ...at,
          outcome: "failure",
          ...said([
            faultMessage(err),
            ...(counted ? [{ code: "audit.earlierSignIns" as const, params: { count: counted, address: caller.address } }] : []),
          ]),
        });
      throw faultProblem(err);
    }
    const previous = previousId ? await this.store.get(previousId) : undefined;
    if (previous) {
      const old = await this.vcenters.get(previous.server).catch(() => undefined);
      if (old) await signedOut(new VimSession(old, previous.vcenterCookie, previous.vcenterSessionKey), this.inventories);
    }
    if (previousId) await this.store.delete(previousId);
    const record: UserSessionRecord = {
      id: SessionStore.newId(),
      server,
      vcenterCookie: answer.cookie,
      vcenterSessionKey: answer.userSession.key,
      userName: answer.userSession.userName,
      login: login.username,
      csrfToken: randomBytes(24).toString("base64url"),
      createdAt: new Date().toISOString(),
    };
    const vim = new VimSession(vcenter, record.vcenterCookie, record.vcenterSessionKey);
    // The privileges are read while the sign-in is written down: the session is given out only once both are done.
    const info = this.info(record, vim);
    info.catch(() => undefined); // awaited below: a failure meanwhile is not left unhandled
    await sent();
    try {
      await this.journal.record({
        ...at,
        user: record.userName,
        outcome: "success",
        ...said([{ code: "audit.signedIn", params: { server: new URL(server).host } }]),
      });
      await this.store.set(record);
    } catch (err) {
      await vim.logout().catch(() => undefined);
      throw err;
    }
    // Changes this user left open (their replica stopped, their sessions lost with it) are settled in the new session.
    // Then their rollouts that nobody runs go on, in this session.
    void this.changes
      .recoverFor(record, vim)
      .then(() => this.rollouts.continueFor(record))
      .catch((err: unknown) => this.log.warn({ err }, "recovery at sign-in failed"));
    return { record, info: await info };
  }

  /** Out of addnet and of vCenter, on record. */
  async signOut(record: UserSessionRecord, vim: VimSession, caller: Caller): Promise<void> {
    await signedOut(vim, this.inventories);
    await this.store.delete(record.id);
    await this.rollouts.events.publish({ sessionEnded: record.id });
    await this.journal.record({
      user: record.userName,
      action: "session.logout",
      outcome: "success",
      ...said([{ code: "audit.signedOut" }]),
      requestId: caller.requestId,
    });
  }

  /** What the web app needs of a session: who, where, its CSRF token and the privileges it shows. */
  async info(record: UserSessionRecord, vim: VimSession): Promise<SessionInfo> {
    return {
      user: { name: record.userName, login: record.login },
      server: record.server,
      csrfToken: record.csrfToken,
      privileges: await vim.privilegeSummary(record.userName, PRIVILEGES_OF_INTEREST),
    };
  }
}
