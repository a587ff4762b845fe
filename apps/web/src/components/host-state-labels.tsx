import type { HostSummary } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { StatusLabel } from "./ui/badge.tsx";

/** Disconnected / Not responding / Maintenance mode, as labels. */
export function HostStateLabels({ host }: { host: Pick<HostSummary, "connectionState" | "inMaintenanceMode"> }) {
  const { t } = useTranslation();
  return (
    <>
      {host.connectionState === "disconnected" && <StatusLabel color="danger">{t("hostState.disconnected")}</StatusLabel>}
      {host.connectionState === "notResponding" && <StatusLabel color="danger">{t("hostState.notResponding")}</StatusLabel>}
      {host.inMaintenanceMode && <StatusLabel color="warning">{t("hostState.maintenanceMode")}</StatusLabel>}
    </>
  );
}
