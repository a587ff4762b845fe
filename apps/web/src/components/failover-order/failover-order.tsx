import type { HostNetworking, NewSwitchUplinks } from "@addnet/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";

import { cx } from "../../lib/cx.ts";
import { Button } from "../ui/button.tsx";
import { SelectField } from "../ui/form-field.tsx";
import { UPLINK_GROUPS, canMove, moveUplink, removeUplink, setUplinkGroup, type UplinkGroup } from "./uplinks.ts";

export const UPLINK_GROUP_KEYS = {
  active: "wizard.switch.activeAdapters",
  standby: "wizard.switch.standbyAdapters",
  unused: "wizard.switch.unusedAdapters",
} as const satisfies Record<UplinkGroup, string>;

export interface FailoverOrderProps {
  /** The host's physical adapters, for their speed. */
  physicalNics: HostNetworking["physicalNics"];
  value: NewSwitchUplinks;
  onChange: (next: NewSwitchUplinks) => void;
  /** The adapters that may be taken off the switch here (none unless given). */
  removable?: (device: string) => boolean;
  /** Shown greyed, nothing to change (a port group's order inherited from its switch). */
  disabled?: boolean;
}

/**
 * A standard switch's failover order: its adapters in Active, Standby and Unused, each moved up and down (across into
 * the next group at a group's edge) or put in a group. An adapter is in exactly one group (HostNicOrderPolicy).
 * Disabled, it shows the order greyed, its controls off.
 */
export function FailoverOrder({ physicalNics, value, onChange, removable, disabled = false }: FailoverOrderProps) {
  const { t } = useTranslation();
  const base = useId();
  const speed = (device: string) => physicalNics.find((n) => n.device === device)?.speedMb;
  return (
    <div className="uplink-groups">
      {UPLINK_GROUPS.map((group) => {
        const headingId = `${base}-${group}`;
        return (
          <section key={group} className="uplink-group" aria-labelledby={headingId}>
            <h4 id={headingId}>{t(UPLINK_GROUP_KEYS[group])}</h4>
            {value[group].length === 0 ? (
              <p className="subtle">{t("common.none")}</p>
            ) : (
              <ul aria-labelledby={headingId}>
                {value[group].map((device) => (
                  <li key={device} className={cx("uplink-row", disabled && "row-disabled")}>
                    <span className="uplink-name">{device}</span>
                    <span className="subtle">{speed(device) ? t("hostNetworking.speedMb", { speed: speed(device) }) : ""}</span>
                    <SelectField
                      label={t("wizard.switch.groupOf", { device })}
                      className={cx("uplink-group-select", disabled && "clr-form-control-disabled")}
                      value={group}
                      disabled={disabled}
                      onChange={(e) => onChange(setUplinkGroup(value, device, e.target.value as UplinkGroup))}
                    >
                      {UPLINK_GROUPS.map((g) => (
                        <option key={g} value={g}>
                          {t(UPLINK_GROUP_KEYS[g])}
                        </option>
                      ))}
                    </SelectField>
                    <UplinkAction
                      label={t("wizard.switch.moveUp", { device })}
                      glyph="↑"
                      disabled={disabled || !canMove(value, device, -1)}
                      onClick={() => onChange(moveUplink(value, device, -1))}
                    />
                    <UplinkAction
                      label={t("wizard.switch.moveDown", { device })}
                      glyph="↓"
                      disabled={disabled || !canMove(value, device, 1)}
                      onClick={() => onChange(moveUplink(value, device, 1))}
                    />
                    {!disabled && removable?.(device) && (
                      <UplinkAction
                        label={t("wizard.switch.remove", { device })}
                        glyph="×"
                        onClick={() => onChange(removeUplink(value, device))}
                      />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** An uplink's move or remove button: a glyph large enough to hit, its words as its name and its tooltip. */
function UplinkAction({ label, glyph, disabled, onClick }: { label: string; glyph: string; disabled?: boolean; onClick: () => void }) {
  return (
    <Button variant="link" className="uplink-action" aria-label={label} title={label} disabled={disabled} onClick={onClick}>
      <span aria-hidden="true">{glyph}</span>
    </Button>
  );
}
