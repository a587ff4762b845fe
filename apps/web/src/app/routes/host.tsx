import type { HostNetworking } from "@addnet/contracts";
import { useDeferredValue } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useOutletContext, useParams } from "react-router";

import { HostStateLabels } from "../../components/host-state-labels.tsx";
import { Alert } from "../../components/ui/alert.tsx";
import { Spinner } from "../../components/ui/spinner.tsx";
import { isAddNetworkingPath, paths } from "../../config/paths.ts";
import { readHostNetworkingFirst, useHostNetworking } from "../../features/host-networking/api/get-host-networking.ts";
import { NetworkingNav } from "../../features/host-networking/components/networking-nav.tsx";
import { describeError } from "../../lib/errors.ts";

/** The networking of the host in the URL, for the views and dialogs under it. */
export function useRouteNetworking(): HostNetworking {
  return useOutletContext<HostNetworking>();
}

/** What the page needs before it renders, when the app opens on it (router.tsx). */
export function prefetchHostRoute(hostId: string): void {
  readHostNetworkingFirst(hostId);
}

/** A host's Configure tab → Networking, with the view of the URL beside the Networking list. */
export function HostRoute() {
  const { t } = useTranslation();
  const { hostId = "" } = useParams();
  const networking = useHostNetworking(hostId);
  // Opened at the wizard's address, the page behind the wizard renders just after it: the wizard is usable one render sooner.
  const pageShown = useDeferredValue(true, !isAddNetworkingPath(useLocation().pathname));

  return (
    <div className="host-page">
      {pageShown && (
        <nav className="breadcrumb" aria-label={t("nav.breadcrumb")}>
          <Link to={paths.inventory}>{t("nav.hosts")}</Link>
        </nav>
      )}
      {networking.isPending && <Spinner label={t("common.loading")} />}
      {networking.isError && <Alert status="danger">{describeError(t, networking.error)}</Alert>}
      {networking.data && (
        <>
          {pageShown && (
            <>
              <div className="host-title">
                <h1>{networking.data.host.name}</h1>
                <HostStateLabels host={networking.data.host} />
                {networking.data.host.version && (
                  <span className="subtle">{t("inventory.version", { version: networking.data.host.version })}</span>
                )}
              </div>
              <ul className="nav" role="presentation">
                <li className="nav-item" role="presentation">
                  <span className="nav-link active" aria-current="page">
                    {t("hostNetworking.configure")}
                  </span>
                </li>
              </ul>
            </>
          )}
          <div className="host-configure">
            {pageShown && <NetworkingNav hostId={networking.data.host.id} />}
            <div className="host-view">
              <Outlet context={networking.data} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
