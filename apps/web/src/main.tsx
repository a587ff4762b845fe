// First, so that it runs before the rest (index.html runs it even sooner, as an async module: vite.config.ts).
import "./app/preload.ts";
import "./styles/clarity.scss";
import "./styles/app.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/app.tsx";
import { loadRoutes } from "./app/router.tsx";
import { createSessionStore } from "./lib/auth.ts";
import { initI18n } from "./lib/i18n-setup.ts";

// The session is read at once; the first render waits for the user's catalogue (bundled unless it is Japanese), for
// the code of the page's routes and for the session's answer, which starts the page's reads when someone is signed in.
const session = createSessionStore();
void Promise.all([initI18n(), loadRoutes(location.pathname, session.signedIn)]).then(([i18n]) =>
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App i18n={i18n} session={session} />
    </StrictMode>,
  ),
);
