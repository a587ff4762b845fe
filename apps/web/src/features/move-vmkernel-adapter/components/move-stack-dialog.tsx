import { checkStackMove, stackMoveSchema, type HostNetworking, type MovedAdapter, type VmkernelAdapterInfo } from "@addnet/contracts";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { ChangeDialog } from "../../../components/change-dialog.tsx";
import { StaticField } from "../../../components/ui/form-field.tsx";
import { RadioTable } from "../../../components/ui/radio-table.tsx";
import type { EntityNamer } from "../../../lib/errors.ts";
import { useIdempotentAttempt } from "../../../lib/idempotency.ts";
import { stackLabel, validationText } from "../../../lib/labels.ts";
import { useMoveAdapter, useStackMoveImpact } from "../api/move-adapter.ts";

export interface MoveStackDialogProps {
  networking: HostNetworking;
  adapter: VmkernelAdapterInfo;
  onClose: () => void;
  /** The adapter added again on its new stack: the dialog closes and the view says so. */
  onMoved: (moved: MovedAdapter) => void;
}

/**
 * "<vmkN> - Move to Another TCP/IP Stack": the adapter's stack, and the host's other stacks to choose from. ESXi fixes an
 * adapter's stack, so the move removes the adapter and adds it again there with its port group, addresses, MTU and
 * services. checkStackMove says at the stacks what the host refuses (Management off the default stack, services a stack
 * cannot carry), and OK stays off; an allowed stack is sent to Analyze impact, whose errors keep OK off too. OK sends the
 * move with an Idempotency-Key: a new one for each attempt, the same one again when the last attempt's answer was lost. A
 * failure keeps the dialog open with how the move ended (the adapter put back, or not).
 */
export function MoveStackDialog({ networking, adapter, onClose, onMoved }: MoveStackDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const { device } = adapter;
  const [tcpipStack, setTcpipStack] = useState("");
  const move = useMoveAdapter(host.id);
  const attempt = useIdempotentAttempt();
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);
  const stackName = (key: string) => stackLabel(t, key, networking.tcpipStacks.find((s) => s.key === key)?.name);

  const issues = checkStackMove(networking, device, tcpipStack).errors;
  // What refuses any move, whatever the stack: the privilege, or an adapter the host no longer has.
  const refusal = issues.find((i) => i.path === "" || i.path === "device");
  const blocked = refusal && validationText(t, refusal.code, refusal.params);
  const chosen = tcpipStack !== "";
  const refusals = chosen ? issues.map((i) => validationText(t, i.code, i.params)) : [];
  const parsed = stackMoveSchema.safeParse({ tcpipStack });
  const body = chosen && parsed.success && issues.length === 0 ? parsed.data : undefined;
  const impact = useStackMoveImpact(host.id, device, body);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!body) return;
    attempt((idempotencyKey, failed) => move.mutate({ device, move: body, idempotencyKey }, { onSuccess: onMoved, onError: failed }));
  };

  const none = t("common.none");
  return (
    <ChangeDialog
      title={t("moveStack.title", { device })}
      subtitle={t("moveStack.subtitle", { host: host.name })}
      blocked={blocked}
      onSubmit={submit}
      impact={impact}
      ready={body !== undefined}
      refused={body === undefined}
      texts={{
        refused: t("moveStack.refused", { device }),
        warnings: t("moveStack.warnings", { device }),
        noImpact: t("moveStack.noImpact", { device }),
        idle: chosen ? t("moveStack.invalid", { device }) : t("moveStack.unselected"),
        calls: t("moveStack.callsTitle"),
      }}
      change={move}
      running={t("moveStack.moving", { device, stack: stackName(tcpipStack), host: host.name })}
      entityName={entityName}
      onClose={onClose}
    >
      <StaticField label={t("moveStack.currentStack")}>{stackName(adapter.tcpipStack)}</StaticField>
      <p>{t("moveStack.select", { device })}</p>
      <RadioTable
        caption={t("moveStack.stacks")}
        columns={[t("tcpip.columns.stack"), t("tcpip.columns.vmkernelAdapters"), t("tcpip.columns.ipv4Gateway")]}
        rows={networking.tcpipStacks
          .filter((s) => s.key !== adapter.tcpipStack)
          .map((s) => ({ id: s.key, cells: [stackName(s.key), s.vmkernelAdapters.join(", ") || none, s.defaultGateway || none] }))}
        selected={tcpipStack}
        onSelect={setTcpipStack}
        error={refusals.join(" ") || undefined}
      />
      <p className="subtle">{t("moveStack.keeps", { device })}</p>
    </ChangeDialog>
  );
}
