import type { Preflight, Step } from "@addnet/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";

import { describeError, type EntityNamer } from "../lib/errors.ts";
import { IssueList } from "./issue-list.tsx";
import { StepList } from "./step-list.tsx";
import { Alert } from "./ui/alert.tsx";
import { StatusLabel } from "./ui/badge.tsx";
import { Button } from "./ui/button.tsx";
import { Spinner } from "./ui/spinner.tsx";

export interface ImpactAnalysisProps {
  /** The answer of Analyze impact for what the dialog holds now, once it is in. */
  analysis: Preflight | undefined;
  analyzing: boolean;
  /** Why the last Analyze impact got no answer. */
  failure: unknown;
  onAnalyze: () => void;
  /** Analyze impact cannot run now (the change is on its way, or there is nothing to analyze). */
  analyzeDisabled: boolean;
  /** The dialog's words: what refuses the change, what the change costs, that it costs nothing. */
  refusedText: string;
  warningsText: string;
  noImpactText: string;
  /** Said while there is no analysis to run (nothing changed yet, settings to correct first). */
  idleText?: string | undefined;
  callsTitle: string;
  /** How the last attempt's calls ended, when it failed; else the calls the analysis plans. */
  steps?: Step[] | undefined;
  running: boolean;
  entityName: EntityNamer;
}

/**
 * The vSphere Client's Analyze impact in a change's dialog: how serious the impact is, what refuses the change (the
 * dialog's button stays off), what the host loses, and the vSphere API calls the change makes.
 */
export function ImpactAnalysis({
  analysis,
  analyzing,
  failure,
  onAnalyze,
  analyzeDisabled,
  refusedText,
  warningsText,
  noImpactText,
  idleText,
  callsTitle,
  steps,
  running,
  entityName,
}: ImpactAnalysisProps) {
  const { t } = useTranslation();
  const impactId = useId();
  const callsId = useId();
  const refusals = analysis?.errors ?? [];
  const warnings = analysis?.warnings ?? [];

  let level: { color: "success" | "warning" | "danger"; text: string } | undefined;
  if (analysis && refusals.length) level = { color: "danger", text: t("impact.levels.critical") };
  else if (analysis && warnings.length) level = { color: "warning", text: t("impact.levels.important") };
  else if (analysis) level = { color: "success", text: t("impact.levels.none") };

  const shownSteps = steps ?? analysis?.calls;
  return (
    <>
      <section className="summary-section" aria-labelledby={impactId} aria-busy={analyzing}>
        <div className="section-heading">
          <h3 id={impactId}>{t("impact.title")}</h3>
          {level && <StatusLabel color={level.color}>{level.text}</StatusLabel>}
          <Button small onClick={onAnalyze} disabled={analyzing || analyzeDisabled}>
            {t("impact.analyze")}
          </Button>
        </div>
        {analyzing && <Spinner label={t("impact.analyzing")} />}
        {Boolean(failure) && !analyzing && <Alert status="danger">{describeError(t, failure, entityName)}</Alert>}
        {refusals.length > 0 && (
          <Alert status="danger">
            {refusedText}
            <IssueList issues={refusals} />
          </Alert>
        )}
        {warnings.length > 0 && (
          <Alert status="warning">
            {warningsText}
            <IssueList issues={warnings} />
          </Alert>
        )}
        {analysis && refusals.length === 0 && warnings.length === 0 && <p>{noImpactText}</p>}
        {!analysis && !analyzing && !failure && idleText && <p>{idleText}</p>}
      </section>

      {shownSteps && shownSteps.length > 0 && (
        <section className="summary-section" aria-labelledby={callsId}>
          <h3 id={callsId}>{callsTitle}</h3>
          <StepList steps={shownSteps} running={running} />
        </section>
      )}
    </>
  );
}
