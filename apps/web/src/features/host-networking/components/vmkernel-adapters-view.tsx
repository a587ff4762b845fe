import { PRIVILEGES, type HostNetworking, type MovedAdapter, type VmkernelAdapterInfo } from "@addnet/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { LostServices } from "../../../components/lost-services.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { cx } from "../../../lib/cx.ts";
import { missingPrivilegeText, serviceLabel, stackLabel } from "../../../lib/labels.ts";
import { AdapterDetails } from "./adapter-details.tsx";

/** What the last Edit Settings, Migrate, Move or Remove of an adapter did, for the success message. */
export type AdapterNotice =
  | { kind: "edited" | "removed"; device: string }
  | { kind: "migrated"; device: string; network: string }
  | { kind: "moved"; moved: MovedAdapter };

export interface VmkernelAdaptersViewProps {
  networking: HostNetworking;
  onAddNetworking: () => void;
  /** "Edit settings": opens the "<vmkN> - Edit Settings" dialog for the selected adapter. */
  onEdit: (adapter: VmkernelAdapterInfo) => void;
  /** "Migrate to a distributed switch" or "to a standard switch", whichever the selected adapter is not on. */
  onMigrate: (adapter: VmkernelAdapterInfo) => void;
  /** "Move to another TCP/IP stack": opens the "<vmkN> - Move to Another TCP/IP Stack" dialog for the selected adapter. */
  onMove: (adapter: VmkernelAdapterInfo) => void;
  /** "Remove selected network adapter": opens the Remove VMkernel Adapter dialog for the selected adapter. */
  onRemove: (adapter: VmkernelAdapterInfo) => void;
  notice?: AdapterNotice | undefined;
}

/**
 * Configure → Networking → VMkernel adapters, with "Add Networking", "Edit settings", Migrate, "Move to another TCP/IP
 * stack" and "Remove selected network adapter". One adapter is selected at a time (a radio per row, as the vSphere
 * Client's datagrid single-selects), and its Properties and IP settings show under the list.
 */
export function VmkernelAdaptersView({
  networking,
  onAddNetworking,
  onEdit,
  onMigrate,
  onMove,
  onRemove,
  notice,
}: VmkernelAdaptersViewProps) {
  const { t } = useTranslation();
  const { host } = networking;
  const radioName = useId();
  const reasonId = useId();
  const [selectedDevice, setSelectedDevice] = useState<string>();
  // An adapter that is gone (removed, here or elsewhere) is no longer selected.
  const selected = networking.vmkernelAdapters.find((a) => a.device === selectedDevice);

  // What refuses every change on this host: Add Networking, Edit, Migrate, Move and Remove say it once, together.
  let reason: string | undefined;
  if (!networking.privileges.hostConfigNetwork) reason = missingPrivilegeText(t, PRIVILEGES.network, host.name);
  else if (host.connectionState !== "connected") reason = t("hostNetworking.hostNotConnected");
  const describedBy = reason ? reasonId : undefined;

  // The success message takes the focus: after a removal, Remove, where it was, is disabled now that nothing is selected.
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  // Migrate names where the selected adapter would go: the kind of switch it is not on.
  const migrateAction = !selected
    ? t("migrateAdapter.action")
    : selected.distributedPort
      ? t("migrateAdapter.toStandard")
      : t("migrateAdapter.toDistributed");

  const stackName = (key: string) => stackLabel(t, key, networking.tcpipStacks.find((s) => s.key === key)?.name);
  return (
    <section aria-labelledby="vmkernel-adapters-title">
      <h2 id="vmkernel-adapters-title">{t("hostNetworking.views.vmkernelAdapters")}</h2>
      {notice && (
        <div ref={noticeRef} tabIndex={-1} className="view-notice">
          <Alert status="success">
            {notice.kind === "moved" ? (
              <MovedNotice moved={notice.moved} stackName={stackName} />
            ) : notice.kind === "migrated" ? (
              t("migrateAdapter.migrated", { device: notice.device, network: notice.network, host: host.name })
            ) : notice.kind === "edited" ? (
              t("editAdapter.edited", { device: notice.device, host: host.name })
            ) : (
              t("removeAdapter.removed", { device: notice.device, host: host.name })
            )}
          </Alert>
        </div>
      )}
      <div className="view-toolbar action-with-reason">
        <Button variant="outline" small onClick={onAddNetworking} disabled={Boolean(reason)} aria-describedby={describedBy}>
          {t("hostNetworking.addNetworking")}
        </Button>
        <Button
          variant="outline"
          small
          onClick={() => selected && onEdit(selected)}
          disabled={Boolean(reason) || !selected}
          aria-describedby={describedBy}
          aria-label={t("editAdapter.action")}
          title={t("editAdapter.action")}
        >
          <span aria-hidden="true">✎</span> {t("common.edit")}
        </Button>
        <Button
          variant="outline"
          small
          onClick={() => selected && onMigrate(selected)}
          disabled={Boolean(reason) || !selected}
          aria-describedby={describedBy}
          aria-label={migrateAction}
          title={migrateAction}
        >
          <span aria-hidden="true">⇄</span> {t("migrateAdapter.button")}
        </Button>
        <Button
          variant="outline"
          small
          onClick={() => selected && onMove(selected)}
          disabled={Boolean(reason) || !selected}
          aria-describedby={describedBy}
          aria-label={t("moveStack.action")}
          title={t("moveStack.action")}
        >
          <span aria-hidden="true">⇅</span> {t("moveStack.button")}
        </Button>
        <Button
          variant="outline"
          small
          onClick={() => selected && onRemove(selected)}
          disabled={Boolean(reason) || !selected}
          aria-describedby={describedBy}
          aria-label={t("removeAdapter.action")}
          title={t("removeAdapter.action")}
        >
          <span aria-hidden="true">✕</span> {t("common.remove")}
        </Button>
        {reason && (
          <span id={reasonId} className="action-reason">
            {reason}
          </span>
        )}
      </div>
      <table className="table table-compact table-noborder-x selectable-table">
        <caption className="clr-sr-only">{t("hostNetworking.views.vmkernelAdapters")}</caption>
        <thead>
          <tr>
            <th scope="col" className="select-column">
              <span className="clr-sr-only">{t("common.select")}</span>
            </th>
            <th scope="col">{t("hostNetworking.columns.device")}</th>
            <th scope="col">{t("hostNetworking.columns.networkLabel")}</th>
            <th scope="col">{t("hostNetworking.columns.switch")}</th>
            <th scope="col">{t("hostNetworking.columns.ipAddress")}</th>
            <th scope="col">{t("hostNetworking.columns.tcpipStack")}</th>
            <th scope="col">{t("hostNetworking.columns.enabledServices")}</th>
          </tr>
        </thead>
        <tbody>
          {networking.vmkernelAdapters.map((a) => {
            const deviceId = `${radioName}-${a.device}`;
            const isSelected = a === selected;
            return (
              // A click anywhere on the row selects it, as in the vSphere Client; the radio is the keyboard's way.
              <tr key={a.device} className={cx(isSelected && "row-selected")} onClick={() => setSelectedDevice(a.device)}>
                <td className="select-column">
                  <input
                    type="radio"
                    className="clr-radio"
                    name={radioName}
                    value={a.device}
                    checked={isSelected}
                    aria-labelledby={deviceId}
                    onChange={() => setSelectedDevice(a.device)}
                  />
                </td>
                <th scope="row" id={deviceId}>
                  {a.device}
                </th>
                <td>{a.networkLabel}</td>
                <td>{a.switchName ?? t("common.none")}</td>
                <td>
                  <AdapterAddresses adapter={a} />
                </td>
                <td>{stackName(a.tcpipStack)}</td>
                <td>{a.services.length ? a.services.map((s) => serviceLabel(t, s)).join(", ") : t("common.none")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selected ? (
        <AdapterDetails networking={networking} adapter={selected} />
      ) : (
        <p className="subtle details-hint">{t("hostNetworking.details.selectHint")}</p>
      )}
    </section>
  );
}

/**
 * A move's outcome: the adapter's new name and stack, how long the host was without it (unknown, 0, when the API finished
 * the move after a restart), and the default-stack adapters that lost the stack's service to it.
 */
function MovedNotice({ moved, stackName }: { moved: MovedAdapter; stackName: (key: string) => string }) {
  const { t, i18n } = useTranslation();
  const params = { device: moved.previous.device, stack: stackName(moved.tcpipStack.key), newDevice: moved.adapter.device };
  const format = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 3 });
  return (
    <>
      {moved.withoutAdapterSeconds === null
        ? t("moveStack.movedUntimed", params)
        : t("moveStack.moved", { ...params, seconds: format.format(moved.withoutAdapterSeconds) })}
      {moved.lostServices.length > 0 && <LostServices lost={moved.lostServices} />}
    </>
  );
}

export function AdapterAddresses({ adapter }: { adapter: VmkernelAdapterInfo }) {
  const { t } = useTranslation();
  const v4 = adapter.ipv4.address ?? (adapter.ipv4.dhcp ? t("hostNetworking.dhcp") : null);
  const v6 = adapter.ipv6?.addresses.map((a) => `${a.address}/${a.prefixLength}`) ?? [];
  const all = [v4, ...v6].filter((x): x is string => Boolean(x));
  if (all.length === 0) return <>{t("common.none")}</>;
  return (
    <>
      {all.map((x) => (
        <div key={x}>{x}</div>
      ))}
    </>
  );
}
