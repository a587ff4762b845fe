import { createdAdapterSchema, createdPortGroupSchema, type CreatedAdapter, type CreatedPortGroup } from "@addnet/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import type { CreatedConnection } from "../model/draft.ts";
import type { VmkernelAdapterModel, VmPortGroupModel, WizardModel } from "../model/page-rules.ts";
import { connectionsPath } from "./endpoints.ts";

/**
 * POST /hosts/{hostId}/vmkernel-adapters (a VMkernel adapter) or /hosts/{hostId}/port-groups (a virtual machine port
 * group) with the run's Idempotency-Key: a retry (or a repeat after the session expired) cannot create a second one.
 */
export function createConnection(hostId: string, model: VmkernelAdapterModel, idempotencyKey: string): Promise<CreatedAdapter>;
export function createConnection(hostId: string, model: VmPortGroupModel, idempotencyKey: string): Promise<CreatedPortGroup>;
export function createConnection(hostId: string, model: WizardModel, idempotencyKey: string): Promise<CreatedConnection>;
export function createConnection(hostId: string, model: WizardModel, idempotencyKey: string): Promise<CreatedConnection> {
  return apiRequest<CreatedConnection>("POST", connectionsPath(hostId, model.connectionType), {
    body: model,
    schema: model.connectionType === "vmPortGroup" ? createdPortGroupSchema : createdAdapterSchema,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function useCreateConnection(hostId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ model, idempotencyKey }: { model: WizardModel; idempotencyKey: string }) =>
      createConnection(hostId, model, idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.hostNetworking(hostId) }),
  });
}
