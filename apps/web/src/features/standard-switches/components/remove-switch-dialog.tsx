import type { HostNetworking, RemovedSwitch } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { ChangeOutcome } from "../../../components/change-outcome.tsx";
import { ImpactAnalysis } from "../../../components/impact-analysis.tsx";
import { IssueList } from "../../../components/issue-list.tsx";
import { RemoveDialog } from "../../../components/remove-dialog.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError, type EntityNamer } from "../../../lib/errors.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
import { useRemoveSwitch, useSwitchRemovalImpact } from "../api/standard-switches.ts";

export interface RemoveSwitchDialogProps {
  networking: HostNetworking;
  /** The standard switch's name. */
  vswitch: string;
  onClose: () => void;
  /** The switch and its port groups are gone: the dialog closes and the view says so. */
  onRemoved: (removed: RemovedSwitch["removed"]) => void;
}

/**
 * "Remove Standard Switch" (vSphere 8, Remove a vSphere Standard Switch): names the switch, runs Analyze impact at once
 * (and again on request): what refuses the removal (a VMkernel adapter on it), the port groups that go with it, and the
 * vim25 calls Remove makes. Remove sends the DELETE with an Idempotency-Key: a new one for each attempt, the same one again
 * when the last attempt's answer was lost. A failure keeps the dialog open with how the removal ended.
 */
export function RemoveSwitchDialog({ networking, vswitch, onClose, onRemoved }: RemoveSwitchDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const impact = useSwitchRemovalImpact(host.id, vswitch);
  const remove = useRemoveSwitch(host.id);
  const attempt = useIdempotentAttempt();
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);

  const analyzed = impact.isSuccess && !impact.isFetching ? impact.data : undefined;
  const removeDisabled = !analyzed || analyzed.errors.length > 0 || remove.isPending;

  const failed = remove.isError ? remove.error : undefined;
  const problem = failed instanceof ApiError ? failed.problem : undefined;

  const onRemove = () => {
    if (removeDisabled) return;
    attempt((idempotencyKey, failed) =>
      remove.mutate({ name: vswitch, idempotencyKey }, { onSuccess: ({ removed }) => onRemoved(removed), onError: failed }),
    );
  };

  return (
    <RemoveDialog
      title={t("standardSwitches.removeTitle")}
      pending={remove.isPending}
      disabled={removeDisabled}
      onRemove={onRemove}
      onClose={onClose}
    >
      <p className="dialog-subtitle">{t("standardSwitches.subtitle", { host: host.name })}</p>
      <p>{t("standardSwitches.removeConfirm", { vswitch })}</p>

      <ImpactAnalysis
        analysis={analyzed}
        analyzing={impact.isFetching}
        failure={impact.isError ? impact.error : undefined}
        onAnalyze={() => void impact.refetch()}
        analyzeDisabled={remove.isPending}
        refusedText={t("standardSwitches.removeRefused", { vswitch })}
        warningsText={t("standardSwitches.removeWarnings", { vswitch })}
        noImpactText={t("standardSwitches.removeNoImpact", { vswitch })}
        callsTitle={t("standardSwitches.removeCallsTitle")}
        steps={problem?.steps}
        running={remove.isPending}
        entityName={entityName}
      />

      <ChangeOutcome running={remove.isPending ? t("standardSwitches.removing", { vswitch, host: host.name }) : undefined} failure={failed}>
        {describeError(t, failed, entityName)}
        {problem?.errors && <IssueList issues={problem.errors} />}
      </ChangeOutcome>
    </RemoveDialog>
  );
}
