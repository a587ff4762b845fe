/**
 * GET /api/v1/hosts with 2,500 hosts: every host pages through with limit 500; the inventory is read once, and each page
 * after that costs one WaitForUpdatesEx whatever the number of hosts, never a call per host.
 */
import type { HostsPage } from "@addnet/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApi, type TestApi } from "./helpers.ts";
import { allPages } from "./route-suites/hosts.ts";
import { ADMIN, json, signedIn, type Client } from "./route-suites/support.ts";

describe("hosts at 2,500", () => {
  let api: TestApi;
  let admin: Client;
  beforeAll(async () => {
    api = await startApi({ hosts: 2500 }, {}, { counted: true });
    admin = await signedIn(api, ADMIN);
  });
  afterAll(() => api?.close());

  it("reads the inventory once, and pages all 2,500 hosts through with limit 500, each once, a WaitForUpdatesEx a page", async () => {
    const from = api.proxy!.calls.length;
    const { items, pages } = await allPages(admin, "", 500);
    expect(api.proxy!.calls.slice(from).map((c) => c.method)).toEqual([
      "CreatePropertyCollector",
      "CreateFilter",
      "WaitForUpdatesEx",
      "HasPrivilegeOnEntities",
      ...Array(4).fill("WaitForUpdatesEx"),
    ]);
    expect(pages).toHaveLength(5);
    expect(pages.every((p) => p.total === 2500 && p.items.length === 500)).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(new Set(items.map((h) => h.id)).size).toBe(2500);
    const simIds = [...api.sim.sim.allObjects()].filter((o) => o.type === "HostSystem").map((o) => o.ref.value);
    expect(new Set(items.map((h) => h.id))).toEqual(new Set(simIds));
    expect(items.filter((h) => h.cluster?.startsWith("Cluster-Scale-")).length).toBe(2491);
    expect(items.every((h) => h.canConfigureNetwork)).toBe(true);
  });

  it("costs one vim25 call per page, however many hosts it shows", async () => {
    for (const url of ["/api/v1/hosts?limit=500", "/api/v1/hosts?limit=1", "/api/v1/hosts?cluster=Cluster-Scale-07&limit=500"]) {
      const from = api.proxy!.calls.length;
      json<HostsPage>(await admin.get(url));
      expect(
        api.proxy!.calls.slice(from).map((c) => c.method),
        url,
      ).toEqual(["WaitForUpdatesEx"]);
    }
    expect(json<HostsPage>(await admin.get("/api/v1/hosts?cluster=Cluster-Scale-07&limit=500")).total).toBe(64);
  });

  it("searches and filters among 2,500 hosts", async () => {
    const one = json<HostsPage>(await admin.get("/api/v1/hosts?search=esx-2500.lab.local"));
    expect(one.items.map((h) => h.name)).toEqual(["esx-2500.lab.local"]);
    const dev = json<HostsPage>(await admin.get("/api/v1/hosts?cluster=Cluster-Dev"));
    expect(dev.total).toBe(4);
  });
});
