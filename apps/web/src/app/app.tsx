import type { QueryClient } from "@tanstack/react-query";
import type { i18n } from "i18next";
import { RouterProvider } from "react-router/dom";

import { AppProvider } from "./provider.tsx";
import type { createAppRouter } from "./router.tsx";

export function App({ i18n, queryClient, router }: { i18n: i18n; queryClient: QueryClient; router: ReturnType<typeof createAppRouter> }) {
  return (
    <AppProvider i18n={i18n} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
