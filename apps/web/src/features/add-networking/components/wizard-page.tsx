import { useId, useLayoutEffect, useRef, type FormEventHandler, type ReactNode } from "react";

/**
 * One page of the wizard: its heading takes focus when the page opens (keyboard and screen-reader users land on
 * the new page), then the fields, then the footer.
 */
export function WizardPage({
  title,
  intro,
  onSubmit,
  footer,
  children,
}: {
  title: string;
  intro?: ReactNode;
  onSubmit?: FormEventHandler<HTMLFormElement>;
  footer: ReactNode;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  // Before the browser paints, as the wizard's own focus on opening (add-networking-wizard.tsx), which follows it.
  useLayoutEffect(() => {
    heading.current?.focus();
  }, []);
  // A page without a form (Ready to complete, the result) may hold no control at all, yet scroll: keyboard users
  // reach it with Tab to scroll it (axe: scrollable-region-focusable).
  const scrollable = onSubmit ? {} : { tabIndex: 0, role: "region", "aria-labelledby": headingId };
  const body = (
    <>
      <div className="wizard-page-body" {...scrollable}>
        <h3 className="wizard-page-title" id={headingId} tabIndex={-1} ref={heading}>
          {title}
        </h3>
        {intro && <p className="wizard-page-intro">{intro}</p>}
        {children}
      </div>
      {footer}
    </>
  );
  return onSubmit ? (
    <form className="wizard-page clr-form clr-form-horizontal" onSubmit={onSubmit} noValidate aria-label={title}>
      {body}
    </form>
  ) : (
    <div className="wizard-page">{body}</div>
  );
}
