/**
 * (f) vCenter ends the session mid-wizard: the sign-in dialog appears over the wizard, and after signing in every
 * value typed is still there and Finish succeeds.
 */
import type { Locator, Page } from "@playwright/test";

import { expect, expectWizardPage, startAddNetworking, test } from "../support/fixtures.ts";

/** Every value typed on the pages before Ready to complete, as the pages show them, from IPv4 settings back. */
async function expectTypedValues(page: Page, wizard: Locator) {
  await expect(wizard.getByRole("radio", { name: "Use static IPv4 settings" })).toBeChecked();
  await expect(wizard.getByLabel("IPv4 address")).toHaveValue("192.168.42.11");
  await expect(wizard.getByLabel("Subnet mask")).toHaveValue("255.255.255.0");
  await expect(wizard.getByRole("checkbox", { name: "Override default gateway for this adapter" })).toBeChecked();
  await expect(wizard.getByLabel("Default gateway", { exact: true })).toHaveValue("192.168.42.1");
  await wizard.getByRole("button", { name: "Back" }).click();

  wizard = await expectWizardPage(page, "Port properties");
  await expect(wizard.getByLabel("Network label")).toHaveValue("Expiry-Test");
  await expect(wizard.getByLabel("VLAN ID")).toHaveValue("42");
  await expect(wizard.getByRole("radio", { name: "Custom" })).toBeChecked();
  await expect(wizard.getByLabel("MTU (Bytes)")).toHaveValue("8000");
  await expect(wizard.getByLabel("TCP/IP stack")).toHaveValue("vmotion");
  await wizard.getByRole("button", { name: "Back" }).click();

  wizard = await expectWizardPage(page, "Create a Standard Switch");
  await expect(wizard.getByRole("list", { name: "Active adapters" }).getByText("vmnic2", { exact: true })).toBeVisible();
  await expect(wizard.getByRole("list", { name: "Standby adapters" }).getByText("vmnic3", { exact: true })).toBeVisible();
  await wizard.getByRole("button", { name: "Back" }).click();

  wizard = await expectWizardPage(page, "Select target device");
  await expect(wizard.getByRole("radio", { name: "New standard switch" })).toBeChecked();
  await expect(wizard.getByLabel("MTU (Bytes)")).toHaveValue("9000");
}

test("session expiry mid-wizard keeps every value typed", async ({ page, admin, sim, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const shot = shots("session-expiry");

  let wizard = await startAddNetworking(page, "administrator", hostId);
  await wizard.getByRole("radio", { name: "New standard switch" }).check();
  await wizard.getByLabel("MTU (Bytes)").fill("9000");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Create a Standard Switch");
  await wizard.getByRole("button", { name: "Add adapters" }).click();
  const add = page.getByRole("dialog", { name: "Add Physical Adapters to the Switch" });
  await add.getByRole("checkbox", { name: "vmnic2" }).check();
  await add.getByRole("checkbox", { name: "vmnic3" }).check();
  await add.getByRole("button", { name: "OK" }).click();
  await wizard.getByLabel("Failover group of vmnic3").selectOption("standby");
  await expect(wizard.getByRole("list", { name: "Standby adapters" }).getByText("vmnic3", { exact: true })).toBeVisible();
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Port properties");
  await wizard.getByLabel("Network label").fill("Expiry-Test");
  await wizard.getByLabel("VLAN ID").fill("42");
  await wizard.getByRole("radio", { name: "Custom" }).check();
  await wizard.getByLabel("MTU (Bytes)").fill("8000");
  await wizard.getByLabel("TCP/IP stack").selectOption({ label: "vMotion" });
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "IPv4 settings");
  await wizard.getByRole("radio", { name: "Use static IPv4 settings" }).check();
  await wizard.getByLabel("IPv4 address").fill("192.168.42.11");
  await wizard.getByLabel("Subnet mask").fill("255.255.255.0");
  await wizard.getByRole("checkbox", { name: "Override default gateway for this adapter" }).check();
  await wizard.getByLabel("Default gateway", { exact: true }).fill("192.168.42.1");

  // vCenter ends every session (idle timeout), then the user carries on.
  await sim.expireSessions();
  await wizard.getByRole("button", { name: "Next" }).click();

  // Ready to complete checks the settings against the host: that call finds the session ended.
  const expired = page.getByRole("alertdialog", { name: "Your session has expired" });
  await expect(expired).toBeVisible();
  await expect(expired.getByLabel("User name")).toHaveValue("administrator@vsphere.local");
  await shot.take("sign-in-dialog");
  await expired.getByLabel("Password").fill("VMware1!");
  await expired.getByRole("button", { name: "Log in" }).click();
  await expect(expired).toBeHidden();

  // The retried check went through; everything typed is still there.
  wizard = await expectWizardPage(page, "Ready to complete");
  await expect(wizard.getByText("Expiry-Test", { exact: true })).toBeVisible();
  await expect(wizard.getByText("192.168.42.11", { exact: true })).toBeVisible();
  await expect(wizard.getByRole("heading", { name: "vSphere API calls that Finish makes" })).toBeVisible();
  await shot.take("ready-after-sign-in");
  await wizard.getByRole("button", { name: "Back" }).click();
  wizard = await expectWizardPage(page, "IPv4 settings");
  await expectTypedValues(page, wizard);

  for (const title of ["Create a Standard Switch", "Port properties", "IPv4 settings", "Ready to complete"]) {
    await wizard.getByRole("button", { name: "Next" }).click();
    wizard = await expectWizardPage(page, title);
  }
  const finish = wizard.getByRole("button", { name: "Finish" });
  await expect(finish).toBeEnabled();
  await finish.click();
  await expectWizardPage(page, "VMkernel adapter added");
  await shot.take("result");

  const after = await admin.networking(hostId);
  const vmk = after.vmkernelAdapters.find((a) => a.networkLabel === "Expiry-Test");
  expect(vmk).toMatchObject({
    tcpipStack: "vmotion",
    mtu: 8000,
    ipv4: { dhcp: false, address: "192.168.42.11", subnetMask: "255.255.255.0" },
    gatewayOverride: { defaultGateway: "192.168.42.1" },
    services: ["vmotion"],
  });
  expect(after.vswitches.find((s) => s.name === vmk!.switchName)).toMatchObject({
    mtu: 9000,
    activeNics: ["vmnic2"],
    standbyNics: ["vmnic3"],
  });
  expect(after.portgroups.find((p) => p.name === "Expiry-Test")).toMatchObject({ vlanId: 42 });
});

test("after an expiry another user signing in never runs the previous user's Finish, and starts clean", async ({
  page,
  admin,
  sim,
  shots,
}) => {
  // esx-05 is in Cluster-Dev, where the help-desk user may change networking: a replay would succeed as them.
  const hostId = await admin.hostId("esx-05");
  const before = await admin.networking(hostId);
  const shot = shots("session-expiry-other-user");

  let wizard = await startAddNetworking(page, "administrator", hostId);
  await wizard.getByRole("radio", { name: "New standard switch" }).check();
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "Create a Standard Switch");
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "Port properties");
  await wizard.getByLabel("Network label").fill("Replay-Test");
  await wizard.getByLabel("TCP/IP stack").selectOption({ label: "vMotion" });
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "IPv4 settings");
  await wizard.getByRole("radio", { name: "Use static IPv4 settings" }).check();
  await wizard.getByLabel("IPv4 address").fill("192.168.43.15");
  await wizard.getByLabel("Subnet mask").fill("255.255.255.0");
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "Ready to complete");
  const finish = wizard.getByRole("button", { name: "Finish" });
  await expect(finish).toBeEnabled();

  await sim.expireSessions();
  await finish.click();
  const expired = page.getByRole("alertdialog", { name: "Your session has expired" });
  await expect(expired).toBeVisible();
  await expired.getByLabel("User name").fill("helpdesk@vsphere.local");
  await expired.getByLabel("Password").fill("Helpdesk1!");
  await expired.getByRole("button", { name: "Log in" }).click();
  await expect(expired).toBeHidden();

  // The help-desk user is at the hosts list, not in the administrator's wizard; nothing was made on the host.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("dialog", { name: /Add Networking/ })).toHaveCount(0);
  await shot.take("hosts-list-for-the-other-user");
  const after = await admin.networking(hostId);
  expect(after.vmkernelAdapters).toEqual(before.vmkernelAdapters);
  expect(after.vswitches).toEqual(before.vswitches);
});
