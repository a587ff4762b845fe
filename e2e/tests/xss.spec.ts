/** (h) HTML typed into a field is shown as text (no dialog, no injected element) and stored exactly as given. */
import { expect, expectWizardPage, startAddNetworking, test, onExistingSwitch } from "../support/fixtures.ts";

const HOSTILE = "<img src=x onerror=alert(1)>";

test("HTML in the network label is text, never markup", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  const shot = shots("xss");
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // Any element the label could have turned into.
  const injected = page.locator('img[src="x"], img[onerror]');

  let wizard = await startAddNetworking(page, "administrator", hostId);
  wizard = await onExistingSwitch(page, wizard);
  await wizard.getByLabel("Network label").fill(HOSTILE);
  await expect(wizard.getByLabel("Network label")).toHaveValue(HOSTILE);
  await shot.take("port-properties");
  await wizard.getByRole("button", { name: "Next" }).click();
  wizard = await expectWizardPage(page, "IPv4 settings");
  await wizard.getByRole("button", { name: "Next" }).click();

  wizard = await expectWizardPage(page, "Ready to complete");
  await expect(wizard.getByRole("definition").filter({ hasText: HOSTILE })).toHaveText(HOSTILE);
  await expect(wizard.getByRole("heading", { name: "vSphere API calls that Finish makes" })).toBeVisible();
  await expect(wizard.getByText(`Add port group "${HOSTILE}"`)).toBeVisible();
  await expect(injected).toHaveCount(0);
  await shot.take("ready-to-complete");
  await wizard.getByRole("button", { name: "Finish" }).click();

  wizard = await expectWizardPage(page, "VMkernel adapter added");
  await expect(wizard.getByRole("definition").filter({ hasText: HOSTILE }).first()).toHaveText(HOSTILE);
  await shot.take("result");
  await wizard.getByRole("button", { name: "Close", exact: true }).last().click();

  // The VMkernel adapters and Virtual switches views show it as text too.
  await expect(page.getByRole("cell", { name: HOSTILE, exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Virtual switches" }).click();
  await expect(page.getByText(HOSTILE, { exact: true }).first()).toBeVisible();
  await page.getByRole("link", { name: "Recent changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recent changes" })).toBeVisible();
  await expect(page.getByText(HOSTILE).first()).toBeVisible();
  await shot.take("audit");
  // The inventory search puts what is typed into the URL and the page.
  await page.getByRole("link", { name: "Hosts", exact: true }).click();
  await page.getByRole("searchbox", { name: "Search hosts" }).fill(HOSTILE);
  await expect(page.getByText("No hosts match the search.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search hosts" })).toHaveValue(HOSTILE);
  await expect(injected).toHaveCount(0);
  expect(dialogs).toEqual([]);

  const after = await admin.networking(hostId);
  const vmk = after.vmkernelAdapters.find((a) => a.networkLabel === HOSTILE);
  expect(vmk, "an adapter with the label exactly as typed").toBeDefined();
  expect(after.portgroups.map((p) => p.name)).toContain(HOSTILE);
});
