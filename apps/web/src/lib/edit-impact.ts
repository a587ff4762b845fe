/** The vSphere Client's Analyze impact of an edit dialog's change, asked as the form changes (shared by the edit dialogs). */
import type { Preflight } from "@addnet/contracts";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";

/** A value being typed passes through valid ones: the host is asked once the typing pauses this long. */
const SETTLE_MS = 300;

export interface EditImpact {
  /** The answer for exactly the edit given, once it is in. */
  analysis: Preflight | undefined;
  analyzing: boolean;
  failure: unknown;
  /** Analyze impact again, on request. */
  analyze: () => void;
}

/**
 * Analyze impact of the edit the form holds, once the typing pauses; nothing while there is no edit (`undefined`). `key`
 * names what is edited; the edit itself ends the query's key.
 */
export function useEditImpact<E>(
  key: readonly unknown[],
  edit: E | undefined,
  analyze: (edit: E, signal: AbortSignal) => Promise<Preflight>,
): EditImpact {
  const body = edit === undefined ? undefined : JSON.stringify(edit);
  const [settled, setSettled] = useState(body);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(body), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [body]);
  const current = body !== undefined && settled === body;
  const query = useQuery({
    queryKey: [...key, settled ?? ""],
    // The edit is the key's own, so that a refetch asks about the edit its answer is kept for.
    queryFn: ({ queryKey, signal }) => analyze(JSON.parse(queryKey.at(-1) as string) as E, signal),
    enabled: current,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const answered = current && !query.isFetching;
  return {
    analysis: answered && query.isSuccess ? query.data : undefined,
    analyzing: body !== undefined && !answered,
    failure: answered && query.isError ? query.error : undefined,
    analyze: () => {
      if (current) void query.refetch();
    },
  };
}
