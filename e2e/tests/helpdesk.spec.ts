/**
 * (e) The help-desk user may configure networking on Cluster-Dev (esx-05..esx-08) only: allowed on esx-05,
 * refused on esx-02 (Cluster-Prod) with the missing privilege named, and nothing changes there.
 */
import {
  expect,
  expectApiRefusesHostChanges,
  expectWizardPage,
  openVmkernelAdapters,
  signIn,
  test,
  onExistingSwitch,
} from "../support/fixtures.ts";

const REFUSED = "Missing privilege Host.Config.Network on esx-02.lab.local";

test("help-desk user: allowed on Cluster-Dev (esx-05)", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-05");
  const shot = shots("helpdesk-allowed");

  await signIn(page, "helpdesk");
  await expect(page.getByText("esx-05.lab.local", { exact: true })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "esx-05.lab.local" })).toContainText("Can configure networking");
  await expect(page.getByRole("listitem").filter({ hasText: "esx-02.lab.local" })).toContainText(REFUSED);
  await shot.take("inventory");

  await page.getByRole("link", { name: "esx-05.lab.local" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "VMkernel adapters" })).toBeVisible();
  await page.getByRole("button", { name: "Add Networking" }).click();

  let wizard = await expectWizardPage(page, "Select connection type");
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "Select target device");
  // The distributed port groups are outside Cluster-Dev: the help desk may not connect adapters to them.
  await wizard.getByRole("radio", { name: "Select an existing network" }).check();
  await wizard.getByRole("button", { name: "Browse distributed port groups" }).click();
  const networks = page.getByRole("dialog", { name: "Select Network" });
  const storage = networks.getByRole("radio", { name: "DPG-Storage", exact: true });
  await expect(storage).toBeDisabled();
  await expect(storage).toHaveAccessibleDescription("Missing privilege Network.Assign on DPG-Storage");
  await shot.take("select-network");
  await networks.getByRole("button", { name: "Cancel" }).click();
  wizard = await onExistingSwitch(page, wizard);
  // vSAN needs Host.Config.Storage, which the help-desk role lacks.
  const vsan = wizard.getByRole("checkbox", { name: "vSAN", exact: true });
  await expect(vsan).toBeDisabled();
  await expect(vsan).toHaveAccessibleDescription("Missing privilege Host.Config.Storage on esx-05.lab.local");
  await wizard.getByLabel("Network label").fill("Helpdesk-Dev");
  await wizard.getByLabel("VLAN ID").fill("70");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "IPv4 settings");
  await wizard.getByRole("radio", { name: "Use static IPv4 settings" }).check();
  await wizard.getByLabel("IPv4 address").fill("192.168.70.15");
  await wizard.getByLabel("Subnet mask").fill("255.255.255.0");
  await wizard.getByRole("checkbox", { name: "Override default gateway for this adapter" }).check();
  await wizard.getByLabel("Default gateway", { exact: true }).fill("192.168.70.1");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Ready to complete");
  await expect(wizard.getByText("The host accepts these settings.")).toBeVisible();
  await shot.take("ready-to-complete");
  await wizard.getByRole("button", { name: "Finish" }).click();
  wizard = await expectWizardPage(page, "VMkernel adapter added");
  await expect(wizard.getByText(/VMkernel adapter vmk\d+ was added to esx-05\.lab\.local\./)).toBeVisible();
  await shot.take("result");

  const vmk = (await admin.networking(hostId)).vmkernelAdapters.find((a) => a.networkLabel === "Helpdesk-Dev");
  expect(vmk).toMatchObject({
    switchName: "vSwitch0",
    tcpipStack: "defaultTcpipStack",
    ipv4: { dhcp: false, address: "192.168.70.15", subnetMask: "255.255.255.0" },
    gatewayOverride: { defaultGateway: "192.168.70.1" },
  });
  expect((await admin.networking(hostId)).portgroups.find((p) => p.name === "Helpdesk-Dev")).toMatchObject({ vlanId: 70 });
});

test("help-desk user: refused on Cluster-Prod (esx-02), nothing changes", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-02");
  const before = await admin.networking(hostId);
  const shot = shots("helpdesk-refused");

  await signIn(page, "helpdesk");
  await openVmkernelAdapters(page, hostId);
  const add = page.getByRole("button", { name: "Add Networking" });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription(REFUSED);
  await expect(page.getByText(REFUSED)).toBeVisible();
  await shot.take("vmkernel-adapters");

  // TCP/IP configuration: no stack can be edited.
  await page.getByRole("link", { name: "TCP/IP configuration" }).click();
  const edits = page.getByRole("button", { name: /^Edit the .* TCP\/IP stack$/ });
  await expect(edits).toHaveCount(before.tcpipStacks.length);
  for (const edit of await edits.all()) {
    await expect(edit).toBeDisabled();
    await expect(edit).toHaveAccessibleDescription(REFUSED);
  }
  await shot.take("tcpip-configuration");

  // The wizard's own address (a bookmark, a link) does not open it: it leads back to the adapters, where Add Networking
  // says why.
  await page.goto(`/hosts/${hostId}/networking/vmkernel-adapters/add-networking/ready-to-complete`);
  await expect(page).toHaveURL(new RegExp(`/hosts/${hostId}/networking/vmkernel-adapters$`));
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription(REFUSED);
  await expect(page.getByRole("dialog", { name: /Add Networking$/ })).toHaveCount(0);

  // Directly through the API, too: refused, naming the privilege.
  await expectApiRefusesHostChanges("helpdesk", hostId);

  expect(await admin.networking(hostId)).toEqual(before);
});
