import type { i18n } from "i18next";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";

import { SessionContext, type SessionStore } from "../lib/auth.ts";

/** What every page has: the user's language and the session (react-query comes with the signed-in app: query-client.tsx). */
export function AppProvider({ i18n, session, children }: { i18n: i18n; session: SessionStore; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <SessionContext value={session}>{children}</SessionContext>
    </I18nextProvider>
  );
}
