import { preflightSchema, removedAdapterSchema, type HostNetworking, type Preflight, type RemovedAdapter } from "@addnet/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const adapterPath = (hostId: string, device: string) =>
  `/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters/${encodeURIComponent(device)}`;

/**
 * GET /hosts/{hostId}/vmkernel-adapters/{device}/impact: the vSphere Client's Analyze impact, a read. Its errors refuse the
 * removal (the host's last management adapter); its warnings name what the host loses; its calls are what Remove makes.
 */
export function getRemovalImpact(hostId: string, device: string, signal?: AbortSignal): Promise<Preflight> {
  return apiRequest("GET", `${adapterPath(hostId, device)}/impact`, { schema: preflightSchema, signal });
}

export function useRemovalImpact(hostId: string, device: string) {
  return useQuery({
    queryKey: queryKeys.removalImpact(hostId, device),
    queryFn: ({ signal }) => getRemovalImpact(hostId, device, signal),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

/** DELETE /hosts/{hostId}/vmkernel-adapters/{device} (RemoveVirtualNic), once per Idempotency-Key. */
export function removeAdapter(hostId: string, device: string, idempotencyKey: string): Promise<RemovedAdapter> {
  return apiRequest("DELETE", adapterPath(hostId, device), {
    schema: removedAdapterSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function useRemoveAdapter(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ device, idempotencyKey }: { device: string; idempotencyKey: string }) => removeAdapter(hostId, device, idempotencyKey),
    onSuccess: ({ removed }) => {
      // The list leaves the adapter out at once; the networking read again brings the rest (port groups, stacks).
      queryClient.setQueryData<HostNetworking>(queryKeys.hostNetworking(hostId), (old) =>
        old ? { ...old, vmkernelAdapters: old.vmkernelAdapters.filter((a) => a.device !== removed.device) } : old,
      );
    },
    // A failed removal may have been made after all (its answer lost): the host is read again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}
