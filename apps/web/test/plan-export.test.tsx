/**
 * Ready to complete's Export as code: the plan as each tool's text for the host on screen (the session's vCenter, the
 * host's next vmkN), the gaps said in the user's language, Copy and Download; and the panel for several hosts with
 * their stacks' settings, as the many-host wizard uses it.
 */
import { exportPlan, resolveExportHost, type VmkernelAdapterModel } from "@addnet/contracts";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { AppProvider } from "../src/app/provider.tsx";
import { PlanExport } from "../src/features/plan-export/components/plan-export.tsx";
import { createSessionStore } from "../src/lib/auth.ts";
import { createI18n } from "../src/lib/i18n.ts";
import { ADMIN, networking } from "./fixtures.ts";
import { defaultApi } from "./render.tsx";
import { dialog, openPage, seedDraft, wizardApi } from "./wizard/helpers.tsx";

/** vMotion on the distributed port group DPG-vMotion, IPv4 and IPv6: what the draft below makes. */
const model: VmkernelAdapterModel = {
  connectionType: "vmkernel",
  targetDevice: { kind: "existingNetwork", portgroupKey: "dvportgroup-23" },
  portProperties: { ipSettings: "ipv4ipv6", mtu: { mode: "custom", value: 9000 }, tcpipStack: "vmotion", services: ["vmotion"] },
  ipv4Settings: { mode: "static", address: "192.168.30.21", subnetMask: "255.255.255.0", overrideGateway: false },
  ipv6Settings: {
    dhcpV6: false,
    routerAdvertisement: true,
    staticAddresses: [{ address: "2001:db8:30::21", prefixLength: 64 }],
    overrideGateway: false,
  },
};

function seedVmotionRun() {
  seedDraft({
    targetDevice: { kind: "existingNetwork", portgroupKey: "dvportgroup-23" },
    portProperties: { tcpipStack: "vmotion", services: ["vmotion"], ipSettings: "ipv4ipv6", mtu: { mode: "custom", value: "9000" } },
    ipv4: { mode: "static", address: "192.168.30.21", subnetMask: "255.255.255.0", overrideGateway: false },
    ipv6: { dhcpV6: false, routerAdvertisement: true, staticAddresses: [{ address: "2001:db8:30::21", prefixLength: "64" }] },
  });
}

/** What each tool's export is for esx-01 (vmk0 only: the adapter will be vmk1) on the session's vCenter. */
const expected = (format: "powercli" | "ansible" | "terraform" | "govc") =>
  exportPlan(format, { vcenter: ADMIN.server, datacenter: null, hosts: [resolveExportHost(networking(), model)] });

// The generators load on demand: transform their module once, before the tests wait for it on screen.
beforeAll(async () => {
  await import("../src/features/plan-export/model/export-code.ts");
});

const codeBox = () => dialog().findByRole("textbox", { name: /^Code \(/ });

describe("Export as code on Ready to complete", () => {
  it("shows each tool's text for the host's plan, on the session's vCenter", async () => {
    wizardApi();
    seedVmotionRun();
    const { user } = await openPage("ready-to-complete");
    await user.click(await dialog().findByRole("button", { name: "Show the code" }));

    const formats = [
      ["PowerCLI script", "powercli", "Connect-VIServer -Server 'vcsa.lab.local' -Port 443"],
      ["Ansible playbook", "ansible", "community.vmware.vmware_vmkernel:"],
      ["Terraform configuration", "terraform", 'variable "datacenter"'],
      ["govc script", "govc", "govc "],
    ] as const;
    for (const [tab, format, words] of formats) {
      await user.click(await dialog().findByRole("tab", { name: tab }));
      const panel = dialog().getByRole("tabpanel", { name: tab });
      const box = within(panel).getByRole("textbox", { name: `Code (${expected(format).fileName})` });
      expect(box).toHaveAttribute("readonly");
      expect((box as HTMLTextAreaElement).value).toBe(expected(format).text);
      expect((box as HTMLTextAreaElement).value).toContain(words);
      // The adapter as the host will name it, on the distributed port group by its name and switch.
      expect((box as HTMLTextAreaElement).value).toMatch(/vmk1|DPG-vMotion/);
    }
    expect(expected("powercli").text).toContain("-PortGroup 'DPG-vMotion'");
  });

  it("lists what a tool cannot express, in the user's language", async () => {
    wizardApi();
    seedVmotionRun();
    const { user } = await openPage("ready-to-complete", { language: "ja" });
    await user.click(await dialog().findByRole("button", { name: "コードを表示" }));
    await user.click(await dialog().findByRole("tab", { name: "Ansible プレイブック" }));
    const panel = dialog().getByRole("tabpanel", { name: "Ansible プレイブック" });
    // vmware_vmkernel has no IPv6 options: the playbook says so, and the page names the field for the host.
    const gaps = expected("ansible").gaps;
    expect(gaps.map((g) => g.field)).toContain("ipv6Settings");
    expect(within(panel).getByText(/^Ansible では次の設定 \(\d+\) を表現できません/)).toBeInTheDocument();
    expect(within(panel).getByText("esx-01.lab.local: IPv6 設定")).toBeInTheDocument();
    expect(within(panel).getAllByRole("listitem")).toHaveLength(gaps.length);
    await user.click(dialog().getByRole("tab", { name: "PowerCLI スクリプト" }));
    expect(
      within(dialog().getByRole("tabpanel", { name: "PowerCLI スクリプト" })).getByText("PowerCLI は計画のすべての設定を表現できます。"),
    );
  });

  it("copies the text and downloads it with the export's file name and media type", async () => {
    wizardApi();
    seedVmotionRun();
    const { user } = await openPage("ready-to-complete");
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText } });
    const blobs: Blob[] = [];
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), "blob:export"), revokeObjectURL: () => {} }));
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    try {
      await user.click(await dialog().findByRole("button", { name: "Show the code" }));
      await user.click(await dialog().findByRole("tab", { name: "Ansible playbook" }));
      const panel = dialog().getByRole("tabpanel", { name: "Ansible playbook" });
      await codeBox();
      await user.click(within(panel).getByRole("button", { name: "Copy" }));
      expect(writeText).toHaveBeenCalledWith(expected("ansible").text);
      expect(await within(panel).findByText("Copied to the clipboard.")).toHaveAttribute("role", "status");

      await user.click(within(panel).getByRole("button", { name: "Download addnet-vmkernel.yml" }));
      expect(clicked.map((a) => a.download)).toEqual(["addnet-vmkernel.yml"]);
      expect(blobs[0]!.type).toBe("application/yaml");
      expect(await blobs[0]!.text()).toBe(expected("ansible").text);
    } finally {
      click.mockRestore();
    }
  });
});

describe("the export panel for several hosts", () => {
  it("puts each host's plan and its stack's settings in one text, resolved on each host", async () => {
    defaultApi();
    const esx05 = networking({ index: 5 });
    const esx06 = networking({ index: 6, ipv6Enabled: false, vmotionStackAdapter: true });
    const onNewSwitch: VmkernelAdapterModel = {
      connectionType: "vmkernel",
      targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
      newSwitchUplinks: { active: ["vmnic2"], standby: [], unused: [] },
      portProperties: {
        networkLabel: "vMotion",
        vlanId: 30,
        ipSettings: "ipv4",
        mtu: { mode: "fromSwitch" },
        tcpipStack: "vmotion",
        services: ["vmotion"],
      },
      ipv4Settings: { mode: "static", address: "192.168.30.15", subnetMask: "255.255.255.0", overrideGateway: false },
    };
    const second: VmkernelAdapterModel = {
      ...onNewSwitch,
      ipv4Settings: { mode: "static", address: "192.168.30.16", subnetMask: "255.255.255.0", overrideGateway: false },
    };
    const netStack = { defaultGateway: "192.168.30.1", congestionControlAlgorithm: "cubic" as const };
    const user = userEvent.setup({ delay: null });
    render(
      <AppProvider i18n={createI18n("en")} session={createSessionStore()}>
        <PlanExport
          datacenter="Datacenter"
          hosts={[
            { net: esx05, model: onNewSwitch, netStack },
            { net: esx06, model: second, netStack },
          ]}
        />
      </AppProvider>,
    );
    await user.click(await screen.findByRole("tab", { name: "Ansible playbook" }));
    const text = (screen.getByRole("textbox", { name: "Code (addnet-vmkernel.yml)" }) as HTMLTextAreaElement).value;
    expect(text).toContain("# Add Networking: VMkernel adapters on 2 hosts");
    // esx-06 already has vmk1 (on the vMotion stack): its adapter will be vmk2.
    expect(text).toContain("esx-05.lab.local: VMkernel adapter vmk1 on vMotion");
    expect(text).toContain("esx-06.lab.local: VMkernel adapter vmk2 on vMotion");
    expect(text.match(/community\.vmware\.vmware_host_tcpip_stacks:/g)).toHaveLength(2);
    await user.click(screen.getByRole("tab", { name: "Terraform configuration" }));
    const tf = screen.getByRole("tabpanel", { name: "Terraform configuration" });
    expect((within(tf).getByRole("textbox") as HTMLTextAreaElement).value).toContain('name = "Datacenter"');
    // The provider has no resource for a stack's settings: said for each host.
    expect(within(tf).getByText("esx-05.lab.local: TCP/IP stack settings")).toBeInTheDocument();
    expect(within(tf).getByText("esx-06.lab.local: TCP/IP stack settings")).toBeInTheDocument();
  });
});
