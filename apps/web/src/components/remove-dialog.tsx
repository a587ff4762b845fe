import { useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Button } from "./ui/button.tsx";
import { Modal } from "./ui/modal.tsx";

/**
 * A removal's dialog: Cancel has the focus when it opens, as in a confirmation; Remove is off while refused or on its
 * way; and while it runs nothing closes the dialog, whose outcome it is to show.
 */
export function RemoveDialog({
  title,
  pending,
  disabled,
  onRemove,
  onClose,
  children,
}: {
  title: string;
  pending: boolean;
  disabled: boolean;
  onRemove: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  const close = () => {
    if (!pending) onClose();
  };
  return (
    <Modal
      title={title}
      onClose={close}
      closeLabel={t("common.close")}
      initialFocus={cancel}
      footer={
        <>
          <Button ref={cancel} onClick={close} disabled={pending}>
            {t("common.cancel")}
          </Button>
          <Button variant="danger" onClick={onRemove} disabled={disabled}>
            {t("common.remove")}
          </Button>
        </>
      }
    >
      {children}
    </Modal>
  );
}
