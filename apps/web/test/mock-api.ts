/** A fake of the API at the fetch level: routes by method and path, records every call. */
import { vi } from "vitest";

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export type Handler = (call: RecordedCall) => Response | Promise<Response>;

export function json(status: number, body: unknown, contentType = "application/json"): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "Content-Type": contentType } });
}

export function problemResponse(body: { status: number }): Response {
  return json(body.status, body, "application/problem+json");
}

export class MockApi {
  readonly calls: RecordedCall[] = [];
  private readonly routes: { method: string; pattern: RegExp; handler: Handler }[] = [];

  /** Answers with the handler's response, or with the given body as JSON (200). */
  on(method: string, pattern: RegExp | string, handler: Handler | object): this {
    const re = typeof pattern === "string" ? new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : pattern;
    const h: Handler = typeof handler === "function" ? (handler as Handler) : () => json(200, handler);
    // Later registrations win, so a test can override a default.
    this.routes.unshift({ method, pattern: re, handler: h });
    return this;
  }

  /** Answers in order, then keeps giving the last one. */
  sequence(method: string, pattern: RegExp | string, ...handlers: Handler[]): this {
    let i = 0;
    return this.on(method, pattern, (call: RecordedCall) => handlers[Math.min(i++, handlers.length - 1)]!(call));
  }

  callsTo(method: string, pattern: RegExp | string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && (typeof pattern === "string" ? c.path === pattern : pattern.test(c.path)));
  }

  readonly fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, "http://localhost");
    const method = (init.method ?? "GET").toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k.toLowerCase()] = v));
    const call: RecordedCall = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    };
    this.calls.push(call);
    const route = this.routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) {
      return problemResponse({
        status: 404,
        code: "NOT_FOUND",
        type: "about:blank",
        title: "Not Found",
        detail: `${method} ${url.pathname}`,
      } as never);
    }
    return route.handler(call);
  });

  install(): this {
    vi.stubGlobal("fetch", this.fetch);
    return this;
  }
}
