import { useId, type ComponentProps, type ReactNode } from "react";

import { cx } from "../../lib/cx.ts";

interface FieldShellProps {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  helper?: ReactNode;
  className?: string | undefined;
  children: ReactNode;
}

/** Clarity's form-control layout: the label, the control, then help or the error under it. */
function FieldShell({ id, label, error, helper, className, children }: FieldShellProps) {
  return (
    <div className={cx("clr-form-control", className)}>
      <label htmlFor={id} className="clr-control-label">
        {label}
      </label>
      <div className={cx("clr-control-container", error && "clr-error")}>
        {children}
        {helper && !error && (
          <span className="clr-subtext" id={`${id}-helper`}>
            {helper}
          </span>
        )}
        {error && (
          // Clarity colours an error only inside its error wrapper (.clr-error .clr-subtext-wrapper.error).
          <div className="clr-subtext-wrapper error">
            <span className="clr-subtext" id={`${id}-error`}>
              {error}
            </span>
          </div>
        )}
      </div>
    </div>
  );
}

function describedBy(id: string, error: string | undefined, helper: ReactNode): string | undefined {
  if (error) return `${id}-error`;
  if (helper) return `${id}-helper`;
  return undefined;
}

export interface TextFieldProps extends Omit<ComponentProps<"input">, "className"> {
  label: ReactNode;
  error?: string | undefined;
  helper?: ReactNode;
  className?: string | undefined;
  inputClassName?: string | undefined;
}

export function TextField({ label, error, helper, className, inputClassName, id, ...input }: TextFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldShell id={inputId} label={label} error={error} helper={helper} className={className}>
      <div className="clr-input-wrapper">
        <input
          id={inputId}
          className={cx("clr-input", inputClassName)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(inputId, error, helper)}
          {...input}
        />
      </div>
    </FieldShell>
  );
}

export interface SelectFieldProps extends Omit<ComponentProps<"select">, "className"> {
  label: ReactNode;
  error?: string | undefined;
  helper?: ReactNode;
  className?: string | undefined;
}

export function SelectField({ label, error, helper, className, id, children, ...select }: SelectFieldProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  return (
    <FieldShell id={selectId} label={label} error={error} helper={helper} className={className}>
      <div className="clr-select-wrapper">
        <select
          id={selectId}
          className="clr-select"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(selectId, error, helper)}
          {...select}
        >
          {children}
        </select>
      </div>
    </FieldShell>
  );
}

/** A read-only value shown in the form layout, e.g. the stack's gateway. */
export function StaticField({ label, children }: { label: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <div className="clr-form-control" role="group" aria-labelledby={id}>
      <span id={id} className="clr-control-label">
        {label}
      </span>
      <div className="clr-control-container static-value">{children}</div>
    </div>
  );
}

export interface ChoiceProps extends Omit<ComponentProps<"input">, "type" | "className"> {
  label: ReactNode;
  /** More words under the label, read as the control's description. */
  description?: ReactNode;
  className?: string | undefined;
}

function Choice({ type, label, description, className, id, ...input }: ChoiceProps & { type: "radio" | "checkbox" }) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const wrapper = type === "radio" ? "clr-radio-wrapper" : "clr-checkbox-wrapper";
  return (
    <div className={cx("choice", className)}>
      <div className={wrapper}>
        <input
          type={type}
          id={inputId}
          className={type === "radio" ? "clr-radio" : "clr-checkbox"}
          aria-describedby={description ? `${inputId}-description` : undefined}
          {...input}
        />
        <label htmlFor={inputId} className="clr-control-label">
          {label}
        </label>
      </div>
      {description && (
        <div className="choice-description" id={`${inputId}-description`}>
          {description}
        </div>
      )}
    </div>
  );
}

export function Radio(props: ChoiceProps) {
  return <Choice type="radio" {...props} />;
}

export function Checkbox(props: ChoiceProps) {
  return <Choice type="checkbox" {...props} />;
}

export interface FieldsetProps {
  legend: ReactNode;
  error?: string | undefined;
  helper?: ReactNode;
  className?: string | undefined;
  children: ReactNode;
}

/** A group of radios or checkboxes with its legend as the group's name. */
export function Fieldset({ legend, error, helper, className, children }: FieldsetProps) {
  const id = useId();
  return (
    <fieldset className={cx("clr-form-control form-fieldset", className)} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="clr-control-label">{legend}</legend>
      <div className={cx("clr-control-container", error && "clr-error")}>
        {children}
        {helper && !error && <span className="clr-subtext">{helper}</span>}
        {error && (
          // Clarity colours an error only inside its error wrapper (.clr-error .clr-subtext-wrapper.error).
          <div className="clr-subtext-wrapper error">
            <span className="clr-subtext" id={`${id}-error`}>
              {error}
            </span>
          </div>
        )}
      </div>
    </fieldset>
  );
}
