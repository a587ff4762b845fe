import { auditEntrySchema, type AuditEntryInfo } from "@addnet/contracts";
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";

import { apiRequest, queryString } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** GET /audit: who changed what, when, on which host (newest first). */
export function getAudit(signal?: AbortSignal): Promise<AuditEntryInfo[]> {
  return apiRequest("GET", `/audit${queryString({ limit: 100 })}`, { schema: z.array(auditEntrySchema), signal });
}

export function useAudit() {
  return useQuery({ queryKey: queryKeys.audit, queryFn: ({ signal }) => getAudit(signal) });
}
