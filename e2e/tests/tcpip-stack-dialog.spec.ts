/** (d) The TCP/IP stack dialog sets the vMotion stack's gateway and DNS, once a vMotion adapter exists. */
import { expect, signIn, test } from "../support/fixtures.ts";
import { VMOTION_ADAPTER } from "../support/models.ts";

test("the Edit TCP/IP Stack dialog sets the vMotion stack's default gateway and its own DNS", async ({ page, admin, shots }) => {
  const hostId = await admin.hostId("esx-01");
  await admin.createAdapter(hostId, VMOTION_ADAPTER);
  const before = await admin.networking(hostId);
  expect(before.tcpipStacks.find((s) => s.key === "vmotion")).toMatchObject({ active: true, defaultGateway: null });
  const shot = shots("tcpip-stack-dialog");

  await signIn(page, "administrator");
  await page.goto(`/hosts/${hostId}/networking/tcpip-configuration`);
  await expect(page.getByRole("heading", { level: 2, name: "TCP/IP configuration" })).toBeVisible();
  const vmotionRow = page.getByRole("row", { name: /^vMotion\b/ });
  await expect(vmotionRow.getByRole("cell").first()).toHaveText("Active");
  await shot.take("view");
  await page.getByRole("button", { name: "Edit the vMotion TCP/IP stack" }).click();

  const dialog = page.getByRole("dialog", { name: "Edit TCP/IP Stack Configuration – vMotion" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("Host: esx-01.lab.local")).toBeVisible();
  // The vMotion stack's own DNS, as the seed's next task asks.
  await dialog.getByRole("radio", { name: "Enter settings manually" }).check();
  await dialog.getByLabel("Host name").fill("esx-01-vmotion");
  await dialog.getByLabel("Preferred DNS server").fill("192.168.30.2");
  await shot.take("dns");
  await dialog.getByRole("tab", { name: "Routing" }).click();
  await expect(dialog.getByRole("tab", { name: "Routing" })).toHaveAttribute("aria-selected", "true");
  await dialog.getByLabel("IPv4 gateway").fill("192.168.30.1");
  await shot.take("routing");
  await dialog.getByRole("tab", { name: "Advanced" }).click();
  await expect(dialog.getByLabel("Congestion control algorithm")).toBeVisible();
  await shot.take("advanced");
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();
  await expect(vmotionRow).toContainText("192.168.30.1");
  await shot.take("view-after");

  const after = await admin.networking(hostId);
  expect(after.tcpipStacks.find((s) => s.key === "vmotion")!.defaultGateway).toBe("192.168.30.1");
  // Nothing else about the stacks changed.
  const others = (n: typeof after) => n.tcpipStacks.filter((s) => s.key !== "vmotion");
  expect(others(after)).toEqual(others(before));
  const vmotion = (n: typeof after) => n.tcpipStacks.find((s) => s.key === "vmotion")!;
  expect(vmotion(after).dns).toMatchObject({ dhcp: false, hostName: "esx-01-vmotion", servers: ["192.168.30.2"] });
  expect({ ...vmotion(after), defaultGateway: null, dns: vmotion(before).dns }).toEqual(vmotion(before));
});
