import {
  editedSwitchSchema,
  preflightSchema,
  removedSwitchSchema,
  type EditedSwitch,
  type HostNetworking,
  type Preflight,
  type RemovedSwitch,
  type StandardSwitchEdit,
} from "@addnet/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { useEditImpact, type EditImpact } from "../../../lib/edit-impact.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const switchPath = (hostId: string, name: string) => `/hosts/${encodeURIComponent(hostId)}/standard-switches/${encodeURIComponent(name)}`;

/**
 * POST /hosts/{hostId}/standard-switches/{name}/preflight: Analyze impact of Edit Settings, a read. Its errors refuse the
 * edit; its warnings name what the switch's port groups lose; its call is what OK makes.
 */
export function analyzeSwitchEdit(hostId: string, name: string, edit: StandardSwitchEdit, signal?: AbortSignal): Promise<Preflight> {
  return apiRequest("POST", `${switchPath(hostId, name)}/preflight`, { body: edit, schema: preflightSchema, signal });
}

/** Analyze impact of the edit the form holds, once the typing pauses; nothing while there is no edit (`undefined`). */
export function useSwitchEditImpact(hostId: string, name: string, edit: StandardSwitchEdit | undefined): EditImpact {
  return useEditImpact(queryKeys.switchEditImpact(hostId, name), edit, (e, signal) => analyzeSwitchEdit(hostId, name, e, signal));
}

/** PATCH /hosts/{hostId}/standard-switches/{name} (UpdateVirtualSwitch): only the parts that changed, once per Idempotency-Key. */
export function editSwitch(hostId: string, name: string, edit: StandardSwitchEdit, idempotencyKey: string): Promise<EditedSwitch> {
  return apiRequest("PATCH", switchPath(hostId, name), {
    body: edit,
    schema: editedSwitchSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

/**
 * GET /hosts/{hostId}/standard-switches/{name}/impact: Analyze impact of Remove, a read. Its errors refuse the removal (a
 * VMkernel adapter on the switch); its warnings name the port groups that go with it; its calls are what Remove makes.
 */
export function getSwitchRemovalImpact(hostId: string, name: string, signal?: AbortSignal): Promise<Preflight> {
  return apiRequest("GET", `${switchPath(hostId, name)}/impact`, { schema: preflightSchema, signal });
}

export function useSwitchRemovalImpact(hostId: string, name: string) {
  return useQuery({
    queryKey: queryKeys.switchRemovalImpact(hostId, name),
    queryFn: ({ signal }) => getSwitchRemovalImpact(hostId, name, signal),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

/** DELETE /hosts/{hostId}/standard-switches/{name} (its port groups, then RemoveVirtualSwitch), once per Idempotency-Key. */
export function removeSwitch(hostId: string, name: string, idempotencyKey: string): Promise<RemovedSwitch> {
  return apiRequest("DELETE", switchPath(hostId, name), {
    schema: removedSwitchSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function useEditSwitch(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, edit, idempotencyKey }: { name: string; edit: StandardSwitchEdit; idempotencyKey: string }) =>
      editSwitch(hostId, name, edit, idempotencyKey),
    onSuccess: ({ vswitch }) => {
      // The card shows the switch as the host now has it at once; the networking read again brings the rest.
      queryClient.setQueryData<HostNetworking>(
        queryKeys.hostNetworking(hostId),
        (old) => old && { ...old, vswitches: old.vswitches.map((vs) => (vs.name === vswitch.name ? vswitch : vs)) },
      );
    },
    // A failed edit may have been made after all (its answer lost): the host is read again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}

export function useRemoveSwitch(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, idempotencyKey }: { name: string; idempotencyKey: string }) => removeSwitch(hostId, name, idempotencyKey),
    onSuccess: ({ removed }) => {
      // The view leaves the switch and its port groups out at once; the networking read again frees its adapters.
      queryClient.setQueryData<HostNetworking>(
        queryKeys.hostNetworking(hostId),
        (old) =>
          old && {
            ...old,
            vswitches: old.vswitches.filter((vs) => vs.name !== removed.vswitch),
            portgroups: old.portgroups.filter((pg) => pg.vswitch !== removed.vswitch),
          },
      );
    },
    // A failed removal may have been made after all (its answer lost): the host is read again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}
