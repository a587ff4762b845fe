/** "Virtual Machine Port Group for a Standard Switch": the whole run, its Connection settings page, Finish and the result. */
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { ADMIN, createdPortGroup, networking, portGroupPreflight, preflightResult, problem } from "../fixtures.ts";
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

const PREFLIGHT = "/api/v1/hosts/host-12/port-groups/preflight";
const CREATE = "/api/v1/hosts/host-12/port-groups";

/** The choices the VLAN ID field offers (its datalist): value and words. */
function vlanChoices(input: HTMLElement): [string, string | null][] {
  const list = document.getElementById(input.getAttribute("list")!)!;
  return [...list.querySelectorAll("option")].map((o) => [o.value, o.textContent]);
}

/** esx-01 without its "VM Network" port group, so that the vSphere Client's default label is free. */
function withoutVmNetwork() {
  const n = networking();
  n.portgroups = n.portgroups.filter((pg) => pg.name !== "VM Network");
  n.vswitches[0]!.portgroups = n.vswitches[0]!.portgroups.filter((name) => name !== "VM Network");
  return n;
}

describe("Virtual Machine Port Group for a Standard Switch", () => {
  it("on an existing standard switch: connection type, target device, Connection settings, Ready to complete, Finish and the result", async () => {
    const api = wizardApi();
    api.on("GET", "/api/v1/hosts/host-12/networking", withoutVmNetwork());
    api.on("POST", PREFLIGHT, portGroupPreflight("VM-Prod", 4095));
    api.on("POST", CREATE, () => json(201, createdPortGroup({ name: "VM-Prod", vlanId: 4095 })));
    const { user, router } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`);
    await user.click(await screen.findByRole("button", { name: "Add Networking" }));

    await expectPage("Select connection type");
    expect(steps()).toEqual(["Select connection type", "Select target device", "Port properties", "IPv4 settings", "Ready to complete"]);
    await user.click(dialog().getByRole("radio", { name: "Virtual Machine Port Group for a Standard Switch" }));
    await waitFor(() =>
      expect(steps()).toEqual(["Select connection type", "Select target device", "Connection settings", "Ready to complete"]),
    );
    await clickNext(user);

    // A port group goes on a standard switch only: no distributed port group, as in the vSphere Client.
    await expectPage("Select target device");
    expect(
      dialog()
        .getAllByRole("radio")
        .map((r) => r.getAttribute("value")),
    ).toEqual(["existingStandardSwitch", "newStandardSwitch"]);
    expect(dialog().queryByRole("radio", { name: "Select an existing network" })).not.toBeInTheDocument();
    expect(dialog().getByRole("radio", { name: "Select an existing standard switch" })).toHaveAccessibleDescription(
      "Add the port group to an existing standard switch and use its physical adapter configuration.",
    );
    await user.click(dialog().getByRole("radio", { name: "Select an existing standard switch" }));
    await pickSwitch(user);
    await clickNext(user);

    await expectPage("Connection settings");
    expect(
      dialog().getByText("Use network labels to identify migration-compatible connections common to two or more hosts."),
    ).toBeInTheDocument();
    const label = dialog().getByLabelText("Network label");
    const vlan = dialog().getByLabelText("VLAN ID");
    expect(label).toHaveValue("VM Network");
    expect(vlan).toHaveValue("0");
    expect(vlanChoices(vlan)).toEqual([
      ["0", "None (0)"],
      ["4095", "All (4095)"],
    ]);

    // A label the host already has is refused on the page (checkPortGroup, the API's rule too).
    await user.clear(label);
    await user.type(label, "Management Network");
    await waitFor(() =>
      expect(dialog().getByLabelText("Network label")).toHaveAccessibleDescription(
        'esx-01.lab.local already has a port group named "Management Network".',
      ),
    );
    await waitNextDisabled();
    await user.clear(label);
    await user.type(label, "VM-Prod");
    await waitFor(() => expect(dialog().getByLabelText("Network label")).not.toHaveAccessibleDescription(/already has/));

    // 4095 (All) is a port group's VLAN ID; 4096 is not.
    await user.clear(vlan);
    await user.type(vlan, "4096");
    await waitFor(() =>
      expect(dialog().getByLabelText("VLAN ID")).toHaveAccessibleDescription("The VLAN ID must be from 0 (none) to 4095 (all)."),
    );
    await waitNextDisabled();
    await user.clear(vlan);
    await user.type(vlan, "4095");
    await waitFor(() => expect(dialog().getByLabelText("VLAN ID")).not.toHaveAttribute("aria-invalid"));
    await clickNext(user);

    await expectPage("Ready to complete");
    expect(await dialog().findByText("The host accepts these settings.")).toBeInTheDocument();
    expect(properties()).toEqual({
      "Connection type": "Virtual Machine Port Group for a Standard Switch",
      "Standard switch": "vSwitch0",
      "Network label": "VM-Prod",
      "VLAN ID": "All (4095)",
    });
    expect(dialog().getByText("AddPortGroup")).toBeInTheDocument();
    expect(dialog().getByText('Add port group "VM-Prod" (VLAN 4095) to vSwitch0')).toBeInTheDocument();
    const model = {
      connectionType: "vmPortGroup",
      targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
      connectionSettings: { networkLabel: "VM-Prod", vlanId: 4095 },
    };
    expect(api.callsTo("POST", PREFLIGHT).at(-1)!.body).toEqual(model);
    // Nothing but the preflight before Finish, and nothing to the VMkernel adapters.
    expect(new Set(changes(api))).toEqual(new Set([`POST ${PREFLIGHT}`]));

    await user.click(dialog().getByRole("button", { name: "Finish" }));
    await expectPage("Port group added");
    expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/vmkernel-adapters/add-networking/result`);
    const creates = api.callsTo("POST", CREATE);
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body).toEqual(model);
    expect(creates[0]!.headers["idempotency-key"]).toBe(readDraft()!.idempotencyKey);
    expect(creates[0]!.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(creates[0]!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);
    expect(api.callsTo("POST", /vmkernel-adapters/)).toEqual([]);

    expect(dialog().getByText('Port group "VM-Prod" (VLAN 4095) was added to vSwitch0 on esx-01.lab.local.')).toBeInTheDocument();
    expect(properties()).toEqual({ "Network label": "VM-Prod", "VLAN ID": "All (4095)", Switch: "vSwitch0" });
    expect(dialog().getByText("Done")).toBeInTheDocument();
    await user.click(dialog().getAllByRole("button", { name: "Close" }).at(-1)!);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/vmkernel-adapters`));
    expect(readDraft()).toBeNull();
  });

  it("on a new standard switch: the uplinks page joins the run, and the label the host has is followed by the next free one", async () => {
    const api = wizardApi();
    api.on(
      "POST",
      PREFLIGHT,
      portGroupPreflight("VM Network 2", 0, "vSwitch1", {
        calls: [
          {
            method: "AddVirtualSwitch",
            object: "networkSystem-12",
            code: "step.addVirtualSwitch",
            params: { vswitch: "vSwitch1", mtu: 9000, uplinks: "vmnic2" },
            summary: "Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2)",
          },
          ...portGroupPreflight("VM Network 2", 0, "vSwitch1").calls,
        ],
      }),
    );
    api.on("POST", CREATE, () => json(201, createdPortGroup({ name: "VM Network 2", vlanId: 0, vswitch: "vSwitch1" })));
    const { user } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`);
    await user.click(await screen.findByRole("button", { name: "Add Networking" }));
    await expectPage("Select connection type");
    await user.click(dialog().getByRole("radio", { name: "Virtual Machine Port Group for a Standard Switch" }));
    await clickNext(user);

    await expectPage("Select target device");
    await user.click(dialog().getByRole("radio", { name: "New standard switch" }));
    const mtu = dialog().getByLabelText("MTU (Bytes)");
    await user.clear(mtu);
    await user.type(mtu, "9000");
    await waitFor(() =>
      expect(steps()).toEqual([
        "Select connection type",
        "Select target device",
        "Create a Standard Switch",
        "Connection settings",
        "Ready to complete",
      ]),
    );
    await clickNext(user);

    await expectPage("Create a Standard Switch");
    await user.click(dialog().getByRole("button", { name: "Add adapters" }));
    const add = within(await screen.findByRole("dialog", { name: "Add Physical Adapters to the Switch" }));
    await user.click(add.getByRole("checkbox", { name: "vmnic2" }));
    await user.click(add.getByRole("button", { name: "OK" }));
    expect(within(dialog().getByRole("region", { name: "Active adapters" })).getByText("vmnic2")).toBeInTheDocument();
    await clickNext(user);

    // esx-01 has a "VM Network": the vSphere Client proposes "VM Network 2".
    await expectPage("Connection settings");
    expect(dialog().getByLabelText("Network label")).toHaveValue("VM Network 2");
    expect(dialog().getByLabelText("VLAN ID")).toHaveValue("0");
    await clickNext(user);

    await expectPage("Ready to complete");
    expect(await dialog().findByText("The host accepts these settings.")).toBeInTheDocument();
    expect(properties()).toEqual({
      "Connection type": "Virtual Machine Port Group for a Standard Switch",
      "New standard switch": "MTU 9000 bytes",
      "Active adapters": "vmnic2",
      "Standby adapters": "--",
      "Unused adapters": "--",
      "Network label": "VM Network 2",
      "VLAN ID": "None (0)",
    });
    expect(dialog().getByText("Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2)")).toBeInTheDocument();
    expect(dialog().getByText('Add port group "VM Network 2" (VLAN 0) to vSwitch1')).toBeInTheDocument();

    await user.click(dialog().getByRole("button", { name: "Finish" }));
    await expectPage("Port group added");
    const [create] = api.callsTo("POST", CREATE);
    expect(create!.body).toEqual({
      connectionType: "vmPortGroup",
      targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
      newSwitchUplinks: { active: ["vmnic2"], standby: [], unused: [] },
      connectionSettings: { networkLabel: "VM Network 2", vlanId: 0 },
    });
    expect(create!.headers["idempotency-key"]).toBe(readDraft()!.idempotencyKey);
    expect(dialog().getByText('Port group "VM Network 2" (VLAN 0) was added to vSwitch1 on esx-01.lab.local.')).toBeInTheDocument();
    expect(properties()["VLAN ID"]).toBe("None (0)");
  });

  it("a failed Finish keeps what the user entered, tells how it ended, and the next Finish is a new attempt", async () => {
    const api = wizardApi();
    api.on("POST", PREFLIGHT, portGroupPreflight("VM-Prod", 30));
    api.sequence(
      "POST",
      CREATE,
      () =>
        problemResponse(
          problem(422, "HOST_CONFIG_FAULT", {
            steps: [{ ...portGroupPreflight("VM-Prod", 30).calls[0]!, status: "failed" }],
            fault: { code: "fault.HostConfigFault" },
            outcome: [
              { code: "outcome.stepFailed", params: { step: 1, steps: 1, method: "AddPortGroup" } },
              { code: "fault.HostConfigFault" },
              { code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } },
            ],
          }),
        ),
      () => json(201, createdPortGroup({ name: "VM-Prod", vlanId: 30 })),
    );
    seedDraft(
      {
        connectionType: { connectionType: "vmPortGroup" },
        targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
        connectionSettings: { networkLabel: "VM-Prod", vlanId: "30" },
      },
      ["connection-type", "target-device", "connection-settings"],
      HOST,
      "pg-run-key-1",
    );
    const { user } = await openPage("ready-to-complete");
    await expectPage("Ready to complete");
    await clickNext(user, "Finish");
    expect(
      await dialog().findByText(
        "Step 1 of 1 (AddPortGroup) failed: An error occurred during host configuration. Nothing was changed on esx-01.lab.local.",
      ),
    ).toBeInTheDocument();
    expect(dialog().getByText("Failed")).toBeInTheDocument();
    await waitFor(() => expect(dialog().getByRole("alert").closest("[tabindex='-1']")).toHaveFocus());
    expect(api.callsTo("POST", CREATE)[0]!.headers["idempotency-key"]).toBe("pg-run-key-1");

    // The run keeps its values (a new key for the next attempt) and stays on Ready to complete.
    await waitFor(() => expect(readDraft()!.idempotencyKey).not.toBe("pg-run-key-1"));
    expect(readDraft()!.values.connectionSettings).toEqual({ networkLabel: "VM-Prod", vlanId: "30" });
    expect(readDraft()!.result).toBeUndefined();
    await expectPage("Ready to complete");
    await user.click(dialog().getByRole("button", { name: "Back" }));
    await expectPage("Connection settings");
    expect(dialog().getByLabelText("Network label")).toHaveValue("VM-Prod");
    expect(dialog().getByLabelText("VLAN ID")).toHaveValue("30");
    await clickNext(user);

    await expectPage("Ready to complete");
    const retryKey = readDraft()!.idempotencyKey;
    await clickNext(user, "Finish");
    await expectPage("Port group added");
    const creates = api.callsTo("POST", CREATE);
    expect(creates).toHaveLength(2);
    expect(creates[1]!.headers["idempotency-key"]).toBe(retryKey);
    expect(creates[1]!.body).toEqual(creates[0]!.body);
  });

  it("a preflight error on the label leads to Connection settings, where it shows next to the field", async () => {
    const api = wizardApi();
    api.on(
      "POST",
      PREFLIGHT,
      portGroupPreflight("VM-Prod", 0, "vSwitch0", {
        errors: [
          {
            path: "connectionSettings.networkLabel",
            code: "networkLabel.inUse",
            message: 'esx-01.lab.local already has a port group named "VM-Prod".',
            params: { host: "esx-01.lab.local", label: "VM-Prod" },
          },
        ],
      }),
    );
    seedDraft(
      {
        connectionType: { connectionType: "vmPortGroup" },
        targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
        connectionSettings: { networkLabel: "VM-Prod", vlanId: "0" },
      },
      ["connection-type", "target-device", "connection-settings"],
    );
    const { user } = await openPage("ready-to-complete");
    expect(await dialog().findByText('esx-01.lab.local already has a port group named "VM-Prod".')).toBeInTheDocument();
    expect(dialog().getByRole("button", { name: "Finish" })).toBeDisabled();
    await user.click(dialog().getByRole("button", { name: "Go to Connection settings" }));
    await expectPage("Connection settings");
    await waitFor(() =>
      expect(dialog().getByLabelText("Network label")).toHaveAccessibleDescription(
        'esx-01.lab.local already has a port group named "VM-Prod".',
      ),
    );
    // Until the field changes: the API found that value wrong, not the next one.
    await user.type(dialog().getByLabelText("Network label"), "-B");
    await waitFor(() => expect(dialog().getByLabelText("Network label")).not.toHaveAccessibleDescription(/already has/));
  });

  it("a distributed port group chosen for a VMkernel adapter is no target for a port group", async () => {
    wizardApi();
    seedDraft({
      connectionType: { connectionType: "vmPortGroup" },
      targetDevice: { kind: "existingNetwork", portgroupKey: "dvportgroup-23" },
    });
    const { router } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters/add-networking/ready-to-complete`);
    await expectPage("Select target device");
    expect(router.state.location.pathname).toMatch(/\/target-device$/);
    for (const radio of dialog().getAllByRole("radio")) expect(radio).not.toBeChecked();
    await waitNextDisabled();
  });

  it("a draft saved before the port group existed still loads, and gets the Connection settings defaults", async () => {
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
    };
    sessionStorage.setItem(
      `addnet.wizard.${HOST}`,
      JSON.stringify({ version: 1, hostId: HOST, idempotencyKey: "old-key", values: old, visited: ["connection-type"] }),
    );
    const { user } = await openPage("port-properties");
    await expectPage("Port properties");
    expect(dialog().getByLabelText("Network label")).toHaveValue("Old-label");
    await user.click(
      within(screen.getByRole("navigation", { name: "Wizard steps" })).getByRole("button", { name: /Select connection type/ }),
    );
    await expectPage("Select connection type");
    await user.click(dialog().getByRole("radio", { name: "Virtual Machine Port Group for a Standard Switch" }));
    await clickNext(user);
    await expectPage("Select target device");
    expect(dialog().getByLabelText("Standard switch")).toHaveValue("vSwitch0");
    await clickNext(user);
    await expectPage("Connection settings");
    expect(dialog().getByLabelText("Network label")).toHaveValue("VM Network 2");
    expect(dialog().getByLabelText("VLAN ID")).toHaveValue("0");
    expect(readDraft()!.idempotencyKey).toBe("old-key");
    expect(readDraft()!.values.portProperties.networkLabel).toBe("Old-label");
  });

  it("in Japanese, in the vSphere Client's words, from the connection type to the result", async () => {
    const api = wizardApi();
    api.on("POST", PREFLIGHT, portGroupPreflight("VM Network 2", 4095));
    api.on("POST", CREATE, () => json(201, createdPortGroup({ name: "VM Network 2", vlanId: 4095 })));
    const { user } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`, { language: "ja" });
    await user.click(await screen.findByRole("button", { name: "ネットワークの追加" }));
    await expectPage("接続タイプの選択");
    expect(dialog().getByRole("radio", { name: "物理ネットワーク アダプタ" })).toBeEnabled();
    await user.click(dialog().getByRole("radio", { name: "標準スイッチの仮想マシンのポート グループ" }));
    await clickNext(user, "次へ");

    await expectPage("ターゲット デバイスの選択");
    expect(dialog().queryByRole("radio", { name: "既存のネットワークの選択" })).not.toBeInTheDocument();
    await user.click(dialog().getByRole("radio", { name: "既存の標準スイッチの選択" }));
    await pickSwitch(user, "vSwitch0", "標準スイッチの参照", "スイッチの選択");
    await clickNext(user, "次へ");

    await expectPage("接続設定");
    expect(steps()).toEqual(["接続タイプの選択", "ターゲット デバイスの選択", "接続設定", "設定の確認"]);
    expect(dialog().getByText("ネットワーク ラベルを使用して、2 つ以上のホストに共通する移行互換の接続を識別します。")).toBeInTheDocument();
    const label = dialog().getByLabelText("ネットワーク ラベル");
    const vlan = dialog().getByLabelText("VLAN ID");
    expect(label).toHaveValue("VM Network 2");
    expect(vlan).toHaveValue("0");
    expect(vlanChoices(vlan)).toEqual([
      ["0", "なし (0)"],
      ["4095", "すべて (4095)"],
    ]);
    await user.clear(label);
    await user.type(label, "VM Network");
    await waitFor(() =>
      expect(dialog().getByLabelText("ネットワーク ラベル")).toHaveAccessibleDescription(
        "esx-01.lab.local には「VM Network」という名前のポート グループがすでに存在します。",
      ),
    );
    await user.type(label, " 2");
    await user.clear(vlan);
    await user.type(vlan, "4096");
    await waitFor(() =>
      expect(dialog().getByLabelText("VLAN ID")).toHaveAccessibleDescription(
        "VLAN ID は 0 (なし) ～ 4095 (すべて) の範囲で指定してください。",
      ),
    );
    await user.clear(vlan);
    await user.type(vlan, "4095");
    await clickNext(user, "次へ");

    await expectPage("設定の確認");
    expect(await dialog().findByText("ホストはこれらの設定を受け入れます。")).toBeInTheDocument();
    expect(properties()).toEqual({
      接続タイプ: "標準スイッチの仮想マシンのポート グループ",
      標準スイッチ: "vSwitch0",
      "ネットワーク ラベル": "VM Network 2",
      "VLAN ID": "すべて (4095)",
    });
    expect(dialog().getByText("ポート グループ「VM Network 2」(VLAN 4095) を vSwitch0 に追加")).toBeInTheDocument();
    await clickNext(user, "終了");

    await expectPage("ポート グループの追加完了");
    expect(
      dialog().getByText("ポート グループ「VM Network 2」(VLAN 4095) が esx-01.lab.local の vSwitch0 に追加されました。"),
    ).toBeInTheDocument();
    expect(properties()).toEqual({ "ネットワーク ラベル": "VM Network 2", "VLAN ID": "すべて (4095)", スイッチ: "vSwitch0" });
    expect(dialog().getByText("完了")).toBeInTheDocument();
    expect(api.callsTo("POST", CREATE)[0]!.body).toEqual({
      connectionType: "vmPortGroup",
      targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
      connectionSettings: { networkLabel: "VM Network 2", vlanId: 4095 },
    });
  });
});

// The VMkernel adapter's run is unchanged: its own pages, and nothing sent to the port groups.
describe("the VMkernel adapter's run beside it", () => {
  it("has no Connection settings page and previews with the VMkernel adapters' preflight", async () => {
    const api = wizardApi();
    api.on("POST", "/api/v1/hosts/host-12/vmkernel-adapters/preflight", preflightResult());
    seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } });
    await openPage("ready-to-complete");
    await expectPage("Ready to complete");
    expect(steps()).toEqual(["Select connection type", "Select target device", "Port properties", "IPv4 settings", "Ready to complete"]);
    await waitFor(() => expect(api.callsTo("POST", /preflight$/)).toHaveLength(1));
    expect(api.callsTo("POST", /port-groups/)).toEqual([]);
    expect(properties()["Connection type"]).toBe("VMkernel Network Adapter");
  });
});
