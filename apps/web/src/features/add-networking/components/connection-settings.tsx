import { useTranslation } from "react-i18next";

import { TextField } from "../../../components/ui/form-field.tsx";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/**
 * "Connection settings" of a virtual machine port group: its network label, unique on the host ("VM Network", or the
 * next free "VM Network N"), and its VLAN ID: None (0), a VLAN from 1 to 4094, or All (4095), where the virtual
 * machines tag their own VLANs.
 */
export function ConnectionSettings() {
  const { t } = useTranslation();
  const { form, onNext, isValid, errorFor } = useWizardPageForm("connection-settings");
  const { register } = form;
  return (
    <WizardPage
      title={t("wizard.pages.connectionSettings")}
      intro={t("wizard.connectionSettings.intro")}
      onSubmit={onNext}
      footer={<WizardFooter page="connection-settings" nextDisabled={!isValid} />}
    >
      <TextField label={t("wizard.port.networkLabel")} error={errorFor("networkLabel")} {...register("networkLabel")} />
      <TextField
        label={t("wizard.port.vlanId")}
        inputMode="numeric"
        helper={t("wizard.connectionSettings.vlanHelp")}
        error={errorFor("vlanId")}
        list="port-group-vlan-choices"
        {...register("vlanId")}
      />
      <datalist id="port-group-vlan-choices">
        <option value="0">{t("wizard.port.vlanNone")}</option>
        <option value="4095">{t("wizard.connectionSettings.vlanAll")}</option>
      </datalist>
    </WizardPage>
  );
}
