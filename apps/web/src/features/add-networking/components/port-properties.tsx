import {
  adaptersOnStack,
  DEFAULT_STACK,
  isVsanService,
  offeredServices,
  PRIVILEGES,
  STACK_SERVICE,
  switchMtu,
  type NicType,
} from "@addnet/contracts";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { Checkbox, Fieldset, Radio, SelectField, StaticField, TextField } from "../../../components/ui/form-field.tsx";
import { isSystemStack, missingPrivilegeText, serviceLabel, stackLabel, validationText } from "../../../lib/labels.ts";
import { isStandardTarget, toTargetDevice } from "../model/form-values.ts";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { useWizard } from "./wizard-context.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/** The system stacks first, in the vSphere Client's order, then the host's custom stacks. */
const STACK_ORDER = [DEFAULT_STACK, "vSphereProvisioning", "vmotion"];

/**
 * Page 3: "Port properties": network label, VLAN ID, IP settings, MTU, TCP/IP stack and enabled services. The
 * vMotion and Provisioning stacks carry only their own service, checked and locked (R4); custom stacks none.
 */
export function PortProperties() {
  const { t } = useTranslation();
  const { networking, draft } = useWizard();
  const { form, onNext, isValid, errorFor } = useWizardPageForm("port-properties");
  const { register, control, setValue } = form;
  const [mtuMode, tcpipStack, services] = useWatch({ control, name: ["mtu.mode", "tcpipStack", "services"] });

  const target = draft.values.targetDevice;
  const standard = isStandardTarget(target);
  const dvpg = networking.distributedPortgroups.find((p) => p.key === target.portgroupKey);
  const limit = switchMtu(networking, toTargetDevice(target));
  const stacks = [
    ...STACK_ORDER.map((k) => networking.tcpipStacks.find((s) => s.key === k)).filter((s) => s !== undefined),
    ...networking.tcpipStacks.filter((s) => !isSystemStack(s.key)),
  ];
  const implied = STACK_SERVICE[tcpipStack];
  const locked = tcpipStack !== DEFAULT_STACK;
  const selectedStackName = stackLabel(t, tcpipStack, networking.tcpipStacks.find((s) => s.key === tcpipStack)?.name);

  const setServices = (next: string[]) => setValue("services", next, { shouldDirty: true, shouldTouch: true, shouldValidate: true });
  const onStackChange = (key: string) => {
    const service = STACK_SERVICE[key];
    setServices(service ? [service] : []);
  };

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
    const holders = networking.vmkernelAdapters.filter((a) => a.services.includes(nt)).map((a) => a.device);
    return holders.length ? t("wizard.port.singleSelect", { devices: holders.join(", ") }) : undefined;
  };

  const ipv6Options = networking.ipv6Enabled;

  return (
    <WizardPage
      title={t("wizard.pages.portProperties")}
      intro={t("wizard.port.intro")}
      onSubmit={onNext}
      footer={<WizardFooter page="port-properties" nextDisabled={!isValid} />}
    >
      {standard ? (
        <>
          <TextField label={t("wizard.port.networkLabel")} error={errorFor("networkLabel")} {...register("networkLabel")} />
          <TextField
            label={t("wizard.port.vlanId")}
            inputMode="numeric"
            helper={t("wizard.port.vlanHelp")}
            error={errorFor("vlanId")}
            list="vlan-choices"
            {...register("vlanId")}
          />
          <datalist id="vlan-choices">
            <option value="0">{t("wizard.port.vlanNone")}</option>
          </datalist>
        </>
      ) : (
        <>
          <StaticField label={t("wizard.port.networkLabel")}>{dvpg?.name ?? t("common.none")}</StaticField>
          <StaticField label={t("wizard.port.vlanId")}>{dvpg?.vlanId ?? t("common.none")}</StaticField>
          <p className="subtle">{t("wizard.port.inheritedFromPortgroup")}</p>
        </>
      )}

      <Fieldset
        legend={t("wizard.port.ipSettings")}
        error={errorFor("ipSettings")}
        helper={ipv6Options ? undefined : t("wizard.port.ipv6Unavailable")}
      >
        <Radio label={t("wizard.port.ipv4")} value="ipv4" {...register("ipSettings")} />
        {ipv6Options && (
          <>
            <Radio label={t("wizard.port.ipv6")} value="ipv6" {...register("ipSettings")} />
            <Radio label={t("wizard.port.ipv4ipv6")} value="ipv4ipv6" {...register("ipSettings")} />
          </>
        )}
      </Fieldset>

      <Fieldset legend={t("wizard.port.mtu")}>
        <Radio
          label={limit === undefined ? t("wizard.port.mtuFromSwitch") : t("wizard.port.mtuFromSwitchValue", { mtu: limit })}
          value="fromSwitch"
          {...register("mtu.mode")}
        />
        <Radio label={t("wizard.port.mtuCustom")} value="custom" {...register("mtu.mode")} />
        {mtuMode === "custom" && (
          <TextField
            label={t("wizard.port.mtuBytes")}
            inputMode="numeric"
            helper={limit === undefined ? t("wizard.port.mtuRange") : t("wizard.port.mtuRangeSwitch", { mtu: limit })}
            error={errorFor("mtu.value")}
            {...register("mtu.value")}
          />
        )}
      </Fieldset>

      <SelectField
        label={t("wizard.port.tcpipStack")}
        error={errorFor("tcpipStack")}
        helper={t("wizard.port.stackPermanent")}
        {...register("tcpipStack", { onChange: (e: { target: { value: string } }) => onStackChange(e.target.value) })}
      >
        {stacks.map((s) => (
          <option key={s.key} value={s.key}>
            {stackLabel(t, s.key, s.name)}
          </option>
        ))}
      </SelectField>
      {implied && <Alert status="info">{t(`wizard.port.stackMeaning.${implied}`)}</Alert>}

      <Fieldset
        legend={t("wizard.port.enabledServices")}
        error={errorFor("services")}
        helper={
          locked
            ? implied
              ? t("wizard.port.servicesLocked", { stack: selectedStackName, service: serviceLabel(t, implied) })
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
                onChange={(e) => setServices(e.target.checked ? [...services, nt] : services.filter((s) => s !== nt))}
              />
            );
          })}
        </div>
      </Fieldset>
    </WizardPage>
  );
}
