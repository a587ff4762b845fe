import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { expect } from "vitest";

import { defaultWizardValues, type WizardValues } from "../../src/features/add-networking/model/form-values.ts";
import type { WizardPageId } from "../../src/features/add-networking/model/pages.ts";
import {
  addedUplinks,
  createdAdapter,
  createdPortGroup,
  physicalAdapterPreflight,
  portGroupPreflight,
  preflightResult,
} from "../fixtures.ts";
import { json, type MockApi } from "../mock-api.ts";
import { defaultApi, renderApp, type RenderOptions } from "../render.tsx";

export const HOST = "host-12";
export const wizardUrl = (page: string, host = HOST) => `/hosts/${host}/networking/vmkernel-adapters/add-networking/${page}`;

type DeepPartialValues = { [K in keyof WizardValues]?: Partial<WizardValues[K]> };

/** A draft as a previous visit left it in sessionStorage (what a reload finds). */
export function seedDraft(
  values: DeepPartialValues,
  visited: WizardPageId[] = [],
  host = HOST,
  idempotencyKey = "6f1c2b4e-2d4a-4e8e-9a57-1b2c3d4e5f60",
) {
  const base = defaultWizardValues();
  const merged = Object.fromEntries(
    Object.entries(base).map(([k, v]) => [k, { ...v, ...(values as Record<string, object>)[k] }]),
  ) as unknown as WizardValues;
  sessionStorage.setItem(`addnet.wizard.${host}`, JSON.stringify({ version: 1, hostId: host, idempotencyKey, values: merged, visited }));
}

export function readDraft(host = HOST): { values: WizardValues; idempotencyKey: string; result?: unknown } | null {
  const raw = sessionStorage.getItem(`addnet.wizard.${host}`);
  return raw ? JSON.parse(raw) : null;
}

/** Targets an existing standard switch: the shortest valid way to the later pages. */
export const onVSwitch0: DeepPartialValues = { targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" } };

export function wizardApi(): MockApi {
  const api = defaultApi();
  api.on("POST", "/api/v1/hosts/host-12/vmkernel-adapters/preflight", preflightResult());
  api.on("POST", "/api/v1/hosts/host-12/vmkernel-adapters", () => json(201, createdAdapter()));
  api.on("POST", "/api/v1/hosts/host-12/port-groups/preflight", portGroupPreflight());
  api.on("POST", "/api/v1/hosts/host-12/port-groups", () => json(201, createdPortGroup()));
  api.on("POST", "/api/v1/hosts/host-12/physical-adapters/preflight", physicalAdapterPreflight());
  api.on("POST", "/api/v1/hosts/host-12/physical-adapters", () => json(201, addedUplinks()));
  return api;
}

export async function openPage(page: string, options: RenderOptions = {}) {
  const r = renderApp(wizardUrl(page), options);
  await screen.findByRole("dialog", { name: /Add Networking|ネットワークの追加/ });
  return r;
}

export function dialog() {
  return within(screen.getByRole("dialog", { name: /Add Networking|ネットワークの追加/ }));
}

export async function expectPage(title: string) {
  expect(await screen.findByRole("heading", { name: title, level: 3 })).toBeInTheDocument();
}

export function nextButton(name = "Next") {
  return dialog().getByRole("button", { name });
}

export async function waitNextEnabled() {
  await waitFor(() => expect(nextButton()).toBeEnabled());
}

export async function waitNextDisabled() {
  await waitFor(() => expect(nextButton()).toBeDisabled());
}

/** Next once it is enabled; `name` in the UI's language ("次へ"). */
export async function clickNext(user: UserEvent, name = "Next") {
  await waitFor(() => expect(nextButton(name)).toBeEnabled());
  await user.click(nextButton(name));
}

/** The pages the step list shows, in order. */
export function steps(): string[] {
  const nav = within(screen.getByRole("navigation", { name: /Wizard steps|ウィザードの手順/ }));
  return nav.getAllByRole("listitem").map((li) => li.textContent!.replace(/^\d+\s*/, ""));
}

/** The summary's (or the result's) rows as the page shows them: label → value. */
export function properties(): Record<string, string> {
  const rows = screen.getByRole("dialog", { name: /Add Networking|ネットワークの追加/ }).querySelectorAll(".property");
  return Object.fromEntries([...rows].map((r) => [r.querySelector("dt")!.textContent, r.querySelector("dd")!.textContent]));
}

/** The wizard's non-GET calls, in order. */
export function changes(api: MockApi): string[] {
  return api.calls.filter((c) => c.method !== "GET").map((c) => `${c.method} ${c.path}`);
}

/** A standard switch chosen through Browse ("Select Switch"), in the UI's language. */
export async function pickSwitch(
  user: UserEvent,
  name = "vSwitch0",
  browseName = "Browse standard switches",
  browseTitle = "Select Switch",
) {
  await user.click(dialog().getByRole("button", { name: browseName }));
  const browse = within(await screen.findByRole("dialog", { name: browseTitle }));
  await user.click(browse.getByRole("radio", { name }));
  await user.click(browse.getByRole("button", { name: "OK" }));
}
