import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, isRouteErrorResponse, useNavigate, useRouteError } from "react-router";

import { Alert } from "../../components/ui/alert.tsx";
import { Spinner } from "../../components/ui/spinner.tsx";
import { paths } from "../../config/paths.ts";
import { useLogout } from "../../features/auth/api/logout.ts";
import { SessionExpiredDialog } from "../../features/auth/components/session-expired-dialog.tsx";
import { claimUserStorage, useSession } from "../../lib/auth.ts";
import { queryKeys } from "../../lib/query-keys.ts";

/** Every page: the document title in the user's language, and the sign-in dialog for an ended session. */
export function RootLayout() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const logout = useLogout();
  useEffect(() => {
    document.title = t("app.title");
  }, [t, i18n.language]);
  return (
    <>
      <Outlet />
      <SessionExpiredDialog
        username={session.data?.user.login}
        principal={session.data?.user.name}
        onSignedIn={(info) => queryClient.setQueryData(queryKeys.session, info)}
        onOtherUser={async (info) => {
          // The new user starts clean: at the hosts list, without the previous user's queries or drafts.
          await navigate(paths.inventory, { replace: true });
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
          claimUserStorage(info.user.name);
        }}
        // Signed out or not, the user goes to the login page; that navigation's promise has nothing to report.
        onSignOut={() => logout.mutate(undefined, { onSettled: () => void navigate(paths.login, { replace: true }) })}
      />
    </>
  );
}

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <main className="content-area">
      <h1>{t("errors.pageTitle")}</h1>
      <Alert status="danger">
        {isRouteErrorResponse(error) && error.status === 404 ? t("errors.pageNotFound") : t("errors.unexpected")}
      </Alert>
      <Link to={paths.inventory}>{t("nav.backToHosts")}</Link>
    </main>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="content-area">
      <h1>{t("errors.pageTitle")}</h1>
      <p>{t("errors.pageNotFound")}</p>
      <Link to={paths.inventory}>{t("nav.backToHosts")}</Link>
    </main>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return <Spinner label={t("common.loading")} />;
}
