/**
 * Virtual switches view: each switch's topology diagram, as the vSphere Client draws it (port groups with their VLAN and
 * VMkernel ports on the left, the physical adapters on the right), for standard switches and the distributed switch
 * DSwitch-Lab, in English and Japanese. What the diagrams show is what VMware's govc reads from the host.
 */
import type { Locator, Page } from "@playwright/test";

import { vmotionOnNewSwitchExample } from "@addnet/contracts";
import { UiData } from "../support/english.ts";
import { expect, govc, govcPortGroups, govcSwitches, signIn, test, type Api } from "../support/fixtures.ts";

/** One switch's diagram: its port groups in order (VLAN in the view's words, "vmkN : address" of each port) and adapters. */
interface Topology {
  name: string;
  portGroups: { name: string; vlan: string; vmks: string[] }[];
  /** The adapters under each heading of the right-hand box (a standard switch's failover order, or all of a DVS's). */
  uplinks: Record<string, string[]>;
}

interface Words {
  title: (name: string) => string;
  portGroups: string;
  vlan: (vlan: string) => string;
  vmkPorts: (count: number) => string;
  none: string;
  active: string;
  standby: string;
  physicalAdapters: string;
}

const EN: Words = {
  title: (name) => `Topology of ${name}`,
  portGroups: "Port groups",
  vlan: (vlan) => `VLAN ID: ${vlan}`,
  vmkPorts: (count) => `VMkernel Ports (${count})`,
  none: "None (0)",
  active: "Active adapters",
  standby: "Standby adapters",
  physicalAdapters: "Physical Adapters",
};

const JA: Words = {
  title: (name) => `${name} のトポロジ`,
  portGroups: "ポート グループ",
  vlan: (vlan) => `VLAN ID: ${vlan}`,
  vmkPorts: (count) => `VMkernel ポート (${count})`,
  none: "なし (0)",
  active: "アクティブ アダプタ",
  standby: "スタンバイ アダプタ",
  physicalAdapters: "物理アダプタ",
};

/** A property of the host's configuration as govc's object.collect reads it (what host.vswitch.info does not print). */
async function govcHostProperty<T>(host: string, property: string): Promise<T> {
  const [path] = (await govc("find", "/", "-type", "h", "-name", host)).trim().split("\n");
  const [prop] = JSON.parse(await govc("object.collect", "-json", path!, property)) as { Val: T }[];
  return prop!.Val;
}

/** A distributed port group as vCenter has it: its name and VLAN are vCenter's, not the host's, so the test names them. */
interface DistributedPortGroup {
  name: string;
  vlanId: number;
}

/**
 * The host's switches as govc reads them: host.vswitch.info (adapters, MTU), host.portgroup.info (port groups, VLAN),
 * host.vnic.info (each VMkernel adapter's switch, network and address), and the failover order and the distributed
 * switch's adapters through object.collect. The diagrams are expected to show exactly this.
 */
async function govcTopologies(
  host: string,
  words: Words,
  dvPortGroups: DistributedPortGroup[],
): Promise<{ standard: Topology[]; distributed: Topology[] }> {
  const switches = await govcSwitches(host);
  const portGroups = await govcPortGroups(host);
  const vnics = (
    JSON.parse(await govc("host.vnic.info", "-host", host, "-json")) as {
      Info: { Device: string; Network: string; Switch: string; Address: string }[];
    }
  ).Info;
  const { HostVirtualSwitch: vswitches } = await govcHostProperty<{
    HostVirtualSwitch: {
      Name: string;
      Spec: { Policy: { NicTeaming: { NicOrder: { ActiveNic: string[] | null; StandbyNic: string[] | null } } } };
    }[];
  }>(host, "config.network.vswitch");
  const { HostProxySwitch: proxies } = await govcHostProperty<{
    HostProxySwitch: { DvsName: string; Spec: { Backing: { PnicSpec: { PnicDevice: string }[] | null } } }[];
  }>(host, "config.network.proxySwitch");
  const vlan = (id: number) => (id === 0 ? words.none : String(id));
  const ports = (sw: string, network: string) =>
    vnics.filter((v) => v.Switch === sw && v.Network === network).map((v) => `${v.Device} : ${v.Address}`);

  const standard = switches.map((sw) => {
    const order = vswitches.find((v) => v.Name === sw.name)!.Spec.Policy.NicTeaming.NicOrder;
    const active = order.ActiveNic ?? [];
    const standby = order.StandbyNic ?? [];
    // Every adapter of the switch is in its failover order here: none is unused.
    expect([...active, ...standby].sort()).toEqual([...sw.pnic].sort());
    return {
      name: sw.name,
      portGroups: portGroups
        .filter((pg) => pg.vswitch === sw.name)
        .map((pg) => ({ name: pg.name, vlan: vlan(pg.vlanId), vmks: ports(sw.name, pg.name) })),
      uplinks: { [words.active]: active, ...(standby.length ? { [words.standby]: standby } : {}) },
    };
  });
  const distributed = proxies.map((p) => {
    // Every VMkernel adapter govc finds on the distributed switch is on one of its port groups.
    const onSwitch = vnics.filter((v) => v.Switch === p.DvsName).map((v) => v.Network);
    expect(dvPortGroups.map((pg) => pg.name)).toEqual(expect.arrayContaining(onSwitch));
    return {
      name: p.DvsName,
      portGroups: dvPortGroups.map((pg) => ({ name: pg.name, vlan: vlan(pg.vlanId), vmks: ports(p.DvsName, pg.name) })),
      uplinks: { [words.physicalAdapters]: (p.Spec.Backing.PnicSpec ?? []).map((s) => s.PnicDevice) },
    };
  });
  return { standard, distributed };
}

/** The switch's diagram shows the topology: its port groups in order, each VMkernel port, the adapters under each heading. */
async function expectTopology(page: Page, topology: Topology, words: Words): Promise<Locator> {
  const figure = page.getByRole("figure", { name: words.title(topology.name) });
  await expect(figure).toBeVisible();
  const items = figure.getByRole("list", { name: words.portGroups, exact: true }).locator(":scope > li");
  await expect(items).toHaveCount(topology.portGroups.length);
  for (const [i, pg] of topology.portGroups.entries()) {
    const item = items.nth(i);
    await expect(item.getByText(pg.name, { exact: true })).toBeVisible();
    await expect(item.getByText(words.vlan(pg.vlan), { exact: true })).toBeVisible();
    if (pg.vmks.length) {
      await expect(item.getByRole("list", { name: words.vmkPorts(pg.vmks.length) }).getByRole("listitem")).toHaveText(pg.vmks);
    } else {
      await expect(item.getByRole("list")).toHaveCount(0);
    }
  }
  // A standard switch's adapters under Active and Standby adapters; a distributed switch's under Physical Adapters.
  for (const heading of [words.active, words.standby, words.physicalAdapters]) {
    const group = figure.getByRole("list", { name: heading, exact: true });
    const devices = topology.uplinks[heading];
    // Each adapter with its link speed, as the simulator's physical adapters have it.
    if (devices) await expect(group.getByRole("listitem")).toHaveText(devices.map((d) => new RegExp(`^${d}\\s*10000 Mbit/s$`)));
    else await expect(group).toHaveCount(0);
  }
  return figure;
}

/** esx-01 with a vMotion adapter on a new switch (vSwitch1, vmnic2) and a default-stack adapter on DPG-Storage. */
async function withAdapters(admin: Api): Promise<string> {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, vmotionOnNewSwitchExample());
  const storage = (await admin.networking(hostId)).distributedPortgroups.find((p) => p.name === "DPG-Storage")!;
  await admin.createAdapter(hostId, {
    connectionType: "vmkernel",
    targetDevice: { kind: "existingNetwork", portgroupKey: storage.key },
    portProperties: { ipSettings: "ipv4", mtu: { mode: "fromSwitch" }, tcpipStack: "defaultTcpipStack", services: [] },
    ipv4Settings: { mode: "static", address: "192.168.50.11", subnetMask: "255.255.255.0", overrideGateway: false },
  });
  return hostId;
}

async function openVirtualSwitches(page: Page, hostId: string, heading: string): Promise<void> {
  await page.goto(`/hosts/${encodeURIComponent(hostId)}/networking/virtual-switches`);
  await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
}

/** DSwitch-Lab's port groups as vCenter has them (its uplink port group is not drawn). */
const DSWITCH_PORT_GROUPS: DistributedPortGroup[] = [
  { name: "DPG-vMotion", vlanId: 30 },
  { name: "DPG-Provisioning", vlanId: 40 },
  { name: "DPG-Storage", vlanId: 50 },
];

test("standard and distributed switches' topology, as govc reads the host", async ({ page, admin, shots }) => {
  const hostId = await withAdapters(admin);
  const shot = shots("virtual-switches");

  const { standard, distributed } = await govcTopologies("esx-01.lab.local", EN, DSWITCH_PORT_GROUPS);
  // What the simulator's esx-01 has now, so that the diagrams are not checked against an empty host.
  expect(standard).toEqual([
    {
      name: "vSwitch0",
      portGroups: [
        { name: "Management Network", vlan: "None (0)", vmks: ["vmk0 : 10.10.0.11"] },
        { name: "VM Network", vlan: "None (0)", vmks: [] },
      ],
      uplinks: { "Active adapters": ["vmnic0"] },
    },
    {
      name: "vSwitch1",
      portGroups: [{ name: "vMotion", vlan: "30", vmks: ["vmk1 : 192.168.30.11"] }],
      uplinks: { "Active adapters": ["vmnic2"] },
    },
  ]);
  expect(distributed).toEqual([
    {
      name: "DSwitch-Lab",
      portGroups: [
        { name: "DPG-vMotion", vlan: "30", vmks: [] },
        { name: "DPG-Provisioning", vlan: "40", vmks: [] },
        { name: "DPG-Storage", vlan: "50", vmks: ["vmk2 : 192.168.50.11"] },
      ],
      uplinks: { "Physical Adapters": ["vmnic1"] },
    },
  ]);
  // addnet's API has the same distributed port groups and VLANs as vCenter.
  const networking = await admin.networking(hostId);
  expect(networking.distributedPortgroups.map(({ name, vlanId, switchName }) => ({ name, vlanId, switchName }))).toEqual(
    DSWITCH_PORT_GROUPS.map((pg) => ({ ...pg, switchName: "DSwitch-Lab" })),
  );

  await signIn(page, "administrator");
  await openVirtualSwitches(page, hostId, "Virtual switches");
  await expect(page.getByRole("heading", { level: 3, name: /^(Standard|Distributed) Switch: / })).toHaveText([
    "Standard Switch: vSwitch0",
    "Standard Switch: vSwitch1",
    "Distributed Switch: DSwitch-Lab",
  ]);
  await (await expectTopology(page, standard[0]!, EN)).scrollIntoViewIfNeeded();
  await shot.take("vswitch0");
  await expectTopology(page, standard[1]!, EN);
  await (await expectTopology(page, distributed[0]!, EN)).scrollIntoViewIfNeeded();
  await shot.take("dswitch-lab");
});

test("the switches' topology in Japanese", async ({ page, admin, shots }) => {
  const hostId = await withAdapters(admin);
  const shot = shots("virtual-switches-ja");
  const { standard, distributed } = await govcTopologies("esx-01.lab.local", JA, DSWITCH_PORT_GROUPS);
  expect(standard.map((s) => s.name)).toEqual(["vSwitch0", "vSwitch1"]);
  expect(standard[0]!.portGroups[0]).toEqual({ name: "Management Network", vlan: "なし (0)", vmks: ["vmk0 : 10.10.0.11"] });
  expect(distributed[0]!.uplinks).toEqual({ 物理アダプタ: ["vmnic1"] });

  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();
  await openVirtualSwitches(page, hostId, "仮想スイッチ");
  await expect(page.getByRole("heading", { level: 3, name: /^(標準|分散)スイッチ: / })).toHaveText([
    "標準スイッチ: vSwitch0",
    "標準スイッチ: vSwitch1",
    "分散スイッチ: DSwitch-Lab",
  ]);
  const vswitch0 = await expectTopology(page, standard[0]!, JA);
  await expectTopology(page, standard[1]!, JA);
  const dswitch = await expectTopology(page, distributed[0]!, JA);

  const data = new UiData().addNetworking(await admin.networking(hostId));
  await data.expectNoEnglish(page.getByRole("region", { name: "仮想スイッチ" }), "仮想スイッチ");
  await vswitch0.scrollIntoViewIfNeeded();
  await shot.take("vswitch0");
  await dswitch.scrollIntoViewIfNeeded();
  await shot.take("dswitch-lab");
});
