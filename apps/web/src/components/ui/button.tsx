import { useId, type ComponentProps } from "react";

import { cx } from "../../lib/cx.ts";

type Variant = "primary" | "outline" | "link" | "danger" | "success" | "outline-danger";

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: Variant;
  small?: boolean;
  /** Disables the button and says why next to it (e.g. the missing privilege). */
  disabledReason?: string | undefined;
}

/** A Clarity button (.btn). */
export function Button({ variant = "outline", small, disabledReason, className, type = "button", disabled, ...rest }: ButtonProps) {
  const reasonId = useId();
  const button = (
    <button
      type={type}
      className={cx("btn", `btn-${variant}`, small && "btn-sm", className)}
      disabled={disabled || Boolean(disabledReason)}
      aria-describedby={disabledReason ? reasonId : rest["aria-describedby"]}
      {...rest}
    />
  );
  if (!disabledReason) return button;
  return (
    <span className="action-with-reason">
      {button}
      <span id={reasonId} className="action-reason">
        {disabledReason}
      </span>
    </span>
  );
}
