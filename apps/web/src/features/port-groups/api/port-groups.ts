import {
  createdPortGroupSchema,
  removedPortGroupSchema,
  type CreatedPortGroup,
  type HostNetworking,
  type PortGroupEdit,
  type RemovedPortGroup,
} from "@addnet/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

const portGroupPath = (hostId: string, name: string) => `/hosts/${encodeURIComponent(hostId)}/port-groups/${encodeURIComponent(name)}`;

/** PATCH /hosts/{hostId}/port-groups/{name} (UpdatePortGroup): only the fields that changed, once per Idempotency-Key. */
export function editPortGroup(hostId: string, name: string, edit: PortGroupEdit, idempotencyKey: string): Promise<CreatedPortGroup> {
  return apiRequest("PATCH", portGroupPath(hostId, name), {
    body: edit,
    schema: createdPortGroupSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

/** DELETE /hosts/{hostId}/port-groups/{name} (RemovePortGroup), once per Idempotency-Key. */
export function removePortGroup(hostId: string, name: string, idempotencyKey: string): Promise<RemovedPortGroup> {
  return apiRequest("DELETE", portGroupPath(hostId, name), {
    schema: removedPortGroupSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

type PortGroups = Pick<HostNetworking, "portgroups" | "vswitches">;

/** The host's port groups with one of them renamed or re-tagged, or left out. */
function withPortGroup(old: HostNetworking, name: string, next: { name: string; vlanId: number } | undefined): HostNetworking {
  const rename = (names: string[]): string[] => (next ? names.map((n) => (n === name ? next.name : n)) : names.filter((n) => n !== name));
  const changed: PortGroups = {
    portgroups: next
      ? old.portgroups.map((pg) => (pg.name === name ? { ...pg, name: next.name, vlanId: next.vlanId } : pg))
      : old.portgroups.filter((pg) => pg.name !== name),
    vswitches: old.vswitches.map((vs) => ({ ...vs, portgroups: rename(vs.portgroups) })),
  };
  return { ...old, ...changed };
}

export function useEditPortGroup(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, edit, idempotencyKey }: { name: string; edit: PortGroupEdit; idempotencyKey: string }) =>
      editPortGroup(hostId, name, edit, idempotencyKey),
    onSuccess: ({ portGroup }, { name }) => {
      // The table shows the change at once; the networking read again brings the rest (an adapter's network label).
      queryClient.setQueryData<HostNetworking>(queryKeys.hostNetworking(hostId), (old) => old && withPortGroup(old, name, portGroup));
    },
    // A failed edit may have been made after all (its answer lost): the host is read again either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}

export function useRemovePortGroup(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, idempotencyKey }: { name: string; idempotencyKey: string }) => removePortGroup(hostId, name, idempotencyKey),
    onSuccess: ({ removed }) => {
      queryClient.setQueryData<HostNetworking>(
        queryKeys.hostNetworking(hostId),
        (old) => old && withPortGroup(old, removed.portGroup, undefined),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}
