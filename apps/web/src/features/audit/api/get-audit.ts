import { auditPageSchema, type AuditOutcome, type AuditPage } from "@addnet/contracts";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";

import { apiRequest, queryString } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

export const AUDIT_PAGE_SIZE = 100;

/** GET /audit: one page of the journal, newest first, after `cursor`. */
export function getAudit(outcome: AuditOutcome | undefined, cursor: number | undefined, signal?: AbortSignal): Promise<AuditPage> {
  return apiRequest("GET", `/audit${queryString({ outcome, cursor, limit: AUDIT_PAGE_SIZE })}`, { schema: auditPageSchema, signal });
}

export function useAudit(outcome: AuditOutcome | undefined) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.audit, outcome ?? "all"],
    queryFn: ({ pageParam, signal }) => getAudit(outcome, pageParam, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next,
    placeholderData: keepPreviousData,
  });
}
