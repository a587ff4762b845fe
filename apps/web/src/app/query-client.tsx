import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

import { ApiError } from "../lib/api-client.ts";
import { useSession } from "../lib/auth.ts";
import { SignedOutError } from "../lib/session-expiry.ts";

/** Reads are retried on network trouble and server errors, never on an answer that would not change. */
function shouldRetry(failures: number, err: unknown): boolean {
  if (err instanceof SignedOutError) return false;
  if (err instanceof ApiError && err.status > 0 && err.status < 500) return false;
  return failures < 2;
}

/** `onSignedOut`: a read found nobody signed in (no session at all, or the user gave up signing in again). */
export function createQueryClient(onSignedOut: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (err) => {
        if (err instanceof SignedOutError || (err instanceof ApiError && err.status === 401 && err.code !== "SESSION_EXPIRED"))
          onSignedOut();
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** react-query for the signed-in pages: a cache of their reads that lasts while the user stays signed in. */
export function SignedInQueries({ children }: { children: ReactNode }) {
  const { set } = useSession();
  const [queryClient] = useState(() => createQueryClient(() => set(null)));
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
