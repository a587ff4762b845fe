/** A browser's session over HTTP, as the web app keeps it: the session cookie, and the CSRF token on changes. */
export class HttpBrowser {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== "GET") h["x-csrf-token"] = this.csrf;
    if (body !== undefined) h["content-type"] = "application/json";
    const res = await fetch(`${this.base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const session = /addnet_session=[^;]*/.exec(res.headers.get("set-cookie") ?? "")?.[0];
    if (session) this.cookie = session;
    return res;
  }

  /** Signs in; the response, whatever it is (the caller decides what a failure means). */
  async login(user: { username: string; password: string }): Promise<Response> {
    const res = await this.request("POST", "/api/v1/session", user);
    if (res.status === 200) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }
}
