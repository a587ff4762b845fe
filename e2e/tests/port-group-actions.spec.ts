/**
 * Virtual switches view: a standard port group's Edit Settings (network label, VLAN ID) and Remove, as the vSphere
 * Client does them; the management port group's removal refused; the help desk allowed on Cluster-Dev, refused on
 * Cluster-Prod. The host is checked through addnet's API and through VMware's govc.
 */
import type { Page } from "@playwright/test";

import { csrfToken, expect, govcPortGroups, signIn, test, type Api } from "../support/fixtures.ts";

/** The host's port groups as addnet's API and govc list them, by name. */
async function portGroups(admin: Api, hostId: string, host: string) {
  const viaApi = (await admin.networking(hostId)).portgroups.map(({ name, vswitch, vlanId }) => ({ name, vswitch, vlanId }));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  expect((await govcPortGroups(host)).sort(byName)).toEqual([...viaApi].sort(byName));
  return viaApi;
}

async function openVirtualSwitches(page: Page, hostId: string, heading = "Virtual switches"): Promise<void> {
  await page.goto(`/hosts/${encodeURIComponent(hostId)}/networking/virtual-switches`);
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
}

test("edit a port group's label and VLAN, remove another; the management port group cannot go", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const shot = shots("port-group-actions");

  await signIn(page, "administrator");
  await openVirtualSwitches(page, hostId);
  await page.getByRole("button", { name: "Edit Settings of VM Network" }).click();
  const edit = page.getByRole("dialog", { name: "VM Network - Edit Settings" });
  await edit.getByLabel("Network label").fill("Management Network");
  // OK checks the host's rules first: the name is taken, nothing is sent and the dialog stays.
  await edit.getByRole("button", { name: "OK" }).click();
  await expect(edit.getByLabel("Network label")).toHaveAccessibleDescription(
    'esx-01.lab.local already has a port group named "Management Network".',
  );
  await edit.getByLabel("Network label").fill("VM Web");
  await edit.getByLabel("VLAN ID").fill("20");
  await shot.take("edit");
  await edit.getByRole("button", { name: "OK" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('Port group "VM Web" was updated on esx-01.lab.local.')).toBeVisible();
  expect(await portGroups(admin, hostId, "esx-01.lab.local")).toEqual([
    { name: "Management Network", vswitch: "vSwitch0", vlanId: 0 },
    { name: "VM Web", vswitch: "vSwitch0", vlanId: 20 },
  ]);

  const removeManagement = page.getByRole("button", { name: "Remove Management Network" });
  await expect(removeManagement).toBeDisabled();
  await expect(removeManagement).toHaveAccessibleDescription("vmk0 is on Management Network: remove the VMkernel adapter first.");

  await page.getByRole("button", { name: "Remove VM Web" }).click();
  const remove = page.getByRole("dialog", { name: "Remove Port Group" });
  await expect(remove.getByText('Remove port group "VM Web" from vSwitch0?')).toBeVisible();
  await shot.take("remove");
  await remove.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByText('Port group "VM Web" was removed from esx-01.lab.local.')).toBeVisible();
  expect(await portGroups(admin, hostId, "esx-01.lab.local")).toEqual([{ name: "Management Network", vswitch: "vSwitch0", vlanId: 0 }]);
});

test("edit a port group in Japanese", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const shot = shots("port-group-actions-ja");
  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();
  await openVirtualSwitches(page, hostId, "仮想スイッチ");
  await page.getByRole("button", { name: "VM Network の設定の編集" }).click();
  const edit = page.getByRole("dialog", { name: "VM Network - 設定の編集" });
  await edit.getByLabel("VLAN ID").fill("4095");
  await shot.take("edit");
  await edit.getByRole("button", { name: "OK" }).click();
  await expect(page.getByText("ポート グループ「VM Network」を esx-01.lab.local で更新しました。")).toBeVisible();
  expect(await portGroups(admin, hostId, "esx-01.lab.local")).toContainEqual({ name: "VM Network", vswitch: "vSwitch0", vlanId: 4095 });
});

test("help-desk user: edits a port group on Cluster-Dev, refused on Cluster-Prod", async ({ page, admin }) => {
  const dev = await admin.hostId("esx-05");
  const prod = await admin.hostId("esx-02");
  const prodBefore = await portGroups(admin, prod, "esx-02.lab.local");

  await signIn(page, "helpdesk");
  await openVirtualSwitches(page, dev);
  await page.getByRole("button", { name: "Edit Settings of VM Network" }).click();
  const edit = page.getByRole("dialog", { name: "VM Network - Edit Settings" });
  await edit.getByLabel("VLAN ID").fill("50");
  await edit.getByRole("button", { name: "OK" }).click();
  await expect(page.getByText('Port group "VM Network" was updated on esx-05.lab.local.')).toBeVisible();
  expect(await portGroups(admin, dev, "esx-05.lab.local")).toContainEqual({ name: "VM Network", vswitch: "vSwitch0", vlanId: 50 });

  await openVirtualSwitches(page, prod);
  const editProd = page.getByRole("button", { name: "Edit Settings of VM Network" });
  await expect(editProd).toBeDisabled();
  await expect(editProd).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-02.lab.local");
  const res = await page.request.delete(`/api/v1/hosts/${encodeURIComponent(prod)}/port-groups/${encodeURIComponent("VM Network")}`, {
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
  });
  expect(res.status(), await res.text()).toBe(403);
  expect(await portGroups(admin, prod, "esx-02.lab.local")).toEqual(prodBefore);
});
