import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { ADMIN } from "../fixtures.ts";
import { renderApp } from "../render.tsx";
import { clickNext, dialog, expectPage, HOST, readDraft, wizardApi } from "./helpers.tsx";

describe("Add Networking: the whole run", () => {
  it("goes from Add Networking to the result, sending nothing but the preflight before Finish", async () => {
    const api = wizardApi();
    const { user, router } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`);
    await user.click(await screen.findByRole("button", { name: "Add Networking" }));
    await expectPage("Select connection type");
    expect(dialog().getByRole("radio", { name: "VMkernel Network Adapter" })).toBeChecked();
    await clickNext(user);

    await expectPage("Select target device");
    await user.click(dialog().getByRole("radio", { name: "Select an existing standard switch" }));
    await user.click(dialog().getByRole("button", { name: "Browse standard switches" }));
    const browse = within(await screen.findByRole("dialog", { name: "Select Switch" }));
    await user.click(browse.getByRole("radio", { name: "vSwitch0" }));
    await user.click(browse.getByRole("button", { name: "OK" }));
    await clickNext(user);

    await expectPage("Port properties");
    expect(dialog().getByLabelText("Network label")).toHaveValue("VMkernel");
    await clickNext(user);

    await expectPage("IPv4 settings");
    await clickNext(user);

    await expectPage("Ready to complete");
    expect(await screen.findByText("The host accepts these settings.")).toBeInTheDocument();
    const before = api.calls.filter((c) => c.method !== "GET").map((c) => `${c.method} ${c.path}`);
    expect(before).toEqual(["POST /api/v1/hosts/host-12/vmkernel-adapters/preflight"]);

    await user.click(dialog().getByRole("button", { name: "Finish" }));
    await expectPage("VMkernel adapter added");
    expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/vmkernel-adapters/add-networking/result`);
    const [create] = api.callsTo("POST", "/api/v1/hosts/host-12/vmkernel-adapters");
    expect(create!.headers["idempotency-key"]).toBe(readDraft()!.idempotencyKey);
    expect(create!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);
    expect(create!.body).toEqual({
      connectionType: "vmkernel",
      targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
      portProperties: {
        networkLabel: "VMkernel",
        vlanId: 0,
        ipSettings: "ipv4",
        mtu: { mode: "fromSwitch" },
        tcpipStack: "defaultTcpipStack",
        services: [],
      },
      ipv4Settings: { mode: "dhcp" },
    });
    await user.click(dialog().getAllByRole("button", { name: "Close" }).at(-1)!);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/vmkernel-adapters`));
    expect(readDraft()).toBeNull();
  });
});
