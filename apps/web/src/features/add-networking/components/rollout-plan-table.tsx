import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Spinner } from "../../../components/ui/spinner.tsx";
import { validationText } from "../../../lib/labels.ts";
import type { PlanField } from "../model/rollout-draft.ts";
import type { HostPlan, PlanIssue } from "../model/rollout-plan.ts";
import { useRollout } from "./rollout-context.tsx";

/** Each plan field's column, in the words of the page that asks for it. */
export const PLAN_FIELD_KEYS = {
  vswitchName: "rollout.columns.vswitchName",
  networkLabel: "wizard.port.networkLabel",
  vlanId: "wizard.port.vlanId",
  ipv4Address: "wizard.ipv4.address",
  subnetMask: "wizard.ipv4.subnetMask",
  ipv4Gateway: "wizard.ipv4.defaultGateway",
  ipv6Address: "wizard.ipv6.address",
  ipv6Prefix: "wizard.ipv6.prefixLength",
  stackGateway: "tcpip.routing.ipv4Gateway",
  dnsHostName: "tcpip.dns.hostName",
} as const satisfies Record<PlanField, string>;

/** Issues in the user's words, one a line. */
export function PlanIssues({ issues, id }: { issues: readonly PlanIssue[]; id?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="issue-list" id={id}>
      {issues.map((i, n) => (
        <li key={`${i.path}-${i.code}-${n}`}>{validationText(t, i.code, i.params)}</li>
      ))}
    </ul>
  );
}

/** One host's field: an input named after the field and the host, with its errors under it. */
function PlanCell({ plan, field, issues }: { plan: HostPlan; field: PlanField; issues: PlanIssue[] }) {
  const { t } = useTranslation();
  const { update } = useRollout();
  const errorId = useId();
  const mine = issues.filter((i) => i.field === field);
  return (
    <td className={mine.length ? "clr-error" : undefined}>
      <input
        className="clr-input plan-input"
        value={plan.row[field]}
        aria-label={t("rollout.cellLabel", { field: t(PLAN_FIELD_KEYS[field]), host: plan.host.name })}
        aria-invalid={mine.length ? true : undefined}
        aria-describedby={mine.length ? errorId : undefined}
        autoComplete="off"
        onChange={(e) => {
          const value = e.target.value;
          update((d) => ({ rows: { ...d.rows, [plan.host.id]: { ...d.rows[plan.host.id], [field]: value } } }));
        }}
      />
      {mine.length > 0 && (
        <span className="clr-subtext-wrapper error">
          <PlanIssues issues={mine} id={errorId} />
        </span>
      )}
    </td>
  );
}

export interface PlanTableProps {
  caption: string;
  fields: readonly PlanField[];
  /** The issues shown next to each host's fields, when they can be edited. */
  issues?: (plan: HostPlan) => PlanIssue[];
  /** The last column: what the plan means for the host (its other issues, the preflight's verdict). */
  status: { title: string; cell: (plan: HostPlan) => ReactNode };
  /** Only these hosts (all of them when left out). */
  only?: (plan: HostPlan) => boolean;
}

/** A row per host: its name, its plan's fields (inputs where `issues` says what to show next to them), and its status. */
export function PlanTable({ caption, fields, issues, status, only }: PlanTableProps) {
  const { t } = useTranslation();
  const { plans } = useRollout();
  return (
    <div className="plan-table-scroller">
      <table className="table table-compact plan-table">
        <caption className="clr-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("rollout.columns.host")}</th>
            {fields.map((f) => (
              <th key={f} scope="col">
                {t(PLAN_FIELD_KEYS[f])}
              </th>
            ))}
            <th scope="col">{status.title}</th>
          </tr>
        </thead>
        <tbody>
          {plans
            .filter((p) => !only || only(p))
            .map((plan) => (
              <tr key={plan.host.id}>
                <th scope="row">{plan.host.name}</th>
                {fields.map((f) =>
                  issues ? (
                    <PlanCell key={f} plan={plan} field={f} issues={issues(plan)} />
                  ) : (
                    <td key={f}>{plan.row[f].trim() || t("common.none")}</td>
                  ),
                )}
                <td>{plan.networking ? status.cell(plan) : <Spinner label={t("rollout.readingHost")} />}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
