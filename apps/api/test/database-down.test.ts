/**
 * The journal's PostgreSQL goes away: every request that needs it answers 503 DATABASE_UNAVAILABLE with Retry-After,
 * and no change is sent to a host that could not first be journaled.
 */
import type { Problem } from "@addnet/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startPostgres, type RunningService } from "../../../test/support/services.ts";
import { ADMIN, Browser, hostId, startApi, vmotionOnNewSwitch, type TestApi } from "./helpers.ts";

let pg: RunningService;
let api: TestApi;

beforeAll(async () => {
  pg = await startPostgres();
  api = await startApi({}, { DATABASE_URL: pg.url, LOG_LEVEL: "silent" });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await pg?.stop();
});

describe("the journal's database down", () => {
  it("answers 503 with a clear problem, and changes nothing on the host", async () => {
    const browser = new Browser(api.app);
    await browser.login(ADMIN);
    const id = hostId(api, "esx-01.lab.local");
    const host = () => JSON.stringify((api.sim.sim.findObject(id) as unknown as { net: unknown }).net);
    const before = host();
    expect((await browser.get("/api/v1/audit")).statusCode).toBe(200);

    await pg.stop();
    const audit = await browser.get("/api/v1/audit");
    expect(audit.statusCode).toBe(503);
    expect(audit.headers["retry-after"]).toBe("5");
    expect(audit.json<Problem>()).toMatchObject({ code: "DATABASE_UNAVAILABLE", status: 503 });

    const create = await browser.post(`/api/v1/hosts/${id}/vmkernel-adapters`, vmotionOnNewSwitch, { "idempotency-key": "db-down-create" });
    expect(create.statusCode).toBe(503);
    expect(create.json<Problem>().code).toBe("DATABASE_UNAVAILABLE");
    const edit = await browser.request({
      method: "PATCH",
      url: `/api/v1/hosts/${id}/netstacks/defaultTcpipStack`,
      payload: { congestionControlAlgorithm: "cubic" },
    });
    expect(edit.statusCode).toBe(503);
    expect(host()).toBe(before);

    // A sign-in cannot be journaled either: refused, with no session given out.
    const other = new Browser(api.app);
    const login = await other.request({ method: "POST", url: "/api/v1/session", payload: ADMIN });
    expect(login.statusCode).toBe(503);
    expect(other.cookie).toBeUndefined();
  }, 60_000);
});
