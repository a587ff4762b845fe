import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { AUDIT } from "./fixtures.ts";
import { defaultApi, renderApp } from "./render.tsx";

describe("Recent changes", () => {
  it("lists the audit log in the user's words", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/audit", AUDIT);
    const { user } = renderApp("/");
    api.on("GET", "/api/v1/hosts", { items: [], total: 0, nextCursor: null });
    await user.click(await screen.findByRole("link", { name: "Recent changes" }));
    const table = await screen.findByRole("table", { name: "Recent changes" });
    const row = within(within(table).getAllByRole("row")[1]!);
    expect(row.getByText("Add VMkernel adapter")).toBeInTheDocument();
    expect(row.getByRole("link", { name: "esx-01.lab.local" })).toHaveAttribute("href", "/hosts/host-12/networking/vmkernel-adapters");
    expect(row.getByText("Succeeded")).toBeInTheDocument();
    expect(api.callsTo("GET", "/api/v1/audit")[0]!.query.get("limit")).toBe("100");
  });
});
