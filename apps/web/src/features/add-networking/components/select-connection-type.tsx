import { useTranslation } from "react-i18next";

import { Fieldset, Radio } from "../../../components/ui/form-field.tsx";
import type { ConnectionTypeChoice } from "../model/form-values.ts";
import { CONNECTION_TYPE_KEYS } from "./summary.ts";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { useWizard } from "./wizard-context.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/** What each connection type adds, in the page's order. */
const HELP_KEYS = {
  vmkernel: "wizard.connectionType.vmkernelHelp",
  physicalAdapter: "wizard.connectionType.physicalAdapterHelp",
  vmPortGroup: "wizard.connectionType.vmPortGroupHelp",
} as const satisfies Record<ConnectionTypeChoice, string>;
const ALL_CONNECTION_TYPES = Object.keys(HELP_KEYS) as ConnectionTypeChoice[];

/**
 * Page 1: "Select connection type": a VMkernel Network Adapter, a Physical Network Adapter or a Virtual Machine Port
 * Group for a Standard Switch (a run for many hosts offers the first only).
 */
export function SelectConnectionType() {
  const { t } = useTranslation();
  const { form, onNext, isValid, errorFor } = useWizardPageForm("connection-type");
  const { register } = form;
  const { connectionTypes = ALL_CONNECTION_TYPES } = useWizard();
  return (
    <WizardPage
      title={t("wizard.pages.connectionType")}
      intro={t("wizard.connectionType.intro")}
      onSubmit={onNext}
      footer={<WizardFooter page="connection-type" nextDisabled={!isValid} />}
    >
      <Fieldset legend={t("wizard.connectionType.legend")} error={errorFor("connectionType")}>
        {connectionTypes.map((type) => (
          <Radio
            key={type}
            label={t(CONNECTION_TYPE_KEYS[type])}
            description={t(HELP_KEYS[type])}
            value={type}
            {...register("connectionType")}
          />
        ))}
      </Fieldset>
    </WizardPage>
  );
}
