/** GET /api/openapi.json (OpenAPI 3.1, every path) and the interactive docs at /api/docs. */
import { describe, expect, it } from "vitest";

import { Client, type GetApi } from "./support.ts";

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  summary?: string;
}
interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

export function openapiSuite(getApi: GetApi): void {
  describe("openapi", () => {
    it("serves an OpenAPI 3.1 document with every path and method to a signed-in user, and nothing without a session", async () => {
      expect((await getApi().app.inject({ method: "GET", url: "/api/openapi.json" })).statusCode).toBe(401);
      const browser = new Client(getApi());
      await browser.login();
      const res = await browser.get("/api/openapi.json");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      const doc = res.json<OpenApi>();
      expect(doc.openapi).toBe("3.1.0");
      expect(doc.info.title).toBe("addnet API");
      const operations = Object.entries(doc.paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      expect(operations).toEqual(
        expect.arrayContaining([
          "POST /api/v1/session",
          "GET /api/v1/session",
          "DELETE /api/v1/session",
          "GET /api/v1/hosts",
          "GET /api/v1/hosts/{hostId}/networking",
          "POST /api/v1/hosts/{hostId}/vmkernel-adapters/preflight",
          "POST /api/v1/hosts/{hostId}/vmkernel-adapters",
          "PATCH /api/v1/hosts/{hostId}/netstacks/{key}",
          "POST /api/v1/rollouts/preflight",
          "GET /api/v1/audit",
        ]),
      );
      // The document itself and the docs UI are not API operations.
      expect(operations.filter((o) => o.includes("openapi") || o.includes("/api/docs"))).toEqual([]);
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          expect(op.summary, `${method} ${path}`).toEqual(expect.any(String));
          // Every operation documents its problem+json errors.
          expect(
            Object.keys(op.responses).some((s) => s.startsWith("4")),
            `${method} ${path}`,
          ).toBe(true);
        }
      }
      const create = doc.paths["/api/v1/hosts/{hostId}/vmkernel-adapters"]!.post!;
      expect(create.parameters).toContainEqual(expect.objectContaining({ name: "idempotency-key", in: "header", required: true }));
      expect(create.parameters).toContainEqual(expect.objectContaining({ name: "hostId", in: "path", required: true }));
      expect(create.requestBody).toBeDefined();
      expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "403", "409", "422"]));
      // Nobody signed in: 204, not an error.
      expect(Object.keys(doc.paths["/api/v1/session"]!.get!.responses).sort()).toEqual(["200", "204", "401"]);
      expect(doc.paths["/api/v1/hosts"]!.get!.parameters!.map((p) => p.name).sort()).toEqual(["cluster", "cursor", "limit", "search"]);
      expect(doc.paths["/api/v1/hosts/{hostId}/netstacks/{key}"]!.patch!.parameters!.map((p) => p.name).sort()).toEqual(["hostId", "key"]);
      const rolloutPreflight = doc.paths["/api/v1/rollouts/preflight"]!.post!;
      expect(rolloutPreflight.requestBody).toBeDefined();
      expect(Object.keys(rolloutPreflight.responses)).toEqual(expect.arrayContaining(["200", "400", "401"]));
      expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["csrf", "session"]);
    });

    it("answers /api/docs with the interactive documentation to a signed-in user only", async () => {
      const api = getApi();
      const anonymous = await api.app.inject({ method: "GET", url: "/api/docs" });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json<{ code: string }>().code).toBe("NOT_SIGNED_IN");
      expect((await api.app.inject({ method: "GET", url: "/api/docs/json" })).statusCode).toBe(401);
      const browser = new Client(api);
      await browser.login();
      let res = await browser.get("/api/docs");
      if (res.statusCode === 302) res = await browser.get(String(res.headers.location));
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.body).toContain("swagger-ui");
      const json = await browser.get("/api/docs/json");
      expect(json.statusCode).toBe(200);
      expect(json.json<OpenApi>().paths).toHaveProperty(["/api/v1/hosts"]);
    });
  });
}
