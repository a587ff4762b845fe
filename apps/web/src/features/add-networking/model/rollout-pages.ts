/** The pages of Add Networking for many hosts: the single-host wizard's up to IPv6 settings, then its own. */
import { pageSequence, type WizardPageId } from "./pages.ts";
import type { WizardValues } from "./form-values.ts";
import { hasStackPage } from "./rollout-plan.ts";

export const ROLLOUT_OWN_PAGES = ["host-plan", "tcpip-stack", "preflight", "ready-to-complete", "result"] as const;
export type RolloutPageId = Exclude<WizardPageId, "ready-to-complete"> | (typeof ROLLOUT_OWN_PAGES)[number];

export const ROLLOUT_PAGE_TITLE_KEYS = {
  "host-plan": "rollout.pages.hostPlan",
  "tcpip-stack": "rollout.pages.tcpipStack",
  preflight: "rollout.pages.preflight",
  "ready-to-complete": "wizard.pages.readyToComplete",
  result: "rollout.pages.result",
} as const satisfies Record<(typeof ROLLOUT_OWN_PAGES)[number], string>;

/**
 * The shared pages as the choices make them (a VMkernel adapter's), then the per-host plan, the TCP/IP stack page when the
 * adapter goes on another stack than the default one, the preflight and Ready to complete.
 */
export function rolloutSequence(values: WizardValues): RolloutPageId[] {
  const shared = pageSequence(values).filter((p): p is Exclude<WizardPageId, "ready-to-complete"> => p !== "ready-to-complete");
  return [...shared, "host-plan", ...(hasStackPage(values) ? (["tcpip-stack"] as const) : []), "preflight", "ready-to-complete"];
}
