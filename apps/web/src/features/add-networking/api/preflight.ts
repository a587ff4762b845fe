import { preflightSchema, type Preflight } from "@addnet/contracts";
import { useQuery } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import type { WizardModel } from "../model/page-rules.ts";
import { connectionsPath } from "./endpoints.ts";

/**
 * POST /hosts/{hostId}/vmkernel-adapters/preflight, /hosts/{hostId}/port-groups/preflight or
 * /hosts/{hostId}/physical-adapters/preflight, as the model says: a read; what Finish would check and call. Changes nothing.
 */
export function preflight(hostId: string, model: WizardModel, signal?: AbortSignal): Promise<Preflight> {
  return apiRequest("POST", `${connectionsPath(hostId, model.connectionType)}/preflight`, {
    body: model,
    schema: preflightSchema,
    signal,
  });
}

export function usePreflight(hostId: string, model: WizardModel | undefined) {
  const body = JSON.stringify(model ?? null);
  return useQuery({
    queryKey: queryKeys.preflight(hostId, body),
    queryFn: ({ signal }) => preflight(hostId, model!, signal),
    enabled: model !== undefined,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}
