import {
  editedAdapterSchema,
  preflightSchema,
  type EditedAdapter,
  type HostNetworking,
  type Preflight,
  type VmkernelAdapterMigrate,
} from "@addnet/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { useEditImpact, type EditImpact } from "../../../lib/edit-impact.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const migrationPath = (hostId: string, device: string) =>
  `/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters/${encodeURIComponent(device)}/migration`;

/**
 * POST /hosts/{hostId}/vmkernel-adapters/{device}/migration/preflight: Analyze impact of the migration, a read. Its errors
 * refuse it; its warnings name what the host risks; its calls are what OK makes.
 */
export function analyzeMigration(hostId: string, device: string, target: VmkernelAdapterMigrate, signal?: AbortSignal): Promise<Preflight> {
  return apiRequest("POST", `${migrationPath(hostId, device)}/preflight`, { body: target, schema: preflightSchema, signal });
}

/** Analyze impact of the target the form holds, once the typing pauses; nothing while there is none (`undefined`). */
export function useMigrationImpact(hostId: string, device: string, target: VmkernelAdapterMigrate | undefined): EditImpact {
  return useEditImpact(queryKeys.adapterMigrationImpact(hostId, device), target, (m, signal) =>
    analyzeMigration(hostId, device, m, signal),
  );
}

/** POST /hosts/{hostId}/vmkernel-adapters/{device}/migration (a new standard port group if need be, UpdateVirtualNic), once per Idempotency-Key. */
export function migrateAdapter(
  hostId: string,
  device: string,
  target: VmkernelAdapterMigrate,
  idempotencyKey: string,
): Promise<EditedAdapter> {
  return apiRequest("POST", migrationPath(hostId, device), {
    body: target,
    schema: editedAdapterSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function useMigrateAdapter(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ device, target, idempotencyKey }: { device: string; target: VmkernelAdapterMigrate; idempotencyKey: string }) =>
      migrateAdapter(hostId, device, target, idempotencyKey),
    onSuccess: ({ adapter }) => {
      // The list shows the adapter on its new network at once; the networking read again brings the port groups.
      queryClient.setQueryData<HostNetworking>(
        queryKeys.hostNetworking(hostId),
        (old) => old && { ...old, vmkernelAdapters: old.vmkernelAdapters.map((a) => (a.device === adapter.device ? adapter : a)) },
      );
    },
    // A failed migration may have been made after all (its answer lost), or undone in part: the host is read again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}
