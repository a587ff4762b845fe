import { PRIVILEGES, ROLLOUT_MAX_HOSTS, type HostSummary } from "@addnet/contracts";
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
import { missingPrivilegeText, validationText } from "../../../lib/labels.ts";
import { getAllHosts, useHosts } from "../api/get-hosts.ts";
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

export interface HostInventoryProps {
  /** Add Networking for the selected hosts (many hosts' wizard). */
  onAddNetworking: (hosts: HostSummary[]) => void;
}

/**
 * The inventory: hosts by datacenter and cluster, searched on the server and rendered as a virtual list so that
 * 2,500 hosts scroll as smoothly as ten. Hosts are selected one by one, a cluster's at once, or all the search finds,
 * and Add Networking starts for the selection.
 */
export function HostInventory({ onAddNetworking }: HostInventoryProps) {
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
  const [selected, setSelected] = useState<ReadonlyMap<string, HostSummary>>(new Map());
  // The cluster ("" for the whole result) whose hosts are being read, and whether they are to be selected or cleared.
  const [selecting, setSelecting] = useState<{ cluster: string; on: boolean; error?: unknown } | undefined>();
  const select = (hosts: readonly HostSummary[], on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      for (const h of hosts) {
        if (on) next.set(h.id, h);
        else next.delete(h.id);
      }
      return next;
    });
  // A cluster's hosts or the whole result may be on pages not read yet: all of them are read first.
  const selectAll = (clusterName: string, on: boolean) => {
    setSelecting({ cluster: clusterName, on });
    getAllHosts(search, clusterName).then(
      (hosts) => {
        select(hosts, on);
        setSelecting(undefined);
      },
      (error: unknown) => setSelecting({ cluster: clusterName, on, error }),
    );
  };
  const reading = selecting !== undefined && selecting.error === undefined;
  const tooMany = selected.size > ROLLOUT_MAX_HOSTS;
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
          {query.isSuccess && total > 0 && t("inventory.count", { shown: hosts.length, count: total })}
        </span>
      </div>
      <div className="inventory-selection" role="group" aria-label={t("rollout.select.group")}>
        <Button small onClick={() => selectAll(cluster, true)} disabled={!query.isSuccess || total === 0 || reading}>
          {t("rollout.select.all", { count: total })}
        </Button>
        <Button small onClick={() => setSelected(new Map())} disabled={selected.size === 0}>
          {t("rollout.select.clear")}
        </Button>
        <span role="status">{t("rollout.select.count", { count: selected.size })}</span>
        <Button
          variant="primary"
          small
          onClick={() => onAddNetworking([...selected.values()])}
          disabled={selected.size === 0 || tooMany}
          disabledReason={tooMany ? validationText(t, "rollout.tooManyHosts") : undefined}
        >
          {t("rollout.select.addNetworking", { count: selected.size })}
        </Button>
        {reading && <Spinner label={t("rollout.select.reading")} />}
        {selecting?.error !== undefined && <Alert status="danger">{describeError(t, selecting.error)}</Alert>}
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
                {row.kind === "group" ? (
                  <GroupHeading
                    row={row}
                    onCluster={setCluster}
                    selected={
                      // While its hosts are read, the box shows what the click asked for.
                      reading && selecting.cluster === row.cluster
                        ? selecting.on
                        : row.cluster !== null &&
                          hosts.some((h) => h.cluster === row.cluster) &&
                          hosts.every((h) => h.cluster !== row.cluster || selected.has(h.id))
                    }
                    onSelect={(on) => selectAll(row.cluster!, on)}
                    busy={reading}
                  />
                ) : (
                  <HostRow host={row.host} selected={selected.has(row.host.id)} onSelect={(on) => select([row.host], on)} />
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {isFetchingNextPage && <Spinner label={t("inventory.loadingMore")} />}
    </section>
  );
}

function GroupHeading({
  row,
  onCluster,
  selected,
  onSelect,
  busy,
}: {
  row: Extract<Row, { kind: "group" }>;
  onCluster: (c: string) => void;
  /** Every host of the cluster the list shows is selected. */
  selected: boolean;
  onSelect: (on: boolean) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const datacenter = row.datacenter ?? t("inventory.noDatacenter");
  return (
    <span className="host-group">
      {row.cluster && (
        <input
          type="checkbox"
          className="host-select"
          checked={selected}
          disabled={busy}
          aria-label={t("rollout.select.cluster", { cluster: row.cluster })}
          onChange={(e) => onSelect(e.target.checked)}
        />
      )}
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

function HostRow({ host, selected, onSelect }: { host: HostSummary; selected: boolean; onSelect: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <span className="host-row-content">
      <input
        type="checkbox"
        className="host-select"
        checked={selected}
        aria-label={t("rollout.select.host", { host: host.name })}
        onChange={(e) => onSelect(e.target.checked)}
      />
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
