import { describe, expect, it } from "vitest";

import { dialog, expectPage, openPage, onVSwitch0, seedDraft, waitNextDisabled, waitNextEnabled, wizardApi } from "./helpers.tsx";

describe("IPv4 settings", () => {
  it("static settings need an address and a mask; an override gateway must be in the adapter's subnet", async () => {
    wizardApi();
    seedDraft(onVSwitch0);
    const { user } = await openPage("ipv4-settings");
    await expectPage("IPv4 settings");
    expect(dialog().getByRole("radio", { name: "Obtain IPv4 settings automatically" })).toBeChecked();
    expect(dialog().queryByLabelText("IPv4 address")).not.toBeInTheDocument();
    await waitNextEnabled();

    await user.click(dialog().getByRole("radio", { name: "Use static IPv4 settings" }));
    await waitNextDisabled();
    await user.type(dialog().getByLabelText("IPv4 address"), "192.168.10.11");
    await user.type(dialog().getByLabelText("Subnet mask"), "255.255.255.0");
    await waitNextEnabled();

    await user.click(dialog().getByRole("checkbox", { name: "Override default gateway for this adapter" }));
    await waitNextDisabled();
    const gateway = dialog().getByLabelText("Default gateway");
    await user.type(gateway, "192.168.20.1");
    expect(await dialog().findByText("The default gateway must be in the adapter's subnet.")).toBeInTheDocument();
    await waitNextDisabled();
    await user.clear(gateway);
    await user.type(gateway, "192.168.10.1");
    await waitNextEnabled();

    // Changing the address re-checks the gateway at once.
    const address = dialog().getByLabelText("IPv4 address");
    await user.clear(address);
    await user.type(address, "192.168.11.11");
    expect(await dialog().findByText("The default gateway must be in the adapter's subnet.")).toBeInTheDocument();
    await waitNextDisabled();
  });

  it("rejects malformed addresses and masks, network and broadcast addresses, and addresses in use", async () => {
    wizardApi();
    seedDraft({ ...onVSwitch0, ipv4: { mode: "static" } });
    const { user } = await openPage("ipv4-settings");
    const address = await dialog().findByLabelText("IPv4 address");
    const mask = dialog().getByLabelText("Subnet mask");
    await user.type(address, "300.1.1.1");
    expect(await dialog().findByText("Enter an IPv4 address such as 192.168.10.11.")).toBeInTheDocument();
    await user.type(mask, "255.0.255.0");
    expect(await dialog().findByText("Enter a subnet mask such as 255.255.255.0.")).toBeInTheDocument();
    await user.clear(mask);
    await user.type(mask, "255.255.255.0");
    await user.clear(address);
    await user.type(address, "192.168.10.255");
    expect(await dialog().findByText("This is the network or broadcast address of the subnet.")).toBeInTheDocument();
    await user.clear(address);
    await user.type(address, "10.10.0.11");
    expect(await dialog().findByText("10.10.0.11 is already used by esx-01.lab.local vmk0.")).toBeInTheDocument();
    await waitNextDisabled();
  });

  it("shows the stack's gateway and DNS servers read-only", async () => {
    wizardApi();
    seedDraft(onVSwitch0);
    await openPage("ipv4-settings");
    expect(await dialog().findByRole("group", { name: "Default gateway of the Default stack" })).toHaveTextContent("10.10.0.1");
    expect(dialog().getByRole("group", { name: "DNS server addresses of the Default stack" })).toHaveTextContent("10.10.0.2, 10.10.0.3");
    expect(dialog().queryByText(/must have a default gateway set explicitly on each host/)).not.toBeInTheDocument();
  });

  it("on the vMotion stack, reminds that each host needs the stack's gateway", async () => {
    wizardApi();
    seedDraft({ ...onVSwitch0, portProperties: { tcpipStack: "vmotion", services: ["vmotion"] } });
    await openPage("ipv4-settings");
    expect(await dialog().findByRole("group", { name: "Default gateway of the vMotion stack" })).toHaveTextContent("Not set");
    expect(dialog().getByText("Note: The selected netstack must have a default gateway set explicitly on each host.")).toBeInTheDocument();
  });
});

describe("IPv6 settings", () => {
  it("needs DHCPv6, router advertisement or at least one static address", async () => {
    wizardApi();
    seedDraft({ ...onVSwitch0, portProperties: { ipSettings: "ipv6" } });
    const { user } = await openPage("ipv6-settings");
    await expectPage("IPv6 settings");
    // Router advertisement is on by default, as its help text says (ESXi 6.5 and later).
    const ra = dialog().getByRole("checkbox", { name: "Obtain IPv6 addresses automatically through Router Advertisement" });
    expect(ra).toBeChecked();
    await waitNextEnabled();
    await user.click(ra);
    expect(await dialog().findByText("Choose DHCP, router advertisement or at least one static IPv6 address.")).toBeInTheDocument();
    await waitNextDisabled();

    await user.click(dialog().getByRole("button", { name: "Add IPv6 address" }));
    const address = dialog().getByLabelText("IPv6 address");
    const prefix = dialog().getByLabelText("Prefix length");
    expect(prefix).toHaveValue("64");
    // A new row waits for its address before saying anything about it.
    await waitNextDisabled();
    expect(address).not.toHaveAttribute("aria-invalid");
    expect(address).not.toHaveAccessibleDescription();
    await user.type(address, "2001:db8::zz");
    expect(await dialog().findByText("Enter an IPv6 address such as 2001:db8::11.")).toBeInTheDocument();
    await user.clear(address);
    await user.type(address, "2001:db8:30::11");
    await waitNextEnabled();
    await user.clear(prefix);
    await user.type(prefix, "abc");
    expect(await dialog().findByText("Enter the prefix length as a whole number, such as 64.")).toBeInTheDocument();
    await user.clear(prefix);
    await user.type(prefix, "129");
    expect(await dialog().findByText("The prefix length must be from 1 to 128.")).toBeInTheDocument();
    await waitNextDisabled();
    await user.clear(prefix);
    await user.type(prefix, "64");
    await waitNextEnabled();

    await user.click(dialog().getByRole("checkbox", { name: "Override default gateway for this adapter" }));
    await user.type(dialog().getByLabelText("IPv6 default gateway"), "192.168.1.1");
    expect(await dialog().findByText("Enter a valid default gateway.")).toBeInTheDocument();
    await waitNextDisabled();
    await user.click(dialog().getByRole("button", { name: "Remove static IPv6 address 1" }));
    await user.click(dialog().getByRole("checkbox", { name: "Override default gateway for this adapter" }));
    await user.click(dialog().getByRole("checkbox", { name: "Obtain IPv6 addresses automatically through DHCP" }));
    await waitNextEnabled();
  });
});
