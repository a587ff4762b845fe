/**
 * Add Networking for many hosts (issue 13), in English and in Japanese: the vMotion stack on a new standard switch on
 * every host of Cluster-Dev, addresses from a range and each host's vMotion stack gateway set; the Recent Tasks panel
 * showing each host's steps as they happen; one host failing by an injected fault, undone on that host only and retried
 * to success from the panel; the help-desk user on a mixed selection, held back on Cluster-Prod by the preflight and
 * refused there by the server too. Every host is checked through addnet's API and through VMware's govc.
 */
import type { HostNetworking, HostsPage, Rollout, SessionInfo } from "@addnet/contracts";
import type { Locator, Page } from "@playwright/test";

import { vmotionOnNewSwitchExample } from "@addnet/contracts";

import { UiData } from "../support/english.ts";
import { CONTROL_TOKEN, SIM_URL } from "../support/env.ts";
import { Api, expect, govc, govcSwitches, signIn, test, type Screenshots } from "../support/fixtures.ts";

const DEV = ["esx-05", "esx-06", "esx-07", "esx-08"] as const;
const LABEL = "vMotion-Dev";
const UPLINKS = ["vmnic2", "vmnic3"];
/** The range's first address: esx-05 gets .11, esx-06 .12, and so on, in the selection's order. */
const FIRST = 11;
const address = (i: number) => `192.168.40.${FIRST + i}`;
const GATEWAY = "192.168.40.1";
const MASK = "255.255.255.0";

/** "1 host", "2 hosts". */
const hostsEn = (n: number) => `${n} ${n === 1 ? "host" : "hosts"}`;

const ENGLISH = {
  hosts: "Hosts",
  selectCluster: (c: string) => `Select every host of ${c}`,
  selectHost: (h: string) => `Select ${h}`,
  addNetworking: (n: number) => `Add Networking (${hostsEn(n)})`,
  title: (n: number) => `Add Networking - ${hostsEn(n)}`,
  next: "Next",
  back: "Back",
  finish: "Finish",
  close: "Close",
  connectionType: "Select connection type",
  vmkernel: "VMkernel Network Adapter",
  targetDevice: "Select target device",
  newSwitch: "New standard switch",
  createSwitch: "Create a Standard Switch",
  addAdapters: "Add adapters",
  addAdaptersTitle: "Add Physical Adapters to the Switch",
  activeAdapters: "Active adapters",
  ok: "OK",
  portProperties: "Port properties",
  networkLabel: "Network label",
  tcpipStack: "TCP/IP stack",
  ipv4Settings: "IPv4 settings",
  staticIpv4: "Use static IPv4 settings",
  ipv4Address: "IPv4 address",
  subnetMask: "Subnet mask",
  hostPlan: "Per-host plan",
  firstAddress: "First IPv4 address",
  rangeMask: "Subnet mask or prefix length",
  fill: "Fill IPv4 addresses",
  cell: (field: string, host: string) => `${field} of ${host}`,
  stackPage: "TCP/IP stack settings",
  stackGateway: "IPv4 gateway",
  preflight: "Check the hosts",
  counts: (go: number, held: number) => `${hostsEn(go)} ${go === 1 ? "goes" : "go"} ahead; ${held} ${held === 1 ? "is" : "are"} held back.`,
  heldBack: "Held back",
  mayChange: "You may change this host",
  missingNetwork: (host: string) => `Missing privilege Host.Config.Network on ${host}`,
  ready: "Ready to complete",
  readyHosts: (go: number, total: number) => `Hosts: ${go} of ${total} ${go === 1 ? "goes" : "go"} ahead`,
  exportCode: /Export/,
  started: "Rollout started",
  recentTasks: "Recent Tasks",
  task: (n: number) => `Add Networking — ${hostsEn(n)}`,
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  stepProgress: /\d+ of \d+ steps done/,
  steps: (done: number, total: number) => `${done} of ${total} ${total === 1 ? "step" : "steps"} done`,
  refused: "Refused",
  hostsFinished: (done: number, total: number) => `${done} of ${hostsEn(total)} finished`,
  added: (host: string) => new RegExp(`VMkernel adapter vmk\\d+ was added to ${host.replace(/\./g, "\\.")}\\.`),
  retry: "Retry failed hosts",
  attempt: (n: number) => `Add Networking (attempt ${n})`,
};
type Words = typeof ENGLISH;

const JAPANESE: Words = {
  hosts: "ホスト",
  selectCluster: (c) => `${c} のすべてのホストを選択`,
  selectHost: (h) => `${h} を選択`,
  addNetworking: (n) => `ネットワークの追加 (${n} 台のホスト)`,
  title: (n) => `ネットワークの追加 - ${n} 台のホスト`,
  next: "次へ",
  back: "戻る",
  finish: "終了",
  close: "閉じる",
  connectionType: "接続タイプの選択",
  vmkernel: "VMkernel ネットワーク アダプタ",
  targetDevice: "ターゲット デバイスの選択",
  newSwitch: "新しい vSphere 標準スイッチ",
  createSwitch: "標準スイッチの作成",
  addAdapters: "アダプタの追加",
  addAdaptersTitle: "スイッチへの物理アダプタの追加",
  activeAdapters: "アクティブ アダプタ",
  ok: "OK",
  portProperties: "ポートのプロパティ",
  networkLabel: "ネットワーク ラベル",
  tcpipStack: "TCP/IP スタック",
  ipv4Settings: "IPv4 設定",
  staticIpv4: "固定 IPv4 設定を使用",
  ipv4Address: "IPv4 アドレス",
  subnetMask: "サブネット マスク",
  hostPlan: "ホストごとのプラン",
  firstAddress: "最初の IPv4 アドレス",
  rangeMask: "サブネット マスクまたはプリフィックス長",
  fill: "IPv4 アドレスを割り当て",
  cell: (field, host) => `${host} の${field}`,
  stackPage: "TCP/IP スタックの設定",
  stackGateway: "IPv4 ゲートウェイ",
  preflight: "ホストのチェック",
  counts: (go, held) => `${go} 台のホストが続行され、${held} 台が保留されます。`,
  heldBack: "保留",
  mayChange: "このホストを変更できます",
  missingNetwork: (host) => `${host} に対する権限 Host.Config.Network がありません`,
  ready: "設定の確認",
  readyHosts: (go, total) => `ホスト: ${total} 台中 ${go} 台が続行`,
  exportCode: /エクスポート/,
  started: "ロールアウトの開始",
  recentTasks: "最近のタスク",
  task: (n) => `ネットワークの追加 — ${n} 台のホスト`,
  running: "実行中",
  completed: "完了",
  failed: "失敗",
  stepProgress: /\d+ 個中 \d+ 個の手順が完了/,
  steps: (done, total) => `${total} 個中 ${done} 個の手順が完了`,
  refused: "拒否",
  hostsFinished: (done, total) => `${total} 台中 ${done} 台のホストが終了`,
  added: (host) => new RegExp(`VMkernel アダプタ vmk\\d+ が ${host.replace(/\./g, "\\.")} に追加されました。`),
  retry: "失敗したホストの再試行",
  attempt: (n) => `ネットワークの追加 (試行 ${n} 回目)`,
};

const fqdn = (short: string) => `${short}.lab.local`;

/** What is done on each page the flow reaches, by its name: a screenshot, or the check for English words. */
type PageVisit = Pick<Screenshots, "take">;

/** Every simulated vCenter call answers after `ms`: each host's steps take long enough to be seen as they happen. */
async function setLatency(ms: number): Promise<void> {
  const res = await fetch(`${SIM_URL}/sim/latency`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${CONTROL_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ ms }),
  });
  if (!res.ok) throw new Error(`PUT /sim/latency: ${res.status} ${await res.text()}`);
}

/** Signed in as `user`, in the language of `words`. */
async function signInAs(page: Page, user: "administrator" | "helpdesk", words: Words): Promise<void> {
  await signIn(page, user);
  if (words === JAPANESE) {
    await page.getByLabel("Language").selectOption("ja");
    await expect(page.getByRole("heading", { level: 1, name: words.hosts })).toBeVisible();
  }
}

function wizardOf(page: Page, words: Words, hosts: number): Locator {
  return page.getByRole("dialog", { name: words.title(hosts) });
}

async function onPage(wizard: Locator, title: string): Promise<Locator> {
  await expect(wizard.getByRole("heading", { level: 3, name: title, exact: true })).toBeVisible();
  return wizard;
}

/**
 * From the selection's Add Networking to the per-host plan: a VMkernel adapter on a new standard switch with vmnic2 and
 * vmnic3 active, on the vMotion stack, static IPv4 (the first host's address, the range gives every host its own).
 */
async function sharedPages(page: Page, words: Words, hosts: number, shot?: PageVisit): Promise<Locator> {
  await page.getByRole("button", { name: words.addNetworking(hosts) }).click();
  const wizard = wizardOf(page, words, hosts);
  await onPage(wizard, words.connectionType);
  await expect(wizard.getByRole("radio", { name: words.vmkernel })).toBeChecked();
  await shot?.take("connection-type");
  await wizard.getByRole("button", { name: words.next }).click();

  await onPage(wizard, words.targetDevice);
  await wizard.getByRole("radio", { name: words.newSwitch }).check();
  await shot?.take("target-device");
  await wizard.getByRole("button", { name: words.next }).click();

  await onPage(wizard, words.createSwitch);
  await wizard.getByRole("button", { name: words.addAdapters }).click();
  const add = page.getByRole("dialog", { name: words.addAdaptersTitle });
  for (const nic of UPLINKS) await add.getByRole("checkbox", { name: nic }).check();
  await add.getByRole("button", { name: words.ok }).click();
  await expect(add).toBeHidden();
  for (const nic of UPLINKS)
    await expect(wizard.getByRole("list", { name: words.activeAdapters }).getByText(nic, { exact: true })).toBeVisible();
  await shot?.take("create-standard-switch");
  await wizard.getByRole("button", { name: words.next }).click();

  await onPage(wizard, words.portProperties);
  await wizard.getByLabel(words.networkLabel).fill(LABEL);
  await wizard.getByLabel(words.tcpipStack).selectOption({ label: "vMotion" });
  await shot?.take("port-properties");
  await wizard.getByRole("button", { name: words.next }).click();

  await onPage(wizard, words.ipv4Settings);
  await wizard.getByRole("radio", { name: words.staticIpv4 }).check();
  await wizard.getByLabel(words.ipv4Address).fill(address(0));
  await wizard.getByLabel(words.subnetMask).fill(MASK);
  await shot?.take("ipv4-settings");
  await wizard.getByRole("button", { name: words.next }).click();
  return onPage(wizard, words.hostPlan);
}

/** On the per-host plan: every host's address from the range, seen in its row. */
async function fillRange(wizard: Locator, words: Words, hosts: readonly string[]): Promise<void> {
  await wizard.getByLabel(words.firstAddress).fill(address(0));
  await wizard.getByLabel(words.rangeMask).fill("24");
  await wizard.getByRole("button", { name: words.fill }).click();
  for (const [i, h] of hosts.entries())
    await expect(wizard.getByRole("textbox", { name: words.cell(words.ipv4Address, fqdn(h)) })).toHaveValue(address(i));
}

/** On the stack page: the vMotion stack's default gateway of every host. */
async function setStackGateway(wizard: Locator, words: Words, hosts: readonly string[]): Promise<void> {
  await wizard.getByLabel(words.stackGateway, { exact: true }).fill(GATEWAY);
  for (const h of hosts) await expect(wizard.getByRole("textbox", { name: words.cell(words.stackGateway, fqdn(h)) })).toHaveValue(GATEWAY);
}

/** The Recent Tasks panel at the bottom of the page. */
function recentTasks(page: Page, words: Words): Locator {
  return page.getByRole("region", { name: words.recentTasks });
}

/** The newest task of the panel (the user's earlier rollouts are listed below it): its row and its hosts' rows. */
function newestTask(page: Page, words: Words): Locator {
  return recentTasks(page, words)
    .getByRole("rowgroup")
    .filter({ has: page.locator("tr.recent-tasks-rollout") })
    .first();
}

/** A host's row of a task. */
function hostRow(task: Locator, host: string): Locator {
  return task.locator("tr.recent-tasks-host").filter({ has: task.page().getByRole("link", { name: fqdn(host), exact: true }) });
}

interface HostState {
  device: string;
  vswitch: string;
}

/**
 * The host as the API and govc read it: the vMotion-Dev adapter on the vMotion stack with its address, on a new switch
 * with vmnic2 and vmnic3, and the vMotion stack's default gateway.
 */
async function expectRolledOut(admin: Api, hostId: string, host: string, ip: string, before: HostNetworking): Promise<HostState> {
  const net = await admin.networking(hostId);
  const vmk = net.vmkernelAdapters.find((a) => a.networkLabel === LABEL);
  expect(vmk, `${LABEL} on ${host}`).toMatchObject({
    tcpipStack: "vmotion",
    services: ["vmotion"],
    ipv4: { dhcp: false, address: ip, subnetMask: MASK },
  });
  expect(before.vswitches.map((s) => s.name)).not.toContain(vmk!.switchName);
  expect(net.vswitches.find((s) => s.name === vmk!.switchName)).toMatchObject({
    uplinks: UPLINKS,
    activeNics: UPLINKS,
    portgroups: [LABEL],
  });
  expect(net.tcpipStacks.find((s) => s.key === "vmotion")).toMatchObject({
    active: true,
    defaultGateway: GATEWAY,
    vmkernelAdapters: [vmk!.device],
  });
  expect(net.vmkernelAdapters).toHaveLength(before.vmkernelAdapters.length + 1);

  const name = fqdn(host);
  const { Info } = JSON.parse(await govc("host.vnic.info", "-host", name, "-json")) as {
    Info: { Device: string; Network: string; Switch: string; Address: string; Stack: string; Services: string[] | null }[];
  };
  expect(
    Info.find((v) => v.Device === vmk!.device),
    `${vmk!.device} on ${host} through govc`,
  ).toEqual({
    Device: vmk!.device,
    Network: LABEL,
    Switch: vmk!.switchName,
    Address: ip,
    Stack: "vmotion",
    Services: ["vmotion"],
  });
  expect((await govcSwitches(name)).find((s) => s.name === vmk!.switchName)).toMatchObject({ pnic: UPLINKS });
  expect(await govcStackGateway(name, "vmotion")).toBe(GATEWAY);
  return { device: vmk!.device, vswitch: vmk!.switchName! };
}

/** A TCP/IP stack's default gateway as govc reads the host's config.network.netStackInstance. */
async function govcStackGateway(host: string, key: string): Promise<string> {
  const [path] = (await govc("find", "/", "-type", "h", "-name", host)).trim().split("\n");
  const [prop] = JSON.parse(await govc("object.collect", "-json", path!, "config.network.netStackInstance")) as {
    Val: { HostNetStackInstance: { Key: string; IpRouteConfig: { DefaultGateway: string } }[] };
  }[];
  return prop!.Val.HostNetStackInstance.find((s) => s.Key === key)!.IpRouteConfig.DefaultGateway;
}

/** The host exactly as it was, through the API, and through govc: no adapter, switch or gateway of the rollout on it. */
async function expectUnchanged(admin: Api, hostId: string, host: string, before: HostNetworking): Promise<void> {
  expect(await admin.networking(hostId), `${host} unchanged`).toEqual(before);
  const name = fqdn(host);
  const { Info } = JSON.parse(await govc("host.vnic.info", "-host", name, "-json")) as { Info: { Device: string; Stack: string }[] };
  expect(Info.map((v) => v.Device)).toEqual(before.vmkernelAdapters.map((a) => a.device));
  expect((await govcSwitches(name)).map((s) => s.name)).toEqual(before.vswitches.map((s) => s.name));
  expect(await govcStackGateway(name, "vmotion")).toBe(before.tcpipStacks.find((s) => s.key === "vmotion")?.defaultGateway ?? "");
}

/**
 * From the hosts selected in the inventory to Ready to complete: the shared pages, every host's address from the range,
 * the vMotion stack's gateway of every host, and the preflight saying how many hosts go ahead.
 */
async function toReadyToComplete(
  page: Page,
  words: Words,
  hosts: readonly string[],
  go: readonly string[],
  shot?: PageVisit,
  atPreflight?: (wizard: Locator) => Promise<void>,
): Promise<Locator> {
  const wizard = await sharedPages(page, words, hosts.length, shot);
  await fillRange(wizard, words, hosts);
  await shot?.take("host-plan");
  await wizard.getByRole("button", { name: words.next }).click();

  await onPage(wizard, words.stackPage);
  await setStackGateway(wizard, words, hosts);
  await shot?.take("tcpip-stack");
  await wizard.getByRole("button", { name: words.next }).click();

  await onPage(wizard, words.preflight);
  await expect(wizard.getByText(words.counts(go.length, hosts.length - go.length))).toBeVisible();
  await atPreflight?.(wizard);
  await shot?.take("preflight");
  await wizard.getByRole("button", { name: words.next }).click();

  await onPage(wizard, words.ready);
  await expect(wizard.getByRole("heading", { name: words.readyHosts(go.length, hosts.length) })).toBeVisible();
  await shot?.take("ready-to-complete");
  return wizard;
}

/** Finish, the rollout started, and the wizard closed: the Recent Tasks panel shows the rollout's task, its newest. */
async function finish(page: Page, wizard: Locator, words: Words, hosts: number, shot?: PageVisit): Promise<Locator> {
  await wizard.getByRole("button", { name: words.finish }).click();
  await onPage(wizard, words.started);
  await shot?.take("started");
  await wizard.getByRole("button", { name: words.close, exact: true }).last().click();
  await expect(wizard).toBeHidden();
  const task = newestTask(page, words);
  await expect(task.getByRole("rowheader", { name: words.task(hosts) })).toBeVisible();
  return task;
}

/** The step count a host's row shows while it runs ("<done> of <total> steps done"). */
async function stepsDone(row: Locator, words: Words): Promise<[done: number, total: number]> {
  const bar = row.getByRole("progressbar", { name: words.stepProgress });
  await expect(bar).toBeVisible();
  return [Number(await bar.getAttribute("value")), Number(await bar.getAttribute("max"))];
}

for (const [language, words] of [
  ["English", ENGLISH],
  ["Japanese", JAPANESE],
] as const) {
  const flow = (name: string) => (language === "English" ? name : `${name}-ja`);

  test.describe(`rollout (${language})`, () => {
    test.afterEach(async ({ sim }) => {
      await setLatency(0);
      await sim.clearFaults();
    });

    test("vMotion on a new switch on all of Cluster-Dev, each host's stack gateway set; each host's steps seen as they happen", async ({
      page,
      admin,
      shots,
    }) => {
      const ids = await Promise.all(DEV.map((h) => admin.hostId(h)));
      const before = await Promise.all(ids.map((id) => admin.networking(id)));
      const shot = shots(flow("rollout"));

      await signInAs(page, "administrator", words);
      await expect(recentTasks(page, words)).toBeVisible();
      await page.getByRole("checkbox", { name: words.selectCluster("Cluster-Dev") }).check();
      await expect(page.getByRole("button", { name: words.addNetworking(4) })).toBeEnabled();
      await shot.take("selection");
      const wizard = await toReadyToComplete(page, words, DEV, DEV, shot);

      // Every vCenter call answers slowly while the panel is watched: each host is seen running, step after step.
      await setLatency(1500);
      const task = await finish(page, wizard, words, 4, shot);
      for (const h of DEV) {
        const row = hostRow(task, h);
        await expect(row).toContainText(words.running);
        const [done, total] = await stepsDone(row, words);
        expect(done).toBeLessThan(total);
        // The next step's completion shows in the row while the host still runs.
        await expect(row.getByRole("progressbar", { name: words.steps(done + 1, total) })).toBeVisible();
        await expect(row).toContainText(words.running);
      }
      await shot.take("recent-tasks-running");
      await setLatency(0);
      for (const h of DEV) await expect(hostRow(task, h)).toContainText(words.added(fqdn(h)));
      await expect(task).toContainText(words.hostsFinished(4, 4));
      await shot.take("recent-tasks-done");

      for (const [i, h] of DEV.entries()) await expectRolledOut(admin, ids[i]!, h, address(i), before[i]!);
    });

    test("one host failing by a fault is undone on that host only, then retried to success from Recent Tasks", async ({
      page,
      admin,
      sim,
      shots,
    }) => {
      const ids = await Promise.all(DEV.map((h) => admin.hostId(h)));
      const before = await Promise.all(ids.map((id) => admin.networking(id)));
      const shot = shots(flow("rollout-fault"));
      // esx-06's stack settings, the change's last step, fail: its switch, port group and adapter are undone.
      const failing = 1;
      await sim.injectFault({
        method: "UpdateNetworkConfig",
        fault: "HostConfigFault",
        mode: "always",
        objectId: `networkSystem-${ids[failing]!.split("-")[1]}`,
      });

      await signInAs(page, "administrator", words);
      await page.getByRole("checkbox", { name: words.selectCluster("Cluster-Dev") }).check();
      const wizard = await toReadyToComplete(page, words, DEV, DEV);
      const task = await finish(page, wizard, words, 4);
      await expect(task).toContainText(words.hostsFinished(4, 4));
      await expect(hostRow(task, DEV[failing])).toContainText(words.failed);
      for (const [i, h] of DEV.entries()) if (i !== failing) await expect(hostRow(task, h)).toContainText(words.added(fqdn(h)));
      await expect(task.getByRole("button", { name: words.retry })).toBeEnabled();
      await shot.take("recent-tasks-failed");

      await expectUnchanged(admin, ids[failing]!, DEV[failing], before[failing]!);
      for (const [i, h] of DEV.entries()) if (i !== failing) await expectRolledOut(admin, ids[i]!, h, address(i), before[i]!);

      // The cause gone, Retry failed hosts runs esx-06 again, as a second attempt.
      await sim.clearFaults();
      await task.getByRole("button", { name: words.retry }).click();
      const retried = hostRow(task, DEV[failing]);
      await expect(retried).toContainText(words.attempt(2));
      await expect(retried).toContainText(words.added(fqdn(DEV[failing])));
      await expect(task.getByRole("button", { name: words.retry })).toBeDisabled();
      await shot.take("recent-tasks-retried");
      await expectRolledOut(admin, ids[failing]!, DEV[failing], address(failing), before[failing]!);
    });

    test("help-desk user on Cluster-Prod and Cluster-Dev hosts: the Prod host held back, refused by the server too", async ({
      page,
      admin,
      shots,
    }) => {
      const selection = ["esx-02", "esx-05", "esx-06"] as const;
      const allowed = ["esx-05", "esx-06"] as const;
      const ids = await Promise.all(selection.map((h) => admin.hostId(h)));
      const before = await Promise.all(ids.map((id) => admin.networking(id)));
      const shot = shots(flow("rollout-helpdesk"));

      await signInAs(page, "helpdesk", words);
      for (const h of selection) await page.getByRole("checkbox", { name: words.selectHost(fqdn(h)) }).check();
      const wizard = await toReadyToComplete(page, words, selection, allowed, shot, async (preflight) => {
        const row = (h: string) => preflight.getByRole("row").filter({ has: page.getByRole("rowheader", { name: fqdn(h), exact: true }) });
        await expect(row("esx-02")).toContainText(words.heldBack);
        await expect(row("esx-02")).toContainText(words.missingNetwork(fqdn("esx-02")));
        for (const h of allowed) await expect(row(h)).toContainText(words.mayChange);
      });
      const task = await finish(page, wizard, words, 2);
      for (const h of allowed) await expect(hostRow(task, h)).toContainText(words.added(fqdn(h)));
      await expect(hostRow(task, "esx-02")).toHaveCount(0);
      await shot.take("recent-tasks");
      for (const [i, h] of selection.entries())
        if (h === "esx-02") await expectUnchanged(admin, ids[i]!, h, before[i]!);
        else await expectRolledOut(admin, ids[i]!, h, address(i), before[i]!);

      // The same plan for esx-02 sent straight to the API: the rollout starts, and the server refuses the host.
      const helpdesk = await Api.signIn("helpdesk");
      try {
        const res = await helpdesk.call(
          "POST",
          "/rollouts",
          { hosts: [{ hostId: ids[0]!, model: vmotionOnNewSwitchExample(address(0)), netStack: { defaultGateway: GATEWAY } }] },
          { "Idempotency-Key": crypto.randomUUID() },
        );
        expect(res.status(), await res.text()).toBe(202);
        const { id } = (await res.json()) as Rollout;
        await expect
          .poll(async () => (await helpdesk.get<Rollout>(`/rollouts/${id}`)).state, { message: "the direct rollout ends" })
          .toBe("done");
        const [host] = (await helpdesk.get<Rollout>(`/rollouts/${id}`)).hosts;
        expect(host).toMatchObject({ hostId: ids[0], state: "refused", problem: { code: "NO_PERMISSION" } });
        expect(JSON.stringify(host!.problem)).toContain("Host.Config.Network");
      } finally {
        await helpdesk.dispose();
      }
      // The panel shows that rollout too, the host refused.
      await expect(hostRow(task, "esx-02")).toContainText(words.refused);
      await shot.take("recent-tasks-refused");
      await expectUnchanged(admin, ids[0]!, "esx-02", before[0]!);
    });
  });
}

/**
 * The Japanese UI shows no English word outside product, protocol and vim25 names (as japanese-no-english.spec.ts
 * checks the single-host wizard) on the many-host wizard and the Recent Tasks panel: the inventory with the selection,
 * every shared page, the per-host plan, the stack page, the preflight, Ready to complete with each export open, the
 * started page, the panel while the hosts' steps run (the stack step's settings included) and once one host failed.
 */
test("rollout (Japanese): no English word on the many-host wizard's pages and in Recent Tasks", async ({ page, admin, sim }) => {
  test.setTimeout(180_000);
  const words = JAPANESE;
  const ids = await Promise.all(DEV.map((h) => admin.hostId(h)));
  const { user } = await admin.get<SessionInfo>("/session");
  const inventory = await admin.get<HostsPage>("/hosts");
  // The names vCenter gave and the test gives: data, not words to translate.
  // The export's tools and the marker its code's comments carry (the list of gaps names it to search for) are too; so
  // are the hosts' managed object IDs, which the panel shows until a host's name is read, and the method the test
  // injects a fault into, which the failed host's details name as the step list does.
  const data = new UiData().add(user.name, user.login, LABEL, "PowerCLI", "Ansible", "Terraform", "govc", "NOT EXPRESSIBLE");
  data.add(...ids, "UpdateNetworkConfig");
  for (const h of inventory.items) data.add(h.name, h.datacenter ?? "", h.cluster ?? "");
  for (const id of ids) data.addNetworking(await admin.networking(id));
  const wizard = wizardOf(page, words, DEV.length);
  const check: PageVisit = { take: (name) => data.expectNoEnglish(wizard, name) };
  // esx-06's last step fails: the panel says why.
  await sim.injectFault({
    method: "UpdateNetworkConfig",
    fault: "HostConfigFault",
    mode: "always",
    objectId: `networkSystem-${ids[1]!.split("-")[1]}`,
  });

  await signIn(page, "administrator");
  // The check finds the English UI's words (it is not blind).
  expect((await data.englishWords(page.getByRole("main"))).findings.join("\n")).toContain('"Hosts" in');
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: words.hosts })).toBeVisible();
  await page.getByRole("checkbox", { name: words.selectCluster("Cluster-Dev") }).check();
  await expect(page.getByRole("button", { name: words.addNetworking(DEV.length) })).toBeEnabled();
  await data.expectNoEnglish(page.locator("body"), "ホストの選択");

  // The shared pages, the per-host plan, the stack page (New Reno, a value the steps name), the preflight.
  await toReadyToComplete(page, words, DEV, DEV, check, async (preflight) => {
    await preflight.getByRole("button", { name: words.back }).click();
    await onPage(wizard, words.stackPage);
    await wizard.getByLabel("輻輳制御アルゴリズム").selectOption({ label: "New Reno" });
    await check.take("TCP/IP スタックの設定 (New Reno)");
    await wizard.getByRole("button", { name: words.next }).click();
    await onPage(wizard, words.preflight);
    await expect(wizard.getByText(words.counts(DEV.length, 0))).toBeVisible();
  });
  await wizard.getByRole("button", { name: "コードを表示" }).click();
  for (const tool of ["PowerCLI", "Ansible", "Terraform", "govc"]) {
    const tab = wizard.getByRole("tab", { name: new RegExp(`^${tool} `) });
    await tab.click();
    await expect(tab).toHaveAttribute("aria-selected", "true");
    // The code's file name is the tool's (addnet-vmkernel.ps1…).
    const file = /\((addnet-vmkernel\.\w+)\)$/.exec(
      (await wizard.getByRole("textbox", { name: /^コード / }).getAttribute("aria-label")) ?? "",
    );
    expect(file, `${tool}'s code`).not.toBeNull();
    data.add(file![1]!);
    await check.take(`設定の確認 (${tool} のコード)`);
  }

  // Every vCenter call answers slowly: the panel is read while the hosts' steps run, the stack's step among them.
  await setLatency(2500);
  try {
    await wizard.getByRole("button", { name: words.finish }).click();
    await onPage(wizard, words.started);
    // The rollout's ID (a UUID) is data.
    const { rollouts } = await admin.get<{ rollouts: Rollout[] }>("/rollouts");
    const id = (await wizard.locator(".property dd code").textContent())!;
    expect(rollouts.map((r) => r.id)).toContain(id);
    data.add(id);
    await check.take(words.started);
    await wizard.getByRole("button", { name: words.close, exact: true }).last().click();
    await expect(wizard).toBeHidden();
    const task = newestTask(page, words);
    const panel = recentTasks(page, words);
    await expect(hostRow(task, DEV[0])).toContainText(words.running);
    await data.expectNoEnglish(panel, "最近のタスク (実行中)");
    await expect(task.locator("tr.recent-tasks-host").filter({ hasText: "輻輳制御 New Reno" }).first()).toBeVisible({ timeout: 30_000 });
    await data.expectNoEnglish(panel, "最近のタスク (TCP/IP スタックの手順)");
  } finally {
    await setLatency(0);
  }
  const task = newestTask(page, words);
  await expect(task).toContainText(words.hostsFinished(DEV.length, DEV.length));
  await expect(hostRow(task, DEV[1])).toContainText(words.failed);
  // The adapters made are the hosts' now.
  for (const id of ids) data.addNetworking(await admin.networking(id));
  await data.expectNoEnglish(recentTasks(page, words), "最近のタスク (終了、1 台のホストが失敗)");
  await sim.clearFaults();
});
