import {
  addedUplinksSchema,
  createdAdapterSchema,
  createdPortGroupSchema,
  type AddedUplinks,
  type CreatedAdapter,
  type CreatedPortGroup,
} from "@addnet/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";
import type { CreatedConnection } from "../model/draft.ts";
import type { PhysicalAdapterModel, VmkernelAdapterModel, VmPortGroupModel, WizardModel } from "../model/page-rules.ts";
import { connectionsPath } from "./endpoints.ts";

/** What each connection type's Finish answers with (201). */
const RESULT_SCHEMAS = {
  vmkernel: createdAdapterSchema,
  vmPortGroup: createdPortGroupSchema,
  physicalAdapter: addedUplinksSchema,
} as const satisfies Record<WizardModel["connectionType"], z.ZodType<CreatedConnection>>;

/**
 * POST /hosts/{hostId}/vmkernel-adapters (a VMkernel adapter), /hosts/{hostId}/port-groups (a virtual machine port
 * group) or /hosts/{hostId}/physical-adapters (physical adapters added to a standard switch) with the run's
 * Idempotency-Key: a retry (or a repeat after the session expired) cannot make the change twice.
 */
export function createConnection(hostId: string, model: VmkernelAdapterModel, idempotencyKey: string): Promise<CreatedAdapter>;
export function createConnection(hostId: string, model: VmPortGroupModel, idempotencyKey: string): Promise<CreatedPortGroup>;
export function createConnection(hostId: string, model: PhysicalAdapterModel, idempotencyKey: string): Promise<AddedUplinks>;
export function createConnection(hostId: string, model: WizardModel, idempotencyKey: string): Promise<CreatedConnection>;
export function createConnection(hostId: string, model: WizardModel, idempotencyKey: string): Promise<CreatedConnection> {
  return apiRequest<CreatedConnection>("POST", connectionsPath(hostId, model.connectionType), {
    body: model,
    schema: RESULT_SCHEMAS[model.connectionType],
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
