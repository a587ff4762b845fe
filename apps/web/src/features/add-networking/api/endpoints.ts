import type { WizardModel } from "../model/page-rules.ts";

/**
 * Where each connection type's preflight and Finish go: …/vmkernel-adapters for a VMkernel adapter, …/port-groups for a
 * virtual machine port group (the same request and answers otherwise).
 */
export function connectionsPath(hostId: string, connectionType: WizardModel["connectionType"]): string {
  return `/hosts/${encodeURIComponent(hostId)}/${connectionType === "vmPortGroup" ? "port-groups" : "vmkernel-adapters"}`;
}
