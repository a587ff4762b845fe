/** What the app composes from the plan export: Ready to complete's Export as code. */
export { PlanExportDisclosure } from "./components/plan-export-disclosure.tsx";
export { PlanExport, type PlanExportProps } from "./components/plan-export.tsx";
