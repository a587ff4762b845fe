/**
 * react-hook-form with the shared zod schemas. The form keeps exactly what the user typed (strings, so that a
 * draft restores it character for character); `toInput` turns that into the schema's input, zodResolver checks
 * it with the schema the API uses too, and `extra` adds the rules that need the host's own data.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import {
  get,
  set,
  type FieldError,
  type FieldErrors,
  type FieldPath,
  type FieldValues,
  type Resolver,
  type UseFormRegisterReturn,
  type UseFormSetError,
} from "react-hook-form";
import type { z } from "zod";

import { ApiError } from "./api-client.ts";

export interface ExtraIssue {
  /** Dotted form path, e.g. "networkLabel" or "staticAddresses.0.address". */
  path: string;
  /** A validation code (messages.ts or the web catalogue's own). */
  message: string;
  /** The names the code's text holds (host, device, stack...). */
  params?: Record<string, string | number>;
}

/**
 * How a group of fields shared by several forms is tied to the one it is in: its fields registered (at the top of a
 * wizard page's form, under a prefix in a dialog's), and a field's error in the user's words once the form shows it.
 */
export interface FieldBinding<V extends FieldValues> {
  register: (name: FieldPath<V>) => UseFormRegisterReturn;
  errorFor: (name: FieldPath<V>) => string | undefined;
}

/** A field's error as the form holds it: the code, and the names its text holds. */
type CodedFieldError = FieldError & { params?: ExtraIssue["params"] };

export function schemaResolver<TForm extends FieldValues, TSchema extends z.ZodType>(
  schema: TSchema,
  toInput: (values: TForm) => unknown,
  extra?: (values: TForm) => ExtraIssue[],
): Resolver<TForm, unknown, z.output<TSchema>> {
  const base = zodResolver(schema as z.ZodType<unknown, FieldValues>) as unknown as Resolver<FieldValues, unknown, z.output<TSchema>>;
  return async (values, context, options) => {
    const result = await base(toInput(values) as FieldValues, context, { ...options, shouldUseNativeValidation: false } as never);
    const errors: Record<string, unknown> = { ...result.errors };
    // Whole-object refinements (path []) come back under "".
    if (errors[""]) {
      errors.root = errors[""];
      delete errors[""];
    }
    for (const issue of extra?.(values) ?? []) {
      if (!get(errors, issue.path))
        set(errors, issue.path, { type: "custom", message: issue.message, params: issue.params } satisfies CodedFieldError);
    }
    if (Object.keys(errors).length > 0) return { values: {}, errors: errors as FieldErrors<TForm> };
    return { values: result.values as z.output<TSchema>, errors: {} };
  };
}

/** The message code of a field's error and its names, including the errors of a whole list ("no IPv6 address chosen"). */
export function fieldError(errors: FieldErrors, path: string): Pick<ExtraIssue, "message" | "params"> | undefined {
  const e = get(errors, path) as (CodedFieldError & { root?: FieldError }) | undefined;
  if (!e) return undefined;
  if (typeof e.message === "string") return { message: e.message, params: e.params };
  return e.root?.message === undefined ? undefined : { message: e.root.message };
}

/**
 * The API's refusal of a form's fields (the host's rules, run again by the server): each issue at the field `formPath`
 * names for it, or on the form as a whole.
 */
export function setServerIssues<V extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<V>,
  formPath: (path: string) => string,
): void {
  if (!(err instanceof ApiError)) return;
  for (const issue of err.problem?.errors ?? []) {
    setError(
      formPath(issue.path) as FieldPath<V>,
      { type: "server", message: issue.code, ...(issue.params ? { params: issue.params } : {}) } as never,
    );
  }
}

/** "" → undefined, else the number typed (NaN when it is not one, which the schema reports). */
export function toNumber(s: string | undefined): number | undefined {
  if (s === undefined || s.trim() === "") return undefined;
  return Number(s.trim());
}
