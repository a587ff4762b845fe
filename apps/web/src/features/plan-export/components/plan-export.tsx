import type { ExportFormat, PlanExport as Exported } from "@addnet/contracts";
import type { ParseKeys, TFunction } from "i18next";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Tabs } from "../../../components/ui/tabs.tsx";
import { useSession } from "../../../lib/auth.ts";
import { serviceLabel } from "../../../lib/labels.ts";
import type { ExportHost, exportAll as ExportAll } from "../model/export-code.ts";

export interface PlanExportProps {
  /** The hosts' datacenter, when known (Terraform looks the hosts up in it; without it, Terraform asks for it). */
  datacenter: string | null;
  /** Each host's networking as the API shows it, the wizard's model for it and its stack's settings. */
  hosts: ExportHost[];
}

/** The tabs with the generators, which load when the export first shows (not with the wizard). */
const LoadedTabs = lazy(async () => {
  const { exportAll } = await import("../model/export-code.ts");
  return { default: (props: PlanExportProps) => <ExportTabs {...props} exportAll={exportAll} /> };
});

/** The tools' own names: not words to translate. */
const TOOLS: Record<ExportFormat, string> = { powercli: "PowerCLI", ansible: "Ansible", terraform: "Terraform", govc: "govc" };

/**
 * Ready to complete's Export as code: the plan as a PowerCLI script, an Ansible playbook, Terraform or a govc script, to
 * read, copy or download, with what each tool cannot express. The vCenter is the session's; no credentials are in it.
 */
export function PlanExport(props: PlanExportProps) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Spinner label={t("planExport.loading")} />}>
      <LoadedTabs {...props} />
    </Suspense>
  );
}

function ExportTabs({ datacenter, hosts, exportAll }: PlanExportProps & { exportAll: typeof ExportAll }) {
  const { t } = useTranslation();
  const server = useSession().data?.server;
  const [format, setFormat] = useState<ExportFormat>("powercli");
  const exports = useMemo(() => (server ? exportAll(server, datacenter, hosts) : undefined), [exportAll, server, datacenter, hosts]);
  if (!exports) return <Alert status="danger">{t("planExport.failed")}</Alert>;
  return (
    <div className="plan-export">
      <p>{t("planExport.intro")}</p>
      <Tabs
        label={t("planExport.formatsLabel")}
        selected={format}
        onSelect={(id) => setFormat(id as ExportFormat)}
        items={exports.map((e) => ({
          id: e.format,
          label: t(`planExport.formats.${e.format}`, { tool: TOOLS[e.format] }),
          panel: <ExportText exported={e} tool={TOOLS[e.format]} />,
        }))}
      />
    </div>
  );
}

/** The wizard's words for each field a gap names as the model does ("ipv6Settings.routerAdvertisement"). */
const GAP_FIELDS: Record<string, ParseKeys> = {
  ipv6Settings: "wizard.pages.ipv6Settings",
  "ipv6Settings.routerAdvertisement": "hostNetworking.details.routerAdvertisement",
  "ipv6Settings.defaultGateway": "wizard.ipv6.defaultGateway",
  "ipv4Settings.defaultGateway": "wizard.ipv4.defaultGateway",
  "portProperties.ipSettings": "wizard.port.ipSettings",
  "portProperties.tcpipStack": "wizard.port.tcpipStack",
  "portProperties.services": "wizard.port.enabledServices",
  services: "wizard.port.enabledServices",
  "targetDevice.portgroupKey": "wizard.target.selectedNetwork",
  netStack: "rollout.pages.tcpipStack",
  "netStack.name": "tcpip.pages.name",
  "netStack.defaultGateway": "tcpip.routing.ipv4Gateway",
  "netStack.ipV6DefaultGateway": "tcpip.routing.ipv6Gateway",
  "netStack.dnsConfiguration": "tcpip.pages.dns",
  "netStack.dnsConfiguration.dhcp": "tcpip.dns.automatic",
  "netStack.dnsConfiguration.hostName": "tcpip.dns.hostName",
  "netStack.dnsConfiguration.vmkernelAdapter": "tcpip.dns.vmkernelAdapter",
};

/** A gap's field in the user's words: "ipv6Settings (off)" and "portProperties.services: nvmeTcp" with their detail. */
export function gapFieldText(t: TFunction, field: string): string {
  const [, path = field, off, service] = /^([\w.]+)(?: \((off)\)|: (\w+))?$/.exec(field) ?? [];
  const key = GAP_FIELDS[path];
  // A field this list does not know yet still shows, as the model names it.
  const name = key ? t(key) : path;
  if (off) return t("planExport.fieldOff", { field: name });
  if (service) return t("planExport.fieldValue", { field: name, value: serviceLabel(t, service) });
  return name;
}

function ExportText({ exported, tool }: { exported: Exported; tool: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<"copied" | "copyFailed">();
  const copy = () =>
    navigator.clipboard.writeText(exported.text).then(
      () => setCopied("copied"),
      () => setCopied("copyFailed"),
    );
  const download = () => {
    const url = URL.createObjectURL(new Blob([exported.text], { type: exported.mediaType }));
    const a = document.createElement("a");
    a.href = url;
    a.download = exported.fileName;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <div className="plan-export-actions">
        <Button small onClick={() => void copy()}>
          {t("planExport.copy")}
        </Button>
        <Button small onClick={download}>
          {t("planExport.download", { fileName: exported.fileName })}
        </Button>
        <span role="status">{copied && t(`planExport.${copied}`)}</span>
      </div>
      <textarea
        className="plan-export-text"
        readOnly
        spellCheck={false}
        wrap="off"
        rows={20}
        aria-label={t("planExport.textLabel", { fileName: exported.fileName })}
        value={exported.text}
      />
      {exported.gaps.length === 0 ? (
        <p>{t("planExport.noGaps", { tool })}</p>
      ) : (
        <Alert status="warning">
          {t("planExport.gaps", { tool, count: exported.gaps.length, marker: "NOT EXPRESSIBLE" })}
          <ul>
            {exported.gaps.map((g) => (
              <li key={`${g.host} ${g.field}`}>{t("planExport.gap", { host: g.host, field: gapFieldText(t, g.field) })}</li>
            ))}
          </ul>
        </Alert>
      )}
    </>
  );
}
