import { DEFAULT_STACK } from "@addnet/contracts";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { Checkbox, Fieldset, Radio, StaticField, TextField } from "../../../components/ui/form-field.tsx";
import { stackLabel } from "../../../lib/labels.ts";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { useWizard } from "./wizard-context.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/**
 * Page 4: "IPv4 settings": DHCP, or a static address and mask with an optional per-adapter gateway. The stack's
 * own gateway and DNS servers are shown read-only, since the adapter uses them.
 */
export function Ipv4Settings() {
  const { t } = useTranslation();
  const { networking, draft } = useWizard();
  const { form, onNext, isValid, errorFor } = useWizardPageForm("ipv4-settings");
  const { register, control } = form;
  const [mode, overrideGateway] = useWatch({ control, name: ["mode", "overrideGateway"] });

  const stackKey = draft.values.portProperties.tcpipStack;
  const stack = networking.tcpipStacks.find((s) => s.key === stackKey);
  const stackName = stackLabel(t, stackKey, stack?.name);

  return (
    <WizardPage
      title={t("wizard.pages.ipv4Settings")}
      onSubmit={onNext}
      footer={<WizardFooter page="ipv4-settings" nextDisabled={!isValid} />}
    >
      <Fieldset legend={t("wizard.ipv4.legend")}>
        <Radio label={t("wizard.ipv4.dhcp")} description={t("wizard.ipv4.dhcpHelp")} value="dhcp" {...register("mode")} />
        <Radio label={t("wizard.ipv4.static")} description={t("wizard.ipv4.staticHelp")} value="static" {...register("mode")} />
      </Fieldset>
      {mode === "static" && (
        <div className="static-settings">
          <TextField label={t("wizard.ipv4.address")} autoComplete="off" error={errorFor("address")} {...register("address")} />
          <TextField label={t("wizard.ipv4.subnetMask")} autoComplete="off" error={errorFor("subnetMask")} {...register("subnetMask")} />
          <Checkbox label={t("wizard.ipv4.overrideGateway")} {...register("overrideGateway")} />
          {overrideGateway && (
            <TextField
              label={t("wizard.ipv4.defaultGateway")}
              autoComplete="off"
              error={errorFor("defaultGateway")}
              {...register("defaultGateway")}
            />
          )}
        </div>
      )}
      <StaticField label={t("wizard.ipv4.stackGateway", { stack: stackName })}>
        {stack?.defaultGateway || t("wizard.ipv4.noGateway")}
      </StaticField>
      <StaticField label={t("wizard.ipv4.stackDns", { stack: stackName })}>{stack?.dns.servers.join(", ") || t("common.none")}</StaticField>
      {stackKey !== DEFAULT_STACK && <Alert status="info">{t("wizard.gatewayPerHost")}</Alert>}
    </WizardPage>
  );
}
