import { tcpipStackInfoSchema, type HostNetworking, type NetStackPatch, type TcpipStackInfo } from "@addnet/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** PATCH /hosts/{hostId}/netstacks/{key}: UpdateNetworkConfig with one netStackSpec "edit". */
export function updateNetstack(hostId: string, key: string, patch: NetStackPatch): Promise<TcpipStackInfo> {
  return apiRequest("PATCH", `/hosts/${encodeURIComponent(hostId)}/netstacks/${encodeURIComponent(key)}`, {
    body: patch,
    schema: tcpipStackInfoSchema,
  });
}

export function useUpdateNetstack(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, patch }: { key: string; patch: NetStackPatch }) => updateNetstack(hostId, key, patch),
    onSuccess: (stack) => {
      queryClient.setQueryData<HostNetworking>(queryKeys.hostNetworking(hostId), (old) =>
        old ? { ...old, tcpipStacks: old.tcpipStacks.map((s) => (s.key === stack.key ? stack : s)) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) });
    },
  });
}
