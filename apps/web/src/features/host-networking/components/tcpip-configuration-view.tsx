import type { HostNetworking, TcpipStackInfo } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { missingPrivilegeText, stackLabel } from "../../../lib/labels.ts";
import { PRIVILEGES } from "../../../lib/privileges.ts";

export interface TcpipConfigurationViewProps {
  networking: HostNetworking;
  onEdit: (stackKey: string) => void;
}

/** Configure → Networking → TCP/IP configuration: each stack's gateway, DNS, congestion control and connections. */
export function TcpipConfigurationView({ networking, onEdit }: TcpipConfigurationViewProps) {
  const { t } = useTranslation();
  const editReason = (stack: TcpipStackInfo): string | undefined => {
    const name = stackLabel(t, stack.key, stack.name);
    if (!networking.privileges.hostConfigNetwork) return missingPrivilegeText(t, PRIVILEGES.hostConfigNetwork, networking.host.name);
    if (!stack.active) return t("tcpip.inactiveReason", { stack: name });
    return undefined;
  };
  return (
    <section aria-labelledby="tcpip-configuration-title">
      <h2 id="tcpip-configuration-title">{t("hostNetworking.views.tcpipConfiguration")}</h2>
      <table className="table table-compact">
        <caption className="clr-sr-only">{t("hostNetworking.views.tcpipConfiguration")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("tcpip.columns.stack")}</th>
            <th scope="col">{t("tcpip.columns.state")}</th>
            <th scope="col">{t("tcpip.columns.vmkernelAdapters")}</th>
            <th scope="col">{t("tcpip.columns.ipv4Gateway")}</th>
            <th scope="col">{t("tcpip.columns.ipv6Gateway")}</th>
            <th scope="col">{t("tcpip.columns.dnsServers")}</th>
            <th scope="col">{t("tcpip.columns.congestionControl")}</th>
            <th scope="col">{t("tcpip.columns.maxConnections")}</th>
            <th scope="col">{t("tcpip.columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {networking.tcpipStacks.map((stack) => {
            const name = stackLabel(t, stack.key, stack.name);
            const pendingReboot =
              stack.maxNumberOfConnections !== null &&
              stack.runtimeMaxNumberOfConnections !== null &&
              stack.maxNumberOfConnections !== stack.runtimeMaxNumberOfConnections;
            return (
              <tr key={stack.key}>
                <th scope="row">{name}</th>
                <td>
                  {stack.active ? (
                    <StatusLabel color="success">{t("tcpip.active")}</StatusLabel>
                  ) : (
                    <StatusLabel>{t("tcpip.inactive")}</StatusLabel>
                  )}
                </td>
                <td>{stack.vmkernelAdapters.join(", ") || t("common.none")}</td>
                <td>{stack.defaultGateway || t("common.none")}</td>
                <td>{stack.ipV6DefaultGateway || t("common.none")}</td>
                <td>
                  {stack.dns.dhcp
                    ? t("tcpip.dnsFromAdapter", { adapter: stack.dns.vmkernelAdapter ?? "" })
                    : stack.dns.servers.join(", ") || t("common.none")}
                </td>
                <td>
                  {stack.congestionControlAlgorithm
                    ? t(`tcpip.congestion.${stack.congestionControlAlgorithm}`, { defaultValue: stack.congestionControlAlgorithm })
                    : t("common.none")}
                </td>
                <td>
                  {stack.maxNumberOfConnections ?? t("common.none")}
                  {pendingReboot && (
                    <div className="subtle">{t("tcpip.runtimeConnections", { current: stack.runtimeMaxNumberOfConnections ?? 0 })}</div>
                  )}
                </td>
                <td>
                  <Button
                    small
                    onClick={() => onEdit(stack.key)}
                    disabledReason={editReason(stack)}
                    aria-label={t("tcpip.editStack", { stack: name })}
                  >
                    {t("common.edit")}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
