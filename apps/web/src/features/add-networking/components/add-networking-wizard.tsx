import type { CreatedAdapter, HostNetworking } from "@addnet/contracts";
import { useCallback, useEffect, useMemo, useState, type JSX } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";

import { ConfirmDialog } from "../../../components/ui/confirm-dialog.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import { paths } from "../../../config/paths.ts";
import { cx } from "../../../lib/cx.ts";
import { discardDraft, loadDraft, newIdempotencyKey, saveDraft, startDraft, type WizardDraft } from "../model/draft.ts";
import type { WizardValues } from "../model/form-values.ts";
import { firstInvalidPage, toServerIssues, type RuleContext } from "../model/page-rules.ts";
import { PAGE_TITLE_KEYS, isWizardRouteId, pageSequence, type WizardPageId, type WizardRouteId } from "../model/pages.ts";
import { CreateStandardSwitch } from "./create-standard-switch.tsx";
import { Ipv4Settings } from "./ipv4-settings.tsx";
import { Ipv6Settings } from "./ipv6-settings.tsx";
import { PortProperties } from "./port-properties.tsx";
import { ReadyToComplete } from "./ready-to-complete.tsx";
import { SelectConnectionType } from "./select-connection-type.tsx";
import { SelectTargetDevice } from "./select-target-device.tsx";
import { WizardContext, type WizardApi } from "./wizard-context.tsx";
import { WizardResult } from "./wizard-result.tsx";

const PAGES: Record<WizardRouteId, () => JSX.Element | null> = {
  "connection-type": SelectConnectionType,
  "target-device": SelectTargetDevice,
  "create-standard-switch": CreateStandardSwitch,
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
}

/**
 * "Add Networking" for a VMkernel adapter (wizard-spec §1–§2), as a dialog over the VMkernel adapters view:
 * the steps on the left, one page at a time on the right. Nothing is sent before Finish except the preflight
 * read on Ready to complete.
 */
export function AddNetworkingWizard({ networking, pageId }: AddNetworkingWizardProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const hostId = networking.host.id;
  const [draft, setDraft] = useState<WizardDraft>(() => loadDraft(hostId) ?? startDraft(hostId));
  const [confirmingCancel, setConfirmingCancel] = useState(false);

  useEffect(() => saveDraft(draft), [draft]);

  const ruleContext = useMemo<RuleContext>(
    () => ({ networking, values: draft.values, serverIssues: draft.serverIssues }),
    [networking, draft.values, draft.serverIssues],
  );
  const sequence = useMemo(() => pageSequence(draft.values), [draft.values]);
  const page = resolvePage(pageId, draft, ruleContext, sequence);

  const goTo = useCallback((p: WizardRouteId) => navigate(paths.addNetworking(hostId, p)), [navigate, hostId]);

  const setValues = useCallback(<K extends keyof WizardValues>(key: K, values: WizardValues[K]) => {
    setDraft((d) => (JSON.stringify(d.values[key]) === JSON.stringify(values) ? d : { ...d, values: { ...d.values, [key]: values } }));
  }, []);

  const reportIssues = useCallback(
    (issues: { path: string; code: string; message: string }[]) =>
      setDraft((d) => {
        const known = (code: string) => i18n.exists(code, { ns: "validation", keySeparator: false });
        const serverIssues = toServerIssues(
          issues.map((i) => ({ path: i.path, message: known(i.code) ? i.code : `server:${i.message}` })),
          d.values,
        );
        return JSON.stringify(serverIssues) === JSON.stringify(d.serverIssues ?? []) ? d : { ...d, serverIssues };
      }),
    [i18n],
  );

  const leave = useCallback(
    (to: string) => {
      discardDraft(hostId);
      navigate(to, { replace: true });
    },
    [hostId, navigate],
  );

  const api: WizardApi = {
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
      const previous = sequence[sequence.indexOf(from) - 1];
      if (previous) goTo(previous);
    },
    goTo,
    requestCancel: () => setConfirmingCancel(true),
    finished: (result: CreatedAdapter) => {
      const next = { ...draft, result };
      saveDraft(next);
      setDraft(next);
      goTo("result");
    },
    reportIssues,
    renewIdempotencyKey: () => setDraft((d) => ({ ...d, idempotencyKey: newIdempotencyKey() })),
    close: (to) => leave(to ?? paths.networking(hostId, "vmkernel-adapters")),
  };

  // As in the vSphere Client, Add Networking is only for a user who may change the host's networking: the wizard's own
  // address (a bookmark, a link) leads back to the adapters, where the action says which privilege is missing.
  if (!networking.privileges.hostConfigNetwork) return <Navigate to={paths.networking(hostId, "vmkernel-adapters")} replace />;
  if (page !== pageId) return <Navigate to={paths.addNetworking(hostId, page)} replace />;

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
      >
        <div className="wizard-layout">
          <nav className="wizard-steps" aria-label={t("wizard.stepsLabel")}>
            <ol>
              {sequence.map((p, i) => {
                const current = p === page;
                // Back to any earlier page; forward only to pages already left with Next (as the vSphere Client does).
                const before = page !== "result" && i < sequence.indexOf(page);
                const reachable = page !== "result" && !current && i <= reachableUntil && (before || draft.visited.includes(p));
                return (
                  <li
                    key={p}
                    className={cx("wizard-step", current && "current", (page === "result" || i < sequence.indexOf(page)) && "done")}
                  >
                    {reachable ? (
                      <button type="button" className="btn btn-link wizard-step-link" onClick={() => goTo(p)}>
                        <span className="wizard-step-number">{i + 1}</span> {t(PAGE_TITLE_KEYS[p])}
                      </button>
                    ) : (
                      <span className="wizard-step-link" aria-current={current ? "step" : undefined}>
                        <span className="wizard-step-number">{i + 1}</span> {t(PAGE_TITLE_KEYS[p])}
                      </span>
                    )}
                  </li>
                );
              })}
            </ol>
          </nav>
          <div className="wizard-content">
            <Page key={page} />
          </div>
        </div>
      </Modal>
      {confirmingCancel && (
        <ConfirmDialog
          title={t("wizard.cancelConfirm.title")}
          confirmLabel={t("wizard.cancelConfirm.discard")}
          cancelLabel={t("wizard.cancelConfirm.keep")}
          danger
          onCancel={() => setConfirmingCancel(false)}
          onConfirm={() => leave(paths.networking(hostId, "vmkernel-adapters"))}
        >
          <p>{t("wizard.cancelConfirm.body")}</p>
        </ConfirmDialog>
      )}
    </WizardContext>
  );
}
