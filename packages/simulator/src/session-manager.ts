import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

import { ManagedObject, type Args, type CallContext, type Session } from "./managed-object.ts";
import { findUser } from "./roles.ts";
import { faults } from "./vim/fault.ts";

export interface ClientInfo {
  ipAddress: string;
  userAgent: string;
  /** The request's SOAPAction header: "urn:vim25/<version>" names the version the client speaks. */
  soapAction?: string;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function userSession(s: Session): Record<string, unknown> {
  return {
    key: s.key,
    userName: s.user.principal,
    fullName: s.user.fullName,
    loginTime: s.loginTime,
    lastActiveTime: s.lastActiveTime,
    locale: s.locale,
    messageLocale: s.locale,
    extensionSession: false,
    ipAddress: s.ipAddress,
    userAgent: s.userAgent,
    callCount: s.callCount,
  };
}

export class SessionManager extends ManagedObject {
  constructor() {
    super("SessionManager", "SessionManager");
  }

  property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "currentSession":
        return ctx.session && userSession(ctx.session);
      case "sessionList":
        if (!ctx.session || !ctx.sim.hasPrivilege(ctx.session.user, ctx.sim.rootFolder, "Sessions.TerminateSession")) return undefined;
        return [...ctx.sim.sessions.values()].map(userSession);
    }
    return undefined;
  }

  Login(args: Args, ctx: CallContext & { client: ClientInfo }): unknown {
    const user = findUser(String(args.userName));
    if (!user || !sameSecret(user.password, String(args.password))) throw faults.invalidLogin();
    if (ctx.session) ctx.sim.endSession(ctx.session);
    const now = new Date();
    const session: Session = {
      id: randomBytes(24).toString("hex"),
      key: randomUUID(),
      user,
      loginTime: now,
      lastActiveTime: now,
      callCount: 0,
      locale: (args.locale as string | undefined) ?? "en",
      ipAddress: ctx.client.ipAddress,
      userAgent: ctx.client.userAgent,
      retrieveTokens: new Map(),
      owned: new Set(),
    };
    ctx.sim.sessions.set(session.id, session);
    ctx.session = session;
    return userSession(session);
  }

  Logout(_args: Args, ctx: CallContext): void {
    if (ctx.session) ctx.sim.endSession(ctx.session);
    ctx.session = undefined;
  }

  SessionIsActive(args: Args, ctx: CallContext): boolean {
    ctx.sim.authorize(ctx, ctx.sim.rootFolder, "Sessions.ValidateSession");
    const found = [...ctx.sim.sessions.values()].find((s) => s.key === args.sessionID);
    return Boolean(found && found.user === findUser(String(args.userName)));
  }
}
