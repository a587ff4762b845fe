import { DEFAULT_STACK, STACK_SERVICE, switchMtu } from "@addnet/contracts";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { SelectField, StaticField, TextField } from "../../../components/ui/form-field.tsx";
import { IpSettingsFieldset, MtuFieldset, ServicesFieldset } from "../../../components/vmkernel-adapter/port-property-fields.tsx";
import { isSystemStack, stackLabel } from "../../../lib/labels.ts";
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

  const setServices = (next: string[]) => setValue("services", next, { shouldDirty: true, shouldTouch: true, shouldValidate: true });
  const onStackChange = (key: string) => {
    const service = STACK_SERVICE[key];
    setServices(service ? [service] : []);
  };
  const binding = { register, errorFor };

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

      <IpSettingsFieldset binding={binding} ipv6Enabled={networking.ipv6Enabled} />
      <MtuFieldset binding={binding} mode={mtuMode} switchMtu={limit} />

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

      <ServicesFieldset
        networking={networking}
        tcpipStack={tcpipStack}
        services={services}
        onChange={setServices}
        error={errorFor("services")}
      />
    </WizardPage>
  );
}
