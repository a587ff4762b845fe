/** The Ready to complete page's summary: every choice of the run, page by page, in the user's language. */
import { switchMtu, type HostNetworking } from "@addnet/contracts";
import type { TFunction } from "i18next";

import { wantsIpv4, wantsIpv6 } from "../../../components/vmkernel-adapter/form-values.ts";
import { toNumber } from "../../../lib/form.ts";
import { serviceLabel, stackLabel } from "../../../lib/labels.ts";
import {
  addedUplinks,
  isPhysicalAdapterRun,
  isPortGroupRun,
  isStandardTarget,
  toTargetDevice,
  type ConnectionTypeChoice,
  type NewSwitchValues,
  type WizardValues,
} from "../model/form-values.ts";
import { PAGE_TITLE_KEYS, type WizardPageId } from "../model/pages.ts";

export interface SummarySection {
  page: WizardPageId;
  title: string;
  rows: { label: string; value: string }[];
}

/** A VLAN ID in the words the pages offer it: None (0), All (4095), or the number. */
export function vlanText(t: TFunction, id: string): string {
  const n = toNumber(id);
  if (n === 0) return t("wizard.port.vlanNone");
  if (n === 4095) return t("wizard.connectionSettings.vlanAll");
  return id.trim();
}

/** Each connection type's name, as "Select connection type" offers it. */
export const CONNECTION_TYPE_KEYS = {
  vmkernel: "wizard.connectionType.vmkernel",
  physicalAdapter: "wizard.connectionType.physicalAdapter",
  vmPortGroup: "wizard.connectionType.vmPortGroup",
} as const satisfies Record<ConnectionTypeChoice, string>;

/**
 * A standard switch's Active, Standby and Unused adapters as rows, each list in its order; the adapters in `added` are
 * marked as the ones the change adds ("vmnic2 (new)").
 */
export function uplinkRows(t: TFunction, uplinks: NewSwitchValues, added: readonly string[] = []): SummarySection["rows"] {
  const list = (xs: string[]) =>
    xs.length ? xs.map((d) => (added.includes(d) ? t("wizard.summary.addedAdapter", { device: d }) : d)).join(", ") : t("common.none");
  return [
    { label: t("wizard.switch.activeAdapters"), value: list(uplinks.active) },
    { label: t("wizard.switch.standbyAdapters"), value: list(uplinks.standby) },
    { label: t("wizard.switch.unusedAdapters"), value: list(uplinks.unused) },
  ];
}

export function summarize(t: TFunction, values: WizardValues, networking: HostNetworking): SummarySection[] {
  const none = t("common.none");
  const yesNo = (b: boolean) => (b ? t("common.yes") : t("common.no"));
  const list = (xs: string[]) => (xs.length ? xs.join(", ") : none);
  const target = values.targetDevice;
  const port = values.portProperties;
  const portGroup = isPortGroupRun(values);
  const physicalAdapter = isPhysicalAdapterRun(values);
  const sections: SummarySection[] = [];

  sections.push({
    page: "connection-type",
    title: t(PAGE_TITLE_KEYS["connection-type"]),
    rows: [{ label: t("wizard.summary.connectionType"), value: t(CONNECTION_TYPE_KEYS[values.connectionType.connectionType]) }],
  });

  const targetRows: SummarySection["rows"] = [];
  if (target.kind === "existingNetwork") {
    const pg = networking.distributedPortgroups.find((p) => p.key === target.portgroupKey);
    targetRows.push({
      label: t("wizard.target.existingNetwork"),
      value: pg ? t("wizard.target.networkOnSwitch", { network: pg.name, switch: pg.switchName }) : none,
    });
  } else if (target.kind === "existingStandardSwitch") {
    // The port group's (or the physical adapters') switch, as the vSphere Client names it on its Ready to complete page.
    targetRows.push({
      label: t(portGroup || physicalAdapter ? "wizard.target.selectedSwitch" : "wizard.target.existingStandardSwitch"),
      value: target.vswitchName,
    });
  } else if (target.kind === "newStandardSwitch") {
    targetRows.push({ label: t("wizard.target.newStandardSwitch"), value: t("wizard.summary.newSwitchMtu", { mtu: target.mtu }) });
    targetRows.push(...uplinkRows(t, values.newSwitch));
  }
  sections.push({ page: "target-device", title: t(PAGE_TITLE_KEYS["target-device"]), rows: targetRows });

  if (physicalAdapter) {
    // An existing switch's failover order after the change, the adapters added marked as such.
    if (target.kind === "existingStandardSwitch") {
      const own = networking.vswitches.find((v) => v.name === target.vswitchName)?.uplinks ?? [];
      sections.push({
        page: "add-physical-adapter",
        title: t(PAGE_TITLE_KEYS["add-physical-adapter"]),
        rows: uplinkRows(t, values.switchUplinks, addedUplinks(values.switchUplinks, own)),
      });
    }
    return sections;
  }

  if (portGroup) {
    const settings = values.connectionSettings;
    sections.push({
      page: "connection-settings",
      title: t(PAGE_TITLE_KEYS["connection-settings"]),
      rows: [
        { label: t("wizard.port.networkLabel"), value: settings.networkLabel.trim() },
        { label: t("wizard.port.vlanId"), value: vlanText(t, settings.vlanId) },
      ],
    });
    return sections;
  }

  const pg = networking.distributedPortgroups.find((p) => p.key === target.portgroupKey);
  const standard = isStandardTarget(target);
  const mtu = switchMtu(networking, toTargetDevice(values.targetDevice));
  const stackName = stackLabel(t, port.tcpipStack, networking.tcpipStacks.find((s) => s.key === port.tcpipStack)?.name);
  sections.push({
    page: "port-properties",
    title: t(PAGE_TITLE_KEYS["port-properties"]),
    rows: [
      { label: t("wizard.port.networkLabel"), value: standard ? port.networkLabel.trim() : (pg?.name ?? none) },
      { label: t("wizard.port.vlanId"), value: vlanText(t, standard ? port.vlanId : String(pg?.vlanId ?? none)) },
      { label: t("wizard.port.ipSettings"), value: t(`wizard.port.${port.ipSettings}`) },
      {
        label: t("wizard.port.mtu"),
        value:
          port.mtu.mode === "custom"
            ? port.mtu.value.trim()
            : mtu === undefined
              ? t("wizard.port.mtuFromSwitch")
              : t("wizard.port.mtuFromSwitchValue", { mtu }),
      },
      { label: t("wizard.port.tcpipStack"), value: stackName },
      { label: t("wizard.port.enabledServices"), value: list(port.services.map((s) => serviceLabel(t, s))) },
    ],
  });

  if (wantsIpv4(port)) {
    const v4 = values.ipv4;
    sections.push({
      page: "ipv4-settings",
      title: t(PAGE_TITLE_KEYS["ipv4-settings"]),
      rows:
        v4.mode === "dhcp"
          ? [{ label: t("wizard.ipv4.legend"), value: t("wizard.ipv4.dhcp") }]
          : [
              { label: t("wizard.ipv4.address"), value: v4.address.trim() },
              { label: t("wizard.ipv4.subnetMask"), value: v4.subnetMask.trim() },
              { label: t("wizard.ipv4.overrideGateway"), value: v4.overrideGateway ? v4.defaultGateway.trim() : t("common.no") },
            ],
    });
  }
  if (wantsIpv6(port)) {
    const v6 = values.ipv6;
    sections.push({
      page: "ipv6-settings",
      title: t(PAGE_TITLE_KEYS["ipv6-settings"]),
      rows: [
        { label: t("wizard.ipv6.dhcp"), value: yesNo(v6.dhcpV6) },
        { label: t("wizard.ipv6.routerAdvertisement"), value: yesNo(v6.routerAdvertisement) },
        { label: t("wizard.ipv6.static"), value: list(v6.staticAddresses.map((a) => `${a.address.trim()}/${a.prefixLength.trim()}`)) },
        { label: t("wizard.ipv6.overrideGateway"), value: v6.overrideGateway ? v6.defaultGateway.trim() : t("common.no") },
      ],
    });
  }
  return sections;
}
