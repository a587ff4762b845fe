import type { HostNetworking } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import type { FieldBinding } from "../../lib/form.ts";
import { stackLabel } from "../../lib/labels.ts";
import { Button } from "../ui/button.tsx";
import { Checkbox, Fieldset, StaticField, TextField } from "../ui/form-field.tsx";
import { NEW_IPV6_ADDRESS, type Ipv6Values } from "./form-values.ts";

/** The static addresses' rows, as react-hook-form's useFieldArray gives them. */
export interface Ipv6AddressRows {
  fields: readonly { id: string }[];
  append: (row: Ipv6Values["staticAddresses"][number]) => void;
  remove: (index: number) => void;
}

export interface Ipv6FieldsProps {
  binding: FieldBinding<Ipv6Values>;
  addresses: Ipv6AddressRows;
  /** The form's current choice, which decides whether the gateway field is shown. */
  overrideGateway: boolean;
  networking: HostNetworking;
  /** The adapter's TCP/IP stack, whose IPv6 gateway it uses unless overridden. */
  tcpipStack: string;
}

/**
 * IPv6 settings: DHCPv6, router advertisement and static addresses with their prefix length (at least one of them), and
 * an optional per-adapter IPv6 gateway.
 */
export function Ipv6Fields({ binding, addresses, overrideGateway, networking, tcpipStack }: Ipv6FieldsProps) {
  const { t } = useTranslation();
  const { register, errorFor } = binding;
  const stack = networking.tcpipStacks.find((s) => s.key === tcpipStack);
  const stackName = stackLabel(t, tcpipStack, stack?.name);
  return (
    <>
      <Fieldset legend={t("wizard.ipv6.legend")} error={errorFor("staticAddresses")} helper={t("wizard.ipv6.atLeastOne")}>
        <Checkbox label={t("wizard.ipv6.dhcp")} description={t("wizard.ipv6.dhcpHelp")} {...register("dhcpV6")} />
        <Checkbox
          label={t("wizard.ipv6.routerAdvertisement")}
          description={t("wizard.ipv6.routerAdvertisementHelp")}
          {...register("routerAdvertisement")}
        />
        <div className="ipv6-static">
          <h4 className="ipv6-static-title">{t("wizard.ipv6.static")}</h4>
          {addresses.fields.map((field, i) => (
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
              <Button small variant="link" onClick={() => addresses.remove(i)} aria-label={t("wizard.ipv6.removeAddress", { n: i + 1 })}>
                {t("common.remove")}
              </Button>
            </div>
          ))}
          <Button small onClick={() => addresses.append({ ...NEW_IPV6_ADDRESS })}>
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
    </>
  );
}
