import type { HostNetworking, Issue, Problem, VmkernelAdapterModel } from "@addnet/contracts";
import { createContext, useContext, type ReactNode } from "react";

import type { CreatedConnection, WizardDraft } from "../model/draft.ts";
import type { ConnectionTypeChoice, WizardValues } from "../model/form-values.ts";
import type { RuleContext } from "../model/page-rules.ts";
import type { WizardPageId, WizardRouteId } from "../model/pages.ts";

/**
 * What the wizard's pages from "Select connection type" to "IPv6 settings" need: Add Networking for one host and for many
 * hosts (which gives them its first host's networking) both give it.
 */
export interface WizardApi {
  hostId: string;
  networking: HostNetworking;
  draft: WizardDraft;
  /** The run's pages, in order (a run for many hosts has pages of its own after IPv6 settings). */
  sequence: readonly string[];
  ruleContext: RuleContext;
  setValues: <K extends keyof WizardValues>(key: K, values: WizardValues[K]) => void;
  /** Next: remembers the page as visited and opens the next page of the run. */
  goNext: (from: WizardPageId, latest: Partial<WizardValues>) => void;
  goBack: (from: string) => void;
  /** Cancel: asks before discarding the draft. */
  requestCancel: () => void;
  /** The connection types "Select connection type" offers; all of them unless the run says otherwise. */
  connectionTypes?: readonly ConnectionTypeChoice[];
}

/** The single-host wizard's own: its Ready to complete and its result. */
export interface SingleHostWizardApi extends WizardApi {
  page: WizardRouteId;
  sequence: WizardPageId[];
  goTo: (page: WizardRouteId) => void;
  /** Finish made the adapter or the port group, or added the physical adapters: the run shows its result. */
  finished: (result: CreatedConnection) => void;
  /** The API's findings (preflight errors, a refused Finish), to show next to the fields they concern. */
  reportIssues: (issues: Issue[]) => void;
  /** A Finish that cannot succeed as it was sent: the next is a new attempt (a new key); how this one ended, if it sent. */
  finishFailed: (failure: Problem | undefined) => void;
  /** Leaves the wizard after the result; the draft is discarded. */
  close: (then?: string) => void;
  /** Ready to complete's Export as code for a VMkernel adapter (the app composes it from the plan export). */
  exportPlan?: ExportPlanSlot | undefined;
}

export type ExportPlanSlot = (networking: HostNetworking, model: VmkernelAdapterModel) => ReactNode;

export const WizardContext = createContext<WizardApi | null>(null);

export function useWizard(): WizardApi {
  const api = useContext(WizardContext);
  if (!api) throw new Error("useWizard outside the Add Networking wizard");
  return api;
}

export function useSingleHostWizard(): SingleHostWizardApi {
  const api = useWizard();
  if (!("finished" in api)) throw new Error("useSingleHostWizard outside the single-host Add Networking wizard");
  return api as SingleHostWizardApi;
}
