import { hostNetworkingSchema, type HostNetworking } from "@addnet/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** GET /hosts/{hostId}/networking: switches, port groups, adapters, stacks, services and the user's privileges. */
export function getHostNetworking(hostId: string, signal?: AbortSignal): Promise<HostNetworking> {
  return apiRequest("GET", `/hosts/${encodeURIComponent(hostId)}/networking`, { schema: hostNetworkingSchema, signal });
}

export function hostNetworkingQueryOptions(hostId: string) {
  return queryOptions({
    queryKey: queryKeys.hostNetworking(hostId),
    queryFn: ({ signal }) => getHostNetworking(hostId, signal),
    staleTime: 30_000,
  });
}

export function useHostNetworking(hostId: string) {
  return useQuery(hostNetworkingQueryOptions(hostId));
}
