/**
 * Issue 10: the Japanese UI shows no English word outside product, protocol and vim25 names, on every wizard page,
 * the Browse and adapter dialogs, the field errors, Ready to complete (summary, preflight warnings, vim25 calls), the
 * result page, the TCP/IP configuration view and its Edit dialog (each page, a field error), and a failed Finish's
 * outcomes (rolled back, partially applied). Data is struck out by what it is (support/english.ts).
 */
import type { SessionInfo } from "@addnet/contracts";
import type { Locator, Page } from "@playwright/test";

import { UiData } from "../support/english.ts";
import { expect, expectWizardPage, signIn, test, wizardDialog, type Api } from "../support/fixtures.ts";

/** Signed in as the administrator, the UI in Japanese, on esx-01's page; the data its pages may show. */
async function esx01InJapanese(page: Page, admin: Api): Promise<{ hostId: string; data: UiData }> {
  const hostId = await admin.hostId("esx-01");
  // The signed-in user's name as vCenter gives it (the header shows it: VSPHERE.LOCAL\Administrator).
  const { user } = await admin.get<SessionInfo>("/session");
  const data = new UiData().addNetworking(await admin.networking(hostId)).add(user.name, user.login);
  await signIn(page, "administrator");
  // The check finds the English UI's words (it is not blind).
  expect((await data.englishWords(page.getByRole("main"))).findings.join("\n")).toContain('"Hosts" in');
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await page.getByRole("link", { name: "esx-01.lab.local" }).click();
  return { hostId, data };
}

async function next(wizard: Locator, title: string): Promise<Locator> {
  await wizard.getByRole("button", { name: "次へ" }).click();
  return expectWizardPage(wizard.page(), title);
}

test("no English word on the wizard's pages, its dialogs, the result, and the TCP/IP configuration and its Edit dialog", async ({
  page,
  admin,
}) => {
  test.setTimeout(150_000);
  const { hostId, data } = await esx01InJapanese(page, admin);
  // The names this test gives.
  data.add("vMotion-ja");
  const vmk0 = (await admin.networking(hostId)).vmkernelAdapters.find((a) => a.device === "vmk0")!;

  await page.getByRole("button", { name: "ネットワークの追加" }).click();
  let wizard = await expectWizardPage(page, "接続タイプの選択");
  await data.expectNoEnglish(wizard, "接続タイプの選択");

  wizard = await next(wizard, "ターゲット デバイスの選択");
  await data.expectNoEnglish(wizard, "ターゲット デバイスの選択");
  await wizard.getByRole("radio", { name: "既存の標準スイッチの選択" }).check();
  await data.expectNoEnglish(wizard, "ターゲット デバイスの選択 (既存の標準スイッチ)");
  await wizard.getByRole("button", { name: "標準スイッチの参照" }).click();
  const switches = page.getByRole("dialog", { name: "スイッチの選択" });
  await expect(switches.getByRole("radio", { name: "vSwitch0" })).toBeVisible();
  await data.expectNoEnglish(switches, "スイッチの選択 (参照)");
  await switches.getByRole("button", { name: "キャンセル" }).click();
  await expect(switches).toBeHidden();
  await wizard.getByRole("radio", { name: "既存のネットワークの選択" }).check();
  await data.expectNoEnglish(wizard, "ターゲット デバイスの選択 (既存のネットワーク)");
  await wizard.getByRole("button", { name: "分散ポート グループの参照" }).click();
  const networks = page.getByRole("dialog", { name: "ネットワークの選択" });
  await expect(networks.getByRole("radio", { name: "DPG-Storage" })).toBeVisible();
  await data.expectNoEnglish(networks, "ネットワークの選択 (参照)");
  await networks.getByRole("button", { name: "キャンセル" }).click();
  await expect(networks).toBeHidden();
  await wizard.getByRole("radio", { name: "新しい vSphere 標準スイッチ" }).check();
  await data.expectNoEnglish(wizard, "ターゲット デバイスの選択 (新しい標準スイッチ)");

  wizard = await next(wizard, "標準スイッチの作成");
  await data.expectNoEnglish(wizard, "標準スイッチの作成");
  await wizard.getByRole("button", { name: "アダプタの追加" }).click();
  const add = page.getByRole("dialog", { name: "スイッチへの物理アダプタの追加" });
  await expect(add.getByRole("checkbox", { name: "vmnic2" })).toBeVisible();
  await data.expectNoEnglish(add, "スイッチへの物理アダプタの追加");
  await add.getByRole("checkbox", { name: "vmnic2" }).check();
  await add.getByRole("button", { name: "OK" }).click();
  await expect(wizard.getByRole("list", { name: "アクティブ アダプタ" }).getByText("vmnic2", { exact: true })).toBeVisible();
  await data.expectNoEnglish(wizard, "標準スイッチの作成 (vmnic2 を追加)");

  wizard = await next(wizard, "ポートのプロパティ");
  await data.expectNoEnglish(wizard, "ポートのプロパティ");
  // A label the host already has: the field's error.
  await wizard.getByLabel("ネットワーク ラベル").fill("VM Network");
  await expect(wizard.getByText("esx-01.lab.local には「VM Network」という名前のポート グループがすでに存在します。")).toBeVisible();
  await data.expectNoEnglish(wizard, "ポートのプロパティ (ラベルのエラー)");
  await wizard.getByLabel("ネットワーク ラベル").fill("vMotion-ja");
  await wizard.getByRole("radio", { name: "IPv4 および IPv6" }).check();
  await wizard.getByRole("radio", { name: "カスタム" }).check();
  await wizard.getByLabel("MTU (バイト)").fill("100");
  await expect(wizard.getByText("MTU は 1280 ～ 9000 バイトの範囲で指定してください。")).toBeVisible();
  await data.expectNoEnglish(wizard, "ポートのプロパティ (カスタム MTU のエラー)");
  await wizard.getByRole("radio", { name: /^スイッチから MTU を取得/ }).check();
  await wizard.getByLabel("TCP/IP スタック").selectOption({ label: "vMotion" });
  await expect(wizard.getByRole("checkbox", { name: "vMotion", exact: true })).toBeChecked();
  await data.expectNoEnglish(wizard, "ポートのプロパティ (vMotion スタック)");

  wizard = await next(wizard, "IPv4 設定");
  await data.expectNoEnglish(wizard, "IPv4 設定 (DHCP)");
  await wizard.getByRole("radio", { name: "固定 IPv4 設定を使用" }).check();
  await wizard.getByLabel("サブネット マスク").fill("255.255.255.0");
  await wizard.getByLabel("IPv4 アドレス").fill("192.168.31");
  await expect(wizard.getByText("192.168.10.11 のような IPv4 アドレスを入力してください。")).toBeVisible();
  await data.expectNoEnglish(wizard, "IPv4 設定 (アドレスのエラー)");
  // An address the host's own adapter has.
  await wizard.getByLabel("IPv4 アドレス").fill(vmk0.ipv4.address!);
  await expect(wizard.getByText(`${vmk0.ipv4.address} は`)).toContainText("vmk0 ですでに使用されています。");
  await data.expectNoEnglish(wizard, "IPv4 設定 (使用中のアドレス)");
  await wizard.getByLabel("IPv4 アドレス").fill("192.168.31.11");
  await wizard.getByRole("checkbox", { name: "このアダプタのデフォルト ゲートウェイをオーバーライド" }).check();
  await wizard.getByLabel("デフォルト ゲートウェイ", { exact: true }).fill("10.99.0.1");
  await expect(wizard.getByText("デフォルト ゲートウェイはアダプタのサブネット内にある必要があります。")).toBeVisible();
  await data.expectNoEnglish(wizard, "IPv4 設定 (ゲートウェイのエラー)");
  await wizard.getByLabel("デフォルト ゲートウェイ", { exact: true }).fill("192.168.31.1");
  await wizard.getByRole("checkbox", { name: "このアダプタのデフォルト ゲートウェイをオーバーライド" }).uncheck();

  wizard = await next(wizard, "IPv6 設定");
  await data.expectNoEnglish(wizard, "IPv6 設定");
  await wizard.getByRole("button", { name: "IPv6 アドレスの追加" }).click();
  const row = wizard.getByRole("group", { name: "固定 IPv6 アドレス 1" });
  await row.getByRole("textbox", { name: "IPv6 アドレス", exact: true }).fill("fd00:31::zz");
  await expect(wizard.getByText("2001:db8::11 のような IPv6 アドレスを入力してください。")).toBeVisible();
  await data.expectNoEnglish(wizard, "IPv6 設定 (アドレスのエラー)");
  await row.getByRole("textbox", { name: "IPv6 アドレス", exact: true }).fill("fd00:31::11");
  await expect(wizard.getByText("2001:db8::11 のような IPv6 アドレスを入力してください。")).toBeHidden();

  wizard = await next(wizard, "設定の確認");
  const finish = wizard.getByRole("button", { name: "終了" });
  await expect(finish).toBeEnabled();
  // The preflight's warning names the stack as the vSphere Client does.
  await expect(
    wizard.getByText("esx-01.lab.local の vMotion スタックにはデフォルト ゲートウェイがありません。", { exact: false }),
  ).toBeVisible();
  await expect(wizard.locator("code.step-method").first()).toBeVisible();
  await data.expectNoEnglish(wizard, "設定の確認");

  // The cancel question, answered "keep editing".
  await wizard.getByRole("button", { name: "キャンセル" }).click();
  const cancel = page.getByRole("alertdialog", { name: "ネットワークの追加をキャンセルしますか?" });
  await data.expectNoEnglish(cancel, "ネットワークの追加をキャンセルしますか?");
  await cancel.getByRole("button", { name: "編集を続ける" }).click();
  await expect(cancel).toBeHidden();

  await finish.click();
  wizard = await expectWizardPage(page, "VMkernel アダプタの追加完了");
  await expect(wizard.getByText(/VMkernel アダプタ vmk\d+ が esx-01\.lab\.local に追加されました。/)).toBeVisible();
  // The adapter's name and MAC address are the host's now.
  data.addNetworking(await admin.networking(hostId));
  await data.expectNoEnglish(wizard, "VMkernel アダプタの追加完了");

  // The result's link to the vMotion stack's Edit dialog, now that the stack is active.
  await wizard.getByRole("button", { name: "vMotion TCP/IP スタックの編集" }).click();
  await expect(wizardDialog(page)).toBeHidden();
  let dialog = page.getByRole("dialog", { name: "TCP/IP スタック構成の編集 – vMotion" });
  await editDialogPages(dialog, data, "vMotion");
  // A DNS server that is not an address: the field's error on its page.
  await dialog.getByRole("tab", { name: "DNS 構成" }).click();
  await dialog.getByRole("radio", { name: "設定を手動で入力" }).check();
  await dialog.getByLabel("優先 DNS サーバ").fill("dns-one");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog.getByText("192.168.10.11 のような IPv4 アドレスを入力してください。")).toBeVisible();
  await data.expectNoEnglish(dialog, "TCP/IP スタック構成の編集 – vMotion (DNS サーバのエラー)");
  await dialog.getByRole("button", { name: "キャンセル" }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole("heading", { level: 2, name: "TCP/IP 構成" })).toBeVisible();
  await expect(
    page
      .getByRole("row", { name: /^vMotion\b/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("アクティブ");
  // The whole page: header, host, navigation and the stacks' table.
  await data.expectNoEnglish(page.locator("body"), "TCP/IP 構成");

  await page.getByRole("button", { name: "デフォルト TCP/IP スタックの編集" }).click();
  dialog = page.getByRole("dialog", { name: "TCP/IP スタック構成の編集 – デフォルト" });
  await editDialogPages(dialog, data, "デフォルト");
  // A gateway outside every subnet of the stack's adapters.
  await dialog.getByRole("tab", { name: "ルーティング" }).click();
  await dialog.getByLabel("IPv4 ゲートウェイ").fill("10.99.0.1");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(
    dialog.getByText("デフォルト ゲートウェイは、このスタックのいずれかの VMkernel アダプタのサブネット内にある必要があります。"),
  ).toBeVisible();
  await data.expectNoEnglish(dialog, "TCP/IP スタック構成の編集 – デフォルト (ゲートウェイのエラー)");
  await dialog.getByRole("button", { name: "キャンセル" }).click();
  await expect(dialog).toBeHidden();
});

/** Each page of the Edit TCP/IP Stack Configuration dialog. */
async function editDialogPages(dialog: Locator, data: UiData, stack: string): Promise<void> {
  await expect(dialog.getByText("ホスト: esx-01.lab.local")).toBeVisible();
  for (const tab of ["DNS 構成", "ルーティング", "詳細"]) {
    await dialog.getByRole("tab", { name: tab }).click();
    await expect(dialog.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
    await data.expectNoEnglish(dialog, `TCP/IP スタック構成の編集 – ${stack} (${tab})`);
  }
  // The DNS page's other mode.
  await dialog.getByRole("tab", { name: "DNS 構成" }).click();
  const manual = dialog.getByRole("radio", { name: "設定を手動で入力" });
  const automatic = dialog.getByRole("radio", { name: "VMkernel ネットワーク アダプタから設定を自動的に取得" });
  if (await manual.isChecked()) {
    if (await automatic.isEnabled()) {
      await automatic.check();
      await data.expectNoEnglish(dialog, `TCP/IP スタック構成の編集 – ${stack} (DNS 構成、自動)`);
      await manual.check();
    }
  } else {
    await manual.check();
    await data.expectNoEnglish(dialog, `TCP/IP スタック構成の編集 – ${stack} (DNS 構成、手動)`);
    await automatic.check();
  }
}

test("no English word in a failed Finish's outcomes: rolled back, and partially applied", async ({ page, admin, sim }) => {
  test.setTimeout(90_000);
  const { data } = await esx01InJapanese(page, admin);

  // A DHCP adapter on a distributed port group with a default-stack service: AddVirtualNic, then SelectVnicForNicType.
  // (What a partial outcome leaves on the host, the adapter, does not conflict with these settings.)
  await page.getByRole("button", { name: "ネットワークの追加" }).click();
  let wizard = await expectWizardPage(page, "接続タイプの選択");
  wizard = await next(wizard, "ターゲット デバイスの選択");
  await wizard.getByRole("radio", { name: "既存のネットワークの選択" }).check();
  await wizard.getByRole("button", { name: "分散ポート グループの参照" }).click();
  const networks = page.getByRole("dialog", { name: "ネットワークの選択" });
  await networks.getByRole("radio", { name: "DPG-Storage" }).check();
  await networks.getByRole("button", { name: "OK" }).click();
  wizard = await next(wizard, "ポートのプロパティ");
  await wizard.getByRole("checkbox", { name: "Fault Tolerance のログ" }).check();
  wizard = await next(wizard, "IPv4 設定");
  wizard = await next(wizard, "設定の確認");
  const finish = wizard.getByRole("button", { name: "終了" });
  await expect(finish).toBeEnabled();
  await expect(wizard.locator("code.step-method")).toHaveText(["AddVirtualNic", "SelectVnicForNicType"]);
  const steps = wizard.locator(".step-row");

  try {
    // The last step fails: the adapter is removed again.
    await sim.injectFault({ method: "SelectVnicForNicType", fault: "HostConfigFault" });
    await finish.click();
    const outcome = wizard.getByRole("alert").filter({ hasText: "ステップ 2/2 (SelectVnicForNicType) が失敗しました" });
    await expect(outcome).toContainText("ホストの構成中にエラーが発生しました。");
    await expect(outcome).toContainText("esx-01.lab.local は変更前の状態です。");
    await expect(steps).toContainText(["ロールバック済み", "失敗"]);
    await data.expectNoEnglish(outcome, "設定の確認: 失敗してロールバックされた変更の結果");
    await data.expectNoEnglish(wizard, "設定の確認: 失敗してロールバックされた変更");

    // Again, and removing the adapter fails too: the adapter remains on the host.
    await sim.injectFault({ method: "SelectVnicForNicType", fault: "HostConfigFault" });
    await sim.injectFault({ method: "RemoveVirtualNic", fault: "ResourceInUse" });
    // The undo's method, which the outcome names (and the simulator's ResourceInUse names as the resource in use).
    data.add("RemoveVirtualNic");
    await expect(finish).toBeEnabled();
    await finish.click();
    const partial = wizard.getByRole("alert").filter({ hasText: "次のステップは元に戻せず、esx-01.lab.local に残っています" });
    await expect(partial).toContainText("ステップ 1 (RemoveVirtualNic) を元に戻せませんでした");
    await expect(steps).toContainText(["ロールバック失敗", "失敗"]);
    // The adapter left behind is the host's now.
    data.addNetworking(await admin.networking(await admin.hostId("esx-01")));
    await data.expectNoEnglish(partial, "設定の確認: 一部のみ適用された変更の結果");
    await data.expectNoEnglish(wizard, "設定の確認: 一部のみ適用された変更");
  } finally {
    await sim.clearFaults();
  }
});
