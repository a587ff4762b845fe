import { auditOutcomes, messageText, type AuditEntryInfo, type AuditOutcome } from "@addnet/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Alert } from "../../../components/ui/alert.tsx";
import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SelectField } from "../../../components/ui/form-field.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { paths } from "../../../config/paths.ts";
import { describeError } from "../../../lib/errors.ts";
import { validationText } from "../../../lib/labels.ts";
import { useAudit } from "../api/get-audit.ts";

const OUTCOME_COLOR = { running: "info", success: "success", failure: "danger", partial: "warning" } as const;

/** Recent changes made through addnet: the API's journal, a page at a time, filtered by outcome. */
export function AuditLog() {
  const { t, i18n } = useTranslation();
  const [outcome, setOutcome] = useState<AuditOutcome | undefined>();
  const audit = useAudit(outcome);
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium" });
  // In the user's words; a running change's detail is its outcome, and an entry from before the catalogue its English.
  const detailOf = (e: AuditEntryInfo) =>
    e.messages
      ? e.messages.map((m) => messageText(m, (code, params) => validationText(t, code, params))).join(" ")
      : e.outcome === "running"
        ? ""
        : e.detail;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <SelectField
        label={t("audit.outcomeFilter")}
        value={outcome ?? ""}
        onChange={(e) => setOutcome((e.target.value || undefined) as AuditOutcome | undefined)}
      >
        <option value="">{t("audit.allOutcomes")}</option>
        {auditOutcomes.map((o) => (
          <option key={o} value={o}>
            {t(`audit.outcomes.${o}`)}
          </option>
        ))}
      </SelectField>
      {audit.isPending && <Spinner label={t("common.loading")} />}
      {audit.isError && <Alert status="danger">{describeError(t, audit.error)}</Alert>}
      {audit.isSuccess && entries.length === 0 && <p>{t("audit.empty")}</p>}
      {audit.isSuccess && entries.length > 0 && (
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
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{time.format(new Date(e.time))}</td>
                <td>{e.user}</td>
                <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                <td>
                  {e.hostId ? <Link to={paths.networking(e.hostId, "vmkernel-adapters")}>{e.hostName ?? e.hostId}</Link> : t("common.none")}
                </td>
                <td>
                  <StatusLabel color={OUTCOME_COLOR[e.outcome]}>{t(`audit.outcomes.${e.outcome}`)}</StatusLabel>
                </td>
                <td>{detailOf(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {audit.hasNextPage && (
        <Button variant="outline" disabled={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
          {t("audit.more")}
        </Button>
      )}
    </section>
  );
}
