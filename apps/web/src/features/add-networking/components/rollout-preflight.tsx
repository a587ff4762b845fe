import type { RolloutHostPreflight, RolloutPreflight, TcpipStackInfo } from "@addnet/contracts";
import type { ParseKeys, TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

import { IssueList } from "../../../components/issue-list.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { describeError } from "../../../lib/errors.ts";
import { missingPrivilegeText } from "../../../lib/labels.ts";
import { useRolloutPreflight } from "../api/rollouts.ts";
import { rolloutHosts } from "../model/rollout-plan.ts";
import { useRollout } from "./rollout-context.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/** A host the preflight refuses (its errors, or a privilege the user lacks there) is held back: Finish leaves it out. */
export const isHeldBack = (h: RolloutHostPreflight) => h.errors.length > 0 || h.missingPrivilege !== null;

/** The plan as the preflight and Finish take it, and the preflight's answer (the same read on both pages). */
export function usePlanPreflight() {
  const { plans } = useRollout();
  const request = useMemo(() => ({ hosts: rolloutHosts(plans) }), [plans]);
  return { request, check: useRolloutPreflight(request) };
}

/** The stack settings (netStackPatch's names) in the Edit TCP/IP stack dialog's words, with what the host has now. */
const STACK_SETTINGS: Record<string, { key: ParseKeys; now: (t: TFunction, s: TcpipStackInfo) => string }> = {
  defaultGateway: { key: "tcpip.routing.ipv4Gateway", now: (t, s) => s.defaultGateway ?? t("common.none") },
  ipV6DefaultGateway: { key: "tcpip.routing.ipv6Gateway", now: (t, s) => s.ipV6DefaultGateway ?? t("common.none") },
  dnsConfiguration: {
    key: "tcpip.pages.dns",
    now: (t, s) => [s.dns.hostName, s.dns.domainName, ...s.dns.servers].filter(Boolean).join(", ") || t("common.none"),
  },
  congestionControlAlgorithm: {
    key: "tcpip.advanced.congestionControl",
    now: (t, s) =>
      s.congestionControlAlgorithm
        ? t(`tcpip.congestion.${s.congestionControlAlgorithm}`, { defaultValue: s.congestionControlAlgorithm })
        : t("common.none"),
  },
  maxNumberOfConnections: { key: "tcpip.advanced.maxConnections", now: (t, s) => String(s.maxNumberOfConnections ?? t("common.none")) },
  name: { key: "tcpip.stackName", now: (_, s) => s.name },
};

/** What the host's stack has now, for each setting of the rollout it has another value for. */
export function StackDiffers({ netStack }: { netStack: RolloutHostPreflight["netStack"] }) {
  const { t } = useTranslation();
  if (!netStack?.differs.length) return null;
  const current = netStack.current;
  return (
    <div>
      <StatusLabel color="warning">{t("rollout.preflight.stackDiffers")}</StatusLabel>
      <ul className="issue-list">
        {netStack.differs.map((d) => {
          const setting = STACK_SETTINGS[d];
          return (
            <li key={d}>
              {setting
                ? t("rollout.preflight.settingNow", {
                    setting: t(setting.key),
                    value: current ? setting.now(t, current) : t("common.none"),
                  })
                : d}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** How many hosts go ahead and how many are held back. */
export function goingAhead(preflight: RolloutPreflight) {
  const held = preflight.hosts.filter(isHeldBack);
  return { go: preflight.hosts.length - held.length, held: held.length };
}

/**
 * The preflight of every host (POST /rollouts/preflight): OK, or the errors and the missing privilege that hold the host
 * back, and the hosts whose stack already has other settings. A help-desk user sees here which hosts they may change.
 */
export function RolloutPreflightPage() {
  const { t } = useTranslation();
  const { draft, goNext } = useRollout();
  const { check } = usePlanPreflight();
  const counts = check.data && goingAhead(check.data);
  const name = (id: string) => draft.hosts.find((h) => h.id === id)?.name;

  return (
    <WizardPage
      title={t("rollout.pages.preflight")}
      intro={t("rollout.preflight.intro")}
      onSubmit={(e) => {
        e.preventDefault();
        if (counts && counts.go > 0) goNext("preflight");
      }}
      footer={<WizardFooter page="preflight" nextDisabled={!counts || counts.go === 0} />}
    >
      <div aria-live="polite" aria-busy={check.isFetching}>
        {check.isFetching && <Spinner label={t("rollout.preflight.checking", { count: draft.hosts.length })} />}
        {check.isError && <Alert status="danger">{describeError(t, check.error, (e) => name(e.id))}</Alert>}
        {counts && (
          <Alert status={counts.held === 0 ? "success" : counts.go === 0 ? "danger" : "warning"}>
            {t("rollout.preflight.counts", {
              goAhead: t("rollout.preflight.goAheadCount", { count: counts.go }),
              heldBack: t("rollout.preflight.heldBackCount", { count: counts.held }),
            })}
          </Alert>
        )}
      </div>
      {check.data && <PreflightTable preflight={check.data} />}
    </WizardPage>
  );
}

/** A row per host: goes ahead or held back (and why), the privilege the user lacks there, and its stack's other settings. */
export function PreflightTable({ preflight }: { preflight: RolloutPreflight }) {
  const { t } = useTranslation();
  return (
    <table className="table table-compact preflight-table">
      <caption className="clr-sr-only">{t("rollout.pages.preflight")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("rollout.columns.host")}</th>
          <th scope="col">{t("rollout.columns.result")}</th>
          <th scope="col">{t("rollout.columns.privilege")}</th>
          <th scope="col">{t("rollout.columns.stackNow")}</th>
        </tr>
      </thead>
      <tbody>
        {preflight.hosts.map((h) => (
          <tr key={h.hostId}>
            <th scope="row">{h.hostName}</th>
            <td>
              {isHeldBack(h) ? (
                <StatusLabel color="danger">{t("rollout.preflight.heldBack")}</StatusLabel>
              ) : (
                <StatusLabel color="success">{t("rollout.preflight.ok")}</StatusLabel>
              )}
              {h.errors.length > 0 && <IssueList issues={h.errors} />}
              {h.warnings.length > 0 && <IssueList issues={h.warnings} />}
            </td>
            <td>
              {h.missingPrivilege
                ? missingPrivilegeText(
                    t,
                    h.missingPrivilege.privilege,
                    h.missingPrivilege.entity.type === "HostSystem" ? h.hostName : h.missingPrivilege.entity.id,
                  )
                : t("rollout.preflight.mayChange")}
            </td>
            <td>{h.netStack?.differs.length ? <StackDiffers netStack={h.netStack} /> : t("common.none")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
