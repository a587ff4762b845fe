import type { HostNetworking, VmkernelAdapterInfo } from "@addnet/contracts";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Tabs } from "../../../components/ui/tabs.tsx";
import { serviceLabel, stackLabel } from "../../../lib/labels.ts";
import { Properties } from "../../../components/ui/properties.tsx";

type Tab = "properties" | "ipSettings";

/**
 * The selected VMkernel adapter's details under the list: Properties (its port, switch, stack, services, MAC address and
 * MTU) and IP settings (IPv4 and IPv6), as the vSphere Client's tabs show them. The tab chosen stays when another adapter
 * is selected.
 */
export function AdapterDetails({ networking, adapter }: { networking: HostNetworking; adapter: VmkernelAdapterInfo }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [tab, setTab] = useState<Tab>("properties");
  const none = t("common.none");
  const onOff = (on: boolean) => (on ? t("hostNetworking.details.enabled") : t("hostNetworking.details.disabled"));
  const stack = networking.tcpipStacks.find((s) => s.key === adapter.tcpipStack);
  const override = adapter.gatewayOverride;

  const properties = (
    <>
      <h4>{t("hostNetworking.details.portProperties")}</h4>
      <Properties
        rows={[
          [t("hostNetworking.details.networkLabel"), adapter.networkLabel],
          [t("hostNetworking.details.switch"), adapter.switchName ?? none],
          [t("hostNetworking.details.tcpipStack"), stackLabel(t, adapter.tcpipStack, stack?.name)],
          [
            t("hostNetworking.details.enabledServices"),
            adapter.services.length ? adapter.services.map((s) => serviceLabel(t, s)).join(", ") : none,
          ],
        ]}
      />
      <h4>{t("hostNetworking.details.nicSettings")}</h4>
      <Properties
        rows={[
          [t("hostNetworking.details.macAddress"), adapter.mac ?? none],
          [t("hostNetworking.details.mtu"), adapter.mtu ?? none],
        ]}
      />
    </>
  );

  const { ipv4, ipv6 } = adapter;
  const ipSettings = (
    <>
      <h4>{t("hostNetworking.details.ipv4")}</h4>
      <Properties
        rows={[
          [t("hostNetworking.details.dhcp"), onOff(ipv4.dhcp)],
          [t("hostNetworking.details.ipv4Address"), ipv4.address ?? none],
          [t("hostNetworking.details.subnetMask"), ipv4.subnetMask ?? none],
          [t("hostNetworking.details.overrideGateway"), onOff(Boolean(override?.defaultGateway))],
          [t("hostNetworking.details.defaultGateway"), override?.defaultGateway ?? stack?.defaultGateway ?? none],
        ]}
      />
      <h4>{t("hostNetworking.details.ipv6")}</h4>
      {ipv6 ? (
        <Properties
          rows={[
            [t("hostNetworking.details.dhcp"), onOff(ipv6.dhcpV6)],
            [t("hostNetworking.details.routerAdvertisement"), onOff(ipv6.routerAdvertisement)],
            [
              t("hostNetworking.details.ipv6Addresses"),
              ipv6.addresses.length ? ipv6.addresses.map((a) => <div key={a.address}>{`${a.address}/${a.prefixLength}`}</div>) : none,
            ],
            [t("hostNetworking.details.overrideGateway"), onOff(Boolean(override?.ipV6DefaultGateway))],
            [t("hostNetworking.details.ipv6Gateway"), override?.ipV6DefaultGateway ?? stack?.ipV6DefaultGateway ?? none],
          ]}
        />
      ) : (
        <p>{t("hostNetworking.details.ipv6None")}</p>
      )}
    </>
  );

  return (
    <section className="adapter-details" aria-labelledby={titleId}>
      <h3 id={titleId}>{t("hostNetworking.details.title", { device: adapter.device })}</h3>
      <Tabs
        label={t("hostNetworking.details.title", { device: adapter.device })}
        selected={tab}
        onSelect={(id) => setTab(id as Tab)}
        items={[
          { id: "properties", label: t("hostNetworking.details.properties"), panel: properties },
          { id: "ipSettings", label: t("hostNetworking.details.ipSettings"), panel: ipSettings },
        ]}
      />
    </section>
  );
}
