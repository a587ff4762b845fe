import {
  checkMigrateAdapter,
  PRIVILEGES,
  vmkernelAdapterMigrateSchema,
  type HostNetworking,
  type VmkernelAdapterInfo,
  type VmkernelAdapterMigrate,
} from "@addnet/contracts";
import { useEffect, useId, useMemo, useState } from "react";
import { useForm, useWatch, type FieldErrors } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChangeDialog } from "../../../components/change-dialog.tsx";
import { SelectField, StaticField, TextField } from "../../../components/ui/form-field.tsx";
import { RadioTable } from "../../../components/ui/radio-table.tsx";
import type { EntityNamer } from "../../../lib/errors.ts";
import { fieldError, schemaResolver, setServerIssues } from "../../../lib/form.ts";
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

  const errorFor = (path: keyof MigrateValues | "root") => {
    const error = fieldError(errors as FieldErrors, path);
    if (!error) return undefined;
    // Nothing chosen or typed there yet: the field waits for OK.
    if (!isSubmitted && path !== "root" && values[path] === "" && !touchedFields[path]) return undefined;
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
            setServerIssues(e, setError, formPath);
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

  return (
    <ChangeDialog
      title={t(to === "distributed" ? "migrateAdapter.titleToDistributed" : "migrateAdapter.titleToStandard", { device })}
      subtitle={t("migrateAdapter.subtitle", { host: host.name })}
      blocked={blocked}
      onSubmit={submit}
      formError={errorFor("root")}
      impact={impact}
      ready={target !== undefined}
      texts={{
        refused: t("migrateAdapter.refused", { device }),
        warnings: t("migrateAdapter.warnings", { device }),
        noImpact: t("migrateAdapter.noImpact", { device }),
        idle: values.portgroupKey === "" && to === "distributed" ? t("migrateAdapter.unselected") : t("migrateAdapter.invalid"),
        calls: t("migrateAdapter.callsTitle"),
      }}
      change={migrate}
      running={t("migrateAdapter.migrating", { device, host: host.name })}
      entityName={entityName}
      onClose={onClose}
    >
      <StaticField label={t("migrateAdapter.currentNetwork")}>
        {adapter.switchName
          ? t("wizard.target.networkOnSwitch", { network: adapter.networkLabel, switch: adapter.switchName })
          : adapter.networkLabel}
      </StaticField>
      {to === "distributed" ? toDistributed : toStandard}
      <p className="subtle">{t("migrateAdapter.keeps", { device })}</p>
    </ChangeDialog>
  );
}
