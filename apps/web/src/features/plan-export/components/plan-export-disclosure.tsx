import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { PlanExport, type PlanExportProps } from "./plan-export.tsx";

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
        {/* The generators load when the user first opens the export, not with the wizard. */}
        {open && <PlanExport {...props} />}
      </div>
    </section>
  );
}
