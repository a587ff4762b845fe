import type { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";

import { AppProvider, createQueryClient } from "../src/app/provider.tsx";
import { routes } from "../src/app/router.tsx";
import { createI18n, type Language } from "../src/lib/i18n.ts";
import { setCsrfToken } from "../src/lib/api-client.ts";
import { ADMIN, networking } from "./fixtures.ts";
import { json, MockApi } from "./mock-api.ts";

export interface RenderOptions {
  language?: Language;
  queryClient?: QueryClient;
}

/** The whole app at a URL, in a memory router, against the mocked API. */
export function renderApp(path: string, options: RenderOptions = {}) {
  setCsrfToken(undefined);
  const i18n = createI18n(options.language ?? "en");
  const queryClient = options.queryClient ?? createQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup({ delay: null });
  const view = render(
    <AppProvider i18n={i18n} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, user, router, i18n, queryClient };
}

/** A signed-in administrator and esx-01's networking, unless the test says otherwise. */
export function defaultApi(): MockApi {
  const api = new MockApi();
  api.on("GET", "/api/v1/session", ADMIN);
  api.on("GET", "/api/v1/hosts/host-12/networking", networking());
  api.on("DELETE", "/api/v1/session", () => json(204, null));
  return api.install();
}
