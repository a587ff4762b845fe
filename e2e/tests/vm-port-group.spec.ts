/**
 * Virtual Machine Port Group for a Standard Switch, as the vSphere Client adds one: on an existing switch (English), on
 * a new switch with its uplink (Japanese), and for the help desk (allowed on Cluster-Dev, refused on Cluster-Prod).
 * The host is checked through addnet's API and through VMware's govc.
 */
import {
  csrfToken,
  expect,
  expectWizardPage,
  govcPortGroups,
  openVmkernelAdapters,
  signIn,
  startJapaneseWizard,
  test,
  wizardDialog,
  type Api,
} from "../support/fixtures.ts";

/** The port groups of a host as addnet's API and govc list them, by name. */
async function portGroups(admin: Api, hostId: string, host: string) {
  const viaApi = (await admin.networking(hostId)).portgroups.map(({ name, vswitch, vlanId }) => ({ name, vswitch, vlanId }));
  const viaGovc = await govcPortGroups(host);
  expect(viaGovc.sort((a, b) => a.name.localeCompare(b.name))).toEqual(viaApi.sort((a, b) => a.name.localeCompare(b.name)));
  return viaApi;
}

test("a virtual machine port group on vSwitch0, VLAN All (4095)", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const shot = shots("vm-port-group");
  const before = await portGroups(admin, hostId, "esx-01.lab.local");

  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  await page.getByRole("button", { name: "Add Networking" }).click();

  let wizard = await expectWizardPage(page, "Select connection type");
  await wizard.getByRole("radio", { name: "Virtual Machine Port Group for a Standard Switch" }).check();
  await expect(wizard.getByRole("radio", { name: "Physical Network Adapter" })).toBeEnabled();
  await shot.take("connection-type");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Select target device");
  // A virtual machine port group of a standard switch: no distributed port group to choose.
  await expect(wizard.getByRole("radio", { name: "Select an existing network" })).toHaveCount(0);
  await wizard.getByRole("radio", { name: "Select an existing standard switch" }).check();
  await wizard.getByRole("button", { name: "Browse standard switches" }).click();
  const browse = page.getByRole("dialog", { name: "Select Switch" });
  await browse.getByRole("radio", { name: "vSwitch0" }).check();
  await browse.getByRole("button", { name: "OK" }).click();
  await shot.take("target-device");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Connection settings");
  // esx-01 has a "VM Network" already: the wizard proposes the next free label, as the vSphere Client does.
  const label = wizard.getByLabel("Network label");
  await expect(label).toHaveValue("VM Network 2");
  await label.fill("VM Network");
  await expect(wizard.getByText('esx-01.lab.local already has a port group named "VM Network".')).toBeVisible();
  await expect(wizard.getByRole("button", { name: "Next" })).toBeDisabled();
  await label.fill("Web-e2e");
  const vlan = wizard.getByLabel("VLAN ID");
  await vlan.fill("4096");
  await expect(wizard.getByText("The VLAN ID must be from 0 (none) to 4095 (all).")).toBeVisible();
  await vlan.fill("4095");
  await shot.take("connection-settings");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Ready to complete");
  await expect(wizard.getByText("Web-e2e", { exact: true })).toBeVisible();
  await expect(wizard.getByText("All (4095)", { exact: true })).toBeVisible();
  await expect(wizard.getByText("AddPortGroup", { exact: true })).toBeVisible();
  await expect(wizard.getByText("AddVirtualNic", { exact: true })).toHaveCount(0);
  await shot.take("ready-to-complete");
  await wizard.getByRole("button", { name: "Finish" }).click();

  wizard = await expectWizardPage(page, "Port group added");
  await expect(wizard.getByText('Port group "Web-e2e" (VLAN 4095) was added to vSwitch0 on esx-01.lab.local.')).toBeVisible();
  await shot.take("result");

  const after = await portGroups(admin, hostId, "esx-01.lab.local");
  expect(after).toEqual([...before, { name: "Web-e2e", vswitch: "vSwitch0", vlanId: 4095 }]);
  // A port group for virtual machines: no VMkernel adapter came with it.
  expect((await admin.networking(hostId)).vmkernelAdapters.map((a) => a.device)).toEqual(["vmk0"]);
});

test("a virtual machine port group on a new standard switch, in Japanese", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const shot = shots("vm-port-group-ja");
  const { wizard: start, data } = await startJapaneseWizard(page, admin, "標準スイッチの仮想マシンのポート グループ", [
    "仮想マシン-ja",
    "vSwitch1",
  ]);
  let wizard = start;
  await wizard.getByRole("radio", { name: "新しい vSphere 標準スイッチ" }).check();
  await data.expectNoEnglish(wizard, "ターゲット デバイスの選択");
  await shot.take("target-device");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "標準スイッチの作成");
  await wizard.getByRole("button", { name: "アダプタの追加" }).click();
  const add = page.getByRole("dialog", { name: "スイッチへの物理アダプタの追加" });
  await add.getByRole("checkbox", { name: "vmnic2" }).check();
  await add.getByRole("button", { name: "OK" }).click();
  await expect(wizard.getByRole("list", { name: "アクティブ アダプタ" }).getByText("vmnic2", { exact: true })).toBeVisible();
  await data.expectNoEnglish(wizard, "標準スイッチの作成");
  await shot.take("create-standard-switch");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "接続設定");
  await wizard.getByLabel("ネットワーク ラベル").fill("仮想マシン-ja");
  await wizard.getByLabel("VLAN ID").fill("40");
  await data.expectNoEnglish(wizard, "接続設定");
  await shot.take("connection-settings");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "設定の確認");
  await expect(wizard.getByText("仮想マシン-ja", { exact: true })).toBeVisible();
  await data.expectNoEnglish(wizard, "設定の確認");
  await shot.take("ready-to-complete");
  await wizard.getByRole("button", { name: "終了" }).click();

  wizard = await expectWizardPage(page, "ポート グループの追加完了");
  await expect(
    wizard.getByText("ポート グループ「仮想マシン-ja」(VLAN 40) が esx-01.lab.local の vSwitch1 に追加されました。"),
  ).toBeVisible();
  await data.expectNoEnglish(wizardDialog(page), "ポート グループの追加完了");
  await shot.take("result");

  const networking = await admin.networking(hostId);
  expect(networking.vswitches.find((s) => s.name === "vSwitch1")).toMatchObject({ portgroups: ["仮想マシン-ja"] });
  expect(networking.physicalNics.find((n) => n.device === "vmnic2")?.usedBy).toEqual({ kind: "standardSwitch", name: "vSwitch1" });
  const pgs = await portGroups(admin, hostId, "esx-01.lab.local");
  expect(pgs).toContainEqual({ name: "仮想マシン-ja", vswitch: "vSwitch1", vlanId: 40 });
});

test("help-desk user: a virtual machine port group on Cluster-Dev, refused on Cluster-Prod", async ({ page, admin, shots }) => {
  const dev = await admin.hostId("esx-05");
  const prod = await admin.hostId("esx-02");
  const shot = shots("vm-port-group-helpdesk");
  const prodBefore = await portGroups(admin, prod, "esx-02.lab.local");

  await signIn(page, "helpdesk");
  await openVmkernelAdapters(page, dev);
  await page.getByRole("button", { name: "Add Networking" }).click();
  let wizard = await expectWizardPage(page, "Select connection type");
  await wizard.getByRole("radio", { name: "Virtual Machine Port Group for a Standard Switch" }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "Select target device");
  await wizard.getByRole("radio", { name: "Select an existing standard switch" }).check();
  await wizard.getByRole("button", { name: "Browse standard switches" }).click();
  const browse = page.getByRole("dialog", { name: "Select Switch" });
  await browse.getByRole("radio", { name: "vSwitch0" }).check();
  await browse.getByRole("button", { name: "OK" }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "Connection settings");
  await wizard.getByLabel("Network label").fill("Helpdesk-VMs");
  await wizard.getByLabel("VLAN ID").fill("70");
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "Ready to complete");
  await wizard.getByRole("button", { name: "Finish" }).click();
  wizard = await expectWizardPage(page, "Port group added");
  await expect(wizard.getByText('Port group "Helpdesk-VMs" (VLAN 70) was added to vSwitch0 on esx-05.lab.local.')).toBeVisible();
  await shot.take("result");
  expect(await portGroups(admin, dev, "esx-05.lab.local")).toContainEqual({ name: "Helpdesk-VMs", vswitch: "vSwitch0", vlanId: 70 });

  // Cluster-Prod: the host is not the help desk's to change, and the server refuses the same request.
  await page.goto(`/hosts/${encodeURIComponent(prod)}/networking/vmkernel-adapters`);
  await expect(page.getByRole("button", { name: "Add Networking" })).toBeDisabled();
  const res = await page.request.post(`/api/v1/hosts/${encodeURIComponent(prod)}/port-groups`, {
    data: {
      connectionType: "vmPortGroup",
      targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
      connectionSettings: { networkLabel: "Helpdesk-VMs", vlanId: 70 },
    },
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
  });
  expect(res.status(), await res.text()).toBe(403);
  expect(await res.json()).toMatchObject({
    code: "NO_PERMISSION",
    missingPrivilege: { privilege: "Host.Config.Network", entity: { type: "HostSystem", id: prod } },
  });
  expect(await portGroups(admin, prod, "esx-02.lab.local")).toEqual(prodBefore);
});
