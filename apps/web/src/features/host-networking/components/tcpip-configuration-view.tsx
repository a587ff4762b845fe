import { checkNetStackEdit, type HostNetworking, type TcpipStackInfo } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { stackLabel, validationText } from "../../../lib/labels.ts";

export interface TcpipConfigurationViewProps {
  networking: HostNetworking;
  onEdit: (stackKey: string) => void;
}

/** Configure → Networking → TCP/IP configuration: each stack's gateway, DNS, congestion control and connections. */
export function TcpipConfigurationView({ networking, onEdit }: TcpipConfigurationViewProps) {
  const { t } = useTranslation();
  // What the host refuses whatever the edit holds (the dialog's own rule): the privilege, or a stack no adapter uses yet.
  const editReason = (stack: TcpipStackInfo): string | undefined => {
    const refusal = checkNetStackEdit(networking, stack.key, {}).find((i) => i.path === "");
    return refusal && validationText(t, refusal.code, refusal.params);
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
