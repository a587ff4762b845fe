import { createdAdapterSchema, type CreatedAdapter, type VmkernelAdapterModel } from "@addnet/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/**
 * POST /hosts/{hostId}/vmkernel-adapters with the run's Idempotency-Key: a retry (or a repeat after the
 * session expired) cannot create a second adapter.
 */
export function createVmkernelAdapter(hostId: string, model: VmkernelAdapterModel, idempotencyKey: string): Promise<CreatedAdapter> {
  return apiRequest("POST", `/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters`, {
    body: model,
    schema: createdAdapterSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function useCreateVmkernelAdapter(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ model, idempotencyKey }: { model: VmkernelAdapterModel; idempotencyKey: string }) =>
      createVmkernelAdapter(hostId, model, idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}
