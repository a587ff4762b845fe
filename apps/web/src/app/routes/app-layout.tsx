import { useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";

import { LanguageSwitch } from "../../components/language-switch.tsx";
import { Alert } from "../../components/ui/alert.tsx";
import { Spinner } from "../../components/ui/spinner.tsx";
import { isAddNetworkingPath, paths } from "../../config/paths.ts";
import { useLogout } from "../../features/auth/api/logout.ts";
import { SessionExpiredDialog } from "../../features/auth/components/session-expired-dialog.tsx";
import { RecentTasksPanel } from "../../features/recent-tasks/components/recent-tasks-panel.tsx";
import { claimUserStorage, useSession } from "../../lib/auth.ts";
import { describeError } from "../../lib/errors.ts";
import { SignedInQueries } from "../query-client.tsx";

/** The signed-in pages, with their reads' cache. */
export function AppLayout() {
  return (
    <SignedInQueries>
      <SignedInFrame />
    </SignedInQueries>
  );
}

/**
 * The signed-in frame: the vSphere Client-style header (hosts, language, user, sign out) over the page, the Recent
 * Tasks panel under it, and the sign-in dialog for a session that vCenter ended.
 */
function SignedInFrame() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const queryClient = useQueryClient();
  // Settles a navigation once its page is on screen (the router's navigations are transitions: the previous page
  // stays until the next one's code has loaded).
  const arrived = useRef<() => void>(undefined);
  // Recent Tasks renders just after the page: the page is on screen and usable one render sooner. Opened at the
  // wizard's address, so does the header behind the wizard (host.tsx: the host's page too).
  const tasksShown = useDeferredValue(true, false);
  const headerShown = useDeferredValue(true, !isAddNetworkingPath(location.pathname));
  useEffect(() => {
    arrived.current?.();
    arrived.current = undefined;
  }, [location.key]);

  if (session.isPending) return <Spinner label={t("common.loading")} />;
  if (session.isError) return <Alert status="danger">{describeError(t, session.error)}</Alert>;
  if (!session.data)
    return <Navigate to={paths.login} replace state={{ from: { pathname: location.pathname, search: location.search } }} />;

  return (
    <div className="main-container">
      <a href="#main-content" className="skip-link">
        {t("nav.skipToContent")}
      </a>
      {headerShown && (
        <header className="header">
          <div className="branding">
            <Link to={paths.inventory} className="nav-link">
              <span className="title">{t("app.name")}</span>
            </Link>
          </div>
          <nav className="header-nav" aria-label={t("nav.main")}>
            <NavLink to={paths.inventory} end className={({ isActive }) => (isActive ? "nav-link nav-text active" : "nav-link nav-text")}>
              {t("nav.hosts")}
            </NavLink>
            <NavLink to={paths.audit} className={({ isActive }) => (isActive ? "nav-link nav-text active" : "nav-link nav-text")}>
              {t("nav.audit")}
            </NavLink>
          </nav>
          <div className="header-actions">
            <LanguageSwitch />
            <span className="nav-text user-name">{session.data.user.name}</span>
            <button
              type="button"
              className="btn btn-link sign-out"
              // Signed out or not, the user goes to the login page; that navigation's promise has nothing to report.
              onClick={() => logout.mutate(undefined, { onSettled: () => void navigate(paths.login, { replace: true }) })}
            >
              {t("auth.signOut")}
            </button>
          </div>
        </header>
      )}
      <div className="content-container">
        <main className="content-area" id="main-content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      {tasksShown && <RecentTasksPanel principal={session.data.user.name} />}
      <SessionExpiredDialog
        username={session.data.user.login}
        principal={session.data.user.name}
        onOtherUser={async (info) => {
          // The new user starts clean: at the hosts list, without the previous user's queries or drafts.
          await new Promise<void>((resolve) => {
            arrived.current = resolve;
            void navigate(paths.inventory, { replace: true });
          });
          queryClient.removeQueries();
          claimUserStorage(info.user.name);
        }}
        // Signed out or not, the user goes to the login page; that navigation's promise has nothing to report.
        onSignOut={() => logout.mutate(undefined, { onSettled: () => void navigate(paths.login, { replace: true }) })}
      />
    </div>
  );
}
