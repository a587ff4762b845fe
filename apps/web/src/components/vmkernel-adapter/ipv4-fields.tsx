import { DEFAULT_STACK, type HostNetworking } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import type { FieldBinding } from "../../lib/form.ts";
import { stackLabel } from "../../lib/labels.ts";
import { Alert } from "../ui/alert.tsx";
import { Checkbox, Fieldset, Radio, StaticField, TextField } from "../ui/form-field.tsx";
import type { Ipv4Values } from "./form-values.ts";

export interface Ipv4FieldsProps {
  binding: FieldBinding<Ipv4Values>;
  /** The form's current choices, which decide the fields shown. */
  mode: Ipv4Values["mode"];
  overrideGateway: boolean;
  networking: HostNetworking;
  /** The adapter's TCP/IP stack, whose gateway and DNS servers it uses. */
  tcpipStack: string;
}

/**
 * IPv4 settings: DHCP, or a static address and mask with an optional per-adapter gateway. The stack's own gateway and DNS
 * servers are shown read-only, since the adapter uses them.
 */
export function Ipv4Fields({ binding, mode, overrideGateway, networking, tcpipStack }: Ipv4FieldsProps) {
  const { t } = useTranslation();
  const { register, errorFor } = binding;
  const stack = networking.tcpipStacks.find((s) => s.key === tcpipStack);
  const stackName = stackLabel(t, tcpipStack, stack?.name);
  return (
    <>
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
      {tcpipStack !== DEFAULT_STACK && <Alert status="info">{t("wizard.gatewayPerHost")}</Alert>}
    </>
  );
}
