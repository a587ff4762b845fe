/** The wizard and the browser's history: a run that was discarded does not come back with Back or Forward. */
import { expect, onExistingSwitch, startAddNetworking, test, wizardDialog } from "../support/fixtures.ts";

test("after Cancel → Discard, neither Back nor Forward brings the wizard back", async ({ page, admin }) => {
  const hostId = await admin.hostId("esx-01");
  const adapters = new RegExp(`/hosts/${hostId}/networking/vmkernel-adapters$`);
  const wizard = await startAddNetworking(page, "administrator", hostId);
  await onExistingSwitch(page, wizard);
  await wizard.getByLabel("Network label").fill("Discarded");

  await wizard.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("alertdialog", { name: "Cancel Add Networking?" }).getByRole("button", { name: "Discard" }).click();
  await expect(page).toHaveURL(adapters);
  await expect(wizardDialog(page)).toHaveCount(0);

  // Back leaves the VMkernel adapters for the page before them, as if the wizard had never been opened.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Hosts" })).toBeVisible();
  await expect(wizardDialog(page)).toHaveCount(0);
  // Forward goes to the adapters again, then no further than them.
  await page.goForward();
  await expect(page).toHaveURL(adapters);
  await page.goForward();
  await expect(page).toHaveURL(adapters);
  await expect(page.getByRole("button", { name: "Add Networking" })).toBeVisible();
  await expect(wizardDialog(page)).toHaveCount(0);

  // Nothing of the discarded run is left: Add Networking starts afresh.
  await page.getByRole("button", { name: "Add Networking" }).click();
  await expect(wizardDialog(page).getByRole("heading", { level: 3, name: "Select connection type" })).toBeVisible();
  await wizardDialog(page).getByRole("button", { name: "Next" }).click();
  await expect(wizardDialog(page).getByRole("radio", { name: "Select an existing standard switch" })).not.toBeChecked();
});
