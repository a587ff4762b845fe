import { screen, waitFor } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { renderApp } from "./render.tsx";
import { expectPage, HOST, onVSwitch0, seedDraft, wizardApi, wizardUrl } from "./wizard/helpers.tsx";

/** Tab until the control with this name has focus, as a keyboard user would. */
async function tabTo(user: UserEvent, name: string | RegExp) {
  for (let i = 0; i < 30; i++) {
    const el = document.activeElement as HTMLElement | null;
    const label =
      el?.getAttribute("aria-label") ??
      (el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el?.textContent ??
      "";
    if (typeof name === "string" ? label.trim() === name : name.test(label)) return el!;
    await user.tab();
  }
  throw new Error(`could not reach ${String(name)} with Tab`);
}

describe("keyboard only", () => {
  it("opens the wizard, picks a switch in the Browse dialog, moves on, and cancels, without a mouse", async () => {
    wizardApi();
    const { user } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`);
    (await screen.findByRole("button", { name: "Add Networking" })).focus();
    await user.keyboard("{Enter}");
    await expectPage("Select connection type");
    // The step list comes first: the wizard opens with focus on the current step.
    expect(screen.getByRole("button", { name: "1 Select connection type" })).toHaveFocus();

    await tabTo(user, "Next");
    await waitFor(() => expect(screen.getByRole("button", { name: "Next" })).toBeEnabled());
    await user.keyboard("{Enter}");
    await expectPage("Select target device");
    expect(screen.getByRole("heading", { name: "Select target device" })).toHaveFocus();

    await tabTo(user, "Select an existing network");
    await user.keyboard("{ArrowDown}");
    expect(screen.getByRole("radio", { name: "Select an existing standard switch" })).toBeChecked();
    await tabTo(user, "Browse standard switches");
    await user.keyboard("{Enter}");
    await screen.findByRole("dialog", { name: "Select Switch" });
    await tabTo(user, "vSwitch0");
    await user.keyboard(" ");
    await tabTo(user, "OK");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Select Switch" })).not.toBeInTheDocument());
    expect(screen.getByRole("button", { name: "Browse standard switches" })).toHaveFocus();

    await tabTo(user, "Next");
    await waitFor(() => expect(screen.getByRole("button", { name: "Next" })).toBeEnabled());
    await user.keyboard("{Enter}");
    await expectPage("Port properties");

    await user.keyboard("{Escape}");
    const confirm = await screen.findByRole("alertdialog", { name: "Cancel Add Networking?" });
    expect(screen.getByRole("button", { name: "Keep editing" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(confirm).not.toBeInTheDocument();
  });

  it("reaches the step list first when the wizard opens, then the close button, the page and its footer (Clarity's order)", async () => {
    wizardApi();
    seedDraft(onVSwitch0, ["connection-type", "target-device"]);
    const { user } = renderApp(wizardUrl("port-properties"));
    await expectPage("Port properties");
    const steps = screen.getByRole("navigation", { name: "Wizard steps" });
    const close = screen.getByRole("dialog", { name: "esx-01.lab.local - Add Networking" }).querySelector(".modal-header .close");
    const footer = document.querySelector(".wizard-footer")!;
    const region = (el: Element) => (steps.contains(el) ? "steps" : el === close ? "close" : footer.contains(el) ? "footer" : "page");
    // Focus starts on the current step, as the vSphere Client's step list comes first.
    const first = document.activeElement!;
    expect(first).toHaveAccessibleName("3 Port properties");
    expect(first).toHaveAttribute("aria-current", "step");
    const order = [region(first)];
    for (let i = 0; i < 40; i++) {
      await user.tab();
      if (document.activeElement === first) break;
      const r = region(document.activeElement!);
      if (r !== order.at(-1)) order.push(r);
    }
    expect(document.activeElement).toBe(first);
    // Round to the current step again: ×, the page, the footer, then the steps before it.
    expect(order).toEqual(["steps", "close", "page", "footer", "steps"]);
  });

  it("keeps focus inside an open dialog", async () => {
    wizardApi();
    const { user } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters/add-networking/connection-type`);
    await expectPage("Select connection type");
    const dialog = screen.getByRole("dialog", { name: "esx-01.lab.local - Add Networking" });
    for (let i = 0; i < 12; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    for (let i = 0; i < 12; i++) {
      await user.tab({ shift: true });
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });
});
