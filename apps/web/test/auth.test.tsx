import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { ADMIN, problem } from "./fixtures.ts";
import { json, MockApi, problemResponse } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

function signedOutApi() {
  const api = new MockApi();
  // Nobody signed in: the API answers 204 No Content.
  api.on("GET", "/api/v1/session", () => json(204, null));
  api.on("GET", "/api/v1/hosts", { items: [], total: 0, nextCursor: null });
  return api.install();
}

describe("sign-in", () => {
  it("shows User name, Password and Log in, and sends no CSRF token with the login", async () => {
    const api = signedOutApi();
    api.on("POST", "/api/v1/session", ADMIN);
    const { user, router } = renderApp("/");
    expect(await screen.findByLabelText("User name")).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    await user.type(screen.getByLabelText("User name"), "administrator@vsphere.local");
    await user.type(screen.getByLabelText("Password"), "VMware1!");
    await user.click(screen.getByRole("button", { name: "Log in" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    const [login] = api.callsTo("POST", "/api/v1/session");
    expect(login!.body).toEqual({ username: "administrator@vsphere.local", password: "VMware1!" });
    expect(login!.headers["x-csrf-token"]).toBeUndefined();
    expect(login!.headers["content-type"]).toBe("application/json");
  });

  it("says plainly when vCenter rejects the user name or password", async () => {
    const api = signedOutApi();
    api.on("POST", "/api/v1/session", () =>
      problemResponse(problem(401, "INVALID_LOGIN", { detail: "Cannot complete login due to an incorrect user name or password." })),
    );
    const { user } = renderApp("/login");
    await user.type(await screen.findByLabelText("User name"), "administrator@vsphere.local");
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Cannot complete login due to an incorrect user name or password.");
  });

  it("checks for a missing user name or password before sending, in the shared login messages' words", async () => {
    const api = signedOutApi();
    const { user } = renderApp("/login");
    await user.click(await screen.findByRole("button", { name: "Log in" }));
    expect(await screen.findByText("Enter your user name.")).toBeInTheDocument();
    expect(screen.getByText("Enter your password.")).toBeInTheDocument();
    expect(api.callsTo("POST", "/api/v1/session")).toHaveLength(0);
  });

  it("signs out with the CSRF token and returns to the sign-in page", async () => {
    const api = defaultApi();
    api.on("GET", "/api/v1/hosts", { items: [], total: 0, nextCursor: null });
    const { user, router } = renderApp("/");
    await user.click(await screen.findByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"));
    const [del] = api.callsTo("DELETE", "/api/v1/session");
    expect(del!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);
    expect(del!.headers["content-type"]).toBe("application/json");
  });
});
