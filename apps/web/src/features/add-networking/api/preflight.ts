import { preflightSchema, type Preflight, type VmkernelAdapterModel } from "@addnet/contracts";
import { useQuery } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** POST /hosts/{hostId}/vmkernel-adapters/preflight: a read; what Finish would check and call. Changes nothing. */
export function preflight(hostId: string, model: VmkernelAdapterModel, signal?: AbortSignal): Promise<Preflight> {
  return apiRequest("POST", `/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters/preflight`, {
    body: model,
    schema: preflightSchema,
    signal,
  });
}

export function usePreflight(hostId: string, model: VmkernelAdapterModel | undefined) {
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
