import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Alert } from "../../../components/ui/alert.tsx";
import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { paths } from "../../../config/paths.ts";
import { describeError } from "../../../lib/errors.ts";
import { useAudit } from "../api/get-audit.ts";

const OUTCOME_COLOR = { success: "success", failure: "danger", partial: "warning" } as const;

/** Recent changes made through addnet: the API's audit log. */
export function AuditLog() {
  const { t, i18n } = useTranslation();
  const audit = useAudit();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      {audit.isPending && <Spinner label={t("common.loading")} />}
      {audit.isError && <Alert status="danger">{describeError(t, audit.error)}</Alert>}
      {audit.isSuccess && audit.data.length === 0 && <p>{t("audit.empty")}</p>}
      {audit.isSuccess && audit.data.length > 0 && (
        <table className="table table-compact">
          <caption className="clr-sr-only">{t("audit.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.columns.time")}</th>
              <th scope="col">{t("audit.columns.user")}</th>
              <th scope="col">{t("audit.columns.action")}</th>
              <th scope="col">{t("audit.columns.host")}</th>
              <th scope="col">{t("audit.columns.outcome")}</th>
              <th scope="col">{t("audit.columns.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {audit.data.map((e) => (
              <tr key={e.requestId + e.time}>
                <td>{time.format(new Date(e.time))}</td>
                <td>{e.user}</td>
                <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                <td>
                  {e.hostId ? <Link to={paths.networking(e.hostId, "vmkernel-adapters")}>{e.hostName ?? e.hostId}</Link> : t("common.none")}
                </td>
                <td>
                  <StatusLabel color={OUTCOME_COLOR[e.outcome]}>{t(`audit.outcomes.${e.outcome}`)}</StatusLabel>
                </td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
