import {
  movedAdapterSchema,
  preflightSchema,
  type HostNetworking,
  type MovedAdapter,
  type Preflight,
  type StackMove,
} from "@addnet/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { useEditImpact, type EditImpact } from "../../../lib/edit-impact.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const stackMovePath = (hostId: string, device: string) =>
  `/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters/${encodeURIComponent(device)}/stack-move`;

/**
 * POST /hosts/{hostId}/vmkernel-adapters/{device}/stack-move/preflight: Analyze impact of the move, a read. Its errors
 * refuse it; its warnings name what the host goes without; its calls are what OK makes.
 */
export function analyzeStackMove(hostId: string, device: string, move: StackMove, signal?: AbortSignal): Promise<Preflight> {
  return apiRequest("POST", `${stackMovePath(hostId, device)}/preflight`, { body: move, schema: preflightSchema, signal });
}

/** Analyze impact of the stack chosen; nothing while there is none the host's rules allow (`undefined`). */
export function useStackMoveImpact(hostId: string, device: string, move: StackMove | undefined): EditImpact {
  return useEditImpact(queryKeys.adapterStackMoveImpact(hostId, device), move, (m, signal) => analyzeStackMove(hostId, device, m, signal));
}

/** POST /hosts/{hostId}/vmkernel-adapters/{device}/stack-move (RemoveVirtualNic, AddVirtualNic, its services), once per Idempotency-Key. */
export function moveAdapter(hostId: string, device: string, move: StackMove, idempotencyKey: string): Promise<MovedAdapter> {
  return apiRequest("POST", stackMovePath(hostId, device), {
    body: move,
    schema: movedAdapterSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function useMoveAdapter(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ device, move, idempotencyKey }: { device: string; move: StackMove; idempotencyKey: string }) =>
      moveAdapter(hostId, device, move, idempotencyKey),
    onSuccess: ({ adapter, previous }) => {
      // The list shows the adapter added again (perhaps under another name) at once; the networking read again brings
      // the stacks and the services other adapters lost.
      queryClient.setQueryData<HostNetworking>(
        queryKeys.hostNetworking(hostId),
        (old) => old && { ...old, vmkernelAdapters: old.vmkernelAdapters.map((a) => (a.device === previous.device ? adapter : a)) },
      );
    },
    // A failed move may have been made after all (its answer lost), or put back: the host is read again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}
