/**
 * Imported first by main.tsx and built into a chunk of its own (vite.config.ts), so that it runs before the rest of
 * the app's code: a host's pages need two route modules that the router asks for only once all that code has run.
 * Asking here downloads them meanwhile; the router's lazy routes then import the modules the browser already has.
 * Any other page needs no module beyond the entry's before its first render, or only a small one.
 */
if (/^\/hosts\/[^/]+/.test(location.pathname)) {
  // A failed download is the router's to report, when it imports the module itself.
  import("./routes/host.tsx").catch(() => undefined);
  import("./routes/networking-views.tsx").catch(() => undefined);
}
