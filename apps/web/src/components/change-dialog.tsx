import { useId, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { EditImpact } from "../lib/edit-impact.ts";
import { describeError, type EntityNamer } from "../lib/errors.ts";
import { ChangeModal } from "./change-modal.tsx";
import { ChangeOutcome, changeFailure, type ChangeState } from "./change-outcome.tsx";
import { ImpactAnalysis, type ImpactTexts } from "./impact-analysis.tsx";
import { Alert } from "./ui/alert.tsx";
import { Button } from "./ui/button.tsx";

export interface ChangeDialogProps {
  title: string;
  /** "Host: esx-01.lab.local". */
  subtitle: string;
  /** What refuses any change, whatever the form holds (the privilege, an object the host no longer has): said instead of the form. */
  blocked: string | undefined;
  /** OK submits the form. */
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  /** What is wrong with the form as a whole, under it. */
  formError?: string | undefined;
  /** Analyze impact of what the form holds. */
  impact: EditImpact;
  /** The form holds a change to send: Analyze impact runs on it, and OK waits for its answer. */
  ready: boolean;
  /** The form holds what the host refuses outright: OK stays off (else OK on a form's errors shows them at the fields). */
  refused?: boolean;
  texts: ImpactTexts;
  change: ChangeState;
  /** What the change does while it runs ("Editing vmk1 on esx-01.lab.local…"). */
  running: string;
  entityName: EntityNamer;
  onClose: () => void;
  /** The form's fields. */
  children: ReactNode;
}

/**
 * A dialog that changes what the host has (Edit Settings, a migration, a move to another TCP/IP stack): its form, the
 * vSphere Client's Analyze impact of what the form holds, whose errors keep OK off, Cancel and OK, and the change on its
 * way or how it failed.
 */
export function ChangeDialog({
  title,
  subtitle,
  blocked,
  onSubmit,
  formError,
  impact,
  ready,
  refused = false,
  texts,
  change,
  running,
  entityName,
  onClose,
  children,
}: ChangeDialogProps) {
  const { t } = useTranslation();
  const formId = useId();
  const pending = change.isPending;
  const okDisabled = Boolean(blocked) || refused || pending || (ready && (!impact.analysis || impact.analysis.errors.length > 0));

  const { failed, problem } = changeFailure(change);
  // A refusal of the fields (the host's rules, run again by the server) is shown at the fields too.
  const failure = problem?.errors?.length && !problem.outcome?.length ? t("errors.validationFailed") : describeError(t, failed, entityName);

  const ok = (
    <Button type="submit" form={formId} variant="primary" disabled={okDisabled}>
      {t("common.ok")}
    </Button>
  );
  return (
    <ChangeModal title={title} pending={pending} action={ok} onClose={onClose} size="lg">
      <p className="dialog-subtitle">{subtitle}</p>
      {blocked ? (
        <Alert status="warning">{blocked}</Alert>
      ) : (
        <>
          <form id={formId} className="clr-form clr-form-horizontal" onSubmit={onSubmit} noValidate>
            {children}
            {formError && <Alert status="warning">{formError}</Alert>}
          </form>
          <ImpactAnalysis impact={impact} analyzeDisabled={!ready || pending} texts={texts} change={change} entityName={entityName} />
        </>
      )}
      <ChangeOutcome change={change} running={running}>
        {failure}
      </ChangeOutcome>
    </ChangeModal>
  );
}
