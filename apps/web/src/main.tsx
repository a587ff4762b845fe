// First, so that it runs before the rest: it starts downloading a host page's route modules.
import "./app/route-preload.ts";
import "./styles/clarity.scss";
import "./styles/app.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/app.tsx";
import { createQueryClient } from "./app/provider.tsx";
import { createAppRouter } from "./app/router.tsx";
import { initI18n } from "./lib/i18n-setup.ts";

// The router starts at once (it fetches the page's route modules); the first render waits for the user's catalogue,
// which is bundled unless it is Japanese.
const router = createAppRouter();
void initI18n().then((i18n) =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App i18n={i18n} queryClient={createQueryClient()} router={router} />
    </StrictMode>,
  ),
);
