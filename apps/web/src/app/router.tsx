import { Navigate, createBrowserRouter, type RouteObject } from "react-router";

import { AppLayout } from "./routes/app-layout.tsx";
import { LoginRoute } from "./routes/login.tsx";
import { Loading, NotFound, RootLayout, RouteError } from "./routes/root.tsx";

/**
 * The routes. Host pages load on demand; the wizard has one URL per page
 * (…/vmkernel-adapters/add-networking/<page>), so the browser's back and forward move through it.
 */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { path: "/login", element: <LoginRoute /> },
      {
        element: <AppLayout />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import("./routes/inventory.tsx")).InventoryRoute }) },
          {
            path: "hosts/:hostId",
            lazy: async () => ({ Component: (await import("./routes/host.tsx")).HostRoute }),
            children: [
              { index: true, element: <Navigate to="networking/vmkernel-adapters" replace /> },
              { path: "networking", element: <Navigate to="vmkernel-adapters" replace /> },
              {
                path: "networking/virtual-switches",
                lazy: async () => ({ Component: (await import("./routes/networking-views.tsx")).VirtualSwitchesRoute }),
              },
              {
                path: "networking/vmkernel-adapters",
                lazy: async () => ({ Component: (await import("./routes/networking-views.tsx")).VmkernelAdaptersRoute }),
                children: [
                  {
                    path: "add-networking/:pageId?",
                    lazy: async () => ({ Component: (await import("./routes/networking-views.tsx")).AddNetworkingRoute }),
                  },
                ],
              },
              {
                path: "networking/physical-adapters",
                lazy: async () => ({ Component: (await import("./routes/networking-views.tsx")).PhysicalAdaptersRoute }),
              },
              {
                path: "networking/tcpip-configuration",
                lazy: async () => ({ Component: (await import("./routes/networking-views.tsx")).TcpipConfigurationRoute }),
                children: [
                  {
                    path: ":stackKey/edit",
                    lazy: async () => ({ Component: (await import("./routes/networking-views.tsx")).EditTcpipStackRoute }),
                  },
                ],
              },
            ],
          },
          { path: "audit", lazy: async () => ({ Component: (await import("./routes/audit.tsx")).AuditRoute }) },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
