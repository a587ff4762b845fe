import { rolloutPreflightSchema, rolloutSchema, type Rollout, type RolloutPreflight, type RolloutRequest } from "@addnet/contracts";
import { useMutation, useQuery } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** POST /rollouts/preflight: a read; per host, what Finish would do there or why that host is held back. Changes nothing. */
export function rolloutPreflight(request: RolloutRequest, signal?: AbortSignal): Promise<RolloutPreflight> {
  return apiRequest("POST", "/rollouts/preflight", { body: request, schema: rolloutPreflightSchema, signal });
}

export function useRolloutPreflight(request: RolloutRequest | undefined) {
  const body = JSON.stringify(request ?? null);
  return useQuery({
    queryKey: queryKeys.rolloutPreflight(body),
    queryFn: ({ signal }) => rolloutPreflight(request!, signal),
    enabled: request !== undefined,
    staleTime: 0,
    retry: false,
  });
}

/**
 * POST /rollouts with the run's Idempotency-Key (a retry cannot start the rollout twice): 202, the rollout and each
 * host's first state; the Recent Tasks panel follows it from there.
 */
export function createRollout(request: RolloutRequest, idempotencyKey: string): Promise<Rollout> {
  return apiRequest("POST", "/rollouts", { body: request, schema: rolloutSchema, headers: { "Idempotency-Key": idempotencyKey } });
}

export function useCreateRollout() {
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: RolloutRequest; idempotencyKey: string }) =>
      createRollout(request, idempotencyKey),
  });
}
