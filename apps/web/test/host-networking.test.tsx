import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { HELPDESK, networking, problem } from "./fixtures.ts";
import { json, problemResponse } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

const HOST = "host-12";
const view = (v: string) => `/hosts/${HOST}/networking/${v}`;

function rowOf(table: HTMLElement, header: string) {
  return within(within(table).getByRole("rowheader", { name: header }).closest("tr")!);
}

describe("Configure → Networking", () => {
  it("VMkernel adapters: device, network label, switch, IP address, TCP/IP stack and enabled services", async () => {
    defaultApi();
    renderApp(view("vmkernel-adapters"));
    const table = await screen.findByRole("table", { name: "VMkernel adapters" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Select", "Device", "Network Label", "Switch", "IP Address", "TCP/IP Stack", "Enabled Services"]);
    const vmk0 = rowOf(table, "vmk0");
    for (const text of ["Management Network", "vSwitch0", "10.10.0.11", "Default", "Management, vMotion"])
      expect(vmk0.getByText(text)).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "esx-01.lab.local", level: 1 })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "VMkernel adapters" })).toHaveClass("active");
  });

  it("Virtual switches and Physical adapters", async () => {
    defaultApi();
    const { user } = renderApp(view("virtual-switches"));
    expect(await screen.findByRole("heading", { name: "Standard Switch: vSwitch0" })).toBeInTheDocument();
    const groups = screen.getByRole("table", { name: "Port groups of vSwitch0" });
    expect(rowOf(groups, "Management Network").getByText("vmk0")).toBeInTheDocument();
    await user.click(screen.getByRole("link", { name: "Physical adapters" }));
    const nics = await screen.findByRole("table", { name: "Physical adapters" });
    expect(rowOf(nics, "vmnic1").getByText("DSwitch-Lab")).toBeInTheDocument();
    expect(rowOf(nics, "vmnic2").getByText("Not in use")).toBeInTheDocument();
    expect(rowOf(nics, "vmnic0").getByText("10000 Mbit/s")).toBeInTheDocument();
  });

  it("TCP/IP configuration: each stack's gateway, DNS, congestion control and connections; an inactive stack says why it cannot be edited", async () => {
    defaultApi();
    renderApp(view("tcpip-configuration"));
    const table = await screen.findByRole("table", { name: "TCP/IP configuration" });
    const def = rowOf(table, "Default");
    for (const text of ["10.10.0.1", "10.10.0.2, 10.10.0.3", "New Reno", "11000", "vmk0"]) expect(def.getByText(text)).toBeInTheDocument();
    expect(def.getByRole("button", { name: "Edit the Default TCP/IP stack" })).toBeEnabled();
    const vmotion = rowOf(table, "vMotion");
    expect(vmotion.getByRole("button", { name: "Edit the vMotion TCP/IP stack" })).toBeDisabled();
    expect(
      vmotion.getByText(
        "The vMotion TCP/IP stack on esx-01.lab.local becomes configurable once a VMkernel adapter uses it: add one with Add Networking first.",
      ),
    ).toBeInTheDocument();
  });

  it("shows vCenter's error when the host cannot be read", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/hosts/host-12/networking", () => problemResponse(problem(404, "NOT_FOUND")));
    renderApp(view("vmkernel-adapters"));
    expect(await screen.findByRole("alert")).toHaveTextContent("The object no longer exists in vCenter Server. Refresh and try again.");
  });
});

describe("Edit TCP/IP Stack Configuration", () => {
  async function openEditor(key: string, opts: Parameters<typeof networking>[0] = {}) {
    const api = defaultApi();
    api.on("GET", "/api/v1/hosts/host-12/networking", networking(opts));
    api.on("PATCH", new RegExp(`/netstacks/${key}$`), (call) =>
      json(200, { ...networking(opts).tcpipStacks.find((s) => s.key === key)!, ...(call.body as object) }),
    );
    const r = renderApp(view("tcpip-configuration"));
    const table = await screen.findByRole("table", { name: "TCP/IP configuration" });
    const name = { defaultTcpipStack: "Default", vmotion: "vMotion", vSphereProvisioning: "Provisioning" }[key] ?? key;
    await r.user.click(within(table).getByRole("button", { name: `Edit the ${name} TCP/IP stack` }));
    const dialog = within(await screen.findByRole("dialog", { name: `Edit TCP/IP Stack Configuration – ${name}` }));
    return { ...r, api, dialog };
  }

  it("default stack: DNS configuration, Routing and Advanced; only what changed is sent", async () => {
    const { user, api, dialog, router } = await openEditor("defaultTcpipStack");
    expect(dialog.getByRole("tab", { name: "DNS configuration" })).toHaveAttribute("aria-selected", "true");
    expect(dialog.getByRole("radio", { name: "Enter settings manually" })).toBeChecked();
    expect(dialog.getByLabelText("Host name")).toHaveValue("esx-01");
    const alternate = dialog.getByLabelText("Alternate DNS server");
    await user.clear(alternate);
    await user.type(alternate, "10.10.0.4");
    await user.click(dialog.getByRole("tab", { name: "Routing" }));
    expect(dialog.getByText("Removing the default gateway might cause the client to lose connectivity with the host.")).toBeInTheDocument();
    const gateway = dialog.getByLabelText("IPv4 gateway");
    await user.clear(gateway);
    await user.type(gateway, "10.20.0.1");
    await user.click(dialog.getByRole("button", { name: "OK" }));
    expect(
      await dialog.findByText("The default gateway must be in the subnet of one of this stack's VMkernel adapters."),
    ).toBeInTheDocument();
    expect(api.callsTo("PATCH", /netstacks/)).toHaveLength(0);
    await user.clear(gateway);
    await user.type(gateway, "10.10.0.254");
    await user.click(dialog.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(router.state.location.pathname).toBe(view("tcpip-configuration")));
    const [patch] = api.callsTo("PATCH", "/api/v1/hosts/host-12/netstacks/defaultTcpipStack");
    expect(patch!.body).toEqual({
      dnsConfiguration: {
        mode: "manual",
        hostName: "esx-01",
        domainName: "lab.local",
        preferredDnsServer: "10.10.0.2",
        alternateDnsServer: "10.10.0.4",
        searchDomains: ["lab.local"],
      },
      defaultGateway: "10.10.0.254",
    });
  });

  it("refuses a gateway that is the subnet's network or broadcast address, or a reserved one, as the server does", async () => {
    const { user, api, dialog } = await openEditor("defaultTcpipStack");
    await user.click(dialog.getByRole("tab", { name: "Routing" }));
    const gateway = dialog.getByLabelText("IPv4 gateway");
    for (const [address, text] of [
      ["10.10.0.0", "The default gateway cannot be the network or broadcast address of the subnet."],
      ["10.10.0.255", "The default gateway cannot be the network or broadcast address of the subnet."],
      ["127.0.0.1", "Loopback, multicast, link-local and other reserved addresses cannot be a default gateway."],
    ]) {
      await user.clear(gateway);
      await user.type(gateway, address!);
      await user.click(dialog.getByRole("button", { name: "OK" }));
      expect(await dialog.findByText(text!), address).toBeInTheDocument();
    }
    expect(api.callsTo("PATCH", /netstacks/)).toHaveLength(0);
  });

  it("a DNS host name is letters, digits and hyphens", async () => {
    const { user, dialog } = await openEditor("defaultTcpipStack");
    const host = dialog.getByLabelText("Host name");
    await user.clear(host);
    await user.type(host, "esx-01.lab");
    await user.click(dialog.getByRole("button", { name: "OK" }));
    expect(await dialog.findByText("A host name has letters, digits and hyphens, and no dots.")).toBeInTheDocument();
  });

  it("OK without a change says so and sends nothing", async () => {
    const { user, api, dialog } = await openEditor("defaultTcpipStack");
    await user.click(dialog.getByRole("button", { name: "OK" }));
    expect(await dialog.findByText("Change at least one setting.")).toBeInTheDocument();
    expect(api.callsTo("PATCH", /netstacks/)).toHaveLength(0);
  });

  it("vMotion stack: its own DNS, Routing and Advanced are all editable (the seed's next task)", async () => {
    const { user, api, dialog } = await openEditor("vmotion", { vmotionStackAdapter: true });
    await user.click(dialog.getByRole("radio", { name: "Enter settings manually" }));
    const host = dialog.getByLabelText("Host name");
    await user.clear(host);
    await user.type(host, "esx-01-vmotion");
    await user.type(dialog.getByLabelText("Preferred DNS server"), "192.168.30.2");
    await user.click(dialog.getByRole("tab", { name: "Routing" }));
    await user.type(dialog.getByLabelText("IPv4 gateway"), "192.168.30.1");
    await user.click(dialog.getByRole("tab", { name: "Advanced" }));
    await user.selectOptions(dialog.getByLabelText("Congestion control algorithm"), "CUBIC");
    const max = dialog.getByLabelText("Max. number of connections");
    await user.clear(max);
    await user.type(max, "20000");
    await user.click(dialog.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(api.callsTo("PATCH", /netstacks\/vmotion$/)).toHaveLength(1));
    expect(api.callsTo("PATCH", /netstacks\/vmotion$/)[0]!.body).toEqual({
      dnsConfiguration: expect.objectContaining({ mode: "manual", hostName: "esx-01-vmotion", preferredDnsServer: "192.168.30.2" }),
      defaultGateway: "192.168.30.1",
      congestionControlAlgorithm: "cubic",
      maxNumberOfConnections: 20000,
    });
  });

  it("a custom stack's dialog starts with its Name page, where it is renamed; a system stack's has none", async () => {
    const { user, api, dialog } = await openEditor("NFS", { customStack: true });
    const pages = () => dialog.getAllByRole("tab").map((tab) => tab.textContent);
    expect(pages()).toEqual(["Name", "DNS configuration", "Routing", "Advanced"]);
    expect(dialog.getByRole("tab", { name: "Name" })).toHaveAttribute("aria-selected", "true");
    const name = dialog.getByRole("textbox", { name: "Name" });
    expect(name).toHaveValue("NFS");
    await user.clear(name);
    await user.click(dialog.getByRole("button", { name: "OK" }));
    expect(await dialog.findByText("Enter a name for the TCP/IP stack.")).toBeVisible();
    await user.type(name, "NFS-A");
    await user.click(dialog.getByRole("button", { name: "OK" }));
    await waitFor(() => expect(api.callsTo("PATCH", /netstacks\/NFS$/)).toHaveLength(1));
    expect(api.callsTo("PATCH", /netstacks\/NFS$/)[0]!.body).toEqual({ name: "NFS-A" });

    const table = screen.getByRole("table", { name: "TCP/IP configuration" });
    await user.click(within(table).getByRole("button", { name: "Edit the Default TCP/IP stack" }));
    const system = within(await screen.findByRole("dialog", { name: "Edit TCP/IP Stack Configuration – Default" }));
    expect(system.getAllByRole("tab").map((tab) => tab.textContent)).toEqual(["DNS configuration", "Routing", "Advanced"]);
    expect(system.getByRole("tab", { name: "DNS configuration" })).toHaveAttribute("aria-selected", "true");
  });

  it("moves to the page with the error when OK finds one", async () => {
    const { user, dialog } = await openEditor("defaultTcpipStack");
    await user.click(dialog.getByRole("tab", { name: "Advanced" }));
    const max = dialog.getByLabelText("Max. number of connections");
    await user.clear(max);
    await user.type(max, "0");
    await user.click(dialog.getByRole("tab", { name: "DNS configuration" }));
    await user.click(dialog.getByRole("button", { name: "OK" }));
    expect(await dialog.findByText("The maximum number of connections must be from 1 to 1000000.")).toBeVisible();
    expect(dialog.getByRole("tab", { name: "Advanced" })).toHaveAttribute("aria-selected", "true");
  });

  it("an inactive stack's dialog says why it cannot be edited", async () => {
    defaultApi();
    renderApp(`/hosts/${HOST}/networking/tcpip-configuration/vSphereProvisioning/edit`);
    const dialog = within(await screen.findByRole("dialog", { name: "Edit TCP/IP Stack Configuration – Provisioning" }));
    expect(
      dialog.getByText(
        "The Provisioning TCP/IP stack on esx-01.lab.local becomes configurable once a VMkernel adapter uses it: add one with Add Networking first.",
      ),
    ).toBeInTheDocument();
    expect(dialog.getByRole("button", { name: "OK" })).toBeDisabled();
  });
});

describe("role-aware", () => {
  it("Add Networking and Edit are disabled on a host without Host.Config.Network, saying which privilege is missing on which object", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/session", HELPDESK);
    api.on(
      "GET",
      "/api/v1/hosts/host-14/networking",
      networking({ index: 2, hostConfigNetwork: false, hostConfigStorage: false, assignable: [] }),
    );
    const { user } = renderApp("/hosts/host-14/networking/vmkernel-adapters");
    const add = await screen.findByRole("button", { name: "Add Networking" });
    expect(add).toBeDisabled();
    expect(add).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-02.lab.local");
    expect(screen.getByText("Missing privilege Host.Config.Network on esx-02.lab.local")).toBeVisible();
    await user.click(screen.getByRole("link", { name: "TCP/IP configuration" }));
    const table = await screen.findByRole("table", { name: "TCP/IP configuration" });
    const edit = within(table).getByRole("button", { name: "Edit the Default TCP/IP stack" });
    expect(edit).toBeDisabled();
    expect(edit).toHaveAccessibleDescription("Missing privilege Host.Config.Network on esx-02.lab.local");
  });
});
