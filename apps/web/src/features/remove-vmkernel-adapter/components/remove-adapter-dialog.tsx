import type { HostNetworking, RemovedAdapter, VmkernelAdapterInfo } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { AnalyzedRemoveDialog } from "../../../components/remove-dialog.tsx";
import type { EntityNamer } from "../../../lib/errors.ts";
import { useRemovalImpact, useRemoveAdapter } from "../api/remove-adapter.ts";

export interface RemoveAdapterDialogProps {
  networking: HostNetworking;
  adapter: VmkernelAdapterInfo;
  onClose: () => void;
  /** The adapter is gone: the dialog closes and the view says so. */
  onRemoved: (removed: RemovedAdapter["removed"]) => void;
}

/**
 * "Remove VMkernel Adapter" (vSphere 8, Remove a VMkernel Adapter): names the adapter and its network; Analyze impact
 * says what refuses the removal (the host's last management adapter) and what the host loses; Remove makes RemoveVirtualNic.
 */
export function RemoveAdapterDialog({ networking, adapter, onClose, onRemoved }: RemoveAdapterDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const { device } = adapter;
  const impact = useRemovalImpact(host.id, device);
  const remove = useRemoveAdapter(host.id);
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);
  return (
    <AnalyzedRemoveDialog
      title={t("removeAdapter.title")}
      subtitle={t("removeAdapter.subtitle", { host: host.name })}
      confirm={t("removeAdapter.confirm", { device, network: adapter.networkLabel })}
      impact={impact}
      texts={{
        refused: t("removeAdapter.refused", { device }),
        warnings: t("removeAdapter.warnings", { device }),
        noImpact: t("removeAdapter.noImpact", { device }),
        calls: t("removeAdapter.callsTitle"),
      }}
      change={remove}
      running={t("removeAdapter.removing", { device, host: host.name })}
      send={(idempotencyKey, failed) =>
        remove.mutate({ device, idempotencyKey }, { onSuccess: ({ removed }) => onRemoved(removed), onError: failed })
      }
      entityName={entityName}
      onClose={onClose}
    />
  );
}
