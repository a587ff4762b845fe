/**
 * Checks a wizard model against the live host and inventory before anything is sent: errors stop Finish,
 * warnings are shown on Ready to complete (wizard-spec §2, §4.6 "common pre-flight", peers.md §10.2). The host's rules
 * are the browser's (checkAdapter); the server adds the addresses the rest of the inventory uses, under the same code.
 */
import {
  checkAdapter,
  checkAdapterEdit,
  checkAdapterWithStack,
  checkMigrateAdapter,
  checkStackMove,
  type HostCheck,
  checkPhysicalAdapter,
  checkPortGroup,
  checkPortGroupEdit,
  checkRemoveAdapter,
  checkRemovePortGroup,
  checkRemoveSwitch,
  checkSwitchEdit,
  PRIVILEGES,
  ipv6Key,
  type Issue,
  type NetStackPatch,
  type PhysicalAdapterModel,
  type PortGroupEdit,
  type Preflight,
  type StandardSwitchEdit,
  type VmkernelAdapterEdit,
  type VmkernelAdapterMigrate,
  type VmkernelAdapterModel,
  type VmPortGroupModel,
} from "@addnet/contracts";

import { issue } from "../problem.ts";
import { hostRef, networkingView, readHost, type HostSnapshot } from "./host-snapshot.ts";
import type { AddressBook, Inventories } from "./inventory.ts";
import {
  buildAdapterEditPlan,
  buildMigratePlan,
  buildStackMovePlan,
  buildPlan,
  buildPortGroupEditPlan,
  buildPortGroupPlan,
  buildPortGroupRemovalPlan,
  buildRemovalPlan,
  buildSwitchEditPlan,
  buildSwitchRemovalPlan,
  buildUplinksPlan,
  netStackStep,
  vimCall,
  type Plan,
} from "./plan.ts";
import type { VimSession } from "./vim-session.ts";

/** A rollout's change on one host: the wizard's adapter, then its TCP/IP stack's settings, as one all-or-nothing change. */
export type RolloutChange = VmkernelAdapterModel & { netStack?: NetStackPatch };
/**
 * What the Add Networking wizard creates: a VMkernel adapter (with its stack's settings, in a rollout), a virtual
 * machine port group, or a switch's uplinks.
 */
export type CreateModel = RolloutChange | VmPortGroupModel | PhysicalAdapterModel;
/**
 * A change to what the host has: edit, migrate, move to another stack or remove a VMkernel adapter; edit or remove a
 * standard port group or switch.
 */
export type HostEdit =
  | { change: "editAdapter"; device: string; edit: VmkernelAdapterEdit }
  | { change: "migrateAdapter"; device: string; target: VmkernelAdapterMigrate }
  | { change: "moveAdapter"; device: string; tcpipStack: string }
  | { change: "removeAdapter"; device: string }
  | { change: "editPortGroup"; portGroup: string; edit: PortGroupEdit }
  | { change: "removePortGroup"; portGroup: string }
  | { change: "editSwitch"; vswitch: string; edit: StandardSwitchEdit }
  | { change: "removeSwitch"; vswitch: string };
/** Every change on a host's networking that runs as one planned, journaled change. */
export type HostChange = CreateModel | HostEdit;

export const isHostEdit = (change: HostChange): change is HostEdit => "change" in change;

/** The adapter settings a change gives an address: a VMkernel adapter's create or edit. */
export function adapterSettings(change: HostChange): Pick<VmkernelAdapterModel, "ipv4Settings" | "ipv6Settings"> | undefined {
  if (isHostEdit(change)) return change.change === "editAdapter" ? change.edit : undefined;
  return change.connectionType === "vmkernel" ? change : undefined;
}

/** A static address a change asks for: its key in the inventory's book, the field that names it and R17's code for it. */
interface AskedAddress {
  key: string;
  path: string;
  address: string;
  code: "ipv4.inUse" | "ipv6.inUse";
}

/** The static addresses a change asks for (none but an adapter's create or edit's). */
export function addressesOf(change: HostChange): AskedAddress[] {
  const model = adapterSettings(change);
  if (!model) return [];
  const v4 = model.ipv4Settings;
  return [
    ...(v4?.mode === "static" ? [{ key: v4.address, path: "ipv4Settings.address", address: v4.address, code: "ipv4.inUse" as const }] : []),
    ...(model.ipv6Settings?.staticAddresses ?? []).map((a, i) => ({
      key: ipv6Key(a.address),
      path: `ipv6Settings.staticAddresses.${i}.address`,
      address: a.address,
      code: "ipv6.inUse" as const,
    })),
  ];
}

/**
 * The host, and for an adapter's create or edit which of its addresses the inventory's adapters hold, read together:
 * what a preflight, and a change, check against (a port group has no address to check).
 */
export async function readForPreflight(
  vim: VimSession,
  inventories: Inventories,
  hostId: string,
  change: HostChange,
): Promise<{ host: HostSnapshot; addresses: AddressBook }> {
  // An id that cannot name a host is refused before the inventory's addresses are read for it.
  hostRef(hostId);
  const wanted = addressesOf(change).map((a) => a.key);
  const [host, addresses] = await Promise.all([
    readHost(vim, hostId),
    wanted.length ? inventories.addresses(vim, hostId, wanted) : new Map<string, string[]>(),
  ]);
  return { host, addresses };
}

/** The check and the plan together: the host's view and the plan are made once, for the preflight and for the create. */
export function checkAndPlan(s: HostSnapshot, model: HostChange, addresses: AddressBook): { check: Preflight; plan: Plan } {
  const net = networkingView(s);
  const answer = ({ errors, warnings }: ReturnType<typeof checkAdapter>, plan: Plan) => ({
    check: { errors: errors.map(issue), warnings: warnings.map(issue), calls: plan.steps.map(vimCall) },
    plan,
  });
  if (isHostEdit(model)) {
    switch (model.change) {
      case "editAdapter": {
        const check = checkAdapterEdit(net, model.device, model.edit);
        addressesElsewhere(check, model, addresses, `${s.name} ${model.device}`);
        return answer(check, buildAdapterEditPlan(s, model.device, model.edit, net));
      }
      case "migrateAdapter":
        return answer(checkMigrateAdapter(net, model.device, model.target), buildMigratePlan(s, model.device, model.target));
      case "moveAdapter":
        return answer(checkStackMove(net, model.device, model.tcpipStack), buildStackMovePlan(s, model.device, model.tcpipStack, net));
      case "removeAdapter":
        return answer(checkRemoveAdapter(net, model.device), buildRemovalPlan(s, model.device));
      case "editPortGroup":
        return answer(checkPortGroupEdit(net, model.portGroup, model.edit), buildPortGroupEditPlan(s, model.portGroup, model.edit));
      case "removePortGroup":
        return answer(checkRemovePortGroup(net, model.portGroup), buildPortGroupRemovalPlan(s, model.portGroup));
      case "editSwitch":
        return answer(checkSwitchEdit(net, model.vswitch, model.edit), buildSwitchEditPlan(s, model.vswitch, model.edit));
      case "removeSwitch":
        return answer(checkRemoveSwitch(net, model.vswitch), buildSwitchRemovalPlan(s, model.vswitch));
    }
  }
  if (model.connectionType === "vmPortGroup") return answer(checkPortGroup(net, model), buildPortGroupPlan(s, model));
  if (model.connectionType === "physicalAdapter") return answer(checkPhysicalAdapter(net, model), buildUplinksPlan(s, model));
  // A rollout's change: the adapter's stack's settings are its last step, checked with the adapter on the stack.
  const check = model.netStack ? checkAdapterWithStack(net, model, model.netStack) : checkAdapter(net, model);
  addressesElsewhere(check, model, addresses);
  const plan = buildPlan(s, model, net);
  if (model.netStack) plan.steps.push(netStackStep(s, model.portProperties.tcpipStack, model.netStack));
  return answer(check, plan);
}

/**
 * R17 across the inventory: an address another host's adapter holds (this host's are the host rules' already), under
 * the browser's code; `self` is the edited adapter ("host vmkN"), whose own address is not in use.
 */
function addressesElsewhere({ errors }: HostCheck, change: HostChange, addresses: AddressBook, self?: string): void {
  for (const { key, path, address, code } of addressesOf(change)) {
    const owner = addresses.get(key)?.find((o) => o !== self);
    if (owner && !errors.some((e) => e.path === path && e.code === code)) errors.push({ path, code, params: { address, owner } });
  }
}

export function preflight(s: HostSnapshot, model: HostChange, addresses: AddressBook): Preflight {
  return checkAndPlan(s, model, addresses).check;
}

/** The privilege and entity a "privilege.missing" issue stands for, as problem+json's missingPrivilege names them. */
export function missingPrivilegeOf(
  s: HostSnapshot,
  model: HostChange,
  issue: Issue,
): { privilege: string; entity: { type: string; id: string } } {
  // A distributed port group the change puts an adapter on: the wizard's target, or a migration's.
  const portgroupKey = isHostEdit(model)
    ? model.change === "migrateAdapter" && model.target.to === "distributed"
      ? model.target.portgroupKey
      : undefined
    : model.targetDevice.kind === "existingNetwork"
      ? model.targetDevice.portgroupKey
      : undefined;
  if (portgroupKey && issue.path.endsWith("portgroupKey")) {
    return { privilege: PRIVILEGES.assign, entity: { type: "DistributedVirtualPortgroup", id: portgroupKey } };
  }
  const privilege = issue.path === "portProperties.services" ? PRIVILEGES.storage : PRIVILEGES.network;
  return { privilege, entity: { type: s.ref.type, id: s.ref.value } };
}
