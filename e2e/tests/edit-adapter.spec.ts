/**
 * Edit Settings of a VMkernel adapter, as the vSphere Client does it: select the adapter, Edit, change its port
 * properties and IP settings, read Analyze impact, OK. The host's last management adapter keeps Management; a new
 * address for it is warned about; the help desk edits on Cluster-Dev and is refused on Cluster-Prod; the dialog in
 * Japanese. The host is checked through addnet's API and through VMware's govc.
 */
import type { VmkernelAdapterModel } from "@addnet/contracts";
import type { Locator, Page, Request } from "@playwright/test";

import { UiData } from "../support/english.ts";
import { csrfToken, expect, govc, openVmkernelAdapters, signIn, test, type Api } from "../support/fixtures.ts";

/** A default-stack adapter on vSwitch0's new "Replication" port group (VLAN 60) with vSphere Replication, its own gateway. */
function replicationAdapter(address: string): VmkernelAdapterModel {
  return {
    connectionType: "vmkernel",
    targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
    portProperties: {
      networkLabel: "Replication",
      vlanId: 60,
      ipSettings: "ipv4",
      mtu: { mode: "fromSwitch" },
      tcpipStack: "defaultTcpipStack",
      services: ["vSphereReplication"],
    },
    ipv4Settings: { mode: "static", address, subnetMask: "255.255.255.0", overrideGateway: true, defaultGateway: "192.168.60.1" },
  };
}

interface GovcVnic {
  device: string;
  portgroup: string;
  address: string;
  subnetMask: string;
  mtu: number;
  services: string[];
}

/**
 * The host's VMkernel adapters as VMware's govc reads them: `host.vnic.info` (address, enabled services) and, for what
 * it does not print (MTU, subnet mask), the host's config.network.vnic through `object.collect`.
 */
async function govcVnics(host: string): Promise<GovcVnic[]> {
  const info = JSON.parse(await govc("host.vnic.info", "-host", host, "-json")) as {
    Info: { Device: string; Network: string; Address: string; Services: string[] | null }[];
  };
  const [path] = (await govc("find", "/", "-type", "h", "-name", host)).trim().split("\n");
  const [vnic] = JSON.parse(await govc("object.collect", "-json", path!, "config.network.vnic")) as {
    Val: { HostVirtualNic: { Device: string; Spec: { Mtu: number; Ip: { IpAddress: string; SubnetMask: string } } }[] };
  }[];
  return info.Info.map((i) => {
    const spec = vnic!.Val.HostVirtualNic.find((n) => n.Device === i.Device)!.Spec;
    expect(spec.Ip.IpAddress).toBe(i.Address);
    return {
      device: i.Device,
      portgroup: i.Network,
      address: i.Address,
      subnetMask: spec.Ip.SubnetMask,
      mtu: spec.Mtu,
      services: [...(i.Services ?? [])].sort(),
    };
  });
}

/** One adapter as addnet's API and govc both have it: the two must agree. */
async function hostAdapter(admin: Api, hostId: string, host: string, device: string) {
  const viaApi = (await admin.networking(hostId)).vmkernelAdapters.find((a) => a.device === device);
  expect(viaApi, `${device} on ${host} through the API`).toBeDefined();
  const viaGovc = (await govcVnics(host)).find((a) => a.device === device);
  expect(viaGovc).toEqual({
    device,
    portgroup: viaApi!.portgroup,
    address: viaApi!.ipv4.address,
    subnetMask: viaApi!.ipv4.subnetMask,
    mtu: viaApi!.mtu,
    services: [...viaApi!.services].sort(),
  });
  return viaApi!;
}

/** Selects the adapter in the VMkernel adapters list and opens its Edit Settings dialog. */
async function openEdit(page: Page, device: string, words = { edit: "Edit settings", title: "Edit Settings" }): Promise<Locator> {
  await page.getByRole("radio", { name: device, exact: true }).check();
  const edit = page.getByRole("button", { name: words.edit, exact: true });
  await edit.click();
  const title = `${device} - ${words.title}`;
  const dialog = page.getByRole("dialog", { name: title });
  // However tall its pages, the dialog shows its title and its OK (the body scrolls, not the dialog off the window).
  await expect(dialog.getByRole("heading", { name: title })).toBeInViewport({ ratio: 1 });
  await expect(okButton(dialog)).toBeInViewport({ ratio: 1 });
  return dialog;
}

function okButton(dialog: Locator): Locator {
  return dialog.getByRole("button", { name: "OK" });
}

/** OK, in full view whatever the dialog holds (its body scrolls, not the dialog off the window), clicked. */
async function clickOk(dialog: Locator): Promise<void> {
  await expect(okButton(dialog)).toBeInViewport({ ratio: 1 });
  await okButton(dialog).click();
}

/** Every PATCH the page sends to an adapter, to show that a refused OK sends nothing. */
function recordEdits(page: Page): Request[] {
  const sent: Request[] = [];
  page.on("request", (r) => {
    if (r.method() === "PATCH" && r.url().includes("/vmkernel-adapters/")) sent.push(r);
  });
  return sent;
}

test("edit an adapter's address, services and MTU after Analyze impact; the host has it so", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, replicationAdapter("192.168.60.11"));
  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk1")).toMatchObject({
    ipv4: { address: "192.168.60.11" },
    mtu: 1500,
    services: ["vSphereReplication"],
  });
  const shot = shots("edit-adapter");

  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  const edit = page.getByRole("button", { name: "Edit settings", exact: true });
  // Nothing selected yet: nothing to edit. The button reads "✎ Edit" and is named "Edit settings".
  await expect(edit).toBeDisabled();
  await expect(edit).toHaveText("✎ Edit");
  const dialog = await openEdit(page, "vmk1");
  await expect(dialog.getByText("Host: esx-01.lab.local")).toBeVisible();
  await expect(dialog.getByRole("tab")).toHaveText(["Port properties", "IPv4 settings"]);

  // Port properties: the network, VLAN ID and stack as they are; the rest as the host has it.
  const port = dialog.getByRole("tabpanel", { name: "Port properties" });
  await expect(port.getByRole("group", { name: "Network label" })).toHaveText(/Replication$/);
  await expect(port.getByRole("group", { name: "VLAN ID" })).toHaveText(/60$/);
  await expect(port.getByRole("group", { name: "TCP/IP stack" })).toHaveText(/Default$/);
  await expect(port.getByRole("textbox", { name: "Network label" })).toHaveCount(0);
  await expect(port.getByRole("radio", { name: "IPv4", exact: true })).toBeChecked();
  await expect(port.getByRole("radio", { name: "Custom" })).toBeChecked();
  await expect(port.getByRole("radio", { name: "Get MTU from switch (1500)" })).not.toBeChecked();
  await expect(port.getByRole("textbox", { name: "MTU (Bytes)" })).toHaveValue("1500");
  await expect(port.getByRole("checkbox", { name: "vSphere Replication", exact: true })).toBeChecked();
  await expect(port.getByRole("checkbox", { name: "Management", exact: true })).not.toBeChecked();
  // No adapter is on the vMotion stack: vMotion may be enabled here.
  await expect(port.getByRole("checkbox", { name: "vMotion", exact: true })).toBeEnabled();
  const impact = dialog.getByRole("region", { name: "Impact" });
  await expect(impact).toContainText("Change a setting to see what the change does on the host.");
  await shot.take("dialog");

  // vMotion instead of vSphere Replication, MTU 1400 (vSwitch0's is 1500), a new address in the same subnet.
  await port.getByRole("checkbox", { name: "vMotion", exact: true }).check();
  await port.getByRole("checkbox", { name: "vSphere Replication", exact: true }).uncheck();
  await port.getByRole("textbox", { name: "MTU (Bytes)" }).fill("1400");
  await dialog.getByRole("tab", { name: "IPv4 settings" }).click();
  const v4 = dialog.getByRole("tabpanel", { name: "IPv4 settings" });
  await expect(v4.getByRole("radio", { name: "Use static IPv4 settings" })).toBeChecked();
  await expect(v4.getByRole("textbox", { name: "Subnet mask" })).toHaveValue("255.255.255.0");
  await expect(v4.getByRole("checkbox", { name: "Override default gateway for this adapter" })).toBeChecked();
  await expect(v4.getByRole("textbox", { name: "Default gateway" })).toHaveValue("192.168.60.1");
  await expect(v4.getByRole("textbox", { name: "IPv4 address" })).toHaveValue("192.168.60.11");
  await v4.getByRole("textbox", { name: "IPv4 address" }).fill("192.168.60.21");

  // Analyze impact: the host loses its only vSphere Replication adapter; the calls OK makes.
  const calls = dialog.getByRole("region", { name: "vSphere API calls that OK makes" });
  await expect(calls).toContainText("Set vmk1 to IPv4 192.168.60.21/255.255.255.0, IPv6 --, MTU 1400");
  await expect(calls.locator("code")).toHaveText(["UpdateVirtualNic", "SelectVnicForNicType", "DeselectVnicForNicType"]);
  await expect(calls).toContainText("Enable vMotion on vmk1");
  await expect(impact.getByText("Important impact")).toBeVisible();
  await expect(impact).toContainText("This change to vmk1 has this impact:");
  await expect(impact).toContainText(
    "vmk1 is the only adapter with vSphere Replication on esx-01.lab.local: without it the host will have no vSphere Replication traffic.",
  );
  await expect(okButton(dialog)).toBeEnabled();
  await calls.scrollIntoViewIfNeeded();
  await shot.take("impact");

  await clickOk(dialog);
  await expect(dialog).toBeHidden();
  await expect(page.getByText("vmk1 was edited on esx-01.lab.local.")).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "vmk1", exact: true }) });
  await expect(row).toContainText("192.168.60.21");
  await expect(row.getByRole("cell").last()).toHaveText("vMotion");
  const details = page.getByRole("region", { name: "VMkernel adapter vmk1" });
  await expect(details.getByRole("definition").filter({ hasText: /^1400$/ })).toBeVisible();
  await shot.take("edited");

  // The host as addnet's API and as govc read it.
  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk1")).toMatchObject({
    portgroup: "Replication",
    switchName: "vSwitch0",
    tcpipStack: "defaultTcpipStack",
    ipv4: { dhcp: false, address: "192.168.60.21", subnetMask: "255.255.255.0" },
    gatewayOverride: { defaultGateway: "192.168.60.1" },
    mtu: 1400,
    services: ["vmotion"],
  });
  expect((await govcVnics("esx-01.lab.local")).find((v) => v.device === "vmk1")).toEqual({
    device: "vmk1",
    portgroup: "Replication",
    address: "192.168.60.21",
    subnetMask: "255.255.255.0",
    mtu: 1400,
    services: ["vmotion"],
  });
});

test("vmk0 keeps Management: unchecking it is refused and sends nothing; a new address is warned about", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const before = await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk0");
  expect(before).toMatchObject({ ipv4: { address: "10.10.0.11" }, services: ["management"] });
  const shot = shots("edit-adapter-management");
  const sent = recordEdits(page);

  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  const dialog = await openEdit(page, "vmk0");
  // vmk0 has IPv6 by router advertisement: all three pages.
  await expect(dialog.getByRole("tab")).toHaveText(["Port properties", "IPv4 settings", "IPv6 settings"]);
  const management = dialog.getByRole("checkbox", { name: "Management", exact: true });
  await expect(management).toBeChecked();
  await management.uncheck();

  const refusal =
    "vmk0 is the only adapter with Management on esx-01.lab.local: vCenter Server would lose its connection to the host. Enable Management on another adapter first.";
  const services = dialog.getByRole("group", { name: "Enabled services" });
  await expect(services).toHaveAccessibleDescription(refusal);
  await expect(dialog.getByText(refusal)).toBeVisible();
  // Nothing valid to analyze: no call is planned.
  const impact = dialog.getByRole("region", { name: "Impact" });
  await expect(impact).toContainText("Complete or correct the settings to see what the change does on the host.");
  await expect(impact.getByRole("button", { name: "Analyze impact" })).toBeDisabled();
  await expect(dialog.getByRole("region", { name: "vSphere API calls that OK makes" })).toHaveCount(0);
  await impact.scrollIntoViewIfNeeded();
  await shot.take("refused");

  // OK shows the refusal and sends nothing: the dialog stays, the page still on Port properties.
  await clickOk(dialog);
  await expect(dialog.getByRole("tab", { name: "Port properties" })).toHaveClass(/invalid/);
  await expect(dialog).toBeVisible();
  await expect(services).toHaveAccessibleDescription(refusal);
  expect(sent).toEqual([]);

  // The server refuses the same edit when sent without the UI.
  const res = await page.request.patch(`/api/v1/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters/vmk0`, {
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
    data: {
      portProperties: { ipSettings: "ipv4", mtu: { mode: "custom", value: 1500 }, services: [] },
      ipv4Settings: { mode: "static", address: "10.10.0.11", subnetMask: "255.255.255.0", overrideGateway: false },
    },
  });
  expect(res.status(), await res.text()).toBe(422);
  expect(await res.text()).toContain("remove.lastManagement");

  // Management back: nothing changed any more.
  await management.check();
  await expect(services).not.toHaveAccessibleDescription(refusal);
  await expect(impact).toContainText("Change a setting to see what the change does on the host.");

  // A new address for the management adapter: allowed, with the warning that vCenter may lose the host.
  await dialog.getByRole("tab", { name: "IPv4 settings" }).click();
  await dialog.getByRole("textbox", { name: "IPv4 address" }).fill("10.10.0.111");
  await expect(impact.getByText("Important impact")).toBeVisible();
  await expect(impact).toContainText(
    "vmk0 carries Management: if vCenter Server reaches esx-01.lab.local at 10.10.0.11, the host disconnects until it is added again at its new address.",
  );
  await expect(dialog.getByRole("region", { name: "vSphere API calls that OK makes" })).toContainText(
    "Set vmk0 to IPv4 10.10.0.111/255.255.255.0, IPv6 RA, MTU 1500",
  );
  await expect(okButton(dialog)).toBeEnabled();
  await impact.scrollIntoViewIfNeeded();
  await shot.take("management-address");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  expect(sent).toEqual([]);
  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk0")).toEqual(before);
});

test("edit an adapter in Japanese", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, replicationAdapter("192.168.60.11"));
  const shot = shots("edit-adapter-ja");

  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();
  await page.goto(`/hosts/${encodeURIComponent(hostId)}/networking/vmkernel-adapters`);
  await expect(page.getByRole("heading", { level: 2, name: "VMkernel アダプタ" })).toBeVisible();
  await expect(page.getByRole("button", { name: "設定の編集", exact: true })).toHaveText("✎ 編集");
  const dialog = await openEdit(page, "vmk1", { edit: "設定の編集", title: "設定の編集" });
  await expect(dialog.getByText("ホスト: esx-01.lab.local")).toBeVisible();
  await expect(dialog.getByRole("tab")).toHaveText(["ポートのプロパティ", "IPv4 設定"]);
  await expect(dialog.getByRole("group", { name: "TCP/IP スタック" })).toHaveText(/デフォルト$/);
  const impact = dialog.getByRole("region", { name: "影響" });
  await expect(impact).toContainText("設定を変更すると、その変更がホストに与える影響が表示されます。");

  // vMotion besides vSphere Replication, MTU 1280: nothing the host depends on is taken away.
  await dialog.getByRole("checkbox", { name: "vMotion", exact: true }).check();
  await dialog.getByRole("textbox", { name: "MTU (バイト)" }).fill("1280");
  const calls = dialog.getByRole("region", { name: "[OK] で実行される vSphere API の呼び出し" });
  await expect(calls).toContainText("vmk1 を IPv4 192.168.60.11/255.255.255.0、IPv6 --、MTU 1280 に設定");
  await expect(calls).toContainText("vmk1 で vMotion を有効化");
  await expect(impact.getByText("影響なし")).toBeVisible();
  await expect(impact).toContainText("この変更で vmk1 から外れるものに依存するホストのサービスはありません。");
  const data = new UiData().addNetworking(await admin.networking(hostId));
  await data.expectNoEnglish(dialog, "vmk1 - 設定の編集");
  await calls.scrollIntoViewIfNeeded();
  await shot.take("impact");

  await clickOk(dialog);
  await expect(dialog).toBeHidden();
  await expect(page.getByText("esx-01.lab.local の vmk1 を編集しました。")).toBeVisible();
  await shot.take("edited");

  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk1")).toMatchObject({
    ipv4: { address: "192.168.60.11" },
    mtu: 1280,
    services: expect.arrayContaining(["vSphereReplication", "vmotion"]),
  });
});

test("help-desk user: edits an adapter on Cluster-Dev, refused on Cluster-Prod", async ({ page, admin, shots }) => {
  const dev = await admin.hostId("esx-05");
  const prod = await admin.hostId("esx-02");
  // An address is one adapter's in the whole inventory: each host's adapter its own.
  await admin.createAdapter(dev, replicationAdapter("192.168.60.15"));
  await admin.createAdapter(prod, replicationAdapter("192.168.60.12"));
  const prodBefore = await admin.networking(prod);
  const prodGovcBefore = await govcVnics("esx-02.lab.local");
  const shot = shots("edit-adapter-helpdesk");

  await signIn(page, "helpdesk");
  await openVmkernelAdapters(page, dev);
  const dialog = await openEdit(page, "vmk1");
  await dialog.getByRole("tab", { name: "IPv4 settings" }).click();
  await dialog.getByRole("textbox", { name: "IPv4 address" }).fill("192.168.60.25");
  await expect(dialog.getByRole("region", { name: "vSphere API calls that OK makes" })).toContainText(
    "Set vmk1 to IPv4 192.168.60.25/255.255.255.0, IPv6 --, MTU 1500",
  );
  await expect(dialog.getByRole("region", { name: "Impact" }).getByText("No impact")).toBeVisible();
  await clickOk(dialog);
  await expect(dialog).toBeHidden();
  await expect(page.getByText("vmk1 was edited on esx-05.lab.local.")).toBeVisible();
  expect(await hostAdapter(admin, dev, "esx-05.lab.local", "vmk1")).toMatchObject({
    ipv4: { address: "192.168.60.25", subnetMask: "255.255.255.0" },
    services: ["vSphereReplication"],
  });

  await openVmkernelAdapters(page, prod);
  await page.getByRole("radio", { name: "vmk1", exact: true }).check();
  const edit = page.getByRole("button", { name: "Edit settings", exact: true });
  await expect(edit).toBeDisabled();
  await expect(edit).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-02.lab.local");
  await shot.take("refused");
  const res = await page.request.patch(`/api/v1/hosts/${encodeURIComponent(prod)}/vmkernel-adapters/vmk1`, {
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
    data: {
      portProperties: { ipSettings: "ipv4", mtu: { mode: "custom", value: 1500 }, services: ["vSphereReplication"] },
      ipv4Settings: { mode: "static", address: "192.168.60.22", subnetMask: "255.255.255.0", overrideGateway: false },
    },
  });
  expect(res.status(), await res.text()).toBe(403);
  expect(await res.text()).toContain("Host.Config.Network");

  expect(await admin.networking(prod)).toEqual(prodBefore);
  expect(await govcVnics("esx-02.lab.local")).toEqual(prodGovcBefore);
});
