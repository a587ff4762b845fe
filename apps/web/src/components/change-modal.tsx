import { useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Button } from "./ui/button.tsx";
import { Modal, type ModalProps } from "./ui/modal.tsx";

/**
 * A dialog whose button makes a change on the host: Cancel, then that button (`action`). While the change runs nothing
 * closes the dialog, whose outcome it is to show.
 */
export function ChangeModal({
  title,
  pending,
  action,
  onClose,
  focusCancel = false,
  size,
  children,
}: {
  title: string;
  pending: boolean;
  action: ReactNode;
  onClose: () => void;
  /** Cancel has the focus when the dialog opens, as in a confirmation. */
  focusCancel?: boolean;
  size?: ModalProps["size"];
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
      size={size}
      initialFocus={focusCancel ? cancel : undefined}
      footer={
        <>
          <Button ref={cancel} onClick={close} disabled={pending}>
            {t("common.cancel")}
          </Button>
          {action}
        </>
      }
    >
      {children}
    </Modal>
  );
}
