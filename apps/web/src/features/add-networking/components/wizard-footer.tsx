import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { useWizard } from "./wizard-context.tsx";

export interface WizardFooterProps {
  page: string;
  /** Next stays disabled until the page is valid. */
  nextDisabled?: boolean;
  /** The Ready to complete page puts Finish where Next is. */
  finish?: ReactNode;
}

/** "Cancel", "Back", "Next" / "Finish", where the vSphere Client puts them. */
export function WizardFooter({ page, nextDisabled, finish }: WizardFooterProps) {
  const { t } = useTranslation();
  const { sequence, goBack, requestCancel } = useWizard();
  const first = sequence[0] === page;
  return (
    <div className="wizard-footer">
      <Button variant="outline" onClick={requestCancel}>
        {t("wizard.cancel")}
      </Button>
      <Button variant="outline" onClick={() => goBack(page)} disabled={first}>
        {t("wizard.back")}
      </Button>
      {finish ?? (
        <Button type="submit" variant="primary" disabled={nextDisabled}>
          {t("wizard.next")}
        </Button>
      )}
    </div>
  );
}
