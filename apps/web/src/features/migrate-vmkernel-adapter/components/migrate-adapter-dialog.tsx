import {
  checkMigrateAdapter,
  PRIVILEGES,
  vmkernelAdapterMigrateSchema,
  type HostNetworking,
  type VmkernelAdapterInfo,
  type VmkernelAdapterMigrate,
} from "@addnet/contracts";
import { useEffect, useId, useMemo, useState } from "react";
import { useForm, useWatch, type FieldErrors, type FieldPath } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChangeOutcome } from "../../../components/change-outcome.tsx";
import { ImpactAnalysis } from "../../../components/impact-analysis.tsx";
import { IssueList } from "../../../components/issue-list.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SelectField, StaticField, TextField } from "../../../components/ui/form-field.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import { RadioTable } from "../../../components/ui/radio-table.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError, type EntityNamer } from "../../../lib/errors.ts";
import { fieldError, schemaResolver } from "../../../lib/form.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
import { missingPrivilegeText, validationText } from "../../../lib/labels.ts";
import { useMigrateAdapter, useMigrationImpact } from "../api/migrate-adapter.ts";
import {
  formPath,
  initialMigrateValues,
  migrateIssues,
  migrationDirection,
  refusesAnyMigration,
  toMigrate,
  type MigrateValues,
} from "./adapter-migrate-form.ts";

export interface MigrateAdapterDialogProps {
  networking: HostNetworking;
  adapter: VmkernelAdapterInfo;
  onClose: () => void;
  /** The adapter as the host now has it, on its new network: the dialog closes and the view says so. */
  onMigrated: (adapter: VmkernelAdapterInfo) => void;
}

/**
 * "<vmkN> - Migrate to Distributed Switch" for an adapter on a standard port group: one of the host's distributed port
 * groups, those without Network.Assign disabled with the missing privilege, as the wizard's Select target device has them.
 * "<vmkN> - Migrate to Standard Switch" for one on a distributed port group: a standard switch, and the network label and
 * VLAN ID of the port group made for it. The shared schema and checkMigrateAdapter say at the fields what is wrong; a
 * valid target is sent to Analyze impact, whose errors keep OK off. OK sends the target with an Idempotency-Key: a new one
 * for each attempt, the same one again when the last attempt's answer was lost. A failure keeps the dialog open.
 */
export function MigrateAdapterDialog({ networking, adapter, onClose, onMigrated }: MigrateAdapterDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const { device } = adapter;
  const to = migrationDirection(adapter);
  const formId = useId();
  const vlanChoices = useId();
  const migrate = useMigrateAdapter(host.id);
  const attempt = useIdempotentAttempt();
  // A refused Network.Assign names the distributed port group by its key.
  const entityName: EntityNamer = (e) =>
    e.id === host.id ? host.name : networking.distributedPortgroups.find((p) => p.key === e.id)?.name;

  const [initial] = useState(() => initialMigrateValues(networking, adapter));
  const resolver = useMemo(
    () =>
      schemaResolver<MigrateValues, typeof vmkernelAdapterMigrateSchema>(
        vmkernelAdapterMigrateSchema,
        (v) => toMigrate(v, to),
        (v) => migrateIssues(v, networking, device, to),
      ),
    [networking, device, to],
  );
  const {
    register,
    control,
    handleSubmit,
    getValues,
    setValue,
    setError,
    trigger,
    formState: { errors, touchedFields, isSubmitted },
  } = useForm<MigrateValues, unknown, VmkernelAdapterMigrate>({ defaultValues: initial, resolver });
  const watched = useWatch({ control });
  const values = getValues();
  // Every change checks the form again, so that a label in use or an MTU above the target's shows as it is chosen.
  useEffect(() => {
    void trigger();
  }, [watched, trigger]);

  const input = toMigrate(values, to);
  const check = checkMigrateAdapter(networking, device, input);
  const refusal = check.errors.find(refusesAnyMigration);
  const blocked = refusal && validationText(t, refusal.code, refusal.params);
  const parsed = vmkernelAdapterMigrateSchema.safeParse(input);
  const target = parsed.success && check.errors.length === 0 ? parsed.data : undefined;
  const impact = useMigrationImpact(host.id, device, target);
  // A valid target waits for its analysis and stays refused while the analysis refuses it; OK on errors shows them.
  const okDisabled =
    Boolean(blocked) || migrate.isPending || (target !== undefined && (!impact.analysis || impact.analysis.errors.length > 0));

  const failed = migrate.isError ? migrate.error : undefined;
  const problem = failed instanceof ApiError ? failed.problem : undefined;
  // A refusal of the fields (the host's rules, run again by the server) is shown at the fields too.
  const failure = problem?.errors?.length && !problem.outcome?.length ? t("errors.validationFailed") : describeError(t, failed, entityName);

  const close = () => {
    if (!migrate.isPending) onClose();
  };

  const errorFor = (path: keyof MigrateValues) => {
    const error = fieldError(errors as FieldErrors, path);
    if (!error) return undefined;
    // Nothing chosen or typed there yet: the field waits for OK.
    if (!isSubmitted && values[path] === "" && !touchedFields[path]) return undefined;
    return validationText(t, error.message, error.params);
  };

  const submit = handleSubmit((body) =>
    attempt((idempotencyKey, failed) =>
      migrate.mutate(
        { device, target: body, idempotencyKey },
        {
          onSuccess: ({ adapter: migrated }) => onMigrated(migrated),
          onError: (e) => {
            failed(e);
            if (!(e instanceof ApiError)) return;
            for (const issue of e.problem?.errors ?? []) {
              setError(
                formPath(issue.path) as FieldPath<MigrateValues>,
                { type: "server", message: issue.code, ...(issue.params ? { params: issue.params } : {}) } as never,
              );
            }
          },
        },
      ),
    ),
  );

  const toDistributed = (
    <>
      <p>{t("migrateAdapter.selectPortgroup", { device })}</p>
      {networking.distributedPortgroups.length === 0 ? (
        <p>{t("wizard.target.noNetworks")}</p>
      ) : (
        <RadioTable
          caption={t("migrateAdapter.portgroups")}
          columns={[
            t("wizard.target.columns.name"),
            t("wizard.target.columns.distributedSwitch"),
            t("wizard.target.columns.vlanId"),
            t("wizard.target.columns.mtu"),
          ]}
          rows={networking.distributedPortgroups.map((p) => ({
            id: p.key,
            cells: [p.name, p.switchName, p.vlanId ?? t("common.none"), p.mtu ?? t("common.none")],
            disabledReason: p.canAssign ? undefined : missingPrivilegeText(t, PRIVILEGES.assign, p.name),
          }))}
          selected={values.portgroupKey}
          onSelect={(key) => setValue("portgroupKey", key, { shouldDirty: true, shouldTouch: true })}
          error={errorFor("portgroupKey")}
        />
      )}
    </>
  );
  const toStandard =
    networking.vswitches.length === 0 ? (
      <p>{t("wizard.target.noSwitches")}</p>
    ) : (
      <>
        <SelectField label={t("wizard.target.selectedSwitch")} error={errorFor("vswitchName")} {...register("vswitchName")}>
          {networking.vswitches.map((vs) => (
            <option key={vs.name} value={vs.name}>
              {vs.name}
            </option>
          ))}
        </SelectField>
        <TextField label={t("wizard.port.networkLabel")} error={errorFor("networkLabel")} {...register("networkLabel")} />
        <TextField
          label={t("wizard.port.vlanId")}
          inputMode="numeric"
          helper={t("wizard.port.vlanHelp")}
          error={errorFor("vlanId")}
          list={vlanChoices}
          {...register("vlanId")}
        />
        <datalist id={vlanChoices}>
          <option value="0">{t("wizard.port.vlanNone")}</option>
        </datalist>
      </>
    );

  const title = t(to === "distributed" ? "migrateAdapter.titleToDistributed" : "migrateAdapter.titleToStandard", { device });
  const rootError = errors.root as (FieldErrors["root"] & { params?: Record<string, string | number> }) | undefined;

  return (
    <Modal
      title={title}
      onClose={close}
      closeLabel={t("common.close")}
      size="lg"
      footer={
        <>
          <Button onClick={close} disabled={migrate.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} variant="primary" disabled={okDisabled}>
            {t("common.ok")}
          </Button>
        </>
      }
    >
      <p className="dialog-subtitle">{t("migrateAdapter.subtitle", { host: host.name })}</p>
      {blocked ? (
        <Alert status="warning">{blocked}</Alert>
      ) : (
        <>
          <form id={formId} className="clr-form clr-form-horizontal" onSubmit={submit} noValidate>
            <StaticField label={t("migrateAdapter.currentNetwork")}>
              {adapter.switchName
                ? t("wizard.target.networkOnSwitch", { network: adapter.networkLabel, switch: adapter.switchName })
                : adapter.networkLabel}
            </StaticField>
            {to === "distributed" ? toDistributed : toStandard}
            <p className="subtle">{t("migrateAdapter.keeps", { device })}</p>
            {rootError?.message && <Alert status="warning">{validationText(t, rootError.message, rootError.params)}</Alert>}
          </form>
          <ImpactAnalysis
            analysis={impact.analysis}
            analyzing={impact.analyzing}
            failure={impact.failure}
            onAnalyze={impact.analyze}
            analyzeDisabled={target === undefined || migrate.isPending}
            refusedText={t("migrateAdapter.refused", { device })}
            warningsText={t("migrateAdapter.warnings", { device })}
            noImpactText={t("migrateAdapter.noImpact", { device })}
            idleText={values.portgroupKey === "" && to === "distributed" ? t("migrateAdapter.unselected") : t("migrateAdapter.invalid")}
            callsTitle={t("migrateAdapter.callsTitle")}
            steps={problem?.steps}
            running={migrate.isPending}
            entityName={entityName}
          />
        </>
      )}
      <ChangeOutcome running={migrate.isPending ? t("migrateAdapter.migrating", { device, host: host.name }) : undefined} failure={failed}>
        {failure}
        {problem?.errors && <IssueList issues={problem.errors} />}
      </ChangeOutcome>
    </Modal>
  );
}
