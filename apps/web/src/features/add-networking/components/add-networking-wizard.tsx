import type { HostNetworking, Issue } from "@addnet/contracts";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";

import { ConfirmDialog } from "../../../components/ui/confirm-dialog.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import { paths } from "../../../config/paths.ts";
import { newIdempotencyKey } from "../../../lib/idempotency.ts";
import { discardDraft, loadDraft, newDraft, saveDraft, startDraft, type CreatedConnection, type WizardDraft } from "../model/draft.ts";
import { withSwitchUplinks, type WizardValues } from "../model/form-values.ts";
import { nextPlace, placeInRun, type WizardHistoryState } from "../model/history.ts";
import { firstInvalidPage, toServerIssues, type RuleContext } from "../model/page-rules.ts";
import { PAGE_TITLE_KEYS, isWizardRouteId, pageSequence, type WizardPageId, type WizardRouteId } from "../model/pages.ts";
import { ConnectionSettings } from "./connection-settings.tsx";
import { AddPhysicalAdapter, CreateStandardSwitch } from "./create-standard-switch.tsx";
import { Ipv4Settings } from "./ipv4-settings.tsx";
import { Ipv6Settings } from "./ipv6-settings.tsx";
import { PortProperties } from "./port-properties.tsx";
import { ReadyToComplete } from "./ready-to-complete.tsx";
import { SelectConnectionType } from "./select-connection-type.tsx";
import { SelectTargetDevice } from "./select-target-device.tsx";
import { WizardContext, type ExportPlanSlot, type SingleHostWizardApi } from "./wizard-context.tsx";
import { WizardResult } from "./wizard-result.tsx";
import { WizardSteps } from "./wizard-steps.tsx";

const PAGES: Record<WizardRouteId, () => JSX.Element | null> = {
  "connection-type": SelectConnectionType,
  "target-device": SelectTargetDevice,
  "create-standard-switch": CreateStandardSwitch,
  "add-physical-adapter": AddPhysicalAdapter,
  "connection-settings": ConnectionSettings,
  "port-properties": PortProperties,
  "ipv4-settings": Ipv4Settings,
  "ipv6-settings": Ipv6Settings,
  "ready-to-complete": ReadyToComplete,
  result: WizardResult,
};

/**
 * Which page to show for the URL: a finished run shows its result; a page after the first invalid one, or a page
 * this run does not have, sends the user to the page that needs attention.
 */
function resolvePage(requested: string | undefined, draft: WizardDraft, ctx: RuleContext, sequence: WizardPageId[]): WizardRouteId {
  if (draft.result) return "result";
  // A Finish that failed after sending is told where it was asked, whatever the host now holds.
  if (draft.failure && requested === "ready-to-complete") return requested;
  const blocking = firstInvalidPage(ctx);
  const page = requested === "result" ? "ready-to-complete" : requested;
  if (!isWizardRouteId(page) || page === "result" || !sequence.includes(page)) return blocking ?? sequence[0]!;
  if (blocking && sequence.indexOf(page) > sequence.indexOf(blocking)) return blocking;
  return page;
}

export interface AddNetworkingWizardProps {
  networking: HostNetworking;
  /** The page in the URL (one route per page, so the browser's back and forward move between pages). */
  pageId: string | undefined;
  /** Ready to complete's Export as code for a VMkernel adapter. */
  exportPlan?: ExportPlanSlot;
}

/**
 * "Add Networking" for a VMkernel adapter (wizard-spec §1–§2), physical adapters or a virtual machine port group on a
 * standard switch, as a dialog over the VMkernel adapters view:
 * the steps on the left, one page at a time on the right. Nothing is sent before Finish except the preflight
 * read on Ready to complete.
 */
export function AddNetworkingWizard({ networking, pageId, exportPlan }: AddNetworkingWizardProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const hostId = networking.host.id;
  // This page's place in the run, in the browser's history (model/history.ts).
  const place = placeInRun(useLocation().state);
  // A page of a run that is over (discarded or closed), reached again with Back or Forward: it leads out, starting nothing.
  const [over] = useState(() => place !== undefined && !loadDraft(hostId));
  const [stored, setDraft] = useState<WizardDraft>(
    () => loadDraft(hostId, networking) ?? (over ? newDraft(hostId, networking) : startDraft(hostId, networking)),
  );
  // The draft as the pages see it: the existing switch's adapters follow the target switch and the host's networking.
  const draft = useMemo(() => {
    const values = withSwitchUplinks(stored.values, networking);
    return values === stored.values ? stored : { ...stored, values };
  }, [stored, networking]);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const currentStep = useRef<HTMLButtonElement>(null);
  const focusedOnOpen = useRef(false);

  useEffect(() => {
    if (!over) saveDraft(draft);
  }, [draft, over]);

  // When the wizard opens, focus goes to the current step, so that the step list comes first for a keyboard user, as in
  // the vSphere Client; a page opened later puts it on that page's heading (WizardPage), whose effect runs before this.
  // Both before the browser paints: the step has focus from the first frame.
  useLayoutEffect(() => {
    if (focusedOnOpen.current || !currentStep.current) return;
    currentStep.current.focus();
    focusedOnOpen.current = true;
  });

  const ruleContext = useMemo<RuleContext>(
    () => ({ networking, values: draft.values, serverIssues: draft.serverIssues }),
    [networking, draft.values, draft.serverIssues],
  );
  const sequence = useMemo(() => pageSequence(draft.values), [draft.values]);
  const page = resolvePage(pageId, draft, ruleContext, sequence);

  // React Router's navigate has nothing to report (a failing page goes to the route's error boundary): here and below
  // it is left to run (void).
  const goTo = useCallback(
    (p: WizardRouteId) => void navigate(paths.addNetworking(hostId, p), { state: nextPlace(place) }),
    [navigate, hostId, place],
  );

  const setValues = useCallback(
    <K extends keyof WizardValues>(key: K, values: WizardValues[K]) => {
      setDraft((d) => {
        const current = withSwitchUplinks(d.values, networking);
        return JSON.stringify(current[key]) === JSON.stringify(values)
          ? d
          : { ...d, values: { ...current, [key]: values }, failure: undefined };
      });
    },
    [networking],
  );

  const reportIssues = useCallback(
    (issues: Issue[]) =>
      setDraft((d) => {
        const serverIssues = toServerIssues(issues, withSwitchUplinks(d.values, networking));
        return JSON.stringify(serverIssues) === JSON.stringify(d.serverIssues ?? []) ? d : { ...d, serverIssues };
      }),
    [networking],
  );

  const leave = useCallback(
    (to?: string) => {
      discardDraft(hostId);
      // Back past the run's pages to the adapters it was opened from, so that the browser's Back does not reopen it.
      if (to === undefined && typeof place === "number") void navigate(-place);
      else void navigate(to ?? paths.networking(hostId, "vmkernel-adapters"), { replace: true });
    },
    [hostId, navigate, place],
  );

  const api: SingleHostWizardApi = {
    hostId,
    networking,
    draft,
    page,
    sequence,
    ruleContext,
    setValues,
    goNext: (from, latest) => {
      const values = { ...draft.values, ...latest };
      const run = pageSequence(values);
      const next = run[run.indexOf(from) + 1];
      setDraft((d) => ({ ...d, values: { ...d.values, ...latest }, visited: d.visited.includes(from) ? d.visited : [...d.visited, from] }));
      if (next) goTo(next);
    },
    goBack: (from) => {
      const previous = sequence[sequence.indexOf(from as WizardPageId) - 1];
      if (previous) goTo(previous);
    },
    goTo,
    requestCancel: () => setConfirmingCancel(true),
    finished: (result: CreatedConnection) => {
      const next = { ...draft, result };
      saveDraft(next);
      // A run with a result shows it: the result takes Ready to complete's place in the history (see the redirect below).
      setDraft(next);
    },
    reportIssues,
    finishFailed: (failure) => setDraft((d) => ({ ...d, idempotencyKey: newIdempotencyKey(), failure })),
    close: (to) => leave(to),
    exportPlan,
  };

  // A page opened by its address is marked in its history entry (place null) once it shows, rather than by a redirect
  // that would render everything once more before the page is there.
  const unmarked = page === pageId && place === undefined && !over && networking.privileges.hostConfigNetwork;
  useEffect(() => {
    const byAddress: WizardHistoryState = { wizardPlace: null };
    if (unmarked) void navigate(paths.addNetworking(hostId, page), { replace: true, state: byAddress });
  }, [unmarked, navigate, hostId, page]);

  // As in the vSphere Client, Add Networking is only for a user who may change the host's networking: the wizard's own
  // address (a bookmark, a link) leads back to the adapters, where the action says which privilege is missing.
  if (!networking.privileges.hostConfigNetwork) return <Navigate to={paths.networking(hostId, "vmkernel-adapters")} replace />;
  if (over) return <Navigate to={paths.networking(hostId, "vmkernel-adapters")} replace />;
  // The page the run needs, its entry marked with its place (null when opened by its address).
  if (page !== pageId) {
    const state: WizardHistoryState = { wizardPlace: place ?? null };
    return <Navigate to={paths.addNetworking(hostId, page)} replace state={state} />;
  }

  const Page = PAGES[page];
  const blocking = firstInvalidPage(ruleContext);
  const reachableUntil = blocking ? sequence.indexOf(blocking) : sequence.length - 1;

  return (
    <WizardContext value={api}>
      <Modal
        title={t("wizard.title", { host: networking.host.name })}
        size="xl"
        className="add-networking-wizard"
        onClose={page === "result" ? () => api.close() : api.requestCancel}
        closeLabel={t("common.close")}
        // The steps before the header's close button and the page, in the DOM as in Clarity's wizard.
        nav={
          <WizardSteps
            steps={sequence.map((p) => ({ id: p, title: t(PAGE_TITLE_KEYS[p]) }))}
            current={page === "result" ? null : page}
            // Back to any earlier page; forward only to pages already left with Next (as the vSphere Client does).
            reachable={(p, i) =>
              i <= reachableUntil && (i < sequence.indexOf(page as WizardPageId) || draft.visited.includes(p as WizardPageId))
            }
            onGo={(p) => goTo(p as WizardPageId)}
            currentRef={currentStep}
          />
        }
      >
        <div className="wizard-content">
          <Page key={page} />
        </div>
      </Modal>
      {confirmingCancel && (
        <ConfirmDialog
          title={t("wizard.cancelConfirm.title")}
          confirmLabel={t("wizard.cancelConfirm.discard")}
          cancelLabel={t("wizard.cancelConfirm.keep")}
          danger
          onCancel={() => setConfirmingCancel(false)}
          onConfirm={() => leave()}
        >
          <p>{t("wizard.cancelConfirm.body")}</p>
        </ConfirmDialog>
      )}
    </WizardContext>
  );
}
