/**
 * Configure → Networking → VMkernel adapters: one adapter selected at a time with its Properties and IP settings under the
 * list, and Remove (vSphere 8, "Remove a VMkernel Adapter"): the dialog's Analyze impact, then the DELETE with its
 * Idempotency-Key, the list read again and the success message; refused, unprivileged and failed removals.
 */
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { HELPDESK, networking, problem, removalImpact, removedAdapter } from "./fixtures.ts";
import { json, problemResponse, type MockApi } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

const HOST = "host-12";
const VIEW = `/hosts/${HOST}/networking/vmkernel-adapters`;
const NETWORKING = `/api/v1/hosts/${HOST}/networking`;
const impactPath = (device: string) => `/api/v1/hosts/${HOST}/vmkernel-adapters/${device}/impact`;
const adapterPath = (device: string) => `/api/v1/hosts/${HOST}/vmkernel-adapters/${device}`;
const KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** esx-01 with vmk0 (Management) and vmk1, the only vMotion adapter, on the vMotion stack (DPG-vMotion). */
const withVmk1 = () => networking({ vmotionStackAdapter: true });

/** What the API's Analyze impact says of vmk1: the host loses vMotion, and the vMotion stack its last adapter. */
const vmk1Impact = () =>
  removalImpact("vmk1", "DPG-vMotion", {
    warnings: [
      {
        path: "device",
        code: "remove.lastService",
        message: "vmk1 is the only adapter with vmotion on esx-01.lab.local: the host will have no vmotion traffic.",
        params: { host: "esx-01.lab.local", device: "vmk1", service: "vmotion" },
      },
      {
        path: "device",
        code: "remove.stackInactive",
        message: "vmk1 is the last adapter on the vmotion TCP/IP stack: the stack becomes inactive on esx-01.lab.local.",
        params: { host: "esx-01.lab.local", device: "vmk1", stack: "vmotion" },
      },
    ],
  });

/** The host as vCenter holds it: vmk1 until a DELETE of it succeeds. */
function removalApi(): MockApi & { isRemoved: () => boolean } {
  const api = defaultApi();
  let removed = false;
  api.on("GET", NETWORKING, () => {
    const net = withVmk1();
    if (removed) net.vmkernelAdapters = net.vmkernelAdapters.filter((a) => a.device !== "vmk1");
    return json(200, net);
  });
  api.on("GET", impactPath("vmk1"), vmk1Impact());
  api.on("GET", impactPath("vmk0"), () =>
    json(
      200,
      removalImpact("vmk0", "Management Network", {
        errors: [
          {
            path: "device",
            code: "remove.lastManagement",
            message: "vmk0 is the only adapter with Management on esx-01.lab.local.",
            params: { host: "esx-01.lab.local", device: "vmk0" },
          },
        ],
      }),
    ),
  );
  api.on("DELETE", adapterPath("vmk1"), () => {
    removed = true;
    return json(200, removedAdapter("vmk1", "DPG-vMotion"));
  });
  return Object.assign(api, { isRemoved: () => removed });
}

async function adaptersTable() {
  return screen.findByRole("table", { name: "VMkernel adapters" });
}

function removeAction() {
  return screen.getByRole("button", { name: "Remove selected network adapter" });
}

async function openRemove(user: ReturnType<typeof renderApp>["user"], device: string) {
  await user.click(within(await adaptersTable()).getByRole("radio", { name: device }));
  await user.click(removeAction());
  return within(await screen.findByRole("dialog", { name: "Remove VMkernel Adapter" }));
}

describe("VMkernel adapters: selection and details", () => {
  it("selects one adapter at a time, by mouse or keyboard, and shows its Properties and IP settings", async () => {
    removalApi();
    const { user } = renderApp(VIEW);
    const table = await adaptersTable();
    expect(removeAction()).toBeDisabled();
    expect(screen.getByText("Select a VMkernel adapter to see its properties and IP settings.")).toBeInTheDocument();
    expect(screen.queryByRole("tablist")).not.toBeInTheDocument();

    // A click anywhere on the row selects it.
    await user.click(within(table).getByRole("cell", { name: "DPG-vMotion" }));
    const vmk1 = within(table).getByRole("radio", { name: "vmk1" });
    expect(vmk1).toBeChecked();
    expect(within(table).getByRole("radio", { name: "vmk0" })).not.toBeChecked();
    expect(removeAction()).toBeEnabled();

    const details = within(screen.getByRole("region", { name: "VMkernel adapter vmk1" }));
    expect(details.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["Properties", "IP settings"]);
    expect(details.getByRole("tab", { name: "Properties" })).toHaveAttribute("aria-selected", "true");
    const properties = details.getByRole("tabpanel", { name: "Properties" });
    const value = (panel: HTMLElement, label: string) => within(panel).getByText(label, { selector: "dt" }).nextElementSibling;
    expect(value(properties, "Network label")).toHaveTextContent("DPG-vMotion");
    expect(value(properties, "Switch")).toHaveTextContent("DSwitch-Lab");
    expect(value(properties, "TCP/IP stack")).toHaveTextContent("vMotion");
    expect(value(properties, "Enabled services")).toHaveTextContent("vMotion");
    expect(value(properties, "MTU")).toHaveTextContent("9000");
    expect(value(properties, "MAC address")).toHaveTextContent("00:0c:29:00:01:09");

    await user.click(details.getByRole("tab", { name: "IP settings" }));
    const ip = details.getByRole("tabpanel", { name: "IP settings" });
    expect(value(ip, "IPv4 address")).toHaveTextContent("192.168.30.11");
    expect(value(ip, "Subnet mask")).toHaveTextContent("255.255.255.0");
    expect(within(ip).getByText("This adapter has no IPv6 settings.")).toBeVisible();

    // The keyboard: the arrow keys move the selection between the radios; the tab chosen stays.
    vmk1.focus();
    await user.keyboard("{ArrowUp}");
    expect(within(table).getByRole("radio", { name: "vmk0" })).toBeChecked();
    expect(vmk1).not.toBeChecked();
    const vmk0 = within(screen.getByRole("region", { name: "VMkernel adapter vmk0" }));
    expect(vmk0.getByRole("tab", { name: "IP settings" })).toHaveAttribute("aria-selected", "true");
    const vmk0Ip = vmk0.getByRole("tabpanel", { name: "IP settings" });
    expect(value(vmk0Ip, "IPv4 address")).toHaveTextContent("10.10.0.11");
    expect(value(vmk0Ip, "Default gateway")).toHaveTextContent("10.10.0.1");
    expect(value(vmk0Ip, "IPv6 addresses")).toHaveTextContent("fe80::20c:29ff:fe00:100/64");
    expect(value(vmk0Ip, "Router advertisement")).toHaveTextContent("Enabled");
    // The tabs too: the arrow keys move between them.
    vmk0.getByRole("tab", { name: "IP settings" }).focus();
    await user.keyboard("{ArrowLeft}");
    expect(vmk0.getByRole("tab", { name: "Properties" })).toHaveAttribute("aria-selected", "true");
    expect(vmk0.getByRole("tab", { name: "Properties" })).toHaveFocus();
    expect(within(table).getByRole("radio", { name: "vmk0" })).toBeChecked();
  });
});

describe("Remove VMkernel Adapter", () => {
  it("Analyze impact shows what the host loses, Remove sends the DELETE with an Idempotency-Key, the list is read again without it", async () => {
    const api = removalApi();
    const { user } = renderApp(VIEW);
    const dialog = await openRemove(user, "vmk1");
    expect(dialog.getByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(dialog.getByText("Remove the VMkernel adapter vmk1 on DPG-vMotion?")).toBeInTheDocument();
    expect(dialog.getByText("Host: esx-01.lab.local")).toBeInTheDocument();

    // Analyze impact runs at once: the last vMotion adapter, and the vMotion stack's last adapter.
    expect(
      await dialog.findByText("vmk1 is the only adapter with vMotion on esx-01.lab.local: the host will have no vMotion traffic."),
    ).toBeVisible();
    expect(
      dialog.getByText("vmk1 is the last adapter on the vMotion TCP/IP stack: the stack becomes inactive on esx-01.lab.local."),
    ).toBeVisible();
    expect(dialog.getByText("Important impact")).toBeVisible();
    const calls = within(dialog.getByRole("region", { name: "vSphere API call that Remove makes" }));
    expect(calls.getByText("RemoveVirtualNic")).toBeInTheDocument();
    expect(calls.getByText("Remove VMkernel adapter vmk1 from DPG-vMotion")).toBeInTheDocument();
    expect(api.callsTo("GET", impactPath("vmk1"))).toHaveLength(1);

    // Analyze impact again on request.
    await user.click(dialog.getByRole("button", { name: "Analyze impact" }));
    await waitFor(() => expect(api.callsTo("GET", impactPath("vmk1"))).toHaveLength(2));
    await waitFor(() => expect(dialog.getByRole("button", { name: "Remove" })).toBeEnabled());
    expect(api.callsTo("DELETE", /vmkernel-adapters/)).toHaveLength(0);

    await user.click(dialog.getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const deletes = api.calls.filter((c) => c.method === "DELETE");
    expect(deletes.map((c) => c.path)).toEqual(["/api/v1/hosts/host-12/vmkernel-adapters/vmk1"]);
    expect(deletes[0]!.headers["idempotency-key"]).toMatch(KEY);
    expect(deletes[0]!.headers["x-csrf-token"]).toBe("csrf-token-1");

    // The list is read again, without vmk1, and the view says what was done (focused: Remove is disabled now).
    const table = await adaptersTable();
    await waitFor(() => expect(api.callsTo("GET", NETWORKING).length).toBeGreaterThanOrEqual(2));
    expect(within(table).queryByRole("rowheader", { name: "vmk1" })).not.toBeInTheDocument();
    expect(within(table).getByRole("rowheader", { name: "vmk0" })).toBeInTheDocument();
    const message = screen.getByText("vmk1 was removed from esx-01.lab.local.");
    expect(message).toBeVisible();
    expect(message.closest("[tabindex]")).toHaveFocus();
    expect(removeAction()).toBeDisabled();
    expect(screen.queryByRole("region", { name: "VMkernel adapter vmk1" })).not.toBeInTheDocument();
  });

  it("the host's last management adapter: the refusal shown, Remove disabled, nothing sent; Cancel gives the focus back", async () => {
    const api = removalApi();
    const { user } = renderApp(VIEW);
    const dialog = await openRemove(user, "vmk0");
    expect(
      await dialog.findByText(
        "vmk0 is the only adapter with Management on esx-01.lab.local: vCenter Server would lose its connection to the host. Enable Management on another adapter first.",
      ),
    ).toBeVisible();
    expect(dialog.getByText("vmk0 cannot be removed:")).toBeVisible();
    expect(dialog.getByText("Critical impact")).toBeVisible();
    const remove = dialog.getByRole("button", { name: "Remove" });
    expect(remove).toBeDisabled();
    await user.click(remove);
    await user.click(dialog.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(removeAction()).toHaveFocus();
    expect(api.callsTo("DELETE", /vmkernel-adapters/)).toHaveLength(0);
    expect(within(await adaptersTable()).getByRole("rowheader", { name: "vmk0" })).toBeInTheDocument();
  });

  it("opens and closes from the keyboard: Enter on Remove, Escape back to it", async () => {
    removalApi();
    const { user } = renderApp(VIEW);
    const table = await adaptersTable();
    within(table).getByRole("radio", { name: "vmk0" }).focus();
    await user.keyboard("{ArrowDown}");
    expect(within(table).getByRole("radio", { name: "vmk1" })).toBeChecked();
    removeAction().focus();
    await user.keyboard("{Enter}");
    const dialog = within(await screen.findByRole("dialog", { name: "Remove VMkernel Adapter" }));
    expect(dialog.getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(removeAction()).toHaveFocus();
  });

  it("without Host.Config.Network the action is disabled and names the missing privilege, once for the toolbar", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/session", HELPDESK);
    api.on("GET", "/api/v1/hosts/host-14/networking", networking({ index: 2, hostConfigNetwork: false, vmotionStackAdapter: true }));
    const { user } = renderApp("/hosts/host-14/networking/vmkernel-adapters");
    const table = await adaptersTable();
    await user.click(within(table).getByRole("radio", { name: "vmk1" }));
    // The details are read-only: they show all the same.
    expect(screen.getByRole("region", { name: "VMkernel adapter vmk1" })).toBeInTheDocument();
    const remove = removeAction();
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-02.lab.local");
    expect(screen.getByRole("button", { name: "Add Networking" })).toHaveAccessibleDescription(
      "Missing privilege Host.Config.Network on esx-02.lab.local",
    );
    expect(screen.getByText("Missing privilege Host.Config.Network on esx-02.lab.local")).toBeVisible();
    await user.click(remove);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.path.includes("/vmkernel-adapters/"))).toEqual([]);
  });

  it("a failed removal keeps the dialog open with how it ended; Remove again is a new attempt with a new key", async () => {
    const api = removalApi();
    api.sequence(
      "DELETE",
      adapterPath("vmk1"),
      () =>
        problemResponse(
          problem(422, "HOST_CONFIG_FAULT", {
            outcome: [
              { code: "outcome.stepFailed", params: { step: 1, steps: 1, method: "RemoveVirtualNic" } },
              { code: "fault.HostConfigFault" },
              { code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } },
            ],
            steps: [
              {
                method: "RemoveVirtualNic",
                object: "networkSystem-12",
                code: "step.removeVirtualNic",
                params: { device: "vmk1", portgroup: "DPG-vMotion" },
                summary: "Remove VMkernel adapter vmk1 from DPG-vMotion",
                status: "failed",
              },
            ],
          }),
        ),
      () => json(200, removedAdapter("vmk1", "DPG-vMotion")),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openRemove(user, "vmk1");
    await waitFor(() => expect(dialog.getByRole("button", { name: "Remove" })).toBeEnabled());
    await user.click(dialog.getByRole("button", { name: "Remove" }));

    const outcome = await dialog.findByRole("alert");
    expect(outcome).toHaveTextContent("Step 1 of 1 (RemoveVirtualNic) failed:");
    expect(outcome).toHaveTextContent("An error occurred during host configuration.");
    expect(outcome).toHaveTextContent("Nothing was changed on esx-01.lab.local.");
    expect(outcome.parentElement).toHaveFocus();
    expect(dialog.getByText("Failed")).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "Remove VMkernel Adapter" })).toBeInTheDocument();
    expect(within(await adaptersTable()).getByRole("rowheader", { name: "vmk1" })).toBeInTheDocument();
    expect(screen.queryByText("vmk1 was removed from esx-01.lab.local.")).not.toBeInTheDocument();

    await user.click(dialog.getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const keys = api.callsTo("DELETE", adapterPath("vmk1")).map((c) => c.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(KEY);
    expect(keys[1]).toMatch(KEY);
    expect(keys[1]).not.toBe(keys[0]);
    expect(await screen.findByText("vmk1 was removed from esx-01.lab.local.")).toBeVisible();
  });

  it("a removal whose answer was lost is retried with the same Idempotency-Key", async () => {
    const api = removalApi();
    api.sequence(
      "DELETE",
      adapterPath("vmk1"),
      () => {
        throw new TypeError("Failed to fetch");
      },
      () => json(200, removedAdapter("vmk1", "DPG-vMotion")),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openRemove(user, "vmk1");
    await waitFor(() => expect(dialog.getByRole("button", { name: "Remove" })).toBeEnabled());
    await user.click(dialog.getByRole("button", { name: "Remove" }));
    expect(await dialog.findByRole("alert")).toHaveTextContent(
      "The addnet server cannot be reached. Check your network connection and try again.",
    );
    await user.click(dialog.getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const keys = api.callsTo("DELETE", adapterPath("vmk1")).map((c) => c.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it("in Japanese: プロパティ and IP 設定, 「VMkernel アダプタの削除」 with 影響の分析, then 削除", async () => {
    const api = removalApi();
    const { user } = renderApp(VIEW, { language: "ja" });
    const table = await screen.findByRole("table", { name: "VMkernel アダプタ" });
    await user.click(within(table).getByRole("radio", { name: "vmk1" }));
    const details = within(screen.getByRole("region", { name: "VMkernel アダプタ vmk1" }));
    expect(details.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["プロパティ", "IP 設定"]);
    expect(details.getByText("有効なサービス").nextElementSibling).toHaveTextContent("vMotion");

    await user.click(screen.getByRole("button", { name: "選択したネットワーク アダプタの削除" }));
    const dialog = within(await screen.findByRole("dialog", { name: "VMkernel アダプタの削除" }));
    expect(dialog.getByText("DPG-vMotion の VMkernel アダプタ vmk1 を削除しますか?")).toBeInTheDocument();
    expect(
      await dialog.findByText(
        "vmk1 は esx-01.lab.local で vMotion が有効な唯一のアダプタです。ホストの vMotion トラフィックはなくなります。",
      ),
    ).toBeVisible();
    expect(dialog.getByText("重要な影響")).toBeVisible();
    expect(dialog.getByRole("button", { name: "影響の分析" })).toBeInTheDocument();
    expect(dialog.getByText("VMkernel アダプタ vmk1 を DPG-vMotion から削除")).toBeInTheDocument();
    await waitFor(() => expect(dialog.getByRole("button", { name: "削除" })).toBeEnabled());
    await user.click(dialog.getByRole("button", { name: "削除" }));
    expect(await screen.findByText("vmk1 を esx-01.lab.local から削除しました。")).toBeVisible();
    expect(api.callsTo("DELETE", adapterPath("vmk1"))).toHaveLength(1);
    expect(api.isRemoved()).toBe(true);
  });
});
