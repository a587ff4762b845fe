/** (c) A distributed port group (DPG-Storage) with IPv4 and IPv6 and services on the default stack. */
import { expect, expectWizardPage, startAddNetworking, test } from "../support/fixtures.ts";

test("distributed port group DPG-Storage with IPv4, IPv6 and default-stack services", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const before = await admin.networking(hostId);
  const dpg = before.distributedPortgroups.find((p) => p.name === "DPG-Storage")!;
  const shot = shots("distributed-portgroup");

  let wizard = await startAddNetworking(page, "administrator", hostId);
  await wizard.getByRole("radio", { name: "Select an existing network" }).check();
  await wizard.getByRole("button", { name: "Browse distributed port groups" }).click();
  const browse = page.getByRole("dialog", { name: "Select Network" });
  await browse.getByRole("radio", { name: "DPG-Storage" }).check();
  await shot.take("select-network");
  await browse.getByRole("button", { name: "OK" }).click();
  await expect(wizard.getByRole("textbox", { name: "Network", exact: true })).toHaveValue("DPG-Storage (DSwitch-Lab)");
  await shot.take("target-device");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Port properties");
  // The label and VLAN come from the port group.
  await expect(wizard.getByRole("textbox", { name: "Network label" })).toHaveCount(0);
  await expect(wizard.getByRole("group", { name: "Network label" })).toContainText("DPG-Storage");
  await expect(wizard.getByRole("group", { name: "VLAN ID" })).toContainText("50");
  await expect(wizard.getByText("The network label and VLAN ID are inherited from the distributed port group.")).toBeVisible();
  await wizard.getByRole("radio", { name: "IPv4 and IPv6" }).check();
  await expect(wizard.getByLabel("TCP/IP stack")).toHaveValue("defaultTcpipStack");
  await wizard.getByRole("checkbox", { name: "vSAN", exact: true }).check();
  await wizard.getByRole("checkbox", { name: "Fault Tolerance logging" }).check();
  await shot.take("port-properties");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "IPv4 settings");
  await wizard.getByRole("radio", { name: "Use static IPv4 settings" }).check();
  await wizard.getByLabel("IPv4 address").fill("192.168.50.11");
  await wizard.getByLabel("Subnet mask").fill("255.255.255.0");
  await shot.take("ipv4-settings");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "IPv6 settings");
  // Router advertisement is on by default (ESXi 6.5 and later), so the page is complete as it opens.
  await expect(wizard.getByRole("checkbox", { name: "Obtain IPv6 addresses automatically through Router Advertisement" })).toBeChecked();
  await expect(wizard.getByRole("button", { name: "Next" })).toBeEnabled();
  await wizard.getByRole("button", { name: "Add IPv6 address" }).click();
  const row = wizard.getByRole("group", { name: "Static IPv6 address 1" });
  await row.getByRole("textbox", { name: "IPv6 address", exact: true }).fill("fd00:50::11");
  await expect(row.getByRole("textbox", { name: "Prefix length", exact: true })).toHaveValue("64");
  await shot.take("ipv6-settings");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Ready to complete");
  await expect(wizard.getByText("fd00:50::11/64", { exact: true })).toBeVisible();
  const finish = wizard.getByRole("button", { name: "Finish" });
  await expect(finish).toBeEnabled();
  await shot.take("ready-to-complete");
  await finish.click();

  wizard = await expectWizardPage(page, "VMkernel adapter added");
  await expect(wizard.getByText(/VMkernel adapter vmk\d+ was added to esx-01\.lab\.local\./)).toBeVisible();
  await shot.take("result");

  const after = await admin.networking(hostId);
  const vmk = after.vmkernelAdapters.find((a) => a.distributedPort?.portgroupKey === dpg.key);
  expect(vmk, "an adapter on DPG-Storage").toBeDefined();
  expect(vmk).toMatchObject({
    networkLabel: "DPG-Storage",
    portgroup: null,
    tcpipStack: "defaultTcpipStack",
    ipv4: { dhcp: false, address: "192.168.50.11", subnetMask: "255.255.255.0" },
    distributedPort: { switchUuid: dpg.switchUuid, portgroupKey: dpg.key },
  });
  expect(vmk!.ipv6).toMatchObject({ routerAdvertisement: true, dhcpV6: false });
  expect(vmk!.ipv6!.addresses).toContainEqual(expect.objectContaining({ address: "fd00:50::11", prefixLength: 64 }));
  expect([...vmk!.services].sort()).toEqual(["faultToleranceLogging", "vsan"]);
  // No standard switch or port group was added for it.
  expect(after.vswitches).toEqual(before.vswitches);
  expect(after.portgroups).toEqual(before.portgroups);
});
