import { useRef, type ReactNode } from "react";

import { Button } from "./button.tsx";
import { Modal } from "./modal.tsx";

export interface ConfirmDialogProps {
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
}

/** Asks before something that cannot be undone; the safe answer has focus. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, onConfirm, onCancel, danger }: ConfirmDialogProps) {
  const safe = useRef<HTMLButtonElement>(null);
  return (
    <Modal
      title={title}
      size="sm"
      role="alertdialog"
      initialFocus={safe}
      onClose={onCancel}
      closeButton={false}
      footer={
        <>
          <Button ref={safe} onClick={onCancel}>
            {cancelLabel}
          </Button>
          <Button variant={danger ? "danger" : "primary"} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Modal>
  );
}
