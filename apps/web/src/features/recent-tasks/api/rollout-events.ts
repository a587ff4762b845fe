import { rolloutEventSchema, type Rollout } from "@addnet/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent } from "react";

import { API_BASE } from "../../../lib/api-client.ts";
import { mergeHost, mergeRollout } from "./rollouts.ts";

/**
 * GET /rollouts/events (server-sent events) for as long as `principal` is signed in: each event lands in the cache.
 * The browser's EventSource reconnects on its own after a dropped connection, and the API then sends every recent
 * rollout again. `onRollout` hears each whole rollout the stream sends (on connecting, and when its state changes).
 */
export function useRolloutEvents(principal: string, onRollout: (rollout: Rollout) => void): void {
  const queryClient = useQueryClient();
  const heard = useEffectEvent(onRollout);
  useEffect(() => {
    // The session cookie goes with it: the stream is the API's, on the page's own origin.
    const source = new EventSource(`${API_BASE}/rollouts/events`);
    source.onmessage = (message: MessageEvent<string>) => {
      const parsed = rolloutEventSchema.safeParse(JSON.parse(message.data));
      // An event this app does not know is not one of its rollouts'.
      if (!parsed.success) return;
      const event = parsed.data;
      if (event.type === "host") {
        void mergeHost(queryClient, event.rolloutId, event.host);
        return;
      }
      mergeRollout(queryClient, event.rollout);
      heard(event.rollout);
    };
    // Closed on sign-out (the signed-in frame goes) and when another user signs in.
    return () => source.close();
  }, [queryClient, principal]);
}
