import type { i18n } from "i18next";
import { BrowserRouter } from "react-router";

import type { SessionStore } from "../lib/auth.ts";
import { AppProvider } from "./provider.tsx";
import { AppRoutes } from "./router.tsx";

export function App({ i18n, session }: { i18n: i18n; session: SessionStore }) {
  return (
    <AppProvider i18n={i18n} session={session}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProvider>
  );
}
