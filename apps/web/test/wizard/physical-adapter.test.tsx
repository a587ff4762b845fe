/**
 * "Physical Network Adapter": free physical adapters added to an existing standard switch (its page "Add physical network
 * adapter to the switch", starting from the switch's failover order) or given to a new one, Finish and the result.
 */
import type { HostNetworking } from "@addnet/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { ADMIN, addedUplinks, networking, physicalAdapterPreflight, problem, SWITCH_POLICY, updateSwitchCall } from "../fixtures.ts";
import { json, problemResponse } from "../mock-api.ts";
import { renderApp } from "../render.tsx";
import {
  changes,
  clickNext,
  dialog,
  expectPage,
  HOST,
  openPage,
  pickSwitch,
  properties,
  readDraft,
  seedDraft,
  steps,
  waitNextDisabled,
  wizardApi,
} from "./helpers.tsx";

const PREFLIGHT = "/api/v1/hosts/host-12/physical-adapters/preflight";
const CREATE = "/api/v1/hosts/host-12/physical-adapters";
const PAGE = "Add physical network adapter to the switch";

/** The adapters a failover group lists on the page, in order. */
function group(name: string): string[] {
  const region = dialog().getByRole("region", { name });
  return [...region.querySelectorAll(".uplink-name")].map((n) => n.textContent!);
}

const HOST_NICS = ["vmnic0", "vmnic1", "vmnic2", "vmnic3", "vmnic4"];

/** "Add adapters": the adapters the dialog offers, then the chosen ones into a failover group. */
async function addAdapters(
  user: UserEvent,
  devices: string[],
  groupLabel: string,
  words = { add: "Add adapters", title: "Add Physical Adapters to the Switch", group: "Failover order group", ok: "OK" },
): Promise<string[]> {
  await user.click(dialog().getByRole("button", { name: words.add }));
  const add = within(await screen.findByRole("dialog", { name: words.title }));
  const offered = HOST_NICS.filter((d) => add.queryByRole("checkbox", { name: d }));
  expect(add.getAllByRole("checkbox")).toHaveLength(offered.length);
  for (const d of devices) await user.click(add.getByRole("checkbox", { name: d }));
  await user.selectOptions(add.getByLabelText(words.group), groupLabel);
  await user.click(add.getByRole("button", { name: words.ok }));
  return offered;
}

/** esx-01 with vSwitch0 on vmnic0 (active) and vmnic4 (unused); vmnic1 is DSwitch-Lab's; vmnic2 and vmnic3 are free. */
function withUnusedUplink(): HostNetworking {
  const n = networking();
  n.vswitches[0] = { ...n.vswitches[0]!, uplinks: ["vmnic0", "vmnic4"], activeNics: ["vmnic0"], standbyNics: [] };
  n.physicalNics.push({ device: "vmnic4", mac: "00:0c:29:00:01:04", speedMb: 1000, usedBy: { kind: "standardSwitch", name: "vSwitch0" } });
  return n;
}

/** A Physical Network Adapter run on vSwitch0 as far as Ready to complete: vmnic2 added as standby. */
const onVSwitch0 = {
  connectionType: { connectionType: "physicalAdapter" as const },
  targetDevice: { kind: "existingStandardSwitch" as const, vswitchName: "vSwitch0" },
  switchUplinks: { vswitchName: "vSwitch0", active: ["vmnic0"], standby: ["vmnic2"], unused: [] },
};

describe("Physical Network Adapter", () => {
  it("on an existing standard switch: its adapters kept and locked, free ones added, Ready to complete, Finish and the result", async () => {
    const api = wizardApi();
    const order = { active: ["vmnic0", "vmnic3"], standby: ["vmnic2", "vmnic4"], unused: [] };
    api.on("GET", "/api/v1/hosts/host-12/networking", withUnusedUplink());
    api.on("POST", PREFLIGHT, physicalAdapterPreflight(["vmnic2", "vmnic3"], order));
    api.on("POST", CREATE, () => json(201, addedUplinks(["vmnic2", "vmnic3"], order)));
    const { user, router } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`);
    await user.click(await screen.findByRole("button", { name: "Add Networking" }));

    await expectPage("Select connection type");
    const physical = dialog().getByRole("radio", { name: "Physical Network Adapter" });
    expect(physical).toBeEnabled();
    expect(physical).toHaveAccessibleDescription("A physical network adapter handles the network traffic to other hosts on the network.");
    await user.click(physical);
    await waitFor(() => expect(steps()).toEqual(["Select connection type", "Select target device", "Ready to complete"]));
    await clickNext(user);

    // A standard switch only, existing or new, as for a port group.
    await expectPage("Select target device");
    expect(
      dialog()
        .getAllByRole("radio")
        .map((r) => r.getAttribute("value")),
    ).toEqual(["existingStandardSwitch", "newStandardSwitch"]);
    expect(dialog().getByRole("radio", { name: "Select an existing standard switch" })).toHaveAccessibleDescription(
      "Add physical network adapters to an existing standard switch.",
    );
    await user.click(dialog().getByRole("radio", { name: "Select an existing standard switch" }));
    await pickSwitch(user);
    await waitFor(() => expect(steps()).toEqual(["Select connection type", "Select target device", PAGE, "Ready to complete"]));
    await clickNext(user);

    // The switch's failover order as the host has it; its adapters move but cannot be removed, and Next waits for one added.
    await expectPage(PAGE);
    expect(group("Active adapters")).toEqual(["vmnic0"]);
    expect(group("Standby adapters")).toEqual([]);
    expect(group("Unused adapters")).toEqual(["vmnic4"]);
    expect(dialog().queryByRole("button", { name: "Remove vmnic0" })).not.toBeInTheDocument();
    expect(dialog().queryByRole("button", { name: "Remove vmnic4" })).not.toBeInTheDocument();
    expect(dialog().getByRole("button", { name: "Move vmnic4 up" })).toBeEnabled();
    await waitNextDisabled();

    // Only free adapters are offered: not the switch's own, nor DSwitch-Lab's vmnic1.
    expect(await addAdapters(user, ["vmnic2"], "Standby adapters")).toEqual(["vmnic2", "vmnic3"]);
    await waitFor(() => expect(group("Standby adapters")).toEqual(["vmnic2"]));
    await waitFor(() => expect(dialog().getByRole("button", { name: "Next" })).toBeEnabled());

    // An added adapter can be removed again; with none added, the page says so and Next is off.
    await user.click(dialog().getByRole("button", { name: "Remove vmnic2" }));
    expect(await dialog().findByText("Add at least one physical adapter to vSwitch0.")).toBeInTheDocument();
    await waitNextDisabled();
    expect(group("Active adapters")).toEqual(["vmnic0"]);

    expect(await addAdapters(user, ["vmnic2"], "Standby adapters")).toEqual(["vmnic2", "vmnic3"]);
    expect(await addAdapters(user, ["vmnic3"], "Active adapters")).toEqual(["vmnic3"]);
    await waitFor(() => expect(dialog().queryByText("Add at least one physical adapter to vSwitch0.")).not.toBeInTheDocument());
    expect(dialog().getByRole("button", { name: "Add adapters" })).toBeDisabled();
    // The switch's own unused vmnic4 moves up into Standby, after vmnic2.
    await user.click(dialog().getByRole("button", { name: "Move vmnic4 up" }));
    await waitFor(() => expect(group("Standby adapters")).toEqual(["vmnic2", "vmnic4"]));
    expect(group("Active adapters")).toEqual(["vmnic0", "vmnic3"]);
    expect(group("Unused adapters")).toEqual([]);
    await waitFor(() =>
      expect(readDraft()!.values.switchUplinks).toEqual({
        vswitchName: "vSwitch0",
        active: ["vmnic0", "vmnic3"],
        standby: ["vmnic2", "vmnic4"],
        unused: [],
      }),
    );
    await clickNext(user);

    await expectPage("Ready to complete");
    expect(await dialog().findByText("The host accepts these settings.")).toBeInTheDocument();
    expect(steps()).toEqual(["Select connection type", "Select target device", PAGE, "Ready to complete"]);
    expect(properties()).toEqual({
      "Connection type": "Physical Network Adapter",
      "Standard switch": "vSwitch0",
      "Active adapters": "vmnic0, vmnic3 (new)",
      "Standby adapters": "vmnic2 (new), vmnic4",
      "Unused adapters": "--",
    });
    expect(dialog().getByText("UpdateVirtualSwitch")).toBeInTheDocument();
    expect(
      dialog().getByText("Assign vmnic2, vmnic3 to standard switch vSwitch0 (active vmnic0, vmnic3, standby vmnic2, vmnic4)"),
    ).toBeInTheDocument();
    const model = {
      connectionType: "physicalAdapter",
      targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
      switchUplinks: { active: ["vmnic0", "vmnic3"], standby: ["vmnic2", "vmnic4"], unused: [] },
    };
    expect(api.callsTo("POST", PREFLIGHT).at(-1)!.body).toEqual(model);
    expect(new Set(changes(api))).toEqual(new Set([`POST ${PREFLIGHT}`]));

    await user.click(dialog().getByRole("button", { name: "Finish" }));
    await expectPage("Physical adapters added");
    expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/vmkernel-adapters/add-networking/result`);
    const creates = api.callsTo("POST", CREATE);
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body).toEqual(model);
    expect(creates[0]!.headers["idempotency-key"]).toBe(readDraft()!.idempotencyKey);
    expect(creates[0]!.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(creates[0]!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);
    expect(api.callsTo("POST", /vmkernel-adapters|port-groups/)).toEqual([]);

    expect(dialog().getByText("Physical adapters vmnic2, vmnic3 were added to vSwitch0 on esx-01.lab.local.")).toBeInTheDocument();
    expect(properties()).toEqual({
      Switch: "vSwitch0",
      MTU: "1500",
      "Active adapters": "vmnic0, vmnic3 (new)",
      "Standby adapters": "vmnic2 (new), vmnic4",
      "Unused adapters": "--",
    });
    expect(dialog().getByText("Done")).toBeInTheDocument();
    await user.click(dialog().getAllByRole("button", { name: "Close" }).at(-1)!);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/vmkernel-adapters`));
    expect(readDraft()).toBeNull();
  });

  it("an adapter another switch uses is refused on the page with its owner named, and can be removed", async () => {
    wizardApi();
    seedDraft({ ...onVSwitch0, switchUplinks: { vswitchName: "vSwitch0", active: ["vmnic0", "vmnic1"], standby: [], unused: [] } }, [
      "connection-type",
      "target-device",
      "add-physical-adapter",
    ]);
    const { user } = await openPage("add-physical-adapter");
    await expectPage(PAGE);
    expect(await dialog().findByText("vmnic1 is already used by DSwitch-Lab.")).toBeInTheDocument();
    await waitNextDisabled();
    expect(dialog().queryByRole("button", { name: "Remove vmnic0" })).not.toBeInTheDocument();
    await user.click(dialog().getByRole("button", { name: "Remove vmnic1" }));
    await waitFor(() => expect(dialog().queryByText("vmnic1 is already used by DSwitch-Lab.")).not.toBeInTheDocument());
    // The switch's own vmnic0 is no addition.
    expect(await dialog().findByText("Add at least one physical adapter to vSwitch0.")).toBeInTheDocument();
    await waitNextDisabled();
    await addAdapters(user, ["vmnic3"], "Unused adapters");
    await waitFor(() => expect(group("Unused adapters")).toEqual(["vmnic3"]));
    await waitFor(() => expect(dialog().getByRole("button", { name: "Next" })).toBeEnabled());
  });

  it("the preflight's finding about an adapter leads back to the page, where it shows until the lists change", async () => {
    const api = wizardApi();
    api.on(
      "POST",
      PREFLIGHT,
      physicalAdapterPreflight(undefined, undefined, undefined, {
        errors: [
          {
            path: "switchUplinks.standby",
            code: "uplinks.inUse",
            message: "vmnic2 is already used by vSwitch1.",
            params: { device: "vmnic2", owner: "vSwitch1" },
          },
        ],
      }),
    );
    seedDraft(onVSwitch0, ["connection-type", "target-device", "add-physical-adapter"]);
    const { user } = await openPage("ready-to-complete");
    expect(await dialog().findByText("vmnic2 is already used by vSwitch1.")).toBeInTheDocument();
    expect(dialog().getByRole("button", { name: "Finish" })).toBeDisabled();
    await user.click(dialog().getByRole("button", { name: `Go to ${PAGE}` }));
    await expectPage(PAGE);
    expect(await dialog().findByText("vmnic2 is already used by vSwitch1.")).toBeInTheDocument();
    await user.click(dialog().getByRole("button", { name: "Remove vmnic2" }));
    await waitFor(() => expect(dialog().queryByText("vmnic2 is already used by vSwitch1.")).not.toBeInTheDocument());
  });

  it("on a new standard switch: Create a Standard Switch, and Finish sends its uplinks", async () => {
    const api = wizardApi();
    const order = { active: ["vmnic2"], standby: [], unused: [] };
    const addSwitch = {
      method: "AddVirtualSwitch",
      object: "networkSystem-12",
      code: "step.addVirtualSwitch",
      params: { vswitch: "vSwitch1", mtu: 9000, uplinks: "vmnic2" },
      summary: "Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2)",
    };
    api.on("POST", PREFLIGHT, physicalAdapterPreflight(undefined, undefined, undefined, { calls: [addSwitch] }));
    api.on("POST", CREATE, () => json(201, addedUplinks(["vmnic2"], order, "vSwitch1", [{ ...addSwitch, status: "done" }], 9000)));
    const { user } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`);
    await user.click(await screen.findByRole("button", { name: "Add Networking" }));
    await expectPage("Select connection type");
    await user.click(dialog().getByRole("radio", { name: "Physical Network Adapter" }));
    await clickNext(user);

    await expectPage("Select target device");
    expect(dialog().getByRole("radio", { name: "New standard switch" })).toHaveAccessibleDescription(
      "Create a new standard switch with the physical network adapters you assign to it.",
    );
    await user.click(dialog().getByRole("radio", { name: "New standard switch" }));
    const mtu = dialog().getByLabelText("MTU (Bytes)");
    await user.clear(mtu);
    await user.type(mtu, "9000");
    await waitFor(() =>
      expect(steps()).toEqual(["Select connection type", "Select target device", "Create a Standard Switch", "Ready to complete"]),
    );
    await clickNext(user);

    await expectPage("Create a Standard Switch");
    expect(dialog().getByText(/no connection to the physical network/)).toBeInTheDocument();
    await addAdapters(user, ["vmnic2"], "Active adapters");
    await waitFor(() => expect(group("Active adapters")).toEqual(["vmnic2"]));
    expect(dialog().getByRole("button", { name: "Remove vmnic2" })).toBeInTheDocument();
    await clickNext(user);

    await expectPage("Ready to complete");
    expect(await dialog().findByText("The host accepts these settings.")).toBeInTheDocument();
    expect(properties()).toEqual({
      "Connection type": "Physical Network Adapter",
      "New standard switch": "MTU 9000 bytes",
      "Active adapters": "vmnic2",
      "Standby adapters": "--",
      "Unused adapters": "--",
    });
    expect(dialog().getByText("Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2)")).toBeInTheDocument();
    const model = {
      connectionType: "physicalAdapter",
      targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
      newSwitchUplinks: { active: ["vmnic2"], standby: [], unused: [] },
    };
    expect(api.callsTo("POST", PREFLIGHT).at(-1)!.body).toEqual(model);

    await user.click(dialog().getByRole("button", { name: "Finish" }));
    await expectPage("Physical adapters added");
    const [create] = api.callsTo("POST", CREATE);
    expect(create!.body).toEqual(model);
    expect(create!.headers["idempotency-key"]).toBe(readDraft()!.idempotencyKey);
    expect(dialog().getByText("Physical adapter vmnic2 was added to vSwitch1 on esx-01.lab.local.")).toBeInTheDocument();
    expect(properties()).toMatchObject({ Switch: "vSwitch1", MTU: "9000", "Active adapters": "vmnic2 (new)" });
  });

  it("choosing another switch starts its page again from that switch's adapters", async () => {
    const api = wizardApi();
    const n = networking();
    n.vswitches.push({
      name: "vSwitch1",
      mtu: 9000,
      uplinks: ["vmnic3"],
      activeNics: [],
      standbyNics: ["vmnic3"],
      portgroups: [],
      ...SWITCH_POLICY,
    });
    n.physicalNics[3] = { ...n.physicalNics[3]!, usedBy: { kind: "standardSwitch", name: "vSwitch1" } };
    api.on("GET", "/api/v1/hosts/host-12/networking", n);
    seedDraft(onVSwitch0, ["connection-type", "target-device", "add-physical-adapter"]);
    const { user } = await openPage("add-physical-adapter");
    await expectPage(PAGE);
    expect(group("Active adapters")).toEqual(["vmnic0"]);
    expect(group("Standby adapters")).toEqual(["vmnic2"]);
    await user.click(dialog().getByRole("button", { name: "Back" }));

    await expectPage("Select target device");
    await pickSwitch(user, "vSwitch1");
    await clickNext(user);
    await expectPage(PAGE);
    expect(group("Active adapters")).toEqual([]);
    expect(group("Standby adapters")).toEqual(["vmnic3"]);
    expect(group("Unused adapters")).toEqual([]);
    expect(dialog().queryByRole("button", { name: "Remove vmnic3" })).not.toBeInTheDocument();
    await waitNextDisabled();
    expect(await addAdapters(user, ["vmnic2"], "Active adapters")).toEqual(["vmnic2"]);
    await waitFor(() =>
      expect(readDraft()!.values.switchUplinks).toEqual({ vswitchName: "vSwitch1", active: ["vmnic2"], standby: ["vmnic3"], unused: [] }),
    );
  });

  it("a failed Finish keeps what the user chose, tells how it ended, and the next Finish is a new attempt", async () => {
    const api = wizardApi();
    const failedStep = { ...updateSwitchCall("vSwitch0", ["vmnic2"], { active: ["vmnic0"], standby: ["vmnic2"], unused: [] }) };
    api.sequence(
      "POST",
      CREATE,
      () =>
        problemResponse(
          problem(422, "HOST_CONFIG_FAULT", {
            steps: [{ ...failedStep, status: "failed" }],
            fault: { code: "fault.HostConfigFault" },
            outcome: [
              { code: "outcome.stepFailed", params: { step: 1, steps: 1, method: "UpdateVirtualSwitch" } },
              { code: "fault.HostConfigFault" },
              { code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } },
            ],
          }),
        ),
      () => json(201, addedUplinks()),
    );
    seedDraft(onVSwitch0, ["connection-type", "target-device", "add-physical-adapter"], HOST, "pa-run-key-1");
    const { user } = await openPage("ready-to-complete");
    await expectPage("Ready to complete");
    await clickNext(user, "Finish");
    expect(
      await dialog().findByText(
        "Step 1 of 1 (UpdateVirtualSwitch) failed: An error occurred during host configuration. Nothing was changed on esx-01.lab.local.",
      ),
    ).toBeInTheDocument();
    expect(dialog().getByText("Failed")).toBeInTheDocument();
    expect(api.callsTo("POST", CREATE)[0]!.headers["idempotency-key"]).toBe("pa-run-key-1");

    await waitFor(() => expect(readDraft()!.idempotencyKey).not.toBe("pa-run-key-1"));
    expect(readDraft()!.values.switchUplinks).toEqual(onVSwitch0.switchUplinks);
    expect(readDraft()!.result).toBeUndefined();
    await expectPage("Ready to complete");
    await user.click(dialog().getByRole("button", { name: "Back" }));
    await expectPage(PAGE);
    expect(group("Active adapters")).toEqual(["vmnic0"]);
    expect(group("Standby adapters")).toEqual(["vmnic2"]);
    await clickNext(user);

    await expectPage("Ready to complete");
    const retryKey = readDraft()!.idempotencyKey;
    await clickNext(user, "Finish");
    await expectPage("Physical adapters added");
    const creates = api.callsTo("POST", CREATE);
    expect(creates).toHaveLength(2);
    expect(creates[1]!.headers["idempotency-key"]).toBe(retryKey);
    expect(creates[1]!.body).toEqual(creates[0]!.body);
    expect(creates[1]!.body).toEqual({
      connectionType: "physicalAdapter",
      targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
      switchUplinks: { active: ["vmnic0"], standby: ["vmnic2"], unused: [] },
    });
    expect(dialog().getByText("Physical adapter vmnic2 was added to vSwitch0 on esx-01.lab.local.")).toBeInTheDocument();
  });

  it("a draft saved before Physical Network Adapter existed still loads, and its switch's adapters start the new page", async () => {
    wizardApi();
    const old = {
      connectionType: { connectionType: "vmkernel" },
      targetDevice: { kind: "existingStandardSwitch", portgroupKey: "", vswitchName: "vSwitch0", mtu: "1500" },
      newSwitch: { active: [], standby: [], unused: [] },
      portProperties: {
        networkLabel: "Old-label",
        vlanId: "0",
        ipSettings: "ipv4",
        mtu: { mode: "fromSwitch", value: "1500" },
        tcpipStack: "defaultTcpipStack",
        services: [],
      },
      ipv4: { mode: "dhcp", address: "", subnetMask: "", overrideGateway: false, defaultGateway: "" },
      ipv6: { dhcpV6: false, routerAdvertisement: true, staticAddresses: [], overrideGateway: false, defaultGateway: "" },
      connectionSettings: { networkLabel: "VM Network 2", vlanId: "0" },
    };
    sessionStorage.setItem(
      `addnet.wizard.${HOST}`,
      JSON.stringify({ version: 1, hostId: HOST, idempotencyKey: "old-key", values: old, visited: ["connection-type", "target-device"] }),
    );
    const { user } = await openPage("port-properties");
    await expectPage("Port properties");
    expect(dialog().getByLabelText("Network label")).toHaveValue("Old-label");
    await user.click(
      within(screen.getByRole("navigation", { name: "Wizard steps" })).getByRole("button", { name: /Select connection type/ }),
    );
    await expectPage("Select connection type");
    await user.click(dialog().getByRole("radio", { name: "Physical Network Adapter" }));
    await clickNext(user);
    await expectPage("Select target device");
    expect(dialog().getByLabelText("Standard switch")).toHaveValue("vSwitch0");
    await clickNext(user);
    await expectPage(PAGE);
    expect(group("Active adapters")).toEqual(["vmnic0"]);
    expect(group("Standby adapters")).toEqual([]);
    expect(group("Unused adapters")).toEqual([]);
    expect(readDraft()!.idempotencyKey).toBe("old-key");
    expect(readDraft()!.values.portProperties.networkLabel).toBe("Old-label");
    expect(readDraft()!.values.switchUplinks).toEqual({ vswitchName: "vSwitch0", active: ["vmnic0"], standby: [], unused: [] });
  });

  it("in Japanese, in the vSphere Client's words, from the connection type to the result", async () => {
    const api = wizardApi();
    const { user } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`, { language: "ja" });
    await user.click(await screen.findByRole("button", { name: "ネットワークの追加" }));
    await expectPage("接続タイプの選択");
    const physical = dialog().getByRole("radio", { name: "物理ネットワーク アダプタ" });
    expect(physical).toHaveAccessibleDescription(
      "物理ネットワーク アダプタは、ネットワーク上のほかのホストへのネットワーク トラフィックを処理します。",
    );
    await user.click(physical);
    await clickNext(user, "次へ");

    await expectPage("ターゲット デバイスの選択");
    expect(dialog().queryByRole("radio", { name: "既存のネットワークの選択" })).not.toBeInTheDocument();
    expect(dialog().getByRole("radio", { name: "既存の標準スイッチの選択" })).toHaveAccessibleDescription(
      "既存の標準スイッチに物理ネットワーク アダプタを追加します。",
    );
    await user.click(dialog().getByRole("radio", { name: "既存の標準スイッチの選択" }));
    await pickSwitch(user, "vSwitch0", "標準スイッチの参照", "スイッチの選択");
    await clickNext(user, "次へ");

    await expectPage("スイッチへの物理ネットワーク アダプタの追加");
    expect(steps()).toEqual(["接続タイプの選択", "ターゲット デバイスの選択", "スイッチへの物理ネットワーク アダプタの追加", "設定の確認"]);
    expect(group("アクティブ アダプタ")).toEqual(["vmnic0"]);
    expect(group("スタンバイ アダプタ")).toEqual([]);
    expect(group("未使用のアダプタ")).toEqual([]);
    expect(dialog().queryByRole("button", { name: "vmnic0 の削除" })).not.toBeInTheDocument();
    const words = { add: "アダプタの追加", title: "スイッチへの物理アダプタの追加", group: "フェイルオーバー順序グループ", ok: "OK" };
    expect(await addAdapters(user, ["vmnic2"], "スタンバイ アダプタ", words)).toEqual(["vmnic2", "vmnic3"]);
    await waitFor(() => expect(group("スタンバイ アダプタ")).toEqual(["vmnic2"]));
    await user.click(dialog().getByRole("button", { name: "vmnic2 の削除" }));
    expect(await dialog().findByText("vSwitch0 に物理アダプタを 1 つ以上追加してください。")).toBeInTheDocument();
    await addAdapters(user, ["vmnic2"], "スタンバイ アダプタ", words);
    await waitFor(() => expect(group("スタンバイ アダプタ")).toEqual(["vmnic2"]));
    await clickNext(user, "次へ");

    await expectPage("設定の確認");
    expect(await dialog().findByText("ホストはこれらの設定を受け入れます。")).toBeInTheDocument();
    expect(properties()).toEqual({
      接続タイプ: "物理ネットワーク アダプタ",
      標準スイッチ: "vSwitch0",
      "アクティブ アダプタ": "vmnic0",
      "スタンバイ アダプタ": "vmnic2 (新規)",
      未使用のアダプタ: "--",
    });
    expect(dialog().getByText("vmnic2 を標準スイッチ vSwitch0 に割り当て (アクティブ vmnic0、スタンバイ vmnic2)")).toBeInTheDocument();
    await clickNext(user, "終了");

    await expectPage("物理アダプタの追加完了");
    expect(dialog().getByText("物理アダプタ vmnic2 が esx-01.lab.local の vSwitch0 に追加されました。")).toBeInTheDocument();
    expect(properties()).toEqual({
      スイッチ: "vSwitch0",
      MTU: "1500",
      "アクティブ アダプタ": "vmnic0",
      "スタンバイ アダプタ": "vmnic2 (新規)",
      未使用のアダプタ: "--",
    });
    expect(dialog().getByText("完了")).toBeInTheDocument();
    expect(api.callsTo("POST", CREATE)[0]!.body).toEqual({
      connectionType: "physicalAdapter",
      targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
      switchUplinks: { active: ["vmnic0"], standby: ["vmnic2"], unused: [] },
    });
  });
});
