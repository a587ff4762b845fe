import { HostInventory } from "../../features/inventory/components/host-inventory.tsx";

export function InventoryRoute() {
  return <HostInventory />;
}
