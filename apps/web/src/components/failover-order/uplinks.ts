/** Moving physical adapters between Active, Standby and Unused: one list in order, so an adapter is in one group only. */
import type { NewSwitchUplinks } from "@addnet/contracts";

export type UplinkGroup = keyof NewSwitchUplinks;

export const UPLINK_GROUPS: UplinkGroup[] = ["active", "standby", "unused"];

/** A standard switch's failover order as the host has it: its adapters in neither active nor standby are unused. */
export function failoverOrderOf(vs: { uplinks: string[]; activeNics: string[]; standbyNics: string[] }): NewSwitchUplinks {
  const ordered = new Set([...vs.activeNics, ...vs.standbyNics]);
  return { active: vs.activeNics, standby: vs.standbyNics, unused: vs.uplinks.filter((d) => !ordered.has(d)) };
}

/** The same adapters in the same groups, in the same order within each (the order is the failover order itself). */
export function sameFailoverOrder(a: NewSwitchUplinks, b: NewSwitchUplinks): boolean {
  return UPLINK_GROUPS.every((g) => a[g].length === b[g].length && a[g].every((d, i) => d === b[g][i]));
}

/** Up and down move within a group, and across into the neighbouring group at its edge (as the vSphere Client's arrows do). */
export function moveUplink(v: NewSwitchUplinks, device: string, direction: -1 | 1): NewSwitchUplinks {
  const g = UPLINK_GROUPS.findIndex((group) => v[group].includes(device));
  if (g < 0) return v;
  const group = UPLINK_GROUPS[g]!;
  const list = [...v[group]];
  const i = list.indexOf(device);
  const next = { active: [...v.active], standby: [...v.standby], unused: [...v.unused] };
  const j = i + direction;
  if (j >= 0 && j < list.length) {
    [list[i], list[j]] = [list[j]!, list[i]!];
    next[group] = list;
    return next;
  }
  const neighbour = UPLINK_GROUPS[g + direction];
  if (!neighbour) return v;
  next[group] = list.filter((d) => d !== device);
  next[neighbour] = direction < 0 ? [...next[neighbour], device] : [device, ...next[neighbour]];
  return next;
}

export function canMove(v: NewSwitchUplinks, device: string, direction: -1 | 1): boolean {
  const g = UPLINK_GROUPS.findIndex((group) => v[group].includes(device));
  if (g < 0) return false;
  const i = v[UPLINK_GROUPS[g]!].indexOf(device);
  const j = i + direction;
  return (j >= 0 && j < v[UPLINK_GROUPS[g]!].length) || UPLINK_GROUPS[g + direction] !== undefined;
}

export function removeUplink(v: NewSwitchUplinks, device: string): NewSwitchUplinks {
  return {
    active: v.active.filter((d) => d !== device),
    standby: v.standby.filter((d) => d !== device),
    unused: v.unused.filter((d) => d !== device),
  };
}

export function addUplinks(v: NewSwitchUplinks, devices: string[], group: UplinkGroup): NewSwitchUplinks {
  const without = devices.reduce(removeUplink, v);
  return { ...without, [group]: [...without[group], ...devices] };
}

export function setUplinkGroup(v: NewSwitchUplinks, device: string, group: UplinkGroup): NewSwitchUplinks {
  return addUplinks(v, [device], group);
}
