import type { Ref } from "react";
import { useTranslation } from "react-i18next";

import { cx } from "../../../lib/cx.ts";

export interface WizardStepsProps {
  /** The run's pages, in order, with their titles. */
  steps: readonly { id: string; title: string }[];
  /** The page shown; null once the run shows its result (every step done). */
  current: string | null;
  /** Whether a step other than the current one may be opened from the list. */
  reachable: (id: string, index: number) => boolean;
  onGo: (id: string) => void;
  /** The current step's button: where the keyboard starts when the wizard opens. */
  currentRef: Ref<HTMLButtonElement>;
}

/** The wizard's steps on the left, as in Clarity's wizard: the current one, those done, and links to those reachable. */
export function WizardSteps({ steps, current, reachable, onGo, currentRef }: WizardStepsProps) {
  const { t } = useTranslation();
  const at = current === null ? steps.length : steps.findIndex((s) => s.id === current);
  return (
    <nav className="wizard-steps" aria-label={t("wizard.stepsLabel")}>
      <ol>
        {steps.map(({ id, title }, i) => {
          const isCurrent = id === current;
          const label = (
            <>
              <span className="wizard-step-number">{i + 1}</span> {title}
            </>
          );
          return (
            <li key={id} className={cx("wizard-step", isCurrent && "current", i < at && "done")}>
              {isCurrent || (current !== null && reachable(id, i)) ? (
                // The current step is a button too, as in Clarity's step list: where the keyboard starts.
                <button
                  type="button"
                  className="btn btn-link wizard-step-link"
                  aria-current={isCurrent ? "step" : undefined}
                  ref={isCurrent ? currentRef : undefined}
                  onClick={isCurrent ? undefined : () => onGo(id)}
                >
                  {label}
                </button>
              ) : (
                <span className="wizard-step-link">{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
