import { checkSwitchEdit, standardSwitchEditSchema, type HostNetworking, type StandardSwitchEdit } from "@addnet/contracts";
import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useForm, useWatch, type FieldErrors, type FieldPath } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { ChangeDialog } from "../../../components/change-dialog.tsx";
import { FailoverOrder } from "../../../components/failover-order/failover-order.tsx";
import { SecurityFields, TeamingFields } from "../../../components/network-policy/policy-fields.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { TextField } from "../../../components/ui/form-field.tsx";
import { VerticalTabs } from "../../../components/ui/tabs.tsx";
import type { EntityNamer } from "../../../lib/errors.ts";
import { fieldError, schemaResolver, setServerIssues, type FieldBinding } from "../../../lib/form.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
import { validationText } from "../../../lib/labels.ts";
import { useEditSwitch, useSwitchEditImpact } from "../api/standard-switches.ts";
import {
  formPath,
  initialSwitchEditValues,
  PAGE_PARTS,
  refusesAnyEdit,
  switchEditIssues,
  toSwitchEdit,
  type SwitchEditPage,
  type SwitchEditValues,
  type SwitchInfo,
} from "./switch-edit-form.ts";

const PAGES = Object.keys(PAGE_PARTS) as SwitchEditPage[];

const PAGE_TITLE_KEYS = {
  properties: "standardSwitches.pages.properties",
  security: "standardSwitches.pages.security",
  teaming: "standardSwitches.pages.teaming",
} as const satisfies Record<SwitchEditPage, string>;

export interface EditSwitchDialogProps {
  networking: HostNetworking;
  vswitch: SwitchInfo;
  onClose: () => void;
  /** The switch as the host now has it: the dialog closes and the view says so. */
  onEdited: (vswitch: SwitchInfo) => void;
}

/**
 * "<vSwitchN> - Edit Settings" (the Virtual switches view's Edit): Properties (MTU), Security (promiscuous mode, MAC
 * address changes, forged transmits) and Teaming and failover (load balancing, notify switches, failback, the failover
 * order of the switch's own adapters). The shared schema and checkSwitchEdit say at the fields what is wrong; a valid
 * change is sent to Analyze impact, whose errors keep OK off. OK sends only the parts that changed, with an
 * Idempotency-Key: a new one for each attempt, the same one again when the last attempt's answer was lost. A failure keeps
 * the dialog open, with what was chosen.
 */
export function EditSwitchDialog({ networking, vswitch, onClose, onEdited }: EditSwitchDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const { name } = vswitch;
  const orderId = useId();
  const [page, setPage] = useState<SwitchEditPage>("properties");
  const update = useEditSwitch(host.id);
  const attempt = useIdempotentAttempt();
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);

  const [initial] = useState(() => initialSwitchEditValues(vswitch));
  const resolver = useMemo(
    () =>
      schemaResolver<SwitchEditValues, typeof standardSwitchEditSchema>(
        standardSwitchEditSchema,
        (v) => toSwitchEdit(v, vswitch),
        (v) => switchEditIssues(v, networking, vswitch),
      ),
    [networking, vswitch],
  );
  const {
    register,
    control,
    handleSubmit,
    getValues,
    setValue,
    setError,
    trigger,
    formState: { errors, isSubmitted },
  } = useForm<SwitchEditValues, unknown, StandardSwitchEdit>({ defaultValues: initial, resolver });
  const watched = useWatch({ control });
  const values = getValues();
  // Every change checks the form again, so that an MTU below an adapter's shows as it is typed.
  useEffect(() => {
    void trigger();
  }, [watched, trigger]);

  const input = toSwitchEdit(values, vswitch);
  const changed = Object.keys(input).length > 0;
  const check = checkSwitchEdit(networking, name, input);
  const refusal = check.errors.find(refusesAnyEdit);
  const blocked = refusal && validationText(t, refusal.code, refusal.params);
  const parsed = standardSwitchEditSchema.safeParse(input);
  const edit = changed && parsed.success && check.errors.length === 0 ? parsed.data : undefined;
  const impact = useSwitchEditImpact(host.id, name, edit);

  const errorFor = (path: string) => {
    const error = fieldError(errors as FieldErrors, path);
    return error && validationText(t, error.message, error.params);
  };

  const submit = handleSubmit(
    (body) =>
      attempt((idempotencyKey, failed) =>
        update.mutate(
          { name, edit: body, idempotencyKey },
          {
            onSuccess: ({ vswitch: edited }) => onEdited(edited),
            onError: (e) => {
              failed(e);
              setServerIssues(e, setError, formPath);
            },
          },
        ),
      ),
    (invalid) => {
      const first = PAGES.find((p) => PAGE_PARTS[p] in invalid);
      if (first) setPage(first);
    },
  );
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    // Nothing changed: OK closes, as the vSphere Client's does, without a call.
    if (changed) return submit(e);
    e.preventDefault();
    onClose();
  };

  const bind = <P extends "security" | "teaming">(part: P): FieldBinding<SwitchEditValues[P]> => ({
    register: (field) => register(`${part}.${field}` as FieldPath<SwitchEditValues>),
    errorFor: (field) => errorFor(`${part}.${field}`),
  });

  const orderError =
    errorFor("teaming.failoverOrder.active") ?? errorFor("teaming.failoverOrder.standby") ?? errorFor("teaming.failoverOrder.unused");
  const panels: Record<SwitchEditPage, ReactNode> = {
    properties: <TextField label={t("standardSwitches.mtu")} inputMode="numeric" error={errorFor("mtu")} {...register("mtu")} />,
    security: <SecurityFields binding={bind("security")} />,
    teaming: (
      <>
        <TeamingFields binding={bind("teaming")} />
        <section className="summary-section" aria-labelledby={orderId}>
          <h3 id={orderId}>{t("standardSwitches.failoverOrder")}</h3>
          {orderError && <Alert status="danger">{orderError}</Alert>}
          <FailoverOrder
            physicalNics={networking.physicalNics}
            value={values.teaming.failoverOrder}
            onChange={(next) => setValue("teaming.failoverOrder", next, { shouldDirty: true, shouldTouch: true })}
          />
        </section>
      </>
    ),
  };

  const title = t("standardSwitches.editTitle", { vswitch: name });
  return (
    <ChangeDialog
      title={title}
      subtitle={t("standardSwitches.subtitle", { host: host.name })}
      blocked={blocked}
      onSubmit={onSubmit}
      // Unchanged, the schema asks for a change: OK then closes, so the form says nothing.
      formError={changed ? errorFor("root") : undefined}
      impact={impact}
      ready={edit !== undefined}
      texts={{
        refused: t("standardSwitches.refused", { vswitch: name }),
        warnings: t("standardSwitches.warnings", { vswitch: name }),
        noImpact: t("standardSwitches.noImpact", { vswitch: name }),
        idle: changed ? t("standardSwitches.invalid") : t("standardSwitches.unchanged"),
        calls: t("standardSwitches.callsTitle"),
      }}
      change={update}
      running={t("standardSwitches.updating", { vswitch: name, host: host.name })}
      entityName={entityName}
      onClose={onClose}
    >
      <VerticalTabs
        label={title}
        selected={page}
        onSelect={(id) => setPage(id as SwitchEditPage)}
        items={PAGES.map((p) => ({
          id: p,
          label: t(PAGE_TITLE_KEYS[p]),
          panel: panels[p],
          invalid: isSubmitted && PAGE_PARTS[p] in errors,
        }))}
      />
    </ChangeDialog>
  );
}
