import type { HostNetworking, VmkernelAdapterInfo } from "@addnet/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";

import { speedText } from "../../../lib/labels.ts";

interface TopologyPortGroup {
  name: string;
  /** Already in words: "None (0)", "20", "--". */
  vlan: string;
  adapters: VmkernelAdapterInfo[];
}

/** Where a standard switch's failover order puts an adapter; "connected" for a distributed switch's, whose order is per port group. */
type UplinkRole = "active" | "standby" | "unused" | "connected";

interface UplinkGroup {
  role: UplinkRole;
  devices: string[];
}

const ROLE_LABELS = {
  active: "hostNetworking.switch.activeAdapters",
  standby: "hostNetworking.switch.standbyAdapters",
  unused: "hostNetworking.switch.unusedAdapters",
  connected: undefined,
} as const satisfies Record<UplinkRole, string | undefined>;

interface SwitchTopologyProps {
  networking: HostNetworking;
  switchName: string;
  portGroups: TopologyPortGroup[];
  uplinks: UplinkGroup[];
}

/**
 * The vSphere Client's switch diagram: port groups (VLAN, VMkernel ports) on the left, joined by lines to the switch's
 * bar and from it to the physical adapters on the right. The boxes are lists, so a screen reader reads what the lines
 * join; the lines and the bar are drawn by CSS and say nothing.
 */
export function SwitchTopology({ networking, switchName, portGroups, uplinks }: SwitchTopologyProps) {
  const { t } = useTranslation();
  const id = useId();
  const nic = (device: string) => networking.physicalNics.find((n) => n.device === device);
  const address = (vmk: VmkernelAdapterInfo) => vmk.ipv4.address ?? (vmk.ipv4.dhcp ? t("hostNetworking.dhcp") : t("common.none"));
  const groups = uplinks.filter((g) => g.devices.length > 0);

  return (
    <figure className="switch-topology" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="clr-sr-only">
        {t("hostNetworking.topology.title", { name: switchName })}
      </figcaption>
      <div className="topology-portgroups">
        {portGroups.length ? (
          <ul aria-label={t("hostNetworking.topology.portGroups")}>
            {portGroups.map((pg, i) => (
              <li key={pg.name} className="topology-box topology-link">
                <span className="topology-name">{pg.name}</span>
                <span>{t("hostNetworking.topology.vlanId", { vlan: pg.vlan })}</span>
                {pg.adapters.length > 0 && (
                  <>
                    <span id={`${id}-vmk${i}`}>{t("hostNetworking.topology.vmkernelPorts", { count: pg.adapters.length })}</span>
                    <ul className="topology-vmks" aria-labelledby={`${id}-vmk${i}`}>
                      {pg.adapters.map((vmk) => (
                        <li key={vmk.device}>
                          {vmk.device} : {address(vmk)}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <div className="topology-box">{t("hostNetworking.topology.noPortGroups")}</div>
        )}
      </div>
      <div className="topology-bar" aria-hidden="true" />
      <div className="topology-box topology-uplinks">
        <div id={`${id}-uplinks`} className="topology-name">
          {t("hostNetworking.topology.physicalAdapters")}
        </div>
        {groups.length === 0 && <div>{t("hostNetworking.topology.noAdapters")}</div>}
        {groups.map(({ role, devices }) => {
          const label = ROLE_LABELS[role];
          return (
            <div key={role} className={`topology-uplink-group uplink-${role}`}>
              {label && (
                <div id={`${id}-${role}`} className="topology-group-label">
                  {t(label)}
                </div>
              )}
              <ul aria-labelledby={label ? `${id}-${role}` : `${id}-uplinks`}>
                {devices.map((device) => {
                  const speedMb = nic(device)?.speedMb;
                  return (
                    <li key={device} className="topology-link">
                      <span className="topology-name">{device}</span>
                      {speedMb !== undefined && <span>{speedText(t, speedMb)}</span>}
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </div>
    </figure>
  );
}
