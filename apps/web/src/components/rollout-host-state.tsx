import type { RolloutHostState } from "@addnet/contracts";
import type { ReactNode } from "react";

import { StatusLabel } from "./ui/badge.tsx";

const COLORS = {
  pending: "neutral",
  running: "info",
  success: "success",
  failure: "danger",
  partial: "warning",
  refused: "danger",
  cancelled: "neutral",
} as const satisfies Record<RolloutHostState, string>;

/** A rollout host's state as a status label, in the same color wherever it shows (after Finish, in Recent Tasks). */
export function RolloutHostStateLabel({ state, children }: { state: RolloutHostState; children: ReactNode }) {
  return <StatusLabel color={COLORS[state]}>{children}</StatusLabel>;
}
