import { useNavigate } from "react-router";

import { paths } from "../../config/paths.ts";
import { startRolloutDraft } from "../../features/add-networking/index.ts";
import { HostInventory } from "../../features/inventory/components/host-inventory.tsx";

/** The hosts; Add Networking for the selected ones starts a run of the many hosts' wizard. */
export function InventoryRoute() {
  const navigate = useNavigate();
  return (
    <HostInventory
      onAddNetworking={(hosts) => {
        const draft = startRolloutDraft(hosts.map(({ id, name, datacenter, cluster }) => ({ id, name, datacenter, cluster })));
        void navigate(paths.rollout(draft.id, "connection-type"));
      }}
    />
  );
}
