import { PRIVILEGES, type HostNetworking, type VmkernelAdapterInfo } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { missingPrivilegeText, serviceLabel, stackLabel } from "../../../lib/labels.ts";

export interface VmkernelAdaptersViewProps {
  networking: HostNetworking;
  onAddNetworking: () => void;
}

/** Configure → Networking → VMkernel adapters, with "Add Networking". */
export function VmkernelAdaptersView({ networking, onAddNetworking }: VmkernelAdaptersViewProps) {
  const { t } = useTranslation();
  const { host } = networking;
  let reason: string | undefined;
  if (!networking.privileges.hostConfigNetwork) reason = missingPrivilegeText(t, PRIVILEGES.network, host.name);
  else if (host.connectionState !== "connected") reason = t("hostNetworking.hostNotConnected");

  const stackName = (key: string) => stackLabel(t, key, networking.tcpipStacks.find((s) => s.key === key)?.name);
  return (
    <section aria-labelledby="vmkernel-adapters-title">
      <h2 id="vmkernel-adapters-title">{t("hostNetworking.views.vmkernelAdapters")}</h2>
      <div className="view-toolbar">
        <Button variant="outline" small onClick={onAddNetworking} disabledReason={reason}>
          {t("hostNetworking.addNetworking")}
        </Button>
      </div>
      <table className="table table-compact table-noborder-x">
        <caption className="clr-sr-only">{t("hostNetworking.views.vmkernelAdapters")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("hostNetworking.columns.device")}</th>
            <th scope="col">{t("hostNetworking.columns.networkLabel")}</th>
            <th scope="col">{t("hostNetworking.columns.switch")}</th>
            <th scope="col">{t("hostNetworking.columns.ipAddress")}</th>
            <th scope="col">{t("hostNetworking.columns.tcpipStack")}</th>
            <th scope="col">{t("hostNetworking.columns.enabledServices")}</th>
          </tr>
        </thead>
        <tbody>
          {networking.vmkernelAdapters.map((a) => (
            <tr key={a.device}>
              <th scope="row">{a.device}</th>
              <td>{a.networkLabel}</td>
              <td>{a.switchName ?? t("common.none")}</td>
              <td>
                <AdapterAddresses adapter={a} />
              </td>
              <td>{stackName(a.tcpipStack)}</td>
              <td>{a.services.length ? a.services.map((s) => serviceLabel(t, s)).join(", ") : t("common.none")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AdapterAddresses({ adapter }: { adapter: VmkernelAdapterInfo }) {
  const { t } = useTranslation();
  const v4 = adapter.ipv4.address ?? (adapter.ipv4.dhcp ? t("hostNetworking.dhcp") : null);
  const v6 = adapter.ipv6?.addresses.map((a) => `${a.address}/${a.prefixLength}`) ?? [];
  const all = [v4, ...v6].filter((x): x is string => Boolean(x));
  if (all.length === 0) return <>{t("common.none")}</>;
  return (
    <>
      {all.map((x) => (
        <div key={x}>{x}</div>
      ))}
    </>
  );
}
