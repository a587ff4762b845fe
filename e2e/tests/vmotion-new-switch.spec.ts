/** (a) The vMotion stack on a new standard switch with static IPv4 and an uplink, on esx-01. */
import { expect, expectWizardPage, openVmkernelAdapters, signIn, test, wizardDialog } from "../support/fixtures.ts";

test("vMotion stack on a new standard switch with static IPv4 and an uplink", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const before = await admin.networking(hostId);
  const shot = shots("vmotion-new-switch");

  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  await page.getByRole("button", { name: "Add Networking" }).click();

  let wizard = await expectWizardPage(page, "Select connection type");
  await expect(wizard.getByRole("radio", { name: "VMkernel Network Adapter" })).toBeChecked();
  await expect(wizard.getByRole("radio", { name: "Physical Network Adapter" })).toBeEnabled();
  await shot.take("connection-type");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Select target device");
  await wizard.getByRole("radio", { name: "New standard switch" }).check();
  await wizard.getByLabel("MTU (Bytes)").fill("9000");
  await shot.take("target-device");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Create a Standard Switch");
  await wizard.getByRole("button", { name: "Add adapters" }).click();
  const add = page.getByRole("dialog", { name: "Add Physical Adapters to the Switch" });
  await add.getByRole("checkbox", { name: "vmnic2" }).check();
  await expect(add.getByLabel("Failover order group")).toHaveValue("active");
  await shot.take("add-adapters");
  await add.getByRole("button", { name: "OK" }).click();
  await expect(add).toBeHidden();
  await expect(wizard.getByRole("list", { name: "Active adapters" }).getByText("vmnic2", { exact: true })).toBeVisible();
  await shot.take("create-standard-switch");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Port properties");
  await expect(wizard.getByLabel("Network label")).toHaveValue("VMkernel");
  await wizard.getByLabel("Network label").fill("vMotion-e2e");
  await wizard.getByLabel("VLAN ID").fill("30");
  await wizard.getByLabel("TCP/IP stack").selectOption({ label: "vMotion" });
  // The vMotion stack carries vMotion only: checked and locked.
  await expect(wizard.getByRole("checkbox", { name: "vMotion", exact: true })).toBeChecked();
  await expect(wizard.getByRole("checkbox", { name: "vMotion", exact: true })).toBeDisabled();
  await shot.take("port-properties");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "IPv4 settings");
  await wizard.getByRole("radio", { name: "Use static IPv4 settings" }).check();
  await wizard.getByLabel("IPv4 address").fill("192.168.30.11");
  await wizard.getByLabel("Subnet mask").fill("255.255.255.0");
  await shot.take("ipv4-settings");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Ready to complete");
  await expect(wizard.getByText("vMotion-e2e", { exact: true })).toBeVisible();
  await expect(wizard.getByText("192.168.30.11", { exact: true })).toBeVisible();
  await expect(wizard.getByRole("heading", { name: "vSphere API calls that Finish makes" })).toBeVisible();
  await expect(wizard.getByText("AddVirtualSwitch", { exact: true })).toBeVisible();
  const finish = wizard.getByRole("button", { name: "Finish" });
  await expect(finish).toBeEnabled();
  await shot.take("ready-to-complete");
  await finish.click();

  wizard = await expectWizardPage(page, "VMkernel adapter added");
  await expect(wizard.getByText(/VMkernel adapter vmk\d+ was added to esx-01\.lab\.local\./)).toBeVisible();
  await shot.take("result");
  await wizard.getByRole("button", { name: "Close", exact: true }).last().click();
  await expect(wizardDialog(page)).toBeHidden();
  await expect(page.getByRole("row", { name: /vMotion-e2e/ })).toBeVisible();

  // The host as the API reads it back.
  const after = await admin.networking(hostId);
  const vmk = after.vmkernelAdapters.find((a) => a.networkLabel === "vMotion-e2e");
  expect(vmk, "the new adapter").toBeDefined();
  expect(vmk).toMatchObject({
    tcpipStack: "vmotion",
    ipv4: { dhcp: false, address: "192.168.30.11", subnetMask: "255.255.255.0" },
    services: ["vmotion"],
  });
  const vswitch = after.vswitches.find((s) => s.name === vmk!.switchName);
  expect(before.vswitches.map((s) => s.name)).not.toContain(vmk!.switchName);
  expect(vswitch).toMatchObject({ mtu: 9000, uplinks: ["vmnic2"], activeNics: ["vmnic2"], standbyNics: [], portgroups: ["vMotion-e2e"] });
  expect(after.portgroups.find((p) => p.name === "vMotion-e2e")).toMatchObject({ vlanId: 30, vswitch: vmk!.switchName });
  expect(after.tcpipStacks.find((s) => s.key === "vmotion")).toMatchObject({ active: true, vmkernelAdapters: [vmk!.device] });
  expect(after.vmkernelAdapters).toHaveLength(before.vmkernelAdapters.length + 1);
});
