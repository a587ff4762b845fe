import { hostNetworkingSchema, type HostNetworking } from "@addnet/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** GET /hosts/{hostId}/networking: switches, port groups, adapters, stacks, services and the user's privileges. */
export function getHostNetworking(hostId: string, signal?: AbortSignal): Promise<HostNetworking> {
  return apiRequest("GET", `/hosts/${encodeURIComponent(hostId)}/networking`, { schema: hostNetworkingSchema, signal });
}

interface FirstRead {
  answer: Promise<HostNetworking>;
  data?: HostNetworking;
}

/** Reads started before the app's first render (readHostNetworkingFirst), each taken once by the host's query. */
const firstReads = new Map<string, FirstRead>();

/**
 * Reads a host's networking for the page the app opens on, before it renders: its query then starts with the answer,
 * if it is there, rather than rendering once without it (router.tsx's loadRoutes).
 */
export function readHostNetworkingFirst(hostId: string): void {
  const read: FirstRead = { answer: getHostNetworking(hostId) };
  read.answer.then(
    (data) => (read.data = data),
    () => undefined,
  );
  firstReads.set(hostId, read);
}

function takeFirstRead(hostId: string): FirstRead | undefined {
  const read = firstReads.get(hostId);
  firstReads.delete(hostId);
  return read;
}

export function hostNetworkingQueryOptions(hostId: string) {
  return queryOptions({
    queryKey: queryKeys.hostNetworking(hostId),
    queryFn: ({ signal }) => takeFirstRead(hostId)?.answer ?? getHostNetworking(hostId, signal),
    // An answer already there; one still on its way is the query's first fetch.
    initialData: () => (firstReads.get(hostId)?.data ? takeFirstRead(hostId)?.data : undefined),
    staleTime: 30_000,
  });
}

export function useHostNetworking(hostId: string) {
  return useQuery(hostNetworkingQueryOptions(hostId));
}
