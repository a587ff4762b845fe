import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest, setCsrfToken } from "../../../lib/api-client.ts";
import { clearUserStorage, useSession } from "../../../lib/auth.ts";

/** DELETE /session: signs out of vCenter. */
export function logout(): Promise<void> {
  return apiRequest("DELETE", "/session", { reauthenticate: false });
}

export function useLogout() {
  const queryClient = useQueryClient();
  const session = useSession();
  return useMutation({
    mutationFn: logout,
    // Signed out locally even when vCenter had already ended the session.
    onSettled: () => {
      setCsrfToken(undefined);
      clearUserStorage();
      queryClient.removeQueries();
      session.set(null);
    },
  });
}
