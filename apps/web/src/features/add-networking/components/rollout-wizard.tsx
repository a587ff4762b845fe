import type { HostNetworking } from "@addnet/contracts";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate } from "react-router";

import { ConfirmDialog } from "../../../components/ui/confirm-dialog.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import { paths } from "../../../config/paths.ts";
import type { WizardValues } from "../model/form-values.ts";
import { firstInvalidPage, PAGE_VALUES, type FormPageId, type RuleContext } from "../model/page-rules.ts";
import { PAGE_TITLE_KEYS, type WizardPageId } from "../model/pages.ts";
import { discardRolloutDraft, saveRolloutDraft, type RolloutDraft } from "../model/rollout-draft.ts";
import { ROLLOUT_PAGE_TITLE_KEYS, rolloutSequence, type RolloutPageId } from "../model/rollout-pages.ts";
import { hasStackPage, planHosts, type HostPlan } from "../model/rollout-plan.ts";
import { AddPhysicalAdapter, CreateStandardSwitch } from "./create-standard-switch.tsx";
import { Ipv4Settings } from "./ipv4-settings.tsx";
import { Ipv6Settings } from "./ipv6-settings.tsx";
import { PortProperties } from "./port-properties.tsx";
import { HostCoverage } from "./rollout-coverage.tsx";
import { RolloutContext, type RolloutApi, type RolloutExportSlot } from "./rollout-context.tsx";
import { HostPlanPage } from "./rollout-host-plan.tsx";
import { RolloutPreflightPage } from "./rollout-preflight.tsx";
import { RolloutReady } from "./rollout-ready.tsx";
import { RolloutStarted } from "./rollout-started.tsx";
import { RolloutStackPage } from "./rollout-stack.tsx";
import { SelectConnectionType } from "./select-connection-type.tsx";
import { SelectTargetDevice } from "./select-target-device.tsx";
import { WizardContext, type WizardApi } from "./wizard-context.tsx";
import { WizardSteps } from "./wizard-steps.tsx";
import { ConnectionSettings } from "./connection-settings.tsx";

/** The single-host wizard's pages, as they are, then the rollout's own. */
const PAGES: Record<RolloutPageId, () => JSX.Element | null> = {
  "connection-type": SelectConnectionType,
  "target-device": SelectTargetDevice,
  "create-standard-switch": CreateStandardSwitch,
  "add-physical-adapter": AddPhysicalAdapter,
  "connection-settings": ConnectionSettings,
  "port-properties": PortProperties,
  "ipv4-settings": Ipv4Settings,
  "ipv6-settings": Ipv6Settings,
  "host-plan": HostPlanPage,
  "tcpip-stack": RolloutStackPage,
  preflight: RolloutPreflightPage,
  "ready-to-complete": RolloutReady,
  result: RolloutStarted,
};

const titleKey = (p: RolloutPageId) =>
  p in ROLLOUT_PAGE_TITLE_KEYS ? ROLLOUT_PAGE_TITLE_KEYS[p as keyof typeof ROLLOUT_PAGE_TITLE_KEYS] : PAGE_TITLE_KEYS[p as WizardPageId];

/** The first page that holds the run back: a shared page the first host's rules refuse, the plan, or the stack settings. */
function firstBlockingPage(ctx: RuleContext, plans: HostPlan[], values: WizardValues): RolloutPageId | undefined {
  const shared = firstInvalidPage(ctx);
  if (shared) return shared as RolloutPageId;
  if (plans.some((p) => p.errors.length > 0)) return "host-plan";
  if (hasStackPage(values) && plans.some((p) => p.stackErrors.length > 0)) return "tcpip-stack";
  return undefined;
}

export interface RolloutWizardProps {
  initial: RolloutDraft;
  /** The first selected host's networking: the shared pages offer its choices. */
  reference: HostNetworking;
  /** Each selected host's networking, once read. */
  networking: (hostId: string) => HostNetworking | undefined;
  /** The page in the URL: one per page, so the browser's back and forward move between them. */
  pageId: string | undefined;
  exportPlan?: RolloutExportSlot;
}

/**
 * Add Networking for many hosts: the single-host wizard's pages (a VMkernel adapter; the choices are the first host's,
 * what other hosts lack said above the page), then the per-host plan, the TCP/IP stack's settings, the preflight of every
 * host and Ready to complete, whose Finish starts the rollout. Nothing changes before Finish.
 */
export function RolloutWizard({ initial, reference, networking, pageId, exportPlan }: RolloutWizardProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(initial);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const currentStep = useRef<HTMLButtonElement>(null);
  const focusedOnOpen = useRef(false);

  useEffect(() => saveRolloutDraft(draft), [draft]);
  // Focus on the current step when the wizard opens, as the single-host wizard does.
  useLayoutEffect(() => {
    if (focusedOnOpen.current || !currentStep.current) return;
    currentStep.current.focus();
    focusedOnOpen.current = true;
  });

  const ruleContext = useMemo<RuleContext>(() => ({ networking: reference, values: draft.values }), [reference, draft.values]);
  const sequence = useMemo(() => rolloutSequence(draft.values), [draft.values]);
  const plans = useMemo(() => planHosts(draft, networking), [draft, networking]);
  const blocking = firstBlockingPage(ruleContext, plans, draft.values);

  let page: RolloutPageId;
  if (draft.result) page = "result";
  else if (!sequence.includes(pageId as RolloutPageId)) page = blocking ?? sequence[0]!;
  else page = blocking && sequence.indexOf(pageId as RolloutPageId) > sequence.indexOf(blocking) ? blocking : (pageId as RolloutPageId);

  const goTo = useCallback((p: RolloutPageId) => void navigate(paths.rollout(draft.id, p)), [navigate, draft.id]);
  const update = useCallback((change: (d: RolloutDraft) => Partial<RolloutDraft>) => setDraft((d) => ({ ...d, ...change(d) })), []);
  const visit = (from: string, values: WizardValues) => {
    const run = rolloutSequence(values);
    const next = run[run.indexOf(from as RolloutPageId) + 1];
    if (next) goTo(next);
  };
  const close = () => {
    discardRolloutDraft(draft.id);
    void navigate(paths.inventory, { replace: true });
  };

  const wizardApi: WizardApi = {
    hostId: reference.host.id,
    networking: reference,
    draft: {
      version: 1,
      hostId: reference.host.id,
      idempotencyKey: draft.idempotencyKey,
      values: draft.values,
      visited: draft.visited as WizardPageId[],
    },
    sequence,
    ruleContext,
    connectionTypes: ["vmkernel"],
    setValues: (key, values) =>
      setDraft((d) => (JSON.stringify(d.values[key]) === JSON.stringify(values) ? d : { ...d, values: { ...d.values, [key]: values } })),
    goNext: (from, latest) => {
      const values = { ...draft.values, ...latest };
      setDraft((d) => ({ ...d, values: { ...d.values, ...latest }, visited: d.visited.includes(from) ? d.visited : [...d.visited, from] }));
      visit(from, values);
    },
    goBack: (from) => {
      const previous = sequence[sequence.indexOf(from as RolloutPageId) - 1];
      if (previous) goTo(previous);
    },
    requestCancel: () => setConfirmingCancel(true),
  };
  const rolloutApi: RolloutApi = {
    draft,
    reference,
    plans,
    sequence,
    update,
    goNext: (from) => {
      setDraft((d) => (d.visited.includes(from) ? d : { ...d, visited: [...d.visited, from] }));
      visit(from, draft.values);
    },
    close,
    exportPlan,
  };

  if (page !== pageId) return <Navigate to={paths.rollout(draft.id, page)} replace />;

  const Page = PAGES[page];
  const reachableUntil = blocking ? sequence.indexOf(blocking) : sequence.length - 1;
  return (
    <WizardContext value={wizardApi}>
      <RolloutContext value={rolloutApi}>
        <Modal
          title={t("rollout.title", { count: draft.hosts.length })}
          size="xl"
          className="add-networking-wizard rollout-wizard"
          onClose={page === "result" ? close : () => setConfirmingCancel(true)}
          closeLabel={t("common.close")}
          nav={
            <WizardSteps
              steps={sequence.map((p) => ({ id: p, title: t(titleKey(p)) }))}
              current={page === "result" ? null : page}
              // Back to any earlier page; forward only to pages already left with Next.
              reachable={(p, i) => i <= reachableUntil && (i < sequence.indexOf(page) || draft.visited.includes(p))}
              onGo={(p) => goTo(p as RolloutPageId)}
              currentRef={currentStep}
            />
          }
        >
          <div className="wizard-content">
            {page in PAGE_VALUES && <HostCoverage page={page as FormPageId} />}
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
            onConfirm={close}
          >
            <p>{t("wizard.cancelConfirm.body")}</p>
          </ConfirmDialog>
        )}
      </RolloutContext>
    </WizardContext>
  );
}
