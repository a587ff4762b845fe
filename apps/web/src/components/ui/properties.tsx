import type { ReactNode } from "react";

/** Label and value pairs, as the vSphere Client's details panes and summaries list them. */
export function Properties({ rows }: { rows: readonly (readonly [label: string, value: ReactNode])[] }) {
  return (
    <dl className="properties">
      {rows.map(([label, value]) => (
        <div key={label} className="property">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
