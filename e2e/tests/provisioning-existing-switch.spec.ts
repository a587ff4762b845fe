/** (b) The Provisioning stack on an existing standard switch (vSwitch0) with DHCP. */
import { expect, expectWizardPage, openVmkernelAdapters, signIn, test } from "../support/fixtures.ts";

test("Provisioning stack on the existing standard switch vSwitch0 with DHCP", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const before = await admin.networking(hostId);
  const shot = shots("provisioning-existing-switch");

  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  await page.getByRole("button", { name: "Add Networking" }).click();

  let wizard = await expectWizardPage(page, "Select connection type");
  await shot.take("connection-type");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Select target device");
  await wizard.getByRole("radio", { name: "Select an existing standard switch" }).check();
  // Nothing chosen yet: Next waits for a switch.
  await expect(wizard.getByRole("button", { name: "Next" })).toBeDisabled();
  await wizard.getByRole("button", { name: "Browse standard switches" }).click();
  const browse = page.getByRole("dialog", { name: "Select Switch" });
  await browse.getByRole("radio", { name: "vSwitch0" }).check();
  await shot.take("select-switch");
  await browse.getByRole("button", { name: "OK" }).click();
  await expect(browse).toBeHidden();
  await expect(wizard.getByRole("textbox", { name: "Standard switch", exact: true })).toHaveValue("vSwitch0");
  await shot.take("target-device");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Port properties");
  await wizard.getByLabel("Network label").fill("Provisioning-e2e");
  await wizard.getByLabel("TCP/IP stack").selectOption({ label: "Provisioning" });
  const provisioning = wizard.getByRole("checkbox", { name: "Provisioning", exact: true });
  await expect(provisioning).toBeChecked();
  await expect(provisioning).toBeDisabled();
  await expect(wizard.getByRole("checkbox", { name: "vMotion", exact: true })).not.toBeChecked();
  await shot.take("port-properties");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "IPv4 settings");
  await expect(wizard.getByRole("radio", { name: "Obtain IPv4 settings automatically" })).toBeChecked();
  await shot.take("ipv4-settings");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Ready to complete");
  await expect(wizard.getByText("Provisioning-e2e", { exact: true })).toBeVisible();
  const finish = wizard.getByRole("button", { name: "Finish" });
  await expect(finish).toBeEnabled();
  // An existing switch: no new switch among the calls.
  await expect(wizard.getByText("AddPortGroup", { exact: true })).toBeVisible();
  await expect(wizard.getByText("AddVirtualSwitch", { exact: true })).toHaveCount(0);
  await shot.take("ready-to-complete");
  await finish.click();

  wizard = await expectWizardPage(page, "VMkernel adapter added");
  await expect(wizard.getByText(/VMkernel adapter vmk\d+ was added to esx-01\.lab\.local\./)).toBeVisible();
  await expect(wizard.getByRole("heading", { name: "Provisioning on the default TCP/IP stack" })).toBeVisible();
  await shot.take("result");

  const after = await admin.networking(hostId);
  const vmk = after.vmkernelAdapters.find((a) => a.networkLabel === "Provisioning-e2e");
  expect(vmk, "the new adapter").toBeDefined();
  expect(vmk).toMatchObject({ switchName: "vSwitch0", tcpipStack: "vSphereProvisioning", services: ["vSphereProvisioning"] });
  expect(vmk!.ipv4.dhcp).toBe(true);
  expect(after.vswitches.map((s) => s.name)).toEqual(before.vswitches.map((s) => s.name));
  expect(after.vswitches.find((s) => s.name === "vSwitch0")!.portgroups).toContain("Provisioning-e2e");
  expect(after.portgroups.find((p) => p.name === "Provisioning-e2e")).toMatchObject({ vswitch: "vSwitch0", vlanId: 0 });
  expect(after.tcpipStacks.find((s) => s.key === "vSphereProvisioning")).toMatchObject({ active: true, vmkernelAdapters: [vmk!.device] });
});
