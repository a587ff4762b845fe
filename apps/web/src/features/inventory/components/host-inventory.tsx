import { PRIVILEGES, type HostSummary } from "@addnet/contracts";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { Alert } from "../../../components/ui/alert.tsx";
import { StatusLabel } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { TextField } from "../../../components/ui/form-field.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { paths } from "../../../config/paths.ts";
import { describeError } from "../../../lib/errors.ts";
import { missingPrivilegeText } from "../../../lib/labels.ts";
import { useHosts } from "../api/get-hosts.ts";
import { HostStateLabels } from "../../../components/host-state-labels.tsx";

type Row =
  { kind: "group"; key: string; datacenter: string | null; cluster: string | null } | { kind: "host"; key: string; host: HostSummary };

const ROW_HEIGHT = 44;
const SEARCH_DELAY_MS = 300;

/** Hosts in server order, with a heading row wherever the datacenter or cluster changes. */
function toRows(hosts: HostSummary[]): Row[] {
  const rows: Row[] = [];
  let group: string | undefined;
  for (const host of hosts) {
    const g = `${host.datacenter ?? ""}/${host.cluster ?? ""}`;
    if (g !== group) {
      rows.push({ kind: "group", key: `group:${g}:${rows.length}`, datacenter: host.datacenter, cluster: host.cluster });
      group = g;
    }
    rows.push({ kind: "host", key: host.id, host });
  }
  return rows;
}

/**
 * The inventory: hosts by datacenter and cluster, searched on the server and rendered as a virtual list so that
 * 2,500 hosts scroll as smoothly as ten.
 */
export function HostInventory() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const cluster = params.get("cluster") ?? "";
  const [typed, setTyped] = useState(search);
  const statusId = useId();

  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => {
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (typed) next.set("q", typed);
          else next.delete("q");
          return next;
        },
        { replace: true },
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, search, setParams]);

  const setCluster = (name: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (name) next.set("cluster", name);
      else next.delete("cluster");
      return next;
    });

  const query = useHosts(search, cluster);
  const hosts = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total ?? 0;
  const rows = useMemo(() => toRows(hosts), [hosts]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // jsdom and the first paint have no layout yet; assume a viewport-sized list.
    initialRect: { width: 1024, height: 640 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 25) void fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <section className="host-inventory" aria-labelledby={`${statusId}-title`}>
      <h1 id={`${statusId}-title`}>{t("inventory.title")}</h1>
      <div className="inventory-toolbar">
        <TextField
          label={t("inventory.search")}
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          className="inventory-search"
        />
        {cluster && (
          <span className="cluster-filter">
            <StatusLabel color="info">{t("inventory.clusterFilter", { cluster })}</StatusLabel>
            <Button variant="link" small onClick={() => setCluster(null)}>
              {t("inventory.clearClusterFilter")}
            </Button>
          </span>
        )}
        <span className="inventory-count" id={statusId} role="status">
          {/* Nothing found is said once, below, rather than as "0 of 0 hosts". */}
          {query.isSuccess && total > 0 && t("inventory.count", { shown: hosts.length, total })}
        </span>
      </div>
      {query.isError && <Alert status="danger">{describeError(t, query.error)}</Alert>}
      {query.isPending && <Spinner label={t("common.loading")} />}
      {query.isSuccess && hosts.length === 0 && <p>{t("inventory.empty")}</p>}
      <div ref={scrollRef} className="host-list-scroller">
        <ul
          className="host-list"
          aria-label={t("inventory.listLabel")}
          aria-describedby={statusId}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <li
                key={row.key}
                className={row.kind === "group" ? "host-group-row" : "host-row"}
                aria-setsize={rows.length}
                aria-posinset={item.index + 1}
                style={{ transform: `translateY(${item.start}px)`, height: item.size }}
              >
                {row.kind === "group" ? <GroupHeading row={row} onCluster={setCluster} /> : <HostRow host={row.host} />}
              </li>
            );
          })}
        </ul>
      </div>
      {isFetchingNextPage && <Spinner label={t("inventory.loadingMore")} />}
    </section>
  );
}

function GroupHeading({ row, onCluster }: { row: Extract<Row, { kind: "group" }>; onCluster: (c: string) => void }) {
  const { t } = useTranslation();
  const datacenter = row.datacenter ?? t("inventory.noDatacenter");
  return (
    <span className="host-group">
      <span className="host-group-datacenter">{datacenter}</span>
      <span aria-hidden="true" className="host-group-separator">
        /
      </span>
      {row.cluster ? (
        <Button
          variant="link"
          small
          onClick={() => onCluster(row.cluster!)}
          aria-label={t("inventory.showClusterOnly", { cluster: row.cluster })}
        >
          {row.cluster}
        </Button>
      ) : (
        <span>{t("inventory.standaloneHosts")}</span>
      )}
    </span>
  );
}

function HostRow({ host }: { host: HostSummary }) {
  const { t } = useTranslation();
  return (
    <span className="host-row-content">
      <Link to={paths.networking(host.id, "vmkernel-adapters")} className="host-name">
        {host.name}
      </Link>
      <span className="host-states">
        <HostStateLabels host={host} />
      </span>
      <span className="host-version">{host.version && t("inventory.version", { version: host.version })}</span>
      {host.canConfigureNetwork ? (
        // A disconnected host cannot be configured, whatever the user may do: its state label says why.
        host.connectionState === "connected" && (
          <span>
            <StatusLabel color="success">{t("inventory.canConfigure")}</StatusLabel>
          </span>
        )
      ) : (
        <span className="host-read-only">{missingPrivilegeText(t, PRIVILEGES.network, host.name)}</span>
      )}
    </span>
  );
}
