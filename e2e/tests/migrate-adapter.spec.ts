/**
 * Migrate a VMkernel adapter between a standard and a distributed switch, from the VMkernel adapters view: select the
 * adapter, Migrate, choose the distributed port group (or the standard switch, network label and VLAN ID of the port
 * group made for it), read Analyze impact, OK. There and back on esx-01; in Japanese; the help desk migrates on
 * Cluster-Dev, may not assign the distributed port groups, and is refused on Cluster-Prod. The host is checked through
 * addnet's API and through VMware's govc.
 */
import type { VmkernelAdapterModel } from "@addnet/contracts";
import type { Locator, Page, Request } from "@playwright/test";

import { UiData } from "../support/english.ts";
import { csrfToken, expect, govc, govcPortGroups, openVmkernelAdapters, signIn, test, type Api } from "../support/fixtures.ts";

/**
 * A default-stack adapter with vSphere Replication on vSwitch0's new "Storage" port group (VLAN 50), at MTU 1500: vSwitch0's
 * MTU, which DSwitch-Lab's 9000 takes too, so that it may go there and back.
 */
function storageAdapter(address: string): VmkernelAdapterModel {
  return {
    connectionType: "vmkernel",
    targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
    portProperties: {
      networkLabel: "Storage",
      vlanId: 50,
      ipSettings: "ipv4",
      mtu: { mode: "custom", value: 1500 },
      tcpipStack: "defaultTcpipStack",
      services: ["vSphereReplication"],
    },
    ipv4Settings: { mode: "static", address, subnetMask: "255.255.255.0", overrideGateway: false },
  };
}

/** The same adapter made right on a distributed port group, at MTU 1500 for vSwitch0's sake. */
function distributedAdapter(portgroupKey: string, address: string): VmkernelAdapterModel {
  const { ipSettings, mtu, tcpipStack, services } = storageAdapter(address).portProperties;
  return {
    ...storageAdapter(address),
    targetDevice: { kind: "existingNetwork", portgroupKey },
    // The distributed port group names the network and its VLAN.
    portProperties: { ipSettings, mtu, tcpipStack, services },
  };
}

/** A distributed port group's key, as the API lists the host's. */
async function portgroupKey(admin: Api, hostId: string, name: string): Promise<string> {
  const dvpg = (await admin.networking(hostId)).distributedPortgroups.find((p) => p.name === name);
  expect(dvpg, `${name} on ${hostId}`).toBeDefined();
  return dvpg!.key;
}

interface GovcVnic {
  device: string;
  portgroup: string;
  portgroupKey: string | null;
  address: string;
  subnetMask: string;
  mtu: number;
}

/** The host's VMkernel adapters as VMware's govc reads its config.network.vnic: a standard port group or a distributed port. */
async function govcVnics(host: string): Promise<GovcVnic[]> {
  const [path] = (await govc("find", "/", "-type", "h", "-name", host)).trim().split("\n");
  const [vnic] = JSON.parse(await govc("object.collect", "-json", path!, "config.network.vnic")) as {
    Val: {
      HostVirtualNic: {
        Device: string;
        Portgroup: string;
        Spec: {
          Mtu: number;
          Ip: { IpAddress: string; SubnetMask: string };
          DistributedVirtualPort: { PortgroupKey: string } | null;
        };
      }[];
    };
  }[];
  return vnic!.Val.HostVirtualNic.map((n) => ({
    device: n.Device,
    portgroup: n.Portgroup,
    portgroupKey: n.Spec.DistributedVirtualPort?.PortgroupKey ?? null,
    address: n.Spec.Ip.IpAddress,
    subnetMask: n.Spec.Ip.SubnetMask,
    mtu: n.Spec.Mtu,
  }));
}

/** One adapter as addnet's API and govc both have it: the two must agree. */
async function hostAdapter(admin: Api, hostId: string, host: string, device: string) {
  const viaApi = (await admin.networking(hostId)).vmkernelAdapters.find((a) => a.device === device);
  expect(viaApi, `${device} on ${host} through the API`).toBeDefined();
  expect((await govcVnics(host)).find((a) => a.device === device)).toEqual({
    device,
    portgroup: viaApi!.portgroup ?? "",
    portgroupKey: viaApi!.distributedPort?.portgroupKey ?? null,
    address: viaApi!.ipv4.address,
    subnetMask: viaApi!.ipv4.subnetMask,
    mtu: viaApi!.mtu,
  });
  return viaApi!;
}

const WORDS = {
  en: {
    toDistributed: "Migrate to a distributed switch",
    toStandard: "Migrate to a standard switch",
    distributedTitle: "Migrate to Distributed Switch",
    standardTitle: "Migrate to Standard Switch",
  },
  ja: {
    toDistributed: "分散スイッチへの移行",
    toStandard: "標準スイッチへの移行",
    distributedTitle: "分散スイッチへの移行",
    standardTitle: "標準スイッチへの移行",
  },
};

/** Selects the adapter in the VMkernel adapters list and opens its migration to the other kind of switch. */
async function openMigrate(page: Page, device: string, to: "distributed" | "standard", words = WORDS.en): Promise<Locator> {
  await page.getByRole("radio", { name: device, exact: true }).check();
  const action = page.getByRole("button", { name: to === "distributed" ? words.toDistributed : words.toStandard, exact: true });
  await action.click();
  const title = `${device} - ${to === "distributed" ? words.distributedTitle : words.standardTitle}`;
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog.getByRole("heading", { name: title })).toBeInViewport({ ratio: 1 });
  await expect(okButton(dialog)).toBeInViewport({ ratio: 1 });
  return dialog;
}

function okButton(dialog: Locator): Locator {
  return dialog.getByRole("button", { name: "OK" });
}

/** Every migration the page sends, to show that a refused one sends nothing. */
function recordMigrations(page: Page): Request[] {
  const sent: Request[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && /\/migration$/.test(new URL(r.url()).pathname)) sent.push(r);
  });
  return sent;
}

test("migrate an adapter to DPG-Storage and back to a new port group on vSwitch0; the host has it so", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, storageAdapter("192.168.50.11"));
  const storageKey = await portgroupKey(admin, hostId, "DPG-Storage");
  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk1")).toMatchObject({
    portgroup: "Storage",
    distributedPort: null,
    mtu: 1500,
  });
  const shot = shots("migrate-adapter");
  const sent = recordMigrations(page);

  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  // Nothing selected: nothing to migrate. The button reads "⇄ Migrate".
  const idle = page.getByRole("button", { name: "Migrate selected network adapter" });
  await expect(idle).toBeDisabled();
  await expect(idle).toHaveText("⇄ Migrate");

  let dialog = await openMigrate(page, "vmk1", "distributed");
  await expect(dialog.getByText("Host: esx-01.lab.local")).toBeVisible();
  await expect(dialog.getByRole("group", { name: "Current network" })).toHaveText(/Storage \(vSwitch0\)$/);
  const table = dialog.getByRole("table", { name: "Distributed port groups" });
  await expect(table.getByRole("radio")).toHaveCount(3);
  for (const radio of await table.getByRole("radio").all()) await expect(radio).toBeEnabled();
  const impact = dialog.getByRole("region", { name: "Impact" });
  await expect(impact).toContainText("Select a distributed port group to see what the migration does on the host.");
  await expect(impact.getByRole("button", { name: "Analyze impact" })).toBeDisabled();
  await shot.take("to-distributed");

  await table.getByRole("radio", { name: "DPG-Storage" }).check();
  const calls = dialog.getByRole("region", { name: "vSphere API calls that OK makes" });
  await expect(calls).toContainText("Migrate vmk1 from Storage to distributed port group DPG-Storage");
  await expect(calls.locator("code")).toHaveText(["UpdateVirtualNic"]);
  await expect(impact.getByText("No impact")).toBeVisible();
  await expect(okButton(dialog)).toBeEnabled();
  await calls.scrollIntoViewIfNeeded();
  await shot.take("to-distributed-impact");

  await okButton(dialog).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("vmk1 was migrated to DPG-Storage on esx-01.lab.local.")).toBeVisible();
  let row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "vmk1", exact: true }) });
  await expect(row).toContainText("DPG-Storage");
  await expect(row).toContainText("DSwitch-Lab");
  await expect(row).toContainText("192.168.50.11");
  await shot.take("on-distributed");
  expect(sent).toHaveLength(1);
  expect(sent[0]!.postDataJSON()).toEqual({ to: "distributed", portgroupKey: storageKey });
  expect(sent[0]!.headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);

  // On the distributed port group, with its address, services and MTU, as addnet's API and govc read the host.
  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk1")).toMatchObject({
    networkLabel: "DPG-Storage",
    switchName: "DSwitch-Lab",
    portgroup: null,
    distributedPort: { portgroupKey: storageKey },
    ipv4: { dhcp: false, address: "192.168.50.11", subnetMask: "255.255.255.0" },
    mtu: 1500,
    services: ["vSphereReplication"],
  });

  // Back to a standard switch: vSwitch0, a new port group named as the distributed one and with its VLAN ID to start with.
  dialog = await openMigrate(page, "vmk1", "standard");
  await expect(dialog.getByRole("group", { name: "Current network" })).toHaveText(/DPG-Storage \(DSwitch-Lab\)$/);
  await expect(dialog.getByRole("combobox", { name: "Standard switch" })).toHaveValue("vSwitch0");
  const label = dialog.getByRole("textbox", { name: "Network label" });
  const vlan = dialog.getByLabel("VLAN ID");
  await expect(label).toHaveValue("DPG-Storage");
  await expect(vlan).toHaveValue("50");
  // "Storage", which vmk1 left, is still the host's: its name is taken.
  await label.fill("Storage");
  await expect(dialog.getByText('esx-01.lab.local already has a port group named "Storage".')).toBeVisible();
  await expect(label).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByRole("region", { name: "Impact" })).toContainText(
    "Complete or correct the settings to see what the migration does on the host.",
  );
  await shot.take("to-standard-label-in-use");

  await label.fill("Storage-Back");
  await vlan.fill("55");
  const back = dialog.getByRole("region", { name: "vSphere API calls that OK makes" });
  await expect(back).toContainText('Add port group "Storage-Back" (VLAN 55) to vSwitch0');
  await expect(back).toContainText('Migrate vmk1 from DPG-Storage to standard port group "Storage-Back"');
  await expect(back.locator("code")).toHaveText(["AddPortGroup", "UpdateVirtualNic"]);
  await expect(dialog.getByRole("region", { name: "Impact" }).getByText("No impact")).toBeVisible();
  await expect(okButton(dialog)).toBeEnabled();
  await back.scrollIntoViewIfNeeded();
  await shot.take("to-standard-impact");

  await okButton(dialog).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("vmk1 was migrated to Storage-Back on esx-01.lab.local.")).toBeVisible();
  row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "vmk1", exact: true }) });
  await expect(row).toContainText("Storage-Back");
  await expect(row).toContainText("vSwitch0");
  await shot.take("on-standard");
  expect(sent.map((r) => r.postDataJSON())).toEqual([
    { to: "distributed", portgroupKey: storageKey },
    { to: "standard", vswitchName: "vSwitch0", networkLabel: "Storage-Back", vlanId: 55 },
  ]);
  expect(sent[1]!.headers()["idempotency-key"]).not.toBe(sent[0]!.headers()["idempotency-key"]);

  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk1")).toMatchObject({
    networkLabel: "Storage-Back",
    switchName: "vSwitch0",
    portgroup: "Storage-Back",
    distributedPort: null,
    ipv4: { dhcp: false, address: "192.168.50.11", subnetMask: "255.255.255.0" },
    mtu: 1500,
    services: ["vSphereReplication"],
  });
  const portGroups = await govcPortGroups("esx-01.lab.local");
  expect(portGroups).toContainEqual({ name: "Storage-Back", vswitch: "vSwitch0", vlanId: 55 });
  expect((await admin.networking(hostId)).portgroups).toContainEqual({
    name: "Storage-Back",
    vlanId: 55,
    vswitch: "vSwitch0",
    vmkernelAdapter: "vmk1",
    // A new port group has the switch's policies.
    security: null,
    teaming: null,
    failoverOrder: null,
  });
});

test("migrate an adapter in Japanese", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, storageAdapter("192.168.50.11"));
  const storageKey = await portgroupKey(admin, hostId, "DPG-Storage");
  const shot = shots("migrate-adapter-ja");

  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();
  await page.goto(`/hosts/${encodeURIComponent(hostId)}/networking/vmkernel-adapters`);
  await expect(page.getByRole("heading", { level: 2, name: "VMkernel アダプタ" })).toBeVisible();
  await expect(page.getByRole("button", { name: "選択したネットワーク アダプタの移行" })).toHaveText("⇄ 移行");
  const dialog = await openMigrate(page, "vmk1", "distributed", WORDS.ja);
  await expect(dialog.getByText("ホスト: esx-01.lab.local")).toBeVisible();
  const impact = dialog.getByRole("region", { name: "影響" });
  await expect(impact).toContainText("分散ポート グループを選択すると、移行がホストに与える影響が表示されます。");
  await dialog.getByRole("table", { name: "分散ポート グループ" }).getByRole("radio", { name: "DPG-Storage" }).check();
  const calls = dialog.getByRole("region", { name: "[OK] で実行される vSphere API の呼び出し" });
  await expect(calls).toContainText("vmk1 を Storage から分散ポート グループ DPG-Storage に移行");
  await expect(impact.getByText("影響なし")).toBeVisible();
  const data = new UiData().addNetworking(await admin.networking(hostId));
  await data.expectNoEnglish(dialog, "vmk1 - 分散スイッチへの移行");
  await calls.scrollIntoViewIfNeeded();
  await shot.take("impact");

  await okButton(dialog).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("esx-01.lab.local の vmk1 を DPG-Storage に移行しました。")).toBeVisible();
  await expect(page.getByRole("button", { name: "標準スイッチへの移行" })).toBeEnabled();
  await shot.take("migrated");

  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk1")).toMatchObject({
    networkLabel: "DPG-Storage",
    distributedPort: { portgroupKey: storageKey },
    ipv4: { address: "192.168.50.11" },
  });
});

test("help-desk user: migrates to a standard switch on Cluster-Dev, may not assign DPG-Storage, refused on Cluster-Prod", async ({
  page,
  admin,
  shots,
}) => {
  const dev = await admin.hostId("esx-05");
  const prod = await admin.hostId("esx-02");
  const storageKey = await portgroupKey(admin, dev, "DPG-Storage");
  // An address is one adapter's in the whole inventory: each host's adapter its own.
  await admin.createAdapter(dev, distributedAdapter(storageKey, "192.168.50.15"));
  await admin.createAdapter(prod, storageAdapter("192.168.50.12"));
  expect(await hostAdapter(admin, dev, "esx-05.lab.local", "vmk1")).toMatchObject({ distributedPort: { portgroupKey: storageKey } });
  const prodBefore = await admin.networking(prod);
  const prodGovcBefore = await govcVnics("esx-02.lab.local");
  const shot = shots("migrate-adapter-helpdesk");
  const sent = recordMigrations(page);

  await signIn(page, "helpdesk");
  await openVmkernelAdapters(page, dev);
  let dialog = await openMigrate(page, "vmk1", "standard");
  await dialog.getByRole("textbox", { name: "Network label" }).fill("Dev-Storage");
  await dialog.getByLabel("VLAN ID").fill("0");
  await expect(dialog.getByRole("region", { name: "vSphere API calls that OK makes" })).toContainText(
    'Migrate vmk1 from DPG-Storage to standard port group "Dev-Storage"',
  );
  await expect(dialog.getByRole("region", { name: "Impact" }).getByText("No impact")).toBeVisible();
  await okButton(dialog).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("vmk1 was migrated to Dev-Storage on esx-05.lab.local.")).toBeVisible();
  expect(await hostAdapter(admin, dev, "esx-05.lab.local", "vmk1")).toMatchObject({
    portgroup: "Dev-Storage",
    distributedPort: null,
    ipv4: { address: "192.168.50.15", subnetMask: "255.255.255.0" },
  });
  expect(await govcPortGroups("esx-05.lab.local")).toContainEqual({ name: "Dev-Storage", vswitch: "vSwitch0", vlanId: 0 });

  // To a distributed switch: the help desk holds Network.Assign on none of DSwitch-Lab's port groups.
  dialog = await openMigrate(page, "vmk1", "distributed");
  const storage = dialog.getByRole("radio", { name: "DPG-Storage" });
  await expect(storage).toBeDisabled();
  await expect(storage).toHaveAccessibleDescription("Missing privilege Network.Assign on DPG-Storage");
  await expect(dialog.getByText("Missing privilege Network.Assign on DPG-Storage")).toBeVisible();
  await shot.take("no-assign");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  const noAssign = await page.request.post(`/api/v1/hosts/${encodeURIComponent(dev)}/vmkernel-adapters/vmk1/migration`, {
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
    data: { to: "distributed", portgroupKey: storageKey },
  });
  expect(noAssign.status(), await noAssign.text()).toBe(403);
  expect(await noAssign.text()).toContain("Network.Assign");
  expect(await hostAdapter(admin, dev, "esx-05.lab.local", "vmk1")).toMatchObject({ portgroup: "Dev-Storage", distributedPort: null });

  // Cluster-Prod: no Host.Config.Network there.
  await openVmkernelAdapters(page, prod);
  await page.getByRole("radio", { name: "vmk1", exact: true }).check();
  const migrate = page.getByRole("button", { name: "Migrate to a distributed switch", exact: true });
  await expect(migrate).toBeDisabled();
  await expect(migrate).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-02.lab.local");
  await shot.take("refused");
  const refused = await page.request.post(`/api/v1/hosts/${encodeURIComponent(prod)}/vmkernel-adapters/vmk1/migration`, {
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
    data: { to: "distributed", portgroupKey: storageKey },
  });
  expect(refused.status(), await refused.text()).toBe(403);
  expect(await refused.text()).toContain("Host.Config.Network");

  expect(sent).toHaveLength(1);
  expect(await admin.networking(prod)).toEqual(prodBefore);
  expect(await govcVnics("esx-02.lab.local")).toEqual(prodGovcBefore);
});
