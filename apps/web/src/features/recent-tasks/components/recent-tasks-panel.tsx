import { ROLLOUT_HOST_ENDED, type Rollout, type RolloutHostState, type RolloutHostStatus, type RolloutState } from "@addnet/contracts";
import type { TFunction } from "i18next";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Alert } from "../../../components/ui/alert.tsx";
import { RolloutHostStateLabel } from "../../../components/rollout-host-state.tsx";
import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { paths } from "../../../config/paths.ts";
import { ApiError } from "../../../lib/api-client.ts";
import { describeError } from "../../../lib/errors.ts";
import { validationText } from "../../../lib/labels.ts";
import { useRolloutEvents } from "../api/rollout-events.ts";
import { useRolloutAction, useRollouts, type RolloutAction } from "../api/rollouts.ts";

const ROLLOUT_COLOR = { running: "info", paused: "warning", cancelled: "neutral", done: "success" } as const;
/** Hosts that Retry failed hosts takes again. */
const FAILED: readonly RolloutHostState[] = ["failure", "partial"];
const ENDED: readonly RolloutState[] = ["cancelled", "done"];

/** Which actions a rollout in this state takes. */
function enabledActions(rollout: Rollout): Record<RolloutAction, boolean> {
  return {
    pause: rollout.state === "running",
    resume: rollout.state === "paused",
    cancel: rollout.state === "running" || rollout.state === "paused",
    retry: ENDED.includes(rollout.state) && rollout.hosts.some((h) => FAILED.includes(h.state)),
  };
}

/**
 * One formatter per language, made when a task's time is first shown: making one loads its locale's data, some
 * milliseconds that a page's first render (no task yet, most often) need not spend.
 */
const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatTime(language: string, iso: string): string {
  let format = timeFormats.get(language);
  if (!format) timeFormats.set(language, (format = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" })));
  return format.format(new Date(iso));
}

const taskName = (t: TFunction, rollout: Rollout) => t("recentTasks.taskName", { count: rollout.hosts.length });

/** What a host's change is doing or did: its step in flight, why it failed, or the adapter it made. */
function hostDetails(t: TFunction, host: RolloutHostStatus): string {
  if (host.state === "success" && host.adapter)
    return t("wizard.result.created", { device: host.adapter.device, host: host.hostName ?? host.hostId });
  if (host.problem) return describeError(t, new ApiError(host.problem.status, host.problem, host.problem.detail));
  if (host.state !== "running") return t("common.none");
  // The call in flight is the first not made yet; once all are made the change reads the host back after the last.
  const step = host.steps.find((s) => s.status === "not-run") ?? host.steps.at(-1);
  return step ? validationText(t, step.code, step.params) : t("common.none");
}

/**
 * The vSphere Client's Recent Tasks, at the bottom of the signed-in pages: each Add Networking rollout of the user as a
 * task with a row per host, kept current by the API's event stream. A rollout's change of state is announced politely;
 * its hosts' steps are not, so that a rollout to many hosts does not flood a screen reader.
 */
export function RecentTasksPanel({ principal }: { principal: string }) {
  const { t, i18n } = useTranslation();
  const rollouts = useRollouts();
  const [open, setOpen] = useState(true);
  const [announcement, setAnnouncement] = useState("");
  // The state each rollout was last heard in: a change is what is announced, not a rollout first heard of.
  const heard = useRef(new Map<string, RolloutState>());
  useRolloutEvents(principal, (rollout) => {
    const before = heard.current.get(rollout.id);
    heard.current.set(rollout.id, rollout.state);
    if (before === undefined || before === rollout.state) return;
    const succeeded = rollout.hosts.filter((h) => h.state === "success").length;
    setAnnouncement(t(`recentTasks.announce.${rollout.state}`, { task: taskName(t, rollout), succeeded, count: rollout.hosts.length }));
  });
  const action = useRolloutAction();
  const timeCell = (iso: string | undefined) => (iso ? <time dateTime={iso}>{formatTime(i18n.language, iso)}</time> : t("common.none"));
  const titleId = useId();
  const bodyId = useId();

  return (
    <section className="recent-tasks" aria-labelledby={titleId}>
      <h2 className="recent-tasks-title" id={titleId}>
        <button
          type="button"
          className="btn btn-link recent-tasks-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          <span className="recent-tasks-caret" aria-hidden="true" />
          {t("recentTasks.title")}
        </button>
      </h2>
      <p className="clr-sr-only" aria-live="polite">
        {announcement}
      </p>
      <div id={bodyId} className="recent-tasks-body" hidden={!open}>
        {action.isError && <Alert status="danger">{describeError(t, action.error)}</Alert>}
        {rollouts.length === 0 ? (
          <p>{t("recentTasks.empty")}</p>
        ) : (
          <table className="table table-compact recent-tasks-table">
            <caption className="clr-sr-only">{t("recentTasks.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("recentTasks.columns.taskName")}</th>
                <th scope="col">{t("recentTasks.columns.target")}</th>
                <th scope="col">{t("recentTasks.columns.status")}</th>
                <th scope="col">{t("recentTasks.columns.details")}</th>
                <th scope="col">{t("recentTasks.columns.initiator")}</th>
                <th scope="col">{t("recentTasks.columns.startTime")}</th>
                <th scope="col">{t("recentTasks.columns.completionTime")}</th>
                <th scope="col">{t("recentTasks.columns.actions")}</th>
              </tr>
            </thead>
            {rollouts.map((rollout) => {
              const finished = rollout.hosts.filter((h) => ROLLOUT_HOST_ENDED.includes(h.state)).length;
              const enabled = enabledActions(rollout);
              const run = (a: RolloutAction) => action.mutate({ id: rollout.id, action: a });
              const busy = action.isPending && action.variables.id === rollout.id;
              return (
                <tbody key={rollout.id}>
                  <tr className="recent-tasks-rollout">
                    <th scope="row">{taskName(t, rollout)}</th>
                    <td>{t("common.none")}</td>
                    <td>
                      <StatusLabel color={ROLLOUT_COLOR[rollout.state]}>{t(`recentTasks.rolloutStates.${rollout.state}`)}</StatusLabel>
                      <progress
                        className="recent-tasks-progress"
                        value={finished}
                        max={rollout.hosts.length}
                        aria-label={t("recentTasks.hostProgress", { done: finished, count: rollout.hosts.length })}
                      />
                    </td>
                    <td>{t("recentTasks.hostProgress", { done: finished, count: rollout.hosts.length })}</td>
                    <td>{rollout.user}</td>
                    <td>{timeCell(rollout.created)}</td>
                    <td>{timeCell(ENDED.includes(rollout.state) ? rollout.updated : undefined)}</td>
                    <td>
                      <div className="btn-group recent-tasks-actions" role="group" aria-label={taskName(t, rollout)}>
                        {(["pause", "resume", "cancel", "retry"] as const).map((a) => (
                          <Button key={a} small variant="link" disabled={!enabled[a] || busy} onClick={() => run(a)}>
                            {t(`recentTasks.actions.${a}`)}
                          </Button>
                        ))}
                      </div>
                    </td>
                  </tr>
                  {rollout.hosts.map((host) => {
                    const made = host.steps.filter((s) => s.status === "done").length;
                    return (
                      <tr key={host.hostId} className="recent-tasks-host">
                        <td>
                          {host.attempt > 1 ? t("recentTasks.hostTaskAttempt", { attempt: host.attempt }) : t("recentTasks.hostTask")}
                        </td>
                        <td>
                          <Link to={paths.networking(host.hostId, "vmkernel-adapters")}>{host.hostName ?? host.hostId}</Link>
                        </td>
                        <td>
                          <RolloutHostStateLabel state={host.state}>{t(`recentTasks.hostStates.${host.state}`)}</RolloutHostStateLabel>
                          {host.state === "running" && host.steps.length > 0 && (
                            <progress
                              className="recent-tasks-progress"
                              value={made}
                              max={host.steps.length}
                              aria-label={t("recentTasks.stepProgress", { done: made, count: host.steps.length })}
                            />
                          )}
                        </td>
                        <td>{hostDetails(t, host)}</td>
                        <td>{rollout.user}</td>
                        <td>{t("common.none")}</td>
                        <td>{timeCell(ROLLOUT_HOST_ENDED.includes(host.state) ? host.updated : undefined)}</td>
                        <td />
                      </tr>
                    );
                  })}
                </tbody>
              );
            })}
          </table>
        )}
      </div>
    </section>
  );
}
