import type { HostNetworking, Issue, RemovedAdapter, VmkernelAdapterInfo } from "@addnet/contracts";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";

import { RemoveDialog } from "../../../components/remove-dialog.tsx";
import { StepList } from "../../../components/step-list.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError, type EntityNamer } from "../../../lib/errors.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
import { validationText } from "../../../lib/labels.ts";
import { useRemovalImpact, useRemoveAdapter } from "../api/remove-adapter.ts";

export interface RemoveAdapterDialogProps {
  networking: HostNetworking;
  adapter: VmkernelAdapterInfo;
  onClose: () => void;
  /** The adapter is gone: the dialog closes and the view says so. */
  onRemoved: (removed: RemovedAdapter["removed"]) => void;
}

/**
 * "Remove VMkernel Adapter" (vSphere 8, Remove a VMkernel Adapter): names the adapter, runs Analyze impact at once (and
 * again on request), lists what refuses the removal and what the host loses, and the vim25 call Remove makes. Remove
 * sends the DELETE with an Idempotency-Key: a new one for each attempt, the same one again when the last attempt's answer
 * was lost. A failure keeps the dialog open with how the removal ended.
 */
export function RemoveAdapterDialog({ networking, adapter, onClose, onRemoved }: RemoveAdapterDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const { device } = adapter;
  const impactId = useId();
  const callsId = useId();
  const impact = useRemovalImpact(host.id, device);
  const remove = useRemoveAdapter(host.id);
  const attempt = useIdempotentAttempt();
  // A failed removal takes the focus to its outcome: Remove was disabled while it ran.
  const outcome = useRef<HTMLDivElement>(null);
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);

  const analyzed = impact.isSuccess && !impact.isFetching ? impact.data : undefined;
  const refusals = analyzed?.errors ?? [];
  const warnings = analyzed?.warnings ?? [];
  const removeDisabled = !analyzed || refusals.length > 0 || remove.isPending;

  const failed = remove.isError ? remove.error : undefined;
  const problem = failed instanceof ApiError ? failed.problem : undefined;
  useEffect(() => {
    if (failed) outcome.current?.focus();
  }, [failed]);

  const onRemove = () => {
    if (removeDisabled) return;
    attempt((idempotencyKey, failed) =>
      remove.mutate({ device, idempotencyKey }, { onSuccess: ({ removed }) => onRemoved(removed), onError: failed }),
    );
  };

  const issueList = (issues: Issue[]) => (
    <ul className="issue-list">
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${i}`}>{validationText(t, issue.code, issue.params)}</li>
      ))}
    </ul>
  );

  let level: { color: "success" | "warning" | "danger"; text: string } | undefined;
  if (analyzed && refusals.length) level = { color: "danger", text: t("removeAdapter.levels.critical") };
  else if (analyzed && warnings.length) level = { color: "warning", text: t("removeAdapter.levels.important") };
  else if (analyzed) level = { color: "success", text: t("removeAdapter.levels.none") };

  const steps = problem?.steps ?? analyzed?.calls;
  return (
    <RemoveDialog
      title={t("removeAdapter.title")}
      pending={remove.isPending}
      disabled={removeDisabled}
      onRemove={onRemove}
      onClose={onClose}
    >
      <p className="dialog-subtitle">{t("removeAdapter.subtitle", { host: host.name })}</p>
      <p>{t("removeAdapter.confirm", { device, network: adapter.networkLabel })}</p>

      <section className="summary-section" aria-labelledby={impactId} aria-busy={impact.isFetching}>
        <div className="section-heading">
          <h3 id={impactId}>{t("removeAdapter.impact")}</h3>
          {level && <StatusLabel color={level.color}>{level.text}</StatusLabel>}
          <Button small onClick={() => void impact.refetch()} disabled={impact.isFetching || remove.isPending}>
            {t("removeAdapter.analyzeImpact")}
          </Button>
        </div>
        {impact.isFetching && <Spinner label={t("removeAdapter.analyzing")} />}
        {impact.isError && !impact.isFetching && <Alert status="danger">{describeError(t, impact.error, entityName)}</Alert>}
        {refusals.length > 0 && (
          <Alert status="danger">
            {t("removeAdapter.refused", { device })}
            {issueList(refusals)}
          </Alert>
        )}
        {warnings.length > 0 && (
          <Alert status="warning">
            {t("removeAdapter.warnings", { device })}
            {issueList(warnings)}
          </Alert>
        )}
        {analyzed && refusals.length === 0 && warnings.length === 0 && <p>{t("removeAdapter.noImpact", { device })}</p>}
      </section>

      {steps && (
        <section className="summary-section" aria-labelledby={callsId}>
          <h3 id={callsId}>{t("removeAdapter.callsTitle")}</h3>
          <StepList steps={steps} running={remove.isPending} />
        </section>
      )}

      <div aria-live="polite">
        {remove.isPending && <Spinner label={t("removeAdapter.removing", { device, host: host.name })} />}
        {failed && (
          <div ref={outcome} tabIndex={-1}>
            <Alert status="danger">
              {describeError(t, failed, entityName)}
              {problem?.errors && issueList(problem.errors)}
            </Alert>
          </div>
        )}
      </div>
    </RemoveDialog>
  );
}
