/**
 * Move a VMkernel adapter to another TCP/IP stack, from the VMkernel adapters view: select the adapter, Move, choose the
 * stack, read Analyze impact, OK. A vMotion adapter on the default stack goes to the vMotion stack on esx-01; the
 * Management adapter is refused every other stack; in Japanese; the help desk moves one on Cluster-Dev and is refused on
 * Cluster-Prod. The host is checked through addnet's API and through VMware's govc.
 */
import type { VmkernelAdapterModel } from "@addnet/contracts";
import type { Locator, Page, Request } from "@playwright/test";

import { UiData } from "../support/english.ts";
import { csrfToken, expect, govc, openVmkernelAdapters, signIn, test, type Api } from "../support/fixtures.ts";

/** An adapter with vMotion on vSwitch0's new "Migration" port group, on the default stack. */
function vmotionAdapter(address: string): VmkernelAdapterModel {
  return {
    connectionType: "vmkernel",
    targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
    portProperties: {
      networkLabel: "Migration",
      vlanId: 30,
      ipSettings: "ipv4",
      mtu: { mode: "custom", value: 1500 },
      tcpipStack: "defaultTcpipStack",
      services: ["vmotion"],
    },
    ipv4Settings: { mode: "static", address, subnetMask: "255.255.255.0", overrideGateway: false },
  };
}

interface GovcVnic {
  device: string;
  portgroup: string;
  tcpipStack: string;
  address: string;
  subnetMask: string;
  mtu: number;
}

/** The host's VMkernel adapters as VMware's govc reads its config.network.vnic: the stack of each, and its addresses. */
async function govcVnics(host: string): Promise<GovcVnic[]> {
  const [path] = (await govc("find", "/", "-type", "h", "-name", host)).trim().split("\n");
  const [vnic] = JSON.parse(await govc("object.collect", "-json", path!, "config.network.vnic")) as {
    Val: {
      HostVirtualNic: {
        Device: string;
        Portgroup: string;
        Spec: { Mtu: number; NetStackInstanceKey: string; Ip: { IpAddress: string; SubnetMask: string } };
      }[];
    };
  }[];
  return vnic!.Val.HostVirtualNic.map((n) => ({
    device: n.Device,
    portgroup: n.Portgroup,
    tcpipStack: n.Spec.NetStackInstanceKey,
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
    tcpipStack: viaApi!.tcpipStack,
    address: viaApi!.ipv4.address,
    subnetMask: viaApi!.ipv4.subnetMask,
    mtu: viaApi!.mtu,
  });
  return viaApi!;
}

const WORDS = {
  en: { action: "Move to another TCP/IP stack", title: "Move to Another TCP/IP Stack", stacks: "TCP/IP stacks" },
  ja: { action: "別の TCP/IP スタックへの移動", title: "別の TCP/IP スタックへの移動", stacks: "TCP/IP スタック" },
};

/** Selects the adapter in the VMkernel adapters list and opens its move to another stack. */
async function openMove(page: Page, device: string, words = WORDS.en): Promise<Locator> {
  await page.getByRole("radio", { name: device, exact: true }).check();
  await page.getByRole("button", { name: words.action, exact: true }).click();
  const title = `${device} - ${words.title}`;
  const dialog = page.getByRole("dialog", { name: title });
  await expect(dialog.getByRole("heading", { name: title })).toBeInViewport({ ratio: 1 });
  await expect(okButton(dialog)).toBeInViewport({ ratio: 1 });
  return dialog;
}

function stackRadio(dialog: Locator, stack: string, words = WORDS.en): Locator {
  return dialog.getByRole("table", { name: words.stacks }).getByRole("radio", { name: stack, exact: true });
}

function okButton(dialog: Locator): Locator {
  return dialog.getByRole("button", { name: "OK" });
}

/** Every move the page sends, to show that a refused one sends nothing. */
function recordMoves(page: Page): Request[] {
  const sent: Request[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && /\/stack-move$/.test(new URL(r.url()).pathname)) sent.push(r);
  });
  return sent;
}

/** "vmk1 was moved to the vMotion TCP/IP stack as vmkN; the host was without it for N.NNN s.", with vmkN. */
const MOVED = /^vmk1 was moved to the vMotion TCP\/IP stack as (vmk\d+); the host was without it for \d+\.\d{1,3} s\.$/;

test("move a vMotion adapter from the default stack to the vMotion stack; the Management adapter may not leave the default stack", async ({
  page,
  admin,
  shots,
}) => {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, vmotionAdapter("192.168.30.11"));
  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk1")).toMatchObject({
    portgroup: "Migration",
    tcpipStack: "defaultTcpipStack",
    services: ["vmotion"],
  });
  const shot = shots("move-stack");
  const sent = recordMoves(page);

  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  // Nothing selected: nothing to move. The button reads "⇅ Move".
  const idle = page.getByRole("button", { name: "Move to another TCP/IP stack" });
  await expect(idle).toBeDisabled();
  await expect(idle).toHaveText("⇅ Move");

  const dialog = await openMove(page, "vmk1");
  await expect(dialog.getByText("Host: esx-01.lab.local")).toBeVisible();
  await expect(dialog.getByRole("group", { name: "Current TCP/IP stack" })).toHaveText(/Default$/);
  await expect(dialog.getByRole("table", { name: "TCP/IP stacks" }).getByRole("radio")).toHaveCount(2);
  await expect(dialog).toContainText(
    "vmk1 is removed and added again on the new stack, keeping its port group, addresses, MTU and services.",
  );
  const impact = dialog.getByRole("region", { name: "Impact" });
  await expect(impact).toContainText("Select a TCP/IP stack to see what the move does on the host.");
  await expect(okButton(dialog)).toBeDisabled();
  await shot.take("dialog");

  await stackRadio(dialog, "vMotion").check();
  const calls = dialog.getByRole("region", { name: "vSphere API calls that OK makes" });
  await expect(calls.locator("code")).toHaveText(["RemoveVirtualNic", "AddVirtualNic"]);
  await expect(calls).toContainText("Remove VMkernel adapter vmk1 from Migration");
  await expect(calls).toContainText('Add a VMkernel adapter on "Migration", vMotion TCP/IP stack, MTU 1500');
  await expect(impact.getByText("Important impact")).toBeVisible();
  await expect(impact).toContainText(
    "vmk1 is removed and added again: esx-01.lab.local is without it until the add is made, and gets it back as it was if the add fails.",
  );
  await expect(okButton(dialog)).toBeEnabled();
  await calls.scrollIntoViewIfNeeded();
  await shot.take("impact");

  await okButton(dialog).click();
  await expect(dialog).toBeHidden();
  const notice = page.getByText(MOVED);
  await expect(notice).toBeVisible();
  const newDevice = MOVED.exec((await notice.textContent()) ?? "")![1]!;
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: newDevice, exact: true }) });
  await expect(row).toContainText("Migration");
  await expect(row).toContainText("192.168.30.11");
  await expect(row.getByRole("cell").nth(5)).toHaveText("vMotion");
  await shot.take("moved");
  expect(sent).toHaveLength(1);
  expect(sent[0]!.postDataJSON()).toEqual({ tcpipStack: "vmotion" });
  expect(sent[0]!.headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);

  // On the vMotion stack, with its address, port group and MTU, as addnet's API and govc read the host.
  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", newDevice)).toMatchObject({
    networkLabel: "Migration",
    portgroup: "Migration",
    tcpipStack: "vmotion",
    ipv4: { dhcp: false, address: "192.168.30.11", subnetMask: "255.255.255.0" },
    mtu: 1500,
    services: ["vmotion"],
  });
  const stacks = (await admin.networking(hostId)).tcpipStacks;
  expect(stacks.find((s) => s.key === "vmotion")!.vmkernelAdapters).toEqual([newDevice]);
  expect(stacks.find((s) => s.key === "defaultTcpipStack")!.vmkernelAdapters).toEqual(["vmk0"]);

  // vmk0 carries Management: no other stack may take it, and the host is not asked.
  const before = await admin.networking(hostId);
  const management = await openMove(page, "vmk0");
  for (const stack of ["vMotion", "Provisioning"]) {
    await stackRadio(management, stack).check();
    const reason =
      "vmk0 carries Management, which only the default TCP/IP stack carries: vCenter Server reaches esx-01.lab.local through it.";
    await expect(management.getByText(reason)).toBeVisible();
    await expect(stackRadio(management, stack)).toHaveAccessibleDescription(reason);
    await expect(okButton(management)).toBeDisabled();
  }
  await shot.take("management-refused");
  await management.getByRole("button", { name: "Cancel" }).click();
  await expect(management).toBeHidden();
  // A request that skips the UI is refused the same way.
  const refused = await page.request.post(`/api/v1/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters/vmk0/stack-move`, {
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
    data: { tcpipStack: "vmotion" },
  });
  expect(refused.status(), await refused.text()).toBe(422);
  expect(await refused.text()).toContain("move.management");
  expect(sent).toHaveLength(1);
  expect(await admin.networking(hostId)).toEqual(before);
  expect(await hostAdapter(admin, hostId, "esx-01.lab.local", "vmk0")).toMatchObject({ tcpipStack: "defaultTcpipStack" });
});

test("move an adapter in Japanese", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, vmotionAdapter("192.168.30.11"));
  const shot = shots("move-stack-ja");

  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();
  await page.goto(`/hosts/${encodeURIComponent(hostId)}/networking/vmkernel-adapters`);
  await expect(page.getByRole("heading", { level: 2, name: "VMkernel アダプタ" })).toBeVisible();
  await expect(page.getByRole("button", { name: "別の TCP/IP スタックへの移動" })).toBeDisabled();
  const dialog = await openMove(page, "vmk1", WORDS.ja);
  await expect(dialog.getByText("ホスト: esx-01.lab.local")).toBeVisible();
  await expect(dialog.getByRole("group", { name: "現在の TCP/IP スタック" })).toHaveText(/デフォルト$/);
  const impact = dialog.getByRole("region", { name: "影響" });
  await expect(impact).toContainText("TCP/IP スタックを選択すると、移動がホストに与える影響が表示されます。");
  await stackRadio(dialog, "vMotion", WORDS.ja).check();
  const calls = dialog.getByRole("region", { name: "[OK] で実行される vSphere API の呼び出し" });
  await expect(calls).toContainText("VMkernel アダプタ vmk1 を Migration から削除");
  await expect(impact.getByText("重要な影響")).toBeVisible();
  const data = new UiData().addNetworking(await admin.networking(hostId));
  await data.expectNoEnglish(dialog, "vmk1 - 別の TCP/IP スタックへの移動");
  await calls.scrollIntoViewIfNeeded();
  await shot.take("impact");

  await okButton(dialog).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(
      /^vmk1 を vMotion TCP\/IP スタックに vmk\d+ として移動しました。ホストにこのアダプタがなかった時間は \d+\.\d{1,3} 秒です。$/,
    ),
  ).toBeVisible();
  await shot.take("moved");

  const moved = (await admin.networking(hostId)).vmkernelAdapters.find((a) => a.ipv4.address === "192.168.30.11");
  expect(moved).toMatchObject({ portgroup: "Migration", tcpipStack: "vmotion", ipv4: { subnetMask: "255.255.255.0" }, mtu: 1500 });
});

test("help-desk user: moves an adapter on Cluster-Dev, is refused on Cluster-Prod", async ({ page, admin, shots }) => {
  const dev = await admin.hostId("esx-05");
  const prod = await admin.hostId("esx-02");
  // An address is one adapter's in the whole inventory: each host's adapter its own.
  await admin.createAdapter(dev, vmotionAdapter("192.168.30.15"));
  await admin.createAdapter(prod, vmotionAdapter("192.168.30.12"));
  const prodBefore = await admin.networking(prod);
  const prodGovcBefore = await govcVnics("esx-02.lab.local");
  const shot = shots("move-stack-helpdesk");
  const sent = recordMoves(page);

  await signIn(page, "helpdesk");
  await openVmkernelAdapters(page, dev);
  const dialog = await openMove(page, "vmk1");
  await stackRadio(dialog, "vMotion").check();
  await expect(dialog.getByRole("region", { name: "vSphere API calls that OK makes" }).locator("code")).toHaveText([
    "RemoveVirtualNic",
    "AddVirtualNic",
  ]);
  await expect(okButton(dialog)).toBeEnabled();
  await okButton(dialog).click();
  await expect(dialog).toBeHidden();
  const notice = page.getByText(MOVED);
  await expect(notice).toBeVisible();
  await shot.take("moved");
  const newDevice = MOVED.exec((await notice.textContent()) ?? "")![1]!;
  expect(await hostAdapter(admin, dev, "esx-05.lab.local", newDevice)).toMatchObject({
    portgroup: "Migration",
    tcpipStack: "vmotion",
    ipv4: { address: "192.168.30.15", subnetMask: "255.255.255.0" },
  });

  // Cluster-Prod: no Host.Config.Network there.
  await openVmkernelAdapters(page, prod);
  await page.getByRole("radio", { name: "vmk1", exact: true }).check();
  const move = page.getByRole("button", { name: "Move to another TCP/IP stack", exact: true });
  await expect(move).toBeDisabled();
  await expect(move).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-02.lab.local");
  await shot.take("refused");
  const refused = await page.request.post(`/api/v1/hosts/${encodeURIComponent(prod)}/vmkernel-adapters/vmk1/stack-move`, {
    headers: { "Idempotency-Key": crypto.randomUUID(), "X-CSRF-Token": await csrfToken(page) },
    data: { tcpipStack: "vmotion" },
  });
  expect(refused.status(), await refused.text()).toBe(403);
  expect(await refused.text()).toContain("Host.Config.Network");

  expect(sent).toHaveLength(1);
  expect(await admin.networking(prod)).toEqual(prodBefore);
  expect(await govcVnics("esx-02.lab.local")).toEqual(prodGovcBefore);
});
