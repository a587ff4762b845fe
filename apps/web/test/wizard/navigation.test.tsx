import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderApp } from "../render.tsx";
import {
  clickNext,
  dialog,
  expectPage,
  HOST,
  openPage,
  onVSwitch0,
  readDraft,
  seedDraft,
  waitNextDisabled,
  wizardApi,
  wizardUrl,
} from "./helpers.tsx";

describe("wizard navigation", () => {
  it("Next stays disabled until the page is valid", async () => {
    wizardApi();
    seedDraft(onVSwitch0);
    const { user } = await openPage("port-properties");
    const label = await dialog().findByLabelText("Network label");
    await user.clear(label);
    await waitNextDisabled();
    await user.type(label, "vMotion-A");
    await clickNext(user);
    await expectPage("IPv4 settings");
  });

  it("Back keeps what was typed", async () => {
    wizardApi();
    seedDraft(onVSwitch0);
    const { user } = await openPage("port-properties");
    const label = await dialog().findByLabelText("Network label");
    await user.clear(label);
    await user.type(label, "Storage-A");
    const vlan = dialog().getByLabelText("VLAN ID");
    await user.clear(vlan);
    await user.type(vlan, "50");
    await user.click(dialog().getByRole("radio", { name: "Custom" }));
    await clickNext(user);
    await expectPage("IPv4 settings");
    await user.click(dialog().getByRole("radio", { name: "Use static IPv4 settings" }));
    await user.type(dialog().getByLabelText("IPv4 address"), "192.168.50.1");
    await user.click(dialog().getByRole("button", { name: "Back" }));
    await expectPage("Port properties");
    expect(dialog().getByLabelText("Network label")).toHaveValue("Storage-A");
    expect(dialog().getByLabelText("VLAN ID")).toHaveValue("50");
    expect(dialog().getByRole("radio", { name: "Custom" })).toBeChecked();
    await clickNext(user).catch(() => undefined);
    await expectPage("IPv4 settings");
    expect(dialog().getByLabelText("IPv4 address")).toHaveValue("192.168.50.1");
  });

  it("Back is disabled on the first page", async () => {
    wizardApi();
    await openPage("connection-type");
    expect(await dialog().findByRole("button", { name: "Back" })).toBeDisabled();
  });

  it("Cancel asks before discarding the draft", async () => {
    wizardApi();
    seedDraft(onVSwitch0);
    const { user, router } = await openPage("port-properties");
    const label = await dialog().findByLabelText("Network label");
    await user.clear(label);
    await user.type(label, "Keep-me");
    await user.click(dialog().getByRole("button", { name: "Cancel" }));
    let confirm = within(await screen.findByRole("alertdialog", { name: "Cancel Add Networking?" }));
    expect(confirm.getByText("The settings you entered in this wizard will be discarded.")).toBeInTheDocument();
    expect(confirm.getByRole("button", { name: "Keep editing" })).toHaveFocus();
    await user.click(confirm.getByRole("button", { name: "Keep editing" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(dialog().getByLabelText("Network label")).toHaveValue("Keep-me");

    await user.keyboard("{Escape}");
    confirm = within(await screen.findByRole("alertdialog", { name: "Cancel Add Networking?" }));
    await user.click(confirm.getByRole("button", { name: "Discard" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/vmkernel-adapters`));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(readDraft()).toBeNull();
  });

  it("a reload keeps the draft, down to a half-typed value", async () => {
    wizardApi();
    seedDraft(onVSwitch0);
    const first = await openPage("port-properties");
    const vlan = await dialog().findByLabelText("VLAN ID");
    await first.user.clear(vlan);
    await first.user.type(vlan, "40");
    await first.user.type(dialog().getByLabelText("Network label"), "-half");
    const key = readDraft()!.idempotencyKey;
    first.unmount();

    renderApp(wizardUrl("port-properties"));
    await expectPage("Port properties");
    expect(dialog().getByLabelText("VLAN ID")).toHaveValue("40");
    expect(dialog().getByLabelText("Network label")).toHaveValue("VMkernel-half");
    expect(readDraft()!.idempotencyKey).toBe(key);
  });

  it("the browser's back and forward move between pages", async () => {
    wizardApi();
    const { user, router } = await openPage("connection-type");
    await clickNext(user);
    await expectPage("Select target device");
    await router.navigate(-1);
    await expectPage("Select connection type");
    await router.navigate(1);
    await expectPage("Select target device");
  });

  it("a page after an unfinished one cannot be opened by its URL", async () => {
    wizardApi();
    const { router } = renderApp(wizardUrl("ready-to-complete"));
    await expectPage("Select target device");
    expect(router.state.location.pathname).toBe(wizardUrl("target-device"));
  });

  it("the step list goes back to pages already done, not ahead", async () => {
    wizardApi();
    seedDraft(onVSwitch0);
    const { user } = await openPage("ipv4-settings");
    const steps = within(screen.getByRole("navigation", { name: "Wizard steps" }));
    expect(steps.getByText("IPv4 settings").closest("[aria-current]")).toHaveAttribute("aria-current", "step");
    await user.click(steps.getByRole("button", { name: /Select target device/ }));
    await expectPage("Select target device");
    expect(dialog().getByLabelText("Standard switch")).toHaveValue("vSwitch0");
  });

  it("Add Networking starts a new run with a new idempotency key", async () => {
    wizardApi();
    seedDraft({ ...onVSwitch0, portProperties: { networkLabel: "Old-run" } }, [], HOST, "old-key");
    const { user } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`);
    await user.click(await screen.findByRole("button", { name: "Add Networking" }));
    await expectPage("Select connection type");
    const draft = readDraft()!;
    expect(draft.idempotencyKey).not.toBe("old-key");
    expect(draft.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(draft.values.portProperties.networkLabel).toBe("VMkernel");
  });
});
