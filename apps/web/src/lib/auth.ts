/**
 * The signed-in session: who the user is and the CSRF token for state-changing calls. It is the app's own state, not
 * react-query's: the sign-in page needs it and does without react-query, which comes with the signed-in app.
 */
import type { SessionInfo } from "@addnet/contracts";
import { createContext, useContext, useSyncExternalStore } from "react";

import { ApiError, apiRequest, setCsrfToken } from "./api-client.ts";

/** The session's schema, loaded with the answer it checks (see response-schemas.ts). */
export const sessionInfoSchema = async () => (await import("./response-schemas.ts")).sessionInfoSchema;

/** The current session, or null when nobody is signed in. */
export async function getSession(): Promise<SessionInfo | null> {
  try {
    // 204 No Content when nobody is signed in: the API answers that without an error, which the browser would log.
    const info: SessionInfo | undefined = await apiRequest("GET", "/session", { schema: sessionInfoSchema, reauthenticate: false });
    if (!info) {
      setCsrfToken(undefined);
      return null;
    }
    setCsrfToken(info.csrfToken);
    claimUserStorage(info.user.name);
    return info;
  } catch (err) {
    // A session vCenter ended (SESSION_EXPIRED) is signed out too.
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw err;
  }
}

type SessionState = { status: "pending" } | { status: "success"; data: SessionInfo | null } | { status: "error"; error: unknown };

export interface SessionStore {
  /** Settles once the first read has answered: whether someone is signed in. */
  signedIn: Promise<boolean>;
  getState: () => SessionState;
  subscribe: (listener: () => void) => () => void;
  /** Signed in as `info`, or signed out (null). */
  set: (info: SessionInfo | null) => void;
}

/** The session of one run of the app: read from the API at once, then set by signing in and out. */
export function createSessionStore(): SessionStore {
  let state: SessionState = { status: "pending" };
  const listeners = new Set<() => void>();
  const update = (next: SessionState) => {
    state = next;
    for (const l of listeners) l();
  };
  // What signing in or out set meanwhile is newer than the read.
  const read = getSession();
  read.then(
    (data) => state.status === "pending" && update({ status: "success", data }),
    (error: unknown) => state.status === "pending" && update({ status: "error", error }),
  );
  return {
    signedIn: read.then(
      (data) => data !== null,
      () => false,
    ),
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (info) => update({ status: "success", data: info }),
  };
}

export const SessionContext = createContext<SessionStore | null>(null);

/** The session, as react-query's useQuery would give it, and `set` to sign in or out. */
export function useSession() {
  const store = useContext(SessionContext);
  if (!store) throw new Error("useSession outside the app's SessionContext");
  const state = useSyncExternalStore(store.subscribe, store.getState);
  return {
    isPending: state.status === "pending",
    isError: state.status === "error",
    error: state.status === "error" ? state.error : undefined,
    data: state.status === "success" ? state.data : undefined,
    set: store.set,
  };
}

const DRAFT_PREFIX = "addnet.";
/** Whose drafts this browser tab keeps. */
const OWNER_KEY = "addnet.owner";

/** Forget what this browser tab kept for the signed-out user (wizard drafts). */
export function clearUserStorage(): void {
  for (let i = sessionStorage.length - 1; i >= 0; i--) {
    const key = sessionStorage.key(i);
    if (key?.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key);
  }
}

/**
 * `principal` is signed in (a sign-in, or the session found on loading the page): the drafts this tab kept stay
 * only if they are that user's. Another user, however they came (a sign-out that never reached the server, an
 * expired session), starts clean; a tab that kept no owner yet takes this one.
 */
export function claimUserStorage(principal: string): void {
  try {
    const owner = sessionStorage.getItem(OWNER_KEY);
    if (owner !== null && owner !== principal) clearUserStorage();
    sessionStorage.setItem(OWNER_KEY, principal);
  } catch {
    // Storage off: there are no drafts to hand on either.
  }
}
