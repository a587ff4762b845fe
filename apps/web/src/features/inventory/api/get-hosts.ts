import { hostsPageSchema, type HostSummary, type HostsPage } from "@addnet/contracts";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";

import { apiRequest, queryString } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** One page of hosts per request; the server searches and pages (2,500 hosts and more). */
export const HOSTS_PAGE_SIZE = 250;

export interface HostsParams {
  search: string;
  cluster: string;
  cursor?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** GET /hosts?search=&cluster=&cursor=&limit= */
export function getHosts({ search, cluster, cursor, signal }: HostsParams): Promise<HostsPage> {
  return apiRequest("GET", `/hosts${queryString({ search, cluster, cursor, limit: HOSTS_PAGE_SIZE })}`, {
    schema: hostsPageSchema,
    signal,
  });
}

/** Every host the search and the cluster filter find, page after page: a selection of "all of them". */
export async function getAllHosts(search: string, cluster: string): Promise<HostSummary[]> {
  const all: HostSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await getHosts({ search, cluster, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

export function useHosts(search: string, cluster: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.hosts(search, cluster),
    queryFn: ({ pageParam, signal }) => getHosts({ search, cluster, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep showing the last answer while the next search runs.
    placeholderData: keepPreviousData,
  });
}
