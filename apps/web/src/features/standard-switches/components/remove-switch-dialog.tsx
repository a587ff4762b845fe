import type { HostNetworking, RemovedSwitch } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { AnalyzedRemoveDialog } from "../../../components/remove-dialog.tsx";
import type { EntityNamer } from "../../../lib/errors.ts";
import { useRemoveSwitch, useSwitchRemovalImpact } from "../api/standard-switches.ts";

export interface RemoveSwitchDialogProps {
  networking: HostNetworking;
  /** The standard switch's name. */
  vswitch: string;
  onClose: () => void;
  /** The switch and its port groups are gone: the dialog closes and the view says so. */
  onRemoved: (removed: RemovedSwitch["removed"]) => void;
}

/**
 * "Remove Standard Switch" (vSphere 8, Remove a vSphere Standard Switch): names the switch; Analyze impact says what
 * refuses the removal (a VMkernel adapter on it) and the port groups that go with it; Remove removes them, then the switch.
 */
export function RemoveSwitchDialog({ networking, vswitch, onClose, onRemoved }: RemoveSwitchDialogProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const impact = useSwitchRemovalImpact(host.id, vswitch);
  const remove = useRemoveSwitch(host.id);
  const entityName: EntityNamer = (e) => (e.id === host.id ? host.name : undefined);
  return (
    <AnalyzedRemoveDialog
      title={t("standardSwitches.removeTitle")}
      subtitle={t("standardSwitches.subtitle", { host: host.name })}
      confirm={t("standardSwitches.removeConfirm", { vswitch })}
      impact={impact}
      texts={{
        refused: t("standardSwitches.removeRefused", { vswitch }),
        warnings: t("standardSwitches.removeWarnings", { vswitch }),
        noImpact: t("standardSwitches.removeNoImpact", { vswitch }),
        calls: t("standardSwitches.removeCallsTitle"),
      }}
      change={remove}
      running={t("standardSwitches.removing", { vswitch, host: host.name })}
      send={(idempotencyKey, failed) =>
        remove.mutate({ name: vswitch, idempotencyKey }, { onSuccess: ({ removed }) => onRemoved(removed), onError: failed })
      }
      entityName={entityName}
      onClose={onClose}
    />
  );
}
