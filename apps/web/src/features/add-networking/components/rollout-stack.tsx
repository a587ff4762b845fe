import { CONGESTION_CONTROL } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Fieldset, Radio, SelectField, TextField } from "../../../components/ui/form-field.tsx";
import { stackLabel, validationText } from "../../../lib/labels.ts";
import type { RolloutStackValues } from "../model/rollout-draft.ts";
import { planFields } from "../model/rollout-plan.ts";
import { useRollout } from "./rollout-context.tsx";
import { PlanIssues, PlanTable } from "./rollout-plan-table.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

type TextSetting = Exclude<keyof RolloutStackValues, "dnsMode">;

/**
 * The adapter's TCP/IP stack (vMotion, Provisioning or a custom one) on every host, in the words of the Edit TCP/IP stack
 * dialog: its default gateway, each host's own (the seed's "each host" rule, met by construction), its DNS configuration,
 * congestion control and maximum number of connections. Set as each host's change's last step.
 */
export function RolloutStackPage() {
  const { t } = useTranslation();
  const { draft, reference, plans, update, goNext } = useRollout();
  const stackKey = draft.values.portProperties.tcpipStack;
  const stackName = stackLabel(t, stackKey, reference.tcpipStacks.find((s) => s.key === stackKey)?.name);
  const stack = draft.stack;
  const fields = planFields(draft).filter((f) => f === "stackGateway" || f === "dnsHostName");
  const valid = plans.every((p) => p.stackErrors.length === 0);
  const set = (name: keyof RolloutStackValues, value: string) => update((d) => ({ stack: { ...d.stack, [name]: value } }));
  // A shared setting's error is the same on every host: the first host's says it.
  const sharedError = (path: string) => {
    const issue = plans[0]?.stackErrors.find((i) => i.path === path);
    return issue && validationText(t, issue.code, issue.params);
  };
  const text = (name: TextSetting, label: string, path: string, helper?: string) => (
    <TextField
      label={label}
      value={stack[name]}
      helper={helper}
      autoComplete="off"
      error={sharedError(path)}
      onChange={(e) => set(name, e.target.value)}
    />
  );

  return (
    <WizardPage
      title={t("rollout.pages.tcpipStack")}
      intro={t("rollout.stack.intro", { stack: stackName })}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) goNext("tcpip-stack");
      }}
      footer={<WizardFooter page="tcpip-stack" nextDisabled={!valid} />}
    >
      <Alert status="info">{t("wizard.gatewayPerHost")}</Alert>
      <h4>{t("tcpip.pages.routing")}</h4>
      {text("defaultGateway", t("tcpip.routing.ipv4Gateway"), "", t("rollout.stack.gatewayHelp"))}

      <h4>{t("tcpip.pages.dns")}</h4>
      <Fieldset legend={t("tcpip.dns.legend")}>
        <Radio
          label={t("rollout.stack.dnsKeep")}
          name="dnsMode"
          value="keep"
          checked={stack.dnsMode === "keep"}
          onChange={() => set("dnsMode", "keep")}
        />
        <Radio
          label={t("tcpip.dns.manual")}
          name="dnsMode"
          value="manual"
          checked={stack.dnsMode === "manual"}
          onChange={() => set("dnsMode", "manual")}
        />
      </Fieldset>
      {stack.dnsMode === "manual" && (
        <>
          {text("domainName", t("tcpip.dns.domainName"), "dnsConfiguration.domainName")}
          {text("preferredDnsServer", t("tcpip.dns.preferredServer"), "dnsConfiguration.preferredDnsServer")}
          {text("alternateDnsServer", t("tcpip.dns.alternateServer"), "dnsConfiguration.alternateDnsServer")}
          {text("searchDomains", t("tcpip.dns.searchDomains"), "dnsConfiguration.searchDomains", t("tcpip.dns.searchDomainsHelp"))}
        </>
      )}

      <h4>{t("tcpip.pages.advanced")}</h4>
      <SelectField
        label={t("tcpip.advanced.congestionControl")}
        value={stack.congestionControlAlgorithm}
        error={sharedError("congestionControlAlgorithm")}
        onChange={(e) => set("congestionControlAlgorithm", e.target.value)}
      >
        {CONGESTION_CONTROL.map((c) => (
          <option key={c} value={c}>
            {t(`tcpip.congestion.${c}`)}
          </option>
        ))}
      </SelectField>
      {text("maxNumberOfConnections", t("tcpip.advanced.maxConnections"), "maxNumberOfConnections", t("rollout.stack.maxConnectionsHelp"))}

      <PlanTable
        caption={t("rollout.stack.tableCaption", { stack: stackName })}
        fields={fields}
        issues={(p) => p.stackErrors}
        status={{
          title: t("rollout.stack.current"),
          cell: (p) => {
            const now = p.networking?.tcpipStacks.find((s) => s.key === stackKey);
            const rest = p.stackErrors.filter((i) => i.field === null);
            return (
              <>
                {now?.active ? t("rollout.stack.currentGateway", { gateway: now.defaultGateway ?? t("common.none") }) : t("tcpip.inactive")}
                {rest.length > 0 && <PlanIssues issues={rest} />}
                {p.stackErrors.length === 0 && <StatusLabel color="success">{t("rollout.plan.ok")}</StatusLabel>}
              </>
            );
          },
        }}
      />
    </WizardPage>
  );
}
