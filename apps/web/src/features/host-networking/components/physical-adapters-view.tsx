import type { HostNetworking } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { speedText } from "../../../lib/labels.ts";

/** Configure → Networking → Physical adapters, with the switch each one is on. */
export function PhysicalAdaptersView({ networking }: { networking: HostNetworking }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="physical-adapters-title">
      <h2 id="physical-adapters-title">{t("hostNetworking.views.physicalAdapters")}</h2>
      <table className="table table-compact">
        <caption className="clr-sr-only">{t("hostNetworking.views.physicalAdapters")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("hostNetworking.columns.device")}</th>
            <th scope="col">{t("hostNetworking.columns.actualSpeed")}</th>
            <th scope="col">{t("hostNetworking.columns.macAddress")}</th>
            <th scope="col">{t("hostNetworking.columns.switch")}</th>
          </tr>
        </thead>
        <tbody>
          {networking.physicalNics.map((nic) => (
            <tr key={nic.device}>
              <th scope="row">{nic.device}</th>
              <td>{speedText(t, nic.speedMb)}</td>
              <td>{nic.mac}</td>
              <td>{nic.usedBy ? nic.usedBy.name : t("hostNetworking.pnicFree")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
