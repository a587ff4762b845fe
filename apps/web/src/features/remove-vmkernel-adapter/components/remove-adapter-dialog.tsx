import type { HostNetworking, RemovedAdapter, VmkernelAdapterInfo } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { ChangeOutcome } from "../../../components/change-outcome.tsx";
import { ImpactAnalysis } from "../../../components/impact-analysis.tsx";
import { IssueList } from "../../../components/issue-list.tsx";
import { RemoveDialog } from "../../../components/remove-dialog.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError, type EntityNamer } from "../../../lib/errors.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
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
  const impact = useRemovalImpact(host.id, device);
  const remove = useRemoveAdapter(host.id);
  const attempt = useIdempotentAttempt();
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);

  const analyzed = impact.isSuccess && !impact.isFetching ? impact.data : undefined;
  const removeDisabled = !analyzed || analyzed.errors.length > 0 || remove.isPending;

  const failed = remove.isError ? remove.error : undefined;
  const problem = failed instanceof ApiError ? failed.problem : undefined;

  const onRemove = () => {
    if (removeDisabled) return;
    attempt((idempotencyKey, failed) =>
      remove.mutate({ device, idempotencyKey }, { onSuccess: ({ removed }) => onRemoved(removed), onError: failed }),
    );
  };

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

      <ImpactAnalysis
        analysis={analyzed}
        analyzing={impact.isFetching}
        failure={impact.isError ? impact.error : undefined}
        onAnalyze={() => void impact.refetch()}
        analyzeDisabled={remove.isPending}
        refusedText={t("removeAdapter.refused", { device })}
        warningsText={t("removeAdapter.warnings", { device })}
        noImpactText={t("removeAdapter.noImpact", { device })}
        callsTitle={t("removeAdapter.callsTitle")}
        steps={problem?.steps}
        running={remove.isPending}
        entityName={entityName}
      />

      <ChangeOutcome running={remove.isPending ? t("removeAdapter.removing", { device, host: host.name }) : undefined} failure={failed}>
        {describeError(t, failed, entityName)}
        {problem?.errors && <IssueList issues={problem.errors} />}
      </ChangeOutcome>
    </RemoveDialog>
  );
}
