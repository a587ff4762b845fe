/**
 * The wizard's pages in the browser's history. Each entry carries its place in the run: 1 for the page Add Networking
 * opened over the VMkernel adapters, one more for each page after it; null in a run opened by its address (a bookmark),
 * where no page of the app need come before it. Leaving a run goes back past its pages to the adapters, so that the
 * browser's Back does not bring it back, and a page of a run that is over leads out when Back or Forward reaches it.
 */
export interface WizardHistoryState {
  wizardPlace: number | null;
}

/** The history state of the page Add Networking opens. */
export const OPENED_FROM_ADAPTERS: WizardHistoryState = { wizardPlace: 1 };

/** The entry's place in its run: undefined for an entry the wizard has not marked yet (its address typed or bookmarked). */
export function placeInRun(state: unknown): number | null | undefined {
  return state !== null && typeof state === "object" && "wizardPlace" in state ? (state as WizardHistoryState).wizardPlace : undefined;
}

/** The history state of the page that follows one at `place`. */
export function nextPlace(place: number | null | undefined): WizardHistoryState {
  return { wizardPlace: typeof place === "number" ? place + 1 : null };
}
