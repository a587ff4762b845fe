import { checkPortGroupEdit, portGroupEditSchema, type HostNetworking, type PortGroupEdit } from "@addnet/contracts";
import { useEffect, useId, useMemo, useRef } from "react";
import { useForm, type FieldErrors } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/form-field.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { VerticalTabs } from "../../../components/ui/tabs.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError, type EntityNamer } from "../../../lib/errors.ts";
import { fieldError, schemaResolver } from "../../../lib/form.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
import { validationText } from "../../../lib/labels.ts";
import { useEditPortGroup } from "../api/port-groups.ts";
import {
  initialPortGroupValues,
  portGroupExtraIssues,
  toPortGroupEdit,
  type PortGroupFormValues,
  type PortGroupInfo,
} from "./port-group-form.ts";

const FORM_FIELDS = new Set(["networkLabel", "vlanId"]);

export interface EditPortGroupDialogProps {
  networking: HostNetworking;
  portGroup: PortGroupInfo;
  onClose: () => void;
  /** The port group as the host now lists it: the dialog closes and the view says so. */
  onUpdated: (portGroup: { name: string; vlanId: number; vswitch: string }) => void;
}

/**
 * "<port group> - Edit Settings" (vSphere 8, Edit a Standard Switch Port Group): its page Properties, with the network
 * label and the VLAN ID (None (0), 1 to 4094, All (4095)). The shared schema and checkPortGroupEdit say what is wrong next
 * to the field; OK sends only what changed, with an Idempotency-Key: a new one for each attempt, the same one again when
 * the last attempt's answer was lost. A failure keeps the dialog open with what went wrong.
 */
export function EditPortGroupDialog({ networking, portGroup, onClose, onUpdated }: EditPortGroupDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const vlanChoices = useId();
  const formId = useId();
  const update = useEditPortGroup(host.id);
  const attempt = useIdempotentAttempt();
  const outcome = useRef<HTMLDivElement>(null);
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);

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
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PortGroupFormValues, unknown, PortGroupEdit>({
    defaultValues: initialPortGroupValues(portGroup),
    resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  // What the host refuses whatever the form holds: the privilege.
  const refusal = checkPortGroupEdit(networking, portGroup.name, {}).errors.find((i) => i.path === "");
  const blocked = refusal && validationText(t, refusal.code, refusal.params);

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

  const submit = handleSubmit((edit) =>
    attempt((idempotencyKey, failed) =>
      update.mutate(
        { name: portGroup.name, edit, idempotencyKey },
        {
          onSuccess: ({ portGroup: updated }) => onUpdated(updated),
          onError: (e) => {
            failed(e);
            if (e instanceof ApiError && e.problem?.errors) {
              for (const issue of e.problem.errors) {
                const path = FORM_FIELDS.has(issue.path) ? (issue.path as keyof PortGroupFormValues) : "root";
                setError(path, { type: "server", message: issue.code, ...(issue.params ? { params: issue.params } : {}) } as never);
              }
            }
          },
        },
      ),
    ),
  );

  const title = t("portGroups.editTitle", { portgroup: portGroup.name });
  const rootError = errors.root as (FieldErrors["root"] & { params?: Record<string, string | number> }) | undefined;

  const properties = (
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
  );

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
            selected="properties"
            onSelect={() => undefined}
            items={[{ id: "properties", label: t("portGroups.pages.properties"), panel: properties }]}
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
