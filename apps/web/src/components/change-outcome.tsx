import type { Problem } from "@addnet/contracts";
import { useEffect, useRef, type ReactNode } from "react";

import { ApiError } from "../lib/api-client.ts";
import { IssueList } from "./issue-list.tsx";
import { Alert } from "./ui/alert.tsx";
import { Spinner } from "./ui/spinner.tsx";

/** A dialog's change as its mutation holds it: on its way, or failed with its error. */
export interface ChangeState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/** The last attempt's failure, and the API's problem with it (the steps as they ended, what the host's rules found). */
export function changeFailure(change: ChangeState): { failed: unknown; problem: Problem | undefined } {
  const failed = change.isError ? change.error : undefined;
  return { failed, problem: failed instanceof ApiError ? failed.problem : undefined };
}

/**
 * A dialog's change on its way (`running` says what it does), or how it ended when it failed (`children`, then what the
 * API found wrong): the failure takes the focus, since the button that sent the change was disabled while it ran.
 */
export function ChangeOutcome({ change, running, children }: { change: ChangeState; running: string; children: ReactNode }) {
  const outcome = useRef<HTMLDivElement>(null);
  const { failed, problem } = changeFailure(change);
  useEffect(() => {
    if (failed) outcome.current?.focus();
  }, [failed]);
  return (
    <div aria-live="polite">
      {change.isPending && <Spinner label={running} />}
      {Boolean(failed) && (
        <div ref={outcome} tabIndex={-1}>
          <Alert status="danger">
            {children}
            {problem?.errors && <IssueList issues={problem.errors} />}
          </Alert>
        </div>
      )}
    </div>
  );
}
