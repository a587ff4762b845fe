import type { HostNetworking, VmkernelAdapterInfo } from "@addnet/contracts";
import { useDeferredValue, useState } from "react";
import { Navigate, Outlet, useNavigate, useOutlet, useParams } from "react-router";

import { paths } from "../../config/paths.ts";
import { AddNetworkingWizard, OPENED_FROM_ADAPTERS, startDraft } from "../../features/add-networking/index.ts";
import { PhysicalAdaptersView } from "../../features/host-networking/components/physical-adapters-view.tsx";
import { TcpipConfigurationView } from "../../features/host-networking/components/tcpip-configuration-view.tsx";
import {
  VirtualSwitchesView,
  type PortGroupNotice,
  type SwitchNotice,
} from "../../features/host-networking/components/virtual-switches-view.tsx";
import { EditAdapterDialog } from "../../features/edit-vmkernel-adapter/components/edit-adapter-dialog.tsx";
import { VmkernelAdaptersView, type AdapterNotice } from "../../features/host-networking/components/vmkernel-adapters-view.tsx";
import { MigrateAdapterDialog } from "../../features/migrate-vmkernel-adapter/components/migrate-adapter-dialog.tsx";
import { MoveStackDialog } from "../../features/move-vmkernel-adapter/components/move-stack-dialog.tsx";
import { EditPortGroupDialog } from "../../features/port-groups/components/edit-port-group-dialog.tsx";
import { RemovePortGroupDialog } from "../../features/port-groups/components/remove-port-group-dialog.tsx";
import { RemoveAdapterDialog } from "../../features/remove-vmkernel-adapter/components/remove-adapter-dialog.tsx";
import { EditSwitchDialog } from "../../features/standard-switches/components/edit-switch-dialog.tsx";
import { RemoveSwitchDialog } from "../../features/standard-switches/components/remove-switch-dialog.tsx";
import { PlanExportDisclosure } from "../../features/plan-export/index.ts";
import { EditTcpipStackDialog } from "../../features/tcpip-stack/components/edit-tcpip-stack-dialog.tsx";
import { useRouteNetworking } from "./host.tsx";

/** Virtual switches; a standard switch's and a port group's Edit Settings and Remove open their dialogs over this view. */
export function VirtualSwitchesRoute() {
  const networking = useRouteNetworking();
  return <VirtualSwitches key={networking.host.id} networking={networking} />;
}

type PortGroup = HostNetworking["portgroups"][number];
type StandardSwitch = HostNetworking["vswitches"][number];

function VirtualSwitches({ networking }: { networking: HostNetworking }) {
  const [editing, setEditing] = useState<PortGroup>();
  const [removing, setRemoving] = useState<PortGroup>();
  const [editingSwitch, setEditingSwitch] = useState<StandardSwitch>();
  const [removingSwitch, setRemovingSwitch] = useState<StandardSwitch>();
  const [notice, setNotice] = useState<PortGroupNotice | SwitchNotice>();
  return (
    <>
      <VirtualSwitchesView
        networking={networking}
        onEdit={(pg) => {
          setNotice(undefined);
          setEditing(pg);
        }}
        onRemove={(pg) => {
          setNotice(undefined);
          setRemoving(pg);
        }}
        onEditSwitch={(vs) => {
          setNotice(undefined);
          setEditingSwitch(vs);
        }}
        onRemoveSwitch={(vs) => {
          setNotice(undefined);
          setRemovingSwitch(vs);
        }}
        notice={notice}
      />
      {editing && (
        <EditPortGroupDialog
          networking={networking}
          portGroup={editing}
          onClose={() => setEditing(undefined)}
          onUpdated={({ name }) => {
            setEditing(undefined);
            setNotice({ kind: "updated", portGroup: name });
          }}
        />
      )}
      {removing && (
        <RemovePortGroupDialog
          networking={networking}
          portGroup={removing}
          onClose={() => setRemoving(undefined)}
          onRemoved={({ portGroup }) => {
            setRemoving(undefined);
            setNotice({ kind: "removed", portGroup });
          }}
        />
      )}
      {editingSwitch && (
        <EditSwitchDialog
          networking={networking}
          vswitch={editingSwitch}
          onClose={() => setEditingSwitch(undefined)}
          onEdited={({ name }) => {
            setEditingSwitch(undefined);
            setNotice({ kind: "switchEdited", vswitch: name });
          }}
        />
      )}
      {removingSwitch && (
        <RemoveSwitchDialog
          networking={networking}
          vswitch={removingSwitch.name}
          onClose={() => setRemovingSwitch(undefined)}
          onRemoved={({ vswitch }) => {
            setRemovingSwitch(undefined);
            setNotice({ kind: "switchRemoved", vswitch });
          }}
        />
      )}
    </>
  );
}

export function PhysicalAdaptersRoute() {
  return <PhysicalAdaptersView networking={useRouteNetworking()} />;
}

/**
 * VMkernel adapters; "Add Networking" starts a new wizard run over this view, "Edit settings", Migrate, "Move to another
 * TCP/IP stack" and "Remove selected network adapter" open the adapter's Edit Settings, its migration to the other kind of
 * switch, its move to another stack and the Remove VMkernel Adapter dialog over it. Each host's view starts with nothing
 * selected.
 */
export function VmkernelAdaptersRoute() {
  const networking = useRouteNetworking();
  return <VmkernelAdapters key={networking.host.id} networking={networking} />;
}

function VmkernelAdapters({ networking }: { networking: HostNetworking }) {
  const navigate = useNavigate();
  const hostId = networking.host.id;
  const [editing, setEditing] = useState<VmkernelAdapterInfo>();
  const [migrating, setMigrating] = useState<VmkernelAdapterInfo>();
  const [moving, setMoving] = useState<VmkernelAdapterInfo>();
  const [removing, setRemoving] = useState<VmkernelAdapterInfo>();
  const [notice, setNotice] = useState<AdapterNotice>();
  // Opened with the wizard over it (the wizard's address), the list renders just after the wizard: the wizard is on
  // screen and usable one render sooner (e2e/bench/web-perf.ts), the list behind it a moment later.
  const listShown = useDeferredValue(true, useOutlet() === null);
  return (
    <>
      {listShown && (
        <VmkernelAdaptersView
          networking={networking}
          onAddNetworking={() => {
            startDraft(hostId, networking);
            void navigate(paths.addNetworking(hostId, "connection-type"), { state: OPENED_FROM_ADAPTERS });
          }}
          onEdit={(adapter) => {
            setNotice(undefined);
            setEditing(adapter);
          }}
          onMigrate={(adapter) => {
            setNotice(undefined);
            setMigrating(adapter);
          }}
          onMove={(adapter) => {
            setNotice(undefined);
            setMoving(adapter);
          }}
          onRemove={(adapter) => {
            setNotice(undefined);
            setRemoving(adapter);
          }}
          notice={notice}
        />
      )}
      {editing && (
        <EditAdapterDialog
          networking={networking}
          adapter={editing}
          onClose={() => setEditing(undefined)}
          onEdited={({ device }) => {
            setEditing(undefined);
            setNotice({ kind: "edited", device });
          }}
        />
      )}
      {migrating && (
        <MigrateAdapterDialog
          networking={networking}
          adapter={migrating}
          onClose={() => setMigrating(undefined)}
          onMigrated={({ device, networkLabel }) => {
            setMigrating(undefined);
            setNotice({ kind: "migrated", device, network: networkLabel });
          }}
        />
      )}
      {moving && (
        <MoveStackDialog
          networking={networking}
          adapter={moving}
          onClose={() => setMoving(undefined)}
          onMoved={(moved) => {
            setMoving(undefined);
            setNotice({ kind: "moved", moved });
          }}
        />
      )}
      {removing && (
        <RemoveAdapterDialog
          networking={networking}
          adapter={removing}
          onClose={() => setRemoving(undefined)}
          onRemoved={({ device }) => {
            setRemoving(undefined);
            setNotice({ kind: "removed", device });
          }}
        />
      )}
      <Outlet context={networking} />
    </>
  );
}

export function AddNetworkingRoute() {
  const networking = useRouteNetworking();
  const { pageId } = useParams();
  return (
    <AddNetworkingWizard
      networking={networking}
      pageId={pageId}
      exportPlan={(net, model) => <PlanExportDisclosure datacenter={null} hosts={[{ net, model }]} />}
    />
  );
}

/** TCP/IP configuration; Edit opens the stack's dialog at its own URL (the wizard's result links to it). */
export function TcpipConfigurationRoute() {
  const networking = useRouteNetworking();
  const navigate = useNavigate();
  return (
    <>
      <TcpipConfigurationView networking={networking} onEdit={(key) => navigate(paths.editTcpipStack(networking.host.id, key))} />
      <Outlet context={networking} />
    </>
  );
}

export function EditTcpipStackRoute() {
  const networking = useRouteNetworking();
  const navigate = useNavigate();
  const { stackKey } = useParams();
  const back = paths.networking(networking.host.id, "tcpip-configuration");
  const stack = networking.tcpipStacks.find((s) => s.key === stackKey);
  if (!stack) return <Navigate to={back} replace />;
  return <EditTcpipStackDialog key={stack.key} networking={networking} stack={stack} onClose={() => navigate(back)} />;
}
