/**
 * Configure → Networking → VMkernel adapters → Move to another TCP/IP stack: the adapter's stack and the host's other
 * stacks; the host's rules at the stacks (Management stays on the default stack), OK off while they refuse; Analyze impact
 * once an allowed stack is chosen (RemoveVirtualNic, AddVirtualNic, the outage); the POST with its Idempotency-Key and the
 * success message with the new device, the seconds without it and the services other adapters lost; a failed move, an
 * ended session; unprivileged users; Japanese.
 */
import {
  movedAdapterSchema,
  preflightSchema,
  sessionInfoSchema,
  type HostNetworking,
  type MovedAdapter,
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
const movePath = (device: string) => `/api/v1/hosts/${HOST}/vmkernel-adapters/${device}/stack-move`;
const preflightPath = (device: string) => `${movePath(device)}/preflight`;
const KEY = /^[A-Za-z0-9_-]{8,128}$/;
const TITLE = "vmk1 - Move to Another TCP/IP Stack";

type User = ReturnType<typeof renderApp>["user"];

/** vmk1 on esx-01's "Migration" port group (vSwitch0) on the default stack, with vMotion. */
const VMK1: VmkernelAdapterInfo = {
  device: "vmk1",
  networkLabel: "Migration",
  switchName: "vSwitch0",
  portgroup: "Migration",
  distributedPort: null,
  mac: "00:0c:29:00:01:05",
  mtu: 1500,
  ipv4: { dhcp: false, address: "192.168.30.21", subnetMask: "255.255.255.0" },
  ipv6: null,
  tcpipStack: "defaultTcpipStack",
  gatewayOverride: null,
  services: ["vmotion"],
};

/** vmk1 added again on the vMotion stack, as vmk2. */
const MOVED: VmkernelAdapterInfo = { ...VMK1, device: "vmk2", tcpipStack: "vmotion" };

/** esx-01 with the adapter on "Migration"; vmk0 carries vMotion only while no adapter is on the vMotion stack. */
function withAdapter(vmk: VmkernelAdapterInfo, base: HostNetworking = networking()): HostNetworking {
  const onVmotionStack = vmk.tcpipStack === "vmotion";
  return {
    ...base,
    vswitches: base.vswitches.map((vs) => ({ ...vs, portgroups: [...vs.portgroups, "Migration"] })),
    portgroups: [
      ...base.portgroups,
      {
        name: "Migration",
        vlanId: 0,
        vswitch: "vSwitch0",
        vmkernelAdapter: vmk.device,
        security: null,
        teaming: null,
        failoverOrder: null,
      },
    ],
    vmkernelAdapters: [
      ...base.vmkernelAdapters.map((a) => (onVmotionStack ? { ...a, services: a.services.filter((s) => s !== "vmotion") } : a)),
      vmk,
    ],
    tcpipStacks: base.tcpipStacks.map((s) =>
      s.key === vmk.tcpipStack ? { ...s, active: true, vmkernelAdapters: [...s.vmkernelAdapters, vmk.device] } : s,
    ),
  };
}

const calls: Preflight["calls"] = [
  {
    method: "RemoveVirtualNic",
    object: "networkSystem-12",
    code: "step.removeVirtualNic",
    params: { device: "vmk1", portgroup: "Migration" },
    summary: "Remove VMkernel adapter vmk1 from Migration",
  },
  {
    method: "AddVirtualNic",
    object: "networkSystem-12",
    code: "step.addVirtualNic.standard",
    params: { portgroup: "Migration", stack: "vmotion", mtu: 1500 },
    summary: 'Add a VMkernel adapter on "Migration", vmotion TCP/IP stack, MTU 1500',
  },
];

const OUTAGE = {
  path: "device",
  code: "move.outage",
  message: "vmk1 is removed and added again.",
  params: { device: "vmk1", host: "esx-01.lab.local" },
};

const analysis = (p: Partial<Preflight> = {}): Preflight => preflightSchema.parse({ errors: [], warnings: [OUTAGE], calls, ...p });

function moved(overrides: Partial<MovedAdapter> = {}): MovedAdapter {
  return movedAdapterSchema.parse({
    adapter: MOVED,
    steps: calls.map((c) => ({ ...c, status: "done" })),
    lostServices: [{ device: "vmk0", nicType: "vmotion" }],
    tcpipStack: { key: "vmotion", active: true, hasDefaultGateway: false },
    previous: { device: "vmk1", tcpipStack: "defaultTcpipStack" },
    withoutAdapterSeconds: 1.23456,
    ...overrides,
  });
}

/** The host as vCenter holds it, with vmk1 on the default stack; a move that succeeds puts it on the vMotion stack as vmk2. */
function moveApi(base: () => HostNetworking = () => networking()): MockApi {
  const api = defaultApi();
  let net = withAdapter(VMK1, base());
  api.on("GET", NETWORKING, () => json(200, net));
  api.on("POST", preflightPath("vmk1"), () => json(200, analysis()));
  api.on("POST", movePath("vmk1"), () => {
    net = withAdapter(MOVED, base());
    return json(200, moved());
  });
  return api;
}

const moves = (api: MockApi) => api.callsTo("POST", movePath("vmk1"));

async function adaptersTable(name = "VMkernel adapters") {
  return screen.findByRole("table", { name });
}

async function openMove(user: User, device = "vmk1", title = TITLE) {
  await user.click(within(await adaptersTable()).getByRole("radio", { name: device }));
  await user.click(screen.getByRole("button", { name: "Move to another TCP/IP stack" }));
  return within(await screen.findByRole("dialog", { name: title }));
}

describe("Move a VMkernel adapter to another TCP/IP stack", () => {
  it("choose the vMotion stack, Analyze impact, OK sends it with an Idempotency-Key; the list says where it went and for how long", async () => {
    const api = moveApi();
    const { user } = renderApp(VIEW);
    await adaptersTable();
    // Nothing selected: nothing to move. The button reads "⇅ Move".
    const idle = screen.getByRole("button", { name: "Move to another TCP/IP stack" });
    expect(idle).toBeDisabled();
    expect(idle).toHaveTextContent("⇅ Move");

    const dialog = await openMove(user);
    expect(dialog.getByText("Host: esx-01.lab.local")).toBeInTheDocument();
    expect(dialog.getByRole("group", { name: "Current TCP/IP stack" })).toHaveTextContent("Default");
    // The host's other stacks, by their vSphere Client names.
    const stacks = within(dialog.getByRole("table", { name: "TCP/IP stacks" }));
    expect(stacks.getAllByRole("radio").map((r) => r.getAttribute("value"))).toEqual(["vmotion", "vSphereProvisioning"]);
    expect(stacks.getByRole("radio", { name: "vMotion" })).not.toBeChecked();
    expect(
      dialog.getByText(
        "ESXi sets a VMkernel adapter's TCP/IP stack when the adapter is added: vmk1 is removed and added again on the new stack, keeping its port group, addresses, MTU and services.",
      ),
    ).toBeVisible();
    expect(dialog.getByText("Select a TCP/IP stack to see what the move does on the host.")).toBeVisible();
    expect(screen.getByRole("button", { name: "OK" })).toBeDisabled();

    // Provisioning cannot carry vMotion: said at the stacks, OK off, the host not asked.
    await user.click(stacks.getByRole("radio", { name: "Provisioning" }));
    expect(
      await dialog.findByText("The Provisioning TCP/IP stack cannot carry vMotion: disable them in Edit Settings first."),
    ).toBeVisible();
    expect(stacks.getByRole("radio", { name: "Provisioning" })).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("button", { name: "OK" })).toBeDisabled();

    await user.click(stacks.getByRole("radio", { name: "vMotion" }));
    const region = within(await dialog.findByRole("region", { name: "vSphere API calls that OK makes" }));
    expect(region.getAllByRole("listitem").map((li) => li.querySelector("code")?.textContent)).toEqual([
      "RemoveVirtualNic",
      "AddVirtualNic",
    ]);
    expect(region.getByText("Remove VMkernel adapter vmk1 from Migration")).toBeInTheDocument();
    expect(region.getByText('Add a VMkernel adapter on "Migration", vMotion TCP/IP stack, MTU 1500')).toBeInTheDocument();
    expect(dialog.getByText("Important impact")).toBeVisible();
    expect(dialog.getByText("Moving vmk1 has this impact:")).toBeVisible();
    expect(
      dialog.getByText(
        "vmk1 is removed and added again: esx-01.lab.local is without it until the add is made, and gets it back as it was if the add fails.",
      ),
    ).toBeVisible();
    expect(api.callsTo("POST", preflightPath("vmk1")).map((c) => c.body)).toEqual([{ tcpipStack: "vmotion" }]);

    const ok = screen.getByRole("button", { name: "OK" });
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const sent = moves(api);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toEqual({ tcpipStack: "vmotion" });
    expect(sent[0]!.headers["idempotency-key"]).toMatch(KEY);
    expect(sent[0]!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);

    // The view says where it went, as what and for how long (focused), and which adapter lost vMotion to it.
    const message = await screen.findByText("vmk1 was moved to the vMotion TCP/IP stack as vmk2; the host was without it for 1.235 s.");
    expect(message.closest("[tabindex]")).toHaveFocus();
    expect(message.closest("[tabindex]")).toHaveTextContent("vmk0 no longer carries vMotion traffic.");
    await waitFor(() => expect(api.callsTo("GET", NETWORKING).length).toBeGreaterThanOrEqual(2));
    const table = within(await adaptersTable());
    const row = within(table.getByRole("rowheader", { name: "vmk2" }).closest("tr")!);
    // On the vMotion stack with its address, its port group and vMotion.
    expect(row.getAllByRole("cell").map((c) => c.textContent)).toEqual([
      "",
      "Migration",
      "vSwitch0",
      "192.168.30.21",
      "vMotion",
      "vMotion",
    ]);
    expect(table.queryByRole("rowheader", { name: "vmk1" })).not.toBeInTheDocument();
  });

  it("the seconds keep one to three decimals; a move the API finished after a restart (no time measured) does not claim a time", async () => {
    const api = moveApi();
    api.sequence(
      "POST",
      movePath("vmk1"),
      () => json(200, moved({ withoutAdapterSeconds: 2, lostServices: [] })),
      () => json(200, moved({ withoutAdapterSeconds: null, lostServices: [] })),
    );
    const { user } = renderApp(VIEW);
    for (const expected of [
      "vmk1 was moved to the vMotion TCP/IP stack as vmk2; the host was without it for 2.0 s.",
      "vmk1 was moved to the vMotion TCP/IP stack as vmk2.",
    ]) {
      const dialog = await openMove(user);
      await user.click(dialog.getByRole("radio", { name: "vMotion" }));
      await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
      await user.click(screen.getByRole("button", { name: "OK" }));
      const message = await screen.findByText(expected);
      expect(message.closest("[tabindex]")).not.toHaveTextContent("no longer carries");
    }
  });

  it("the Management adapter: every other stack is refused with the reason, OK stays off and the host is not asked", async () => {
    const api = moveApi();
    const { user } = renderApp(VIEW);
    const dialog = await openMove(user, "vmk0", "vmk0 - Move to Another TCP/IP Stack");
    for (const stack of ["vMotion", "Provisioning"]) {
      await user.click(dialog.getByRole("radio", { name: stack }));
      const reason =
        "vmk0 carries Management, which only the default TCP/IP stack carries: vCenter Server reaches esx-01.lab.local through it.";
      expect(await dialog.findByText(reason)).toBeVisible();
      expect(dialog.getByRole("radio", { name: stack })).toHaveAccessibleDescription(reason);
      expect(dialog.getByText("Select a TCP/IP stack that can carry vmk0 to see what the move does on the host.")).toBeVisible();
      expect(dialog.getByRole("button", { name: "Analyze impact" })).toBeDisabled();
      expect(screen.getByRole("button", { name: "OK" })).toBeDisabled();
    }
    expect(api.callsTo("POST", /stack-move/)).toEqual([]);
  });

  it("Analyze impact's errors keep OK off", async () => {
    const api = moveApi();
    api.on("POST", preflightPath("vmk1"), () =>
      json(
        200,
        analysis({
          errors: [
            { path: "", code: "privilege.missing", message: "", params: { privilege: "Host.Config.Network", entity: "esx-01.lab.local" } },
          ],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openMove(user);
    await user.click(dialog.getByRole("radio", { name: "vMotion" }));
    expect(await dialog.findByText("vmk1 cannot be moved to this TCP/IP stack:")).toBeVisible();
    expect(dialog.getByText("Critical impact")).toBeVisible();
    expect(screen.getByRole("button", { name: "OK" })).toBeDisabled();
    expect(moves(api)).toEqual([]);
  });

  it("a failed move keeps the dialog open with the stack chosen and how it ended (the adapter put back); OK again is a new attempt", async () => {
    const api = moveApi();
    api.sequence(
      "POST",
      movePath("vmk1"),
      () =>
        problemResponse(
          problem(422, "HOST_CONFIG_FAULT", {
            outcome: [
              { code: "outcome.stepFailed", params: { step: 2, steps: 2, method: "AddVirtualNic" } },
              { code: "fault.HostConfigFault" },
              { code: "outcome.earlierUndone", params: { host: "esx-01.lab.local" } },
            ],
            steps: [
              { ...calls[0]!, status: "undone" },
              { ...calls[1]!, status: "failed" },
            ],
          }),
        ),
      () => json(200, moved()),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openMove(user);
    await user.click(dialog.getByRole("radio", { name: "vMotion" }));
    const ok = screen.getByRole("button", { name: "OK" });
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);

    const outcome = await dialog.findByRole("alert");
    expect(outcome).toHaveTextContent("Step 2 of 2 (AddVirtualNic) failed:");
    expect(outcome).toHaveTextContent("The earlier steps were undone: esx-01.lab.local is as it was.");
    expect(outcome.parentElement).toHaveFocus();
    expect(dialog.getByText("Failed")).toBeInTheDocument();
    expect(dialog.getByText("Rolled back")).toBeInTheDocument();
    expect(dialog.getByRole("radio", { name: "vMotion" })).toBeChecked();
    expect(screen.queryByText(/was moved to/)).not.toBeInTheDocument();

    await user.click(ok);
    expect(await screen.findByText(/^vmk1 was moved to the vMotion TCP\/IP stack as vmk2/)).toBeVisible();
    const keys = moves(api).map((c) => c.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(KEY);
    expect(keys[1]).not.toBe(keys[0]);
  });

  it("when vCenter ends the session, the sign-in dialog opens over it, keeps the stack chosen and OK is retried with the same key", async () => {
    const api = moveApi();
    api.on("POST", "/api/v1/session", { ...ADMIN, csrfToken: "csrf-token-2" });
    const expired = () => problemResponse(problem(401, "SESSION_EXPIRED", { detail: "The vCenter Server session has ended." }));
    api.sequence("POST", movePath("vmk1"), expired, () => json(200, moved()));
    const { user } = renderApp(VIEW);
    const dialog = await openMove(user);
    await user.click(dialog.getByRole("radio", { name: "vMotion" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));

    const signIn = within(await screen.findByRole("alertdialog", { name: "Your session has expired" }));
    expect(dialog.getByRole("radio", { name: "vMotion" })).toBeChecked();
    await user.type(signIn.getByLabelText("Password"), "VMware1!");
    await user.click(signIn.getByRole("button", { name: "Log in" }));

    expect(await screen.findByText(/^vmk1 was moved to the vMotion TCP\/IP stack as vmk2/)).toBeVisible();
    const sent = moves(api);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toEqual({ tcpipStack: "vmotion" });
    expect(sent[1]!.headers["idempotency-key"]).toBe(sent[0]!.headers["idempotency-key"]);
    expect(sent[1]!.headers["x-csrf-token"]).toBe("csrf-token-2");
  });

  it("a read-only user: Move is disabled and names the missing privilege", async () => {
    const api = defaultApi();
    api.on(
      "GET",
      "/api/v1/session",
      sessionInfoSchema.parse({
        user: { name: "Read Only", login: "readonly@vsphere.local" },
        server: "vcsa.lab.local",
        csrfToken: "csrf-token-readonly",
        privileges: [],
      }),
    );
    api.on("GET", NETWORKING, withAdapter(VMK1, networking({ hostConfigNetwork: false, hostConfigStorage: false, assignable: [] })));
    const { user } = renderApp(VIEW);
    await user.click(within(await adaptersTable()).getByRole("radio", { name: "vmk1" }));
    const action = screen.getByRole("button", { name: "Move to another TCP/IP stack" });
    expect(action).toBeDisabled();
    expect(action).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-01.lab.local");
    await user.click(action);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.path.includes("stack-move"))).toEqual([]);
  });

  it("has no serious accessibility violations (axe-core), its analysis shown", async () => {
    moveApi();
    const { user } = renderApp(VIEW);
    const dialog = await openMove(user);
    await user.click(dialog.getByRole("radio", { name: "vMotion" }));
    await dialog.findByText("Important impact");
    const results = await axe.run(document.body, { resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });

  it("in Japanese: 「vmk1 - 別の TCP/IP スタックへの移動」, Analyze impact's words and the success message", async () => {
    const api = moveApi();
    const { user } = renderApp(VIEW, { language: "ja" });
    await user.click(within(await adaptersTable("VMkernel アダプタ")).getByRole("radio", { name: "vmk1" }));
    const action = screen.getByRole("button", { name: "別の TCP/IP スタックへの移動" });
    expect(action).toHaveTextContent("⇅ 移動");
    await user.click(action);
    const dialog = within(await screen.findByRole("dialog", { name: "vmk1 - 別の TCP/IP スタックへの移動" }));
    expect(dialog.getByText("ホスト: esx-01.lab.local")).toBeInTheDocument();
    expect(dialog.getByRole("group", { name: "現在の TCP/IP スタック" })).toHaveTextContent("デフォルト");
    expect(dialog.getByText("TCP/IP スタックを選択すると、移動がホストに与える影響が表示されます。")).toBeVisible();
    await user.click(within(dialog.getByRole("table", { name: "TCP/IP スタック" })).getByRole("radio", { name: "vMotion" }));
    expect(await dialog.findByText("VMkernel アダプタ vmk1 を Migration から削除")).toBeInTheDocument();
    expect(dialog.getByText("重要な影響")).toBeVisible();
    expect(dialog.getByRole("region", { name: "[OK] で実行される vSphere API の呼び出し" })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(
      await screen.findByText(
        "vmk1 を vMotion TCP/IP スタックに vmk2 として移動しました。ホストにこのアダプタがなかった時間は 1.235 秒です。",
      ),
    ).toBeVisible();
    expect(moves(api)).toHaveLength(1);
  });
});
