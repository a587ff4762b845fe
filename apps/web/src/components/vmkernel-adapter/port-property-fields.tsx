import {
  adaptersOnStack,
  DEFAULT_STACK,
  isVsanService,
  offeredServices,
  PRIVILEGES,
  STACK_SERVICE,
  type HostNetworking,
  type NicType,
} from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import type { FieldBinding } from "../../lib/form.ts";
import { missingPrivilegeText, serviceLabel, stackLabel, validationText } from "../../lib/labels.ts";
import { Checkbox, Fieldset, Radio, TextField } from "../ui/form-field.tsx";
import type { AdapterPortValues, MtuValues } from "./form-values.ts";

/** IP settings: IPv4, IPv6 or both; the IPv6 choices only on a host with IPv6 enabled (R14). */
export function IpSettingsFieldset({ binding, ipv6Enabled }: { binding: FieldBinding<AdapterPortValues>; ipv6Enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Fieldset
      legend={t("wizard.port.ipSettings")}
      error={binding.errorFor("ipSettings")}
      helper={ipv6Enabled ? undefined : t("wizard.port.ipv6Unavailable")}
    >
      <Radio label={t("wizard.port.ipv4")} value="ipv4" {...binding.register("ipSettings")} />
      {ipv6Enabled && (
        <>
          <Radio label={t("wizard.port.ipv6")} value="ipv6" {...binding.register("ipSettings")} />
          <Radio label={t("wizard.port.ipv4ipv6")} value="ipv4ipv6" {...binding.register("ipSettings")} />
        </>
      )}
    </Fieldset>
  );
}

/** MTU: the switch's, or a custom size from 1280 bytes up to the switch's MTU when it is known (R12). */
export function MtuFieldset({
  binding,
  mode,
  switchMtu,
}: {
  binding: FieldBinding<AdapterPortValues>;
  mode: MtuValues["mode"];
  switchMtu: number | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t("wizard.port.mtu")}>
      <Radio
        label={switchMtu === undefined ? t("wizard.port.mtuFromSwitch") : t("wizard.port.mtuFromSwitchValue", { mtu: switchMtu })}
        value="fromSwitch"
        {...binding.register("mtu.mode")}
      />
      <Radio label={t("wizard.port.mtuCustom")} value="custom" {...binding.register("mtu.mode")} />
      {mode === "custom" && (
        <TextField
          label={t("wizard.port.mtuBytes")}
          inputMode="numeric"
          helper={switchMtu === undefined ? t("wizard.port.mtuRange") : t("wizard.port.mtuRangeSwitch", { mtu: switchMtu })}
          error={binding.errorFor("mtu.value")}
          {...binding.register("mtu.value")}
        />
      )}
    </Fieldset>
  );
}

export interface ServicesFieldsetProps {
  networking: HostNetworking;
  /** The adapter's TCP/IP stack: it decides which services may be chosen (R4). */
  tcpipStack: string;
  services: readonly string[];
  onChange: (services: string[]) => void;
  error?: string | undefined;
  /** The adapter being edited: it is not one of the "other" adapters a service would move from. */
  device?: string | undefined;
}

/**
 * Enabled services, the host's own: a free choice on the default stack, each service that cannot be ticked saying why; the
 * vMotion and Provisioning stacks carry only their own service, checked and locked (R4), custom stacks none.
 */
export function ServicesFieldset({ networking, tcpipStack, services, onChange, error, device }: ServicesFieldsetProps) {
  const { t } = useTranslation();
  const implied = STACK_SERVICE[tcpipStack];
  const locked = tcpipStack !== DEFAULT_STACK;
  const stackName = stackLabel(t, tcpipStack, networking.tcpipStacks.find((s) => s.key === tcpipStack)?.name);

  /** Why a service cannot be ticked on the default stack, if it cannot. */
  const serviceReason = (nt: NicType): string | undefined => {
    if (isVsanService(nt) && !networking.privileges.hostConfigStorage)
      return missingPrivilegeText(t, PRIVILEGES.storage, networking.host.name);
    if (isVsanService(nt) && services.some((s) => isVsanService(s) && s !== nt)) return validationText(t, "services.vsanOrWitness");
    if (nt === "vmotion" || nt === "vSphereProvisioning") {
      const onStack = adaptersOnStack(networking, nt);
      if (onStack.length > 0) return t(`wizard.port.serviceOnOwnStack.${nt}`, { devices: onStack.join(", ") });
    }
    return undefined;
  };
  /** R22: the service can be on one adapter only, so ticking it moves it from another. */
  const moveNote = (nt: NicType): string | undefined => {
    const info = networking.services.find((s) => s.nicType === nt);
    if (!info || info.multiSelectAllowed) return undefined;
    const holders = networking.vmkernelAdapters.filter((a) => a.device !== device && a.services.includes(nt)).map((a) => a.device);
    return holders.length ? t("wizard.port.singleSelect", { devices: holders.join(", ") }) : undefined;
  };

  return (
    <Fieldset
      legend={t("wizard.port.enabledServices")}
      error={error}
      helper={
        locked
          ? implied
            ? t("wizard.port.servicesLocked", { stack: stackName, service: serviceLabel(t, implied) })
            : t("wizard.port.servicesNone")
          : undefined
      }
    >
      <div className="services-grid">
        {offeredServices(networking).map((nt) => {
          const reason = locked ? undefined : serviceReason(nt);
          const note = locked ? undefined : moveNote(nt);
          const checked = services.includes(nt);
          return (
            <Checkbox
              key={nt}
              label={serviceLabel(t, nt)}
              checked={checked}
              disabled={locked || (Boolean(reason) && !checked)}
              description={reason ?? note}
              onChange={(e) => onChange(e.target.checked ? [...services, nt] : services.filter((s) => s !== nt))}
            />
          );
        })}
      </div>
    </Fieldset>
  );
}
