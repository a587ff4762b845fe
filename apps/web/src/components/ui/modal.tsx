import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { createPortal } from "react-dom";

import { cx } from "../../lib/cx.ts";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  title: ReactNode;
  /** Closes on Escape and with the header's close button; leave out for dialogs that must be answered. */
  onClose?: (() => void) | undefined;
  closeLabel?: string | undefined;
  /** The header's × button (off for dialogs whose footer already answers, e.g. confirmations). */
  closeButton?: boolean;
  size?: "sm" | "md" | "lg" | "xl";
  /** Where focus goes when the dialog opens; else the first control in the body. */
  initialFocus?: RefObject<HTMLElement | null> | undefined;
  footer?: ReactNode;
  /** A column before the header, body and footer, first in the tab order (Clarity's modal-nav: a wizard's steps). */
  nav?: ReactNode;
  className?: string | undefined;
  children: ReactNode;
  /** For dialogs about something urgent (e.g. the session ended). */
  role?: "dialog" | "alertdialog";
}

/**
 * Clarity's modal as an accessible dialog: labelled by its title, focus kept inside while open and given back
 * to where it was when closed.
 */
export function Modal({
  title,
  onClose,
  closeLabel,
  closeButton = true,
  size = "md",
  initialFocus,
  footer,
  nav,
  className,
  children,
  role = "dialog",
}: ModalProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // A control that took focus itself (autoFocus) keeps it; otherwise the chosen or the first control gets it.
    if (!dialogRef.current?.contains(document.activeElement)) {
      const target = initialFocus?.current ?? bodyRef.current?.querySelector<HTMLElement>(FOCUSABLE) ?? dialogRef.current;
      target?.focus();
    }
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
    // Focus moves once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape" && onClose) {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== "Tab" || !dialogRef.current) return;
    const items = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    e.stopPropagation();
    if (!first || !last) {
      e.preventDefault();
      return;
    }
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <>
      <div className="modal" onKeyDown={onKeyDown}>
        <div
          ref={dialogRef}
          className={cx("modal-dialog", size !== "md" && `modal-${size}`, className)}
          role={role}
          aria-modal="true"
          aria-labelledby={titleId}
          tabIndex={-1}
        >
          <div className="modal-content-wrapper">
            {nav}
            <div className="modal-content">
              <div className="modal-header">
                <h2 className="modal-title" id={titleId}>
                  {title}
                </h2>
                {onClose && closeButton && (
                  <button type="button" className="close" aria-label={closeLabel} onClick={onClose}>
                    <span aria-hidden="true">×</span>
                  </button>
                )}
              </div>
              <div className="modal-body" ref={bodyRef}>
                {children}
              </div>
              {footer && <div className="modal-footer">{footer}</div>}
            </div>
          </div>
        </div>
      </div>
      <div className="modal-backdrop" aria-hidden="true" />
    </>,
    document.body,
  );
}
