import type { CreatedAdapter } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { serviceLabel } from "../lib/labels.ts";

/** The default-stack adapters that lost vMotion or Provisioning to an adapter on that service's own stack (R2, R3). */
export function LostServices({ lost }: { lost: CreatedAdapter["lostServices"] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {lost.map((l) => (
        <li key={`${l.device}-${l.nicType}`}>
          {t("wizard.result.lostService", { device: l.device, service: serviceLabel(t, l.nicType) })}
        </li>
      ))}
    </ul>
  );
}
