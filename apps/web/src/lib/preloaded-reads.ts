/**
 * GETs the page started before the app's code had run (app/preload.ts): the API client takes each one instead of
 * asking again, once. No imports, so that it fits in the small chunk index.html runs first.
 */
const reads = new Map<string, Promise<Response | undefined>>();

const get = (path: string) =>
  fetch(`/api/v1${path}`, { headers: { Accept: "application/json, application/problem+json" }, credentials: "same-origin" });

/** Starts `GET /api/v1<path>` as the API client would send it: now, or once `when` settles on true (never on false). */
export function preloadRead(path: string, when?: Promise<boolean>): Promise<Response | undefined> {
  const read = when ? when.then((go) => (go ? get(path) : undefined)) : get(path);
  reads.set(path, read);
  return read;
}

/** The answer of a read started for `path`, for the first caller only; undefined when there was none (or it was not sent). */
export function takePreloadedRead(path: string): Promise<Response | undefined> | undefined {
  const read = reads.get(path);
  reads.delete(path);
  return read;
}
