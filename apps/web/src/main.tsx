import "./styles/clarity.scss";
import "./styles/app.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/app.tsx";
import { createQueryClient } from "./app/provider.tsx";
import { createAppRouter } from "./app/router.tsx";
import { createI18n } from "./lib/i18n.ts";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App i18n={createI18n()} queryClient={createQueryClient()} router={createAppRouter()} />
  </StrictMode>,
);
