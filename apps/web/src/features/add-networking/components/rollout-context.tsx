import type { HostNetworking, NetStackPatch, VmkernelAdapterModel } from "@addnet/contracts";
import { createContext, useContext, type ReactNode } from "react";

import type { RolloutDraft } from "../model/rollout-draft.ts";
import type { RolloutPageId } from "../model/rollout-pages.ts";
import type { HostPlan } from "../model/rollout-plan.ts";

/** What the pages of Add Networking for many hosts after IPv6 settings share: the draft, each host's plan, the way on. */
export interface RolloutApi {
  draft: RolloutDraft;
  /** The first host's networking: where the shared pages' choices come from. */
  reference: HostNetworking;
  plans: HostPlan[];
  sequence: RolloutPageId[];
  /** The draft with `change` applied, kept at once. */
  update: (change: (draft: RolloutDraft) => Partial<RolloutDraft>) => void;
  goNext: (from: RolloutPageId) => void;
  /** Leaves the run (after its result, or with Cancel confirmed): the draft is discarded. */
  close: () => void;
  /** Ready to complete's Export as code for the hosts that go ahead (the app composes it from the plan export). */
  exportPlan?: RolloutExportSlot | undefined;
}

export type RolloutExportSlot = (
  datacenter: string | null,
  hosts: { net: HostNetworking; model: VmkernelAdapterModel; netStack?: NetStackPatch }[],
) => ReactNode;

export const RolloutContext = createContext<RolloutApi | null>(null);

export function useRollout(): RolloutApi {
  const api = useContext(RolloutContext);
  if (!api) throw new Error("useRollout outside Add Networking for many hosts");
  return api;
}
