/** Display words for vim25 keys (stacks, services) and validation codes, all from the catalogues. */
// From the contracts' messages only: the module that also declares DEFAULT_STACK builds zod schemas, which the sign-in
// page (errors.ts uses this file) does without.
import { stackNames } from "@addnet/contracts";
import type { TFunction } from "i18next";

/** The system stacks (default, vMotion, Provisioning) are the ones the catalogues name. */
export function isSystemStack(key: string): key is keyof typeof stackNames {
  return Object.hasOwn(stackNames, key);
}

/** "Default", "vMotion", "Provisioning", or a custom stack's own name. */
export function stackLabel(t: TFunction, key: string, name?: string): string {
  return isSystemStack(key) ? t(`stacks.${key}`) : (name ?? key);
}

/** The vSphere Client's name for a VMkernel service (nicType). */
export function serviceLabel(t: TFunction, nicType: string): string {
  return t(`services.${nicType}`, { defaultValue: nicType });
}

/**
 * The user's-language text for a validation code from the shared schemas and host rules, with the names the API or
 * the rule gives as params.
 */
export function validationText(t: TFunction, code: string, params?: Record<string, string | number>): string {
  // A stack or service the API names by its key reads as the vSphere Client names it ("vMotion", not "vmotion").
  const named = params && { ...params };
  if (named && typeof named.stack === "string") named.stack = stackLabel(t, named.stack);
  if (named && typeof named.service === "string") named.service = serviceLabel(t, named.service);
  // A stack's congestion control comes as its vim25 value (newreno, cubic): the setting's name in the catalogue.
  if (named && typeof named.congestionControl === "string")
    named.congestionControl = t(`tcpip.congestion.${named.congestionControl}`, { defaultValue: named.congestionControl });
  // A list of services comes as their keys joined with ", " (move.servicesStay).
  if (named && typeof named.services === "string")
    named.services = named.services
      .split(", ")
      .map((s) => serviceLabel(t, s))
      .join(", ");
  return t(code, { ns: "validation", keySeparator: false, defaultValue: t("common.invalidValue"), ...named });
}

/** A port group's VLAN ID as the views show it: "None (0)", the ID, or "--" when there is none to show. */
export function vlanLabel(t: TFunction, vlanId: number | null | undefined): string {
  if (vlanId === null || vlanId === undefined) return t("common.none");
  return vlanId === 0 ? t("hostNetworking.vlanNone") : String(vlanId);
}

/** "Missing privilege Host.Config.Network on esx-02.lab.local": the API's privilege.missing, in the user's words. */
export function missingPrivilegeText(t: TFunction, privilege: string, entity: string): string {
  return validationText(t, "privilege.missing", { privilege, entity });
}

/** A physical adapter's link speed ("10000 Mbit/s"), or "Down" when it has no link. */
export function speedText(t: TFunction, speedMb: number | null): string {
  return speedMb === null ? t("hostNetworking.linkDown") : t("hostNetworking.speedMb", { speed: speedMb });
}
