/**
 * Errors: every 4xx is problem+json with a code (and field paths for validation); no 5xx for bad input; a 5xx
 * only for a real fault of vCenter; helmet's headers on every answer.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { hostId } from "../helpers.ts";
import {
  ADMIN,
  Client,
  control,
  expectProblem,
  inventoryState,
  newKey,
  onVSwitch0,
  resetSimulator,
  signedIn,
  type GetApi,
} from "./support.ts";

export function errorsSuite(getApi: GetApi): void {
  describe("errors", () => {
    let admin: Client;
    let url: string;
    beforeAll(async () => {
      await resetSimulator(getApi());
      admin = await signedIn(getApi(), ADMIN);
      url = `/api/v1/hosts/${hostId(getApi(), "esx-01.lab.local")}/vmkernel-adapters`;
    });

    const send = (
      method: string,
      path: string,
      payload: string | Buffer | undefined,
      contentType?: string,
      extra: Record<string, string> = {},
    ) =>
      admin.request({
        method: method as "POST",
        url: path,
        payload,
        headers: { ...(contentType ? { "content-type": contentType } : {}), ...extra },
      });

    it("answers garbage JSON with 400 naming the body", async () => {
      for (const body of [
        "{not json",
        '{"a":',
        "\u0000",
        '{"__proto__": {"polluted": true}}',
        '{"constructor": {"prototype": {"polluted": true}}}',
      ]) {
        for (const path of [url, `${url}/preflight`]) {
          const res = await send("POST", path, body, "application/json", { "idempotency-key": newKey("garbage") });
          expect(res.statusCode, body).toBeLessThan(500);
          expectProblem(res, 400, res.json<{ code: string }>().code);
        }
      }
      const res = await send("POST", `${url}/preflight`, "{not json", "application/json");
      expect(expectProblem(res, 400, "BAD_REQUEST").errors).toEqual([expect.objectContaining({ path: "body" })]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("answers a wrong or missing content type, an empty or non-object body with 4xx, not 5xx", async () => {
      expectProblem(await send("POST", `${url}/preflight`, "<model/>", "application/xml"), 415, "UNSUPPORTED_MEDIA_TYPE");
      expectProblem(await send("POST", `${url}/preflight`, "a=1&b=2", "application/x-www-form-urlencoded"), 415, "UNSUPPORTED_MEDIA_TYPE");
      expectProblem(await send("POST", `${url}/preflight`, "hello", "text/plain"), 400, "VALIDATION_FAILED", [""]);
      expectProblem(await send("POST", `${url}/preflight`, undefined), 400, "VALIDATION_FAILED", [""]);
      expectProblem(await send("POST", `${url}/preflight`, "", "application/json"), 400, "BAD_REQUEST", ["body"]);
      for (const body of ["null", "[]", "42", '"model"', "true"])
        expectProblem(await send("POST", `${url}/preflight`, body, "application/json"), 400, "VALIDATION_FAILED", [""]);
      expectProblem(
        await send("PATCH", `${url.replace("vmkernel-adapters", "netstacks")}/defaultTcpipStack`, "[]", "application/json"),
        400,
        "VALIDATION_FAILED",
        [""],
      );
      expectProblem(
        await getApi().app.inject({
          method: "POST",
          url: "/api/v1/session",
          payload: "username=a&password=b",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      );
    });

    it("answers a 1 MiB body with 413, and changes nothing", async () => {
      const api = getApi();
      const before = inventoryState(api);
      const big = JSON.stringify({ ...onVSwitch0("Big", "192.168.70.80"), padding: "x".repeat(1024 * 1024) });
      expectProblem(await send("POST", url, big, "application/json", { "idempotency-key": newKey("big") }), 413, "BODY_TOO_LARGE");
      expectProblem(await send("POST", `${url}/preflight`, big, "application/json"), 413, "BODY_TOO_LARGE");
      expectProblem(
        await getApi().app.inject({
          method: "POST",
          url: "/api/v1/session",
          payload: big,
          headers: { "content-type": "application/json" },
        }),
        413,
        "BODY_TOO_LARGE",
      );
      expect(inventoryState(api)).toEqual(before);
    });

    it("answers type confusion, huge numbers and odd strings with 400 naming the field", async () => {
      const base = onVSwitch0("Odd", "192.168.70.81");
      const cases: [unknown, string][] = [
        [{ ...base, portProperties: { ...base.portProperties, vlanId: "30" } }, "portProperties.vlanId"],
        [{ ...base, portProperties: { ...base.portProperties, vlanId: 1e300 } }, "portProperties.vlanId"],
        [{ ...base, portProperties: { ...base.portProperties, services: "vmotion" } }, "portProperties.services"],
        [{ ...base, portProperties: { ...base.portProperties, networkLabel: "" } }, "portProperties.networkLabel"],
        [{ ...base, targetDevice: { kind: "existingStandardSwitch", vswitchName: "v".repeat(33) } }, "targetDevice.vswitchName"],
        [{ ...base, targetDevice: { kind: "somewhere" } }, "targetDevice.kind"],
        [{ ...base, ipv4Settings: { ...base.ipv4Settings, address: "192.168.070.081" } }, "ipv4Settings.address"],
        [{ ...base, ipv4Settings: { ...base.ipv4Settings, address: "::1" } }, "ipv4Settings.address"],
      ];
      for (const [payload, path] of cases)
        expectProblem(await admin.preflight(hostId(getApi(), "esx-01.lab.local"), payload), 400, "VALIDATION_FAILED", [path]);
    });

    it("answers unknown routes and methods with 404 problem+json", async () => {
      expectProblem(await admin.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
      expectProblem(await admin.request({ method: "PUT", url: "/api/v1/hosts" }), 404, "NOT_FOUND");
      expectProblem(await getApi().app.inject({ method: "GET", url: "/api/v2/hosts" }), 404, "NOT_FOUND");
    });

    it("answers a real vCenter fault with a 5xx problem+json that leaks nothing internal", async () => {
      const api = getApi();
      await control(api, "POST", "/sim/faults", { method: "WaitForUpdatesEx", fault: "SystemError", mode: "once" });
      const res = await admin.get("/api/v1/hosts");
      const problem = expectProblem(res, 502, "VCENTER_FAULT");
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
      expect(problem.detail).not.toContain("vmware_soap_session");
      await control(api, "POST", "/sim/faults", { method: "WaitForUpdatesEx", fault: "DroppedConnection", mode: "once" });
      expectProblem(await admin.get("/api/v1/hosts"), 502, "VCENTER_UNREACHABLE");
      // And the next call is fine again.
      expect((await admin.get("/api/v1/hosts")).statusCode).toBe(200);
      // At login too (the request carried the password: the logs suite checks it is not in the error logged).
      for (const fault of ["SystemError", "MalformedResponse", "DroppedConnection"]) {
        await control(api, "POST", "/sim/faults", { method: "Login", fault, mode: "once" });
        const login = await new Client(api).request({ method: "POST", url: "/api/v1/session", payload: ADMIN });
        expect(login.statusCode, login.body).toBe(502);
        expect(login.headers["set-cookie"]).toBeUndefined();
      }
    });

    it("rate-limits each address, whatever session cookie it makes up (429 problem+json)", async () => {
      const api = getApi();
      const statuses: number[] = [];
      for (let i = 0; i < 605; i++) {
        const res = await api.app.inject({
          method: "GET",
          url: "/api/v1/hosts",
          remoteAddress: "10.251.0.1",
          headers: { cookie: `addnet_session=made-up-${i}` },
        });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) expectProblem(res, 429, "RATE_LIMITED");
      }
      expect(statuses.slice(0, 600).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(600)).toEqual([429, 429, 429, 429, 429]);
      // A signed-in user behind the same address has a budget of their own.
      const c = new Client(api, "10.251.0.1");
      await c.login(ADMIN);
      expect((await c.get("/api/v1/hosts?limit=1")).statusCode).toBe(200);
    });

    it("sends helmet's security headers, on problems too", async () => {
      for (const res of [await admin.get("/api/v1/hosts"), await admin.get("/api/v1/nothing-here")]) {
        expect(res.headers["x-content-type-options"]).toBe("nosniff");
        expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
        expect(res.headers["x-frame-options"]).toBeDefined();
        expect(res.headers["strict-transport-security"]).toBeDefined();
      }
    });
  });
}
