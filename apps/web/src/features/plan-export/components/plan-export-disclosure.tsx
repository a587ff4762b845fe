import { lazy, Suspense, useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import type { PlanExportProps } from "./plan-export.tsx";

// The generators load when the user opens the export, not with the wizard.
const PlanExport = lazy(async () => ({ default: (await import("./plan-export.tsx")).PlanExport }));

/** "Export as code" on Ready to complete: a button that opens the export below it. */
export function PlanExportDisclosure(props: PlanExportProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <section className="summary-section" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t("planExport.title")}</h4>
      <Button small aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {t(open ? "planExport.hide" : "planExport.show")}
      </Button>
      <div id={id}>
        {open && (
          <Suspense fallback={<Spinner label={t("planExport.loading")} />}>
            <PlanExport {...props} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
