import { useQueries } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useParams } from "react-router";

import { Alert } from "../../components/ui/alert.tsx";
import { Spinner } from "../../components/ui/spinner.tsx";
import { paths } from "../../config/paths.ts";
import { loadRolloutDraft, RolloutWizard } from "../../features/add-networking/index.ts";
import { hostNetworkingQueryOptions } from "../../features/host-networking/api/get-host-networking.ts";
import { PlanExportDisclosure } from "../../features/plan-export/index.ts";
import { describeError } from "../../lib/errors.ts";

/**
 * Add Networking for many hosts (/add-networking/<run>/<page>): the run's draft, and each selected host's networking
 * read for it (the first host's before the wizard opens: its pages offer that host's choices). A run that is not in this
 * tab (over, or another user's) leads back to the hosts.
 */
export function RolloutRoute() {
  const { t } = useTranslation();
  const { runId = "", pageId } = useParams();
  const [draft] = useState(() => loadRolloutDraft(runId));
  // The answers so far, the same object until another comes: the plan is worked out again only then.
  const reads = useQueries({
    queries: (draft?.hosts ?? []).map((h) => hostNetworkingQueryOptions(h.id)),
    combine: (results) => ({ first: results[0], answers: new Map(results.flatMap((r) => (r.data ? [[r.data.host.id, r.data]] : []))) }),
  });
  const { answers } = reads;
  const networking = useCallback((hostId: string) => answers.get(hostId), [answers]);

  if (!draft) return <Navigate to={paths.inventory} replace />;
  const first = reads.first!;
  if (first.isError) return <Alert status="danger">{describeError(t, first.error)}</Alert>;
  if (!first.data) return <Spinner label={t("common.loading")} />;
  return (
    <RolloutWizard
      initial={draft}
      reference={first.data}
      networking={networking}
      pageId={pageId}
      exportPlan={(datacenter, hosts) => <PlanExportDisclosure datacenter={datacenter} hosts={hosts} />}
    />
  );
}
