/** (g) The whole vMotion flow in the Japanese UI, in the vSphere Client's Japanese terms. */
import { expect, expectWizardPage, signIn, test, wizardDialog } from "../support/fixtures.ts";

test("vMotion flow in Japanese", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const shot = shots("japanese");

  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();

  await page.getByRole("link", { name: "esx-01.lab.local" }).click();
  await page.getByRole("button", { name: "ネットワークの追加" }).click();
  await expect(wizardDialog(page)).toHaveAccessibleName("esx-01.lab.local - ネットワークの追加");

  let wizard = await expectWizardPage(page, "接続タイプの選択");
  await expect(wizard.getByRole("radio", { name: "VMkernel ネットワーク アダプタ" })).toBeChecked();
  await shot.take("connection-type");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "ターゲット デバイスの選択");
  await expect(wizard.getByRole("radio", { name: "既存のネットワークの選択" })).toBeVisible();
  await expect(wizard.getByRole("radio", { name: "既存の標準スイッチの選択" })).toBeVisible();
  await wizard.getByRole("radio", { name: "新しい vSphere 標準スイッチ" }).check();
  await shot.take("target-device");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "標準スイッチの作成");
  await wizard.getByRole("button", { name: "アダプタの追加" }).click();
  const add = page.getByRole("dialog", { name: "スイッチへの物理アダプタの追加" });
  await add.getByRole("checkbox", { name: "vmnic2" }).check();
  await add.getByRole("button", { name: "OK" }).click();
  await expect(wizard.getByRole("list", { name: "アクティブ アダプタ" }).getByText("vmnic2", { exact: true })).toBeVisible();
  await shot.take("create-standard-switch");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "ポートのプロパティ");
  await wizard.getByLabel("ネットワーク ラベル").fill("vMotion-ja");
  await wizard.getByLabel("TCP/IP スタック").selectOption({ label: "vMotion" });
  await expect(wizard.getByRole("checkbox", { name: "vMotion", exact: true })).toBeChecked();
  await shot.take("port-properties");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "IPv4 設定");
  await wizard.getByRole("radio", { name: "固定 IPv4 設定を使用" }).check();
  await wizard.getByLabel("IPv4 アドレス").fill("192.168.31.11");
  await wizard.getByLabel("サブネット マスク").fill("255.255.255.0");
  await expect(wizard.getByRole("checkbox", { name: "このアダプタのデフォルト ゲートウェイをオーバーライド" })).toBeVisible();
  await shot.take("ipv4-settings");
  await wizard.getByRole("button", { name: "次へ" }).click();

  wizard = await expectWizardPage(page, "設定の確認");
  const finish = wizard.getByRole("button", { name: "終了" });
  await expect(finish).toBeEnabled();
  // The preflight's warning about the stack's gateway, in Japanese with the host's name (R6).
  await expect(
    wizard.getByText("esx-01.lab.local の vMotion スタックにはデフォルト ゲートウェイがありません。", { exact: false }),
  ).toBeVisible();
  await expect(wizard).not.toContainText("has no default gateway");
  await shot.take("ready-to-complete");
  await finish.click();

  wizard = await expectWizardPage(page, "VMkernel アダプタの追加完了");
  await expect(wizard.getByText(/VMkernel アダプタ vmk\d+ が esx-01\.lab\.local に追加されました。/)).toBeVisible();
  await shot.take("result");

  // No English left on the pages walked (the page titles listed on the left are all Japanese).
  const steps = wizard.getByRole("navigation");
  await expect(steps).not.toContainText("Select");

  const vmk = (await admin.networking(hostId)).vmkernelAdapters.find((a) => a.networkLabel === "vMotion-ja");
  expect(vmk).toMatchObject({
    tcpipStack: "vmotion",
    services: ["vmotion"],
    ipv4: { dhcp: false, address: "192.168.31.11", subnetMask: "255.255.255.0" },
  });
});
