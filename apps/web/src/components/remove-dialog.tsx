import type { Preflight } from "@addnet/contracts";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { describeError, type EntityNamer } from "../lib/errors.ts";
import { useIdempotentAttempt } from "../lib/idempotency.ts";
import { ChangeModal } from "./change-modal.tsx";
import { ChangeOutcome, changeFailure, type ChangeState } from "./change-outcome.tsx";
import { ImpactAnalysis, type ImpactTexts } from "./impact-analysis.tsx";
import { Button } from "./ui/button.tsx";

/** A removal's dialog: Cancel has the focus when it opens, as in a confirmation; Remove is off while refused or on its way. */
export function RemoveDialog({
  title,
  pending,
  disabled,
  onRemove,
  onClose,
  children,
}: {
  title: string;
  pending: boolean;
  disabled: boolean;
  onRemove: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const action = (
    <Button variant="danger" onClick={onRemove} disabled={disabled}>
      {t("common.remove")}
    </Button>
  );
  return (
    <ChangeModal title={title} pending={pending} action={action} onClose={onClose} focusCancel>
      {children}
    </ChangeModal>
  );
}

export interface AnalyzedRemoveDialogProps {
  title: string;
  /** "Host: esx-01.lab.local". */
  subtitle: string;
  /** "Remove the VMkernel adapter vmk1 on Storage?" */
  confirm: string;
  /** Analyze impact of the removal, asked when the dialog opens (and again on request). */
  impact: UseQueryResult<Preflight>;
  texts: ImpactTexts;
  change: ChangeState;
  /** What the removal does while it runs ("Removing vmk1 from esx-01.lab.local…"). */
  running: string;
  /** Sends the removal with the attempt's Idempotency-Key, and reports its failure to `failed`. */
  send: (idempotencyKey: string, failed: (err: unknown) => void) => void;
  entityName: EntityNamer;
  onClose: () => void;
}

/**
 * A removal with the vSphere Client's Analyze impact, run when the dialog opens: what refuses it (Remove stays off), what
 * the host loses, and the vim25 calls Remove makes. Remove sends it with an Idempotency-Key: a new one for each attempt,
 * the same one again when the last attempt's answer was lost. A failure keeps the dialog open with how the removal ended.
 */
export function AnalyzedRemoveDialog({
  title,
  subtitle,
  confirm,
  impact,
  texts,
  change,
  running,
  send,
  entityName,
  onClose,
}: AnalyzedRemoveDialogProps) {
  const { t } = useTranslation();
  const attempt = useIdempotentAttempt();
  const analysis = impact.isSuccess && !impact.isFetching ? impact.data : undefined;
  const disabled = !analysis || analysis.errors.length > 0 || change.isPending;
  const analyzed = {
    analysis,
    analyzing: impact.isFetching,
    failure: impact.isError ? impact.error : undefined,
    analyze: () => void impact.refetch(),
  };
  const onRemove = () => {
    if (!disabled) attempt(send);
  };
  return (
    <RemoveDialog title={title} pending={change.isPending} disabled={disabled} onRemove={onRemove} onClose={onClose}>
      <p className="dialog-subtitle">{subtitle}</p>
      <p>{confirm}</p>
      <ImpactAnalysis impact={analyzed} analyzeDisabled={change.isPending} texts={texts} change={change} entityName={entityName} />
      <ChangeOutcome change={change} running={running}>
        {describeError(t, changeFailure(change).failed, entityName)}
      </ChangeOutcome>
    </RemoveDialog>
  );
}
