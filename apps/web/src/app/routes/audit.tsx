import { AuditLog } from "../../features/audit/components/audit-log.tsx";

export function AuditRoute() {
  return <AuditLog />;
}
