/**
 * Virtual switches view: a standard switch's Edit Settings (Properties, Security, Teaming and failover, Analyze impact,
 * OK) and Remove (Analyze impact: the port groups that go with it, the calls Remove makes), as the vSphere Client does
 * them. vSwitch0's MTU below vmk0's is refused and sends nothing, and vSwitch0 (vmk0 on it) cannot be removed; the dialog
 * in Japanese; the help desk edits on Cluster-Dev and is refused on Cluster-Prod. The host is checked through addnet's
 * API and through VMware's govc.
 */
import type { HostNetworking, VmPortGroupModel } from "@addnet/contracts";
import type { Locator, Page, Request } from "@playwright/test";

import { UiData } from "../support/english.ts";
import { csrfToken, expect, govc, govcPortGroups, govcSwitches, signIn, test, type Api } from "../support/fixtures.ts";

/** A standard switch as the API has it and as govc must read it too. */
type VSwitch = HostNetworking["vswitches"][number];

/** VM-Lab (VLAN 4095) on a new standard switch, MTU 9000, vmnic2 active and vmnic3 standby (apps/api/test/target-types.ts). */
const VM_LAB: VmPortGroupModel = {
  connectionType: "vmPortGroup",
  targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
  newSwitchUplinks: { active: ["vmnic2"], standby: ["vmnic3"], unused: [] },
  connectionSettings: { networkLabel: "VM-Lab", vlanId: 4095 },
};

/** vSwitch1 as the host has it once VM_LAB is made: the simulator's defaults for its security and teaming. */
const VSWITCH1: VSwitch = {
  name: "vSwitch1",
  mtu: 9000,
  uplinks: ["vmnic2", "vmnic3"],
  activeNics: ["vmnic2"],
  standbyNics: ["vmnic3"],
  portgroups: ["VM-Lab"],
  security: { allowPromiscuous: false, macChanges: false, forgedTransmits: false },
  teaming: { policy: "loadbalance_srcid", notifySwitches: true, failback: true },
};

/** Makes VM-Lab on a new vSwitch1 through the API (the subject here is the switch's edit and removal). */
async function withVSwitch1(admin: Api, hostId: string, host: string): Promise<void> {
  const res = await admin.call("POST", `/hosts/${encodeURIComponent(hostId)}/port-groups`, VM_LAB, {
    "Idempotency-Key": crypto.randomUUID(),
  });
  expect(res.status(), await res.text()).toBe(201);
  expect(((await res.json()) as { portGroup: unknown }).portGroup).toEqual({ name: "VM-Lab", vlanId: 4095, vswitch: "vSwitch1" });
  expect((await hostSwitches(admin, hostId, host)).find((s) => s.name === "vSwitch1")).toEqual(VSWITCH1);
}

interface GovcVswitch {
  Name: string;
  Mtu: number;
  Portgroup: string[] | null;
  Pnic: string[] | null;
  Spec: {
    Mtu: number;
    Policy: {
      Security: { AllowPromiscuous: boolean; MacChanges: boolean; ForgedTransmits: boolean };
      NicTeaming: {
        Policy: VSwitch["teaming"]["policy"];
        NotifySwitches: boolean;
        RollingOrder: boolean;
        NicOrder: { ActiveNic: string[] | null; StandbyNic: string[] | null };
      };
    };
  };
}

/**
 * The host's standard switches as VMware's govc reads them: `host.vswitch.info -json` (the switch's spec: MTU, security,
 * teaming and failover order; failback is the opposite of vim25's rollingOrder), checked against what its text output
 * prints (MTU, adapters, the security policy), in the API's shape.
 */
async function govcVswitches(host: string): Promise<VSwitch[]> {
  const { Vswitch } = JSON.parse(await govc("host.vswitch.info", "-host", host, "-json")) as { Vswitch: GovcVswitch[] };
  const printed = await govc("host.vswitch.info", "-host", host);
  const yesNo = (b: boolean) => (b ? "Yes" : "No");
  const key = (prefix: string) => (k: string) => k.replace(prefix, "");
  const switches = Vswitch.map((vs) => {
    const { Security: security, NicTeaming: teaming } = vs.Spec.Policy;
    expect(vs.Spec.Mtu, `${vs.Name}'s spec and its MTU`).toBe(vs.Mtu);
    const block = printed.split(/\n\s*\n/).find((b) => new RegExp(`^Name:\\s*${vs.Name}$`, "m").test(b))!;
    expect(block).toMatch(new RegExp(`^Allow promiscuous mode:\\s*${yesNo(security.AllowPromiscuous)}$`, "m"));
    expect(block).toMatch(new RegExp(`^Allow MAC changes:\\s*${yesNo(security.MacChanges)}$`, "m"));
    expect(block).toMatch(new RegExp(`^Allow forged transmits:\\s*${yesNo(security.ForgedTransmits)}$`, "m"));
    return {
      name: vs.Name,
      mtu: vs.Mtu,
      uplinks: (vs.Pnic ?? []).map(key("key-vim.host.PhysicalNic-")),
      activeNics: teaming.NicOrder.ActiveNic ?? [],
      standbyNics: teaming.NicOrder.StandbyNic ?? [],
      portgroups: (vs.Portgroup ?? []).map(key("key-vim.host.PortGroup-")),
      security: { allowPromiscuous: security.AllowPromiscuous, macChanges: security.MacChanges, forgedTransmits: security.ForgedTransmits },
      teaming: { policy: teaming.Policy, notifySwitches: teaming.NotifySwitches, failback: !teaming.RollingOrder },
    };
  });
  // The text output's blocks (name, adapters, MTU) say the same.
  expect(await govcSwitches(host)).toEqual(switches.map((s) => ({ name: s.name, pnic: s.uplinks, mtu: s.mtu })));
  return switches;
}

/** The host's standard switches as addnet's API and as govc read them: the two must agree. */
async function hostSwitches(admin: Api, hostId: string, host: string): Promise<VSwitch[]> {
  const viaApi = (await admin.networking(hostId)).vswitches;
  expect(await govcVswitches(host), `${host}'s standard switches through govc and through the API`).toEqual(viaApi);
  return viaApi;
}

async function openVirtualSwitches(page: Page, hostId: string, heading = "Virtual switches"): Promise<void> {
  await page.goto(`/hosts/${encodeURIComponent(hostId)}/networking/virtual-switches`);
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
}

/** The switch's Edit (its name "Edit settings of vSwitchN"), and the dialog it opens, title and OK in full view. */
async function openEdit(page: Page, vswitch: string, words = { edit: `Edit settings of ${vswitch}`, title: "Edit Settings" }) {
  await page.getByRole("button", { name: words.edit, exact: true }).click();
  const title = `${vswitch} - ${words.title}`;
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog.getByRole("heading", { name: title })).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByRole("button", { name: "OK" })).toBeInViewport({ ratio: 1 });
  return dialog;
}

/** An adapter's row in the failover order or the diagram: its name, then its link speed (the simulator's 10 Gbit/s). */
function nic(device: string): RegExp {
  return new RegExp(`^${device}\\s*10000 Mbit/s`);
}

/** The adapters under one heading of the failover order, in order (each row starts with its adapter's name). */
function uplinkRows(dialog: Locator, heading: string): Locator {
  return dialog.getByRole("region", { name: "Failover order" }).getByRole("list", { name: heading, exact: true }).getByRole("listitem");
}

/** Every request the page sends about a standard switch (Analyze impact, PATCH, DELETE), to show that nothing was sent. */
function recordSwitchRequests(page: Page): Request[] {
  const sent: Request[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/standard-switches/")) sent.push(r);
  });
  return sent;
}

test("edit vSwitch1's MTU, security, teaming and failover order after Analyze impact; the host has it so", async ({
  page,
  admin,
  shots,
}) => {
  const hostId = await admin.hostId("esx-01");
  await withVSwitch1(admin, hostId, "esx-01.lab.local");
  const shot = shots("switch-actions-edit");

  await signIn(page, "administrator");
  await openVirtualSwitches(page, hostId);
  const dialog = await openEdit(page, "vSwitch1");
  await expect(dialog.getByText("Host: esx-01.lab.local")).toBeVisible();
  await expect(dialog.getByRole("tab")).toHaveText(["Properties", "Security", "Teaming and failover"]);
  await expect(dialog.getByRole("tab", { name: "Properties" })).toHaveAttribute("aria-selected", "true");
  const impact = dialog.getByRole("region", { name: "Impact" });
  await expect(impact).toContainText("Change a setting to see what the change does on the host.");
  await expect(impact.getByRole("button", { name: "Analyze impact" })).toBeDisabled();

  // Properties: the MTU as the host has it, 9000, down to 1500.
  const mtu = dialog.getByRole("textbox", { name: "MTU (Bytes)" });
  await expect(mtu).toHaveValue("9000");
  await shot.take("properties");
  await mtu.fill("1500");

  // Security: all three rejected, as the host has them; promiscuous mode accepted.
  await dialog.getByRole("tab", { name: "Security" }).click();
  const security = dialog.getByRole("tabpanel", { name: "Security" });
  const promiscuous = security.getByRole("combobox", { name: "Promiscuous mode" });
  await expect(promiscuous).toHaveValue("reject");
  await expect(security.getByRole("combobox", { name: "MAC address changes" })).toHaveValue("reject");
  await expect(security.getByRole("combobox", { name: "Forged transmits" })).toHaveValue("reject");
  await promiscuous.selectOption({ label: "Accept" });
  await expect(promiscuous).toHaveValue("accept");
  await shot.take("security");

  // Teaming and failover: explicit failover order, no failback, vmnic3 active and vmnic2 standby through the arrows.
  await dialog.getByRole("tab", { name: "Teaming and failover" }).click();
  const teaming = dialog.getByRole("tabpanel", { name: "Teaming and failover" });
  const policy = teaming.getByRole("combobox", { name: "Load balancing" });
  await expect(policy).toHaveValue("loadbalance_srcid");
  await expect(teaming.getByRole("combobox", { name: "Notify switches" })).toHaveValue("yes");
  const failback = teaming.getByRole("combobox", { name: "Failback" });
  await expect(failback).toHaveValue("yes");
  await expect(uplinkRows(teaming, "Active adapters")).toHaveText([nic("vmnic2")]);
  await expect(uplinkRows(teaming, "Standby adapters")).toHaveText([nic("vmnic3")]);
  await expect(uplinkRows(teaming, "Unused adapters")).toHaveCount(0);
  await shot.take("teaming");
  await policy.selectOption({ label: "Use explicit failover order" });
  await failback.selectOption({ label: "No" });
  // Up from the top of Standby is into Active, at its end; up again, first; vmnic2 down from Active's end into Standby.
  await teaming.getByRole("button", { name: "Move vmnic3 up" }).click();
  await expect(uplinkRows(teaming, "Active adapters")).toHaveText([nic("vmnic2"), nic("vmnic3")]);
  await expect(uplinkRows(teaming, "Standby adapters")).toHaveCount(0);
  await teaming.getByRole("button", { name: "Move vmnic3 up" }).click();
  await expect(teaming.getByRole("button", { name: "Move vmnic3 up" })).toBeDisabled();
  await teaming.getByRole("button", { name: "Move vmnic2 down" }).click();
  await expect(uplinkRows(teaming, "Active adapters")).toHaveText([nic("vmnic3")]);
  await expect(uplinkRows(teaming, "Standby adapters")).toHaveText([nic("vmnic2")]);
  await expect(teaming.getByRole("combobox", { name: "Failover group of vmnic2" })).toHaveValue("standby");

  // Analyze impact: the one UpdateVirtualSwitch OK makes; no port group loses its network.
  const calls = dialog.getByRole("region", { name: "vSphere API call that OK makes" });
  await expect(calls.locator("code")).toHaveText(["UpdateVirtualSwitch"]);
  await expect(calls).toContainText("Set standard switch vSwitch1: MTU 1500, active vmnic3, standby vmnic2");
  await expect(impact.getByText("No impact")).toBeVisible();
  await expect(impact).toContainText("No port group on vSwitch1 loses its network with this change.");
  const ok = dialog.getByRole("button", { name: "OK" });
  await expect(ok).toBeEnabled();
  await calls.scrollIntoViewIfNeeded();
  await shot.take("impact");

  const patch = page.waitForRequest((r) => r.method() === "PATCH" && r.url().includes("/standard-switches/vSwitch1"));
  await ok.click();
  // Each changed part whole, nothing else.
  expect((await patch).postDataJSON()).toEqual({
    mtu: 1500,
    security: { allowPromiscuous: true, macChanges: false, forgedTransmits: false },
    teaming: {
      policy: "failover_explicit",
      notifySwitches: true,
      failback: false,
      failoverOrder: { active: ["vmnic3"], standby: ["vmnic2"], unused: [] },
    },
  });
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Standard switch vSwitch1 was edited on esx-01.lab.local.")).toBeVisible();
  // The diagram has the new failover order.
  const figure = page.getByRole("figure", { name: "Topology of vSwitch1" });
  await expect(figure.getByRole("list", { name: "Active adapters", exact: true }).getByRole("listitem")).toHaveText([nic("vmnic3")]);
  await expect(figure.getByRole("list", { name: "Standby adapters", exact: true }).getByRole("listitem")).toHaveText([nic("vmnic2")]);
  await figure.scrollIntoViewIfNeeded();
  await shot.take("edited");

  // The host as addnet's API and as govc read it.
  const edited: VSwitch = {
    ...VSWITCH1,
    mtu: 1500,
    activeNics: ["vmnic3"],
    standbyNics: ["vmnic2"],
    security: { allowPromiscuous: true, macChanges: false, forgedTransmits: false },
    teaming: { policy: "failover_explicit", notifySwitches: true, failback: false },
  };
  const switches = await hostSwitches(admin, hostId, "esx-01.lab.local");
  expect(switches.find((s) => s.name === "vSwitch1")).toEqual(edited);
  // vSwitch0 untouched.
  expect(switches.find((s) => s.name === "vSwitch0")).toMatchObject({ mtu: 1500, activeNics: ["vmnic0"], standbyNics: [] });

  // Opened again, the dialog starts from the switch as the host now has it.
  const again = await openEdit(page, "vSwitch1");
  await expect(again.getByRole("textbox", { name: "MTU (Bytes)" })).toHaveValue("1500");
  await again.getByRole("tab", { name: "Teaming and failover" }).click();
  await expect(again.getByRole("combobox", { name: "Load balancing" })).toHaveValue("failover_explicit");
  await expect(again.getByRole("combobox", { name: "Failback" })).toHaveValue("no");
  await expect(uplinkRows(again, "Active adapters")).toHaveText([nic("vmnic3")]);
  await again.getByRole("button", { name: "Cancel" }).click();
  await expect(again).toBeHidden();
});

test("vSwitch0: an MTU below vmk0's is refused and sends nothing; Remove is off, vmk0 being on it", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const before = await hostSwitches(admin, hostId, "esx-01.lab.local");
  expect(before.find((s) => s.name === "vSwitch0")).toMatchObject({ mtu: 1500, portgroups: ["Management Network", "VM Network"] });
  expect((await admin.networking(hostId)).vmkernelAdapters.find((a) => a.device === "vmk0")).toMatchObject({ mtu: 1500 });
  const shot = shots("switch-actions-refused");
  const sent = recordSwitchRequests(page);

  await signIn(page, "administrator");
  await openVirtualSwitches(page, hostId);
  const remove = page.getByRole("button", { name: "Remove vSwitch0", exact: true });
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAccessibleDescription("VMkernel adapters are on vSwitch0 (vmk0): remove or migrate them first.");
  await expect(page.getByText("VMkernel adapters are on vSwitch0 (vmk0): remove or migrate them first.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit settings of vSwitch0", exact: true })).toBeEnabled();
  await shot.take("remove-disabled");

  const dialog = await openEdit(page, "vSwitch0");
  const mtu = dialog.getByRole("textbox", { name: "MTU (Bytes)" });
  await expect(mtu).toHaveValue("1500");
  await mtu.fill("1280");
  const refusal = "These VMkernel adapters on the switch have an MTU above 1280: vmk0. Lower their MTU first.";
  await expect(mtu).toHaveAccessibleDescription(refusal);
  await expect(dialog.getByText(refusal)).toBeVisible();
  // Nothing valid to analyze: no call is planned.
  const impact = dialog.getByRole("region", { name: "Impact" });
  await expect(impact).toContainText("Complete or correct the settings to see what the change does on the host.");
  await expect(impact.getByRole("button", { name: "Analyze impact" })).toBeDisabled();
  await expect(dialog.getByRole("region", { name: "vSphere API call that OK makes" })).toHaveCount(0);
  await shot.take("mtu-refused");

  // OK shows the refusal and sends nothing: the dialog stays, on Properties, marked.
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByRole("tab", { name: "Properties" })).toHaveClass(/invalid/);
  await expect(mtu).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toBeVisible();
  await expect(mtu).toHaveAccessibleDescription(refusal);
  expect(sent.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);

  // The server refuses the same edit and the removal when sent without the UI.
  const headers = async () => ({ "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) });
  const patch = await page.request.patch(`/api/v1/hosts/${encodeURIComponent(hostId)}/standard-switches/vSwitch0`, {
    headers: await headers(),
    data: { mtu: 1280 },
  });
  expect(patch.status(), await patch.text()).toBe(422);
  expect(await patch.text()).toContain("vswitch.mtuBelowAdapters");
  const del = await page.request.delete(`/api/v1/hosts/${encodeURIComponent(hostId)}/standard-switches/vSwitch0`, {
    headers: await headers(),
  });
  expect(del.status(), await del.text()).toBe(422);
  expect(await del.text()).toContain("vswitch.inUse");

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  // Not even Analyze impact was asked: the page sent nothing about the switch.
  expect(sent.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
  expect(await hostSwitches(admin, hostId, "esx-01.lab.local")).toEqual(before);
});

test("remove vSwitch1 after Analyze impact: VM-Lab goes with it; the host has neither", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await withVSwitch1(admin, hostId, "esx-01.lab.local");
  expect(await govcPortGroups("esx-01.lab.local")).toContainEqual({ name: "VM-Lab", vswitch: "vSwitch1", vlanId: 4095 });
  const shot = shots("switch-actions-remove");

  await signIn(page, "administrator");
  await openVirtualSwitches(page, hostId);
  await expect(page.getByRole("heading", { level: 3, name: "Standard Switch: vSwitch1" })).toBeVisible();
  await page.getByRole("button", { name: "Remove vSwitch1", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Remove Standard Switch" });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(dialog.getByText("Host: esx-01.lab.local")).toBeVisible();
  await expect(dialog.getByText("Remove the standard switch vSwitch1?")).toBeVisible();

  // Analyze impact runs at once: VM-Lab goes with the switch; its RemovePortGroup, then RemoveVirtualSwitch.
  const impact = dialog.getByRole("region", { name: "Impact" });
  await expect(impact.getByText("Important impact")).toBeVisible();
  await expect(impact).toContainText("Removing vSwitch1 has this impact:");
  await expect(impact).toContainText(
    "The port groups of vSwitch1 are removed with it: VM-Lab. Virtual machines on them lose their network.",
  );
  const calls = dialog.getByRole("region", { name: "vSphere API calls that Remove makes" });
  await expect(calls.locator("code")).toHaveText(["RemovePortGroup", "RemoveVirtualSwitch"]);
  await expect(calls.getByRole("listitem")).toHaveText([/Remove port group "VM-Lab" from vSwitch1/, /Remove standard switch vSwitch1/]);
  const remove = dialog.getByRole("button", { name: "Remove", exact: true });
  await expect(remove).toBeEnabled();
  await shot.take("impact");

  await remove.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Standard switch vSwitch1 was removed from esx-01.lab.local.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /^Standard Switch: / })).toHaveText(["Standard Switch: vSwitch0"]);
  await expect(page.getByRole("figure", { name: "Topology of vSwitch1" })).toHaveCount(0);
  await shot.take("removed");

  // Neither the switch nor its port group on the host, through the API and through govc; its adapters free again.
  const switches = await hostSwitches(admin, hostId, "esx-01.lab.local");
  expect(switches.map((s) => s.name)).toEqual(["vSwitch0"]);
  const networking = await admin.networking(hostId);
  expect(networking.portgroups.map((pg) => pg.name)).toEqual(["Management Network", "VM Network"]);
  for (const device of ["vmnic2", "vmnic3"]) {
    expect(networking.physicalNics.find((n) => n.device === device)?.usedBy ?? null, device).toBeNull();
  }
  expect((await govcSwitches("esx-01.lab.local")).map((s) => s.name)).toEqual(["vSwitch0"]);
  const portGroups = await govcPortGroups("esx-01.lab.local");
  expect(portGroups.map((pg) => pg.name).sort()).toEqual(["Management Network", "VM Network"]);
  expect(portGroups.filter((pg) => pg.vswitch === "vSwitch1" || pg.name === "VM-Lab")).toEqual([]);
});

test("edit a standard switch in Japanese", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await withVSwitch1(admin, hostId, "esx-01.lab.local");
  const shot = shots("switch-actions-ja");

  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();
  await openVirtualSwitches(page, hostId, "仮想スイッチ");
  const removeVSwitch0 = page.getByRole("button", { name: "vSwitch0 の削除", exact: true });
  await expect(removeVSwitch0).toBeDisabled();
  await expect(removeVSwitch0).toHaveAccessibleDescription(
    "vSwitch0 には VMkernel アダプタ (vmk0) があります。先に削除または移行してください。",
  );

  const dialog = await openEdit(page, "vSwitch1", { edit: "vSwitch1 の設定の編集", title: "設定の編集" });
  await expect(dialog.getByText("ホスト: esx-01.lab.local")).toBeVisible();
  await expect(dialog.getByRole("tab")).toHaveText(["プロパティ", "セキュリティ", "チーミングおよびフェイルオーバー"]);
  const impact = dialog.getByRole("region", { name: "影響" });
  await expect(impact).toContainText("設定を変更すると、その変更がホストに与える影響が表示されます。");
  const mtu = dialog.getByRole("textbox", { name: "MTU (バイト)" });
  await expect(mtu).toHaveValue("9000");
  await mtu.fill("1500");

  // Forged transmits accepted; the teaming page in Japanese, left as it is.
  await dialog.getByRole("tab", { name: "セキュリティ" }).click();
  const forged = dialog.getByRole("combobox", { name: "偽装転送" });
  await expect(forged).toHaveValue("reject");
  await expect(dialog.getByRole("combobox", { name: "無差別モード" })).toContainText("拒否");
  await forged.selectOption({ label: "承諾" });
  await dialog.getByRole("tab", { name: "チーミングおよびフェイルオーバー" }).click();
  const teaming = dialog.getByRole("tabpanel", { name: "チーミングおよびフェイルオーバー" });
  await expect(teaming.getByRole("region", { name: "フェイルオーバーの順序" })).toBeVisible();
  await expect(teaming.getByRole("combobox", { name: "フェイルバック" })).toHaveValue("yes");
  await expect(
    teaming
      .getByRole("region", { name: "フェイルオーバーの順序" })
      .getByRole("list", { name: "アクティブ アダプタ" })
      .getByRole("listitem"),
  ).toHaveText([nic("vmnic2")]);

  const calls = dialog.getByRole("region", { name: "[OK] で実行される vSphere API の呼び出し" });
  await expect(calls.locator("code")).toHaveText(["UpdateVirtualSwitch"]);
  await expect(calls).toContainText("標準スイッチ vSwitch1 を設定: MTU 1500、アクティブ vmnic2、スタンバイ vmnic3");
  await expect(impact.getByText("影響なし")).toBeVisible();
  await expect(impact).toContainText("この変更でネットワークを失う vSwitch1 のポート グループはありません。");
  const data = new UiData().addNetworking(await admin.networking(hostId));
  await data.expectNoEnglish(dialog, "vSwitch1 - 設定の編集");
  await calls.scrollIntoViewIfNeeded();
  await shot.take("impact");

  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("esx-01.lab.local の標準スイッチ vSwitch1 を編集しました。")).toBeVisible();
  await shot.take("edited");

  expect((await hostSwitches(admin, hostId, "esx-01.lab.local")).find((s) => s.name === "vSwitch1")).toEqual({
    ...VSWITCH1,
    mtu: 1500,
    security: { allowPromiscuous: false, macChanges: false, forgedTransmits: true },
  });
});

test("help-desk user: edits vSwitch0 on Cluster-Dev, refused on Cluster-Prod", async ({ page, admin, shots }) => {
  const dev = await admin.hostId("esx-05");
  const prod = await admin.hostId("esx-02");
  const devBefore = await hostSwitches(admin, dev, "esx-05.lab.local");
  expect(devBefore.find((s) => s.name === "vSwitch0")).toMatchObject({ mtu: 1500 });
  const prodBefore = await hostSwitches(admin, prod, "esx-02.lab.local");
  const shot = shots("switch-actions-helpdesk");

  await signIn(page, "helpdesk");
  await openVirtualSwitches(page, dev);
  const dialog = await openEdit(page, "vSwitch0");
  await expect(dialog.getByText("Host: esx-05.lab.local")).toBeVisible();
  await dialog.getByRole("textbox", { name: "MTU (Bytes)" }).fill("9000");
  const calls = dialog.getByRole("region", { name: "vSphere API call that OK makes" });
  await expect(calls).toContainText("Set standard switch vSwitch0: MTU 9000, active vmnic0, standby --");
  await expect(dialog.getByRole("region", { name: "Impact" }).getByText("No impact")).toBeVisible();
  await shot.take("dev-impact");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Standard switch vSwitch0 was edited on esx-05.lab.local.")).toBeVisible();
  const devAfter = await hostSwitches(admin, dev, "esx-05.lab.local");
  expect(devAfter).toEqual(devBefore.map((s) => (s.name === "vSwitch0" ? { ...s, mtu: 9000 } : s)));

  await openVirtualSwitches(page, prod);
  const missing = "Missing privilege Host.Config.Network on esx-02.lab.local";
  await expect(page.getByText(missing)).toBeVisible();
  for (const name of ["Edit settings of vSwitch0", "Remove vSwitch0"]) {
    const button = page.getByRole("button", { name, exact: true });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(missing);
  }
  await shot.take("prod-refused");
  // The server refuses the help desk's edit and removal on esx-02 when sent without the UI.
  const path = `/api/v1/hosts/${encodeURIComponent(prod)}/standard-switches/vSwitch0`;
  const headers = async () => ({ "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) });
  const patch = await page.request.patch(path, { headers: await headers(), data: { mtu: 9000 } });
  expect(patch.status(), await patch.text()).toBe(403);
  expect(await patch.text()).toContain("Host.Config.Network");
  const del = await page.request.delete(path, { headers: await headers() });
  expect(del.status(), await del.text()).toBe(403);
  expect(await del.text()).toContain("Host.Config.Network");

  expect(await hostSwitches(admin, prod, "esx-02.lab.local")).toEqual(prodBefore);
});
