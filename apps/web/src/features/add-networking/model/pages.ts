/** The wizard's pages, in order, and which of them a run shows (wizard-spec §1). */
import { wantsIpv4, wantsIpv6 } from "../../../components/vmkernel-adapter/form-values.ts";
import type { ConnectionTypeChoice, WizardValues } from "./form-values.ts";

export const WIZARD_PAGES = [
  "connection-type",
  "target-device",
  "create-standard-switch",
  "add-physical-adapter",
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
  "add-physical-adapter": "wizard.pages.addPhysicalAdapter",
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

/**
 * The pages only some connection types have: a VMkernel adapter's port properties and IP settings, a virtual machine
 * port group's connection settings, and the existing switch's adapters of a Physical Network Adapter run.
 */
const ONLY_FOR: Partial<Record<WizardPageId, readonly ConnectionTypeChoice[]>> = {
  "add-physical-adapter": ["physicalAdapter"],
  "connection-settings": ["vmPortGroup"],
  "port-properties": ["vmkernel"],
  "ipv4-settings": ["vmkernel"],
  "ipv6-settings": ["vmkernel"],
};

/**
 * 2a only for a new standard switch (or, adding physical adapters to an existing one, its adapters); then a VMkernel
 * adapter's port properties and its IPv4 and IPv6 pages as the IP settings say, or a virtual machine port group's
 * connection settings.
 */
export function pageSequence(values: WizardValues): WizardPageId[] {
  const type = values.connectionType.connectionType;
  return WIZARD_PAGES.filter((page) => {
    if (ONLY_FOR[page] && !ONLY_FOR[page].includes(type)) return false;
    if (page === "create-standard-switch") return values.targetDevice.kind === "newStandardSwitch";
    if (page === "add-physical-adapter") return values.targetDevice.kind === "existingStandardSwitch";
    if (page === "ipv4-settings") return wantsIpv4(values.portProperties);
    if (page === "ipv6-settings") return wantsIpv6(values.portProperties);
    return true;
  });
}
