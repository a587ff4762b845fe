/**
 * The API client: same-origin fetch with the session cookie, the CSRF token on every state-changing request,
 * problem+json errors as ApiError, and a transparent retry after the user signs in again when vCenter ended
 * the session.
 */
import type { Problem, ProblemCode } from "@addnet/contracts";
import type { z } from "zod";

import { takePreloadedRead } from "./preloaded-reads.ts";
import { requestReauthentication } from "./session-expiry.ts";

export const API_BASE = "/api/v1";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The problem's stable code, or a stand-in for answers without one. */
  get code(): ProblemCode | "NETWORK_ERROR" | `HTTP_${number}` {
    if (this.problem) return this.problem.code;
    if (this.status === 0) return "NETWORK_ERROR";
    return `HTTP_${this.status}`;
  }
}

let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function getCsrfToken(): string | undefined {
  return csrfToken;
}

export interface RequestOptions<T> {
  body?: unknown;
  /**
   * Parses the response body; without it the body is ignored. The sign-in page's calls give a loader of it instead, so
   * that zod is not part of that page.
   */
  schema?: z.ZodType<T> | (() => Promise<z.ZodType<T>>);
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** False for the calls that must not open the sign-in dialog (reading or creating the session itself). */
  reauthenticate?: boolean;
  /** False for signing in, which has no token yet. */
  csrf?: boolean;
}

async function readProblem(res: Response): Promise<Problem | undefined> {
  try {
    const [body, { problemSchema }] = await Promise.all([res.json(), import("./response-schemas.ts")]);
    const parsed = problemSchema.safeParse(body);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function apiRequest<T = void>(
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json", ...options.headers };
  let body: string | undefined;
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    // A JSON content type with an empty body is an error for the API, so bodiless calls send {}.
    body = JSON.stringify(options.body ?? {});
    if (csrfToken && options.csrf !== false) headers["X-CSRF-Token"] = csrfToken;
  }

  let res: Response;
  try {
    // A plain GET the page started before the app ran (app/preload.ts) is not asked again.
    const preloaded = method === "GET" && !options.headers ? await takePreloadedRead(path) : undefined;
    res = preloaded ?? (await fetch(`${API_BASE}${path}`, { method, headers, body, credentials: "same-origin", signal: options.signal }));
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, undefined, err instanceof Error ? err.message : String(err));
  }

  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && problem?.code === "SESSION_EXPIRED" && options.reauthenticate !== false) {
      await requestReauthentication();
      return apiRequest(method, path, options);
    }
    throw new ApiError(res.status, problem, problem?.detail ?? res.statusText);
  }

  if (!options.schema || res.status === 204) return undefined as T;
  const [answer, schema] = await Promise.all([res.json(), typeof options.schema === "function" ? options.schema() : options.schema]);
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ApiError(res.status, undefined, `Unexpected response from ${method} ${path}`);
  return parsed.data;
}

/** The query string for the given parameters, leaving out empty ones. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
