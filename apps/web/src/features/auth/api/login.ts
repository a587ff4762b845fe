import { sessionInfoSchema, type LoginRequest, type SessionInfo } from "@addnet/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest, setCsrfToken } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** POST /session: signs in to vCenter; the API keeps the vCenter session behind an HttpOnly cookie. */
export async function login(body: LoginRequest): Promise<SessionInfo> {
  const info = await apiRequest("POST", "/session", { body, schema: sessionInfoSchema, reauthenticate: false, csrf: false });
  setCsrfToken(info.csrfToken);
  return info;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (info) => queryClient.setQueryData(queryKeys.session, info),
  });
}
