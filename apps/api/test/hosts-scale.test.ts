/**
 * GET /api/v1/hosts with 2,500 hosts: every host pages through with limit 500, and a listing costs the same few
 * vim25 calls (one PropertyCollector pass, paged by the server) whatever the number of hosts, never one per host.
 */
import type { HostsPage } from "@addnet/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApi, type TestApi } from "./helpers.ts";
import { allPages } from "./route-suites/hosts.ts";
import { ADMIN, control, json, signedIn, vimCalls, type Client } from "./route-suites/support.ts";

describe("hosts at 2,500", () => {
  let api: TestApi;
  let admin: Client;
  beforeAll(async () => {
    api = await startApi({ hosts: 2500 });
    admin = await signedIn(api, ADMIN);
  });
  afterAll(() => api?.close());

  it("pages all 2,500 hosts through with limit 500, each once", async () => {
    const { items, pages } = await allPages(admin, "", 500);
    expect(pages).toHaveLength(5);
    expect(pages.every((p) => p.total === 2500 && p.items.length === 500)).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBeNull();
    expect(new Set(items.map((h) => h.id)).size).toBe(2500);
    const simIds = [...api.sim.sim.allObjects()].filter((o) => o.type === "HostSystem").map((o) => o.ref.value);
    expect(new Set(items.map((h) => h.id))).toEqual(new Set(simIds));
    expect(items.filter((h) => h.cluster?.startsWith("Cluster-Scale-")).length).toBe(2491);
    expect(items.every((h) => h.canConfigureNetwork)).toBe(true);
  });

  it("costs a constant number of vim25 calls per listing, not one per host", async () => {
    const cost = async (url: string) => {
      const before = vimCalls(api);
      const page = json<HostsPage>(await admin.get(url));
      return { calls: vimCalls(api) - before, page };
    };
    const full = await cost("/api/v1/hosts?limit=500");
    const small = await cost("/api/v1/hosts?limit=1");
    const filtered = await cost("/api/v1/hosts?cluster=Cluster-Scale-07&limit=500");
    expect(full.page.items).toHaveLength(500);
    expect(filtered.page.total).toBe(64);
    // CreateContainerView, RetrievePropertiesEx and its continuations (1,000 objects a page), DestroyView,
    // HasPrivilegeOnEntities: the same count for 1 host shown or 500.
    expect(full.calls).toBeLessThanOrEqual(8);
    expect(small.calls).toBe(full.calls);
    expect(filtered.calls).toBe(full.calls);

    // Counted independently through a fault rule that lets a very large number of calls through: the rule's
    // remaining allowance drops by exactly the calls made, per method.
    const methods = ["RetrievePropertiesEx", "ContinueRetrievePropertiesEx", "HasPrivilegeOnEntities", "CreateContainerView"];
    for (const method of methods)
      await control(api, "POST", "/sim/faults", { method, fault: "SystemError", mode: "once", after: 1_000_000 });
    json<HostsPage>(await admin.get("/api/v1/hosts?limit=500"));
    const rules = (await control(api, "GET", "/sim/faults")) as { method: string; after: number }[];
    const used = Object.fromEntries(rules.map((r) => [r.method, 1_000_000 - r.after]));
    await control(api, "DELETE", "/sim/faults");
    expect(used).toEqual({
      RetrievePropertiesEx: 1,
      ContinueRetrievePropertiesEx: expect.any(Number),
      HasPrivilegeOnEntities: 1,
      CreateContainerView: 1,
    });
    expect(used.ContinueRetrievePropertiesEx).toBeLessThanOrEqual(3);
  });

  it("searches and filters among 2,500 hosts", async () => {
    const one = json<HostsPage>(await admin.get("/api/v1/hosts?search=esx-2500.lab.local"));
    expect(one.items.map((h) => h.name)).toEqual(["esx-2500.lab.local"]);
    const dev = json<HostsPage>(await admin.get("/api/v1/hosts?cluster=Cluster-Dev"));
    expect(dev.total).toBe(4);
  });
});
