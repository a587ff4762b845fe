import { useEffect, useRef, type FormEventHandler, type ReactNode } from "react";

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
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const body = (
    <>
      <div className="wizard-page-body">
        <h3 className="wizard-page-title" tabIndex={-1} ref={heading}>
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
