import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";

import { LanguageSwitch } from "../../components/language-switch.tsx";
import { Spinner } from "../../components/ui/spinner.tsx";
import { paths } from "../../config/paths.ts";
import { LoginPage } from "../../features/auth/components/login-page.tsx";
import { claimUserStorage, useSession } from "../../lib/auth.ts";

interface FromState {
  from?: { pathname: string; search?: string };
}

export function LoginRoute() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as FromState | null)?.from;
  const target = from ? `${from.pathname}${from.search ?? ""}` : paths.inventory;

  if (session.isPending) return <Spinner label={t("common.loading")} />;
  if (session.data) return <Navigate to={target} replace />;
  return (
    <div className="login-route">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <LoginPage
        onSuccess={(info) => {
          claimUserStorage(info.user.name);
          void navigate(target, { replace: true });
        }}
      />
    </div>
  );
}
