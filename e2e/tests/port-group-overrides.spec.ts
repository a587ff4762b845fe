/**
 * Virtual switches view: a standard port group's Edit Settings overrides its switch's policies, as the vSphere Client's
 * "Edit a Standard Switch Port Group" does: Security, Teaming and failover (load balancing, notify switches, failback)
 * and the failover order, each with its Override (unchecked: the switch's values, greyed). An override cleared gives the
 * policy back to the switch (the API shows null). In English and in Japanese; the help desk overrides on Cluster-Dev and
 * is refused on Cluster-Prod. The host is checked through addnet's API and through VMware's govc.
 */
import type { HostNetworking, VmPortGroupModel } from "@addnet/contracts";
import type { Locator, Page } from "@playwright/test";

import { UiData } from "../support/english.ts";
import { csrfToken, expect, govc, govcSwitches, signIn, test, type Api } from "../support/fixtures.ts";

type PortGroup = HostNetworking["portgroups"][number];
/** A port group's overrides as the API shows them: null where it has its switch's. */
type Overrides = Pick<PortGroup, "security" | "teaming" | "failoverOrder">;

/** VM-Lab (VLAN 10) on a new standard switch vSwitch1, vmnic2 active and vmnic3 standby. */
const VM_LAB: VmPortGroupModel = {
  connectionType: "vmPortGroup",
  targetDevice: { kind: "newStandardSwitch", mtu: 1500 },
  newSwitchUplinks: { active: ["vmnic2"], standby: ["vmnic3"], unused: [] },
  connectionSettings: { networkLabel: "VM-Lab", vlanId: 10 },
};

const INHERITS: Overrides = { security: null, teaming: null, failoverOrder: null };

/** vSwitch1's own policies (the simulator's defaults for a new switch), which VM-Lab inherits while it overrides none. */
const VSWITCH1_POLICY: Pick<HostNetworking["vswitches"][number], "security" | "teaming" | "activeNics" | "standbyNics"> = {
  security: { allowPromiscuous: false, macChanges: false, forgedTransmits: false },
  teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: true },
  activeNics: ["vmnic2"],
  standbyNics: ["vmnic3"],
};

/** Makes VM-Lab on a new vSwitch1 through the API (the subject here is the port group's overrides). */
async function withVmLab(admin: Api, hostId: string): Promise<void> {
  const res = await admin.call("POST", `/hosts/${encodeURIComponent(hostId)}/port-groups`, VM_LAB, {
    "Idempotency-Key": crypto.randomUUID(),
  });
  expect(res.status(), await res.text()).toBe(201);
  const net = await admin.networking(hostId);
  expect(net.vswitches.find((s) => s.name === "vSwitch1")).toMatchObject({ uplinks: ["vmnic2", "vmnic3"], ...VSWITCH1_POLICY });
  expect(net.portgroups.find((p) => p.name === "VM-Lab")).toMatchObject(INHERITS);
}

interface GovcPolicy {
  Security: { AllowPromiscuous: boolean | null; MacChanges: boolean | null; ForgedTransmits: boolean | null };
  NicTeaming: {
    Policy: string;
    NotifySwitches: boolean | null;
    RollingOrder: boolean | null;
    NicOrder: { ActiveNic: string[] | null; StandbyNic: string[] | null } | null;
  };
}

interface GovcPortGroup {
  Spec: { Name: string; VswitchName: string; Policy: GovcPolicy };
  ComputedPolicy: GovcPolicy;
}

/**
 * A host's port groups' overrides as VMware's govc reads them: `host.portgroup.info -json` gives each port group's own
 * policy (its spec: what it sets, null or "" where it inherits) and the policy in effect (computedPolicy, its switch's
 * under what it sets), in the API's shape: a policy the port group sets any part of, as in effect; failback is the opposite
 * of vim25's rollingOrder; the switch's adapters the order leaves out are unused. The text output's security lines (in
 * effect) must say the same.
 */
async function govcOverrides(host: string): Promise<Record<string, Overrides>> {
  const { Portgroup } = JSON.parse(await govc("host.portgroup.info", "-host", host, "-json")) as { Portgroup: GovcPortGroup[] };
  const printed = await govc("host.portgroup.info", "-host", host);
  const uplinks = Object.fromEntries((await govcSwitches(host)).map((s) => [s.name, s.pnic]));
  const yesNo = (b: boolean) => (b ? "Yes" : "No");
  const set = (...values: unknown[]) => values.some((v) => v !== null && v !== "");
  return Object.fromEntries(
    Portgroup.map(({ Spec: { Name, VswitchName, Policy: own }, ComputedPolicy: { Security: security, NicTeaming: teaming } }) => {
      const block = printed.split(/\n\s*\n/).find((b) => new RegExp(`^Name:\\s*${Name}$`, "m").test(b))!;
      expect(block).toMatch(new RegExp(`^Allow promiscuous mode:\\s*${yesNo(security.AllowPromiscuous!)}$`, "m"));
      expect(block).toMatch(new RegExp(`^Allow MAC changes:\\s*${yesNo(security.MacChanges!)}$`, "m"));
      expect(block).toMatch(new RegExp(`^Allow forged transmits:\\s*${yesNo(security.ForgedTransmits!)}$`, "m"));
      const s = own.Security;
      const t = own.NicTeaming;
      const order = t.NicOrder;
      const active = order?.ActiveNic ?? [];
      const standby = order?.StandbyNic ?? [];
      const overrides: Overrides = {
        security: set(s.AllowPromiscuous, s.MacChanges, s.ForgedTransmits)
          ? { allowPromiscuous: security.AllowPromiscuous!, macChanges: security.MacChanges!, forgedTransmits: security.ForgedTransmits! }
          : null,
        teaming: set(t.Policy, t.NotifySwitches, t.RollingOrder)
          ? {
              policy: teaming.Policy as NonNullable<Overrides["teaming"]>["policy"],
              notifySwitches: teaming.NotifySwitches!,
              failback: !teaming.RollingOrder,
            }
          : null,
        failoverOrder: order
          ? { active, standby, unused: (uplinks[VswitchName] ?? []).filter((d) => !active.includes(d) && !standby.includes(d)) }
          : null,
      };
      return [Name, overrides];
    }),
  );
}

/** A port group's overrides as addnet's API and as govc read them: the two must agree. */
async function overridesOf(admin: Api, hostId: string, host: string, portGroup: string): Promise<Overrides> {
  const pg = (await admin.networking(hostId)).portgroups.find((p) => p.name === portGroup);
  expect(pg, `${portGroup} on ${host}`).toBeDefined();
  const viaApi: Overrides = { security: pg!.security, teaming: pg!.teaming, failoverOrder: pg!.failoverOrder };
  expect((await govcOverrides(host))[portGroup], `${portGroup}'s overrides through govc and through the API`).toEqual(viaApi);
  return viaApi;
}

async function openVirtualSwitches(page: Page, hostId: string, heading = "Virtual switches"): Promise<void> {
  await page.goto(`/hosts/${encodeURIComponent(hostId)}/networking/virtual-switches`);
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
}

const ENGLISH = {
  edit: (pg: string) => `Edit Settings of ${pg}`,
  title: "Edit Settings",
  override: "Override",
  order: "Failover order",
  teaming: "Load balancing, notify switches and failback",
};
const JAPANESE = {
  edit: (pg: string) => `${pg} の設定の編集`,
  title: "設定の編集",
  override: "オーバーライド",
  order: "フェイルオーバーの順序",
  teaming: "ロード バランシング、スイッチへの通知、およびフェイルバック",
};

/** The port group's Edit Settings (its button "Edit Settings of <name>"), title and OK in full view. */
async function openEdit(page: Page, portGroup: string, words = ENGLISH): Promise<Locator> {
  await page.getByRole("button", { name: words.edit(portGroup), exact: true }).click();
  const title = `${portGroup} - ${words.title}`;
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog.getByRole("heading", { name: title })).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByRole("button", { name: "OK" })).toBeInViewport({ ratio: 1 });
  return dialog;
}

/** The Override of a policy: Security's (the group named as its page), the teaming's, or the failover order's. */
function override(dialog: Locator, group: string, words = ENGLISH): Locator {
  const scope = group === words.order ? dialog.getByRole("region", { name: group }) : dialog.getByRole("group", { name: group });
  return scope.getByRole("checkbox", { name: words.override, exact: true });
}

/** An adapter's row in the failover order: its name, then its link speed (the simulator's 10 Gbit/s). */
function nic(device: string): RegExp {
  return new RegExp(`^${device}\\s*10000 Mbit/s`);
}

/** The adapters under one heading of the failover order, in order. */
function uplinkRows(dialog: Locator, heading: string, words = ENGLISH): Locator {
  return dialog.getByRole("region", { name: words.order }).getByRole("list", { name: heading, exact: true }).getByRole("listitem");
}

test("override VM-Lab's security, teaming and failover order; then give its security back to the switch", async ({
  page,
  admin,
  shots,
}) => {
  const hostId = await admin.hostId("esx-01");
  await withVmLab(admin, hostId);
  expect(await overridesOf(admin, hostId, "esx-01.lab.local", "VM-Lab")).toEqual(INHERITS);
  const shot = shots("port-group-overrides");

  await signIn(page, "administrator");
  await openVirtualSwitches(page, hostId);
  const dialog = await openEdit(page, "VM-Lab");
  await expect(dialog.getByText("Host: esx-01.lab.local")).toBeVisible();
  await expect(dialog.getByRole("tab")).toHaveText(["Properties", "Security", "Teaming and failover"]);
  await expect(dialog.getByRole("textbox", { name: "Network label" })).toHaveValue("VM-Lab");
  await shot.take("properties");

  // Security: inherited from vSwitch1, greyed; overridden, promiscuous mode accepted.
  await dialog.getByRole("tab", { name: "Security" }).click();
  const security = dialog.getByRole("tabpanel", { name: "Security" });
  const promiscuous = security.getByRole("combobox", { name: "Promiscuous mode" });
  await expect(override(dialog, "Security")).not.toBeChecked();
  for (const name of ["Promiscuous mode", "MAC address changes", "Forged transmits"]) {
    await expect(security.getByRole("combobox", { name })).toBeDisabled();
    await expect(security.getByRole("combobox", { name })).toHaveValue("reject");
  }
  await shot.take("security-inherited");
  await override(dialog, "Security").check();
  await expect(promiscuous).toBeEnabled();
  await promiscuous.selectOption({ label: "Accept" });
  await shot.take("security-overridden");

  // Teaming and failover: the switch's, greyed; IP hash, and the port group's own order with vmnic3 active too.
  await dialog.getByRole("tab", { name: "Teaming and failover" }).click();
  const teaming = dialog.getByRole("tabpanel", { name: "Teaming and failover" });
  const policy = teaming.getByRole("combobox", { name: "Load balancing" });
  await expect(override(dialog, ENGLISH.teaming)).not.toBeChecked();
  await expect(policy).toBeDisabled();
  await expect(policy).toHaveValue("loadbalance_srcid");
  await expect(teaming.getByRole("combobox", { name: "Notify switches" })).toHaveValue("yes");
  await expect(teaming.getByRole("combobox", { name: "Failback" })).toHaveValue("yes");
  await expect(override(dialog, "Failover order")).not.toBeChecked();
  await expect(uplinkRows(teaming, "Active adapters")).toHaveText([nic("vmnic2")]);
  await expect(uplinkRows(teaming, "Standby adapters")).toHaveText([nic("vmnic3")]);
  await expect(teaming.getByRole("button", { name: "Move vmnic3 up" })).toBeDisabled();
  await expect(teaming.getByRole("combobox", { name: "Failover group of vmnic3" })).toBeDisabled();
  await shot.take("teaming-inherited");

  await override(dialog, ENGLISH.teaming).check();
  await policy.selectOption({ label: "Route based on IP hash" });
  await override(dialog, "Failover order").check();
  // IP hash takes every adapter active (no standby): vmnic3 up from Standby into Active.
  await teaming.getByRole("button", { name: "Move vmnic3 up" }).click();
  await expect(uplinkRows(teaming, "Active adapters")).toHaveText([nic("vmnic2"), nic("vmnic3")]);
  await expect(uplinkRows(teaming, "Standby adapters")).toHaveCount(0);
  await shot.take("teaming-overridden");

  const patch = page.waitForRequest((r) => r.method() === "PATCH" && r.url().includes("/port-groups/VM-Lab"));
  await dialog.getByRole("button", { name: "OK" }).click();
  expect((await patch).postDataJSON()).toEqual({
    security: { allowPromiscuous: true, macChanges: false, forgedTransmits: false },
    teaming: { policy: "loadbalance_ip", notifySwitches: true, failback: true },
    failoverOrder: { active: ["vmnic2", "vmnic3"], standby: [], unused: [] },
  });
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Port group "VM-Lab" was updated on esx-01.lab.local.')).toBeVisible();
  await shot.take("updated");

  // The host as addnet's API and govc read it: VM-Lab's overrides; vSwitch1 as it was.
  expect(await overridesOf(admin, hostId, "esx-01.lab.local", "VM-Lab")).toEqual({
    security: { allowPromiscuous: true, macChanges: false, forgedTransmits: false },
    teaming: { policy: "loadbalance_ip", notifySwitches: true, failback: true },
    failoverOrder: { active: ["vmnic2", "vmnic3"], standby: [], unused: [] },
  });
  expect((await admin.networking(hostId)).vswitches.find((s) => s.name === "vSwitch1")).toMatchObject(VSWITCH1_POLICY);

  // Opened again: its overrides checked; Security's Override cleared, the switch's values come back, greyed.
  const again = await openEdit(page, "VM-Lab");
  await again.getByRole("tab", { name: "Teaming and failover" }).click();
  await expect(override(again, ENGLISH.teaming)).toBeChecked();
  await expect(again.getByRole("combobox", { name: "Load balancing" })).toHaveValue("loadbalance_ip");
  await expect(override(again, "Failover order")).toBeChecked();
  await expect(uplinkRows(again, "Active adapters")).toHaveText([nic("vmnic2"), nic("vmnic3")]);
  await again.getByRole("tab", { name: "Security" }).click();
  const againPromiscuous = again.getByRole("combobox", { name: "Promiscuous mode" });
  await expect(override(again, "Security")).toBeChecked();
  await expect(againPromiscuous).toHaveValue("accept");
  await override(again, "Security").uncheck();
  await expect(againPromiscuous).toBeDisabled();
  await expect(againPromiscuous).toHaveValue("reject");
  await shot.take("security-cleared");
  const clear = page.waitForRequest((r) => r.method() === "PATCH" && r.url().includes("/port-groups/VM-Lab"));
  await again.getByRole("button", { name: "OK" }).click();
  expect((await clear).postDataJSON()).toEqual({ security: null });
  await expect(again).toBeHidden();
  await expect(page.getByText('Port group "VM-Lab" was updated on esx-01.lab.local.')).toBeVisible();

  expect(await overridesOf(admin, hostId, "esx-01.lab.local", "VM-Lab")).toEqual({
    security: null,
    teaming: { policy: "loadbalance_ip", notifySwitches: true, failback: true },
    failoverOrder: { active: ["vmnic2", "vmnic3"], standby: [], unused: [] },
  });
});

test("override a port group's policies in Japanese; then give its failover order back to the switch", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await withVmLab(admin, hostId);
  const shot = shots("port-group-overrides-ja");

  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();
  await openVirtualSwitches(page, hostId, "仮想スイッチ");
  const dialog = await openEdit(page, "VM-Lab", JAPANESE);
  await expect(dialog.getByRole("tab")).toHaveText(["プロパティ", "セキュリティ", "チーミングおよびフェイルオーバー"]);

  // セキュリティ: forged transmits accepted.
  await dialog.getByRole("tab", { name: "セキュリティ" }).click();
  const forged = dialog.getByRole("combobox", { name: "偽装転送" });
  await expect(forged).toBeDisabled();
  await override(dialog, "セキュリティ", JAPANESE).check();
  await expect(dialog.getByRole("combobox", { name: "無差別モード" })).toContainText("拒否");
  await expect(dialog.getByRole("combobox", { name: "MAC アドレス変更" })).toHaveValue("reject");
  await forged.selectOption({ label: "承諾" });
  await shot.take("security");

  // チーミングおよびフェイルオーバー: explicit failover order without failback; vmnic3 active, vmnic2 to standby.
  await dialog.getByRole("tab", { name: "チーミングおよびフェイルオーバー" }).click();
  const teaming = dialog.getByRole("tabpanel", { name: "チーミングおよびフェイルオーバー" });
  await override(dialog, JAPANESE.teaming, JAPANESE).check();
  await teaming.getByRole("combobox", { name: "ロード バランシング" }).selectOption({ label: "明示的なフェイルオーバー順序を使用" });
  await expect(teaming.getByRole("combobox", { name: "スイッチへの通知" })).toHaveValue("yes");
  await teaming.getByRole("combobox", { name: "フェイルバック" }).selectOption({ label: "いいえ" });
  await override(dialog, JAPANESE.order, JAPANESE).check();
  await teaming.getByRole("combobox", { name: "vmnic3 のフェイルオーバー グループ" }).selectOption({ label: "アクティブ アダプタ" });
  await teaming.getByRole("combobox", { name: "vmnic2 のフェイルオーバー グループ" }).selectOption({ label: "スタンバイ アダプタ" });
  await expect(uplinkRows(teaming, "アクティブ アダプタ", JAPANESE)).toHaveText([nic("vmnic3")]);
  await expect(uplinkRows(teaming, "スタンバイ アダプタ", JAPANESE)).toHaveText([nic("vmnic2")]);
  await expect(teaming.getByRole("region", { name: JAPANESE.order }).getByRole("heading", { name: "未使用のアダプタ" })).toBeVisible();
  const data = new UiData().addNetworking(await admin.networking(hostId));
  await data.expectNoEnglish(dialog, "VM-Lab - 設定の編集");
  await shot.take("teaming");

  const patch = page.waitForRequest((r) => r.method() === "PATCH" && r.url().includes("/port-groups/VM-Lab"));
  await dialog.getByRole("button", { name: "OK" }).click();
  expect((await patch).postDataJSON()).toEqual({
    security: { allowPromiscuous: false, macChanges: false, forgedTransmits: true },
    teaming: { policy: "failover_explicit", notifySwitches: true, failback: false },
    failoverOrder: { active: ["vmnic3"], standby: ["vmnic2"], unused: [] },
  });
  await expect(dialog).toBeHidden();
  await expect(page.getByText("ポート グループ「VM-Lab」を esx-01.lab.local で更新しました。")).toBeVisible();
  await shot.take("updated");
  expect(await overridesOf(admin, hostId, "esx-01.lab.local", "VM-Lab")).toEqual({
    security: { allowPromiscuous: false, macChanges: false, forgedTransmits: true },
    teaming: { policy: "failover_explicit", notifySwitches: true, failback: false },
    failoverOrder: { active: ["vmnic3"], standby: ["vmnic2"], unused: [] },
  });

  // The failover order back to the switch's: vmnic2 active, vmnic3 standby again, greyed.
  const again = await openEdit(page, "VM-Lab", JAPANESE);
  await again.getByRole("tab", { name: "チーミングおよびフェイルオーバー" }).click();
  await override(again, JAPANESE.order, JAPANESE).uncheck();
  await expect(uplinkRows(again, "アクティブ アダプタ", JAPANESE)).toHaveText([nic("vmnic2")]);
  await expect(uplinkRows(again, "スタンバイ アダプタ", JAPANESE)).toHaveText([nic("vmnic3")]);
  await expect(again.getByRole("combobox", { name: "vmnic2 のフェイルオーバー グループ" })).toBeDisabled();
  await shot.take("order-cleared");
  const clear = page.waitForRequest((r) => r.method() === "PATCH" && r.url().includes("/port-groups/VM-Lab"));
  await again.getByRole("button", { name: "OK" }).click();
  expect((await clear).postDataJSON()).toEqual({ failoverOrder: null });
  await expect(again).toBeHidden();
  expect(await overridesOf(admin, hostId, "esx-01.lab.local", "VM-Lab")).toEqual({
    security: { allowPromiscuous: false, macChanges: false, forgedTransmits: true },
    teaming: { policy: "failover_explicit", notifySwitches: true, failback: false },
    failoverOrder: null,
  });
});

test("help-desk user: overrides a port group's security on Cluster-Dev, refused on Cluster-Prod", async ({ page, admin, shots }) => {
  const dev = await admin.hostId("esx-05");
  const prod = await admin.hostId("esx-02");
  expect(await overridesOf(admin, dev, "esx-05.lab.local", "VM Network")).toEqual(INHERITS);
  const prodBefore = await overridesOf(admin, prod, "esx-02.lab.local", "VM Network");
  expect(prodBefore).toEqual(INHERITS);
  const shot = shots("port-group-overrides-helpdesk");

  await signIn(page, "helpdesk");
  await openVirtualSwitches(page, dev);
  const dialog = await openEdit(page, "VM Network");
  await expect(dialog.getByText("Host: esx-05.lab.local")).toBeVisible();
  await dialog.getByRole("tab", { name: "Security" }).click();
  await override(dialog, "Security").check();
  await dialog.getByRole("combobox", { name: "MAC address changes" }).selectOption({ label: "Accept" });
  await shot.take("dev-security");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Port group "VM Network" was updated on esx-05.lab.local.')).toBeVisible();
  expect(await overridesOf(admin, dev, "esx-05.lab.local", "VM Network")).toEqual({
    ...INHERITS,
    security: { allowPromiscuous: false, macChanges: true, forgedTransmits: false },
  });

  await openVirtualSwitches(page, prod);
  const missing = "Missing privilege Host.Config.Network on esx-02.lab.local";
  const edit = page.getByRole("button", { name: "Edit Settings of VM Network", exact: true });
  await expect(edit).toBeDisabled();
  await expect(edit).toHaveAccessibleDescription(missing);
  await shot.take("prod-refused");
  // The server refuses the help desk's override on esx-02 when sent without the UI.
  const res = await page.request.patch(`/api/v1/hosts/${encodeURIComponent(prod)}/port-groups/${encodeURIComponent("VM Network")}`, {
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
    data: { security: { allowPromiscuous: true, macChanges: false, forgedTransmits: false } },
  });
  expect(res.status(), await res.text()).toBe(403);
  expect(await res.text()).toContain("Host.Config.Network");
  expect(await overridesOf(admin, prod, "esx-02.lab.local", "VM Network")).toEqual(prodBefore);
});
