import type { Step, VimCall } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { StatusLabel } from "./ui/badge.tsx";
import { Spinner } from "./ui/spinner.tsx";
import { validationText } from "../lib/labels.ts";

const STATUS_COLOR = { done: "success", failed: "danger", undone: "warning", "undo-failed": "danger", "not-run": "neutral" } as const;

/**
 * The vim25 calls of a change, each with its state: planned, running, or how it ended (done, failed, rolled back). The
 * Add Networking wizard's and the Remove VMkernel Adapter dialog's.
 */
export function StepList({ steps, running }: { steps: (VimCall | Step)[]; running?: boolean }) {
  const { t } = useTranslation();
  return (
    <ol className="step-list">
      {steps.map((s, i) => (
        <li key={`${i}-${s.method}`} className="step-row">
          <code className="step-method">{s.method}</code>
          <span className="step-object">{s.object}</span>
          <span className="step-summary">{validationText(t, s.code, s.params)}</span>
          {"status" in s ? (
            <StatusLabel color={STATUS_COLOR[s.status]}>{t(`wizard.steps.${s.status}`)}</StatusLabel>
          ) : running ? (
            <Spinner label={t("wizard.steps.running")} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
