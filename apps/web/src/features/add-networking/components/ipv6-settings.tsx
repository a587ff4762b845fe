import { useFieldArray, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Ipv6Fields } from "../../../components/vmkernel-adapter/ipv6-fields.tsx";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { useWizard } from "./wizard-context.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/** Page 5: "IPv6 settings", for the TCP/IP stack chosen on Port properties. */
export function Ipv6Settings() {
  const { t } = useTranslation();
  const { networking, draft } = useWizard();
  const { form, onNext, isValid, errorFor } = useWizardPageForm("ipv6-settings");
  const { register, control } = form;
  const addresses = useFieldArray({ control, name: "staticAddresses" });
  const overrideGateway = useWatch({ control, name: "overrideGateway" });

  return (
    <WizardPage
      title={t("wizard.pages.ipv6Settings")}
      onSubmit={onNext}
      footer={<WizardFooter page="ipv6-settings" nextDisabled={!isValid} />}
    >
      <Ipv6Fields
        // "No way chosen" belongs to the whole list: it shows once anything on the page has changed.
        binding={{ register, errorFor: (name) => errorFor(name, name === "staticAddresses" ? ["*"] : []) }}
        addresses={addresses}
        overrideGateway={overrideGateway}
        networking={networking}
        tcpipStack={draft.values.portProperties.tcpipStack}
      />
    </WizardPage>
  );
}
