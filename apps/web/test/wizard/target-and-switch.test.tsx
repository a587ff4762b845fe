import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { networking } from "../fixtures.ts";
import {
  clickNext,
  dialog,
  expectPage,
  nextButton,
  openPage,
  readDraft,
  seedDraft,
  waitNextDisabled,
  waitNextEnabled,
  wizardApi,
} from "./helpers.tsx";

describe("Select connection type", () => {
  it("selects VMkernel Network Adapter, and offers Physical Network Adapter and the port group", async () => {
    wizardApi();
    await openPage("connection-type");
    await expectPage("Select connection type");
    expect(dialog().getByRole("radio", { name: "VMkernel Network Adapter" })).toBeChecked();
    const physical = dialog().getByRole("radio", { name: "Physical Network Adapter" });
    expect(physical).toBeEnabled();
    expect(physical).toHaveAccessibleDescription("A physical network adapter handles the network traffic to other hosts on the network.");
    const portGroup = dialog().getByRole("radio", { name: "Virtual Machine Port Group for a Standard Switch" });
    expect(portGroup).toBeEnabled();
    expect(portGroup).toHaveAccessibleDescription("A port group handles the virtual machine traffic on a standard switch.");
    expect(dialog().queryByText(/Not available in addnet/)).not.toBeInTheDocument();
    await waitNextEnabled();
  });
});

describe("Select target device", () => {
  it("requires a target before Next", async () => {
    wizardApi();
    const { user } = await openPage("target-device");
    await expectPage("Select target device");
    await waitNextDisabled();
    await user.click(dialog().getByRole("radio", { name: "Select an existing standard switch" }));
    // Looked up again on each try: the page re-renders as it validates, replacing the node a one-off find returns.
    await waitFor(() => expect(dialog().getByText("Select a target device.")).toBeInTheDocument());
    expect(nextButton()).toBeDisabled();

    await user.click(dialog().getByRole("button", { name: "Browse standard switches" }));
    const browse = within(await screen.findByRole("dialog", { name: "Select Switch" }));
    await user.click(browse.getByRole("radio", { name: "vSwitch0" }));
    await user.click(browse.getByRole("button", { name: "OK" }));
    await waitNextEnabled();
    expect(dialog().getByLabelText("Standard switch")).toHaveValue("vSwitch0");
    await waitFor(() => expect(dialog().queryByText("Select a target device.")).not.toBeInTheDocument());
  });

  it("browses distributed port groups; one without Network.Assign cannot be picked and says which privilege is missing", async () => {
    const api = wizardApi();
    api.on("GET", "/api/v1/hosts/host-12/networking", networking({ assignable: ["DPG-vMotion"] }));
    const { user } = await openPage("target-device");
    await user.click(await dialog().findByRole("radio", { name: "Select an existing network" }));
    await user.click(dialog().getByRole("button", { name: "Browse distributed port groups" }));
    const browse = within(await screen.findByRole("dialog", { name: "Select Network" }));
    expect(browse.getByRole("radio", { name: "DPG-Storage" })).toBeDisabled();
    expect(browse.getByText("Missing privilege Network.Assign on DPG-Storage")).toBeInTheDocument();
    await user.click(browse.getByRole("radio", { name: "DPG-vMotion" }));
    await user.click(browse.getByRole("button", { name: "OK" }));
    expect(dialog().getByLabelText("Network")).toHaveValue("DPG-vMotion (DSwitch-Lab)");
    await waitNextEnabled();
  });

  it("new standard switch: MTU from 1280 to 9000, and the Create a Standard Switch page joins the run", async () => {
    wizardApi();
    const { user } = await openPage("target-device");
    const steps = within(screen.getByRole("navigation", { name: "Wizard steps" }));
    expect(steps.queryByText("Create a Standard Switch")).not.toBeInTheDocument();
    await user.click(await dialog().findByRole("radio", { name: "New standard switch" }));
    const mtu = dialog().getByLabelText("MTU (Bytes)");
    expect(mtu).toHaveValue("1500");
    expect(steps.getByText("Create a Standard Switch")).toBeInTheDocument();
    await user.clear(mtu);
    await user.type(mtu, "9001");
    expect(await dialog().findByText("The MTU must be from 1280 to 9000 bytes.")).toBeInTheDocument();
    await waitNextDisabled();
    await user.clear(mtu);
    await user.type(mtu, "9000");
    await clickNext(user);
    await expectPage("Create a Standard Switch");
  });
});

describe("Create a Standard Switch", () => {
  it("offers only free physical adapters and keeps Active, Standby and Unused exclusive", async () => {
    wizardApi();
    seedDraft({ targetDevice: { kind: "newStandardSwitch", mtu: "9000" } });
    const { user } = await openPage("create-standard-switch");
    await expectPage("Create a Standard Switch");
    expect(dialog().getByText(/no connection to the physical network/)).toBeInTheDocument();
    await user.click(dialog().getByRole("button", { name: "Add adapters" }));
    const add = within(await screen.findByRole("dialog", { name: "Add Physical Adapters to the Switch" }));
    expect(add.queryByRole("checkbox", { name: "vmnic0" })).not.toBeInTheDocument();
    expect(add.queryByRole("checkbox", { name: "vmnic1" })).not.toBeInTheDocument();
    await user.click(add.getByRole("checkbox", { name: "vmnic2" }));
    await user.click(add.getByRole("checkbox", { name: "vmnic3" }));
    await user.click(add.getByRole("button", { name: "OK" }));

    const active = () => within(dialog().getByRole("region", { name: "Active adapters" }));
    const standby = () => within(dialog().getByRole("region", { name: "Standby adapters" }));
    expect(active().getByText("vmnic2")).toBeInTheDocument();
    expect(active().getByText("vmnic3")).toBeInTheDocument();

    await user.selectOptions(dialog().getByLabelText("Failover group of vmnic3"), "standby");
    expect(active().queryByText("vmnic3")).not.toBeInTheDocument();
    expect(standby().getByText("vmnic3")).toBeInTheDocument();

    // Down from the end of Active moves into Standby, ahead of vmnic3 (the vSphere Client's arrows).
    // Each button's words are its tooltip too, not only its name for assistive technology.
    expect(dialog().getByRole("button", { name: "Move vmnic2 down" })).toHaveAttribute("title", "Move vmnic2 down");
    expect(dialog().getByRole("button", { name: "Remove vmnic2" })).toHaveAttribute("title", "Remove vmnic2");
    await user.click(dialog().getByRole("button", { name: "Move vmnic2 down" }));
    expect(active().queryByText("vmnic2")).not.toBeInTheDocument();
    await waitFor(() => expect(readDraft()!.values.newSwitch).toEqual({ active: [], standby: ["vmnic2", "vmnic3"], unused: [] }));
    await user.click(dialog().getByRole("button", { name: "Move vmnic3 up" }));
    await waitFor(() => expect(readDraft()!.values.newSwitch).toEqual({ active: [], standby: ["vmnic3", "vmnic2"], unused: [] }));
    await clickNext(user);
    await expectPage("Port properties");
  });

  it("refuses an adapter in two lists, or one the host already uses", async () => {
    wizardApi();
    seedDraft(
      { targetDevice: { kind: "newStandardSwitch", mtu: "1500" }, newSwitch: { active: ["vmnic2"], standby: ["vmnic2"], unused: [] } },
      ["create-standard-switch"],
    );
    await openPage("create-standard-switch");
    expect(await dialog().findByText("A physical adapter can be in only one of Active, Standby and Unused.")).toBeInTheDocument();
    await waitNextDisabled();
  });

  it("refuses a physical adapter that is not free", async () => {
    wizardApi();
    seedDraft({ targetDevice: { kind: "newStandardSwitch", mtu: "1500" }, newSwitch: { active: ["vmnic0"], standby: [], unused: [] } }, [
      "create-standard-switch",
    ]);
    await openPage("create-standard-switch");
    expect(await dialog().findByText("vmnic0 is already used by vSwitch0.")).toBeInTheDocument();
    await waitNextDisabled();
  });
});
