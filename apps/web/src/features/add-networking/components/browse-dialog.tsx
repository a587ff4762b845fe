import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { Modal } from "../../../components/ui/modal.tsx";

export interface BrowseRow {
  id: string;
  cells: ReactNode[];
  /** Why this row cannot be picked (e.g. the missing privilege). */
  disabledReason?: string | undefined;
}

export interface BrowseDialogProps {
  title: string;
  columns: string[];
  rows: BrowseRow[];
  selected: string;
  emptyText: string;
  onSelect: (id: string) => void;
  onClose: () => void;
}

/** The "Browse…" dialogs of Select target device: a table with one radio per row, OK and Cancel. */
export function BrowseDialog({ title, columns, rows, selected, emptyText, onSelect, onClose }: BrowseDialogProps) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(selected);
  const name = useId();
  return (
    <Modal
      title={title}
      size="lg"
      onClose={onClose}
      closeLabel={t("common.close")}
      footer={
        <>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button variant="primary" disabled={!choice} onClick={() => onSelect(choice)}>
            {t("common.ok")}
          </Button>
        </>
      }
    >
      {rows.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <table className="table table-compact browse-table">
          <caption className="clr-sr-only">{title}</caption>
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
              return (
                <tr key={row.id} className={row.disabledReason ? "row-disabled" : undefined}>
                  <td>
                    <input
                      type="radio"
                      className="clr-radio"
                      id={inputId}
                      name={name}
                      value={row.id}
                      checked={choice === row.id}
                      disabled={Boolean(row.disabledReason)}
                      aria-describedby={row.disabledReason ? `${inputId}-reason` : undefined}
                      onChange={() => setChoice(row.id)}
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
      )}
    </Modal>
  );
}
