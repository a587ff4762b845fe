import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { i18n } from "i18next";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";

import { ApiError } from "../lib/api-client.ts";
import { queryKeys } from "../lib/query-keys.ts";
import { SignedOutError } from "../lib/session-expiry.ts";

/** Reads are retried on network trouble and server errors, never on an answer that would not change. */
function shouldRetry(failures: number, err: unknown): boolean {
  if (err instanceof SignedOutError) return false;
  if (err instanceof ApiError && err.status > 0 && err.status < 500) return false;
  return failures < 2;
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // Not signed in (no session at all, or the user gave up signing in again): back to the sign-in page.
      onError: (err) => {
        if (err instanceof SignedOutError || (err instanceof ApiError && err.status === 401 && err.code !== "SESSION_EXPIRED")) {
          queryClient.setQueryData(queryKeys.session, null);
        }
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return queryClient;
}

export function AppProvider({ i18n, queryClient, children }: { i18n: i18n; queryClient: QueryClient; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </I18nextProvider>
  );
}
