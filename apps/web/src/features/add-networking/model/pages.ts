/** The wizard's pages, in order, and which of them a run shows (wizard-spec §1). */
import { isPortGroupRun, wantsIpv4, wantsIpv6, type WizardValues } from "./form-values.ts";

export const WIZARD_PAGES = [
  "connection-type",
  "target-device",
  "create-standard-switch",
  "connection-settings",
  "port-properties",
  "ipv4-settings",
  "ipv6-settings",
  "ready-to-complete",
] as const;

export type WizardPageId = (typeof WIZARD_PAGES)[number];
export type WizardRouteId = WizardPageId | "result";

export const PAGE_TITLE_KEYS = {
  "connection-type": "wizard.pages.connectionType",
  "target-device": "wizard.pages.targetDevice",
  "create-standard-switch": "wizard.pages.createStandardSwitch",
  "connection-settings": "wizard.pages.connectionSettings",
  "port-properties": "wizard.pages.portProperties",
  "ipv4-settings": "wizard.pages.ipv4Settings",
  "ipv6-settings": "wizard.pages.ipv6Settings",
  "ready-to-complete": "wizard.pages.readyToComplete",
  result: "wizard.pages.result",
} as const satisfies Record<WizardRouteId, string>;

export function isWizardRouteId(s: string | undefined): s is WizardRouteId {
  return s === "result" || (WIZARD_PAGES as readonly string[]).includes(s ?? "");
}

/** The pages only a VMkernel adapter has, and the one only a virtual machine port group has. */
const ADAPTER_PAGES: readonly WizardPageId[] = ["port-properties", "ipv4-settings", "ipv6-settings"];
const PORT_GROUP_PAGES: readonly WizardPageId[] = ["connection-settings"];

/**
 * 2a only for a new standard switch; then a VMkernel adapter's port properties and its IPv4 and IPv6 pages as the IP
 * settings say, or a virtual machine port group's connection settings.
 */
export function pageSequence(values: WizardValues): WizardPageId[] {
  const portGroup = isPortGroupRun(values);
  return WIZARD_PAGES.filter((page) => {
    if ((portGroup ? ADAPTER_PAGES : PORT_GROUP_PAGES).includes(page)) return false;
    if (page === "create-standard-switch") return values.targetDevice.kind === "newStandardSwitch";
    if (page === "ipv4-settings") return wantsIpv4(values.portProperties);
    if (page === "ipv6-settings") return wantsIpv6(values.portProperties);
    return true;
  });
}
