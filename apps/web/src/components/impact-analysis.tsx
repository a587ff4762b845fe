import { useId } from "react";
import { useTranslation } from "react-i18next";

import type { EditImpact } from "../lib/edit-impact.ts";
import { describeError, type EntityNamer } from "../lib/errors.ts";
import { changeFailure, type ChangeState } from "./change-outcome.tsx";
import { IssueList } from "./issue-list.tsx";
import { StepList } from "./step-list.tsx";
import { Alert } from "./ui/alert.tsx";
import { StatusLabel } from "./ui/badge.tsx";
import { Button } from "./ui/button.tsx";
import { Spinner } from "./ui/spinner.tsx";

/** A dialog's words for Analyze impact. */
export interface ImpactTexts {
  /** What refuses the change, what the change costs, that it costs nothing. */
  refused: string;
  warnings: string;
  noImpact: string;
  /** Said while there is no analysis to run (nothing changed yet, settings to correct first). */
  idle?: string | undefined;
  /** The heading of the vSphere API calls the change makes. */
  calls: string;
}

export interface ImpactAnalysisProps {
  impact: EditImpact;
  /** Analyze impact cannot run now (the change is on its way, or there is nothing to analyze). */
  analyzeDisabled: boolean;
  texts: ImpactTexts;
  /** The change the dialog sends: while it runs its calls spin; when it failed, they show how each ended. */
  change: ChangeState;
  entityName: EntityNamer;
}

/**
 * The vSphere Client's Analyze impact in a change's dialog: how serious the impact is, what refuses the change (the
 * dialog's button stays off), what the host loses, and the vSphere API calls the change makes.
 */
export function ImpactAnalysis({ impact, analyzeDisabled, texts, change, entityName }: ImpactAnalysisProps) {
  const { t } = useTranslation();
  const impactId = useId();
  const callsId = useId();
  const { analysis, analyzing, failure } = impact;
  const refusals = analysis?.errors ?? [];
  const warnings = analysis?.warnings ?? [];

  let level: { color: "success" | "warning" | "danger"; text: string } | undefined;
  if (analysis && refusals.length) level = { color: "danger", text: t("impact.levels.critical") };
  else if (analysis && warnings.length) level = { color: "warning", text: t("impact.levels.important") };
  else if (analysis) level = { color: "success", text: t("impact.levels.none") };

  const shownSteps = changeFailure(change).problem?.steps ?? analysis?.calls;
  return (
    <>
      <section className="summary-section" aria-labelledby={impactId} aria-busy={analyzing}>
        <div className="section-heading">
          <h3 id={impactId}>{t("impact.title")}</h3>
          {level && <StatusLabel color={level.color}>{level.text}</StatusLabel>}
          <Button small onClick={impact.analyze} disabled={analyzing || analyzeDisabled}>
            {t("impact.analyze")}
          </Button>
        </div>
        {analyzing && <Spinner label={t("impact.analyzing")} />}
        {Boolean(failure) && !analyzing && <Alert status="danger">{describeError(t, failure, entityName)}</Alert>}
        {refusals.length > 0 && (
          <Alert status="danger">
            {texts.refused}
            <IssueList issues={refusals} />
          </Alert>
        )}
        {warnings.length > 0 && (
          <Alert status="warning">
            {texts.warnings}
            <IssueList issues={warnings} />
          </Alert>
        )}
        {analysis && refusals.length === 0 && warnings.length === 0 && <p>{texts.noImpact}</p>}
        {!analysis && !analyzing && !failure && texts.idle && <p>{texts.idle}</p>}
      </section>

      {shownSteps && shownSteps.length > 0 && (
        <section className="summary-section" aria-labelledby={callsId}>
          <h3 id={callsId}>{texts.calls}</h3>
          <StepList steps={shownSteps} running={change.isPending} />
        </section>
      )}
    </>
  );
}
