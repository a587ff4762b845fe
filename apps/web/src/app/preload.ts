/**
 * Runs before the rest of the app: index.html loads its chunk as an async module (vite.config.ts), which runs as soon
 * as it arrives, while the app's larger chunks are still downloading and compiling. It starts what the page's first
 * render will wait for, so that the app finds it under way or done: the session read and, past the sign-in page, the
 * signed-in pages' code (the routes' modules, as router.tsx's loadRoutes would ask for them, and the schemas the
 * session's answer is checked with); on a host's pages also the host's networking, once the session answers that
 * someone is signed in (a signed-out visitor's console stays clean).
 */
import { preloadRead } from "../lib/preloaded-reads.ts";

// zod probes for eval (new Function) as it builds its first object schema, to compile faster parsers with it. The
// API's Content-Security-Policy refuses eval, so the probe only fails, and the browser reports it as a violation:
// told not to, zod does not probe. Set before the signed-in pages' code, which builds the schemas, runs; on the
// global zod reads its configuration from (as its config() sets it), so that this page loads none of zod.
((globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig ??= {}).jitless = true;

// A failed download is reported where the module is imported again, by the router or the API client.
const ignore = () => undefined;
// First, so that it is not queued behind the modules' downloads (a browser opens only a few connections to a host).
// index.html's <link rel="preload"> has had the browser ask already, as it read the page: this read takes its answer.
const session = preloadRead("/session");
session.catch(ignore);
const path = location.pathname;
if (path !== "/login") {
  import("../lib/response-schemas.ts").catch(ignore);
  import("./routes/app-layout.tsx").catch(ignore);
  if (path === "/") import("./routes/inventory.tsx").catch(ignore);
  if (path === "/audit") import("./routes/audit.tsx").catch(ignore);
}
const host = /^\/hosts\/([^/]+)/.exec(path)?.[1];
if (host) {
  import("./routes/host.tsx").catch(ignore);
  import("./routes/networking-views.tsx").catch(ignore);
  // The same path as the API client builds from the router's (decoded) parameter.
  const hostId = encodeURIComponent(decodeURIComponent(host));
  const signedIn = session.then(
    (res) => res?.status === 200,
    () => false,
  );
  preloadRead(`/hosts/${hostId}/networking`, signedIn).catch(ignore);
}
