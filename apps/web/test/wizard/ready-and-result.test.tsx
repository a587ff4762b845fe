import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { createdAdapter, networking, preflightResult, problem } from "../fixtures.ts";
import { json, problemResponse } from "../mock-api.ts";
import { renderApp } from "../render.tsx";
import { dialog, expectPage, HOST, onVSwitch0, openPage, readDraft, seedDraft, wizardApi, wizardUrl } from "./helpers.tsx";

const vmotionRun = {
  targetDevice: { kind: "existingNetwork" as const, portgroupKey: "dvportgroup-23" },
  portProperties: {
    tcpipStack: "vmotion",
    services: ["vmotion"],
    ipSettings: "ipv4ipv6" as const,
    mtu: { mode: "custom" as const, value: "9000" },
  },
  ipv4: {
    mode: "static" as const,
    address: "192.168.30.21",
    subnetMask: "255.255.255.0",
    overrideGateway: true,
    defaultGateway: "192.168.30.1",
  },
  ipv6: { dhcpV6: false, routerAdvertisement: true, staticAddresses: [{ address: "2001:db8:30::21", prefixLength: "64" }] },
};

const finish = () => dialog().getByRole("button", { name: "Finish" });

/** A step of the plan as the API shows it (the summary is the API's English; the page says the code in its language). */
const step = (code: string, params?: Record<string, string | number>) => ({
  method: "M",
  object: "networkSystem-12",
  code,
  params,
  summary: code,
});

describe("Ready to complete", () => {
  it("names a stack as the vSphere Client does in the API's warnings, and links no page for what is set elsewhere", async () => {
    const api = wizardApi();
    api.on(
      "POST",
      "/api/v1/hosts/host-12/vmkernel-adapters/preflight",
      preflightResult({
        warnings: [
          {
            path: "",
            code: "stack.noGateway",
            message: "The vmotion stack has no default gateway on esx-01.lab.local",
            params: { stack: "vmotion", host: "esx-01.lab.local" },
          },
        ],
      }),
    );
    seedDraft(vmotionRun);
    await openPage("ready-to-complete");
    await expectPage("Ready to complete");
    const warning = await dialog().findByText(/stack has no default gateway on esx-01\.lab\.local/);
    expect(warning).toHaveTextContent(/^The vMotion stack has no default gateway/);
    expect(within(warning.closest("li")!).queryByRole("button")).not.toBeInTheDocument();
  });

  it("shows VLAN 0 as the port properties page offers it: None (0)", async () => {
    wizardApi();
    seedDraft({ ...onVSwitch0, portProperties: { networkLabel: "VMkernel", vlanId: "0" } });
    await openPage("ready-to-complete");
    await expectPage("Ready to complete");
    const vlan = dialog().getByText("VLAN ID");
    expect(vlan.nextElementSibling).toHaveTextContent(/^None \(0\)$/);
  });

  it("shows every choice, the preflight warnings and the vim25 calls, and sends the model to preflight", async () => {
    const api = wizardApi();
    api.on(
      "POST",
      "/api/v1/hosts/host-12/vmkernel-adapters/preflight",
      preflightResult({
        warnings: [
          {
            path: "ipv4Settings.address",
            code: "ipv4.sameSubnet",
            message: "vmk1 on the same TCP/IP stack is already in this subnet",
            params: { devices: "vmk1" },
          },
        ],
        calls: [
          {
            method: "AddVirtualNic",
            object: "networkSystem-12",
            code: "step.addVirtualNic.distributed",
            params: { portgroup: "DPG-vMotion", stack: "vmotion", mtu: 9000 },
            summary: "Add a VMkernel adapter on distributed port group DPG-vMotion, vMotion TCP/IP stack, MTU 9000",
          },
        ],
      }),
    );
    seedDraft(vmotionRun);
    await openPage("ready-to-complete");
    await expectPage("Ready to complete");
    const summary = dialog();
    for (const text of [
      "VMkernel Network Adapter",
      "DPG-vMotion (DSwitch-Lab)",
      "IPv4 and IPv6",
      "9000",
      "192.168.30.21",
      "255.255.255.0",
      "192.168.30.1",
      "2001:db8:30::21/64",
    ]) {
      expect(summary.getAllByText(text).length).toBeGreaterThan(0);
    }
    expect(await summary.findByText(/^vmk1 on the same TCP\/IP stack is already in this subnet \(/)).toBeInTheDocument();
    expect(summary.getByText("AddVirtualNic")).toBeInTheDocument();
    expect(
      summary.getByText("Add a VMkernel adapter on distributed port group DPG-vMotion, vMotion TCP/IP stack, MTU 9000"),
    ).toBeInTheDocument();
    const [pre] = api.callsTo("POST", /preflight$/);
    expect(pre!.body).toEqual({
      connectionType: "vmkernel",
      targetDevice: { kind: "existingNetwork", portgroupKey: "dvportgroup-23" },
      portProperties: { ipSettings: "ipv4ipv6", mtu: { mode: "custom", value: 9000 }, tcpipStack: "vmotion", services: ["vmotion"] },
      ipv4Settings: {
        mode: "static",
        address: "192.168.30.21",
        subnetMask: "255.255.255.0",
        overrideGateway: true,
        defaultGateway: "192.168.30.1",
      },
      ipv6Settings: {
        dhcpV6: false,
        routerAdvertisement: true,
        staticAddresses: [{ address: "2001:db8:30::21", prefixLength: 64 }],
        overrideGateway: false,
      },
    });
    await waitFor(() => expect(finish()).toBeEnabled());
  });

  it("preflight errors keep Finish disabled and lead to the page to fix", async () => {
    const api = wizardApi();
    api.on(
      "POST",
      "/api/v1/hosts/host-12/vmkernel-adapters/preflight",
      preflightResult({
        errors: [
          {
            path: "portProperties.networkLabel",
            code: "networkLabel.inUse",
            message: "A port group named VMkernel exists.",
            params: { host: "esx-01.lab.local", label: "VMkernel" },
          },
        ],
      }),
    );
    seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } });
    const { user } = await openPage("ready-to-complete");
    expect(await dialog().findByText('esx-01.lab.local already has a port group named "VMkernel".')).toBeInTheDocument();
    expect(finish()).toBeDisabled();
    await user.click(dialog().getByRole("button", { name: "Go to Port properties" }));
    await expectPage("Port properties");
  });

  it("Finish sends once, with the run's idempotency key", async () => {
    const api = wizardApi();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    api.on("POST", "/api/v1/hosts/host-12/vmkernel-adapters", async () => {
      await gate;
      return json(201, createdAdapter());
    });
    seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } }, [], HOST, "run-key-1");
    const { user } = await openPage("ready-to-complete");
    await waitFor(() => expect(finish()).toBeEnabled());
    await user.click(finish());
    await user.click(finish());
    expect(await dialog().findByText("Applying the changes to the host…")).toBeInTheDocument();
    expect(finish()).toBeDisabled();
    release();
    await expectPage("VMkernel adapter added");
    const creates = api.callsTo("POST", "/api/v1/hosts/host-12/vmkernel-adapters");
    expect(creates).toHaveLength(1);
    expect(creates[0]!.headers["idempotency-key"]).toBe("run-key-1");
  });

  it("a failed step is rolled back and every step says how it ended", async () => {
    const api = wizardApi();
    api.on("POST", "/api/v1/hosts/host-12/vmkernel-adapters", () =>
      problemResponse(
        problem(422, "HOST_CONFIG_FAULT", {
          detail:
            "Step 3 of 4 (SelectVnicForNicType) failed: An error occurred during host configuration. The earlier steps were undone: esx-01.lab.local is as it was.",
          steps: [
            { ...step("step.addPortGroup", { portgroup: "VMkernel", vlanId: 0, vswitch: "vSwitch0" }), status: "undone" },
            { ...step("step.addVirtualNic.standard", { portgroup: "VMkernel", stack: "defaultTcpipStack", mtu: 1500 }), status: "undone" },
            { ...step("step.selectVnic", { service: "vmotion" }), status: "failed" },
            { ...step("step.selectVnic", { service: "management" }), status: "not-run" },
          ],
          fault: { code: "fault.HostConfigFault" },
          outcome: [
            { code: "outcome.stepFailed", params: { step: 3, steps: 4, method: "SelectVnicForNicType" } },
            { code: "fault.HostConfigFault" },
            { code: "outcome.earlierUndone", params: { host: "esx-01.lab.local" } },
          ],
        }),
      ),
    );
    seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } }, [], HOST, "run-key-2");
    const { user } = await openPage("ready-to-complete");
    await waitFor(() => expect(finish()).toBeEnabled());
    await user.click(finish());
    expect(
      await dialog().findByText(
        "Step 3 of 4 (SelectVnicForNicType) failed: An error occurred during host configuration. The earlier steps were undone: esx-01.lab.local is as it was.",
      ),
    ).toBeInTheDocument();
    expect(dialog().getByText("Enable vMotion on the new adapter")).toBeInTheDocument();
    expect(dialog().getAllByText("Rolled back")).toHaveLength(2);
    expect(dialog().getByText("Failed")).toBeInTheDocument();
    expect(dialog().getByText("Not run")).toBeInTheDocument();
    // The outcome takes the focus (and so comes into view), rather than leaving it on the page's body.
    await waitFor(() => expect(dialog().getByRole("alert").closest("[tabindex='-1']")).toHaveFocus());
    await waitFor(() => expect(readDraft()!.idempotencyKey).not.toBe("run-key-2"));
  });

  it("a partly applied Finish stays told on Ready to complete, though what remains makes the label taken", async () => {
    const api = wizardApi();
    let created = false;
    api.on("GET", "/api/v1/hosts/host-12/networking", () => {
      const n = networking();
      // After the failed Finish the host holds the port group the undo could not remove.
      if (created)
        n.portgroups.push({
          name: "VMkernel",
          vlanId: 0,
          vswitch: "vSwitch0",
          vmkernelAdapter: null,
          security: null,
          teaming: null,
          failoverOrder: null,
        });
      return json(200, n);
    });
    api.on("POST", "/api/v1/hosts/host-12/vmkernel-adapters", () => {
      created = true;
      return problemResponse(
        problem(422, "PARTIALLY_APPLIED", {
          steps: [
            { ...step("step.addPortGroup", { portgroup: "VMkernel", vlanId: 0, vswitch: "vSwitch0" }), status: "undo-failed" },
            { ...step("step.addVirtualNic.standard", { portgroup: "VMkernel", stack: "defaultTcpipStack", mtu: 1500 }), status: "failed" },
          ],
          outcome: [
            { code: "outcome.stepFailed", params: { step: 2, steps: 2, method: "AddVirtualNic" } },
            { code: "fault.HostConfigFault" },
            { code: "outcome.undoFailed", params: { step: 1, method: "RemovePortGroup" } },
            { code: "fault.ResourceInUse", params: { name: "VMkernel" } },
            {
              code: "outcome.remains",
              params: { host: "esx-01.lab.local" },
              items: [{ code: "step.addPortGroup", params: { portgroup: "VMkernel", vlanId: 0, vswitch: "vSwitch0" } }],
            },
          ],
        }),
      );
    });
    seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } }, [], HOST, "run-key-3");
    const { user } = await openPage("ready-to-complete");
    await waitFor(() => expect(finish()).toBeEnabled());
    await user.click(finish());
    const told = /These steps could not be undone and remain on esx-01\.lab\.local: Add port group "VMkernel" \(VLAN 0\) to vSwitch0\.$/;
    expect(await dialog().findByText(told)).toBeInTheDocument();
    // The host re-read shows the port group: the label is taken now, yet the page stays, telling what remains.
    await waitFor(() => expect(api.callsTo("GET", "/api/v1/hosts/host-12/networking").length).toBeGreaterThan(1));
    await expectPage("Ready to complete");
    expect(dialog().getByText(told)).toBeInTheDocument();
  });

  it("a missing privilege reported by vCenter names the privilege and the object", async () => {
    const api = wizardApi();
    api.on("POST", "/api/v1/hosts/host-12/vmkernel-adapters", () =>
      problemResponse(
        problem(403, "NO_PERMISSION", {
          missingPrivilege: { privilege: "Network.Assign", entity: { type: "DistributedVirtualPortgroup", id: "dvportgroup-23" } },
        }),
      ),
    );
    seedDraft(vmotionRun);
    const { user } = await openPage("ready-to-complete");
    await waitFor(() => expect(finish()).toBeEnabled());
    await user.click(finish());
    expect(await dialog().findByText("Missing privilege Network.Assign on DPG-vMotion")).toBeInTheDocument();
  });

  it("without Host.Config.Network, the wizard's own address leads back to the adapters, where Add Networking says which privilege is missing", async () => {
    const api = wizardApi();
    api.on("GET", "/api/v1/hosts/host-12/networking", networking({ hostConfigNetwork: false }));
    seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } });
    const { router } = renderApp(wizardUrl("ready-to-complete"));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/vmkernel-adapters`));
    const add = await screen.findByRole("button", { name: "Add Networking" });
    expect(add).toBeDisabled();
    expect(add).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-01.lab.local");
    expect(screen.queryByRole("dialog", { name: /Add Networking/ })).not.toBeInTheDocument();
  });
});

describe("the result", () => {
  const vmotionResult = createdAdapter({
    adapter: {
      ...createdAdapter().adapter,
      device: "vmk2",
      networkLabel: "DPG-vMotion",
      switchName: "DSwitch-Lab",
      tcpipStack: "vmotion",
      services: ["vmotion"],
      mtu: 9000,
    },
    lostServices: [{ device: "vmk0", nicType: "vmotion" }],
    tcpipStack: { key: "vmotion", active: true, hasDefaultGateway: false },
  });

  it("says which default-stack adapters lost vMotion, reminds of the per-host gateway and opens the stack's Edit dialog", async () => {
    const api = wizardApi();
    api.on("GET", "/api/v1/hosts/host-12/networking", networking({ vmotionStackAdapter: true }));
    sessionStorage.setItem(
      `addnet.wizard.${HOST}`,
      JSON.stringify({
        ...JSON.parse(JSON.stringify({ version: 1, hostId: HOST, idempotencyKey: "k", visited: [] })),
        values: readDefaultValues(),
        result: vmotionResult,
      }),
    );
    const { user, router } = await openPage("result");
    await expectPage("VMkernel adapter added");
    expect(dialog().getByText("VMkernel adapter vmk2 was added to esx-01.lab.local.")).toBeInTheDocument();
    expect(dialog().getByText("vmk0 no longer carries vMotion traffic.")).toBeInTheDocument();
    expect(dialog().getByText("Note: The selected netstack must have a default gateway set explicitly on each host.")).toBeInTheDocument();
    expect(dialog().getByText("The vMotion stack has no default gateway on esx-01.lab.local yet.")).toBeInTheDocument();
    await user.click(dialog().getByRole("button", { name: "Edit the vMotion TCP/IP stack" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/tcpip-configuration/vmotion/edit`));
    expect(await screen.findByRole("dialog", { name: "Edit TCP/IP Stack Configuration – vMotion" })).toBeInTheDocument();
    expect(readDraft()).toBeNull();
  });

  it("in Japanese, the reminder is the vSphere Client's own sentence", async () => {
    const api = wizardApi();
    api.on("GET", "/api/v1/hosts/host-12/networking", networking({ vmotionStackAdapter: true }));
    sessionStorage.setItem(
      `addnet.wizard.${HOST}`,
      JSON.stringify({ version: 1, hostId: HOST, idempotencyKey: "k", visited: [], values: readDefaultValues(), result: vmotionResult }),
    );
    await openPage("result", { language: "ja" });
    const d = within(screen.getByRole("dialog", { name: "esx-01.lab.local - ネットワークの追加" }));
    expect(
      await d.findByText("注: 選択した netstack では、各ホストにデフォルト ゲートウェイが明示的に設定されている必要があります。"),
    ).toBeInTheDocument();
    expect(d.getByRole("button", { name: "vMotion TCP/IP スタックの編集" })).toBeInTheDocument();
  });

  it("Back to Ready to complete is not possible after Finish: the run shows its result", async () => {
    wizardApi();
    sessionStorage.setItem(
      `addnet.wizard.${HOST}`,
      JSON.stringify({ version: 1, hostId: HOST, idempotencyKey: "k", visited: [], values: readDefaultValues(), result: createdAdapter() }),
    );
    const { router } = await openPage("ready-to-complete");
    await expectPage("VMkernel adapter added");
    expect(router.state.location.pathname).toMatch(/\/result$/);
  });
});

function readDefaultValues() {
  seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } });
  return readDraft()!.values;
}

describe("the API's findings next to the field", () => {
  it("a refused Finish (VALIDATION_FAILED) shows each error next to its field until the field changes", async () => {
    const api = wizardApi();
    api.on("POST", "/api/v1/hosts/host-12/vmkernel-adapters", () =>
      problemResponse(
        problem(400, "VALIDATION_FAILED", {
          errors: [
            {
              path: "portProperties.networkLabel",
              code: "networkLabel.inUse",
              message: "A port group named VMkernel already exists.",
              params: { host: "esx-01.lab.local", label: "VMkernel" },
            },
            { path: "portProperties.vlanId", code: "vlanId.range", message: "The VLAN ID must be from 0 (none) to 4094." },
          ],
        }),
      ),
    );
    seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } }, [
      "connection-type",
      "target-device",
      "port-properties",
      "ipv4-settings",
    ]);
    const { user } = await openPage("ready-to-complete");
    await waitFor(() => expect(finish()).toBeEnabled());
    await user.click(finish());
    expect(await dialog().findByText("Some settings are not valid. Correct the fields shown.")).toBeInTheDocument();
    await user.click(dialog().getAllByRole("button", { name: "Go to Port properties" })[0]!);
    await expectPage("Port properties");
    const label = dialog().getByLabelText("Network label");
    expect(label).toHaveAccessibleDescription('esx-01.lab.local already has a port group named "VMkernel".');
    expect(dialog().getByLabelText("VLAN ID")).toHaveAccessibleDescription("The VLAN ID must be from 0 (none) to 4094.");
    expect(dialog().getByRole("button", { name: "Next" })).toBeDisabled();
    await user.type(label, "-2");
    await waitFor(() => expect(label).not.toHaveAttribute("aria-invalid"));
    const vlan = dialog().getByLabelText("VLAN ID");
    await user.clear(vlan);
    await user.type(vlan, "31");
    await waitFor(() => expect(dialog().getByRole("button", { name: "Next" })).toBeEnabled());
  });
});
