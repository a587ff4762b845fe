import { checkRemovePortGroup, type HostNetworking, type RemovedPortGroup } from "@addnet/contracts";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";

import { RemoveDialog } from "../../../components/remove-dialog.tsx";
import { StepList } from "../../../components/step-list.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError, type EntityNamer } from "../../../lib/errors.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
import { validationText } from "../../../lib/labels.ts";
import { useRemovePortGroup } from "../api/port-groups.ts";
import type { PortGroupInfo } from "./port-group-form.ts";

/** The vim25 call Remove makes, on the host's network system. */
const REMOVE_METHOD = "RemovePortGroup";

export interface RemovePortGroupDialogProps {
  networking: HostNetworking;
  portGroup: PortGroupInfo;
  onClose: () => void;
  /** The port group is gone: the dialog closes and the view says so. */
  onRemoved: (removed: RemovedPortGroup["removed"]) => void;
}

/**
 * "Remove Port Group" (vSphere 8, Remove a Port Group from a vSphere Standard Switch): asks "Remove port group X from
 * vSwitch0?", says what refuses it (a VMkernel adapter on it, the privilege) and the vim25 call Remove makes. Remove sends
 * the DELETE with an Idempotency-Key: a new one for each attempt, the same one again when the last attempt's answer was
 * lost. A failure keeps the dialog open with how the removal ended.
 */
export function RemovePortGroupDialog({ networking, portGroup, onClose, onRemoved }: RemovePortGroupDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const { name, vswitch } = portGroup;
  const callsId = useId();
  const remove = useRemovePortGroup(host.id);
  const attempt = useIdempotentAttempt();
  const outcome = useRef<HTMLDivElement>(null);
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);

  // What refuses the removal on this host: the privilege, a VMkernel adapter on the port group, a port group gone.
  const refusals = checkRemovePortGroup(networking, name).errors;
  const removeDisabled = refusals.length > 0 || remove.isPending;

  const failed = remove.isError ? remove.error : undefined;
  const problem = failed instanceof ApiError ? failed.problem : undefined;
  useEffect(() => {
    if (failed) outcome.current?.focus();
  }, [failed]);

  const onRemove = () => {
    if (removeDisabled) return;
    attempt((idempotencyKey, failed) =>
      remove.mutate({ name, idempotencyKey }, { onSuccess: ({ removed }) => onRemoved(removed), onError: failed }),
    );
  };

  return (
    <RemoveDialog
      title={t("portGroups.removeTitle")}
      pending={remove.isPending}
      disabled={removeDisabled}
      onRemove={onRemove}
      onClose={onClose}
    >
      <p className="dialog-subtitle">{t("portGroups.subtitle", { host: host.name })}</p>
      <p>{t("portGroups.removeConfirm", { portgroup: name, vswitch })}</p>
      {refusals.length > 0 && (
        <Alert status="warning">
          <ul className="issue-list">
            {refusals.map((issue, i) => (
              <li key={`${issue.code}-${i}`}>{validationText(t, issue.code, issue.params)}</li>
            ))}
          </ul>
        </Alert>
      )}

      <section className="summary-section" aria-labelledby={callsId}>
        <h3 id={callsId}>{t("portGroups.callTitle")}</h3>
        {problem?.steps ? (
          <StepList steps={problem.steps} />
        ) : (
          <ol className="step-list">
            <li className="step-row">
              <code className="step-method">{REMOVE_METHOD}</code>
              <span className="step-summary">{validationText(t, "step.removePortGroup", { portgroup: name, vswitch })}</span>
              {remove.isPending && <Spinner label={t("wizard.steps.running")} />}
            </li>
          </ol>
        )}
      </section>

      <div aria-live="polite">
        {remove.isPending && <Spinner label={t("portGroups.removing", { portgroup: name, host: host.name })} />}
        {failed && (
          <div ref={outcome} tabIndex={-1}>
            <Alert status="danger">
              {describeError(t, failed, entityName)}
              {problem?.errors && (
                <ul className="issue-list">
                  {problem.errors.map((issue, i) => (
                    <li key={`${issue.code}-${i}`}>{validationText(t, issue.code, issue.params)}</li>
                  ))}
                </ul>
              )}
            </Alert>
          </div>
        )}
      </div>
    </RemoveDialog>
  );
}
