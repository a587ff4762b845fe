import { screen, waitFor, within } from "@testing-library/react";
import axe from "axe-core";
import { describe, expect, it } from "vitest";

import { addedUplinks, createdAdapter, hostSummary, hostsPage, networking, problem, removalImpact } from "./fixtures.ts";
import { json, MockApi, problemResponse } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";
import { dialog, expectPage, HOST, openPage, seedDraft, wizardApi } from "./wizard/helpers.tsx";

/** axe-core over the whole document; jsdom cannot compute colours, so contrast is left to the browser. */
async function seriousViolations(): Promise<string[]> {
  const results = await axe.run(document.body, { resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } });
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const fullRun = {
  targetDevice: { kind: "newStandardSwitch" as const, mtu: "9000" },
  newSwitch: { active: ["vmnic2"], standby: ["vmnic3"], unused: [] },
  portProperties: {
    networkLabel: "vMotion-A",
    vlanId: "30",
    ipSettings: "ipv4ipv6" as const,
    tcpipStack: "vmotion",
    services: ["vmotion"],
  },
  ipv4: {
    mode: "static" as const,
    address: "192.168.30.21",
    subnetMask: "255.255.255.0",
    overrideGateway: true,
    defaultGateway: "192.168.30.1",
  },
  ipv6: {
    dhcpV6: true,
    routerAdvertisement: false,
    staticAddresses: [{ address: "2001:db8:30::21", prefixLength: "64" }],
    overrideGateway: true,
    defaultGateway: "2001:db8:30::1",
  },
};

/** Physical adapters on vSwitch0: its vmnic0, and vmnic2 and vmnic3 added. */
const physicalAdapterRun = {
  connectionType: { connectionType: "physicalAdapter" as const },
  targetDevice: { kind: "existingStandardSwitch" as const, vswitchName: "vSwitch0" },
  switchUplinks: { vswitchName: "vSwitch0", active: ["vmnic0"], standby: ["vmnic2"], unused: ["vmnic3"] },
};

describe("accessibility (axe-core): no serious or critical violations", () => {
  it("the check itself catches a control without a name", async () => {
    const input = document.createElement("input");
    document.body.append(input);
    expect((await seriousViolations()).some((v) => v.startsWith("label "))).toBe(true);
    input.remove();
  });

  for (const [page, title] of [
    ["connection-type", "Select connection type"],
    ["target-device", "Select target device"],
    ["create-standard-switch", "Create a Standard Switch"],
    ["port-properties", "Port properties"],
    ["ipv4-settings", "IPv4 settings"],
    ["ipv6-settings", "IPv6 settings"],
  ] as const) {
    it(`wizard page: ${title}`, async () => {
      wizardApi();
      seedDraft(fullRun, [
        "connection-type",
        "target-device",
        "create-standard-switch",
        "port-properties",
        "ipv4-settings",
        "ipv6-settings",
      ]);
      await openPage(page);
      await expectPage(title);
      expect(await seriousViolations()).toEqual([]);
    });
  }

  it("wizard page: Ready to complete, with the preflight's answer", async () => {
    wizardApi();
    seedDraft(fullRun);
    await openPage("ready-to-complete");
    await dialog().findByText("The host accepts these settings.");
    expect(await seriousViolations()).toEqual([]);
  });

  it("wizard page: the result", async () => {
    wizardApi();
    seedDraft(fullRun);
    const stored = JSON.parse(sessionStorage.getItem(`addnet.wizard.${HOST}`)!);
    sessionStorage.setItem(
      `addnet.wizard.${HOST}`,
      JSON.stringify({
        ...stored,
        result: createdAdapter({
          tcpipStack: { key: "vmotion", active: true, hasDefaultGateway: false },
          lostServices: [{ device: "vmk0", nicType: "vmotion" }],
        }),
      }),
    );
    await openPage("result");
    await expectPage("VMkernel adapter added");
    expect(await seriousViolations()).toEqual([]);
  });

  for (const [page, title] of [
    ["add-physical-adapter", "Add physical network adapter to the switch"],
    ["result", "Physical adapters added"],
  ] as const) {
    it(`Physical Network Adapter: ${title}`, async () => {
      wizardApi();
      seedDraft(physicalAdapterRun, ["connection-type", "target-device", "add-physical-adapter"]);
      if (page === "result") {
        const stored = JSON.parse(sessionStorage.getItem(`addnet.wizard.${HOST}`)!);
        sessionStorage.setItem(`addnet.wizard.${HOST}`, JSON.stringify({ ...stored, result: addedUplinks() }));
      }
      await openPage(page);
      await expectPage(title);
      expect(await seriousViolations()).toEqual([]);
    });
  }

  it("the browse dialog and the cancel confirmation", async () => {
    wizardApi();
    seedDraft({ targetDevice: { kind: "existingNetwork" } });
    const { user } = await openPage("target-device");
    await user.click(await dialog().findByRole("button", { name: "Browse distributed port groups" }));
    await screen.findByRole("dialog", { name: "Select Network" });
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getAllByRole("button", { name: "Cancel" }).at(-1)!);
    await user.click(dialog().getByRole("button", { name: "Cancel" }));
    await screen.findByRole("alertdialog");
    expect(await seriousViolations()).toEqual([]);
  });

  it("sign-in page", async () => {
    new MockApi().on("GET", "/api/v1/session", () => problemResponse(problem(401, "NOT_SIGNED_IN"))).install();
    renderApp("/login");
    await screen.findByLabelText("User name");
    expect(await seriousViolations()).toEqual([]);
  });

  it("inventory", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/hosts", hostsPage([1, 2, 3, 4, 5, 7, 9].map((i) => hostSummary(i, { canConfigureNetwork: i > 4 }))));
    renderApp("/");
    await screen.findByRole("link", { name: "esx-01.lab.local" });
    expect(await seriousViolations()).toEqual([]);
  });

  it("VMkernel adapters view and the TCP/IP stack dialog", async () => {
    defaultApi();
    const { user } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`);
    await screen.findByRole("table", { name: "VMkernel adapters" });
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByRole("link", { name: "TCP/IP configuration" }));
    await user.click(await screen.findByRole("button", { name: "Edit the Default TCP/IP stack" }));
    await screen.findByRole("dialog", { name: /Edit TCP\/IP Stack Configuration/ });
    await waitFor(async () => expect(await seriousViolations()).toEqual([]));
  });

  it("Virtual switches view: the standard and distributed switches with their diagrams", async () => {
    const api = defaultApi();
    api.on("GET", `/api/v1/hosts/${HOST}/networking`, networking({ vmotionStackAdapter: true }));
    renderApp(`/hosts/${HOST}/networking/virtual-switches`);
    await screen.findByRole("figure", { name: "Topology of DSwitch-Lab" });
    expect(await seriousViolations()).toEqual([]);
  });

  it("a selected VMkernel adapter's details, and the Remove VMkernel Adapter dialog with its impact", async () => {
    const api = defaultApi();
    api.on("GET", `/api/v1/hosts/${HOST}/networking`, networking({ vmotionStackAdapter: true }));
    api.on("GET", `/api/v1/hosts/${HOST}/vmkernel-adapters/vmk1/impact`, () =>
      json(
        200,
        removalImpact("vmk1", "DPG-vMotion", {
          warnings: [
            {
              path: "device",
              code: "remove.lastService",
              message: "vmk1 is the only adapter with vmotion on esx-01.lab.local.",
              params: { host: "esx-01.lab.local", device: "vmk1", service: "vmotion" },
            },
          ],
        }),
      ),
    );
    const { user } = renderApp(`/hosts/${HOST}/networking/vmkernel-adapters`);
    await user.click(await screen.findByRole("radio", { name: "vmk1" }));
    await screen.findByRole("tab", { name: "Properties" });
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByRole("tab", { name: "IP settings" }));
    expect(await seriousViolations()).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Remove selected network adapter" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove VMkernel Adapter" });
    await within(dialog).findByText("Important impact");
    await waitFor(async () => expect(await seriousViolations()).toEqual([]));
  });
});
