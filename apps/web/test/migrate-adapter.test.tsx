/**
 * Configure → Networking → VMkernel adapters → Migrate: an adapter on a standard port group goes to one of the host's
 * distributed port groups (those without Network.Assign disabled, with the reason), one on a distributed port group to a
 * new port group on a standard switch (its network label and VLAN ID); the shared rules at the fields; Analyze impact
 * once the target is valid, its errors keeping OK off; the POST with its Idempotency-Key, the list read again and the
 * success message; a failed migration, an ended session; unprivileged users; Japanese.
 */
import {
  editedAdapterSchema,
  preflightSchema,
  sessionInfoSchema,
  type HostNetworking,
  type Preflight,
  type VmkernelAdapterInfo,
} from "@addnet/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";

import { ADMIN, networking, problem } from "./fixtures.ts";
import { json, problemResponse, type MockApi } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

const HOST = "host-12";
const VIEW = `/hosts/${HOST}/networking/vmkernel-adapters`;
const NETWORKING = `/api/v1/hosts/${HOST}/networking`;
const migrationPath = (device: string) => `/api/v1/hosts/${HOST}/vmkernel-adapters/${device}/migration`;
const preflightPath = (device: string) => `${migrationPath(device)}/preflight`;
const KEY = /^[A-Za-z0-9_-]{8,128}$/;
const STORAGE_KEY = "dvportgroup-25";

type User = ReturnType<typeof renderApp>["user"];
type Dialog = ReturnType<typeof within>;

const READONLY = sessionInfoSchema.parse({
  user: { name: "Read Only", login: "readonly@vsphere.local" },
  server: "vcsa.lab.local",
  csrfToken: "csrf-token-readonly",
  privileges: [],
});

/** vmk2 on esx-01's "Storage" port group (vSwitch0, VLAN 50) at MTU 1500, with vSphere Replication. */
const VMK2: VmkernelAdapterInfo = {
  device: "vmk2",
  networkLabel: "Storage",
  switchName: "vSwitch0",
  portgroup: "Storage",
  distributedPort: null,
  mac: "00:0c:29:00:01:02",
  mtu: 1500,
  ipv4: { dhcp: false, address: "10.50.0.21", subnetMask: "255.255.255.0" },
  ipv6: null,
  tcpipStack: "defaultTcpipStack",
  gatewayOverride: null,
  services: ["vSphereReplication"],
};

/** vmk2 as it is on a distributed port group of DSwitch-Lab. */
function onDistributed(base: HostNetworking, portgroupKey: string, mtu = 1500): VmkernelAdapterInfo {
  const dvpg = base.distributedPortgroups.find((p) => p.key === portgroupKey)!;
  return {
    ...VMK2,
    networkLabel: dvpg.name,
    switchName: dvpg.switchName,
    portgroup: null,
    distributedPort: { switchUuid: dvpg.switchUuid, portgroupKey, portKey: "12" },
    mtu,
  };
}

/** vmk2 on a new standard port group. */
function onStandard(name: string, vswitch = "vSwitch0"): VmkernelAdapterInfo {
  return { ...VMK2, networkLabel: name, switchName: vswitch, portgroup: name };
}

/** esx-01 with vmk2 as given, its standard port group (when it has one) at `vlanId`. */
function withVmk2(vmk2: VmkernelAdapterInfo, base: HostNetworking = networking(), vlanId = 50): HostNetworking {
  const pg = vmk2.portgroup;
  return {
    ...base,
    vswitches: base.vswitches.map((vs) => (pg && vs.name === vmk2.switchName ? { ...vs, portgroups: [...vs.portgroups, pg] } : vs)),
    portgroups: pg
      ? [
          ...base.portgroups,
          { name: pg, vlanId, vswitch: vmk2.switchName!, vmkernelAdapter: "vmk2", security: null, teaming: null, failoverOrder: null },
        ]
      : base.portgroups,
    vmkernelAdapters: [...base.vmkernelAdapters, vmk2],
  };
}

const toDistributedCall = {
  method: "UpdateVirtualNic",
  object: "networkSystem-12",
  code: "step.migrateToDistributed",
  params: { device: "vmk2", from: "Storage", portgroup: "DPG-Storage" },
  summary: "Migrate vmk2 from Storage to distributed port group DPG-Storage",
};

const toStandardCalls = (portgroup: string, vlanId: number): Preflight["calls"] => [
  {
    method: "AddPortGroup",
    object: "networkSystem-12",
    code: "step.addPortGroup",
    params: { portgroup, vlanId, vswitch: "vSwitch0" },
    summary: `Add port group "${portgroup}" (VLAN ${vlanId}) to vSwitch0`,
  },
  {
    method: "UpdateVirtualNic",
    object: "networkSystem-12",
    code: "step.migrateToStandard",
    params: { device: "vmk2", from: "DPG-Storage", portgroup },
    summary: `Migrate vmk2 from DPG-Storage to standard port group "${portgroup}"`,
  },
];

const analysis = (p: Partial<Preflight> = {}): Preflight =>
  preflightSchema.parse({ errors: [], warnings: [], calls: [toDistributedCall], ...p });

/** The host as vCenter holds it, with vmk2 where it starts; a migration that succeeds moves it. */
function migrateApi(start: "standard" | "distributed" = "standard", base: () => HostNetworking = () => networking()): MockApi {
  const api = defaultApi();
  let net = start === "standard" ? withVmk2(VMK2, base()) : withVmk2(onDistributed(base(), STORAGE_KEY), base());
  api.on("GET", NETWORKING, () => json(200, net));
  api.on("POST", preflightPath("vmk2"), (call) => {
    const body = call.body as { to: string; networkLabel?: string; vlanId?: number };
    return json(200, analysis(body.to === "standard" ? { calls: toStandardCalls(body.networkLabel!, body.vlanId!) } : {}));
  });
  api.on("POST", migrationPath("vmk2"), (call) => {
    const body = call.body as { to: string; portgroupKey?: string; networkLabel?: string; vlanId?: number };
    const moved = body.to === "distributed" ? onDistributed(base(), body.portgroupKey!) : onStandard(body.networkLabel!);
    net = withVmk2(moved, base(), body.vlanId);
    const calls = body.to === "distributed" ? [toDistributedCall] : toStandardCalls(body.networkLabel!, body.vlanId!);
    return json(200, editedAdapterSchema.parse({ adapter: moved, steps: calls.map((c) => ({ ...c, status: "done" })) }));
  });
  return api;
}

async function adaptersTable(name = "VMkernel adapters") {
  return screen.findByRole("table", { name });
}

async function openMigrate(user: User, device: string, action: string, title: string): Promise<Dialog> {
  await user.click(within(await adaptersTable()).getByRole("radio", { name: device }));
  await user.click(screen.getByRole("button", { name: action }));
  return within(await screen.findByRole("dialog", { name: title }));
}

const openToDistributed = (user: User) =>
  openMigrate(user, "vmk2", "Migrate to a distributed switch", "vmk2 - Migrate to Distributed Switch");
const openToStandard = (user: User) => openMigrate(user, "vmk2", "Migrate to a standard switch", "vmk2 - Migrate to Standard Switch");

const migrations = (api: MockApi) => api.callsTo("POST", migrationPath("vmk2"));

/** A row of the VMkernel adapters list. */
async function adapterRow(device: string) {
  return within(
    within(await adaptersTable())
      .getByRole("rowheader", { name: device })
      .closest("tr")!,
  );
}

describe("Migrate a VMkernel adapter", () => {
  it("to a distributed switch: choose a port group, Analyze impact, OK sends it with an Idempotency-Key; the list says so", async () => {
    const api = migrateApi();
    const { user } = renderApp(VIEW);
    await adaptersTable();
    // Nothing selected: nothing to migrate. The button reads "⇄ Migrate".
    const idle = screen.getByRole("button", { name: "Migrate selected network adapter" });
    expect(idle).toBeDisabled();
    expect(idle).toHaveTextContent("⇄ Migrate");
    // vmk0 and vmk2 are on vSwitch0: both go to a distributed switch.
    const dialog = await openToDistributed(user);
    expect(dialog.getByText("Host: esx-01.lab.local")).toBeInTheDocument();
    expect(dialog.getByRole("group", { name: "Current network" })).toHaveTextContent("Storage (vSwitch0)");
    expect(dialog.getByText("vmk2 keeps its IP settings, MTU, enabled services and TCP/IP stack.")).toBeInTheDocument();
    const table = within(dialog.getByRole("table", { name: "Distributed port groups" }));
    expect(table.getAllByRole("radio").map((r) => r.getAttribute("value"))).toEqual(["dvportgroup-23", "dvportgroup-24", STORAGE_KEY]);
    expect(table.getAllByRole("radio").every((r) => !(r as HTMLInputElement).disabled)).toBe(true);
    expect(dialog.getByText("Select a distributed port group to see what the migration does on the host.")).toBeVisible();
    expect(api.callsTo("POST", /migration/)).toEqual([]);

    await user.click(table.getByRole("radio", { name: "DPG-Storage" }));
    const calls = within(await dialog.findByRole("region", { name: "vSphere API calls that OK makes" }));
    expect(calls.getByText("UpdateVirtualNic")).toBeInTheDocument();
    expect(calls.getByText("Migrate vmk2 from Storage to distributed port group DPG-Storage")).toBeInTheDocument();
    expect(dialog.getByText("No impact")).toBeVisible();
    expect(dialog.getByText("vmk2 moves with its address and services: no service of the host is affected.")).toBeVisible();
    expect(api.callsTo("POST", preflightPath("vmk2")).at(-1)!.body).toEqual({ to: "distributed", portgroupKey: STORAGE_KEY });

    const ok = screen.getByRole("button", { name: "OK" });
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const sent = migrations(api);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({ to: "distributed", portgroupKey: STORAGE_KEY });
    expect(sent[0]!.headers["idempotency-key"]).toMatch(KEY);
    expect(sent[0]!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);

    // The view says what was done (focused), the host's networking is read again, and Migrate now goes the other way.
    const message = await screen.findByText("vmk2 was migrated to DPG-Storage on esx-01.lab.local.");
    expect(message.closest("[tabindex]")).toHaveFocus();
    await waitFor(() => expect(api.callsTo("GET", NETWORKING).length).toBeGreaterThanOrEqual(2));
    const row = await adapterRow("vmk2");
    expect(row.getByText("DPG-Storage")).toBeInTheDocument();
    expect(row.getByText("DSwitch-Lab")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Migrate to a standard switch" })).toBeEnabled();
  });

  it("to a standard switch: the switch, the port group's label and VLAN ID; OK sends them; the list says so", async () => {
    const api = migrateApi("distributed");
    const { user } = renderApp(VIEW);
    const dialog = await openToStandard(user);
    expect(dialog.getByRole("group", { name: "Current network" })).toHaveTextContent("DPG-Storage (DSwitch-Lab)");
    const vswitch = dialog.getByRole("combobox", { name: "Standard switch" });
    expect(vswitch).toHaveValue("vSwitch0");
    // The distributed port group's name and VLAN ID to start with.
    const label = dialog.getByRole("textbox", { name: "Network label" });
    const vlan = dialog.getByRole("combobox", { name: "VLAN ID" });
    expect(label).toHaveValue("DPG-Storage");
    expect(vlan).toHaveValue("50");
    expect(dialog.queryByRole("table", { name: "Distributed port groups" })).not.toBeInTheDocument();
    // The defaults are valid: Analyze impact runs at once.
    expect(await dialog.findByText('Add port group "DPG-Storage" (VLAN 50) to vSwitch0')).toBeInTheDocument();

    await user.clear(label);
    await user.type(label, "Storage-Back");
    await user.clear(vlan);
    await user.type(vlan, "55");
    const calls = within(await dialog.findByRole("region", { name: "vSphere API calls that OK makes" }));
    expect(await calls.findByText('Migrate vmk2 from DPG-Storage to standard port group "Storage-Back"')).toBeInTheDocument();
    expect(calls.getByText('Add port group "Storage-Back" (VLAN 55) to vSwitch0')).toBeInTheDocument();
    const body = { to: "standard", vswitchName: "vSwitch0", networkLabel: "Storage-Back", vlanId: 55 };
    expect(api.callsTo("POST", preflightPath("vmk2")).at(-1)!.body).toEqual(body);

    const ok = screen.getByRole("button", { name: "OK" });
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    expect(await screen.findByText("vmk2 was migrated to Storage-Back on esx-01.lab.local.")).toBeVisible();
    const sent = migrations(api);
    expect(sent.map((c) => c.body)).toEqual([body]);
    expect(sent[0]!.headers["idempotency-key"]).toMatch(KEY);
    const row = await adapterRow("vmk2");
    expect(row.getByText("Storage-Back")).toBeInTheDocument();
    expect(row.getByText("vSwitch0")).toBeInTheDocument();
  });

  it("the host's rules at the fields before the host is asked: a label in use, a VLAN ID out of range, an MTU above the switch's", async () => {
    const api = migrateApi("distributed");
    const { user, unmount } = renderApp(VIEW);
    const dialog = await openToStandard(user);
    const label = dialog.getByRole("textbox", { name: "Network label" });
    await user.clear(label);
    await user.type(label, "VM Network");
    expect(await dialog.findByText('esx-01.lab.local already has a port group named "VM Network".')).toBeVisible();
    expect(label).toHaveAttribute("aria-invalid", "true");
    const vlan = dialog.getByRole("combobox", { name: "VLAN ID" });
    await user.clear(vlan);
    await user.type(vlan, "4095");
    expect(await dialog.findByText("The VLAN ID must be from 0 (none) to 4094.")).toBeVisible();
    expect(dialog.getByText("Complete or correct the settings to see what the migration does on the host.")).toBeVisible();
    // Nothing refused is analyzed; OK on errors shows them and sends nothing.
    const analyzed = api.callsTo("POST", preflightPath("vmk2")).map((c) => (c.body as { networkLabel: string }).networkLabel);
    expect(analyzed).not.toContain("VM Network");
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(migrations(api)).toEqual([]);
    unmount();

    // vmk1 is at the distributed switch's MTU 9000, above vSwitch0's 1500.
    api.on("GET", NETWORKING, networking({ vmotionStackAdapter: true }));
    const again = renderApp(VIEW);
    const d = await openMigrate(again.user, "vmk1", "Migrate to a standard switch", "vmk1 - Migrate to Standard Switch");
    expect(await d.findByText("The adapter's MTU 9000 cannot be larger than the switch's MTU 1500.")).toBeVisible();
    expect(d.getByRole("combobox", { name: "Standard switch" })).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo("POST", /vmk1\/migration/)).toEqual([]);
  });

  it("a distributed port group without Network.Assign is disabled with the missing privilege", async () => {
    migrateApi("standard", () => networking({ assignable: ["DPG-vMotion", "DPG-Provisioning"] }));
    const { user } = renderApp(VIEW);
    const dialog = await openToDistributed(user);
    const storage = dialog.getByRole("radio", { name: "DPG-Storage" });
    expect(storage).toBeDisabled();
    expect(storage).toHaveAccessibleDescription("Missing privilege Network.Assign on DPG-Storage");
    expect(dialog.getByRole("radio", { name: "DPG-vMotion" })).toBeEnabled();
    expect(dialog.getByRole("radio", { name: "DPG-Provisioning" })).not.toHaveAccessibleDescription();
  });

  it("Analyze impact's errors keep OK off, and Analyze impact again asks about the same target", async () => {
    const api = migrateApi();
    api.on("POST", preflightPath("vmk2"), () =>
      json(
        200,
        analysis({
          errors: [
            {
              path: "portgroupKey",
              code: "targetDevice.notFound",
              message: "esx-01.lab.local cannot use dvportgroup-25.",
              params: { host: "esx-01.lab.local", target: STORAGE_KEY },
            },
          ],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openToDistributed(user);
    await user.click(dialog.getByRole("radio", { name: "DPG-Storage" }));
    expect(await dialog.findByText("vmk2 cannot be migrated this way:")).toBeVisible();
    expect(dialog.getByText("esx-01.lab.local cannot use dvportgroup-25.")).toBeVisible();
    expect(dialog.getByText("Critical impact")).toBeVisible();
    const ok = screen.getByRole("button", { name: "OK" });
    expect(ok).toBeDisabled();
    await user.click(ok);
    expect(migrations(api)).toEqual([]);

    const asked = api.callsTo("POST", preflightPath("vmk2")).length;
    await user.click(dialog.getByRole("button", { name: "Analyze impact" }));
    await waitFor(() => expect(api.callsTo("POST", preflightPath("vmk2"))).toHaveLength(asked + 1));
    expect(api.callsTo("POST", preflightPath("vmk2")).at(-1)!.body).toEqual({ to: "distributed", portgroupKey: STORAGE_KEY });
    await dialog.findByText("Critical impact");
    expect(ok).toBeDisabled();
  });

  it("the management adapter: Analyze impact warns that vCenter reaches the host through it; OK stays allowed", async () => {
    const api = migrateApi();
    api.on("POST", preflightPath("vmk0"), () =>
      json(
        200,
        analysis({
          warnings: [
            {
              path: "device",
              code: "migrate.management",
              message: "vmk0 carries Management.",
              params: { host: "esx-01.lab.local", device: "vmk0" },
            },
          ],
          calls: [{ ...toDistributedCall, params: { device: "vmk0", from: "Management Network", portgroup: "DPG-Storage" } }],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openMigrate(user, "vmk0", "Migrate to a distributed switch", "vmk0 - Migrate to Distributed Switch");
    await user.click(dialog.getByRole("radio", { name: "DPG-Storage" }));
    expect(await dialog.findByText("Migrating vmk0 has this impact:")).toBeVisible();
    expect(dialog.getByText("Important impact")).toBeVisible();
    expect(dialog.getByText(/vmk0 carries Management/)).toBeVisible();
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
  });

  it("a failed migration keeps the dialog open with what was typed and how it ended; OK again is a new attempt with a new key", async () => {
    const api = migrateApi("distributed");
    api.sequence(
      "POST",
      migrationPath("vmk2"),
      () =>
        problemResponse(
          problem(422, "HOST_CONFIG_FAULT", {
            outcome: [
              { code: "outcome.stepFailed", params: { step: 2, steps: 2, method: "UpdateVirtualNic" } },
              { code: "fault.HostConfigFault" },
              { code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } },
            ],
            steps: [
              { ...toStandardCalls("Storage-Back", 50)[0]!, status: "undone" },
              { ...toStandardCalls("Storage-Back", 50)[1]!, status: "failed" },
            ],
          }),
        ),
      () =>
        json(
          200,
          editedAdapterSchema.parse({
            adapter: onStandard("Storage-Back"),
            steps: toStandardCalls("Storage-Back", 50).map((c) => ({ ...c, status: "done" })),
          }),
        ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openToStandard(user);
    const label = dialog.getByRole("textbox", { name: "Network label" });
    await user.clear(label);
    await user.type(label, "Storage-Back");
    const ok = screen.getByRole("button", { name: "OK" });
    await dialog.findByText('Add port group "Storage-Back" (VLAN 50) to vSwitch0');
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);

    const outcome = await dialog.findByRole("alert");
    expect(outcome).toHaveTextContent("Step 2 of 2 (UpdateVirtualNic) failed:");
    expect(outcome).toHaveTextContent("Nothing was changed on esx-01.lab.local.");
    expect(outcome.parentElement).toHaveFocus();
    expect(dialog.getByText("Failed")).toBeInTheDocument();
    expect(dialog.getByText("Rolled back")).toBeInTheDocument();
    expect(label).toHaveValue("Storage-Back");
    expect(screen.queryByText(/was migrated to/)).not.toBeInTheDocument();

    await user.click(ok);
    expect(await screen.findByText("vmk2 was migrated to Storage-Back on esx-01.lab.local.")).toBeVisible();
    const keys = migrations(api).map((c) => c.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(KEY);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it("when vCenter ends the session, the sign-in dialog opens over it, keeps what was typed and OK is retried with the same key", async () => {
    const api = migrateApi("distributed");
    api.on("POST", "/api/v1/session", { ...ADMIN, csrfToken: "csrf-token-2" });
    const expired = () => problemResponse(problem(401, "SESSION_EXPIRED", { detail: "The vCenter Server session has ended." }));
    api.sequence("POST", migrationPath("vmk2"), expired, () =>
      json(200, editedAdapterSchema.parse({ adapter: onStandard("Storage-Back"), steps: [] })),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openToStandard(user);
    const label = dialog.getByRole("textbox", { name: "Network label" });
    await user.clear(label);
    await user.type(label, "Storage-Back");
    await dialog.findByText('Add port group "Storage-Back" (VLAN 50) to vSwitch0');
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));

    const signIn = within(await screen.findByRole("alertdialog", { name: "Your session has expired" }));
    expect(label).toHaveValue("Storage-Back");
    await user.type(signIn.getByLabelText("Password"), "VMware1!");
    await user.click(signIn.getByRole("button", { name: "Log in" }));

    expect(await screen.findByText("vmk2 was migrated to Storage-Back on esx-01.lab.local.")).toBeVisible();
    const sent = migrations(api);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toEqual(sent[0]!.body);
    expect(sent[1]!.headers["idempotency-key"]).toBe(sent[0]!.headers["idempotency-key"]);
    expect(sent[1]!.headers["x-csrf-token"]).toBe("csrf-token-2");
  });

  it("a read-only user: Migrate is disabled and names the missing privilege; on a host not connected, says so", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/session", READONLY);
    api.on("GET", NETWORKING, withVmk2(VMK2, networking({ hostConfigNetwork: false, hostConfigStorage: false, assignable: [] })));
    const { user, unmount } = renderApp(VIEW);
    await user.click(within(await adaptersTable()).getByRole("radio", { name: "vmk2" }));
    const migrate = screen.getByRole("button", { name: "Migrate to a distributed switch" });
    expect(migrate).toBeDisabled();
    expect(migrate).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-01.lab.local");
    await user.click(migrate);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    unmount();

    const disconnected = withVmk2(VMK2);
    disconnected.host.connectionState = "disconnected";
    api.on("GET", "/api/v1/session", ADMIN);
    api.on("GET", NETWORKING, disconnected);
    const again = renderApp(VIEW);
    await again.user.click(within(await adaptersTable()).getByRole("radio", { name: "vmk2" }));
    expect(screen.getByRole("button", { name: "Migrate to a distributed switch" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Migrate to a distributed switch" })).toHaveAccessibleDescription(
      "The host is not connected to vCenter Server.",
    );
    expect(api.calls.filter((c) => c.path.includes("/migration"))).toEqual([]);
  });

  it("has no serious accessibility violations (axe-core), in both directions", async () => {
    migrateApi("standard", () => networking({ assignable: ["DPG-vMotion"] }));
    const { user, unmount } = renderApp(VIEW);
    const dialog = await openToDistributed(user);
    await user.click(dialog.getByRole("radio", { name: "DPG-vMotion" }));
    await dialog.findByText("No impact");
    const rules = { "color-contrast": { enabled: false } };
    const serious = async () =>
      (await axe.run(document.body, { resultTypes: ["violations"], rules })).violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => v.id);
    expect(await serious()).toEqual([]);
    unmount();

    migrateApi("distributed");
    const again = renderApp(VIEW);
    const d = await openToStandard(again.user);
    await d.findByText("No impact");
    expect(await serious()).toEqual([]);
  });

  it("in Japanese: 「vmk2 - 分散スイッチへの移行」, Analyze impact's words and the success message", async () => {
    const api = migrateApi();
    const { user } = renderApp(VIEW, { language: "ja" });
    await user.click(within(await adaptersTable("VMkernel アダプタ")).getByRole("radio", { name: "vmk2" }));
    const action = screen.getByRole("button", { name: "分散スイッチへの移行" });
    expect(action).toHaveTextContent("⇄ 移行");
    await user.click(action);
    const dialog = within(await screen.findByRole("dialog", { name: "vmk2 - 分散スイッチへの移行" }));
    expect(dialog.getByText("ホスト: esx-01.lab.local")).toBeInTheDocument();
    expect(dialog.getByRole("group", { name: "現在のネットワーク" })).toHaveTextContent("Storage (vSwitch0)");
    expect(dialog.getByText("分散ポート グループを選択すると、移行がホストに与える影響が表示されます。")).toBeVisible();
    await user.click(within(dialog.getByRole("table", { name: "分散ポート グループ" })).getByRole("radio", { name: "DPG-Storage" }));
    expect(await dialog.findByText("vmk2 を Storage から分散ポート グループ DPG-Storage に移行")).toBeInTheDocument();
    expect(dialog.getByText("影響なし")).toBeVisible();
    expect(dialog.getByRole("region", { name: "[OK] で実行される vSphere API の呼び出し" })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(await screen.findByText("esx-01.lab.local の vmk2 を DPG-Storage に移行しました。")).toBeVisible();
    expect(migrations(api)).toHaveLength(1);
    expect(screen.getByRole("button", { name: "標準スイッチへの移行" })).toBeEnabled();
  });
});
