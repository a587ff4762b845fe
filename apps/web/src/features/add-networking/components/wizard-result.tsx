import { DEFAULT_STACK, STACK_SERVICE, type AddedUplinks, type CreatedAdapter, type CreatedPortGroup } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { LostServices } from "../../../components/lost-services.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { StepList } from "../../../components/step-list.tsx";
import { paths } from "../../../config/paths.ts";
import { serviceLabel, stackLabel } from "../../../lib/labels.ts";
import { isAddedUplinks, isCreatedPortGroup } from "../model/draft.ts";
import { uplinkRows, vlanText } from "./summary.ts";
import { useSingleHostWizard } from "./wizard-context.tsx";
import { WizardPage } from "./wizard-page.tsx";
import { Properties } from "../../../components/ui/properties.tsx";

/**
 * After Finish: what was made as read back from the host (a VMkernel adapter, a port group, or a switch with the
 * physical adapters added), and the steps.
 */
export function WizardResult() {
  const { t } = useTranslation();
  const { draft, close } = useSingleHostWizard();
  const result = draft.result;
  if (!result) return null;
  const portGroup = isCreatedPortGroup(result);
  const uplinks = isAddedUplinks(result);

  return (
    <WizardPage
      title={t(portGroup ? "wizard.pages.portGroupResult" : uplinks ? "wizard.pages.physicalAdapterResult" : "wizard.pages.result")}
      footer={
        <div className="wizard-footer">
          <Button variant="primary" onClick={() => close()}>
            {t("common.close")}
          </Button>
        </div>
      }
    >
      {portGroup ? <PortGroupCreated result={result} /> : uplinks ? <UplinksAdded result={result} /> : <AdapterCreated result={result} />}
      <section className="summary-section" aria-labelledby="result-steps-title">
        <h4 id="result-steps-title">{t("wizard.result.stepsTitle")}</h4>
        <StepList steps={result.steps} />
      </section>
    </WizardPage>
  );
}

/** The port group as the host now lists it: its label, VLAN and switch. */
function PortGroupCreated({ result }: { result: CreatedPortGroup }) {
  const { t } = useTranslation();
  const { networking } = useSingleHostWizard();
  const { name, vlanId, vswitch } = result.portGroup;
  return (
    <>
      <Alert status="success">
        {t("wizard.result.portGroupCreated", { portgroup: name, vlanId, vswitch, host: networking.host.name })}
      </Alert>
      <Properties
        rows={[
          [t("wizard.port.networkLabel"), name],
          [t("wizard.port.vlanId"), vlanText(t, String(vlanId))],
          [t("hostNetworking.columns.switch"), vswitch],
        ]}
      />
    </>
  );
}

/** The switch as the host now lists it, its failover order with the adapters the change added marked as such. */
function UplinksAdded({ result }: { result: AddedUplinks }) {
  const { t } = useTranslation();
  const { networking } = useSingleHostWizard();
  const { vswitch, added } = result;
  const params = { devices: added.join(", "), vswitch: vswitch.name, host: networking.host.name };
  return (
    <>
      <Alert status="success">
        {t(added.length === 1 ? "wizard.result.physicalAdapterAdded" : "wizard.result.physicalAdaptersAdded", params)}
      </Alert>
      <Properties
        rows={[
          [t("hostNetworking.columns.switch"), vswitch.name],
          [t("wizard.port.mtu"), String(vswitch.mtu)],
          ...uplinkRows(t, vswitch, added).map((r): [string, string] => [r.label, r.value]),
        ]}
      />
    </>
  );
}

/**
 * The adapter as read back from the host and, for a vMotion or Provisioning stack, which default-stack adapters lost
 * that service and the reminder that each host needs the stack's gateway.
 */
function AdapterCreated({ result }: { result: CreatedAdapter }) {
  const { t } = useTranslation();
  const { hostId, networking, close } = useSingleHostWizard();
  const { adapter, tcpipStack } = result;
  const stackName = stackLabel(t, tcpipStack.key, networking.tcpipStacks.find((s) => s.key === tcpipStack.key)?.name);
  const service = STACK_SERVICE[tcpipStack.key];
  const v6 = adapter.ipv6?.addresses.map((a) => `${a.address}/${a.prefixLength}`) ?? [];
  const none = t("common.none");

  const rows: [string, string][] = [
    [t("hostNetworking.columns.device"), adapter.device],
    [t("hostNetworking.columns.networkLabel"), adapter.networkLabel],
    [t("hostNetworking.columns.switch"), adapter.switchName ?? none],
    [
      t("wizard.ipv4.address"),
      adapter.ipv4.dhcp ? t("wizard.result.dhcpAddress", { address: adapter.ipv4.address ?? none }) : (adapter.ipv4.address ?? none),
    ],
    [t("wizard.ipv4.subnetMask"), adapter.ipv4.subnetMask ?? none],
    [t("wizard.ipv6.static"), v6.join(", ") || none],
    [t("wizard.port.mtu"), adapter.mtu === null ? none : String(adapter.mtu)],
    [t("wizard.result.mac"), adapter.mac ?? none],
    [t("wizard.port.tcpipStack"), stackName],
    [t("wizard.port.enabledServices"), adapter.services.map((s) => serviceLabel(t, s)).join(", ") || none],
    [t("wizard.ipv4.defaultGateway"), adapter.gatewayOverride?.defaultGateway ?? none],
  ];

  return (
    <>
      <Alert status="success">{t("wizard.result.created", { device: adapter.device, host: networking.host.name })}</Alert>
      <Properties rows={rows} />

      {service && (
        <section className="summary-section" aria-labelledby="lost-services-title">
          <h4 id="lost-services-title">{t("wizard.result.lostTitle", { service: serviceLabel(t, service) })}</h4>
          <p>{t(`wizard.result.stackTakesOver.${service}`)}</p>
          {result.lostServices.length > 0 ? (
            <LostServices lost={result.lostServices} />
          ) : (
            <p>{t("wizard.result.noneLost", { service: serviceLabel(t, service) })}</p>
          )}
        </section>
      )}

      {tcpipStack.key !== DEFAULT_STACK && (
        <Alert status={tcpipStack.hasDefaultGateway ? "info" : "warning"}>
          <p>{t("wizard.gatewayPerHost")}</p>
          <p>
            {tcpipStack.hasDefaultGateway
              ? t("wizard.result.hasGateway", { stack: stackName })
              : t("wizard.result.noGateway", { stack: stackName, host: networking.host.name })}
          </p>
          <Button small onClick={() => close(paths.editTcpipStack(hostId, tcpipStack.key))}>
            {t("wizard.result.editStack", { stack: stackName })}
          </Button>
        </Alert>
      )}
    </>
  );
}
