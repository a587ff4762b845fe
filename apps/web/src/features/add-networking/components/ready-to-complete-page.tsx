import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { Properties } from "../../../components/ui/properties.tsx";
import type { SummarySection } from "./summary.ts";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

interface ReadyToCompletePageProps {
  intro: string;
  /** The run's choices, page by page. */
  sections: SummarySection[];
  onFinish: () => void;
  finishDisabled: boolean;
  /** What the run checks and does, after its choices. */
  children: ReactNode;
}

/** "Ready to complete" for one host and for many: the run's choices page by page, then what the run adds, and Finish. */
export function ReadyToCompletePage({ intro, sections, onFinish, finishDisabled, children }: ReadyToCompletePageProps) {
  const { t } = useTranslation();
  return (
    <WizardPage
      title={t("wizard.pages.readyToComplete")}
      intro={intro}
      footer={
        <WizardFooter
          page="ready-to-complete"
          finish={
            <Button variant="primary" onClick={onFinish} disabled={finishDisabled}>
              {t("wizard.finish")}
            </Button>
          }
        />
      }
    >
      {sections.map((s) => (
        <section key={s.page} className="summary-section" aria-labelledby={`summary-${s.page}`}>
          <h4 id={`summary-${s.page}`}>{s.title}</h4>
          <Properties rows={s.rows.map((r) => [r.label, r.value] as const)} />
        </section>
      ))}
      {children}
    </WizardPage>
  );
}
