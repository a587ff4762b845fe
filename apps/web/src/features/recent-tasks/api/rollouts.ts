import { ROLLOUT_HOST_ENDED, rolloutSchema, type Rollout, type RolloutHostStatus, type rolloutListSchema } from "@addnet/contracts";
import { skipToken, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { z } from "zod";

import { apiRequest } from "../../../lib/api-client.ts";
import { queryKeys } from "../../../lib/query-keys.ts";

/** GET /rollouts' answer, which the cache keeps under its key. */
type RolloutList = z.infer<typeof rolloutListSchema>;

const rolloutPath = (id: string) => `/rollouts/${encodeURIComponent(id)}`;

/** GET /rollouts/{id}: one rollout, each host's state and steps. */
export function getRollout(id: string, signal?: AbortSignal): Promise<Rollout> {
  return apiRequest("GET", rolloutPath(id), { schema: rolloutSchema, signal });
}

const newer = (a: { updated: string }, b: { updated: string }) => Date.parse(a.updated) >= Date.parse(b.updated);

/** How far a host has got: its attempt, then when it was last written, then (written in the same millisecond) its steps. */
function progressOf(h: RolloutHostStatus): number[] {
  const stage = ROLLOUT_HOST_ENDED.includes(h.state) ? 2 : h.state === "running" ? 1 : 0;
  return [h.attempt, Date.parse(h.updated), stage, h.steps.filter((s) => s.status !== "not-run").length];
}

/**
 * A host's status as the latest of the two says: a read (GET /rollouts/{id}) may answer after an event that is newer
 * than it — even one written in the same millisecond — and must not take that event back.
 */
function latestHost(old: RolloutHostStatus | undefined, next: RolloutHostStatus): RolloutHostStatus {
  if (!old) return next;
  const [a, b] = [progressOf(next), progressOf(old)];
  const i = a.findIndex((x, k) => x !== b[k]);
  return i < 0 || a[i]! > b[i]! ? next : old;
}

function withRollout(list: RolloutList | undefined, rollout: Rollout): RolloutList {
  const rest = (list?.rollouts ?? []).filter((r) => r.id !== rollout.id);
  // Newest first, as the vSphere Client lists its recent tasks.
  return { rollouts: [...rest, rollout].sort((a, b) => Date.parse(b.created) - Date.parse(a.created)) };
}

/** Writes a rollout into the cache, where the panel (GET /rollouts' key) and GET /rollouts/{id}'s readers see it. */
export function mergeRollout(queryClient: QueryClient, next: Rollout): void {
  const old = queryClient.getQueryData<Rollout>(queryKeys.rollout(next.id));
  const hosts = old ? new Map(old.hosts.map((h) => [h.hostId, h])) : undefined;
  const merged = old && !newer(next, old) ? old : { ...next, hosts: next.hosts.map((h) => latestHost(hosts?.get(h.hostId), h)) };
  queryClient.setQueryData(queryKeys.rollout(next.id), merged);
  queryClient.setQueryData<RolloutList>(queryKeys.rollouts, (list) => withRollout(list, merged));
}

/** Writes one host's new state or step into its rollout; a rollout the cache does not have yet is read first. */
export async function mergeHost(queryClient: QueryClient, rolloutId: string, host: RolloutHostStatus): Promise<void> {
  if (!queryClient.getQueryData<Rollout>(queryKeys.rollout(rolloutId))) await refreshRollout(queryClient, rolloutId);
  const old = queryClient.getQueryData<Rollout>(queryKeys.rollout(rolloutId));
  if (!old) return;
  mergeRollout(queryClient, { ...old, hosts: old.hosts.map((h) => (h.hostId === host.hostId ? latestHost(h, host) : h)) });
}

/** Reads the rollout again (GET /rollouts/{id}) into the cache. */
async function refreshRollout(queryClient: QueryClient, id: string): Promise<void> {
  try {
    // Merged into what the cache has, never written over it: events newer than the read may have come while it ran.
    mergeRollout(queryClient, await getRollout(id));
  } catch {
    // The rollout's next event brings it all the same.
  }
}

/** The user's recent rollouts, newest first: the event stream fills the cache (its first events are all of them). */
export function useRollouts(): Rollout[] {
  return useQuery({ queryKey: queryKeys.rollouts, queryFn: skipToken, select: (list: RolloutList) => list.rollouts }).data ?? [];
}

export type RolloutAction = "pause" | "resume" | "cancel" | "retry";

/** POST /rollouts/{id}/pause | resume | cancel | retry (retry: the hosts that failed), then the rollout as it now is. */
export function useRolloutAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: RolloutAction }) => apiRequest("POST", `${rolloutPath(id)}/${action}`),
    // The stream reports the change too; the read shows it at once even while the stream reconnects.
    onSuccess: (_, { id }) => refreshRollout(queryClient, id),
  });
}
