import { Component, useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";

import { Alert } from "../../components/ui/alert.tsx";
import { Spinner } from "../../components/ui/spinner.tsx";
import { paths } from "../../config/paths.ts";

/** Every page: the document title in the user's language. */
export function RootLayout() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t("app.title");
  }, [t, i18n.language]);
  return <Outlet />;
}

function RouteError() {
  const { t } = useTranslation();
  return (
    <main className="content-area">
      <h1>{t("errors.pageTitle")}</h1>
      <Alert status="danger">{t("errors.unexpected")}</Alert>
      <Link to={paths.inventory}>{t("nav.backToHosts")}</Link>
    </main>
  );
}

interface RouteErrorBoundaryState {
  failed: boolean;
  /** The location the page failed at: another one renders again. */
  location: string;
}

/** A page that fails to render (or whose code fails to load) gives way to the error page, until the user goes elsewhere. */
export class RouteErrorBoundary extends Component<{ location: string; children: ReactNode }, RouteErrorBoundaryState> {
  override state: RouteErrorBoundaryState = { failed: false, location: this.props.location };

  static getDerivedStateFromError(): Partial<RouteErrorBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { location: string }, state: RouteErrorBoundaryState): Partial<RouteErrorBoundaryState> | null {
    return props.location === state.location ? null : { failed: false, location: props.location };
  }

  override render() {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
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
