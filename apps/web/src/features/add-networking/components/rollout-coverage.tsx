import { checkAdapter } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { validationText } from "../../../lib/labels.ts";
import { adapterInput, pageOfPath, type FormPageId } from "../model/page-rules.ts";
import { useRollout } from "./rollout-context.tsx";

/**
 * Above a shared page: what the page's choices (the first host's) do not fit on the other selected hosts, host by host,
 * by the same rules. It does not hold the run back: each host's own values are on the per-host plan, and the preflight
 * holds back a host that still does not fit.
 */
export function HostCoverage({ page }: { page: FormPageId }) {
  const { t } = useTranslation();
  const { draft, plans } = useRollout();
  const input = adapterInput(draft.values);
  const found = plans.slice(1).flatMap(({ host, networking }) =>
    networking
      ? checkAdapter(networking, input)
          .errors.filter((e) => pageOfPath(e.path) === page)
          .map((e) => ({ key: `${host.id} ${e.path} ${e.code}`, host: host.name, text: validationText(t, e.code, e.params) }))
      : [],
  );
  if (found.length === 0) return null;
  return (
    <Alert status="warning">
      {t("rollout.coverage.intro")}
      <ul className="issue-list">
        {found.map((f) => (
          <li key={f.key}>{t("rollout.hostIssue", { host: f.host, issue: f.text })}</li>
        ))}
      </ul>
    </Alert>
  );
}
