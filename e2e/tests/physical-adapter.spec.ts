/**
 * Physical Network Adapter, as the vSphere Client adds one: a free adapter added to vSwitch0 as standby (English), a
 * new switch with its adapter (Japanese, no English word on its pages), and for the help desk (allowed on Cluster-Dev,
 * refused on Cluster-Prod). The host is checked through addnet's API and through VMware's govc.
 */
import type { Locator, Page } from "@playwright/test";

import {
  csrfToken,
  expect,
  expectWizardPage,
  govcSwitches,
  openVmkernelAdapters,
  signIn,
  startJapaneseWizard,
  test,
  wizardDialog,
  type Api,
} from "../support/fixtures.ts";

/** The host's standard switches as addnet's API and govc list them: the same names, adapters and MTUs. */
async function switches(admin: Api, hostId: string, host: string) {
  const viaApi = (await admin.networking(hostId)).vswitches;
  expect(await govcSwitches(host)).toEqual(viaApi.map((v) => ({ name: v.name, pnic: v.uplinks, mtu: v.mtu })));
  return viaApi;
}

/** Adds free adapters to the failover order group through the "Add adapters" dialog. */
async function addAdapters(page: Page, wizard: Locator, devices: string[], group: string, words = ENGLISH): Promise<void> {
  await wizard.getByRole("button", { name: words.add }).click();
  const add = page.getByRole("dialog", { name: words.dialog });
  for (const d of devices) await add.getByRole("checkbox", { name: d }).check();
  await add.getByLabel(words.group).selectOption({ label: group });
  await add.getByRole("button", { name: "OK" }).click();
  await expect(add).toBeHidden();
}
const ENGLISH = { add: "Add adapters", dialog: "Add Physical Adapters to the Switch", group: "Failover order group" };

/** From Select target device: vSwitch0 through Browse, then Next. */
async function onVSwitch0(
  page: Page,
  wizard: Locator,
  words = { radio: "Select an existing standard switch", browse: "Browse standard switches", dialog: "Select Switch", next: "Next" },
) {
  await wizard.getByRole("radio", { name: words.radio }).check();
  await wizard.getByRole("button", { name: words.browse }).click();
  const browse = page.getByRole("dialog", { name: words.dialog });
  await browse.getByRole("radio", { name: "vSwitch0" }).check();
  await browse.getByRole("button", { name: "OK" }).click();
  await wizard.getByRole("button", { name: words.next }).click();
}

test("a free physical adapter added to vSwitch0 as its standby", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const shot = shots("physical-adapter");
  expect((await switches(admin, hostId, "esx-01.lab.local")).map((v) => [v.name, v.uplinks])).toEqual([["vSwitch0", ["vmnic0"]]]);

  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  await page.getByRole("button", { name: "Add Networking" }).click();
  let wizard = await expectWizardPage(page, "Select connection type");
  await wizard.getByRole("radio", { name: "Physical Network Adapter" }).check();
  await shot.take("connection-type");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Select target device");
  await expect(wizard.getByRole("radio", { name: "Select an existing network" })).toHaveCount(0);
  await shot.take("target-device");
  await onVSwitch0(page, wizard);

  wizard = await expectWizardPage(page, "Add physical network adapter to the switch");
  // The switch's own adapter is there and stays; Next waits for one added.
  await expect(wizard.getByRole("list", { name: "Active adapters" }).getByText("vmnic0", { exact: true })).toBeVisible();
  await expect(wizard.getByRole("button", { name: "Remove vmnic0" })).toHaveCount(0);
  await expect(wizard.getByRole("button", { name: "Next" })).toBeDisabled();
  await wizard.getByRole("button", { name: "Add adapters" }).click();
  const add = page.getByRole("dialog", { name: "Add Physical Adapters to the Switch" });
  // Free adapters only: not vSwitch0's vmnic0, nor the distributed switch's vmnic1.
  await expect(add.getByRole("checkbox")).toHaveCount(2);
  await add.getByRole("button", { name: "Cancel" }).click();
  await addAdapters(page, wizard, ["vmnic2"], "Standby adapters");
  await expect(wizard.getByRole("list", { name: "Standby adapters" }).getByText("vmnic2", { exact: true })).toBeVisible();
  await shot.take("add-physical-adapter");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Ready to complete");
  await expect(wizard.getByText("vmnic2 (new)", { exact: true })).toBeVisible();
  await expect(wizard.getByText("UpdateVirtualSwitch", { exact: true })).toBeVisible();
  await shot.take("ready-to-complete");
  await wizard.getByRole("button", { name: "Finish" }).click();

  wizard = await expectWizardPage(page, "Physical adapters added");
  await expect(wizard.getByText("Physical adapter vmnic2 was added to vSwitch0 on esx-01.lab.local.")).toBeVisible();
  await shot.take("result");

  const vSwitch0 = (await switches(admin, hostId, "esx-01.lab.local")).find((v) => v.name === "vSwitch0")!;
  expect(vSwitch0).toMatchObject({ uplinks: ["vmnic0", "vmnic2"], activeNics: ["vmnic0"], standbyNics: ["vmnic2"] });
  // Management is where it was.
  expect((await admin.networking(hostId)).vmkernelAdapters.map((a) => [a.device, a.switchName])).toEqual([["vmk0", "vSwitch0"]]);
});

test("a new standard switch with a physical adapter, in Japanese", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const shot = shots("physical-adapter-ja");
  const { wizard: start, data } = await startJapaneseWizard(page, admin, "物理ネットワーク アダプタ", ["vSwitch1"]);
  let wizard = start;
  await wizard.getByRole("radio", { name: "新しい vSphere 標準スイッチ" }).check();
  await wizard.getByLabel("MTU (バイト)").fill("9000");
  await data.expectNoEnglish(wizard, "ターゲット デバイスの選択");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "標準スイッチの作成");
  await addAdapters(page, wizard, ["vmnic2", "vmnic3"], "アクティブ アダプタ", {
    add: "アダプタの追加",
    dialog: "スイッチへの物理アダプタの追加",
    group: "フェイルオーバー順序グループ",
  });
  await data.expectNoEnglish(wizard, "標準スイッチの作成");
  await shot.take("create-standard-switch");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "設定の確認");
  await data.expectNoEnglish(wizard, "設定の確認");
  await shot.take("ready-to-complete");
  await wizard.getByRole("button", { name: "終了" }).click();

  wizard = await expectWizardPage(page, "物理アダプタの追加完了");
  await expect(wizard.getByText("物理アダプタ vmnic2, vmnic3 が esx-01.lab.local の vSwitch1 に追加されました。")).toBeVisible();
  await data.expectNoEnglish(wizardDialog(page), "物理アダプタの追加完了");
  await shot.take("result");

  const vSwitch1 = (await switches(admin, hostId, "esx-01.lab.local")).find((v) => v.name === "vSwitch1");
  expect(vSwitch1).toMatchObject({ mtu: 9000, uplinks: ["vmnic2", "vmnic3"], activeNics: ["vmnic2", "vmnic3"], portgroups: [] });
});

test("help-desk user: a physical adapter on Cluster-Dev, refused on Cluster-Prod", async ({ page, admin }) => {
  const dev = await admin.hostId("esx-05");
  const prod = await admin.hostId("esx-02");
  const prodBefore = await switches(admin, prod, "esx-02.lab.local");

  await signIn(page, "helpdesk");
  await openVmkernelAdapters(page, dev);
  await page.getByRole("button", { name: "Add Networking" }).click();
  let wizard = await expectWizardPage(page, "Select connection type");
  await wizard.getByRole("radio", { name: "Physical Network Adapter" }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "Select target device");
  await onVSwitch0(page, wizard);
  wizard = await expectWizardPage(page, "Add physical network adapter to the switch");
  await addAdapters(page, wizard, ["vmnic3"], "Active adapters");
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "Ready to complete");
  await wizard.getByRole("button", { name: "Finish" }).click();
  wizard = await expectWizardPage(page, "Physical adapters added");
  await expect(wizard.getByText("Physical adapter vmnic3 was added to vSwitch0 on esx-05.lab.local.")).toBeVisible();
  expect((await switches(admin, dev, "esx-05.lab.local")).find((v) => v.name === "vSwitch0")?.activeNics).toEqual(["vmnic0", "vmnic3"]);

  // Cluster-Prod: the Add Networking button is off, and the server refuses the same request.
  await openVmkernelAdapters(page, prod);
  await expect(page.getByRole("button", { name: "Add Networking" })).toBeDisabled();
  const res = await page.request.post(`/api/v1/hosts/${encodeURIComponent(prod)}/physical-adapters`, {
    data: {
      connectionType: "physicalAdapter",
      targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
      switchUplinks: { active: ["vmnic0", "vmnic3"], standby: [], unused: [] },
    },
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
  });
  expect(res.status(), await res.text()).toBe(403);
  expect(await res.json()).toMatchObject({ code: "NO_PERMISSION", missingPrivilege: { privilege: "Host.Config.Network" } });
  expect(await switches(admin, prod, "esx-02.lab.local")).toEqual(prodBefore);
});
