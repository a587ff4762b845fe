/**
 * Remove a VMkernel adapter, as the vSphere Client does: select it (its details below the list), Remove, Analyze
 * impact, Remove. The host's last management adapter is refused; the help desk removes on Cluster-Dev and is refused on
 * Cluster-Prod. The host is checked through addnet's API and through VMware's govc.
 */
import type { Locator, Page } from "@playwright/test";

import { vmotionOnNewSwitchExample } from "@addnet/contracts";
import { csrfToken, expect, govc, openVmkernelAdapters, signIn, test, type Api } from "../support/fixtures.ts";

/** The host's VMkernel adapters as addnet's API and govc list them. */
async function adapters(admin: Api, hostId: string, host: string): Promise<string[]> {
  const viaApi = (await admin.networking(hostId)).vmkernelAdapters.map((a) => a.device);
  const viaGovc = [...(await govc("host.vnic.info", "-host", host)).matchAll(/^Device:\s+(vmk\d+)$/gm)].map((m) => m[1]);
  expect(viaGovc).toEqual(viaApi);
  return viaApi;
}

async function openRemove(
  page: Page,
  device: string,
  words = { remove: "Remove selected network adapter", dialog: "Remove VMkernel Adapter" },
): Promise<Locator> {
  await page.getByRole("radio", { name: device, exact: true }).check();
  await page.getByRole("button", { name: words.remove }).click();
  return page.getByRole("dialog", { name: words.dialog });
}

test("remove the vMotion adapter after Analyze impact; the last management adapter is refused", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, vmotionOnNewSwitchExample());
  expect(await adapters(admin, hostId, "esx-01.lab.local")).toEqual(["vmk0", "vmk1"]);
  const shot = shots("remove-adapter");

  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  await page.getByRole("radio", { name: "vmk1", exact: true }).check();
  const details = page.getByRole("region", { name: "VMkernel adapter vmk1" });
  await expect(details.getByRole("tab", { name: "Properties" })).toBeVisible();
  await expect(details).toContainText("vMotion");
  await details.getByRole("tab", { name: "IP settings" }).click();
  await expect(details).toContainText("192.168.30.11");
  await shot.take("details");

  // vmk0 carries Management alone: vCenter would lose the host, so the removal is refused.
  let dialog = await openRemove(page, "vmk0");
  await expect(dialog.getByText("vmk0 cannot be removed:")).toBeVisible();
  await expect(dialog).toContainText("vCenter Server would lose its connection to the host");
  await expect(dialog.getByRole("button", { name: "Remove", exact: true })).toBeDisabled();
  await shot.take("refused");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  dialog = await openRemove(page, "vmk1");
  await expect(dialog.getByText("Removing vmk1 has this impact:")).toBeVisible();
  await expect(dialog).toContainText("the host will have no vMotion traffic");
  await expect(dialog).toContainText("the stack becomes inactive");
  await expect(dialog.getByText("RemoveVirtualNic", { exact: true })).toBeVisible();
  await shot.take("impact");
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("vmk1 was removed from esx-01.lab.local.")).toBeVisible();
  await expect(page.getByRole("radio", { name: "vmk1", exact: true })).toHaveCount(0);
  await shot.take("removed");

  expect(await adapters(admin, hostId, "esx-01.lab.local")).toEqual(["vmk0"]);
  const networking = await admin.networking(hostId);
  expect(networking.tcpipStacks.find((s) => s.key === "vmotion")?.active).toBe(false);
});

test("remove an adapter in Japanese", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, vmotionOnNewSwitchExample());
  const shot = shots("remove-adapter-ja");

  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();
  await page.goto(`/hosts/${encodeURIComponent(hostId)}/networking/vmkernel-adapters`);
  await expect(page.getByRole("heading", { level: 2, name: "VMkernel アダプタ" })).toBeVisible();
  const dialog = await openRemove(page, "vmk1", { remove: "選択したネットワーク アダプタの削除", dialog: "VMkernel アダプタの削除" });
  await expect(dialog.getByText("vmk1 を削除すると、次の影響があります:")).toBeVisible();
  await shot.take("impact");
  await dialog.getByRole("button", { name: "削除", exact: true }).click();
  await expect(page.getByText("vmk1 を esx-01.lab.local から削除しました。")).toBeVisible();
  expect(await adapters(admin, hostId, "esx-01.lab.local")).toEqual(["vmk0"]);
});

test("help-desk user: removes an adapter on Cluster-Dev, refused on Cluster-Prod", async ({ page, admin }) => {
  const dev = await admin.hostId("esx-05");
  const prod = await admin.hostId("esx-02");
  await admin.createAdapter(dev, vmotionOnNewSwitchExample());
  // Its own address: an address is one adapter's in the whole inventory.
  const example = vmotionOnNewSwitchExample();
  await admin.createAdapter(prod, {
    ...example,
    ipv4Settings: { ...example.ipv4Settings!, address: "192.168.30.12" } as typeof example.ipv4Settings,
  });

  await signIn(page, "helpdesk");
  await openVmkernelAdapters(page, dev);
  const dialog = await openRemove(page, "vmk1");
  await dialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByText("vmk1 was removed from esx-05.lab.local.")).toBeVisible();
  expect(await adapters(admin, dev, "esx-05.lab.local")).toEqual(["vmk0"]);

  await openVmkernelAdapters(page, prod);
  await page.getByRole("radio", { name: "vmk1", exact: true }).check();
  const remove = page.getByRole("button", { name: "Remove selected network adapter" });
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-02.lab.local");
  const res = await page.request.delete(`/api/v1/hosts/${encodeURIComponent(prod)}/vmkernel-adapters/vmk1`, {
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
  });
  expect(res.status(), await res.text()).toBe(403);
  expect(await adapters(admin, prod, "esx-02.lab.local")).toEqual(["vmk0", "vmk1"]);
});
