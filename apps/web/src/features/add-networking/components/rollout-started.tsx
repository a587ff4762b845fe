import { useTranslation } from "react-i18next";

import { Alert } from "../../../components/ui/alert.tsx";
import { RolloutHostStateLabel } from "../../../components/rollout-host-state.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Properties } from "../../../components/ui/properties.tsx";
import { useRollout } from "./rollout-context.tsx";
import { WizardPage } from "./wizard-page.tsx";

/**
 * After Finish: the rollout the API started (202), with each host's first state. Its progress, host by host and step by
 * step, shows in the Recent Tasks panel.
 */
export function RolloutStarted() {
  const { t } = useTranslation();
  const { draft, close } = useRollout();
  const rollout = draft.result;
  if (!rollout) return null;
  return (
    <WizardPage
      title={t("rollout.pages.result")}
      footer={
        <div className="wizard-footer">
          <Button variant="primary" onClick={close}>
            {t("common.close")}
          </Button>
        </div>
      }
    >
      <Alert status="success">{t("rollout.started.recentTasks")}</Alert>
      <Properties
        rows={[
          [t("rollout.started.id"), <code key="id">{rollout.id}</code>],
          [t("rollout.started.state"), t(`rollout.states.${rollout.state}`)],
          [t("rollout.ready.concurrency"), rollout.concurrency],
        ]}
      />
      <table className="table table-compact">
        <caption className="clr-sr-only">{t("rollout.started.hostsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("rollout.columns.host")}</th>
            <th scope="col">{t("rollout.started.state")}</th>
          </tr>
        </thead>
        <tbody>
          {rollout.hosts.map((h) => (
            <tr key={h.hostId}>
              <th scope="row">{h.hostName ?? draft.hosts.find((x) => x.id === h.hostId)?.name ?? h.hostId}</th>
              <td>
                <RolloutHostStateLabel state={h.state}>{t(`rollout.hostStates.${h.state}`)}</RolloutHostStateLabel>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </WizardPage>
  );
}
