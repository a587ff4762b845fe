import { useFieldArray, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { Checkbox, Fieldset, StaticField, TextField } from "../../../components/ui/form-field.tsx";
import { stackLabel } from "../../../lib/labels.ts";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { useWizard } from "./wizard-context.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/**
 * Page 5: "IPv6 settings": DHCPv6, router advertisement and static addresses with their prefix length (at least
 * one of them), and an optional per-adapter IPv6 gateway.
 */
export function Ipv6Settings() {
  const { t } = useTranslation();
  const { networking, draft } = useWizard();
  const { form, onNext, isValid, errorFor } = useWizardPageForm("ipv6-settings");
  const { register, control } = form;
  const { fields, append, remove } = useFieldArray({ control, name: "staticAddresses" });
  const overrideGateway = useWatch({ control, name: "overrideGateway" });

  const stackKey = draft.values.portProperties.tcpipStack;
  const stack = networking.tcpipStacks.find((s) => s.key === stackKey);
  const stackName = stackLabel(t, stackKey, stack?.name);

  return (
    <WizardPage
      title={t("wizard.pages.ipv6Settings")}
      onSubmit={onNext}
      footer={<WizardFooter page="ipv6-settings" nextDisabled={!isValid} />}
    >
      <Fieldset legend={t("wizard.ipv6.legend")} error={errorFor("staticAddresses", ["*"])} helper={t("wizard.ipv6.atLeastOne")}>
        <Checkbox label={t("wizard.ipv6.dhcp")} description={t("wizard.ipv6.dhcpHelp")} {...register("dhcpV6")} />
        <Checkbox
          label={t("wizard.ipv6.routerAdvertisement")}
          description={t("wizard.ipv6.routerAdvertisementHelp")}
          {...register("routerAdvertisement")}
        />
        <div className="ipv6-static">
          <h4 className="ipv6-static-title">{t("wizard.ipv6.static")}</h4>
          {fields.map((field, i) => (
            <div key={field.id} className="ipv6-address-row" role="group" aria-label={t("wizard.ipv6.addressN", { n: i + 1 })}>
              <TextField
                label={t("wizard.ipv6.address")}
                autoComplete="off"
                error={errorFor(`staticAddresses.${i}.address`)}
                {...register(`staticAddresses.${i}.address`)}
              />
              <TextField
                label={t("wizard.ipv6.prefixLength")}
                inputMode="numeric"
                className="prefix-length"
                error={errorFor(`staticAddresses.${i}.prefixLength`)}
                {...register(`staticAddresses.${i}.prefixLength`)}
              />
              <Button small variant="link" onClick={() => remove(i)} aria-label={t("wizard.ipv6.removeAddress", { n: i + 1 })}>
                {t("common.remove")}
              </Button>
            </div>
          ))}
          <Button small onClick={() => append({ address: "", prefixLength: "64" })}>
            {t("wizard.ipv6.addAddress")}
          </Button>
        </div>
      </Fieldset>
      <Checkbox label={t("wizard.ipv6.overrideGateway")} {...register("overrideGateway")} />
      {overrideGateway && (
        <TextField
          label={t("wizard.ipv6.defaultGateway")}
          autoComplete="off"
          error={errorFor("defaultGateway")}
          {...register("defaultGateway")}
        />
      )}
      <StaticField label={t("wizard.ipv6.stackGateway", { stack: stackName })}>
        {stack?.ipV6DefaultGateway || t("wizard.ipv4.noGateway")}
      </StaticField>
    </WizardPage>
  );
}
