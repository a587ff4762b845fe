import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Ipv4Fields } from "../../../components/vmkernel-adapter/ipv4-fields.tsx";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { useWizard } from "./wizard-context.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/** Page 4: "IPv4 settings", for the TCP/IP stack chosen on Port properties. */
export function Ipv4Settings() {
  const { t } = useTranslation();
  const { networking, draft } = useWizard();
  const { form, onNext, isValid, errorFor } = useWizardPageForm("ipv4-settings");
  const { register, control } = form;
  const [mode, overrideGateway] = useWatch({ control, name: ["mode", "overrideGateway"] });

  return (
    <WizardPage
      title={t("wizard.pages.ipv4Settings")}
      onSubmit={onNext}
      footer={<WizardFooter page="ipv4-settings" nextDisabled={!isValid} />}
    >
      <Ipv4Fields
        binding={{ register, errorFor }}
        mode={mode}
        overrideGateway={overrideGateway}
        networking={networking}
        tcpipStack={draft.values.portProperties.tcpipStack}
      />
    </WizardPage>
  );
}
