import type { ReactNode } from "react";

import { cx } from "../../lib/cx.ts";

type Status = "info" | "success" | "warning" | "danger";

/** Clarity's static alert. Errors are announced (role alert); the rest are polite status messages. */
export function Alert({
  status = "info",
  small,
  children,
  className,
}: {
  status?: Status;
  small?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cx("alert", `alert-${status}`, small && "alert-sm", className)} role={status === "danger" ? "alert" : "status"}>
      <div className="alert-items">
        <div className="alert-item static">
          <div className="alert-text">{children}</div>
        </div>
      </div>
    </div>
  );
}
