import { useTranslation } from "react-i18next";

import { Fieldset, Radio } from "../../../components/ui/form-field.tsx";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/**
 * Page 1: "Select connection type": a VMkernel Network Adapter, a Physical Network Adapter or a Virtual Machine Port
 * Group for a Standard Switch.
 */
export function SelectConnectionType() {
  const { t } = useTranslation();
  const { form, onNext, isValid, errorFor } = useWizardPageForm("connection-type");
  const { register } = form;
  return (
    <WizardPage
      title={t("wizard.pages.connectionType")}
      intro={t("wizard.connectionType.intro")}
      onSubmit={onNext}
      footer={<WizardFooter page="connection-type" nextDisabled={!isValid} />}
    >
      <Fieldset legend={t("wizard.connectionType.legend")} error={errorFor("connectionType")}>
        <Radio
          label={t("wizard.connectionType.vmkernel")}
          description={t("wizard.connectionType.vmkernelHelp")}
          value="vmkernel"
          {...register("connectionType")}
        />
        <Radio
          label={t("wizard.connectionType.physicalAdapter")}
          description={t("wizard.connectionType.physicalAdapterHelp")}
          value="physicalAdapter"
          {...register("connectionType")}
        />
        <Radio
          label={t("wizard.connectionType.vmPortGroup")}
          description={t("wizard.connectionType.vmPortGroupHelp")}
          value="vmPortGroup"
          {...register("connectionType")}
        />
      </Fieldset>
    </WizardPage>
  );
}
