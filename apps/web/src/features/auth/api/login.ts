import type { LoginRequest, SessionInfo } from "@addnet/contracts";

import { apiRequest, setCsrfToken } from "../../../lib/api-client.ts";
import { sessionInfoSchema } from "../../../lib/auth.ts";

/** POST /session: signs in to vCenter; the API keeps the vCenter session behind an HttpOnly cookie. */
export async function login(body: LoginRequest): Promise<SessionInfo> {
  const info = await apiRequest("POST", "/session", { body, schema: sessionInfoSchema, reauthenticate: false, csrf: false });
  setCsrfToken(info.csrfToken);
  return info;
}
