/**
 * A standard port group's Edit Settings (vSphere 8, "Edit a Standard Switch Port Group"): its pages Properties, Security
 * and Teaming and failover, each policy with its Override: unchecked, the switch's values greyed; checked, the port
 * group's own. OK sends only what changed (an override set or changed whole, one cleared as null); the host's rules and
 * the server's refusal at the failover order; Japanese; accessibility.
 */
import type { HostNetworking, PortGroupEdit } from "@addnet/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";

import { networking, problem, VM_LAB, VM_WEB, VSWITCH1_OVERRIDES as VSWITCH1 } from "../../../../test/fixtures.ts";
import { json, problemResponse, type MockApi } from "../../../../test/mock-api.ts";
import { defaultApi, renderApp } from "../../../../test/render.tsx";

const HOST = "host-12";
const VIEW = `/hosts/${HOST}/networking/virtual-switches`;
const NETWORKING = `/api/v1/hosts/${HOST}/networking`;
const portGroupPath = (name: string) => `/api/v1/hosts/${HOST}/port-groups/${encodeURIComponent(name)}`;

type User = ReturnType<typeof renderApp>["user"];
type Dialog = ReturnType<typeof within>;
type PortGroup = HostNetworking["portgroups"][number];

/** A port group with an edit applied, as the host then has it (the overrides in effect; null: the switch's). */
function edited(pg: PortGroup, edit: PortGroupEdit): PortGroup {
  return {
    ...pg,
    ...(edit.networkLabel !== undefined && { name: edit.networkLabel }),
    ...(edit.vlanId !== undefined && { vlanId: edit.vlanId }),
    ...(edit.security !== undefined && { security: edit.security }),
    ...(edit.teaming !== undefined && { teaming: edit.teaming }),
    ...(edit.failoverOrder !== undefined && { failoverOrder: edit.failoverOrder }),
  };
}

/** esx-01 with vSwitch1 and its port groups VM-Lab and VM-Web, each changed by a PATCH that succeeds. */
function overridesApi(): MockApi {
  const api = defaultApi();
  const groups: Record<string, PortGroup> = { "VM-Lab": VM_LAB, "VM-Web": VM_WEB };
  api.on("GET", NETWORKING, () => {
    const base = networking();
    return json(200, {
      ...base,
      vswitches: [...base.vswitches, VSWITCH1],
      portgroups: [...base.portgroups, ...Object.values(groups)],
      physicalNics: base.physicalNics.map((nic) =>
        VSWITCH1.uplinks.includes(nic.device) ? { ...nic, usedBy: { kind: "standardSwitch", name: "vSwitch1" } } : nic,
      ),
    });
  });
  for (const name of Object.keys(groups)) {
    api.on("PATCH", portGroupPath(name), (call) => {
      const pg = edited(groups[name]!, call.body as PortGroupEdit);
      groups[name] = pg;
      return json(200, {
        portGroup: { name: pg.name, vlanId: pg.vlanId, vswitch: "vSwitch1" },
        steps: [
          {
            method: "UpdatePortGroup",
            object: "networkSystem-12",
            code: "step.updatePortGroup",
            params: { portgroup: name, name: pg.name, vlanId: pg.vlanId, vswitch: "vSwitch1" },
            summary: `Set port group "${name}" to "${pg.name}" (VLAN ${pg.vlanId}) on vSwitch1`,
            status: "done",
          },
        ],
      });
    });
  }
  return api;
}

const ENGLISH = { table: "Port groups of vSwitch1", edit: (pg: string) => `Edit Settings of ${pg}`, title: "Edit Settings" };
const JAPANESE = { table: "vSwitch1 のポート グループ", edit: (pg: string) => `${pg} の設定の編集`, title: "設定の編集" };

async function openEdit(user: User, portGroup: string, words = ENGLISH): Promise<Dialog> {
  const table = await screen.findByRole("table", { name: words.table });
  await user.click(within(table).getByRole("button", { name: words.edit(portGroup) }));
  return within(await screen.findByRole("dialog", { name: `${portGroup} - ${words.title}` }));
}

/** The Override checkbox of a policy: Security's, the teaming's (load balancing, notify switches, failback), the order's. */
function overrideOf(dialog: Dialog, group: string): HTMLElement {
  const scope = group === "Failover order" ? dialog.getByRole("region", { name: group }) : dialog.getByRole("group", { name: group });
  return within(scope).getByRole("checkbox", { name: "Override" });
}

const TEAMING = "Load balancing, notify switches and failback";

/** The adapters under one heading of the failover order, in order. */
function uplinks(dialog: Dialog, heading: string): string[] {
  const list = within(dialog.getByRole("region", { name: "Failover order" })).queryByRole("list", { name: heading });
  return list
    ? within(list)
        .getAllByRole("listitem")
        .map((li) => li.querySelector(".uplink-name")!.textContent!)
    : [];
}

const patches = (api: MockApi, name: string) => api.callsTo("PATCH", portGroupPath(name)).map((c) => c.body);

describe("Edit Settings of a port group: its overrides", () => {
  it("inherits: each Override off, the switch's values greyed; checked, the fields are the port group's to set", async () => {
    overridesApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM-Lab");
    expect(dialog.getAllByRole("tab").map((tab: HTMLElement) => tab.textContent)).toEqual([
      "Properties",
      "Security",
      "Teaming and failover",
    ]);

    await user.click(dialog.getByRole("tab", { name: "Security" }));
    const security = overrideOf(dialog, "Security");
    expect(security).not.toBeChecked();
    const promiscuous = dialog.getByRole("combobox", { name: "Promiscuous mode" });
    expect(promiscuous).toBeDisabled();
    expect(promiscuous).toHaveDisplayValue("Reject");
    expect(dialog.getByRole("combobox", { name: "MAC address changes" })).toHaveDisplayValue("Accept");
    expect(dialog.getByRole("combobox", { name: "Forged transmits" })).toBeDisabled();
    await user.click(security);
    expect(promiscuous).toBeEnabled();
    expect(promiscuous).toHaveDisplayValue("Reject");

    await user.click(dialog.getByRole("tab", { name: "Teaming and failover" }));
    expect(overrideOf(dialog, TEAMING)).not.toBeChecked();
    expect(dialog.getByRole("combobox", { name: "Load balancing" })).toBeDisabled();
    expect(dialog.getByRole("combobox", { name: "Load balancing" })).toHaveDisplayValue("Route based on originating virtual port");
    expect(dialog.getByRole("combobox", { name: "Failback" })).toHaveDisplayValue("No");
    expect(overrideOf(dialog, "Failover order")).not.toBeChecked();
    expect(uplinks(dialog, "Active adapters")).toEqual(["vmnic2"]);
    expect(uplinks(dialog, "Standby adapters")).toEqual(["vmnic3"]);
    expect(dialog.getByRole("combobox", { name: "Failover group of vmnic2" })).toBeDisabled();
    expect(dialog.getByRole("button", { name: "Move vmnic3 up" })).toBeDisabled();
  });

  it("overrides Security, the teaming and the failover order: OK sends each whole; the view says so", async () => {
    const api = overridesApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM-Lab");

    await user.click(dialog.getByRole("tab", { name: "Security" }));
    await user.click(overrideOf(dialog, "Security"));
    await user.selectOptions(dialog.getByRole("combobox", { name: "Promiscuous mode" }), "Accept");

    await user.click(dialog.getByRole("tab", { name: "Teaming and failover" }));
    await user.click(overrideOf(dialog, TEAMING));
    await user.selectOptions(dialog.getByRole("combobox", { name: "Load balancing" }), "Route based on IP hash");
    await user.click(overrideOf(dialog, "Failover order"));
    // vmnic3 up from Standby into Active, then vmnic2 to Standby through its group.
    await user.click(dialog.getByRole("button", { name: "Move vmnic3 up" }));
    await user.selectOptions(dialog.getByRole("combobox", { name: "Failover group of vmnic2" }), "Standby adapters");
    expect(uplinks(dialog, "Active adapters")).toEqual(["vmnic3"]);
    expect(uplinks(dialog, "Standby adapters")).toEqual(["vmnic2"]);

    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(patches(api, "VM-Lab")).toEqual([
      {
        security: { allowPromiscuous: true, macChanges: true, forgedTransmits: false },
        teaming: { policy: "loadbalance_ip", notifySwitches: true, failback: false },
        failoverOrder: { active: ["vmnic3"], standby: ["vmnic2"], unused: [] },
      },
    ]);
    expect(await screen.findByText('Port group "VM-Lab" was updated on esx-01.lab.local.')).toBeVisible();

    // Opened again, it starts from the overrides as the host now has them.
    await waitFor(() => expect(api.callsTo("GET", NETWORKING).length).toBeGreaterThanOrEqual(2));
    const again = await openEdit(user, "VM-Lab");
    await user.click(again.getByRole("tab", { name: "Teaming and failover" }));
    expect(overrideOf(again, TEAMING)).toBeChecked();
    expect(again.getByRole("combobox", { name: "Load balancing" })).toHaveDisplayValue("Route based on IP hash");
    expect(overrideOf(again, "Failover order")).toBeChecked();
    expect(uplinks(again, "Active adapters")).toEqual(["vmnic3"]);
  });

  it("an override cleared goes back to the switch's values, greyed, and is sent as null; the rest is not sent", async () => {
    const api = overridesApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM-Web");

    await user.click(dialog.getByRole("tab", { name: "Security" }));
    const security = overrideOf(dialog, "Security");
    expect(security).toBeChecked();
    const promiscuous = dialog.getByRole("combobox", { name: "Promiscuous mode" });
    expect(promiscuous).toBeEnabled();
    expect(promiscuous).toHaveDisplayValue("Accept");
    await user.click(security);
    expect(promiscuous).toBeDisabled();
    expect(promiscuous).toHaveDisplayValue("Reject");

    await user.click(dialog.getByRole("tab", { name: "Teaming and failover" }));
    expect(uplinks(dialog, "Active adapters")).toEqual(["vmnic3"]);
    await user.click(overrideOf(dialog, "Failover order"));
    expect(uplinks(dialog, "Active adapters")).toEqual(["vmnic2"]);
    expect(uplinks(dialog, "Standby adapters")).toEqual(["vmnic3"]);
    // Checked again, the order starts from the switch's.
    await user.click(overrideOf(dialog, "Failover order"));
    expect(uplinks(dialog, "Active adapters")).toEqual(["vmnic2"]);
    await user.click(overrideOf(dialog, "Failover order"));

    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(patches(api, "VM-Web")).toEqual([{ security: null, failoverOrder: null }]);
  });

  it("no adapter active or standby: the warning at the failover order, OK still sends it", async () => {
    const api = overridesApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM-Lab");
    await user.click(dialog.getByRole("tab", { name: "Teaming and failover" }));
    await user.click(overrideOf(dialog, "Failover order"));
    const order = within(dialog.getByRole("region", { name: "Failover order" }));
    expect(order.queryByText(/no active or standby adapter/)).not.toBeInTheDocument();
    await user.selectOptions(dialog.getByRole("combobox", { name: "Failover group of vmnic2" }), "Unused adapters");
    await user.selectOptions(dialog.getByRole("combobox", { name: "Failover group of vmnic3" }), "Unused adapters");
    expect(order.getByText("VM-Lab has no active or standby adapter of its own: it loses its network.")).toBeVisible();
    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(patches(api, "VM-Lab")).toEqual([{ failoverOrder: { active: [], standby: [], unused: ["vmnic2", "vmnic3"] } }]);
  });

  it("the server's refusal of the order (teaming.sameAdapters) shows at the failover order, the dialog open", async () => {
    const api = overridesApi();
    api.on("PATCH", portGroupPath("VM-Lab"), () =>
      problemResponse(
        problem(422, "PREFLIGHT_FAILED", {
          errors: [
            {
              path: "failoverOrder.active",
              code: "teaming.sameAdapters",
              message: "The failover order lists the adapters vSwitch1 has (vmnic2): add adapters with Add Networking.",
              params: { vswitch: "vSwitch1", devices: "vmnic2" },
            },
          ],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM-Lab");
    await user.click(dialog.getByRole("tab", { name: "Teaming and failover" }));
    await user.click(overrideOf(dialog, "Failover order"));
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(await dialog.findByText("Some settings are not valid. Correct the fields shown.")).toBeVisible();
    const order = within(dialog.getByRole("region", { name: "Failover order" }));
    expect(order.getByText("The failover order lists the adapters vSwitch1 has (vmnic2): add adapters with Add Networking.")).toBeVisible();
    expect(patches(api, "VM-Lab")).toEqual([{ failoverOrder: { active: ["vmnic2"], standby: ["vmnic3"], unused: [] } }]);
    expect(screen.getByRole("dialog", { name: "VM-Lab - Edit Settings" })).toBeInTheDocument();
  });

  it("an error on another page takes the dialog there on OK, the page marked", async () => {
    const api = overridesApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM-Lab");
    await user.clear(dialog.getByRole("textbox", { name: "Network label" }));
    await user.click(dialog.getByRole("tab", { name: "Security" }));
    await user.click(overrideOf(dialog, "Security"));
    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(dialog.getByRole("tab", { name: "Properties" })).toHaveAttribute("aria-selected", "true"));
    expect(dialog.getByRole("tab", { name: "Properties" })).toHaveClass("invalid");
    expect(dialog.getByRole("textbox", { name: "Network label" })).toHaveAccessibleDescription("Enter a network label.");
    expect(patches(api, "VM-Lab")).toEqual([]);
  });

  it("has no serious accessibility violations (axe-core), its overrides on and off", async () => {
    overridesApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "VM-Lab");
    await user.click(dialog.getByRole("tab", { name: "Teaming and failover" }));
    await user.click(overrideOf(dialog, TEAMING));
    const results = await axe.run(document.body, { resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });
});

describe("in Japanese", () => {
  it("「オーバーライド」 and the vSphere Client's words for each policy", async () => {
    const api = overridesApi();
    const { user } = renderApp(VIEW, { language: "ja" });
    const dialog = await openEdit(user, "VM-Lab", JAPANESE);
    expect(dialog.getAllByRole("tab").map((tab: HTMLElement) => tab.textContent)).toEqual([
      "プロパティ",
      "セキュリティ",
      "チーミングおよびフェイルオーバー",
    ]);
    await user.click(dialog.getByRole("tab", { name: "セキュリティ" }));
    const override = within(dialog.getByRole("group", { name: "セキュリティ" })).getByRole("checkbox", { name: "オーバーライド" });
    await user.click(override);
    await user.selectOptions(dialog.getByRole("combobox", { name: "無差別モード" }), "承諾");
    expect(dialog.getByRole("combobox", { name: "MAC アドレス変更" })).toHaveDisplayValue("承諾");
    expect(dialog.getByRole("combobox", { name: "偽装転送" })).toHaveDisplayValue("拒否");

    await user.click(dialog.getByRole("tab", { name: "チーミングおよびフェイルオーバー" }));
    const teaming = dialog.getByRole("group", { name: "ロード バランシング、スイッチへの通知、およびフェイルバック" });
    await user.click(within(teaming).getByRole("checkbox", { name: "オーバーライド" }));
    await user.selectOptions(dialog.getByRole("combobox", { name: "ロード バランシング" }), "IP ハッシュに基づいたルート");
    expect(dialog.getByRole("combobox", { name: "スイッチへの通知" })).toHaveDisplayValue("はい");
    expect(dialog.getByRole("combobox", { name: "フェイルバック" })).toHaveDisplayValue("いいえ");
    const order = within(dialog.getByRole("region", { name: "フェイルオーバーの順序" }));
    await user.click(order.getByRole("checkbox", { name: "オーバーライド" }));
    await user.selectOptions(order.getByRole("combobox", { name: "vmnic3 のフェイルオーバー グループ" }), "アクティブ アダプタ");
    expect(order.getByRole("list", { name: "アクティブ アダプタ" })).toHaveTextContent(/vmnic2.*vmnic3/);
    expect(order.getByRole("heading", { name: "スタンバイ アダプタ" })).toBeVisible();
    expect(order.getByRole("heading", { name: "未使用のアダプタ" })).toBeVisible();

    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(await screen.findByText("ポート グループ「VM-Lab」を esx-01.lab.local で更新しました。")).toBeVisible();
    expect(patches(api, "VM-Lab")).toEqual([
      {
        security: { allowPromiscuous: true, macChanges: true, forgedTransmits: false },
        teaming: { policy: "loadbalance_ip", notifySwitches: true, failback: false },
        failoverOrder: { active: ["vmnic2", "vmnic3"], standby: [], unused: [] },
      },
    ]);
  });
});
