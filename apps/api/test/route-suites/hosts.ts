/** GET /api/v1/hosts: the inventory, search, cluster filter, cursor paging, badges and per-user rights. */
import type { HostsPage, HostSummary } from "@addnet/contracts";
import { beforeAll, describe, expect, it } from "vitest";

import {
  ADMIN,
  expectProblem,
  HELPDESK,
  json,
  READONLY,
  resetSimulator,
  signedIn,
  simHosts,
  vimCalls,
  type Client,
  type GetApi,
} from "./support.ts";

/** Every page of a listing, following nextCursor to the end. */
export async function allPages(c: Client, query: string, limit: number): Promise<{ items: HostSummary[]; pages: HostsPage[] }> {
  const pages: HostsPage[] = [];
  let cursor: string | null = null;
  do {
    const page: HostsPage = json<HostsPage>(
      await c.get(`/api/v1/hosts?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
    );
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > 10_000) throw new Error("paging does not end");
  } while (cursor);
  return { items: pages.flatMap((p) => p.items), pages };
}

const names = (items: HostSummary[]) => items.map((h) => h.name.replace(".lab.local", ""));

export function hostsSuite(getApi: GetApi): void {
  describe("hosts", () => {
    let admin: Client;
    beforeAll(async () => {
      await resetSimulator(getApi());
      admin = await signedIn(getApi(), ADMIN);
    });

    it("lists all 9 hosts with their datacenter, cluster, version and badges, as the simulator has them", async () => {
      const api = getApi();
      const page = json<HostsPage>(await admin.get("/api/v1/hosts"));
      expect(page.total).toBe(9);
      expect(page.nextCursor).toBeNull();
      expect(names(page.items).sort()).toEqual(["esx-01", "esx-02", "esx-03", "esx-04", "esx-05", "esx-06", "esx-07", "esx-08", "esx-09"]);
      for (const sim of simHosts(api)) {
        const item = page.items.find((h) => h.id === sim.ref.value)!;
        expect(item).toEqual({
          id: sim.ref.value,
          name: sim.name,
          datacenter: "Datacenter",
          cluster: item.cluster,
          connectionState: sim.connectionState,
          inMaintenanceMode: sim.inMaintenanceMode,
          version: sim.product.version,
          canConfigureNetwork: true,
        });
      }
      const byName = Object.fromEntries(page.items.map((h) => [h.name.replace(".lab.local", ""), h]));
      expect(["01", "02", "03", "04"].map((n) => byName[`esx-${n}`]!.cluster)).toEqual(Array(4).fill("Cluster-Prod"));
      expect(["05", "06", "07", "08"].map((n) => byName[`esx-${n}`]!.cluster)).toEqual(Array(4).fill("Cluster-Dev"));
      expect(byName["esx-09"]!.cluster).toBeNull();
      // Badges: esx-04 is disconnected, esx-07 in maintenance mode; everything else is connected and in service.
      expect(byName["esx-04"]).toMatchObject({ connectionState: "disconnected", inMaintenanceMode: false });
      expect(byName["esx-07"]).toMatchObject({ connectionState: "connected", inMaintenanceMode: true });
      expect(page.items.filter((h) => h.connectionState !== "connected").map((h) => h.name)).toEqual(["esx-04.lab.local"]);
      expect(page.items.filter((h) => h.inMaintenanceMode).map((h) => h.name)).toEqual(["esx-07.lab.local"]);
      expect(byName["esx-01"]!.version).toBe("8.0.3");
      expect(byName["esx-05"]!.version).toBe("7.0.3");
    });

    it("follows a badge change in vCenter", async () => {
      const api = getApi();
      const sim = simHosts(api).find((h) => h.name === "esx-02.lab.local")! as unknown as { inMaintenanceMode: boolean };
      sim.inMaintenanceMode = true;
      try {
        const page = json<HostsPage>(await admin.get("/api/v1/hosts?search=esx-02"));
        expect(page.items[0]!.inMaintenanceMode).toBe(true);
      } finally {
        sim.inMaintenanceMode = false;
      }
    });

    it("searches by host or cluster name, case-insensitively", async () => {
      const search = async (q: string) => json<HostsPage>(await admin.get(`/api/v1/hosts?search=${encodeURIComponent(q)}`));
      expect(names((await search("esx-05")).items)).toEqual(["esx-05"]);
      expect(names((await search("ESX-05.LAB")).items)).toEqual(["esx-05"]);
      expect((await search("esx-0")).total).toBe(9);
      expect((await search("lab.local")).total).toBe(9);
      // A cluster's name finds its hosts, as the vSphere Client's inventory search does.
      expect(names((await search("cluster-dev")).items)).toEqual(["esx-05", "esx-06", "esx-07", "esx-08"]);
      const none = await search("no-such-host");
      expect(none).toEqual({ items: [], total: 0, nextCursor: null });
    });

    it("filters by cluster, and combines the filter with the search", async () => {
      const dev = json<HostsPage>(await admin.get("/api/v1/hosts?cluster=Cluster-Dev"));
      expect(names(dev.items)).toEqual(["esx-05", "esx-06", "esx-07", "esx-08"]);
      expect(dev.total).toBe(4);
      expect(dev.items.every((h) => h.cluster === "Cluster-Dev")).toBe(true);
      expect(names(json<HostsPage>(await admin.get("/api/v1/hosts?cluster=Cluster-Prod")).items)).toEqual([
        "esx-01",
        "esx-02",
        "esx-03",
        "esx-04",
      ]);
      expect(names(json<HostsPage>(await admin.get("/api/v1/hosts?cluster=Cluster-Dev&search=esx-07")).items)).toEqual(["esx-07"]);
      expect(json<HostsPage>(await admin.get("/api/v1/hosts?cluster=Cluster-Dev&search=esx-01")).total).toBe(0);
      expect(json<HostsPage>(await admin.get("/api/v1/hosts?cluster=No-Such-Cluster")).total).toBe(0);
    });

    it("pages with a cursor to the end, each host once, in a stable order", async () => {
      const whole = json<HostsPage>(await admin.get("/api/v1/hosts?limit=500"));
      const { items, pages } = await allPages(admin, "", 2);
      expect(pages).toHaveLength(5);
      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 2, 2, 1]);
      expect(pages.every((p) => p.total === 9)).toBe(true);
      expect(pages.at(-1)!.nextCursor).toBeNull();
      expect(items.map((h) => h.id)).toEqual(whole.items.map((h) => h.id));
      expect(new Set(items.map((h) => h.id)).size).toBe(9);
      // Paging a filtered listing.
      const dev = await allPages(admin, "&cluster=Cluster-Dev", 3);
      expect(names(dev.items)).toEqual(["esx-05", "esx-06", "esx-07", "esx-08"]);
      expect(dev.pages).toHaveLength(2);
    });

    it("answers a cursor it never gave out, or a bad limit or parameter, with 400 naming it", async () => {
      const b64 = (s: string) => Buffer.from(s).toString("base64url");
      for (const cursor of [
        "!!!",
        "abc",
        "%00",
        b64("-1"),
        b64("1.5"),
        b64("1e3"),
        b64(" 2"),
        b64("two"),
        `${b64("2")}==`,
        "a".repeat(512),
      ]) {
        const res = await admin.get(`/api/v1/hosts?cursor=${encodeURIComponent(cursor)}`);
        const problem = expectProblem(res, 400, "VALIDATION_FAILED", ["cursor"]);
        expect(problem.errors!.map((e) => e.path)).toEqual(["cursor"]);
      }
      expectProblem(await admin.get(`/api/v1/hosts?cursor=${"a".repeat(513)}`), 400, "VALIDATION_FAILED", ["cursor"]);
      for (const limit of ["0", "501", "-1", "2.5", "ten"])
        expectProblem(await admin.get(`/api/v1/hosts?limit=${limit}`), 400, "VALIDATION_FAILED", ["limit"]);
      expectProblem(await admin.get("/api/v1/hosts?sort=name"), 400, "VALIDATION_FAILED", ["sort"]);
      expectProblem(await admin.get(`/api/v1/hosts?search=${"x".repeat(257)}`), 400, "VALIDATION_FAILED", ["search"]);
      // A cursor past the end is a valid, empty page.
      expect(json<HostsPage>(await admin.get(`/api/v1/hosts?cursor=${b64("900")}`))).toEqual({ items: [], total: 9, nextCursor: null });
    });

    it("says per user whether they may configure each host's network", async () => {
      const api = getApi();
      const can = async (c: Client) =>
        Object.fromEntries(
          json<HostsPage>(await c.get("/api/v1/hosts")).items.map((h) => [h.name.replace(".lab.local", ""), h.canConfigureNetwork]),
        );
      const everyHost = (v: boolean) =>
        Object.fromEntries(["01", "02", "03", "04", "05", "06", "07", "08", "09"].map((n) => [`esx-${n}`, v]));
      expect(await can(admin)).toEqual(everyHost(true));
      expect(await can(await signedIn(api, HELPDESK))).toEqual({
        ...everyHost(false),
        "esx-05": true,
        "esx-06": true,
        "esx-07": true,
        "esx-08": true,
      });
      expect(await can(await signedIn(api, READONLY))).toEqual(everyHost(false));
    });

    it("costs one vim25 call per page once the inventory is read, whatever the page, the search or the number of hosts shown", async () => {
      const api = getApi();
      const cost = async (url: string) => {
        const before = vimCalls(api);
        json(await admin.get(url));
        return vimCalls(api) - before;
      };
      // WaitForUpdatesEx, which finds nothing changed; every host's privileges were asked before.
      for (const url of [
        "/api/v1/hosts?limit=1",
        "/api/v1/hosts?limit=9",
        "/api/v1/hosts?cluster=Cluster-Dev",
        "/api/v1/hosts?search=no-such-host",
      ])
        expect(await cost(url), url).toBe(1);
    });

    it("needs a session", async () => {
      expectProblem(await getApi().app.inject({ method: "GET", url: "/api/v1/hosts" }), 401, "NOT_SIGNED_IN");
    });
  });
}
