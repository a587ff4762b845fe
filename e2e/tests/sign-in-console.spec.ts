/** Before sign-in the browser's console stays clean: not being signed in is an answer, not an error. */
import { expect, expectWizardPage, signIn, test } from "../support/fixtures.ts";

test("the sign-in page logs no error in the browser's console", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const asked = () => page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/session" && r.request().method() === "GET");

  // Any address leads to the sign-in page, which first asks who is signed in.
  let session = asked();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  await session;
  session = asked();
  await page.reload();
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  await session;
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);

  // Signing in and out leaves it clean too.
  await signIn(page, "administrator");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});

test("signed-in pages break none of the Content-Security-Policy's rules", async ({ page }) => {
  // The policy refuses eval (script-src 'self'): a library that only probes for it is reported all the same.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}`));
  });
  await signIn(page, "administrator");
  await page.getByRole("link", { name: "esx-01.lab.local" }).click();
  await page.getByRole("button", { name: "Add Networking" }).click();
  await expectWizardPage(page, "Select connection type");
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
