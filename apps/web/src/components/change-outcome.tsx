import { useEffect, useRef, type ReactNode } from "react";

import { Alert } from "./ui/alert.tsx";
import { Spinner } from "./ui/spinner.tsx";

/**
 * A dialog's change on its way (`running` says what it does), or how it ended when it failed: the failure takes the focus,
 * since the button that sent the change was disabled while it ran.
 */
export function ChangeOutcome({ running, failure, children }: { running?: string | undefined; failure: unknown; children: ReactNode }) {
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) outcome.current?.focus();
  }, [failure]);
  return (
    <div aria-live="polite">
      {running && <Spinner label={running} />}
      {Boolean(failure) && (
        <div ref={outcome} tabIndex={-1}>
          <Alert status="danger">{children}</Alert>
        </div>
      )}
    </div>
  );
}
