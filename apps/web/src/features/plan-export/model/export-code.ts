/** The generators, in a chunk of their own: the browser loads them when the user opens Export as code. */
import {
  EXPORT_FORMATS,
  exportPlan,
  resolveExportHost,
  type HostNetworking,
  type NetStackPatch,
  type PlanExport,
  type VmkernelAdapterModel,
} from "@addnet/contracts";

/** A host of the plan: its networking as the API shows it, the wizard's model for it and its stack's settings. */
export interface ExportHost {
  net: HostNetworking;
  model: VmkernelAdapterModel;
  netStack?: NetStackPatch;
}

/** The plan in every tool's language, for the hosts on `vcenter`; undefined when a host lacks what its model names. */
export function exportAll(vcenter: string, datacenter: string | null, hosts: ExportHost[]): PlanExport[] | undefined {
  try {
    const input = { vcenter, datacenter, hosts: hosts.map((h) => resolveExportHost(h.net, h.model, h.netStack)) };
    return EXPORT_FORMATS.map((f) => exportPlan(f, input));
  } catch {
    // A distributed port group the model names is gone from the host: the wizard's checks say which.
    return undefined;
  }
}
