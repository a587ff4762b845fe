import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { HELPDESK, hostSummary, hostsPage } from "./fixtures.ts";
import { json, problemResponse } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

describe("Inventory", () => {
  it("lists hosts by datacenter and cluster, with state labels and the hosts whose networking the user may configure", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/session", HELPDESK);
    const items = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => hostSummary(i, { canConfigureNetwork: i === 4 || (i >= 5 && i <= 8) }));
    api.on("GET", "/api/v1/hosts", hostsPage(items));
    renderApp("/");
    expect(await screen.findByRole("button", { name: "Show only the hosts of Cluster-Prod" })).toBeInTheDocument();
    const list = screen.getByRole("list", { name: "Hosts by datacenter and cluster" });
    expect(within(list).getByRole("button", { name: "Show only the hosts of Cluster-Dev" })).toBeInTheDocument();
    expect(within(list).getByText("Standalone hosts")).toBeInTheDocument();

    const row = (name: string) => within(within(list).getByRole("link", { name }).closest("li")!);
    expect(row("esx-04.lab.local").getByText("Disconnected")).toBeInTheDocument();
    expect(row("esx-04.lab.local").queryByText("Can configure networking")).not.toBeInTheDocument();
    expect(row("esx-07.lab.local").getByText("Maintenance mode")).toBeInTheDocument();
    expect(row("esx-05.lab.local").getByText("Can configure networking")).toBeInTheDocument();

    expect(row("esx-02.lab.local").getByText("Missing privilege Host.Config.Network on esx-02.lab.local")).toBeInTheDocument();
    expect(screen.getByText("9 of 9 hosts")).toBeInTheDocument();
    expect(row("esx-01.lab.local").getByRole("link")).toHaveAttribute("href", "/hosts/host-12/networking/vmkernel-adapters");
  });

  it("says once that nothing matches, without a count of 0 of 0 hosts", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/hosts", hostsPage([], 0, null));
    renderApp("/");
    expect(await screen.findByText("No hosts match the search.")).toBeInTheDocument();
    expect(screen.queryByText("0 of 0 hosts")).not.toBeInTheDocument();
  });

  it("stays fast at 2,500 hosts: renders only the visible rows, loads further pages while scrolling, searches on the server", async () => {
    const api = defaultApi();
    const TOTAL = 2500;
    const all = Array.from({ length: TOTAL }, (_, k) => hostSummary(k + 1));
    api.on("GET", "/api/v1/hosts", (call) => {
      const search = call.query.get("search") ?? "";
      const matching = search ? all.filter((h) => h.name.includes(search)) : all;
      const start = Number(call.query.get("cursor") ?? 0);
      const limit = Number(call.query.get("limit"));
      const next = start + limit < matching.length ? String(start + limit) : null;
      return json(200, hostsPage(matching.slice(start, start + limit), matching.length, next));
    });
    const { user } = renderApp("/");
    const list = await screen.findByRole("list", { name: "Hosts by datacenter and cluster" });
    expect(await screen.findByText(`250 of ${TOTAL} hosts`)).toBeInTheDocument();
    expect(within(list).getAllByRole("listitem").length).toBeLessThan(60);
    expect(api.callsTo("GET", "/api/v1/hosts")[0]!.query.get("limit")).toBe("250");

    const scroller = list.parentElement!;
    scroller.scrollTop = 250 * 44;
    fireEvent.scroll(scroller);
    expect(await screen.findByText(`500 of ${TOTAL} hosts`)).toBeInTheDocument();
    expect(api.callsTo("GET", "/api/v1/hosts")[1]!.query.get("cursor")).toBe("250");
    expect(within(list).getAllByRole("listitem").length).toBeLessThan(80);

    await user.type(screen.getByRole("searchbox", { name: "Search hosts" }), "esx-2499");
    expect(await screen.findByText("1 of 1 host")).toBeInTheDocument();
    const searches = api.callsTo("GET", "/api/v1/hosts").filter((c) => c.query.get("search"));
    expect(searches.map((c) => c.query.get("search"))).toEqual(["esx-2499"]);
    await waitFor(() => expect(within(list).getByRole("link", { name: "esx-2499.lab.local" })).toBeInTheDocument());
  });

  it("filters by cluster on the server", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/hosts", (call) => {
      const cluster = call.query.get("cluster");
      const items = [1, 2, 5, 6].map((i) => hostSummary(i)).filter((h) => !cluster || h.cluster === cluster);
      return json(200, hostsPage(items));
    });
    const { user } = renderApp("/");
    await user.click(await screen.findByRole("button", { name: "Show only the hosts of Cluster-Dev" }));
    expect(await screen.findByText("2 of 2 hosts")).toBeInTheDocument();
    expect(screen.getByText("Cluster: Cluster-Dev")).toBeInTheDocument();
    expect(api.callsTo("GET", "/api/v1/hosts").at(-1)!.query.get("cluster")).toBe("Cluster-Dev");
    await user.click(screen.getByRole("button", { name: "Show all clusters" }));
    expect(await screen.findByText("4 of 4 hosts")).toBeInTheDocument();
  });

  it("shows a cluster's box as clicked while its hosts are read; after a failed read the selection can be tried again", async () => {
    const api = defaultApi();
    const hosts = [1, 2, 5, 6].map((i) => hostSummary(i));
    let answer: (r: Response) => void = () => undefined;
    api.on("GET", "/api/v1/hosts", (call) => {
      const cluster = call.query.get("cluster");
      if (!cluster) return json(200, hostsPage(hosts));
      return new Promise<Response>((resolve) => (answer = resolve));
    });
    const { user } = renderApp("/");
    const dev = await screen.findByRole("checkbox", { name: "Select every host of Cluster-Dev" });

    await user.click(dev);
    expect(dev).toBeChecked();
    expect(dev).toBeDisabled();
    expect(screen.getByText("Reading the hosts…")).toBeInTheDocument();
    answer(problemResponse({ status: 500 }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
    expect(dev).not.toBeChecked();
    expect(dev).toBeEnabled();
    expect(screen.getByText("0 hosts selected")).toBeInTheDocument();

    await user.click(dev);
    expect(dev).toBeChecked();
    answer(json(200, hostsPage(hosts.filter((h) => h.cluster === "Cluster-Dev"))));
    expect(await screen.findByText("2 hosts selected")).toBeInTheDocument();
    expect(dev).toBeChecked();
    expect(dev).toBeEnabled();
  });
});
