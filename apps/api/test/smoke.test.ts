import { afterAll, beforeAll, expect, it } from "vitest";

import { Browser, hostId, startApi, vmotionOnNewSwitch, type TestApi } from "./helpers.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

it("signs in, lists hosts, reads networking, preflights and creates", async () => {
  const b = new Browser(api.app);
  const info = await b.login();
  expect(info.user.name).toBe("VSPHERE.LOCAL\\Administrator");
  const hosts = await b.get("/api/v1/hosts?limit=5");
  expect(hosts.statusCode, hosts.body).toBe(200);
  expect(hosts.json().total).toBe(9);
  const id = hostId(api, "esx-01.lab.local");
  const net = await b.networking(id);
  expect(net.vmkernelAdapters[0]!.device).toBe("vmk0");
  const pre = await b.post(`/api/v1/hosts/${id}/vmkernel-adapters/preflight`, vmotionOnNewSwitch);
  expect(pre.statusCode, pre.body).toBe(200);
  console.log(JSON.stringify(pre.json(), null, 1));
  const created = await b.post(`/api/v1/hosts/${id}/vmkernel-adapters`, vmotionOnNewSwitch, { "idempotency-key": "test-key-0001" });
  expect(created.statusCode, created.body).toBe(201);
  console.log(created.body);
});
