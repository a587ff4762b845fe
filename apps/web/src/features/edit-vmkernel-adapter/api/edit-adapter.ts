import {
  editedAdapterSchema,
  preflightSchema,
  type EditedAdapter,
  type HostNetworking,
  type Preflight,
  type VmkernelAdapterEdit,
} from "@addnet/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { useEditImpact, type EditImpact } from "../../../lib/edit-impact.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const adapterPath = (hostId: string, device: string) =>
  `/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters/${encodeURIComponent(device)}`;

/**
 * POST /hosts/{hostId}/vmkernel-adapters/{device}/preflight: the vSphere Client's Analyze impact of Edit Settings, a read.
 * Its errors refuse the edit; its warnings name what the host loses; its calls are what OK makes.
 */
export function analyzeAdapterEdit(hostId: string, device: string, edit: VmkernelAdapterEdit, signal?: AbortSignal): Promise<Preflight> {
  return apiRequest("POST", `${adapterPath(hostId, device)}/preflight`, { body: edit, schema: preflightSchema, signal });
}

/** Analyze impact of the edit the form holds, once the typing pauses; nothing while there is no edit (`undefined`). */
export function useAdapterEditImpact(hostId: string, device: string, edit: VmkernelAdapterEdit | undefined): EditImpact {
  return useEditImpact(queryKeys.adapterEditImpact(hostId, device), edit, (e, signal) => analyzeAdapterEdit(hostId, device, e, signal));
}

/** PATCH /hosts/{hostId}/vmkernel-adapters/{device} (UpdateVirtualNic and the services' calls), once per Idempotency-Key. */
export function editAdapter(hostId: string, device: string, edit: VmkernelAdapterEdit, idempotencyKey: string): Promise<EditedAdapter> {
  return apiRequest("PATCH", adapterPath(hostId, device), {
    body: edit,
    schema: editedAdapterSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function useEditAdapter(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ device, edit, idempotencyKey }: { device: string; edit: VmkernelAdapterEdit; idempotencyKey: string }) =>
      editAdapter(hostId, device, edit, idempotencyKey),
    onSuccess: ({ adapter }) => {
      // The list shows the adapter as the host now has it at once; the networking read again brings the rest (a service
      // another adapter lost, the stacks).
      queryClient.setQueryData<HostNetworking>(
        queryKeys.hostNetworking(hostId),
        (old) => old && { ...old, vmkernelAdapters: old.vmkernelAdapters.map((a) => (a.device === adapter.device ? adapter : a)) },
      );
    },
    // A failed edit may have been made after all (its answer lost): the host is read again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}
