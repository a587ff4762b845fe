import { createElement, lazy, Suspense, useState, type ComponentType } from "react";
import { matchRoutes, Navigate, useLocation, useRoutes, type Params, type RouteObject } from "react-router";

import { LoginRoute } from "./routes/login.tsx";
import { Loading, NotFound, RootLayout, RouteErrorBoundary } from "./routes/root.tsx";

interface RouteHandle {
  /** Loads the route's module. */
  load: () => Promise<unknown>;
  /** Starts the reads the page needs, for the page the app opens on (once `load` has loaded the module). */
  prefetch?: (params: Params) => void;
}

/**
 * A route whose component comes from a module loaded on demand: the sign-in page's code does not carry the signed-in
 * app. Once loaded, the component renders at once; before, it suspends (React.lazy). `prefetch` starts its page's reads.
 */
function lazyRoute<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
  prefetch?: (module: M, params: Params) => void,
): Pick<RouteObject, "element" | "handle"> {
  let module: M | undefined;
  let loaded: ComponentType | undefined;
  const loadComponent = async () => (loaded = pick((module = await load())));
  const Lazy = lazy(async () => ({ default: await loadComponent() }));
  function Route() {
    // Decided once, so that a page that came through React.lazy is not mounted anew (losing its state) when it renders again.
    const [ready] = useState(() => loaded);
    return ready ? createElement(ready) : <Lazy />;
  }
  const handle: RouteHandle = { load: loadComponent, ...(prefetch && { prefetch: (params) => module && prefetch(module, params) }) };
  return { element: <Route />, handle };
}

const networkingViews = () => import("./routes/networking-views.tsx");

/**
 * The routes. Past the sign-in page every page loads on demand (the signed-in frame first); the wizard has one URL
 * per page (…/vmkernel-adapters/add-networking/<page>), so the browser's back and forward move through it.
 */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    children: [
      { path: "/login", element: <LoginRoute /> },
      {
        ...lazyRoute(
          () => import("./routes/app-layout.tsx"),
          (m) => m.AppLayout,
        ),
        children: [
          {
            index: true,
            ...lazyRoute(
              () => import("./routes/inventory.tsx"),
              (m) => m.InventoryRoute,
            ),
          },
          {
            path: "hosts/:hostId",
            ...lazyRoute(
              () => import("./routes/host.tsx"),
              (m) => m.HostRoute,
              (m, { hostId = "" }) => m.prefetchHostRoute(hostId),
            ),
            children: [
              { index: true, element: <Navigate to="networking/vmkernel-adapters" replace /> },
              { path: "networking", element: <Navigate to="vmkernel-adapters" replace /> },
              { path: "networking/virtual-switches", ...lazyRoute(networkingViews, (m) => m.VirtualSwitchesRoute) },
              {
                path: "networking/vmkernel-adapters",
                ...lazyRoute(networkingViews, (m) => m.VmkernelAdaptersRoute),
                children: [{ path: "add-networking/:pageId?", ...lazyRoute(networkingViews, (m) => m.AddNetworkingRoute) }],
              },
              { path: "networking/physical-adapters", ...lazyRoute(networkingViews, (m) => m.PhysicalAdaptersRoute) },
              {
                path: "networking/tcpip-configuration",
                ...lazyRoute(networkingViews, (m) => m.TcpipConfigurationRoute),
                children: [{ path: ":stackKey/edit", ...lazyRoute(networkingViews, (m) => m.EditTcpipStackRoute) }],
              },
            ],
          },
          {
            path: "add-networking/:runId/:pageId?",
            ...lazyRoute(
              () => import("./routes/rollout.tsx"),
              (m) => m.RolloutRoute,
            ),
          },
          {
            path: "audit",
            ...lazyRoute(
              () => import("./routes/audit.tsx"),
              (m) => m.AuditRoute,
            ),
          },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
];

/**
 * Loads the modules of the routes `pathname` shows and, if `signedIn` says so, starts the reads their pages need. The
 * app renders its first page once this has settled (the modules are there, the reads under way): a page that suspended
 * would show the spinner and then, by React's throttling of Suspense fallbacks, the page no sooner than 300 ms later;
 * a read started after the page's own query would be an old answer to its next fetch. (The session is read first, by
 * preload.ts, and is there before the code.)
 */
export async function loadRoutes(pathname: string, signedIn: Promise<boolean>): Promise<void> {
  const matches = (matchRoutes(routes, pathname) ?? []).map((m) => ({
    handle: m.route.handle as RouteHandle | undefined,
    params: m.params,
  }));
  // A module that fails to load is the route's to report, when it renders.
  await Promise.all(matches.map(({ handle }) => handle?.load().catch(() => undefined)));
  if (await signedIn) for (const { handle, params } of matches) handle?.prefetch?.(params);
}

/**
 * The page of the URL. Navigations are transitions (the router's), so a page whose code is still loading leaves the
 * previous one in place; only the first page shows the spinner meanwhile.
 */
export function AppRoutes() {
  const location = useLocation();
  return (
    <RouteErrorBoundary location={location.key}>
      <Suspense fallback={<Loading />}>{useRoutes(routes, location)}</Suspense>
    </RouteErrorBoundary>
  );
}
