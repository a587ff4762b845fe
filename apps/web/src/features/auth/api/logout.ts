import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest, setCsrfToken } from "../../../lib/api-client.ts";
import { clearUserStorage } from "../../../lib/auth.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** DELETE /session: signs out of vCenter. */
export function logout(): Promise<void> {
  return apiRequest("DELETE", "/session", { reauthenticate: false });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Signed out locally even when vCenter had already ended the session.
    onSettled: () => {
      setCsrfToken(undefined);
      clearUserStorage();
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
      queryClient.setQueryData(queryKeys.session, null);
    },
  });
}
