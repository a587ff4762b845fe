import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface RadioTableRow {
  id: string;
  cells: ReactNode[];
  /** Why this row cannot be picked (e.g. the missing privilege). */
  disabledReason?: string | undefined;
}

export interface RadioTableProps {
  caption: string;
  columns: string[];
  rows: RadioTableRow[];
  selected: string;
  onSelect: (id: string) => void;
  /** What is wrong with the row chosen: under the table, and read with each radio. */
  error?: string | undefined;
}

/** A table to pick one row from, one radio per row labelled by its first cell (a Browse dialog's, a dialog's target). */
export function RadioTable({ caption, columns, rows, selected, onSelect, error }: RadioTableProps) {
  const { t } = useTranslation();
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <div className={error ? "clr-error" : undefined}>
      <table className="table table-compact browse-table">
        <caption className="clr-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="clr-sr-only">{t("common.select")}</span>
            </th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const inputId = `${name}-${row.id}`;
            const describedBy = [row.disabledReason && `${inputId}-reason`, error && errorId].filter(Boolean).join(" ");
            return (
              <tr key={row.id} className={row.disabledReason ? "row-disabled" : undefined}>
                <td>
                  <input
                    type="radio"
                    className="clr-radio"
                    id={inputId}
                    name={name}
                    value={row.id}
                    checked={selected === row.id}
                    disabled={Boolean(row.disabledReason)}
                    aria-invalid={error && selected === row.id ? true : undefined}
                    aria-describedby={describedBy || undefined}
                    onChange={() => onSelect(row.id)}
                  />
                </td>
                <td>
                  <label htmlFor={inputId}>{row.cells[0]}</label>
                  {row.disabledReason && (
                    <div className="action-reason" id={`${inputId}-reason`}>
                      {row.disabledReason}
                    </div>
                  )}
                </td>
                {row.cells.slice(1).map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && (
        <div className="clr-subtext-wrapper error">
          <span className="clr-subtext" id={errorId}>
            {error}
          </span>
        </div>
      )}
    </div>
  );
}
