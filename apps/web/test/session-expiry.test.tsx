import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { claimUserStorage } from "../src/lib/auth.ts";
import { ADMIN, createdAdapter, HELPDESK, networking, preflightResult, problem } from "./fixtures.ts";
import { json, problemResponse } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";
import { clickNext, dialog, expectPage, HOST, onVSwitch0, openPage, readDraft, seedDraft, wizardApi } from "./wizard/helpers.tsx";

const expired = () => problemResponse(problem(401, "SESSION_EXPIRED", { detail: "The vCenter Server session has ended." }));
const RENEWED = { ...ADMIN, csrfToken: "csrf-token-2" };

async function signInAgain(user: ReturnType<typeof renderApp>["user"]) {
  const box = within(await screen.findByRole("alertdialog", { name: "Your session has expired" }));
  expect(box.getByLabelText("User name")).toHaveValue("administrator@vsphere.local");
  expect(box.getByLabelText("Password")).toHaveFocus();
  await user.type(box.getByLabelText("Password"), "VMware1!");
  await user.click(box.getByRole("button", { name: "Log in" }));
  await waitFor(() => expect(screen.queryByRole("alertdialog", { name: "Your session has expired" })).not.toBeInTheDocument());
}

describe("when vCenter ends the session", () => {
  it("a sign-in dialog opens over the TCP/IP stack dialog, keeps what was typed and retries the change", async () => {
    const api = defaultApi();
    api.on("POST", "/api/v1/session", RENEWED);
    const updated = networking().tcpipStacks[0]!;
    api.sequence("PATCH", "/api/v1/hosts/host-12/netstacks/defaultTcpipStack", expired, () =>
      json(200, { ...updated, defaultGateway: "10.10.0.254" }),
    );
    const { user, router } = renderApp(`/hosts/${HOST}/networking/tcpip-configuration/defaultTcpipStack/edit`);
    const edit = within(await screen.findByRole("dialog", { name: "Edit TCP/IP Stack Configuration – Default" }));
    await user.click(edit.getByRole("tab", { name: "Routing" }));
    const gateway = edit.getByLabelText("IPv4 gateway");
    await user.clear(gateway);
    await user.type(gateway, "10.10.0.254");
    await user.click(edit.getByRole("button", { name: "OK" }));

    await screen.findByRole("alertdialog", { name: "Your session has expired" });
    expect(gateway).toHaveValue("10.10.0.254");
    await signInAgain(user);

    await waitFor(() => expect(router.state.location.pathname).toBe(`/hosts/${HOST}/networking/tcpip-configuration`));
    const patches = api.callsTo("PATCH", /netstacks/);
    expect(patches).toHaveLength(2);
    expect(patches[1]!.body).toEqual({ defaultGateway: "10.10.0.254" });
    expect(patches[0]!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);
    expect(patches[1]!.headers["x-csrf-token"]).toBe("csrf-token-2");
  });

  it("the wizard keeps its draft and Finish is retried with the same idempotency key", async () => {
    const api = wizardApi();
    api.on("POST", "/api/v1/session", RENEWED);
    api.sequence("POST", "/api/v1/hosts/host-12/vmkernel-adapters", expired, () => json(201, createdAdapter()));
    seedDraft(
      { targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" }, portProperties: { networkLabel: "Typed-label" } },
      [],
      HOST,
      "same-key",
    );
    const { user } = await openPage("ready-to-complete");
    await waitFor(() => expect(dialog().getByRole("button", { name: "Finish" })).toBeEnabled());
    await user.click(dialog().getByRole("button", { name: "Finish" }));
    await screen.findByRole("alertdialog", { name: "Your session has expired" });
    expect(screen.getByRole("dialog", { name: "esx-01.lab.local - Add Networking" })).toBeInTheDocument();
    expect(readDraft()!.values.portProperties.networkLabel).toBe("Typed-label");
    await signInAgain(user);
    await expectPage("VMkernel adapter added");
    const creates = api.callsTo("POST", "/api/v1/hosts/host-12/vmkernel-adapters");
    expect(creates.map((c) => c.headers["idempotency-key"])).toEqual(["same-key", "same-key"]);
    const [login] = api.callsTo("POST", "/api/v1/session");
    expect(login!.body).toEqual({ username: "administrator@vsphere.local", password: "VMware1!" });
  });

  it("another user signing in in the dialog starts clean: the pending Finish is never sent as them, and the draft is gone", async () => {
    const api = wizardApi();
    api.on("POST", "/api/v1/session", HELPDESK);
    api.sequence("POST", "/api/v1/hosts/host-12/vmkernel-adapters", expired, () => json(201, createdAdapter()));
    seedDraft(onVSwitch0, [], HOST, "admins-key");
    const { user, router } = await openPage("ready-to-complete");
    await waitFor(() => expect(dialog().getByRole("button", { name: "Finish" })).toBeEnabled());
    await user.click(dialog().getByRole("button", { name: "Finish" }));
    const box = within(await screen.findByRole("alertdialog", { name: "Your session has expired" }));
    const name = box.getByLabelText("User name");
    await user.clear(name);
    await user.type(name, "helpdesk@vsphere.local");
    await user.type(box.getByLabelText("Password"), "Helpdesk1!");
    await user.click(box.getByRole("button", { name: "Log in" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    await waitFor(() => expect(screen.queryByRole("alertdialog", { name: "Your session has expired" })).not.toBeInTheDocument());
    expect(api.callsTo("POST", "/api/v1/hosts/host-12/vmkernel-adapters")).toHaveLength(1);
    expect(readDraft()).toBeNull();
  });

  it("a draft left in the tab is never restored for another user, however they signed in", async () => {
    seedDraft(onVSwitch0, [], HOST, "admins-key");
    sessionStorage.setItem("addnet.owner", ADMIN.user.name);
    // The administrator's session ended without a sign-out reaching addnet; the help-desk user is signed in now.
    const api = wizardApi();
    api.on("GET", "/api/v1/session", HELPDESK);
    renderApp("/");
    await waitFor(() => expect(sessionStorage.getItem("addnet.owner")).toBe(HELPDESK.user.name));
    expect(readDraft()).toBeNull();
    // A user's own draft stays theirs.
    seedDraft(onVSwitch0, [], HOST, "helpdesks-key");
    claimUserStorage(HELPDESK.user.name);
    expect(readDraft()?.idempotencyKey).toBe("helpdesks-key");
  });

  it("a read that meets the ended session (the preflight) is retried after signing in; the typed label is still in the run", async () => {
    const api = wizardApi();
    api.on("POST", "/api/v1/session", RENEWED);
    api.sequence("POST", "/api/v1/hosts/host-12/vmkernel-adapters/preflight", expired, () => json(200, preflightResult()));
    seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } });
    const { user } = await openPage("port-properties");
    const label = await dialog().findByLabelText("Network label");
    await user.clear(label);
    await user.type(label, "Half-typ");
    // Next leads to IPv4 settings, then Ready to complete, where the preflight read meets the ended session.
    await clickNext(user);
    await expectPage("IPv4 settings");
    await clickNext(user);
    await screen.findByRole("alertdialog", { name: "Your session has expired" });
    await signInAgain(user);
    expect(await dialog().findByText("The host accepts these settings.")).toBeInTheDocument();
    expect(dialog().getByText("Half-typ")).toBeInTheDocument();
  });

  it("signing out from the dialog goes to the sign-in page", async () => {
    const api = wizardApi();
    api.on("POST", "/api/v1/hosts/host-12/vmkernel-adapters/preflight", expired);
    seedDraft({ targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } });
    const { user, router } = await openPage("ready-to-complete");
    const box = within(await screen.findByRole("alertdialog", { name: "Your session has expired" }));
    api.on("GET", "/api/v1/session", () => problemResponse(problem(401, "NOT_SIGNED_IN")));
    await user.click(box.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"));
  });
});
