/** The signed-in session: who the user is and the CSRF token for state-changing calls. */
import { sessionInfoSchema, type SessionInfo } from "@addnet/contracts";
import { useQuery } from "@tanstack/react-query";

import { ApiError, apiRequest, setCsrfToken } from "./api-client.ts";
import { queryKeys } from "./query-keys.ts";

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

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: getSession, staleTime: Infinity, retry: false });
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
