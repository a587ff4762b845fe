import type { Issue } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { validationText } from "../lib/labels.ts";

/** What the host's rules or the API found, each in the user's words. */
export function IssueList({ issues }: { issues: readonly Issue[] }) {
  const { t } = useTranslation();
  return (
    <ul className="issue-list">
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${i}`}>{validationText(t, issue.code, issue.params)}</li>
      ))}
    </ul>
  );
}
