import type { WizardModel } from "../model/page-rules.ts";

/** Each connection type's collection: a VMkernel adapter's, a virtual machine port group's, physical adapters'. */
const COLLECTIONS = {
  vmkernel: "vmkernel-adapters",
  vmPortGroup: "port-groups",
  physicalAdapter: "physical-adapters",
} as const satisfies Record<WizardModel["connectionType"], string>;

/**
 * Where each connection type's preflight and Finish go: …/vmkernel-adapters for a VMkernel adapter, …/port-groups for a
 * virtual machine port group, …/physical-adapters for physical adapters added to a standard switch (the same request and
 * answers otherwise).
 */
export function connectionsPath(hostId: string, connectionType: WizardModel["connectionType"]): string {
  return `/hosts/${encodeURIComponent(hostId)}/${COLLECTIONS[connectionType]}`;
}
