import { useState } from "react";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import { RadioTable, type RadioTableRow } from "../../../components/ui/radio-table.tsx";

export interface BrowseDialogProps {
  title: string;
  columns: string[];
  rows: RadioTableRow[];
  selected: string;
  emptyText: string;
  onSelect: (id: string) => void;
  onClose: () => void;
}

/** The "Browse…" dialogs of Select target device: a table with one radio per row, OK and Cancel. */
export function BrowseDialog({ title, columns, rows, selected, emptyText, onSelect, onClose }: BrowseDialogProps) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(selected);
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
        <RadioTable caption={title} columns={columns} rows={rows} selected={choice} onSelect={setChoice} />
      )}
    </Modal>
  );
}
