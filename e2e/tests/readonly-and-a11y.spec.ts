/**
 * (i) readonly@vsphere.local: every state-changing control is disabled and names the missing privilege, and
 * nothing changes; axe-core finds no serious or critical violation on any wizard page.
 */
import {
  expect,
  expectApiRefusesHostChanges,
  expectWizardPage,
  openVmkernelAdapters,
  seriousViolations,
  signIn,
  test,
} from "../support/fixtures.ts";

const missing = (privilege: string, entity: string) => `Missing privilege ${privilege} on ${entity}`;

test("readonly user: every state-changing control is disabled with the missing privilege", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const before = await admin.networking(hostId);
  const shot = shots("readonly");
  const hostChange = missing("Host.Config.Network", "esx-01.lab.local");

  await signIn(page, "readonly");
  // The inventory marks no host as configurable, and says why for each.
  const hosts = page.getByRole("list", { name: "Hosts by datacenter and cluster" });
  for (const n of [1, 2, 5, 9]) {
    const name = `esx-0${n}.lab.local`;
    await expect(hosts.getByRole("listitem").filter({ hasText: name })).toContainText(missing("Host.Config.Network", name));
  }
  await expect(hosts.getByText("Can configure networking")).toHaveCount(0);
  await shot.take("inventory");

  // VMkernel adapters: Add Networking.
  await openVmkernelAdapters(page, hostId);
  const add = page.getByRole("button", { name: "Add Networking" });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription(hostChange);
  await shot.take("vmkernel-adapters");

  // TCP/IP configuration: every stack's Edit.
  await page.getByRole("link", { name: "TCP/IP configuration" }).click();
  const edits = page.getByRole("button", { name: /^Edit the .* TCP\/IP stack$/ });
  await expect(edits).toHaveCount(before.tcpipStacks.length);
  for (const edit of await edits.all()) {
    await expect(edit).toBeDisabled();
    await expect(edit).toHaveAccessibleDescription(hostChange);
  }
  await shot.take("tcpip-configuration");

  // The Edit dialog's own address: OK disabled, the reason shown.
  await page.goto(`/hosts/${hostId}/networking/tcpip-configuration/defaultTcpipStack/edit`);
  const stackDialog = page.getByRole("dialog", { name: "Edit TCP/IP Stack Configuration – Default" });
  await expect(stackDialog.getByText(hostChange)).toBeVisible();
  await expect(stackDialog.getByRole("button", { name: "OK" })).toBeDisabled();
  await shot.take("edit-stack");

  // The wizard's own address does not open it: it leads back to the adapters, where Add Networking says why.
  await page.goto(`/hosts/${hostId}/networking/vmkernel-adapters/add-networking/connection-type`);
  await expect(page).toHaveURL(new RegExp(`/hosts/${hostId}/networking/vmkernel-adapters$`));
  await expect(page.getByRole("button", { name: "Add Networking" })).toHaveAccessibleDescription(hostChange);
  await expect(page.getByRole("dialog", { name: /Add Networking$/ })).toHaveCount(0);

  // Directly through the API: both changes refused, naming the privilege.
  await expectApiRefusesHostChanges("readonly", hostId);

  expect(await admin.networking(hostId)).toEqual(before);
});

test("axe-core: no serious or critical violation on any wizard page", async ({ page, admin }) => {
  const hostId = await admin.hostId("esx-01");
  const found: Record<string, string[]> = {};
  const check = async (name: string) => {
    found[name] = await seriousViolations(page);
  };

  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  await check("sign-in");
  await signIn(page, "administrator");
  await openVmkernelAdapters(page, hostId);
  await check("vmkernel-adapters");
  await page.getByRole("button", { name: "Add Networking" }).click();

  let wizard = await expectWizardPage(page, "Select connection type");
  await check("connection-type");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Select target device");
  await wizard.getByRole("radio", { name: "Select an existing network" }).check();
  await wizard.getByRole("button", { name: "Browse distributed port groups" }).click();
  await expect(page.getByRole("dialog", { name: "Select Network" })).toBeVisible();
  await check("select-network");
  await page.getByRole("dialog", { name: "Select Network" }).getByRole("button", { name: "Cancel" }).click();
  await wizard.getByRole("radio", { name: "New standard switch" }).check();
  await check("target-device");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Create a Standard Switch");
  await check("create-standard-switch-empty");
  await wizard.getByRole("button", { name: "Add adapters" }).click();
  const add = page.getByRole("dialog", { name: "Add Physical Adapters to the Switch" });
  await add.getByRole("checkbox", { name: "vmnic2" }).check();
  await add.getByRole("checkbox", { name: "vmnic3" }).check();
  await check("add-adapters");
  await add.getByRole("button", { name: "OK" }).click();
  await check("create-standard-switch");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Port properties");
  await wizard.getByLabel("Network label").fill("Management Network");
  // A page showing a validation error.
  await expect(wizard.getByText('esx-01.lab.local already has a port group named "Management Network".')).toBeVisible();
  await check("port-properties-error");
  await wizard.getByLabel("Network label").fill("Storage");
  await wizard.getByRole("radio", { name: "IPv4 and IPv6" }).check();
  await wizard.getByRole("checkbox", { name: "vSAN", exact: true }).check();
  await check("port-properties");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "IPv4 settings");
  await wizard.getByRole("radio", { name: "Use static IPv4 settings" }).check();
  await wizard.getByLabel("IPv4 address").fill("192.168.50.21");
  await wizard.getByLabel("Subnet mask").fill("255.255.255.0");
  await wizard.getByRole("checkbox", { name: "Override default gateway for this adapter" }).check();
  await wizard.getByLabel("Default gateway", { exact: true }).fill("192.168.50.1");
  await check("ipv4-settings");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "IPv6 settings");
  await wizard.getByRole("checkbox", { name: "Obtain IPv6 addresses automatically through DHCP" }).check();
  await wizard.getByRole("button", { name: "Add IPv6 address" }).click();
  await wizard
    .getByRole("group", { name: "Static IPv6 address 1" })
    .getByRole("textbox", { name: "IPv6 address", exact: true })
    .fill("fd00:50::21");
  await check("ipv6-settings");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Ready to complete");
  await expect(wizard.getByRole("heading", { name: "vSphere API calls that Finish makes" })).toBeVisible();
  await check("ready-to-complete");
  await wizard.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("alertdialog", { name: "Cancel Add Networking?" })).toBeVisible();
  await check("cancel-confirmation");
  await page.getByRole("button", { name: "Keep editing" }).click();
  await wizard.getByRole("button", { name: "Finish" }).click();

  await expectWizardPage(page, "VMkernel adapter added");
  await check("result");

  await page.goto(`/hosts/${hostId}/networking/tcpip-configuration/defaultTcpipStack/edit`);
  await expect(page.getByRole("dialog", { name: "Edit TCP/IP Stack Configuration – Default" })).toBeVisible();
  await check("edit-tcpip-stack");

  // Every page of the wizard was checked.
  for (const p of ["connection-type", "target-device", "create-standard-switch", "port-properties", "ipv4-settings", "ipv6-settings"]) {
    expect(Object.keys(found)).toContain(p);
  }
  expect(Object.keys(found)).toEqual(expect.arrayContaining(["ready-to-complete", "result"]));
  expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
  expect((await admin.networking(hostId)).vmkernelAdapters.find((a) => a.networkLabel === "Storage")).toBeDefined();
});
