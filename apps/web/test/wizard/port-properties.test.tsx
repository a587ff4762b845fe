import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { networking } from "../fixtures.ts";
import { dialog, expectPage, openPage, onVSwitch0, seedDraft, waitNextDisabled, waitNextEnabled, wizardApi } from "./helpers.tsx";

async function openPortProperties(options: Parameters<typeof networking>[0] = {}) {
  const api = wizardApi();
  api.on("GET", "/api/v1/hosts/host-12/networking", networking(options));
  seedDraft(onVSwitch0);
  const r = await openPage("port-properties");
  await expectPage("Port properties");
  return r;
}

const checkbox = (name: string) => dialog().getByRole("checkbox", { name });

describe("Port properties", () => {
  it("starts from the vSphere Client's defaults", async () => {
    await openPortProperties();
    expect(dialog().getByLabelText("Network label")).toHaveValue("VMkernel");
    expect(dialog().getByLabelText("VLAN ID")).toHaveValue("0");
    expect(dialog().getByRole("radio", { name: "IPv4" })).toBeChecked();
    expect(dialog().getByRole("radio", { name: "Get MTU from switch (1500)" })).toBeChecked();
    expect(dialog().getByLabelText("TCP/IP stack")).toHaveDisplayValue("Default");
    for (const name of [
      "vMotion",
      "Provisioning",
      "Fault Tolerance logging",
      "Management",
      "vSphere Replication",
      "vSphere Replication NFC",
      "vSAN",
      "vSAN Witness",
      "vSphere Backup NFC",
      "NVMe over TCP",
      "NVMe over RDMA",
    ]) {
      expect(checkbox(name)).not.toBeChecked();
      expect(checkbox(name)).toBeEnabled();
    }
    await waitNextEnabled();
  });

  it("offers vSAN Witness, which the host reports, as one or the other with vSAN", async () => {
    const { user } = await openPortProperties();
    await user.click(checkbox("vSAN Witness"));
    expect(checkbox("vSAN Witness")).toBeChecked();
    expect(checkbox("vSAN")).toBeDisabled();
    expect(dialog().getByText("An adapter carries either vSAN or vSAN Witness traffic: select one of them.")).toBeInTheDocument();
    await waitNextEnabled();
    await user.click(checkbox("vSAN Witness"));
    expect(checkbox("vSAN")).toBeEnabled();
  });

  it("takes a VLAN ID from 0 to 4094", async () => {
    const { user } = await openPortProperties();
    const vlan = dialog().getByLabelText("VLAN ID");
    await user.clear(vlan);
    expect(await dialog().findByText("Enter a VLAN ID.")).toBeInTheDocument();
    await user.type(vlan, "4095");
    expect(await dialog().findByText("The VLAN ID must be from 0 (none) to 4094.")).toBeInTheDocument();
    await waitNextDisabled();
    await user.clear(vlan);
    await user.type(vlan, "4094");
    await waitNextEnabled();
    await waitFor(() => expect(vlan).not.toHaveAttribute("aria-invalid"));
  });

  it("needs a network label that no port group on the host has", async () => {
    const { user } = await openPortProperties();
    const label = dialog().getByLabelText("Network label");
    await user.clear(label);
    expect(await dialog().findByText("Enter a network label.")).toBeInTheDocument();
    await waitNextDisabled();
    await user.type(label, "VM Network");
    expect(await dialog().findByText('esx-01.lab.local already has a port group named "VM Network".')).toBeInTheDocument();
    await waitNextDisabled();
    await user.type(label, " 2");
    await waitNextEnabled();
  });

  it("takes a custom MTU from 1280 to 9000 and no larger than the switch's", async () => {
    const { user } = await openPortProperties();
    await user.click(dialog().getByRole("radio", { name: "Custom" }));
    const mtu = dialog().getByLabelText("MTU (Bytes)");
    await user.clear(mtu);
    await user.type(mtu, "1000");
    expect(await dialog().findByText("The MTU must be from 1280 to 9000 bytes.")).toBeInTheDocument();
    await user.clear(mtu);
    await user.type(mtu, "9000");
    expect(await dialog().findByText("The adapter's MTU 9000 cannot be larger than the switch's MTU 1500.")).toBeInTheDocument();
    await waitNextDisabled();
    await user.clear(mtu);
    await user.type(mtu, "1500");
    await waitNextEnabled();
  });

  it("vMotion stack: vMotion is the only service, checked and locked", async () => {
    const { user } = await openPortProperties();
    await user.click(checkbox("Management"));
    await user.selectOptions(dialog().getByLabelText("TCP/IP stack"), "vMotion");
    expect(checkbox("vMotion")).toBeChecked();
    expect(checkbox("vMotion")).toBeDisabled();
    for (const name of ["Provisioning", "Management", "vSAN", "Fault Tolerance logging"]) {
      expect(checkbox(name)).not.toBeChecked();
      expect(checkbox(name)).toBeDisabled();
    }
    expect(dialog().getByText(/vMotion traffic becomes the only service that is enabled on the vMotion TCP\/IP stack/)).toBeInTheDocument();
    expect(
      dialog().getByText(/All VMkernel adapters for vMotion on the default TCP\/IP stack are disabled for future vMotion sessions/),
    ).toBeInTheDocument();
    await waitNextEnabled();
  });

  it("Provisioning stack: Provisioning only; a custom stack: no services; back to Default: free choice", async () => {
    const { user } = await openPortProperties({ customStack: true });
    const stack = dialog().getByLabelText("TCP/IP stack");
    expect(
      within(stack)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Default", "Provisioning", "vMotion", "NFS"]);
    await user.selectOptions(stack, "Provisioning");
    expect(checkbox("Provisioning")).toBeChecked();
    expect(checkbox("Provisioning")).toBeDisabled();
    expect(checkbox("vMotion")).not.toBeChecked();
    await user.selectOptions(stack, "NFS");
    expect(checkbox("Provisioning")).not.toBeChecked();
    expect(checkbox("Management")).toBeDisabled();
    expect(dialog().getByText("Services can be enabled on the default TCP/IP stack only.")).toBeInTheDocument();
    await user.selectOptions(stack, "Default");
    expect(checkbox("Management")).toBeEnabled();
    await user.click(checkbox("Management"));
    expect(checkbox("Management")).toBeChecked();
    await waitNextEnabled();
  });

  it("vSAN and vSAN Witness need Host.Config.Storage and say so", async () => {
    await openPortProperties({ hostConfigStorage: false });
    expect(checkbox("vSAN")).toBeDisabled();
    expect(checkbox("vSAN Witness")).toBeDisabled();
    expect(dialog().getAllByText("Missing privilege Host.Config.Storage on esx-01.lab.local")).toHaveLength(2);
  });

  it("vMotion cannot be added on the default stack once an adapter is on the vMotion stack (R5)", async () => {
    await openPortProperties({ vmotionStackAdapter: true });
    expect(checkbox("vMotion")).toBeDisabled();
    expect(dialog().getByText("vMotion is handled by the vMotion TCP/IP stack on this host (vmk1).")).toBeInTheDocument();
  });

  it("leaves out the IPv6 options on a host without IPv6", async () => {
    await openPortProperties({ ipv6Enabled: false });
    expect(dialog().getByRole("radio", { name: "IPv4" })).toBeChecked();
    expect(dialog().queryByRole("radio", { name: "IPv6" })).not.toBeInTheDocument();
    expect(dialog().queryByRole("radio", { name: "IPv4 and IPv6" })).not.toBeInTheDocument();
    expect(dialog().getByText("IPv6 is not enabled on this host.")).toBeInTheDocument();
  });

  it("IPv4 and IPv6 puts both settings pages in the run", async () => {
    const { user } = await openPortProperties();
    const steps = within(screen.getByRole("navigation", { name: "Wizard steps" }));
    expect(steps.queryByText("IPv6 settings")).not.toBeInTheDocument();
    await user.click(dialog().getByRole("radio", { name: "IPv4 and IPv6" }));
    expect(steps.getByText("IPv4 settings")).toBeInTheDocument();
    expect(steps.getByText("IPv6 settings")).toBeInTheDocument();
    await user.click(dialog().getByRole("radio", { name: "IPv6" }));
    expect(steps.queryByText("IPv4 settings")).not.toBeInTheDocument();
  });

  it("a distributed port group's label and VLAN come from the port group, read-only", async () => {
    wizardApi();
    seedDraft({ targetDevice: { kind: "existingNetwork", portgroupKey: "dvportgroup-23" } });
    await openPage("port-properties");
    await expectPage("Port properties");
    expect(dialog().queryByRole("textbox", { name: "Network label" })).not.toBeInTheDocument();
    expect(dialog().getByRole("group", { name: "Network label" })).toHaveTextContent("DPG-vMotion");
    expect(dialog().getByRole("group", { name: "VLAN ID" })).toHaveTextContent("30");
    expect(dialog().getByRole("radio", { name: "Get MTU from switch (9000)" })).toBeChecked();
    await waitNextEnabled();
  });
});
