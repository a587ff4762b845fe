import type { AddressPlanError, AddressPlanLineError } from "@addnet/contracts";
import { useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/form-field.tsx";
import { validationText } from "../../../lib/labels.ts";
import type { PlanField, RolloutDraft } from "../model/rollout-draft.ts";
import { planFields, withAddressCsv, withIpv4Range, withIpv6Range } from "../model/rollout-plan.ts";
import { useRollout } from "./rollout-context.tsx";
import { PlanIssues, PlanTable } from "./rollout-plan-table.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

type Filled = { rows: RolloutDraft["rows"] } | { error: AddressPlanError };

/** A range's first address and mask (or prefix), and the button that gives every host its address from it. */
function RangeFields({
  family,
  initial,
  fill,
}: {
  family: "ipv4" | "ipv6";
  /** The first address and mask the shared pages give (the first host's). */
  initial: [first: string, mask: string];
  fill: (first: string, mask: string) => Filled;
}) {
  const { t } = useTranslation();
  const { update } = useRollout();
  const [first, setFirst] = useState(initial[0]);
  const [mask, setMask] = useState(initial[1]);
  const [error, setError] = useState<AddressPlanError>();
  const apply = () => {
    const filled = fill(first, mask);
    if ("error" in filled) return setError(filled.error);
    setError(undefined);
    update(() => ({ rows: filled.rows }));
  };
  // Enter fills the range rather than leaving the page.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    apply();
  };
  return (
    <fieldset className="plan-range">
      <legend>{t(`rollout.range.${family}.legend`)}</legend>
      <TextField
        label={t(`rollout.range.${family}.first`)}
        value={first}
        autoComplete="off"
        onChange={(e) => setFirst(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <TextField
        label={t(`rollout.range.${family}.mask`)}
        value={mask}
        autoComplete="off"
        onChange={(e) => setMask(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <Button small onClick={apply}>
        {t(`rollout.range.${family}.fill`)}
      </Button>
      {error && <Alert status="danger">{validationText(t, error.code, error.params)}</Alert>}
    </fieldset>
  );
}

/** Pasted CSV, a line "host,address,prefix or mask" each: taken only when every line is right, else each line's errors. */
function CsvFields() {
  const { t } = useTranslation();
  const { draft, update } = useRollout();
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<AddressPlanLineError[]>([]);
  const [taken, setTaken] = useState(false);
  const apply = () => {
    const result = withAddressCsv(draft, text);
    setTaken(!("errors" in result));
    if ("errors" in result) return setErrors(result.errors);
    setErrors([]);
    update(() => ({ rows: result.rows }));
  };
  return (
    <fieldset className="plan-csv">
      <legend>{t("rollout.csv.legend")}</legend>
      <div className="clr-form-control">
        <label htmlFor="rollout-csv" className="clr-control-label">
          {t("rollout.csv.label")}
        </label>
        <div className="clr-control-container">
          <textarea
            id="rollout-csv"
            className="clr-textarea"
            rows={4}
            value={text}
            spellCheck={false}
            aria-describedby="rollout-csv-help"
            onChange={(e) => {
              setText(e.target.value);
              setTaken(false);
            }}
          />
          <span className="clr-subtext" id="rollout-csv-help">
            {t("rollout.csv.help")}
          </span>
        </div>
      </div>
      <Button small onClick={apply} disabled={text.trim() === ""}>
        {t("rollout.csv.apply")}
      </Button>
      <div aria-live="polite">
        {errors.length > 0 && (
          <Alert status="danger">
            {t("rollout.csv.errors")}
            <PlanIssues issues={errors.map((e) => ({ field: null, path: String(e.line), code: e.code, params: e.params }))} />
          </Alert>
        )}
        {taken && <Alert status="success">{t("rollout.csv.taken")}</Alert>}
      </div>
    </fieldset>
  );
}

/**
 * The per-host plan: a row per host with the fields the shared pages leave to each host (its switch, label, VLAN,
 * addresses), every one editable; addresses from a range or pasted CSV. A field the schema refuses, or an address given
 * to two hosts, holds the page; what a host's own rules refuse is shown, and the preflight holds that host back.
 */
export function HostPlanPage() {
  const { t } = useTranslation();
  const { draft, plans, goNext } = useRollout();
  const fields: PlanField[] = planFields(draft).filter((f) => f !== "stackGateway" && f !== "dnsHostName");
  const valid = plans.every((p) => p.errors.length === 0);
  const ipv4 = fields.includes("ipv4Address");
  const ipv6 = fields.includes("ipv6Address");
  return (
    <WizardPage
      title={t("rollout.pages.hostPlan")}
      intro={t("rollout.plan.intro", { count: draft.hosts.length })}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) goNext("host-plan");
      }}
      footer={<WizardFooter page="host-plan" nextDisabled={!valid} />}
    >
      {(ipv4 || ipv6) && (
        <div className="plan-sources">
          {ipv4 && (
            <RangeFields
              family="ipv4"
              initial={[draft.values.ipv4.address, draft.values.ipv4.subnetMask]}
              fill={(first, mask) => withIpv4Range(draft, first, mask)}
            />
          )}
          {ipv6 && (
            <RangeFields
              family="ipv6"
              initial={[draft.values.ipv6.staticAddresses[0]?.address ?? "", draft.values.ipv6.staticAddresses[0]?.prefixLength ?? "64"]}
              fill={(first, prefix) => withIpv6Range(draft, first, prefix)}
            />
          )}
          <CsvFields />
        </div>
      )}
      <PlanTable
        caption={t("rollout.pages.hostPlan")}
        fields={fields}
        issues={(p) => [...p.errors, ...p.hostErrors]}
        status={{
          title: t("rollout.columns.status"),
          cell: (p) => {
            const rest = [...p.errors, ...p.hostErrors].filter((i) => i.field === null || !fields.includes(i.field));
            return (
              <>
                {p.errors.length + p.hostErrors.length === 0 ? (
                  <StatusLabel color="success">{t("rollout.plan.ok")}</StatusLabel>
                ) : (
                  <StatusLabel color="danger">{t("rollout.plan.hasErrors")}</StatusLabel>
                )}
                {rest.length > 0 && <PlanIssues issues={rest} />}
                {p.warnings.length > 0 && <PlanIssues issues={p.warnings} />}
              </>
            );
          },
        }}
      />
    </WizardPage>
  );
}
