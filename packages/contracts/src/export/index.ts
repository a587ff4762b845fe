/** Export the plan as code from Ready to complete: PowerCLI, Ansible, Terraform and govc/esxcli. */
import { exportAnsible } from "./ansible.ts";
import { exportGovc } from "./govc.ts";
import type { ExportFormat, ExportInput, PlanExport } from "./plan.ts";
import { exportPowerCli } from "./powercli.ts";
import { exportTerraform } from "./terraform.ts";

export { exportAnsible, exportGovc, exportPowerCli, exportTerraform };
export { adapterPlan, EXPORT_FORMATS, nextSwitchName, nextVmkernelDevice, resolveExportHost, vcenterEndpoint } from "./plan.ts";
export type { AdapterPlan, ExportFormat, ExportGap, ExportHostPlan, ExportInput, HostResolution, PlanExport } from "./plan.ts";

const EXPORTERS: Record<ExportFormat, (input: ExportInput) => PlanExport> = {
  powercli: exportPowerCli,
  ansible: exportAnsible,
  terraform: exportTerraform,
  govc: exportGovc,
};

/** The plan for one host or many in one tool's language; the same input gives the same text. */
export function exportPlan(format: ExportFormat, input: ExportInput): PlanExport {
  return EXPORTERS[format](input);
}
