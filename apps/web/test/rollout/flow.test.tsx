import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { ADMIN } from "../fixtures.ts";
import { renderApp } from "../render.tsx";
import { clickNext, dialog, expectPage, pickSwitch, steps } from "../wizard/helpers.tsx";
import { rolloutApi, rolloutUrl, seedRollout, SHARED_PAGES, STATIC_ON_VSWITCH0 } from "./helpers.ts";

/** esx-03 (host-16) lacks Host.Config.Network: its preflight refuses it. */
const refuseEsx03 = (hostId: string) =>
  hostId === "host-16"
    ? {
        errors: [
          {
            path: "",
            code: "privilege.missing" as const,
            message: "Missing privilege Host.Config.Network on esx-03.lab.local",
            params: { privilege: "Host.Config.Network", entity: "esx-03.lab.local" },
          },
        ],
        missingPrivilege: { privilege: "Host.Config.Network", entity: { type: "HostSystem", id: "host-16" } },
      }
    : {};

describe("Add Networking for many hosts", () => {
  it("from a cluster's hosts to a started rollout: the vMotion stack on vSwitch0, addresses from a range, each host's stack gateway", async () => {
    const api = rolloutApi(refuseEsx03);
    const { user, router } = renderApp("/");
    await user.click(await screen.findByRole("checkbox", { name: "Select every host of Cluster-Prod" }));
    expect(await screen.findByText("4 hosts selected")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Add Networking (4 hosts)" }));

    await expectPage("Select connection type");
    // A rollout adds VMkernel adapters only.
    expect(
      dialog()
        .getAllByRole("radio")
        .map((r) => r.getAttribute("value")),
    ).toEqual(["vmkernel"]);
    const runId = router.state.location.pathname.split("/")[2]!;
    expect(router.state.location.pathname).toBe(`/add-networking/${runId}/connection-type`);
    expect(JSON.parse(sessionStorage.getItem(`addnet.rollout.${runId}`)!).hosts.map((h: { name: string }) => h.name)).toEqual([
      "esx-01.lab.local",
      "esx-02.lab.local",
      "esx-03.lab.local",
      "esx-04.lab.local",
    ]);
    await clickNext(user);

    await expectPage("Select target device");
    await user.click(dialog().getByRole("radio", { name: "Select an existing standard switch" }));
    await pickSwitch(user);
    await clickNext(user);

    await expectPage("Port properties");
    await user.selectOptions(dialog().getByRole("combobox", { name: "TCP/IP stack" }), "vmotion");
    await clickNext(user);

    await expectPage("IPv4 settings");
    await user.click(dialog().getByRole("radio", { name: "Use static IPv4 settings" }));
    await user.type(dialog().getByRole("textbox", { name: "IPv4 address" }), "192.168.30.11");
    await user.type(dialog().getByRole("textbox", { name: "Subnet mask" }), "255.255.255.0");
    await clickNext(user);

    await expectPage("Per-host plan");
    expect(steps()).toEqual([
      "Select connection type",
      "Select target device",
      "Port properties",
      "IPv4 settings",
      "Per-host plan",
      "TCP/IP stack settings",
      "Check the hosts",
      "Ready to complete",
    ]);
    await user.click(dialog().getByRole("button", { name: "Fill IPv4 addresses" }));
    await waitFor(() => expect(dialog().getByRole("textbox", { name: "IPv4 address of esx-04.lab.local" })).toHaveValue("192.168.30.14"));
    await clickNext(user);

    await expectPage("TCP/IP stack settings");
    await user.type(dialog().getByRole("textbox", { name: "IPv4 gateway" }), "192.168.30.1");
    // One host's gateway of its own.
    const gw4 = dialog().getByRole("textbox", { name: "IPv4 gateway of esx-04.lab.local" });
    await user.clear(gw4);
    await user.type(gw4, "192.168.40.1");
    expect(
      await dialog().findByText("The default gateway must be in the subnet of one of this stack's VMkernel adapters."),
    ).toBeInTheDocument();
    await user.clear(gw4);
    await user.type(gw4, "192.168.30.254");
    await user.selectOptions(dialog().getByRole("combobox", { name: "Congestion control algorithm" }), "cubic");
    await clickNext(user);

    await expectPage("Check the hosts");
    expect(await dialog().findByText("3 hosts go ahead; 1 is held back.")).toBeInTheDocument();
    const table = within(dialog().getByRole("table", { name: "Check the hosts" }));
    const row = (host: string) => within(table.getByRole("rowheader", { name: host }).closest("tr")!);
    expect(row("esx-03.lab.local").getByText("Held back")).toBeInTheDocument();
    expect(row("esx-03.lab.local").getAllByText("Missing privilege Host.Config.Network on esx-03.lab.local")).toHaveLength(2);
    expect(row("esx-01.lab.local").getByText("OK")).toBeInTheDocument();
    expect(row("esx-01.lab.local").getByText("You may change this host")).toBeInTheDocument();
    await clickNext(user);

    await expectPage("Ready to complete");
    expect(await dialog().findByText("Hosts: 3 of 4 go ahead")).toBeInTheDocument();
    const before = api.calls.filter((c) => c.method !== "GET").map((c) => `${c.method} ${c.path}`);
    expect(new Set(before)).toEqual(new Set(["POST /api/v1/rollouts/preflight"]));
    await user.type(dialog().getByRole("textbox", { name: "Hosts changed at once" }), "2");
    await user.click(dialog().getByRole("button", { name: "Finish" }));

    await expectPage("Rollout started");
    const [create] = api.callsTo("POST", "/api/v1/rollouts");
    expect(create!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);
    expect(create!.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    const model = (address: string) => ({
      connectionType: "vmkernel",
      targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
      portProperties: {
        networkLabel: "VMkernel",
        vlanId: 0,
        ipSettings: "ipv4",
        mtu: { mode: "fromSwitch" },
        tcpipStack: "vmotion",
        services: ["vmotion"],
      },
      ipv4Settings: { mode: "static", address, subnetMask: "255.255.255.0", overrideGateway: false },
    });
    const netStack = (defaultGateway: string) => ({
      defaultGateway,
      congestionControlAlgorithm: "cubic",
      maxNumberOfConnections: 11000,
    });
    expect(create!.body).toEqual({
      hosts: [
        { hostId: "host-12", model: model("192.168.30.11"), netStack: netStack("192.168.30.1") },
        { hostId: "host-14", model: model("192.168.30.12"), netStack: netStack("192.168.30.1") },
        { hostId: "host-18", model: model("192.168.30.14"), netStack: netStack("192.168.30.254") },
      ],
      concurrency: 2,
    });
    expect(dialog().getByText("rollout-42")).toBeInTheDocument();
    const states = within(dialog().getByRole("table", { name: "Each host's state" }));
    expect(
      states
        .getAllByRole("row")
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(["esx-01.lab.local" + "Waiting", "esx-02.lab.local" + "Waiting", "esx-04.lab.local" + "Waiting"]);
    await user.click(dialog().getAllByRole("button", { name: "Close" }).at(-1)!);
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(sessionStorage.getItem(`addnet.rollout.${runId}`)).toBeNull();
  });

  it("keeps every page's input across back, forward and a reload, one URL per page", async () => {
    rolloutApi();
    seedRollout(STATIC_ON_VSWITCH0, SHARED_PAGES, { rows: { "host-14": { ipv4Address: "192.168.30.12" } } });
    const first = renderApp(rolloutUrl("host-plan"));
    await expectPage("Per-host plan");
    const esx03 = dialog().getByRole("textbox", { name: "IPv4 address of esx-03.lab.local" });
    await first.user.type(esx03, "192.168.30.13");
    await first.router.navigate(-1);
    await first.router.navigate(1);
    first.unmount();

    const again = renderApp(rolloutUrl("ipv4-settings"));
    await expectPage("IPv4 settings");
    expect(dialog().getByRole("textbox", { name: "IPv4 address" })).toHaveValue("192.168.30.11");
    await clickNext(again.user);
    await expectPage("Per-host plan");
    expect(again.router.state.location.pathname).toBe(rolloutUrl("host-plan"));
    expect(dialog().getByRole("textbox", { name: "IPv4 address of esx-02.lab.local" })).toHaveValue("192.168.30.12");
    expect(dialog().getByRole("textbox", { name: "IPv4 address of esx-03.lab.local" })).toHaveValue("192.168.30.13");
    // A page past the first one that holds the run back leads to it (esx-04 has no address yet).
    again.unmount();
    renderApp(rolloutUrl("ready-to-complete"));
    await expectPage("Per-host plan");
  });
});
