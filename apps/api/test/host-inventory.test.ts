/**
 * GET /api/v1/hosts from one inventory per vCenter (issue 12, item 3), counted on the wire by the proxy between the API
 * and the simulator: the inventory is read once (a collector, a filter, WaitForUpdatesEx) and each page after that
 * costs one WaitForUpdatesEx; changes in vCenter show on the next page; with an inventory account every user shares
 * its one read (each page also asks, in the same round trip, whether vCenter still has the user's session), and each
 * sees only the hosts vCenter lets them see.
 */
import { vmotionOnNewSwitchExample, type HostsPage, type Preflight } from "@addnet/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApi, type TestApi } from "./helpers.ts";
import { allPages } from "./route-suites/hosts.ts";
import { ADMIN, asSimAdmin, control, HELPDESK, json, READONLY, signedIn, simHost, type Client } from "./route-suites/support.ts";

const READ = ["CreatePropertyCollector", "CreateFilter", "WaitForUpdatesEx"];
const names = (page: HostsPage) => page.items.map((h) => h.name.replace(".lab.local", ""));

/**
 * With an inventory account, the methods of `pages` pages: theirs, and each page's RetrievePropertiesEx of the user's
 * own session (is it still there?) beside them, in any order.
 */
const checked = (methods: string[], pages = 1) => [...methods, ...Array<string>(pages).fill("RetrievePropertiesEx")].sort();

/** The vim25 methods the API called while `work` ran, in order. */
async function calls<T>(api: TestApi, work: () => Promise<T>): Promise<{ methods: string[]; value: T }> {
  const from = api.proxy!.calls.length;
  const value = await work();
  return { methods: api.proxy!.calls.slice(from).map((c) => c.method), value };
}

/** Who may see nothing of a cluster and its hosts: No access there, as vCenter's NoAccess role gives. */
function noAccess(api: TestApi, principal: string, cluster: string): () => void {
  const entity = [...api.sim.sim.allObjects()].find((o) => (o as unknown as { name?: string }).name === cluster)!.ref.value;
  const permission = { entity, principal, group: false, roleId: -5, propagate: true };
  api.sim.sim.permissions.push(permission);
  return () => api.sim.sim.permissions.splice(api.sim.sim.permissions.indexOf(permission), 1);
}

describe("with an inventory account: one reader for every user", () => {
  let api: TestApi;
  let admin: Client;
  beforeAll(async () => {
    api = await startApi(
      {},
      { VCENTER_INVENTORY_USER: READONLY.username, VCENTER_INVENTORY_PASSWORD: READONLY.password, LOGIN_RATE_LIMIT_PER_MINUTE: "1000" },
      { counted: true },
    );
    admin = await signedIn(api, ADMIN);
  });
  afterAll(() => api?.close());

  it("reads the inventory once; a second page and a full walk make one WaitForUpdatesEx each", async () => {
    const first = await calls(api, async () => json<HostsPage>(await admin.get("/api/v1/hosts?limit=4")));
    expect(first.methods.sort()).toEqual(checked(["Login", ...READ, "HasPrivilegeOnEntities"]));
    expect(first.value.total).toBe(9);
    const second = await calls(api, async () => json<HostsPage>(await admin.get(`/api/v1/hosts?limit=4&cursor=${first.value.nextCursor}`)));
    expect(second.methods.sort()).toEqual(checked(["WaitForUpdatesEx"]));
    expect(second.value.items).toHaveLength(4);
    const walk = await calls(api, () => allPages(admin, "", 2));
    expect(walk.value.pages).toHaveLength(5);
    expect(walk.methods.sort()).toEqual(checked(Array(5).fill("WaitForUpdatesEx"), 5));
    expect(walk.value.items.map((h) => h.id)).toEqual(
      [...first.value.items, ...second.value.items, ...walk.value.items.slice(8)].map((h) => h.id),
    );
    // The reader is the inventory account's session, not the user's.
    expect([...api.sim.sim.sessions.values()].filter((s) => s.user.login === READONLY.username)).toHaveLength(1);
  });

  it("shares that read with a second user, who gets their own privileges", async () => {
    const helpdesk = await signedIn(api, HELPDESK);
    const first = await calls(api, async () => json<HostsPage>(await helpdesk.get("/api/v1/hosts")));
    expect(first.methods.sort()).toEqual(checked(["WaitForUpdatesEx", "HasPrivilegeOnEntities"]));
    expect(first.value.total).toBe(9);
    expect(first.value.items.filter((h) => h.canConfigureNetwork).map((h) => h.cluster)).toEqual(Array(4).fill("Cluster-Dev"));
    expect((await calls(api, () => helpdesk.get("/api/v1/hosts?cluster=Cluster-Dev"))).methods.sort()).toEqual(
      checked(["WaitForUpdatesEx"]),
    );
  });

  it("shows a change in vCenter on the next page: maintenance mode, a new name in its place, and a reset", async () => {
    const esx01 = simHost(api, "esx-01");
    esx01.inMaintenanceMode = true;
    const renamed = simHost(api, "esx-02") as unknown as { name: string; touch(): void };
    renamed.name = "esx-99.lab.local";
    renamed.touch();
    const prod = await calls(api, async () => json<HostsPage>(await admin.get("/api/v1/hosts?cluster=Cluster-Prod")));
    expect(prod.methods.sort()).toEqual(checked(["WaitForUpdatesEx"]));
    expect(names(prod.value)).toEqual(["esx-01", "esx-03", "esx-04", "esx-99"]);
    expect(prod.value.items[0]!.inMaintenanceMode).toBe(true);
    expect(json<HostsPage>(await admin.get("/api/v1/hosts?search=esx-02")).total).toBe(0);
    // A reset builds the inventory anew (as vCenter's hosts removed and added again): the next update says so.
    await control(api, "POST", "/sim/reset");
    const reset = await calls(api, async () => json<HostsPage>(await admin.get("/api/v1/hosts?cluster=Cluster-Prod")));
    expect(reset.methods.sort()).toEqual(checked(["WaitForUpdatesEx"]));
    expect(names(reset.value)).toEqual(["esx-01", "esx-02", "esx-03", "esx-04"]);
    expect(reset.value.items.some((h) => h.inMaintenanceMode)).toBe(false);
  });

  it("shows a user only the hosts vCenter lets them see, in the total, the search, the filter and the pages", async () => {
    const restore = noAccess(api, "VSPHERE.LOCAL\\helpdesk", "Cluster-Prod");
    try {
      const helpdesk = await signedIn(api, HELPDESK);
      const page = await calls(api, async () => json<HostsPage>(await helpdesk.get("/api/v1/hosts")));
      expect(page.methods.sort()).toEqual(checked(["WaitForUpdatesEx", "HasPrivilegeOnEntities"]));
      expect(names(page.value).sort()).toEqual(["esx-05", "esx-06", "esx-07", "esx-08", "esx-09"]);
      expect(page.value.total).toBe(5);
      expect(json<HostsPage>(await helpdesk.get("/api/v1/hosts?cluster=Cluster-Prod"))).toEqual({ items: [], total: 0, nextCursor: null });
      expect(json<HostsPage>(await helpdesk.get("/api/v1/hosts?search=esx-01")).total).toBe(0);
      const walk = await allPages(helpdesk, "", 2);
      expect(walk.pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
      expect(walk.items.map((h) => h.id)).toEqual(page.value.items.map((h) => h.id));
      // The administrator, in the same inventory, still sees every host.
      expect(json<HostsPage>(await admin.get("/api/v1/hosts")).total).toBe(9);
    } finally {
      restore();
    }
  });

  it("checks an address against every host's adapters in that one inventory, naming only holders the user may see", async () => {
    // An address given outside addnet on esx-02, in Cluster-Prod.
    const esx02 = simHost(api, "esx-02") as unknown as { networkSystem: { AddVirtualNic(a: unknown, c: unknown): string } };
    const device = esx02.networkSystem.AddVirtualNic(
      { portgroup: "VM Network", nic: { ip: { dhcp: false, ipAddress: "192.168.31.5", subnetMask: "255.255.255.0" } } },
      asSimAdmin(api),
    );
    const esx05 = simHost(api, "esx-05").ref.value;
    const model = vmotionOnNewSwitchExample("192.168.31.5");
    const inUse = (check: Preflight) => check.errors.filter((e) => e.code === "ipv4.inUse").map((e) => e.params?.owner);
    const byAdmin = await calls(api, async () => json<Preflight>(await admin.preflight(esx05, model)));
    expect(inUse(byAdmin.value)).toEqual([`esx-02.lab.local ${device}`]);
    // The inventory account's update, not a collector of the user's own read whole.
    expect(byAdmin.methods.filter((m) => m === "CreatePropertyCollector" || m === "CreateFilter")).toEqual([]);
    expect(byAdmin.methods.filter((m) => m === "WaitForUpdatesEx")).toEqual(["WaitForUpdatesEx"]);
    const restore = noAccess(api, "VSPHERE.LOCAL\\helpdesk", "Cluster-Prod");
    try {
      const helpdesk = await signedIn(api, HELPDESK);
      expect(inUse(json<Preflight>(await helpdesk.preflight(esx05, model)))).toEqual([]);
    } finally {
      restore();
    }
    const helpdesk = await signedIn(api, HELPDESK);
    expect(inUse(json<Preflight>(await helpdesk.preflight(esx05, model)))).toEqual([`esx-02.lab.local ${device}`]);
  });

  it("signs the reader in again when vCenter ends its session, and reads the inventory anew", async () => {
    await control(api, "POST", "/sim/sessions/expire");
    const again = await signedIn(api, ADMIN);
    const page = await calls(api, async () => json<HostsPage>(await again.get("/api/v1/hosts")));
    expect(page.methods.sort()).toEqual(checked(["WaitForUpdatesEx", "Login", ...READ, "HasPrivilegeOnEntities"]));
    expect(page.value.total).toBe(9);
  });

  it("answers SESSION_EXPIRED once vCenter has ended the user's session, though the inventory is the account's", async () => {
    const user = await signedIn(api, ADMIN);
    json(await user.get("/api/v1/hosts"));
    await control(api, "POST", "/sim/sessions/expire");
    const res = await user.get("/api/v1/hosts");
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "SESSION_EXPIRED" });
  });

  it("signs the reader out when the API closes, and never logs its password", async () => {
    await api.app.inventories.close();
    expect([...api.sim.sim.sessions.values()].some((s) => s.user.login === READONLY.username)).toBe(false);
    expect(api.logs.join("")).not.toContain(READONLY.password);
  });
});

describe("with an inventory account vCenter refuses", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({}, { VCENTER_INVENTORY_USER: READONLY.username, VCENTER_INVENTORY_PASSWORD: "not-its-password" });
  });
  afterAll(() => api?.close());

  it("answers 502, not the user's sign-in failing, and logs the account's name but never the password", async () => {
    const admin = await signedIn(api, ADMIN);
    const res = await admin.get("/api/v1/hosts");
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: "VCENTER_FAULT", fault: { code: "fault.InvalidLogin" } });
    const logs = api.logs.join("");
    expect(logs).toContain("the inventory account cannot sign in to vCenter");
    expect(logs).not.toContain("not-its-password");
  });
});

describe("without an inventory account: each user session reads its own", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({}, { LOGIN_RATE_LIMIT_PER_MINUTE: "1000" }, { counted: true });
  });
  afterAll(() => api?.close());

  it("reads the session's inventory once, then one WaitForUpdatesEx a page, and drops it at sign-out", async () => {
    const admin = await signedIn(api, ADMIN);
    expect((await calls(api, () => admin.get("/api/v1/hosts?limit=5"))).methods).toEqual([...READ, "HasPrivilegeOnEntities"]);
    const walk = await calls(api, () => allPages(admin, "", 5));
    expect(walk.methods).toEqual(["WaitForUpdatesEx", "WaitForUpdatesEx"]);
    expect(walk.value.items).toHaveLength(9);
    // Another user reads their own.
    const readonly = await signedIn(api, READONLY);
    expect((await calls(api, () => readonly.get("/api/v1/hosts"))).methods).toEqual([...READ, "HasPrivilegeOnEntities"]);
    // Signed out and in again: a new session, a new read.
    expect((await admin.delete("/api/v1/session")).statusCode).toBe(204);
    await admin.login(ADMIN);
    expect((await calls(api, () => admin.get("/api/v1/hosts"))).methods).toEqual([...READ, "HasPrivilegeOnEntities"]);
  });

  it("holds only the hosts the user may see", async () => {
    const restore = noAccess(api, "VSPHERE.LOCAL\\helpdesk", "Cluster-Prod");
    try {
      const helpdesk = await signedIn(api, HELPDESK);
      const page = json<HostsPage>(await helpdesk.get("/api/v1/hosts"));
      expect(names(page).sort()).toEqual(["esx-05", "esx-06", "esx-07", "esx-08", "esx-09"]);
      expect(page.items.filter((h) => h.canConfigureNetwork).map((h) => h.cluster)).toEqual(Array(4).fill("Cluster-Dev"));
    } finally {
      restore();
    }
  });

  it("answers SESSION_EXPIRED once vCenter has ended the user's session", async () => {
    const admin = await signedIn(api, ADMIN);
    json(await admin.get("/api/v1/hosts"));
    await control(api, "POST", "/sim/sessions/expire");
    const res = await admin.get("/api/v1/hosts");
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "SESSION_EXPIRED" });
  });
});
