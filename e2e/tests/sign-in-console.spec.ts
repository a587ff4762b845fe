/** Before sign-in the browser's console stays clean: not being signed in is an answer, not an error. */
import { expect, signIn, test } from "../support/fixtures.ts";

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
