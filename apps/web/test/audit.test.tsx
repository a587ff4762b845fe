import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { AUDIT } from "./fixtures.ts";
import { defaultApi, renderApp } from "./render.tsx";

describe("Recent changes", () => {
  it("lists the audit log in the user's words", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/audit", { entries: AUDIT, next: 7 });
    const { user } = renderApp("/");
    api.on("GET", "/api/v1/hosts", { items: [], total: 0, nextCursor: null });
    await user.click(await screen.findByRole("link", { name: "Recent changes" }));
    const table = await screen.findByRole("table", { name: "Recent changes" });
    const row = within(within(table).getAllByRole("row")[1]!);
    expect(row.getByText("Add VMkernel adapter")).toBeInTheDocument();
    expect(row.getByRole("link", { name: "esx-01.lab.local" })).toHaveAttribute("href", "/hosts/host-12/networking/vmkernel-adapters");
    expect(row.getByText("Succeeded")).toBeInTheDocument();
    expect(api.callsTo("GET", "/api/v1/audit")[0]!.query.get("limit")).toBe("100");

    // The next page continues after the last entry shown.
    const older = { ...AUDIT[0]!, id: 3, outcome: "failure" as const, detail: "refused", requestId: "req-0" };
    api.on("GET", "/api/v1/audit", { entries: [older] });
    await user.click(screen.getByRole("button", { name: "Show more" }));
    expect(await within(table).findByText("refused")).toBeInTheDocument();
    expect(api.callsTo("GET", "/api/v1/audit")[1]!.query.get("cursor")).toBe("7");
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();

    // Filtered by outcome, on the server.
    api.on("GET", "/api/v1/audit", { entries: [older] });
    await user.selectOptions(screen.getByLabelText("Outcome"), "Failed");
    await waitFor(() => expect(api.callsTo("GET", "/api/v1/audit").at(-1)!.query.get("outcome")).toBe("failure"));
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(2));
  });

  it("says each entry in the user's language, from the codes the API records with it", async () => {
    const api = defaultApi();
    const created = {
      ...AUDIT[0]!,
      detail: "Created vmk2 on vMotion (vMotion TCP/IP stack).",
      messages: [{ code: "audit.created" as const, params: { device: "vmk2", portgroup: "vMotion", stack: "vmotion" } }],
    };
    const failed = {
      ...AUDIT[0]!,
      id: 6,
      outcome: "failure" as const,
      detail: "Step 2 of 2 (AddVirtualNic) failed: An error occurred during host configuration. Nothing was changed on esx-01.lab.local.",
      messages: [
        { code: "outcome.stepFailed" as const, params: { step: 2, steps: 2, method: "AddVirtualNic" } },
        { code: "fault.HostConfigFault" as const },
        { code: "outcome.earlierUndone" as const, params: { host: "esx-01.lab.local" } },
      ],
    };
    api.on("GET", "/api/v1/audit", { entries: [created, failed] });
    renderApp("/audit", { language: "ja" });
    const table = await screen.findByRole("table");
    expect(await within(table).findByText("vMotion に vmk2 を作成しました (vMotion TCP/IP スタック)。")).toBeInTheDocument();
    expect(
      within(table).getByText(
        "ステップ 2/2 (AddVirtualNic) が失敗しました: ホストの構成中にエラーが発生しました。 前のステップを元に戻しました。esx-01.lab.local は変更前の状態です。",
      ),
    ).toBeInTheDocument();
    expect(within(table).queryByText(/Created|failed/)).not.toBeInTheDocument();
  });

  it("names physical adapters added to a switch, in English and in Japanese", async () => {
    const entry = {
      ...AUDIT[0]!,
      id: 8,
      action: "physical-adapter.create",
      detail: "Added vmnic2, vmnic3 to vSwitch0.",
      messages: [{ code: "audit.uplinksAdded" as const, params: { uplinks: "vmnic2, vmnic3", vswitch: "vSwitch0" } }],
    };
    for (const [language, action, detail] of [
      ["en", "Add physical adapters", "Added vmnic2, vmnic3 to vSwitch0."],
      ["ja", "物理アダプタの追加", "vSwitch0 に vmnic2, vmnic3 を追加しました。"],
    ] as const) {
      const api = defaultApi();
      api.on("GET", "/api/v1/audit", { entries: [entry] });
      const { unmount } = renderApp("/audit", { language });
      const row = within(within(await screen.findByRole("table")).getAllByRole("row")[1]!);
      expect(await row.findByText(action)).toBeInTheDocument();
      expect(row.getByText(detail)).toBeInTheDocument();
      unmount();
    }
  });
});
