import { TEAMING_POLICIES } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import type { FieldBinding } from "../../lib/form.ts";
import { SelectField } from "../ui/form-field.tsx";
import { SECURITY_FIELDS, type LoadBalancing, type SecurityField, type SecurityValues, type TeamingValues } from "./policy-values.ts";

const SECURITY_LABEL_KEYS = {
  allowPromiscuous: "standardSwitches.promiscuous",
  macChanges: "standardSwitches.macChanges",
  forgedTransmits: "standardSwitches.forgedTransmits",
} as const satisfies Record<SecurityField, string>;

/** The vSphere Client's names of the load balancing policies. */
const POLICY_KEYS = {
  loadbalance_srcid: "standardSwitches.policies.loadbalance_srcid",
  loadbalance_ip: "standardSwitches.policies.loadbalance_ip",
  loadbalance_srcmac: "standardSwitches.policies.loadbalance_srcmac",
  failover_explicit: "standardSwitches.policies.failover_explicit",
} as const satisfies Record<LoadBalancing, string>;

export interface PolicyFieldsProps<V extends SecurityValues | TeamingValues> {
  binding: FieldBinding<V>;
  /** Shown greyed, nothing to choose: a port group's policy inherited from its switch. */
  disabled?: boolean | undefined;
}

/** Clarity greys a form control's label when the control is off. */
const disabledClass = (disabled: boolean | undefined) => (disabled ? "clr-form-control-disabled" : undefined);

/** Security: promiscuous mode, MAC address changes and forged transmits, each Accept or Reject. */
export function SecurityFields({ binding, disabled }: PolicyFieldsProps<SecurityValues>) {
  const { t } = useTranslation();
  return SECURITY_FIELDS.map((field) => (
    <SelectField
      key={field}
      label={t(SECURITY_LABEL_KEYS[field])}
      className={disabledClass(disabled)}
      disabled={disabled}
      error={binding.errorFor(field)}
      {...binding.register(field)}
    >
      <option value="accept">{t("standardSwitches.accept")}</option>
      <option value="reject">{t("standardSwitches.reject")}</option>
    </SelectField>
  ));
}

/** Teaming and failover without the failover order: load balancing, notify switches and failback. */
export function TeamingFields({ binding, disabled }: PolicyFieldsProps<TeamingValues>) {
  const { t } = useTranslation();
  const yesNo = (
    <>
      <option value="yes">{t("common.yes")}</option>
      <option value="no">{t("common.no")}</option>
    </>
  );
  const common = { className: disabledClass(disabled), disabled };
  return (
    <>
      <SelectField
        label={t("standardSwitches.loadBalancing")}
        {...common}
        error={binding.errorFor("policy")}
        {...binding.register("policy")}
      >
        {TEAMING_POLICIES.map((policy) => (
          <option key={policy} value={policy}>
            {t(POLICY_KEYS[policy])}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("standardSwitches.notifySwitches")}
        {...common}
        error={binding.errorFor("notifySwitches")}
        {...binding.register("notifySwitches")}
      >
        {yesNo}
      </SelectField>
      <SelectField
        label={t("standardSwitches.failback")}
        {...common}
        error={binding.errorFor("failback")}
        {...binding.register("failback")}
      >
        {yesNo}
      </SelectField>
    </>
  );
}
