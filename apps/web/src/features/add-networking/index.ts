/** What the app's routes use from the Add Networking feature. */
export { AddNetworkingWizard } from "./components/add-networking-wizard.tsx";
export { startDraft } from "./model/draft.ts";
export { OPENED_FROM_ADAPTERS } from "./model/history.ts";
export { RolloutWizard } from "./components/rollout-wizard.tsx";
export { loadRolloutDraft, startRolloutDraft, type RolloutHostRef } from "./model/rollout-draft.ts";
