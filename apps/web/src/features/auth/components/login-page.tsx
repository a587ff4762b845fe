import type { SessionInfo } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

import { LoginForm } from "./login-form.tsx";

/** The sign-in page, in Clarity's login layout. */
export function LoginPage({ onSuccess }: { onSuccess: (info: SessionInfo) => void }) {
  const { t } = useTranslation();
  return (
    <main className="login-wrapper">
      <div className="login">
        <section className="title">
          <h1 className="welcome">{t("auth.welcome")}</h1>
          <span className="hint">{t("auth.hint")}</span>
        </section>
        <LoginForm onSuccess={onSuccess} />
      </div>
    </main>
  );
}
