import { isValidationCode, type Issue } from "@addnet/contracts";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { StepList } from "../../../components/step-list.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError } from "../../../lib/errors.ts";
import { isDefiniteFailure } from "../../../lib/idempotency.ts";
import { validationText } from "../../../lib/labels.ts";
import { useCreateConnection } from "../api/create-connection.ts";
import { usePreflight } from "../api/preflight.ts";
import { buildModel, pageOfPath } from "../model/page-rules.ts";
import { PAGE_TITLE_KEYS } from "../model/pages.ts";
import { summarize } from "./summary.ts";
import { useSingleHostWizard } from "./wizard-context.tsx";
import { ReadyToCompletePage } from "./ready-to-complete-page.tsx";

/**
 * The last page: "Ready to complete": every choice, the preflight's errors and warnings, and the vim25 calls Finish
 * will make. Finish sends once, with the run's Idempotency-Key, to the VMkernel adapters, the port groups or the
 * physical adapters as the model says, and shows each step as it ended.
 */
export function ReadyToComplete() {
  const { t } = useTranslation();
  const { hostId, networking, draft, goTo, finished, finishFailed, reportIssues, exportPlan } = useSingleHostWizard();
  const parsed = useMemo(() => buildModel(draft.values), [draft.values]);
  const model = parsed.success ? parsed.data : undefined;
  const check = usePreflight(hostId, model);
  const create = useCreateConnection(hostId);
  const sections = summarize(t, draft.values, networking);
  const entityName = (e: { id: string }) =>
    e.id === hostId ? networking.host.name : networking.distributedPortgroups.find((p) => p.key === e.id)?.name;

  const preflightErrors = check.data?.errors ?? [];
  // The preflight's findings also show next to their fields when the user goes back to fix them.
  const preflightData = check.data;
  useEffect(() => {
    if (preflightData) reportIssues(preflightData.errors);
  }, [preflightData, reportIssues]);

  const finishDisabled = !model || !check.isSuccess || preflightErrors.length > 0 || create.isPending || create.isSuccess;
  // Finish sends once: a second click before the first re-render cannot send again.
  const sending = useRef(false);
  // A failed Finish takes the focus to its outcome (and so into view): Finish was disabled while it ran, so the focus
  // would otherwise be left on the page's body.
  const outcome = useRef<HTMLDivElement>(null);
  // This Finish's error, or how the run's last Finish ended (kept in the draft when what remains sent the page elsewhere).
  const stored = draft.failure;
  const failed = useMemo(
    () => create.error ?? (stored ? new ApiError(stored.status, stored, stored.detail) : undefined),
    [create.error, stored],
  );
  useEffect(() => {
    if (failed) outcome.current?.focus();
  }, [failed]);
  const onFinish = () => {
    if (!model || finishDisabled || sending.current) return;
    sending.current = true;
    create.mutate(
      { model, idempotencyKey: draft.idempotencyKey },
      {
        onSuccess: finished,
        onError: (err) => {
          sending.current = false;
          if (isDefiniteFailure(err)) finishFailed(err instanceof ApiError && err.problem?.steps ? err.problem : undefined);
          if (err instanceof ApiError && err.problem?.errors) reportIssues(err.problem.errors);
        },
      },
    );
  };

  const failure = failed instanceof ApiError ? failed : undefined;
  const issueList = (issues: Issue[]) => (
    <ul className="issue-list">
      {issues.map((issue, i) => {
        const page = pageOfPath(issue.path);
        return (
          <li key={`${issue.path}-${i}`}>
            {validationText(t, issue.code, issue.params)}
            {page && (
              <Button variant="link" small onClick={() => goTo(page)}>
                {t("wizard.ready.goToPage", { page: t(PAGE_TITLE_KEYS[page]) })}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );

  return (
    <ReadyToCompletePage intro={t("wizard.ready.intro")} sections={sections} onFinish={onFinish} finishDisabled={finishDisabled}>
      {!parsed.success && (
        <Alert status="danger">
          {t("wizard.ready.modelInvalid")}
          {issueList(
            parsed.error.issues.map((i) => ({
              path: i.path.join("."),
              code: isValidationCode(i.message) ? i.message : "value.invalid",
              message: i.message,
            })),
          )}
        </Alert>
      )}

      <section className="summary-section" aria-labelledby="preflight-title" aria-busy={check.isFetching}>
        <h4 id="preflight-title">{t("wizard.ready.preflightTitle")}</h4>
        {check.isFetching && <Spinner label={t("wizard.ready.checking")} />}
        {check.isError && <Alert status="danger">{describeError(t, check.error, entityName)}</Alert>}
        {check.isSuccess && preflightErrors.length > 0 && (
          <Alert status="danger">
            {t("wizard.ready.errors")}
            {issueList(preflightErrors)}
          </Alert>
        )}
        {check.isSuccess && check.data.warnings.length > 0 && (
          <Alert status="warning">
            {t("wizard.ready.warnings")}
            {issueList(check.data.warnings)}
          </Alert>
        )}
        {check.isSuccess && preflightErrors.length === 0 && check.data.warnings.length === 0 && (
          <Alert status="success">{t("wizard.ready.noProblems")}</Alert>
        )}
      </section>

      {check.isSuccess && (
        <section className="summary-section" aria-labelledby="calls-title">
          <h4 id="calls-title">{t("wizard.ready.callsTitle")}</h4>
          <StepList steps={failure?.problem?.steps ?? check.data.calls} running={create.isPending} />
        </section>
      )}
      {model?.connectionType === "vmkernel" && exportPlan?.(networking, model)}
      <div aria-live="polite">
        {create.isPending && <Spinner label={t("wizard.ready.applying")} />}
        {failed && !create.isPending && (
          <div ref={outcome} tabIndex={-1}>
            <Alert status="danger">
              {describeError(t, failed, entityName)}
              {failure?.problem?.errors && issueList(failure.problem.errors)}
            </Alert>
          </div>
        )}
      </div>
    </ReadyToCompletePage>
  );
}
