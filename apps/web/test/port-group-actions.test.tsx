/**
 * Configure → Networking → Virtual switches: a standard port group's Edit Settings (vSphere 8, "Edit a Standard Switch
 * Port Group": network label and VLAN ID) and Remove ("Remove a Port Group from a vSphere Standard Switch"): the shared
 * rules at the fields, the PATCH or DELETE with its Idempotency-Key, the host read again and the success message; refused,
 * unprivileged and failed changes; Japanese.
 */
import type { HostNetworking } from "@addnet/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { HELPDESK, networking, problem } from "./fixtures.ts";
import { json, problemResponse, type MockApi } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

const HOST = "host-12";
const VIEW = `/hosts/${HOST}/networking/virtual-switches`;
const NETWORKING = `/api/v1/hosts/${HOST}/networking`;
const VM_NETWORK = `/api/v1/hosts/${HOST}/port-groups/VM%20Network`;
const KEY = /^[A-Za-z0-9_-]{8,128}$/;

type User = ReturnType<typeof renderApp>["user"];

const updateStep = (name: string, vlanId: number, status: "done" | "failed") => ({
  method: "UpdatePortGroup",
  object: "networkSystem-12",
  code: "step.updatePortGroup",
  params: { portgroup: "VM Network", name, vlanId, vswitch: "vSwitch0" },
  summary: `Set port group "VM Network" to "${name}" (VLAN ${vlanId}) on vSwitch0`,
  status,
});

/** esx-01 as vCenter holds it: VM Network changed by each PATCH that succeeds, gone after a DELETE that succeeds. */
function portGroupApi(): MockApi {
  const api = defaultApi();
  let vmNetwork: { name: string; vlanId: number } | null = { name: "VM Network", vlanId: 0 };
  api.on("GET", NETWORKING, () => {
    const net: HostNetworking = networking();
    const others = net.portgroups.filter((pg) => pg.name !== "VM Network");
    net.portgroups = vmNetwork
      ? [...others, { ...vmNetwork, vswitch: "vSwitch0", vmkernelAdapter: null, security: null, teaming: null, failoverOrder: null }]
      : others;
    net.vswitches[0]!.portgroups = net.portgroups.map((pg) => pg.name);
    return json(200, net);
  });
  api.on("PATCH", VM_NETWORK, (call) => {
    vmNetwork = { ...vmNetwork!, ...(call.body as { networkLabel?: string; vlanId?: number }) };
    if ("networkLabel" in (call.body as object)) vmNetwork.name = (call.body as { networkLabel: string }).networkLabel;
    return json(200, {
      portGroup: { name: vmNetwork.name, vlanId: vmNetwork.vlanId, vswitch: "vSwitch0" },
      steps: [updateStep(vmNetwork.name, vmNetwork.vlanId, "done")],
    });
  });
  api.on("DELETE", VM_NETWORK, () => {
    vmNetwork = null;
    return json(200, {
      removed: { portGroup: "VM Network", vswitch: "vSwitch0" },
      steps: [
        {
          method: "RemovePortGroup",
          object: "networkSystem-12",
          code: "step.removePortGroup",
          params: { portgroup: "VM Network", vswitch: "vSwitch0" },
          summary: 'Remove port group "VM Network" from vSwitch0',
          status: "done",
        },
      ],
    });
  });
  return api;
}

async function portGroupsTable(name = "Port groups of vSwitch0") {
  return screen.findByRole("table", { name });
}

function rowOf(table: HTMLElement, header: string) {
  return within(within(table).getByRole("rowheader", { name: header }).closest("tr")!);
}

async function openEdit(user: User, portGroup: string) {
  await user.click(within(await portGroupsTable()).getByRole("button", { name: `Edit Settings of ${portGroup}` }));
  return within(await screen.findByRole("dialog", { name: `${portGroup} - Edit Settings` }));
}

async function openRemove(user: User, portGroup: string) {
  await user.click(within(await portGroupsTable()).getByRole("button", { name: `Remove ${portGroup}` }));
  return within(await screen.findByRole("dialog", { name: "Remove Port Group" }));
}

const changes = (api: MockApi) => api.calls.filter((c) => c.method !== "GET" && c.path.includes("/port-groups/"));

describe("Edit Settings of a standard port group", () => {
  it("pre-fills Properties; OK sends only the VLAN ID with an Idempotency-Key; the table is read again and says so", async () => {
    const api = portGroupApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM Network");
    expect(dialog.getByRole("tab", { name: "Properties" })).toHaveAttribute("aria-selected", "true");
    expect(dialog.getByText("Host: esx-01.lab.local")).toBeInTheDocument();
    const label = dialog.getByRole("textbox", { name: "Network label" });
    const vlan = dialog.getByRole("combobox", { name: "VLAN ID" });
    expect(label).toHaveValue("VM Network");
    expect(vlan).toHaveValue("0");
    // The VLAN ID's choices: None (0) and All (4095), or a number typed.
    const choices = [...document.querySelectorAll(`datalist#${CSS.escape(vlan.getAttribute("list")!)} option`)];
    expect(choices.map((o) => [o.getAttribute("value"), o.textContent])).toEqual([
      ["0", "None (0)"],
      ["4095", "All (4095)"],
    ]);

    await user.clear(vlan);
    await user.type(vlan, "20");
    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    const sent = changes(api);
    expect(sent.map((c) => [c.method, c.path])).toEqual([["PATCH", "/api/v1/hosts/host-12/port-groups/VM%20Network"]]);
    expect(sent[0]!.body).toEqual({ vlanId: 20 });
    expect(sent[0]!.headers["idempotency-key"]).toMatch(KEY);
    expect(sent[0]!.headers["x-csrf-token"]).toBe("csrf-token-1");

    const message = await screen.findByText('Port group "VM Network" was updated on esx-01.lab.local.');
    expect(message).toBeVisible();
    expect(message.closest("[tabindex]")).toHaveFocus();
    await waitFor(() => expect(api.callsTo("GET", NETWORKING).length).toBeGreaterThanOrEqual(2));
    expect(rowOf(await portGroupsTable(), "VM Network").getByRole("cell", { name: "20" })).toBeInTheDocument();
  });

  it("a label another port group has: networkLabel.inUse at the field, nothing sent; no change: the dialog says what to change", async () => {
    const api = portGroupApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM Network");
    const label = dialog.getByRole("textbox", { name: "Network label" });

    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(await dialog.findByText("Change the network label, the VLAN ID or an override of the switch's policies.")).toBeVisible();

    await user.clear(label);
    await user.type(label, "Management Network");
    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(label).toHaveAccessibleDescription('esx-01.lab.local already has a port group named "Management Network".'));
    expect(label).toHaveAttribute("aria-invalid", "true");

    await user.clear(label);
    // The resolver runs after the input's event: wait for it rather than for this machine's speed.
    await waitFor(() =>
      expect(dialog.getByRole("textbox", { name: "Network label" })).toHaveAccessibleDescription("Enter a network label."),
    );
    await user.click(dialog.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(await portGroupsTable()).getByRole("button", { name: "Edit Settings of VM Network" })).toHaveFocus();
    expect(changes(api)).toEqual([]);
  });

  it("All (4095) is refused for the Management Network, which vmk0 is on; a VLAN above 4095 for any port group", async () => {
    const api = portGroupApi();
    const { user } = renderApp(VIEW);
    let dialog = await openEdit(user, "Management Network");
    let vlan = dialog.getByRole("combobox", { name: "VLAN ID" });
    await user.clear(vlan);
    await user.type(vlan, "4095");
    await user.click(screen.getByRole("button", { name: "OK" }));
    // The resolver runs after the click's event: wait for it rather than for this machine's speed.
    await waitFor(() => expect(vlan).toHaveAccessibleDescription("The VLAN ID must be from 0 (none) to 4094."));
    expect(screen.getByRole("dialog", { name: "Management Network - Edit Settings" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    dialog = await openEdit(user, "VM Network");
    vlan = dialog.getByRole("combobox", { name: "VLAN ID" });
    await user.clear(vlan);
    await user.type(vlan, "4096");
    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(vlan).toHaveAccessibleDescription("The VLAN ID must be from 0 (none) to 4095 (all)."));
    expect(changes(api)).toEqual([]);
  });

  it("a failed edit keeps the dialog open with how it ended; OK again is a new attempt with a new key", async () => {
    const api = portGroupApi();
    api.sequence(
      "PATCH",
      VM_NETWORK,
      () =>
        problemResponse(
          problem(422, "HOST_CONFIG_FAULT", {
            outcome: [
              { code: "outcome.stepFailed", params: { step: 1, steps: 1, method: "UpdatePortGroup" } },
              { code: "fault.HostConfigFault" },
              { code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } },
            ],
            steps: [updateStep("VM Network", 20, "failed")],
          }),
        ),
      () =>
        json(200, { portGroup: { name: "VM Network", vlanId: 20, vswitch: "vSwitch0" }, steps: [updateStep("VM Network", 20, "done")] }),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM Network");
    const vlan = dialog.getByRole("combobox", { name: "VLAN ID" });
    await user.clear(vlan);
    await user.type(vlan, "20");
    await user.click(screen.getByRole("button", { name: "OK" }));

    const outcome = await dialog.findByRole("alert");
    expect(outcome).toHaveTextContent("Step 1 of 1 (UpdatePortGroup) failed:");
    expect(outcome).toHaveTextContent("An error occurred during host configuration.");
    expect(outcome).toHaveTextContent("Nothing was changed on esx-01.lab.local.");
    expect(outcome.parentElement).toHaveFocus();
    expect(screen.getByRole("dialog", { name: "VM Network - Edit Settings" })).toBeInTheDocument();
    expect(vlan).toHaveValue("20");
    expect(screen.queryByText(/was updated on/)).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const keys = api.callsTo("PATCH", VM_NETWORK).map((c) => c.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(KEY);
    expect(keys[1]).not.toBe(keys[0]);
    expect(await screen.findByText('Port group "VM Network" was updated on esx-01.lab.local.')).toBeVisible();
  });

  it("the server's refusal of a field (PREFLIGHT_FAILED) shows at the field, the dialog open", async () => {
    const api = portGroupApi();
    api.on("PATCH", VM_NETWORK, () =>
      problemResponse(
        problem(422, "PREFLIGHT_FAILED", {
          errors: [
            {
              path: "networkLabel",
              code: "networkLabel.inUse",
              message: 'esx-01.lab.local already has a port group named "VM Network 2".',
              params: { host: "esx-01.lab.local", label: "VM Network 2" },
            },
          ],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM Network");
    const label = dialog.getByRole("textbox", { name: "Network label" });
    await user.clear(label);
    await user.type(label, "VM Network 2");
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(await dialog.findByRole("alert")).toHaveTextContent("Some settings are not valid. Correct the fields shown.");
    await waitFor(() => expect(label).toHaveAccessibleDescription('esx-01.lab.local already has a port group named "VM Network 2".'));
    expect(api.callsTo("PATCH", VM_NETWORK).map((c) => c.body)).toEqual([{ networkLabel: "VM Network 2" }]);
    expect(screen.getByRole("dialog", { name: "VM Network - Edit Settings" })).toBeInTheDocument();
  });
});

describe("Remove a port group", () => {
  it("asks, shows the call, sends the DELETE with an Idempotency-Key; the port group is gone and the view says so", async () => {
    const api = portGroupApi();
    const { user } = renderApp(VIEW);
    const dialog = await openRemove(user, "VM Network");
    expect(dialog.getByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(dialog.getByText('Remove port group "VM Network" from vSwitch0?')).toBeInTheDocument();
    const calls = within(dialog.getByRole("region", { name: "vSphere API call that Remove makes" }));
    expect(calls.getByText("RemovePortGroup")).toBeInTheDocument();
    expect(calls.getByText('Remove port group "VM Network" from vSwitch0')).toBeInTheDocument();
    expect(changes(api)).toEqual([]);

    await user.click(dialog.getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const sent = changes(api);
    expect(sent.map((c) => [c.method, c.path])).toEqual([["DELETE", "/api/v1/hosts/host-12/port-groups/VM%20Network"]]);
    expect(sent[0]!.headers["idempotency-key"]).toMatch(KEY);

    const message = await screen.findByText('Port group "VM Network" was removed from esx-01.lab.local.');
    expect(message.closest("[tabindex]")).toHaveFocus();
    const table = await portGroupsTable();
    expect(within(table).queryByRole("rowheader", { name: "VM Network" })).not.toBeInTheDocument();
    expect(within(table).getByRole("rowheader", { name: "Management Network" })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("GET", NETWORKING).length).toBeGreaterThanOrEqual(2));
    expect(within(await portGroupsTable()).queryByRole("rowheader", { name: "VM Network" })).not.toBeInTheDocument();
  });

  it("the Management Network, which vmk0 is on, cannot be removed: its Remove is disabled and says why", async () => {
    const api = portGroupApi();
    const { user } = renderApp(VIEW);
    const row = rowOf(await portGroupsTable(), "Management Network");
    const remove = row.getByRole("button", { name: "Remove Management Network" });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription("vmk0 is on Management Network: remove the VMkernel adapter first.");
    expect(row.getByText("vmk0 is on Management Network: remove the VMkernel adapter first.")).toBeVisible();
    expect(row.getByRole("button", { name: "Edit Settings of Management Network" })).toBeEnabled();
    expect(rowOf(await portGroupsTable(), "VM Network").getByRole("button", { name: "Remove VM Network" })).toBeEnabled();
    await user.click(remove);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(changes(api)).toEqual([]);
  });

  it("a failed removal keeps the dialog open with how it ended", async () => {
    const api = portGroupApi();
    api.on("DELETE", VM_NETWORK, () =>
      problemResponse(
        problem(422, "HOST_CONFIG_FAULT", {
          outcome: [
            { code: "outcome.stepFailed", params: { step: 1, steps: 1, method: "RemovePortGroup" } },
            { code: "fault.HostConfigFault" },
          ],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openRemove(user, "VM Network");
    await user.click(dialog.getByRole("button", { name: "Remove" }));
    const outcome = await dialog.findByRole("alert");
    expect(outcome).toHaveTextContent("Step 1 of 1 (RemovePortGroup) failed: An error occurred during host configuration.");
    expect(screen.getByRole("dialog", { name: "Remove Port Group" })).toBeInTheDocument();
    expect(within(await portGroupsTable()).getByRole("rowheader", { name: "VM Network" })).toBeInTheDocument();
  });
});

describe("without Host.Config.Network", () => {
  it("every port group's actions are disabled and name the missing privilege; nothing opens or is sent", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/session", HELPDESK);
    api.on("GET", "/api/v1/hosts/host-14/networking", networking({ index: 2, hostConfigNetwork: false }));
    const { user } = renderApp("/hosts/host-14/networking/virtual-switches");
    const table = await portGroupsTable();
    const missing = "Missing privilege Host.Config.Network on esx-02.lab.local";
    for (const name of ["Management Network", "VM Network"]) {
      for (const action of [`Edit Settings of ${name}`, `Remove ${name}`]) {
        const button = within(table).getByRole("button", { name: action });
        expect(button).toBeDisabled();
        expect(button).toHaveAccessibleDescription(missing);
      }
    }
    expect(screen.getByText(missing)).toBeVisible();
    await user.click(within(table).getByRole("button", { name: "Edit Settings of VM Network" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.path.includes("/port-groups/"))).toEqual([]);
  });
});

describe("in Japanese", () => {
  it("「設定の編集」 and 「削除」: the dialogs, their refusals and the success messages", async () => {
    const api = portGroupApi();
    const { user } = renderApp(VIEW, { language: "ja" });
    const table = await portGroupsTable("vSwitch0 のポート グループ");
    expect(within(table).getByRole("columnheader", { name: "アクション" })).toBeInTheDocument();
    const management = rowOf(table, "Management Network").getByRole("button", { name: "Management Network の削除" });
    expect(management).toBeDisabled();
    expect(management).toHaveAccessibleDescription("vmk0 は Management Network にあります。先に VMkernel アダプタを削除してください。");

    await user.click(within(table).getByRole("button", { name: "VM Network の設定の編集" }));
    let dialog = within(await screen.findByRole("dialog", { name: "VM Network - 設定の編集" }));
    expect(dialog.getByRole("tab", { name: "プロパティ" })).toBeInTheDocument();
    const label = dialog.getByRole("textbox", { name: "ネットワーク ラベル" });
    await user.clear(label);
    await user.type(label, "Management Network");
    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() =>
      expect(label).toHaveAccessibleDescription(
        "esx-01.lab.local には「Management Network」という名前のポート グループがすでに存在します。",
      ),
    );
    await user.clear(label);
    await user.type(label, "VM-Prod");
    const vlan = dialog.getByRole("combobox", { name: "VLAN ID" });
    await user.clear(vlan);
    await user.type(vlan, "4095");
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(await screen.findByText("ポート グループ「VM-Prod」を esx-01.lab.local で更新しました。")).toBeVisible();
    expect(api.callsTo("PATCH", VM_NETWORK).map((c) => c.body)).toEqual([{ networkLabel: "VM-Prod", vlanId: 4095 }]);

    await user.click(within(await portGroupsTable("vSwitch0 のポート グループ")).getByRole("button", { name: "VM-Prod の削除" }));
    dialog = within(await screen.findByRole("dialog", { name: "ポート グループの削除" }));
    expect(dialog.getByText("ポート グループ「VM-Prod」を vSwitch0 から削除しますか?")).toBeInTheDocument();
    expect(dialog.getByText("ポート グループ「VM-Prod」を vSwitch0 から削除")).toBeInTheDocument();
    expect(dialog.getByRole("button", { name: "キャンセル" })).toHaveFocus();
  });
});
