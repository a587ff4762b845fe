import { checkRemovePortGroup, checkRemoveSwitch, PRIVILEGES, type HostNetworking } from "@addnet/contracts";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Properties } from "../../../components/ui/properties.tsx";
import { missingPrivilegeText, validationText, vlanLabel } from "../../../lib/labels.ts";
import { SwitchTopology } from "./switch-topology.tsx";

type PortGroup = HostNetworking["portgroups"][number];
type StandardSwitch = HostNetworking["vswitches"][number];

/** What the last Edit Settings or Remove of a port group did, for the success message. */
export interface PortGroupNotice {
  kind: "updated" | "removed";
  portGroup: string;
}

/** What the last Edit Settings or Remove of a standard switch did, for the success message. */
export interface SwitchNotice {
  kind: "switchEdited" | "switchRemoved";
  vswitch: string;
}

export interface VirtualSwitchesViewProps {
  networking: HostNetworking;
  /** A port group's "Edit Settings": opens its "<name> - Edit Settings" dialog. */
  onEdit?: (portGroup: PortGroup) => void;
  /** A port group's "Remove": opens the Remove Port Group dialog. */
  onRemove?: (portGroup: PortGroup) => void;
  /** A standard switch's "Edit": opens its "<vSwitchN> - Edit Settings" dialog. */
  onEditSwitch?: (vswitch: StandardSwitch) => void;
  /** A standard switch's "Remove": opens the Remove Standard Switch dialog. */
  onRemoveSwitch?: (vswitch: StandardSwitch) => void;
  notice?: PortGroupNotice | SwitchNotice | undefined;
}

/**
 * Configure → Networking → Virtual switches: each standard switch, then each distributed switch the host is on, with
 * its topology diagram; a standard switch with its actions Edit and Remove, its port groups also in a table with their
 * actions Edit Settings and Remove (each disabled, with why, without Host.Config.Network or while a VMkernel adapter is on
 * what it would remove).
 */
export function VirtualSwitchesView({ networking, onEdit, onRemove, onEditSwitch, onRemoveSwitch, notice }: VirtualSwitchesViewProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const reasonId = useId();

  // What refuses every change on this host: said once, above the switches, and read with each action.
  let reason: string | undefined;
  if (!networking.privileges.hostConfigNetwork) reason = missingPrivilegeText(t, PRIVILEGES.network, host.name);
  else if (host.connectionState !== "connected") reason = t("hostNetworking.hostNotConnected");
  const describedBy = reason ? reasonId : undefined;
  const actions = Boolean(onEdit || onRemove);
  const switchActions = Boolean(onEditSwitch || onRemoveSwitch);

  // Why one port group cannot be removed (a VMkernel adapter on it); the host-wide reason is said above.
  const removeReason = (pg: PortGroup): string | undefined => {
    if (reason) return undefined;
    const refusal = checkRemovePortGroup(networking, pg.name).errors[0];
    return refusal && validationText(t, refusal.code, refusal.params);
  };
  // Why one standard switch cannot be removed (a VMkernel adapter on it).
  const removeSwitchReason = (vs: StandardSwitch): string | undefined => {
    if (reason) return undefined;
    const refusal = checkRemoveSwitch(networking, vs.name).errors[0];
    return refusal && validationText(t, refusal.code, refusal.params);
  };

  // The success message takes the focus: the action that opened the dialog may be gone with the port group or switch.
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const noticeText = (n: PortGroupNotice | SwitchNotice): string => {
    switch (n.kind) {
      case "updated":
        return t("portGroups.updated", { portgroup: n.portGroup, host: host.name });
      case "removed":
        return t("portGroups.removed", { portgroup: n.portGroup, host: host.name });
      case "switchEdited":
        return t("standardSwitches.edited", { vswitch: n.vswitch, host: host.name });
      case "switchRemoved":
        return t("standardSwitches.removed", { vswitch: n.vswitch, host: host.name });
    }
  };

  return (
    <section aria-labelledby="virtual-switches-title">
      <h2 id="virtual-switches-title">{t("hostNetworking.views.virtualSwitches")}</h2>
      {notice && (
        <div ref={noticeRef} tabIndex={-1} className="view-notice">
          <Alert status="success">{noticeText(notice)}</Alert>
        </div>
      )}
      {(actions || switchActions) && reason && (
        <p id={reasonId} className="action-reason">
          {reason}
        </p>
      )}
      {networking.vswitches.map((vs) => {
        const groups = networking.portgroups.filter((pg) => pg.vswitch === vs.name);
        const unused = vs.uplinks.filter((u) => !vs.activeNics.includes(u) && !vs.standbyNics.includes(u));
        return (
          <div key={vs.name} className="card switch-card">
            <div className="card-header switch-card-header">
              <h3 className="card-title">{t("hostNetworking.switch.title", { name: vs.name })}</h3>
              {switchActions && (
                <div className="row-actions">
                  {onEditSwitch && (
                    <Button
                      variant="link"
                      small
                      onClick={() => onEditSwitch(vs)}
                      disabled={Boolean(reason)}
                      aria-describedby={describedBy}
                      aria-label={t("standardSwitches.editOf", { vswitch: vs.name })}
                    >
                      {t("common.edit")}
                    </Button>
                  )}
                  {onRemoveSwitch && (
                    <Button
                      variant="link"
                      small
                      onClick={() => onRemoveSwitch(vs)}
                      disabled={Boolean(reason)}
                      disabledReason={removeSwitchReason(vs)}
                      {...(describedBy && { "aria-describedby": describedBy })}
                      aria-label={t("standardSwitches.removeOf", { vswitch: vs.name })}
                    >
                      {t("common.remove")}
                    </Button>
                  )}
                </div>
              )}
            </div>
            <div className="card-block">
              <SwitchTopology
                networking={networking}
                switchName={vs.name}
                portGroups={groups.map((pg) => ({
                  name: pg.name,
                  vlan: vlanLabel(t, pg.vlanId),
                  adapters: networking.vmkernelAdapters.filter((vmk) => vmk.portgroup === pg.name),
                }))}
                uplinks={[
                  { role: "active", devices: vs.activeNics },
                  { role: "standby", devices: vs.standbyNics },
                  { role: "unused", devices: unused },
                ]}
              />
              <Properties rows={[[t("hostNetworking.switch.mtu"), vs.mtu]]} />
              <table className="table table-compact">
                <caption>{t("hostNetworking.switch.portgroups", { name: vs.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("hostNetworking.columns.networkLabel")}</th>
                    <th scope="col">{t("hostNetworking.columns.vlanId")}</th>
                    <th scope="col">{t("hostNetworking.columns.vmkernelAdapter")}</th>
                    {actions && <th scope="col">{t("portGroups.actionsColumn")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {groups.map((pg) => (
                    <tr key={pg.name}>
                      <th scope="row">{pg.name}</th>
                      <td>{vlanLabel(t, pg.vlanId)}</td>
                      <td>{pg.vmkernelAdapter ?? t("common.none")}</td>
                      {actions && (
                        <td className="row-actions">
                          {onEdit && (
                            <Button
                              variant="link"
                              small
                              onClick={() => onEdit(pg)}
                              disabled={Boolean(reason)}
                              aria-describedby={describedBy}
                              aria-label={t("portGroups.editSettingsOf", { portgroup: pg.name })}
                            >
                              {t("portGroups.editSettings")}
                            </Button>
                          )}
                          {onRemove && (
                            <Button
                              variant="link"
                              small
                              onClick={() => onRemove(pg)}
                              disabled={Boolean(reason)}
                              disabledReason={removeReason(pg)}
                              // The Button describes itself by its own reason; the host-wide one only when there is one.
                              {...(describedBy && { "aria-describedby": describedBy })}
                              aria-label={t("portGroups.removeOf", { portgroup: pg.name })}
                            >
                              {t("common.remove")}
                            </Button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
      {distributedSwitches(networking).map((ds) => (
        <div key={ds.name} className="card switch-card">
          <div className="card-header">
            <h3 className="card-title">{t("hostNetworking.switch.distributedTitle", { name: ds.name })}</h3>
          </div>
          <div className="card-block">
            <SwitchTopology
              networking={networking}
              switchName={ds.name}
              portGroups={ds.portgroups.map((pg) => ({
                name: pg.name,
                vlan: vlanLabel(t, pg.vlanId),
                adapters: networking.vmkernelAdapters.filter((vmk) => vmk.distributedPort?.portgroupKey === pg.key),
              }))}
              uplinks={[{ role: "connected", devices: ds.uplinks }]}
            />
            {ds.mtu !== null && <Properties rows={[[t("hostNetworking.switch.mtu"), ds.mtu]]} />}
          </div>
        </div>
      ))}
    </section>
  );
}

/**
 * The distributed switches the host is on: those of its distributed port groups, and those its physical adapters are
 * uplinks of (a switch can have the host's adapters and no port group yet). The host's adapters name a switch only by
 * its name, unique in the host's datacenter.
 */
function distributedSwitches(networking: HostNetworking) {
  const names = [
    ...networking.distributedPortgroups.map((pg) => pg.switchName),
    ...networking.physicalNics.flatMap((nic) => (nic.usedBy?.kind === "distributedSwitch" ? [nic.usedBy.name] : [])),
  ];
  return [...new Set(names)].map((name) => {
    const portgroups = networking.distributedPortgroups.filter((pg) => pg.switchName === name);
    return {
      name,
      portgroups,
      uplinks: networking.physicalNics
        .filter((nic) => nic.usedBy?.kind === "distributedSwitch" && nic.usedBy.name === name)
        .map((nic) => nic.device),
      // Every port group carries its switch's maximum MTU.
      mtu: portgroups[0]?.mtu ?? null,
    };
  });
}
