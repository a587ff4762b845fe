/** A field's error is shown in Clarity's error colour, not the grey of its help text. */
import { expect, startAddNetworking, test, onExistingSwitch } from "../support/fixtures.ts";

test("a field's error text is in Clarity's invalid-text colour", async ({ page, admin }) => {
  const hostId = await admin.hostId("esx-01");
  let wizard = await startAddNetworking(page, "administrator", hostId);
  wizard = await onExistingSwitch(page, wizard);
  // An empty label is refused as it is typed, and Next waits.
  await wizard.getByLabel("Network label").fill("");
  await expect(wizard.getByRole("button", { name: "Next" })).toBeDisabled();
  const error = wizard.getByText("Enter a network label.");
  await expect(error).toBeVisible();
  // The colour Clarity's own variable resolves to, read off a probe element on the same page.
  const [shown, invalid, helper] = await error.evaluate((el) => {
    const probe = document.createElement("span");
    probe.style.color = "var(--clr-forms-invalid-text-color)";
    el.parentElement!.appendChild(probe);
    const colours = [getComputedStyle(el).color, getComputedStyle(probe).color];
    probe.remove();
    const help = document.querySelector(".clr-control-container:not(.clr-error) .clr-subtext");
    return [...colours, help ? getComputedStyle(help).color : ""];
  });
  expect(invalid).not.toBe("");
  expect(shown).toBe(invalid);
  expect(shown).not.toBe(helper);
});
