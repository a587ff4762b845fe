import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { loadRoutes } from "../src/app/router.tsx";
import { HELPDESK, networking, problem } from "./fixtures.ts";
import { json, problemResponse } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

const HOST = "host-12";
const view = (v: string) => `/hosts/${HOST}/networking/${v}`;

function rowOf(table: HTMLElement, header: string) {
  return within(within(table).getByRole("rowheader", { name: header }).closest("tr")!);
}

/** A diagram's list's own items, not those of the lists inside them. */
function topLevelItems(list: HTMLElement) {
  return within(list)
    .getAllByRole("listitem")
    .filter((li) => li.parentElement === list);
}

/** An adapter's line in a diagram: its device and speed, as a screen reader says them one after the other. */
const words = (li: HTMLElement) => [...li.children].map((c) => c.textContent).join(" ");

/** A port group's box in a diagram, by its name. */
function itemOf(list: HTMLElement, name: string) {
  return within(topLevelItems(list).find((li) => li.querySelector(".topology-name")?.textContent === name)!);
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

  it("the page the app opens on starts from the host's networking read before the first render, asked for once", async () => {
    const api = defaultApi();
    await loadRoutes(view("vmkernel-adapters"), Promise.resolve(true));
    await waitFor(() => expect(api.callsTo("GET", `/api/v1/hosts/${HOST}/networking`)).toHaveLength(1));
    renderApp(view("vmkernel-adapters"));
    expect(await screen.findByRole("table", { name: "VMkernel adapters" })).toBeInTheDocument();
    expect(api.callsTo("GET", `/api/v1/hosts/${HOST}/networking`)).toHaveLength(1);
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

  it("Virtual switches: a standard switch's diagram, its port groups with their VLAN and VMkernel ports, its active, standby and unused adapters", async () => {
    const net = networking({ customStack: true });
    Object.assign(net.vswitches[0]!, { uplinks: ["vmnic0", "vmnic2", "vmnic3"], standbyNics: ["vmnic2"] });
    for (const nic of net.physicalNics.filter((n) => ["vmnic2", "vmnic3"].includes(n.device))) {
      nic.usedBy = { kind: "standardSwitch", name: "vSwitch0" };
    }
    net.physicalNics.find((n) => n.device === "vmnic3")!.speedMb = null;
    defaultApi().on("GET", "/api/v1/hosts/host-12/networking", net);
    renderApp(view("virtual-switches"));
    const diagram = within(await screen.findByRole("figure", { name: "Topology of vSwitch0" }));
    const groups = diagram.getByRole("list", { name: "Port groups" });
    expect(topLevelItems(groups).map((li) => li.querySelector(".topology-name")!.textContent)).toEqual([
      "Management Network",
      "VM Network",
      "NFS",
    ]);
    const management = itemOf(groups, "Management Network");
    expect(management.getByText("VLAN ID: None (0)")).toBeInTheDocument();
    expect(within(management.getByRole("list", { name: "VMkernel Ports (1)" })).getByRole("listitem")).toHaveTextContent(
      "vmk0 : 10.10.0.11",
    );
    const nfs = itemOf(groups, "NFS");
    expect(nfs.getByText("VLAN ID: 60")).toBeInTheDocument();
    expect(nfs.getByText("vmk1 : 10.60.0.20")).toBeInTheDocument();
    expect(itemOf(groups, "VM Network").queryByRole("list")).not.toBeInTheDocument();

    const adapters = (name: string) => within(diagram.getByRole("list", { name })).getAllByRole("listitem").map(words);
    expect(diagram.getByText("Physical Adapters")).toBeInTheDocument();
    expect(adapters("Active adapters")).toEqual(["vmnic0 10000 Mbit/s"]);
    expect(adapters("Standby adapters")).toEqual(["vmnic2 10000 Mbit/s"]);
    expect(adapters("Unused adapters")).toEqual(["vmnic3 Down"]);
    const card = within(screen.getByRole("heading", { name: "Standard Switch: vSwitch0" }).closest(".card")! as HTMLElement);
    expect(card.getByText("MTU (Bytes)").nextElementSibling).toHaveTextContent("1500");
    // The port groups' actions stay in the table; the diagram has none.
    expect(diagram.queryByRole("button")).not.toBeInTheDocument();
    expect(
      rowOf(screen.getByRole("table", { name: "Port groups of vSwitch0" }), "NFS").getByRole("cell", { name: "60" }),
    ).toBeInTheDocument();
  });

  it("Virtual switches: the distributed switch the host is on, its port groups with the host's VMkernel adapters, and the host's adapters it uses", async () => {
    defaultApi().on("GET", "/api/v1/hosts/host-12/networking", networking({ vmotionStackAdapter: true }));
    renderApp(view("virtual-switches"));
    const card = (await screen.findByRole("heading", { name: "Distributed Switch: DSwitch-Lab", level: 3 })).closest(
      ".card",
    )! as HTMLElement;
    const diagram = within(within(card).getByRole("figure", { name: "Topology of DSwitch-Lab" }));
    const groups = diagram.getByRole("list", { name: "Port groups" });
    expect(topLevelItems(groups).map((li) => li.querySelector(".topology-name")!.textContent)).toEqual([
      "DPG-vMotion",
      "DPG-Provisioning",
      "DPG-Storage",
    ]);
    const vmotion = itemOf(groups, "DPG-vMotion");
    expect(vmotion.getByText("VLAN ID: 30")).toBeInTheDocument();
    expect(within(vmotion.getByRole("list", { name: "VMkernel Ports (1)" })).getByRole("listitem")).toHaveTextContent(
      "vmk1 : 192.168.30.11",
    );
    expect(itemOf(groups, "DPG-Storage").getByText("VLAN ID: 50")).toBeInTheDocument();
    expect(itemOf(groups, "DPG-Storage").queryByText(/vmk/)).not.toBeInTheDocument();
    // vmnic1 is DSwitch-Lab's; vmnic0 is vSwitch0's, vmnic2 and vmnic3 are free.
    const uplinks = diagram.getByRole("list", { name: "Physical Adapters" });
    expect(within(uplinks).getAllByRole("listitem").map(words)).toEqual(["vmnic1 10000 Mbit/s"]);
    expect(within(card).getByText("MTU (Bytes)").nextElementSibling).toHaveTextContent("9000");
    expect(within(card).queryByRole("button")).not.toBeInTheDocument();
    // vmk1 is on the distributed switch, not on vSwitch0.
    const standard = within(screen.getByRole("figure", { name: "Topology of vSwitch0" }));
    expect(standard.queryByText(/vmk1/)).not.toBeInTheDocument();
    expect(standard.getByText("vmk0 : 10.10.0.11")).toBeInTheDocument();
  });

  it("Virtual switches in Japanese: 標準スイッチ and 分散スイッチ, each with its diagram", async () => {
    defaultApi();
    renderApp(view("virtual-switches"), { language: "ja" });
    expect(await screen.findByRole("heading", { name: "標準スイッチ: vSwitch0", level: 3 })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "分散スイッチ: DSwitch-Lab", level: 3 })).toBeInTheDocument();
    const diagram = within(screen.getByRole("figure", { name: "vSwitch0 のトポロジ" }));
    expect(
      itemOf(diagram.getByRole("list", { name: "ポート グループ" }), "Management Network").getByText("VLAN ID: なし (0)"),
    ).toBeInTheDocument();
    expect(diagram.getByRole("list", { name: "VMkernel ポート (1)" })).toBeInTheDocument();
    expect(diagram.getByRole("list", { name: "アクティブ アダプタ" })).toHaveTextContent("vmnic0");
    expect(
      within(screen.getByRole("figure", { name: "DSwitch-Lab のトポロジ" })).getByRole("list", { name: "物理アダプタ" }),
    ).toHaveTextContent("vmnic1");
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
