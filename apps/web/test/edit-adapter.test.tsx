/**
 * Configure → Networking → VMkernel adapters → Edit ("<vmkN> - Edit Settings"): the form starts from the adapter as the
 * host has it; the network, VLAN ID and TCP/IP stack are shown, not edited; the shared rules at the fields; Analyze impact
 * once the form holds a valid change, its errors keeping OK off; the PATCH with the whole desired state and its
 * Idempotency-Key, the list read again and the success message; a failed edit, an ended session; unprivileged users;
 * Japanese.
 */
import {
  editedAdapterSchema,
  preflightSchema,
  type HostNetworking,
  type Preflight,
  type VmkernelAdapterEdit,
  type VmkernelAdapterInfo,
} from "@addnet/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";

import { ADMIN, HELPDESK, networking, problem } from "./fixtures.ts";
import { json, problemResponse, type MockApi } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

const HOST = "host-12";
const VIEW = `/hosts/${HOST}/networking/vmkernel-adapters`;
const NETWORKING = `/api/v1/hosts/${HOST}/networking`;
const adapterPath = (device: string) => `/api/v1/hosts/${HOST}/vmkernel-adapters/${device}`;
const preflightPath = (device: string) => `${adapterPath(device)}/preflight`;
const KEY = /^[A-Za-z0-9_-]{8,128}$/;

type User = ReturnType<typeof renderApp>["user"];

/**
 * vmk2 on esx-01's "Storage" port group (vSwitch0, VLAN 50): a static IPv4 address with its own gateway, DHCPv6 and one
 * static IPv6 address with its own gateway, vSphere Replication.
 */
const VMK2: VmkernelAdapterInfo = {
  device: "vmk2",
  networkLabel: "Storage",
  switchName: "vSwitch0",
  portgroup: "Storage",
  distributedPort: null,
  mac: "00:0c:29:00:01:02",
  mtu: 1500,
  ipv4: { dhcp: false, address: "10.50.0.21", subnetMask: "255.255.255.0" },
  ipv6: {
    dhcpV6: true,
    routerAdvertisement: false,
    addresses: [
      { address: "fe80::20c:29ff:fe00:102", prefixLength: 64, origin: "other" },
      { address: "2001:db8:50::21", prefixLength: 64, origin: "manual" },
    ],
  },
  tcpipStack: "defaultTcpipStack",
  gatewayOverride: { defaultGateway: "10.50.0.1", ipV6DefaultGateway: "2001:db8:50::1" },
  services: ["vSphereReplication"],
};

/** esx-01 with vmk2 as given (as the host has it now). */
function withVmk2(vmk2: VmkernelAdapterInfo = VMK2, base: HostNetworking = networking()): HostNetworking {
  return {
    ...base,
    vswitches: base.vswitches.map((vs) => (vs.name === "vSwitch0" ? { ...vs, portgroups: [...vs.portgroups, "Storage"] } : vs)),
    portgroups: [
      ...base.portgroups,
      { name: "Storage", vlanId: 50, vswitch: "vSwitch0", vmkernelAdapter: "vmk2", security: null, teaming: null, failoverOrder: null },
    ],
    vmkernelAdapters: [...base.vmkernelAdapters, vmk2],
  };
}

/** UpdateVirtualNic of vmk2, as Analyze impact plans it and the PATCH reports it. */
const updateCall = (ipv4: string) => ({
  method: "UpdateVirtualNic",
  object: "networkSystem-12",
  code: "step.updateVirtualNic",
  params: { device: "vmk2", ipv4, ipv6: "2001:db8:50::21/64", mtu: 1500 },
  summary: `Set vmk2 to IPv4 ${ipv4}, IPv6 2001:db8:50::21/64, MTU 1500`,
});

const analysis = (p: Partial<Preflight> = {}): Preflight =>
  preflightSchema.parse({ errors: [], warnings: [], calls: [updateCall("10.50.0.22/255.255.255.0")], ...p });

/** The host as vCenter holds it: vmk2 changed by each PATCH that succeeds. */
function editApi(): MockApi {
  const api = defaultApi();
  let vmk2 = VMK2;
  api.on("GET", NETWORKING, () => json(200, withVmk2(vmk2)));
  api.on("POST", preflightPath("vmk2"), () => json(200, analysis()));
  api.on("PATCH", adapterPath("vmk2"), (call) => {
    const edit = call.body as VmkernelAdapterEdit;
    const v4 = edit.ipv4Settings?.mode === "static" ? edit.ipv4Settings : undefined;
    vmk2 = { ...vmk2, ipv4: { dhcp: !v4, address: v4?.address ?? null, subnetMask: v4?.subnetMask ?? null } };
    return json(
      200,
      editedAdapterSchema.parse({ adapter: vmk2, steps: [{ ...updateCall(`${v4?.address}/${v4?.subnetMask}`), status: "done" }] }),
    );
  });
  return api;
}

async function adaptersTable(name = "VMkernel adapters") {
  return screen.findByRole("table", { name });
}

function editAction(name = "Edit settings") {
  return screen.getByRole("button", { name });
}

async function openEdit(user: User, device: string) {
  await user.click(within(await adaptersTable()).getByRole("radio", { name: device }));
  await user.click(editAction());
  return within(await screen.findByRole("dialog", { name: `${device} - Edit Settings` }));
}

/** A read-only value of the form (network label, VLAN ID, TCP/IP stack). */
const shown = (dialog: ReturnType<typeof within>, label: string) => dialog.getByRole("group", { name: label });

const changes = (api: MockApi) => api.calls.filter((c) => c.method === "PATCH");

describe("Edit Settings of a VMkernel adapter", () => {
  it("starts from the adapter as the host has it: port properties, IPv4 and IPv6 settings; the network and stack read-only", async () => {
    const api = editApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vmk2");
    expect(dialog.getByText("Host: esx-01.lab.local")).toBeInTheDocument();
    expect(dialog.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["Port properties", "IPv4 settings", "IPv6 settings"]);

    const port = dialog.getByRole("tabpanel", { name: "Port properties" });
    const p = within(port);
    expect(shown(p, "Network label")).toHaveTextContent("Storage");
    expect(shown(p, "VLAN ID")).toHaveTextContent("50");
    expect(shown(p, "TCP/IP stack")).toHaveTextContent("Default");
    expect(p.queryByRole("textbox", { name: "Network label" })).not.toBeInTheDocument();
    expect(p.queryByRole("combobox", { name: "TCP/IP stack" })).not.toBeInTheDocument();
    expect(p.getByRole("radio", { name: "IPv4 and IPv6" })).toBeChecked();
    expect(p.getByRole("radio", { name: "Custom" })).toBeChecked();
    expect(p.getByRole("textbox", { name: "MTU (Bytes)" })).toHaveValue("1500");
    expect(p.getByRole("checkbox", { name: "vSphere Replication" })).toBeChecked();
    expect(p.getByRole("checkbox", { name: "Management" })).not.toBeChecked();
    // vmk0 has vMotion, which can be on more than one adapter: ticking it here is a free choice.
    expect(p.getByRole("checkbox", { name: "vMotion" })).toBeEnabled();

    await user.click(dialog.getByRole("tab", { name: "IPv4 settings" }));
    const v4 = within(dialog.getByRole("tabpanel", { name: "IPv4 settings" }));
    expect(v4.getByRole("radio", { name: /Use static IPv4 settings/ })).toBeChecked();
    expect(v4.getByRole("textbox", { name: "IPv4 address" })).toHaveValue("10.50.0.21");
    expect(v4.getByRole("textbox", { name: "Subnet mask" })).toHaveValue("255.255.255.0");
    expect(v4.getByRole("checkbox", { name: "Override default gateway for this adapter" })).toBeChecked();
    expect(v4.getByRole("textbox", { name: "Default gateway" })).toHaveValue("10.50.0.1");

    await user.click(dialog.getByRole("tab", { name: "IPv6 settings" }));
    const v6 = within(dialog.getByRole("tabpanel", { name: "IPv6 settings" }));
    expect(v6.getByRole("checkbox", { name: /through DHCP/ })).toBeChecked();
    expect(v6.getByRole("checkbox", { name: /through Router Advertisement/ })).not.toBeChecked();
    // The manual address only: the link-local one is the host's own.
    const rows = v6.getAllByRole("group", { name: /^Static IPv6 address \d$/ });
    expect(rows).toHaveLength(1);
    expect(within(rows[0]!).getByRole("textbox", { name: "IPv6 address" })).toHaveValue("2001:db8:50::21");
    expect(within(rows[0]!).getByRole("textbox", { name: "Prefix length" })).toHaveValue("64");
    expect(v6.getByRole("textbox", { name: "IPv6 default gateway" })).toHaveValue("2001:db8:50::1");

    // Nothing changed: nothing to analyze, and OK closes without a call.
    expect(dialog.getByText("Change a setting to see what the change does on the host.")).toBeVisible();
    await user.click(dialog.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(editAction()).toHaveFocus();
    expect(api.calls.filter((c) => c.method !== "GET")).toEqual([]);
  });

  it("on a host without IPv6: no IPv6 choice and no IPv6 settings page", async () => {
    const api = defaultApi();
    api.on("GET", NETWORKING, networking({ ipv6Enabled: false }));
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vmk0");
    expect(dialog.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["Port properties", "IPv4 settings"]);
    expect(dialog.getByRole("radio", { name: "IPv4" })).toBeChecked();
    expect(dialog.queryByRole("radio", { name: "IPv6" })).not.toBeInTheDocument();
    expect(dialog.getByText("IPv6 is not enabled on this host.")).toBeInTheDocument();
  });

  it("a changed address: Analyze impact, then OK sends the whole desired state with an Idempotency-Key; the list says so", async () => {
    const api = editApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vmk2");
    await user.click(dialog.getByRole("tab", { name: "IPv4 settings" }));
    const address = dialog.getByRole("textbox", { name: "IPv4 address" });
    await user.clear(address);
    await user.type(address, "10.50.0.22");

    // Analyze impact runs on the change once the typing pauses: the call OK makes, no impact.
    const calls = within(await dialog.findByRole("region", { name: "vSphere API calls that OK makes" }));
    expect(calls.getByText("UpdateVirtualNic")).toBeInTheDocument();
    expect(calls.getByText("Set vmk2 to IPv4 10.50.0.22/255.255.255.0, IPv6 2001:db8:50::21/64, MTU 1500")).toBeInTheDocument();
    expect(dialog.getByText("No impact")).toBeVisible();
    const expected = {
      portProperties: { ipSettings: "ipv4ipv6", mtu: { mode: "custom", value: 1500 }, services: ["vSphereReplication"] },
      ipv4Settings: {
        mode: "static",
        address: "10.50.0.22",
        subnetMask: "255.255.255.0",
        overrideGateway: true,
        defaultGateway: "10.50.0.1",
      },
      ipv6Settings: {
        dhcpV6: true,
        routerAdvertisement: false,
        staticAddresses: [{ address: "2001:db8:50::21", prefixLength: 64 }],
        overrideGateway: true,
        defaultGateway: "2001:db8:50::1",
      },
    };
    expect(api.callsTo("POST", preflightPath("vmk2")).at(-1)!.body).toEqual(expected);

    const ok = screen.getByRole("button", { name: "OK" });
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    const sent = changes(api);
    expect(sent.map((c) => c.path)).toEqual(["/api/v1/hosts/host-12/vmkernel-adapters/vmk2"]);
    expect(sent[0]!.body).toEqual(expected);
    expect(sent[0]!.headers["idempotency-key"]).toMatch(KEY);
    expect(sent[0]!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);

    // The view says what was done (focused) and the host's networking is read again.
    const message = await screen.findByText("vmk2 was edited on esx-01.lab.local.");
    expect(message.closest("[tabindex]")).toHaveFocus();
    await waitFor(() => expect(api.callsTo("GET", NETWORKING).length).toBeGreaterThanOrEqual(2));
    const row = within(
      within(await adaptersTable())
        .getByRole("rowheader", { name: "vmk2" })
        .closest("tr")!,
    );
    expect(row.getByText("10.50.0.22")).toBeInTheDocument();
  });

  it("the host's rules at the fields before the host is asked: the last Management adapter, a gateway outside the subnet", async () => {
    const api = editApi();
    const { user } = renderApp(VIEW);
    let dialog = await openEdit(user, "vmk0");
    const management = dialog.getByRole("checkbox", { name: "Management" });
    await user.click(management);
    expect(
      await dialog.findByText(
        "vmk0 is the only adapter with Management on esx-01.lab.local: vCenter Server would lose its connection to the host. Enable Management on another adapter first.",
      ),
    ).toBeVisible();
    expect(dialog.getByText("Complete or correct the settings to see what the change does on the host.")).toBeVisible();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    dialog = await openEdit(user, "vmk2");
    await user.click(dialog.getByRole("tab", { name: "IPv4 settings" }));
    const mask = dialog.getByRole("textbox", { name: "Subnet mask" });
    await user.clear(mask);
    await user.type(mask, "255.255.255.252");
    // The gateway was not touched: the rule across fields shows at it all the same.
    expect(await dialog.findByText("The default gateway must be in the adapter's subnet.")).toBeVisible();
    expect(api.callsTo("POST", /preflight/)).toEqual([]);

    // OK on errors shows them and sends nothing.
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(dialog.getByRole("textbox", { name: "Default gateway" })).toHaveAttribute("aria-invalid", "true");
    expect(changes(api)).toEqual([]);
  });

  it("Analyze impact's errors keep OK off: an address another host uses, which only the server sees", async () => {
    const api = editApi();
    api.on("POST", preflightPath("vmk2"), () =>
      json(
        200,
        analysis({
          errors: [
            {
              path: "ipv4Settings.address",
              code: "ipv4.inUse",
              message: "10.10.0.12 is already used by esx-02.lab.local vmk0.",
              params: { address: "10.10.0.12", owner: "esx-02.lab.local vmk0" },
            },
          ],
          calls: [updateCall("10.10.0.12/255.255.255.0")],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vmk2");
    await user.click(dialog.getByRole("tab", { name: "IPv4 settings" }));
    const address = dialog.getByRole("textbox", { name: "IPv4 address" });
    await user.clear(address);
    await user.type(address, "10.10.0.12");
    // 10.50.0.1 is no gateway in 10.10.0.0/24: the stack's is used instead.
    await user.click(dialog.getByRole("checkbox", { name: "Override default gateway for this adapter" }));

    expect(await dialog.findByText("vmk2 cannot be changed this way:")).toBeVisible();
    expect(dialog.getByText("10.10.0.12 is already used by esx-02.lab.local vmk0.")).toBeVisible();
    expect(dialog.getByText("Critical impact")).toBeVisible();
    // esx-01 has no adapter at that address: the field itself says nothing.
    expect(address).not.toHaveAttribute("aria-invalid");
    const ok = screen.getByRole("button", { name: "OK" });
    expect(ok).toBeDisabled();
    await user.click(ok);
    expect(changes(api)).toEqual([]);

    // Analyze impact again on request asks about the same edit, and refuses it again.
    const asked = api.callsTo("POST", preflightPath("vmk2")).length;
    await user.click(dialog.getByRole("button", { name: "Analyze impact" }));
    await waitFor(() => expect(api.callsTo("POST", preflightPath("vmk2"))).toHaveLength(asked + 1));
    const [previous, again] = api.callsTo("POST", preflightPath("vmk2")).slice(-2);
    expect(again!.body).toEqual(previous!.body);
    expect((again!.body as VmkernelAdapterEdit).ipv4Settings).toEqual({
      mode: "static",
      address: "10.10.0.12",
      subnetMask: "255.255.255.0",
      overrideGateway: false,
    });
    await dialog.findByText("Critical impact");
    expect(ok).toBeDisabled();
  });

  it("a vMotion-stack adapter: vMotion checked and locked, the other services off; the stack's MTU from its switch", async () => {
    const api = defaultApi();
    api.on("GET", NETWORKING, networking({ vmotionStackAdapter: true }));
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vmk1");
    expect(shown(dialog, "Network label")).toHaveTextContent("DPG-vMotion");
    expect(shown(dialog, "VLAN ID")).toHaveTextContent("30");
    expect(shown(dialog, "TCP/IP stack")).toHaveTextContent("vMotion");
    const vmotion = dialog.getByRole("checkbox", { name: "vMotion" });
    expect(vmotion).toBeChecked();
    expect(vmotion).toBeDisabled();
    for (const service of ["Management", "Provisioning", "vSphere Replication"]) {
      expect(dialog.getByRole("checkbox", { name: service })).not.toBeChecked();
      expect(dialog.getByRole("checkbox", { name: service })).toBeDisabled();
    }
    expect(
      dialog.getByText(
        "vMotion traffic becomes the only service that is enabled on the vMotion TCP/IP stack. You cannot use this VMkernel adapter for other traffic types.",
      ),
    ).toBeInTheDocument();
    expect(dialog.getByRole("radio", { name: "Get MTU from switch (9000)" })).toBeInTheDocument();
    expect(dialog.getByRole("textbox", { name: "MTU (Bytes)" })).toHaveValue("9000");
  });

  it("a failed edit keeps the dialog open with what was typed and how it ended; OK again is a new attempt with a new key", async () => {
    const api = editApi();
    api.sequence(
      "PATCH",
      adapterPath("vmk2"),
      () =>
        problemResponse(
          problem(422, "HOST_CONFIG_FAULT", {
            outcome: [
              { code: "outcome.stepFailed", params: { step: 1, steps: 1, method: "UpdateVirtualNic" } },
              { code: "fault.HostConfigFault" },
              { code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } },
            ],
            steps: [{ ...updateCall("10.50.0.22/255.255.255.0"), status: "failed" }],
          }),
        ),
      () => json(200, editedAdapterSchema.parse({ adapter: VMK2, steps: [{ ...updateCall("10.50.0.22/255.255.255.0"), status: "done" }] })),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vmk2");
    await user.click(dialog.getByRole("tab", { name: "IPv4 settings" }));
    const address = dialog.getByRole("textbox", { name: "IPv4 address" });
    await user.clear(address);
    await user.type(address, "10.50.0.22");
    const ok = screen.getByRole("button", { name: "OK" });
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);

    const outcome = await dialog.findByRole("alert");
    expect(outcome).toHaveTextContent("Step 1 of 1 (UpdateVirtualNic) failed:");
    expect(outcome).toHaveTextContent("Nothing was changed on esx-01.lab.local.");
    expect(outcome.parentElement).toHaveFocus();
    expect(dialog.getByText("Failed")).toBeInTheDocument();
    expect(address).toHaveValue("10.50.0.22");
    expect(screen.queryByText(/was edited on/)).not.toBeInTheDocument();

    await user.click(ok);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const keys = changes(api).map((c) => c.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(KEY);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it("when vCenter ends the session, the sign-in dialog opens over it, keeps what was typed and OK is retried", async () => {
    const api = editApi();
    api.on("POST", "/api/v1/session", { ...ADMIN, csrfToken: "csrf-token-2" });
    const expired = () => problemResponse(problem(401, "SESSION_EXPIRED", { detail: "The vCenter Server session has ended." }));
    api.sequence("PATCH", adapterPath("vmk2"), expired, () =>
      json(200, editedAdapterSchema.parse({ adapter: VMK2, steps: [{ ...updateCall("10.50.0.22/255.255.255.0"), status: "done" }] })),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vmk2");
    await user.click(dialog.getByRole("tab", { name: "IPv4 settings" }));
    const address = dialog.getByRole("textbox", { name: "IPv4 address" });
    await user.clear(address);
    await user.type(address, "10.50.0.22");
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));

    const signIn = within(await screen.findByRole("alertdialog", { name: "Your session has expired" }));
    expect(address).toHaveValue("10.50.0.22");
    await user.type(signIn.getByLabelText("Password"), "VMware1!");
    await user.click(signIn.getByRole("button", { name: "Log in" }));

    expect(await screen.findByText("vmk2 was edited on esx-01.lab.local.")).toBeVisible();
    const patches = changes(api);
    expect(patches).toHaveLength(2);
    expect(patches[1]!.body).toEqual(patches[0]!.body);
    expect(patches[1]!.headers["idempotency-key"]).toBe(patches[0]!.headers["idempotency-key"]);
    expect(patches[1]!.headers["x-csrf-token"]).toBe("csrf-token-2");
  });

  it("without Host.Config.Network, Edit is disabled and names the missing privilege; on a host not connected, says so", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/session", HELPDESK);
    api.on("GET", "/api/v1/hosts/host-14/networking", networking({ index: 2, hostConfigNetwork: false }));
    const { user, unmount } = renderApp("/hosts/host-14/networking/vmkernel-adapters");
    await user.click(within(await adaptersTable()).getByRole("radio", { name: "vmk0" }));
    const edit = editAction();
    expect(edit).toBeDisabled();
    expect(edit).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-02.lab.local");
    await user.click(edit);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    unmount();

    const disconnected = networking();
    disconnected.host.connectionState = "disconnected";
    api.on("GET", NETWORKING, disconnected);
    const again = renderApp(VIEW);
    await again.user.click(within(await adaptersTable()).getByRole("radio", { name: "vmk0" }));
    expect(editAction()).toBeDisabled();
    expect(editAction()).toHaveAccessibleDescription("The host is not connected to vCenter Server.");
    expect(api.calls.filter((c) => c.path.includes("/vmkernel-adapters/"))).toEqual([]);
  });

  it("has no serious accessibility violations (axe-core), its analysis shown", async () => {
    editApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vmk2");
    await user.click(dialog.getByRole("checkbox", { name: "vMotion" }));
    await dialog.findByText("No impact");
    const results = await axe.run(document.body, { resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });

  it("in Japanese: 「vmk2 - 設定の編集」 with its pages, Analyze impact's words, and the success message", async () => {
    const api = editApi();
    api.on("POST", preflightPath("vmk2"), () =>
      json(
        200,
        analysis({
          warnings: [
            {
              path: "portProperties.services",
              code: "edit.lastService",
              message: "vmk2 is the only adapter with vSphereReplication on esx-01.lab.local.",
              params: { host: "esx-01.lab.local", device: "vmk2", service: "vSphereReplication" },
            },
          ],
        }),
      ),
    );
    const { user } = renderApp(VIEW, { language: "ja" });
    await user.click(within(await adaptersTable("VMkernel アダプタ")).getByRole("radio", { name: "vmk2" }));
    await user.click(editAction("設定の編集"));
    const dialog = within(await screen.findByRole("dialog", { name: "vmk2 - 設定の編集" }));
    expect(dialog.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["ポートのプロパティ", "IPv4 設定", "IPv6 設定"]);
    expect(shown(dialog, "TCP/IP スタック")).toHaveTextContent("デフォルト");
    expect(dialog.getByText("設定を変更すると、その変更がホストに与える影響が表示されます。")).toBeVisible();

    await user.click(dialog.getByRole("checkbox", { name: "vSphere Replication" }));
    expect(
      await dialog.findByText(
        "vmk2 は esx-01.lab.local で vSphere Replication が有効な唯一のアダプタです。この変更の後、ホストの vSphere Replication トラフィックはなくなります。",
      ),
    ).toBeVisible();
    expect(dialog.getByText("vmk2 をこのように変更すると、次の影響があります:")).toBeVisible();
    expect(dialog.getByText("重要な影響")).toBeVisible();
    expect(dialog.getByRole("region", { name: "[OK] で実行される vSphere API の呼び出し" })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(await screen.findByText("esx-01.lab.local の vmk2 を編集しました。")).toBeVisible();
    expect(changes(api)).toHaveLength(1);
  });
});
