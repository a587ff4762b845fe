import { rolloutRequestSchema, type RolloutRequest } from "@addnet/contracts";
import { useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { StatusLabel } from "../../../components/ui/badge.tsx";
import { TextField } from "../../../components/ui/form-field.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError } from "../../../lib/errors.ts";
import { toNumber } from "../../../lib/form.ts";
import { isDefiniteFailure, newIdempotencyKey } from "../../../lib/idempotency.ts";
import { validationText } from "../../../lib/labels.ts";
import { useCreateRollout } from "../api/rollouts.ts";
import { exportHosts, planFields } from "../model/rollout-plan.ts";
import { useRollout } from "./rollout-context.tsx";
import { PlanIssues, PlanTable } from "./rollout-plan-table.tsx";
import { isHeldBack, usePlanPreflight } from "./rollout-preflight.tsx";
import { summarize } from "./summary.ts";
import { ReadyToCompletePage } from "./ready-to-complete-page.tsx";

/**
 * Ready to complete for many hosts: the shared choices, the per-host plan with each host going ahead or held back by the
 * preflight, how many hosts change at once, and Finish: POST /rollouts with the hosts that go ahead, once.
 */
export function RolloutReady() {
  const { t } = useTranslation();
  const { draft, reference, plans, update, exportPlan } = useRollout();
  const { request, check } = usePlanPreflight();
  const create = useCreateRollout();
  const sending = useRef(false);

  // The addresses are each host's: the per-host table shows them rather than the first host's pages.
  const perHost = new Set(planFields(draft));
  const sections = summarize(t, draft.values, reference).filter(
    (s) => !(s.page === "ipv4-settings" && perHost.has("ipv4Address")) && !(s.page === "ipv6-settings" && perHost.has("ipv6Address")),
  );
  const held = useMemo(() => new Map((check.data?.hosts ?? []).filter(isHeldBack).map((h) => [h.hostId, h])), [check.data]);
  const body: RolloutRequest = {
    hosts: request.hosts.filter((h) => !held.has(h.hostId)),
    ...(draft.concurrency.trim() !== "" && { concurrency: toNumber(draft.concurrency) }),
  } as RolloutRequest;
  const parsed = rolloutRequestSchema.safeParse(body);
  const concurrencyIssue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === "concurrency");
  const finishDisabled = !check.isSuccess || check.isFetching || !parsed.success || create.isPending || create.isSuccess;

  const onFinish = () => {
    if (finishDisabled || !parsed.success || sending.current) return;
    sending.current = true;
    create.mutate(
      { request: parsed.data, idempotencyKey: draft.idempotencyKey },
      {
        onSuccess: (result) => update(() => ({ result })),
        onError: (err) => {
          sending.current = false;
          // A refusal is final: the next Finish is a new attempt. A lost answer is retried with the same key.
          if (isDefiniteFailure(err)) update(() => ({ idempotencyKey: newIdempotencyKey() }));
        },
      },
    );
  };

  return (
    <ReadyToCompletePage intro={t("rollout.ready.intro")} sections={sections} onFinish={onFinish} finishDisabled={finishDisabled}>
      <section className="summary-section" aria-labelledby="rollout-hosts-title">
        <h4 id="rollout-hosts-title">
          {t("rollout.ready.hostsTitle", { count: request.hosts.length - held.size, total: draft.hosts.length })}
        </h4>
        {check.isFetching && <Spinner label={t("rollout.preflight.checking", { count: draft.hosts.length })} />}
        {check.isError && <Alert status="danger">{describeError(t, check.error)}</Alert>}
        <PlanTable
          caption={t("rollout.ready.hostsCaption")}
          fields={planFields(draft)}
          status={{
            title: t("rollout.columns.result"),
            cell: (p) => {
              const h = held.get(p.host.id);
              if (!check.isSuccess) return null;
              return h ? (
                <>
                  <StatusLabel color="danger">{t("rollout.preflight.heldBack")}</StatusLabel>
                  <PlanIssues issues={h.errors.map((e) => ({ field: null, path: e.path, code: e.code, params: e.params }))} />
                  {h.missingPrivilege && (
                    <PlanIssues
                      issues={[
                        {
                          field: null,
                          path: "",
                          code: "privilege.missing",
                          params: { privilege: h.missingPrivilege.privilege, entity: h.hostName },
                        },
                      ]}
                    />
                  )}
                </>
              ) : (
                <StatusLabel color="success">{t("rollout.ready.goesAhead")}</StatusLabel>
              );
            },
          }}
        />
      </section>

      {exportPlan?.(
        draft.hosts[0]?.datacenter ?? null,
        exportHosts(plans, (id) => held.has(id)),
      )}

      <section className="summary-section" aria-labelledby="rollout-run-title">
        <h4 id="rollout-run-title">{t("rollout.ready.runTitle")}</h4>
        <TextField
          label={t("rollout.ready.concurrency")}
          inputMode="numeric"
          value={draft.concurrency}
          helper={t("rollout.ready.concurrencyHelp")}
          error={concurrencyIssue && validationText(t, concurrencyIssue.message)}
          onChange={(e) => {
            const concurrency = e.target.value;
            update(() => ({ concurrency }));
          }}
        />
      </section>

      <div aria-live="polite">
        {create.isPending && <Spinner label={t("rollout.ready.starting")} />}
        {create.isError && (
          <Alert status="danger">
            {describeError(t, create.error, (e) => draft.hosts.find((h) => h.id === e.id)?.name)}
            {create.error instanceof ApiError && create.error.problem?.errors && (
              <PlanIssues
                issues={create.error.problem.errors.map((e) => ({ field: null, path: e.path, code: e.code, params: e.params }))}
              />
            )}
          </Alert>
        )}
      </div>
    </ReadyToCompletePage>
  );
}
