import { act, render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLayoutEffect } from "react";
import { MemoryRouter, useLocation, useNavigate, type Location } from "react-router";

import { AppProvider } from "../src/app/provider.tsx";
import { AppRoutes } from "../src/app/router.tsx";
import { createI18n, type Language } from "../src/lib/i18n.ts";
import { setCsrfToken } from "../src/lib/api-client.ts";
import { createSessionStore } from "../src/lib/auth.ts";
import { ADMIN, networking } from "./fixtures.ts";
import { json, MockApi } from "./mock-api.ts";

export interface RenderOptions {
  language?: Language;
}

/** What the tests see of the router: the location on screen, and the browser's back and forward. */
export interface TestRouter {
  state: { location: Location };
  navigate: (delta: number) => Promise<void>;
}

function RouterProbe({ router }: { router: TestRouter }) {
  const location = useLocation();
  const navigate = useNavigate();
  useLayoutEffect(() => {
    router.state.location = location;
    router.navigate = (delta) => act(async () => void navigate(delta));
  });
  return null;
}

/** The whole app at a URL, in a memory router, against the mocked API. */
export function renderApp(path: string, options: RenderOptions = {}) {
  setCsrfToken(undefined);
  const i18n = createI18n(options.language ?? "en");
  const session = createSessionStore();
  const router = { state: {} } as TestRouter;
  const user = userEvent.setup({ delay: null });
  const view = render(
    <AppProvider i18n={i18n} session={session}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <RouterProbe router={router} />
      </MemoryRouter>
    </AppProvider>,
  );
  return { ...view, user, router, i18n };
}

/** A signed-in administrator and esx-01's networking, unless the test says otherwise. */
export function defaultApi(): MockApi {
  const api = new MockApi();
  api.on("GET", "/api/v1/session", ADMIN);
  api.on("GET", "/api/v1/hosts/host-12/networking", networking());
  api.on("DELETE", "/api/v1/session", () => json(204, null));
  return api.install();
}
