/**
 * Configure → Networking → Virtual switches: a standard switch's Edit ("<vSwitchN> - Edit Settings": Properties, Security,
 * Teaming and failover) and Remove ("Remove Standard Switch"): the form starts from the switch as the host has it; the
 * shared rules at the fields; Analyze impact, whose errors keep OK and Remove off; the PATCH with only the parts that
 * changed or the DELETE, each with its Idempotency-Key, the host read again and the success message; failed changes, an
 * ended session, unprivileged users and hosts not connected; Japanese.
 */
import {
  editedSwitchSchema,
  preflightSchema,
  removedSwitchSchema,
  type HostNetworking,
  type Preflight,
  type StandardSwitchEdit,
  type VimCall,
} from "@addnet/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";

import { ADMIN, HELPDESK, networking, problem, SWITCH_POLICY } from "./fixtures.ts";
import { json, problemResponse, type MockApi } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

const HOST = "host-12";
const VIEW = `/hosts/${HOST}/networking/virtual-switches`;
const NETWORKING = `/api/v1/hosts/${HOST}/networking`;
const switchPath = (name: string) => `/api/v1/hosts/${HOST}/standard-switches/${name}`;
const KEY = /^[A-Za-z0-9_-]{8,128}$/;

type User = ReturnType<typeof renderApp>["user"];
type Dialog = ReturnType<typeof within>;
type VSwitch = HostNetworking["vswitches"][number];

/**
 * vSwitch1 as esx-01 has it: vmnic2 active, vmnic3 standby, MAC address changes and forged transmits accepted, no
 * failback; its port group VM Network 2, no VMkernel adapter.
 */
const VSWITCH1: VSwitch = {
  name: "vSwitch1",
  mtu: 1500,
  uplinks: ["vmnic2", "vmnic3"],
  activeNics: ["vmnic2"],
  standbyNics: ["vmnic3"],
  portgroups: ["VM Network 2"],
  security: { allowPromiscuous: false, macChanges: true, forgedTransmits: true },
  teaming: { ...SWITCH_POLICY.teaming, failback: false },
};

/** esx-01 with vSwitch1 as given, or without it once removed. */
function withVSwitch1(vs1: VSwitch | null = VSWITCH1, base: HostNetworking = networking()): HostNetworking {
  if (!vs1) return base;
  return {
    ...base,
    vswitches: [...base.vswitches, vs1],
    portgroups: [
      ...base.portgroups,
      { name: "VM Network 2", vlanId: 20, vswitch: "vSwitch1", vmkernelAdapter: null, security: null, teaming: null, failoverOrder: null },
    ],
    physicalNics: base.physicalNics.map((nic) =>
      vs1.uplinks.includes(nic.device) ? { ...nic, usedBy: { kind: "standardSwitch", name: "vSwitch1" } } : nic,
    ),
  };
}

/** UpdateVirtualSwitch of vSwitch1, as Analyze impact plans it and the PATCH reports it. */
const editCall = (vs: VSwitch) => {
  const active = vs.activeNics.join(", ") || "--";
  const standby = vs.standbyNics.join(", ") || "--";
  return {
    method: "UpdateVirtualSwitch",
    object: "networkSystem-12",
    code: "step.editVirtualSwitch",
    params: { vswitch: vs.name, mtu: vs.mtu, active, standby },
    summary: `Set standard switch ${vs.name}: MTU ${vs.mtu}, load balancing ${vs.teaming.policy}, active ${active}, standby ${standby}`,
  };
};

/** vSwitch1 with an edit applied, as the host then has it. */
function edited(vs: VSwitch, edit: StandardSwitchEdit): VSwitch {
  const next = { ...vs, ...(edit.mtu !== undefined && { mtu: edit.mtu }), ...(edit.security && { security: edit.security }) };
  if (!edit.teaming) return next;
  const { failoverOrder, ...teaming } = edit.teaming;
  return { ...next, teaming, activeNics: failoverOrder.active, standbyNics: failoverOrder.standby };
}

const removeCalls: VimCall[] = [
  {
    method: "RemovePortGroup",
    object: "networkSystem-12",
    code: "step.removePortGroup",
    params: { portgroup: "VM Network 2", vswitch: "vSwitch1" },
    summary: 'Remove port group "VM Network 2" from vSwitch1',
  },
  {
    method: "RemoveVirtualSwitch",
    object: "networkSystem-12",
    code: "step.removeVirtualSwitch",
    params: { vswitch: "vSwitch1" },
    summary: "Remove standard switch vSwitch1",
  },
];

const removalImpact = (p: Partial<Preflight> = {}): Preflight =>
  preflightSchema.parse({
    errors: [],
    warnings: [
      {
        path: "vswitch",
        code: "vswitch.portGroupsRemoved",
        message: "The port groups of vSwitch1 are removed with it: VM Network 2.",
        params: { vswitch: "vSwitch1", portgroups: "VM Network 2" },
      },
    ],
    calls: removeCalls,
    ...p,
  });

/** The host as vCenter holds it: vSwitch1 changed by each PATCH that succeeds, gone after a DELETE that succeeds. */
function switchApi(): MockApi {
  const api = defaultApi();
  let vs1: VSwitch | null = VSWITCH1;
  api.on("GET", NETWORKING, () => json(200, withVSwitch1(vs1)));
  api.on("POST", `${switchPath("vSwitch1")}/preflight`, (call) =>
    json(200, preflightSchema.parse({ errors: [], warnings: [], calls: [editCall(edited(vs1!, call.body as StandardSwitchEdit))] })),
  );
  api.on("PATCH", switchPath("vSwitch1"), (call) => {
    vs1 = edited(vs1!, call.body as StandardSwitchEdit);
    return json(200, editedSwitchSchema.parse({ vswitch: vs1, steps: [{ ...editCall(vs1), status: "done" }] }));
  });
  api.on("GET", `${switchPath("vSwitch1")}/impact`, () => json(200, removalImpact()));
  api.on("DELETE", switchPath("vSwitch1"), () => {
    vs1 = null;
    return json(
      200,
      removedSwitchSchema.parse({
        removed: { vswitch: "vSwitch1", portGroups: ["VM Network 2"] },
        steps: removeCalls.map((c) => ({ ...c, status: "done" })),
      }),
    );
  });
  return api;
}

const action = (name: string) => screen.getByRole("button", { name });

async function openEdit(user: User, vswitch: string, title = `${vswitch} - Edit Settings`, label = `Edit settings of ${vswitch}`) {
  await user.click(await screen.findByRole("button", { name: label }));
  return within(await screen.findByRole("dialog", { name: title }));
}

async function openRemove(user: User, vswitch: string) {
  await user.click(await screen.findByRole("button", { name: `Remove ${vswitch}` }));
  return within(await screen.findByRole("dialog", { name: "Remove Standard Switch" }));
}

/** The failover order as the Teaming and failover page shows it: each adapter, in order, with its group. */
function failoverOrder(dialog: Dialog): [string, string][] {
  return dialog.getAllByRole("combobox", { name: /^Failover group of / }).map((select: HTMLElement) => {
    const { labels, value } = select as HTMLSelectElement;
    return [labels[0]!.textContent!.replace("Failover group of ", ""), value];
  });
}

const changes = (api: MockApi) => api.calls.filter((c) => c.method !== "GET" && c.method !== "POST");

describe("Edit Settings of a standard switch", () => {
  it("starts from the switch as the host has it: MTU, security, teaming and failover; OK unchanged closes without a call", async () => {
    const api = switchApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vSwitch1");
    expect(dialog.getByText("Host: esx-01.lab.local")).toBeInTheDocument();
    expect(dialog.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["Properties", "Security", "Teaming and failover"]);
    expect(dialog.getByRole("tab", { name: "Properties" })).toHaveAttribute("aria-selected", "true");
    expect(dialog.getByRole("textbox", { name: "MTU (Bytes)" })).toHaveValue("1500");

    await user.click(dialog.getByRole("tab", { name: "Security" }));
    const security = within(dialog.getByRole("tabpanel", { name: "Security" }));
    expect(security.getByRole("combobox", { name: "Promiscuous mode" })).toHaveDisplayValue("Reject");
    expect(security.getByRole("combobox", { name: "MAC address changes" })).toHaveDisplayValue("Accept");
    expect(security.getByRole("combobox", { name: "Forged transmits" })).toHaveDisplayValue("Accept");

    await user.click(dialog.getByRole("tab", { name: "Teaming and failover" }));
    const teaming = within(dialog.getByRole("tabpanel", { name: "Teaming and failover" }));
    const policy = teaming.getByRole("combobox", { name: "Load balancing" });
    expect(policy).toHaveDisplayValue("Route based on originating virtual port");
    expect(
      within(policy)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual([
      "Route based on originating virtual port",
      "Route based on IP hash",
      "Route based on source MAC hash",
      "Use explicit failover order",
    ]);
    expect(teaming.getByRole("combobox", { name: "Notify switches" })).toHaveDisplayValue("Yes");
    expect(teaming.getByRole("combobox", { name: "Failback" })).toHaveDisplayValue("No");
    const order = within(teaming.getByRole("region", { name: "Failover order" }));
    expect(within(order.getByRole("list", { name: "Active adapters" })).getByText("vmnic2")).toBeInTheDocument();
    expect(within(order.getByRole("list", { name: "Standby adapters" })).getByText("vmnic3")).toBeInTheDocument();
    expect(order.queryByRole("list", { name: "Unused adapters" })).not.toBeInTheDocument();
    // The switch's adapters are moved, never taken off it here.
    expect(order.queryByRole("button", { name: "Remove vmnic2" })).not.toBeInTheDocument();
    expect(failoverOrder(dialog)).toEqual([
      ["vmnic2", "active"],
      ["vmnic3", "standby"],
    ]);

    expect(dialog.getByText("Change a setting to see what the change does on the host.")).toBeVisible();
    await user.click(dialog.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(action("Edit settings of vSwitch1")).toHaveFocus();
    expect(api.calls.filter((c) => c.method !== "GET")).toEqual([]);
  });

  it("an MTU and a teaming change: Analyze impact, then OK sends exactly those parts with an Idempotency-Key; the view says so", async () => {
    const api = switchApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vSwitch1");
    const mtu = dialog.getByRole("textbox", { name: "MTU (Bytes)" });
    await user.clear(mtu);
    await user.type(mtu, "9000");
    await user.click(dialog.getByRole("tab", { name: "Teaming and failover" }));
    await user.selectOptions(dialog.getByRole("combobox", { name: "Load balancing" }), "Use explicit failover order");
    // Up from the top of Standby is into Active, at its end.
    await user.click(dialog.getByRole("button", { name: "Move vmnic3 up" }));
    expect(failoverOrder(dialog)).toEqual([
      ["vmnic2", "active"],
      ["vmnic3", "active"],
    ]);
    expect(dialog.getByRole("button", { name: "Move vmnic2 up" })).toBeDisabled();

    const expected = {
      mtu: 9000,
      teaming: {
        policy: "failover_explicit",
        notifySwitches: true,
        failback: false,
        failoverOrder: { active: ["vmnic2", "vmnic3"], standby: [], unused: [] },
      },
    };
    const calls = within(await dialog.findByRole("region", { name: "vSphere API call that OK makes" }));
    expect(calls.getByText("UpdateVirtualSwitch")).toBeInTheDocument();
    expect(calls.getByText("Set standard switch vSwitch1: MTU 9000, active vmnic2, vmnic3, standby --")).toBeInTheDocument();
    expect(dialog.getByText("No impact")).toBeVisible();
    expect(api.callsTo("POST", `${switchPath("vSwitch1")}/preflight`).at(-1)!.body).toEqual(expected);

    const ok = screen.getByRole("button", { name: "OK" });
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    const sent = changes(api);
    expect(sent.map((c) => [c.method, c.path])).toEqual([["PATCH", "/api/v1/hosts/host-12/standard-switches/vSwitch1"]]);
    expect(sent[0]!.body).toEqual(expected);
    expect(sent[0]!.headers["idempotency-key"]).toMatch(KEY);
    expect(sent[0]!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);

    const message = await screen.findByText("Standard switch vSwitch1 was edited on esx-01.lab.local.");
    expect(message.closest("[tabindex]")).toHaveFocus();
    await waitFor(() => expect(api.callsTo("GET", NETWORKING).length).toBeGreaterThanOrEqual(2));

    // Opened again, the dialog starts from the switch as the host now has it.
    const again = await openEdit(user, "vSwitch1");
    expect(again.getByRole("textbox", { name: "MTU (Bytes)" })).toHaveValue("9000");
    await user.click(again.getByRole("tab", { name: "Teaming and failover" }));
    expect(again.getByRole("combobox", { name: "Load balancing" })).toHaveDisplayValue("Use explicit failover order");
  });

  it("a security change alone sends only the security", async () => {
    const api = switchApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vSwitch1");
    await user.click(dialog.getByRole("tab", { name: "Security" }));
    await user.selectOptions(dialog.getByRole("combobox", { name: "Forged transmits" }), "Reject");
    await dialog.findByText("No impact");
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(changes(api).map((c) => c.body)).toEqual([{ security: { allowPromiscuous: false, macChanges: true, forgedTransmits: false } }]);
  });

  it("the host's rules at the field before the host is asked: an MTU below vmk0's, an MTU out of range", async () => {
    const api = switchApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vSwitch0");
    const mtu = dialog.getByRole("textbox", { name: "MTU (Bytes)" });
    await user.clear(mtu);
    await user.type(mtu, "1280");
    await waitFor(() =>
      expect(mtu).toHaveAccessibleDescription("These VMkernel adapters on the switch have an MTU above 1280: vmk0. Lower their MTU first."),
    );
    expect(dialog.getByText("Complete or correct the settings to see what the change does on the host.")).toBeVisible();
    await user.clear(mtu);
    await user.type(mtu, "9100");
    await waitFor(() => expect(mtu).toHaveAccessibleDescription("The MTU must be from 1280 to 9000 bytes."));
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(mtu).toHaveAttribute("aria-invalid", "true");
    expect(api.callsTo("POST", /preflight/)).toEqual([]);
    expect(changes(api)).toEqual([]);
  });

  it("Analyze impact's errors keep OK off", async () => {
    const api = switchApi();
    api.on("POST", `${switchPath("vSwitch1")}/preflight`, () =>
      json(
        200,
        preflightSchema.parse({
          errors: [
            {
              path: "mtu",
              code: "vswitch.mtuBelowAdapters",
              message: "These VMkernel adapters on the switch have an MTU above 1400: vmk3. Lower their MTU first.",
              params: { mtu: 1400, devices: "vmk3" },
            },
          ],
          warnings: [],
          calls: [editCall({ ...VSWITCH1, mtu: 1400 })],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vSwitch1");
    const mtu = dialog.getByRole("textbox", { name: "MTU (Bytes)" });
    await user.clear(mtu);
    await user.type(mtu, "1400");

    expect(await dialog.findByText("vSwitch1 cannot be changed this way:")).toBeVisible();
    expect(dialog.getByText("These VMkernel adapters on the switch have an MTU above 1400: vmk3. Lower their MTU first.")).toBeVisible();
    expect(dialog.getByText("Critical impact")).toBeVisible();
    const ok = screen.getByRole("button", { name: "OK" });
    expect(ok).toBeDisabled();
    await user.click(ok);
    expect(changes(api)).toEqual([]);
  });

  it("a failed edit keeps the dialog open with what was typed and how it ended", async () => {
    const api = switchApi();
    api.on("PATCH", switchPath("vSwitch1"), () =>
      problemResponse(
        problem(422, "HOST_CONFIG_FAULT", {
          outcome: [
            { code: "outcome.stepFailed", params: { step: 1, steps: 1, method: "UpdateVirtualSwitch" } },
            { code: "fault.HostConfigFault" },
            { code: "outcome.nothingChanged", params: { host: "esx-01.lab.local" } },
          ],
          steps: [{ ...editCall({ ...VSWITCH1, mtu: 9000 }), status: "failed" }],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vSwitch1");
    const mtu = dialog.getByRole("textbox", { name: "MTU (Bytes)" });
    await user.clear(mtu);
    await user.type(mtu, "9000");
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));

    const outcome = await dialog.findByRole("alert");
    expect(outcome).toHaveTextContent("Step 1 of 1 (UpdateVirtualSwitch) failed:");
    expect(outcome).toHaveTextContent("Nothing was changed on esx-01.lab.local.");
    expect(outcome.parentElement).toHaveFocus();
    expect(dialog.getByText("Failed")).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "vSwitch1 - Edit Settings" })).toBeInTheDocument();
    expect(mtu).toHaveValue("9000");
    expect(screen.queryByText(/was edited on/)).not.toBeInTheDocument();
  });

  it("when vCenter ends the session, the sign-in dialog opens over it, keeps what was chosen and OK is retried", async () => {
    const api = switchApi();
    api.on("POST", "/api/v1/session", { ...ADMIN, csrfToken: "csrf-token-2" });
    const expired = () => problemResponse(problem(401, "SESSION_EXPIRED", { detail: "The vCenter Server session has ended." }));
    api.sequence("PATCH", switchPath("vSwitch1"), expired, () =>
      json(200, editedSwitchSchema.parse({ vswitch: { ...VSWITCH1, mtu: 9000 }, steps: [] })),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vSwitch1");
    const mtu = dialog.getByRole("textbox", { name: "MTU (Bytes)" });
    await user.clear(mtu);
    await user.type(mtu, "9000");
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));

    const signIn = within(await screen.findByRole("alertdialog", { name: "Your session has expired" }));
    expect(mtu).toHaveValue("9000");
    await user.type(signIn.getByLabelText("Password"), "VMware1!");
    await user.click(signIn.getByRole("button", { name: "Log in" }));

    expect(await screen.findByText("Standard switch vSwitch1 was edited on esx-01.lab.local.")).toBeVisible();
    const patches = changes(api);
    expect(patches).toHaveLength(2);
    expect(patches[1]!.body).toEqual({ mtu: 9000 });
    expect(patches[1]!.headers["idempotency-key"]).toBe(patches[0]!.headers["idempotency-key"]);
    expect(patches[1]!.headers["x-csrf-token"]).toBe("csrf-token-2");
  });

  it("has no serious accessibility violations (axe-core), its failover order and analysis shown", async () => {
    switchApi();
    const { user } = renderApp(VIEW);
    const dialog = await openEdit(user, "vSwitch1");
    await user.click(dialog.getByRole("tab", { name: "Teaming and failover" }));
    await user.selectOptions(dialog.getByRole("combobox", { name: "Failback" }), "Yes");
    await dialog.findByText("No impact");
    const results = await axe.run(document.body, { resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });
});

describe("Remove a standard switch", () => {
  it("asks, analyzes the impact (its port groups go with it), sends the DELETE with an Idempotency-Key; the view says so", async () => {
    const api = switchApi();
    const { user } = renderApp(VIEW);
    const dialog = await openRemove(user, "vSwitch1");
    expect(dialog.getByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(dialog.getByText("Host: esx-01.lab.local")).toBeInTheDocument();
    expect(dialog.getByText("Remove the standard switch vSwitch1?")).toBeInTheDocument();
    expect(await dialog.findByText("Removing vSwitch1 has this impact:")).toBeVisible();
    expect(
      dialog.getByText("The port groups of vSwitch1 are removed with it: VM Network 2. Virtual machines on them lose their network."),
    ).toBeVisible();
    expect(dialog.getByText("Important impact")).toBeVisible();
    const calls = within(dialog.getByRole("region", { name: "vSphere API calls that Remove makes" }));
    expect(calls.getAllByRole("listitem").map((li) => li.querySelector("code")!.textContent)).toEqual([
      "RemovePortGroup",
      "RemoveVirtualSwitch",
    ]);
    expect(calls.getByText("Remove standard switch vSwitch1")).toBeInTheDocument();
    expect(changes(api)).toEqual([]);

    await user.click(dialog.getByRole("button", { name: "Remove" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const sent = changes(api);
    expect(sent.map((c) => [c.method, c.path])).toEqual([["DELETE", "/api/v1/hosts/host-12/standard-switches/vSwitch1"]]);
    expect(sent[0]!.headers["idempotency-key"]).toMatch(KEY);

    const message = await screen.findByText("Standard switch vSwitch1 was removed from esx-01.lab.local.");
    expect(message.closest("[tabindex]")).toHaveFocus();
    expect(screen.queryByRole("heading", { name: "Standard Switch: vSwitch1" })).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Standard Switch: vSwitch0" })).toBeInTheDocument();
    await waitFor(() => expect(api.callsTo("GET", NETWORKING).length).toBeGreaterThanOrEqual(2));
    expect(screen.queryByRole("table", { name: "Port groups of vSwitch1" })).not.toBeInTheDocument();
  });

  it("vSwitch0, which vmk0 is on, cannot be removed: its Remove is disabled and says why; Edit stays on", async () => {
    const api = switchApi();
    const { user } = renderApp(VIEW);
    const remove = await screen.findByRole("button", { name: "Remove vSwitch0" });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription("VMkernel adapters are on vSwitch0 (vmk0): remove or migrate them first.");
    expect(action("Edit settings of vSwitch0")).toBeEnabled();
    expect(action("Remove vSwitch1")).toBeEnabled();
    await user.click(remove);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(api.calls.filter((c) => c.path.includes("/standard-switches/"))).toEqual([]);
  });

  it("Analyze impact's refusal (an adapter the host has on it now) keeps Remove off; nothing is sent", async () => {
    const api = switchApi();
    api.on("GET", `${switchPath("vSwitch1")}/impact`, () =>
      json(
        200,
        removalImpact({
          errors: [
            {
              path: "vswitch",
              code: "vswitch.inUse",
              message: "VMkernel adapters are on vSwitch1 (vmk3): remove or migrate them first.",
              params: { vswitch: "vSwitch1", devices: "vmk3" },
            },
          ],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openRemove(user, "vSwitch1");
    expect(await dialog.findByText("vSwitch1 cannot be removed:")).toBeVisible();
    expect(dialog.getByText("VMkernel adapters are on vSwitch1 (vmk3): remove or migrate them first.")).toBeVisible();
    expect(dialog.getByText("Critical impact")).toBeVisible();
    const remove = dialog.getByRole("button", { name: "Remove" });
    expect(remove).toBeDisabled();
    await user.click(remove);
    expect(changes(api)).toEqual([]);
  });

  it("a failed removal keeps the dialog open with how it ended", async () => {
    const api = switchApi();
    api.on("DELETE", switchPath("vSwitch1"), () =>
      problemResponse(
        problem(422, "HOST_CONFIG_FAULT", {
          outcome: [
            { code: "outcome.stepFailed", params: { step: 2, steps: 2, method: "RemoveVirtualSwitch" } },
            { code: "fault.HostConfigFault" },
          ],
          steps: [
            { ...removeCalls[0]!, status: "undone" },
            { ...removeCalls[1]!, status: "failed" },
          ],
        }),
      ),
    );
    const { user } = renderApp(VIEW);
    const dialog = await openRemove(user, "vSwitch1");
    await dialog.findByText("Important impact");
    await user.click(dialog.getByRole("button", { name: "Remove" }));
    const outcome = await dialog.findByRole("alert");
    expect(outcome).toHaveTextContent("Step 2 of 2 (RemoveVirtualSwitch) failed: An error occurred during host configuration.");
    expect(dialog.getByText("Failed")).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "Remove Standard Switch" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Standard Switch: vSwitch1" })).toBeInTheDocument();
  });
});

describe("without Host.Config.Network, or on a host not connected", () => {
  it("every switch's Edit and Remove are disabled and say why; nothing opens or is sent", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/session", HELPDESK);
    api.on("GET", "/api/v1/hosts/host-14/networking", networking({ index: 2, hostConfigNetwork: false }));
    const { user, unmount } = renderApp("/hosts/host-14/networking/virtual-switches");
    const missing = "Missing privilege Host.Config.Network on esx-02.lab.local";
    const edit = await screen.findByRole("button", { name: "Edit settings of vSwitch0" });
    for (const button of [edit, action("Remove vSwitch0")]) {
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(missing);
    }
    await user.click(edit);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    unmount();

    const disconnected = withVSwitch1();
    disconnected.host.connectionState = "disconnected";
    api.on("GET", NETWORKING, disconnected);
    renderApp(VIEW);
    await screen.findByRole("button", { name: "Edit settings of vSwitch1" });
    for (const name of ["Edit settings of vSwitch1", "Remove vSwitch1"]) {
      expect(action(name)).toBeDisabled();
      expect(action(name)).toHaveAccessibleDescription("The host is not connected to vCenter Server.");
    }
    expect(api.calls.filter((c) => c.path.includes("/standard-switches/"))).toEqual([]);
  });
});

describe("in Japanese", () => {
  it("「vSwitch1 - 設定の編集」 with its pages and choices, the success message, and 「標準スイッチの削除」", async () => {
    const api = switchApi();
    const { user } = renderApp(VIEW, { language: "ja" });
    const dialog = await openEdit(user, "vSwitch1", "vSwitch1 - 設定の編集", "vSwitch1 の設定の編集");
    expect(dialog.getAllByRole("tab").map((tab) => tab.textContent)).toEqual([
      "プロパティ",
      "セキュリティ",
      "チーミングおよびフェイルオーバー",
    ]);
    expect(dialog.getByRole("textbox", { name: "MTU (バイト)" })).toHaveValue("1500");
    await user.click(dialog.getByRole("tab", { name: "セキュリティ" }));
    expect(dialog.getByRole("combobox", { name: "無差別モード" })).toHaveDisplayValue("拒否");
    expect(dialog.getByRole("combobox", { name: "MAC アドレス変更" })).toHaveDisplayValue("承諾");
    expect(dialog.getByRole("combobox", { name: "偽装転送" })).toHaveDisplayValue("承諾");
    await user.click(dialog.getByRole("tab", { name: "チーミングおよびフェイルオーバー" }));
    expect(dialog.getByRole("combobox", { name: "ロード バランシング" })).toHaveDisplayValue("発信元の仮想ポートに基づいたルート");
    expect(dialog.getByRole("combobox", { name: "スイッチへの通知" })).toHaveDisplayValue("はい");
    expect(dialog.getByRole("combobox", { name: "フェイルバック" })).toHaveDisplayValue("いいえ");
    expect(dialog.getByRole("region", { name: "フェイルオーバーの順序" })).toBeInTheDocument();

    await user.selectOptions(dialog.getByRole("combobox", { name: "フェイルバック" }), "はい");
    expect(await dialog.findByText("影響なし")).toBeVisible();
    expect(dialog.getByRole("region", { name: "[OK] で実行される vSphere API の呼び出し" })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "OK" })).toBeEnabled());
    await user.click(screen.getByRole("button", { name: "OK" }));
    expect(await screen.findByText("esx-01.lab.local の標準スイッチ vSwitch1 を編集しました。")).toBeVisible();
    expect(changes(api).map((c) => c.body)).toEqual([
      {
        teaming: {
          policy: "loadbalance_srcid",
          notifySwitches: true,
          failback: true,
          failoverOrder: { active: ["vmnic2"], standby: ["vmnic3"], unused: [] },
        },
      },
    ]);

    const vSwitch0 = screen.getByRole("button", { name: "vSwitch0 の削除" });
    expect(vSwitch0).toHaveAccessibleDescription("vSwitch0 には VMkernel アダプタ (vmk0) があります。先に削除または移行してください。");
    await user.click(screen.getByRole("button", { name: "vSwitch1 の削除" }));
    const remove = within(await screen.findByRole("dialog", { name: "標準スイッチの削除" }));
    expect(remove.getByText("標準スイッチ vSwitch1 を削除しますか?")).toBeInTheDocument();
    expect(
      await remove.findByText(
        "vSwitch1 のポート グループ (VM Network 2) もあわせて削除されます。これらの仮想マシンはネットワークを失います。",
      ),
    ).toBeVisible();
    expect(remove.getByRole("button", { name: "キャンセル" })).toHaveFocus();
  });
});
