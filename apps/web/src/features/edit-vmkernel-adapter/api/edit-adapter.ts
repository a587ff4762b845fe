import {
  editedAdapterSchema,
  preflightSchema,
  type EditedAdapter,
  type HostNetworking,
  type Preflight,
  type VmkernelAdapterEdit,
} from "@addnet/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const adapterPath = (hostId: string, device: string) =>
  `/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters/${encodeURIComponent(device)}`;

/** An address being typed passes through valid ones: the host is asked once the typing pauses this long. */
const SETTLE_MS = 300;

/**
 * POST /hosts/{hostId}/vmkernel-adapters/{device}/preflight: the vSphere Client's Analyze impact of Edit Settings, a read.
 * Its errors refuse the edit; its warnings name what the host loses; its calls are what OK makes.
 */
export function analyzeAdapterEdit(hostId: string, device: string, edit: VmkernelAdapterEdit, signal?: AbortSignal): Promise<Preflight> {
  return apiRequest("POST", `${adapterPath(hostId, device)}/preflight`, { body: edit, schema: preflightSchema, signal });
}

export interface AdapterEditImpact {
  /** The answer for exactly the edit given, once it is in. */
  analysis: Preflight | undefined;
  analyzing: boolean;
  failure: unknown;
  /** Analyze impact again, on request. */
  analyze: () => void;
}

/** Analyze impact of the edit the form holds, once the typing pauses; nothing while there is no edit (`undefined`). */
export function useAdapterEditImpact(hostId: string, device: string, edit: VmkernelAdapterEdit | undefined): AdapterEditImpact {
  const body = edit === undefined ? undefined : JSON.stringify(edit);
  const [settled, setSettled] = useState(body);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(body), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [body]);
  const current = body !== undefined && settled === body;
  const query = useQuery({
    queryKey: queryKeys.adapterEditImpact(hostId, device, settled ?? ""),
    // The edit is the key's own, so that a refetch asks about the edit its answer is kept for.
    queryFn: ({ queryKey, signal }) => analyzeAdapterEdit(hostId, device, JSON.parse(queryKey[5]) as VmkernelAdapterEdit, signal),
    enabled: current,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const answered = current && !query.isFetching;
  return {
    analysis: answered && query.isSuccess ? query.data : undefined,
    analyzing: body !== undefined && !answered,
    failure: answered && query.isError ? query.error : undefined,
    analyze: () => {
      if (current) void query.refetch();
    },
  };
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
