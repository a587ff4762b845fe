import { checkPortGroupEdit, portGroupEditSchema, type HostNetworking, type PortGroupEdit } from "@addnet/contracts";
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from "react";
import { useForm, useWatch, type FieldErrors, type FieldPath } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { FailoverOrder } from "../../../components/failover-order/failover-order.tsx";
import { SecurityFields, TeamingFields } from "../../../components/network-policy/policy-fields.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox, TextField } from "../../../components/ui/form-field.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { VerticalTabs } from "../../../components/ui/tabs.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError, type EntityNamer } from "../../../lib/errors.ts";
import { fieldError, schemaResolver, setServerIssues, type FieldBinding } from "../../../lib/form.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
import { validationText } from "../../../lib/labels.ts";
import { useEditPortGroup } from "../api/port-groups.ts";
import {
  formPath,
  inheritedValues,
  initialPortGroupValues,
  PAGE_PARTS,
  portGroupExtraIssues,
  portGroupIssues,
  refusesAnyEdit,
  switchOf,
  toPortGroupEdit,
  type OverridablePart,
  type PortGroupEditPage,
  type PortGroupFormValues,
  type PortGroupInfo,
} from "./port-group-form.ts";

const PAGES = Object.keys(PAGE_PARTS) as PortGroupEditPage[];

/** The pages' titles: the switch's Edit Settings names its Security and Teaming and failover pages the same. */
const PAGE_TITLE_KEYS = {
  properties: "portGroups.pages.properties",
  security: "standardSwitches.pages.security",
  teaming: "standardSwitches.pages.teaming",
} as const satisfies Record<PortGroupEditPage, string>;

export interface EditPortGroupDialogProps {
  networking: HostNetworking;
  portGroup: PortGroupInfo;
  onClose: () => void;
  /** The port group as the host now lists it: the dialog closes and the view says so. */
  onUpdated: (portGroup: { name: string; vlanId: number; vswitch: string }) => void;
}

/**
 * "<port group> - Edit Settings" (vSphere 8, Edit a Standard Switch Port Group): Properties (network label, VLAN ID: None
 * (0), 1 to 4094, All (4095)), Security (promiscuous mode, MAC address changes, forged transmits) and Teaming and failover
 * (load balancing, notify switches, failback; the failover order of the switch's adapters). Each policy has its Override:
 * unchecked, the switch's values are shown greyed and the port group inherits them; checked, they are the port group's
 * own. The shared schema and checkPortGroupEdit say what is wrong next to the field; OK sends only what changed, with an
 * Idempotency-Key: a new one for each attempt, the same one again when the last attempt's answer was lost. A failure
 * keeps the dialog open with what went wrong.
 */
export function EditPortGroupDialog({ networking, portGroup, onClose, onUpdated }: EditPortGroupDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const vlanChoices = useId();
  const formId = useId();
  const orderId = useId();
  const [page, setPage] = useState<PortGroupEditPage>("properties");
  const update = useEditPortGroup(host.id);
  const attempt = useIdempotentAttempt();
  const outcome = useRef<HTMLDivElement>(null);
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);
  const vswitch = switchOf(networking, portGroup);

  const [initial] = useState(() => initialPortGroupValues(portGroup, vswitch));
  const resolver = useMemo(
    () =>
      schemaResolver<PortGroupFormValues, typeof portGroupEditSchema>(
        portGroupEditSchema,
        (v) => toPortGroupEdit(v, portGroup),
        (v) => portGroupExtraIssues(v, portGroup, networking),
      ),
    [portGroup, networking],
  );
  const {
    register,
    control,
    handleSubmit,
    getValues,
    setValue,
    setError,
    formState: { errors, isSubmitted },
  } = useForm<PortGroupFormValues, unknown, PortGroupEdit>({
    defaultValues: initial,
    resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  // Every change renders again: the Override checkboxes turn their fields on and off, the failover order is the form's.
  useWatch({ control });
  const values = getValues();

  // What the host refuses whatever the form holds: the privilege.
  const refusal = checkPortGroupEdit(networking, portGroup.name, {}).errors.find(refusesAnyEdit);
  const blocked = refusal && validationText(t, refusal.code, refusal.params);
  // What the change leaves the port group without (no active or standby adapter), said as it is chosen.
  const warnings = portGroupIssues(values, portGroup, networking).warnings;

  const failed = update.isError ? update.error : undefined;
  const problem = failed instanceof ApiError ? failed.problem : undefined;
  // A refusal of the fields (the host's rules, run again by the server) is shown at the fields; anything else as it ended.
  const failure =
    failed && (problem?.errors?.length && !problem.outcome?.length ? t("errors.validationFailed") : describeError(t, failed, entityName));
  useEffect(() => {
    if (failed) outcome.current?.focus();
  }, [failed]);

  const close = () => {
    if (!update.isPending) onClose();
  };

  const err = (path: string) => {
    const error = fieldError(errors as FieldErrors, path);
    return error && validationText(t, error.message, error.params);
  };
  const bind = <P extends "security" | "teaming">(part: P): FieldBinding<PortGroupFormValues[P]> => ({
    register: (field) => register(`${part}.${field}` as FieldPath<PortGroupFormValues>),
    errorFor: (field) => err(`${part}.${field}`),
  });

  /** A part's Override: unchecked, its fields go back to the switch's values, which the port group inherits again. */
  const override = (part: OverridablePart) => {
    const field = register(`${part}.override`);
    return {
      ...field,
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        void field.onChange(e);
        if (!e.target.checked) setValue(part, inheritedValues(portGroup, vswitch)[part], { shouldDirty: true });
      },
    };
  };

  const submit = handleSubmit(
    (edit) =>
      attempt((idempotencyKey, failed) =>
        update.mutate(
          { name: portGroup.name, edit, idempotencyKey },
          {
            onSuccess: ({ portGroup: updated }) => onUpdated(updated),
            onError: (e) => {
              failed(e);
              setServerIssues(e, setError, formPath);
            },
          },
        ),
      ),
    (invalid) => {
      const first = PAGES.find((p) => PAGE_PARTS[p].some((part) => part in invalid));
      if (first) setPage(first);
    },
  );

  const title = t("portGroups.editTitle", { portgroup: portGroup.name });
  const rootError = errors.root as (FieldErrors["root"] & { params?: Record<string, string | number> }) | undefined;
  const orderError = err("failoverOrder.active") ?? err("failoverOrder.standby") ?? err("failoverOrder.unused");
  const orderWarnings = warnings.filter((w) => w.path.startsWith("failoverOrder"));

  const panels: Record<PortGroupEditPage, ReactNode> = {
    properties: (
      <>
        <TextField label={t("portGroups.networkLabel")} error={err("networkLabel")} {...register("networkLabel")} />
        <TextField
          label={t("portGroups.vlanId")}
          inputMode="numeric"
          helper={t("portGroups.vlanHelp")}
          error={err("vlanId")}
          list={vlanChoices}
          {...register("vlanId")}
        />
        <datalist id={vlanChoices}>
          <option value="0">{t("portGroups.vlanNone")}</option>
          <option value="4095">{t("portGroups.vlanAll")}</option>
        </datalist>
      </>
    ),
    security: (
      <PolicyOverride
        name={t("standardSwitches.pages.security")}
        override={<Checkbox label={t("portGroups.override")} {...override("security")} />}
      >
        <SecurityFields binding={bind("security")} disabled={!values.security.override} />
      </PolicyOverride>
    ),
    teaming: (
      <>
        <PolicyOverride
          name={t("portGroups.teamingPolicy")}
          override={<Checkbox label={t("portGroups.override")} {...override("teaming")} />}
        >
          <TeamingFields binding={bind("teaming")} disabled={!values.teaming.override} />
        </PolicyOverride>
        <section className="summary-section" aria-labelledby={orderId}>
          <h3 id={orderId}>{t("standardSwitches.failoverOrder")}</h3>
          <Checkbox label={t("portGroups.override")} {...override("failoverOrder")} />
          {orderError && <Alert status="danger">{orderError}</Alert>}
          {orderWarnings.length > 0 && (
            <Alert status="warning">{orderWarnings.map((w) => validationText(t, w.message, w.params)).join(" ")}</Alert>
          )}
          <FailoverOrder
            physicalNics={networking.physicalNics}
            value={values.failoverOrder}
            disabled={!values.failoverOrder.override}
            onChange={(next) => {
              setValue("failoverOrder.standby", next.standby, { shouldDirty: true });
              setValue("failoverOrder.unused", next.unused, { shouldDirty: true });
              // After an OK, the order is checked again as it changes.
              setValue("failoverOrder.active", next.active, { shouldDirty: true, shouldValidate: isSubmitted });
            }}
          />
        </section>
      </>
    ),
  };

  return (
    <Modal
      title={title}
      onClose={close}
      closeLabel={t("common.close")}
      size="lg"
      footer={
        <>
          <Button onClick={close} disabled={update.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" form={formId} variant="primary" disabled={Boolean(blocked) || update.isPending}>
            {t("common.ok")}
          </Button>
        </>
      }
    >
      <p className="dialog-subtitle">{t("portGroups.subtitle", { host: host.name })}</p>
      {blocked ? (
        <Alert status="warning">{blocked}</Alert>
      ) : (
        <form id={formId} className="clr-form clr-form-horizontal" onSubmit={submit} noValidate>
          <VerticalTabs
            label={title}
            selected={page}
            onSelect={(id) => setPage(id as PortGroupEditPage)}
            items={PAGES.map((p) => ({
              id: p,
              label: t(PAGE_TITLE_KEYS[p]),
              panel: panels[p],
              invalid: isSubmitted && PAGE_PARTS[p].some((part) => part in errors),
            }))}
          />
          {rootError?.message && <Alert status="warning">{validationText(t, rootError.message, rootError.params)}</Alert>}
        </form>
      )}
      <div aria-live="polite">
        {update.isPending && <Spinner label={t("portGroups.updating", { portgroup: portGroup.name, host: host.name })} />}
        {failed && (
          <div ref={outcome} tabIndex={-1}>
            <Alert status="danger">{failure}</Alert>
          </div>
        )}
      </div>
    </Modal>
  );
}

/** A policy the port group may override: its Override checkbox, then its fields (greyed while it inherits them). */
function PolicyOverride({ name, override, children }: { name: string; override: ReactNode; children: ReactNode }) {
  return (
    <div role="group" aria-label={name}>
      {override}
      {children}
    </div>
  );
}
