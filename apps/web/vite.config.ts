import { fileURLToPath } from "node:url";

import purgeCss from "@fullhuman/postcss-purgecss";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { compression } from "vite-plugin-compression2";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Classes the code builds from a value (`btn-${variant}`, `alert-${status}`, …), which PurgeCSS cannot see in the
 * source: each prefix with the values its component's type allows.
 */
const DYNAMIC_CLASSES = [
  /^btn-(primary|outline|link|danger|success|outline-danger)$/, // components/ui/button.tsx
  /^alert-(info|success|warning|danger)$/, // components/ui/alert.tsx
  /^label-(info|success|warning|danger)$/, // components/ui/badge.tsx
  /^modal-(sm|lg|xl)$/, // components/ui/modal.tsx
  /^uplink-(active|standby|unused)$/, // host-networking's switch topology
];

/**
 * The build keeps only the CSS selectors the app's markup can match: Clarity ships far more than addnet uses. A
 * selector survives if its classes, ids and elements appear in index.html or the sources; custom properties and
 * keyframes survive if a kept rule uses them. Font faces all stay: Clarity names Metropolis through a custom property,
 * which PurgeCSS's font-face check does not follow.
 */
function unusedCss(): Plugin {
  return {
    name: "addnet:unused-css",
    apply: "build",
    config: () => ({
      css: {
        postcss: {
          plugins: [
            purgeCss({
              content: [here("./index.html"), here("./src/**/*.{ts,tsx}")],
              skippedContentGlobs: ["**/*.test.ts", "**/*.test.tsx"],
              safelist: { standard: DYNAMIC_CLASSES },
              variables: true,
              keyframes: true,
            }),
          ],
        },
      },
    }),
  };
}

/**
 * index.html runs the preload chunk (src/app/preload.ts) as an async module: it runs as soon as it has arrived, where
 * the entry's module graph runs only once all of it has been downloaded and compiled. It is the same module the entry
 * imports (same URL), so it runs once.
 */
function earlyScript(): Plugin {
  return {
    name: "addnet:early-script",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (_html, ctx) => {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === "chunk" && c.name === "preload");
        if (!chunk) throw new Error("no preload chunk in the build");
        return [{ tag: "script", attrs: { type: "module", crossorigin: true, async: true, src: `/${chunk.fileName}` }, injectTo: "head" }];
      },
    },
  };
}

// The API (apps/api) serves /api on the same origin in production; in development Vite forwards it.
export default defineConfig({
  plugins: [
    react(),
    unusedCss(),
    earlyScript(),
    // Each text file also as .br and .gz (best compression, once at build time): the API sends the one the browser
    // accepts (@fastify/static preCompressed). Files that would not get smaller keep only their original.
    compression({ algorithms: ["brotliCompress", "gzip"], logLevel: "silent" }),
  ],
  resolve: {
    alias: { "use-sync-external-store/shim": here("./src/lib/use-sync-external-store-shim.ts") },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
  css: {
    // Clarity's SCSS uses Sass features that now warn; they are Clarity's to update, not ours.
    preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ["import", "global-builtin", "color-functions", "if-function"] } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      // @addnet/contracts only declares schemas and texts: a page that uses none of a module's exports does not load it.
      treeshake: { moduleSideEffects: [{ test: /\/packages\/contracts\/src\//, sideEffects: false }] },
      output: {
        // src/app/preload.ts with what it uses (its store of reads, Vite's helper for dynamic imports) in a chunk of its
        // own, which imports nothing: index.html runs it as soon as it arrives (earlyScript).
        codeSplitting: {
          groups: [
            { name: "preload", test: /\/src\/app\/preload\.ts$|\/src\/lib\/preloaded-reads\.ts$|vite\/preload-helper/ },
            // Everything else the entry imports (React, the router, i18next, the sign-in page, the shared messages) in the
            // entry's one file, not split into the parts the lazy chunks share with it: index.html asks for three files
            // (this, the preload chunk, the CSS) and the session read, which the browser's six connections take at once.
            { name: "app", tags: ["$initial"] },
            // What every signed-in page needs and the sign-in page does without (the libraries, the shared schemas, the
            // signed-in frame with Recent Tasks, a host's page frame and the small parts the pages share), in one file
            // rather than many small ones: a cold load of a page asks for fewer files, all at once (a host's wizard: this,
            // the networking views and the wizard). Nothing the entry imports lands here (the group above takes it first).
            {
              name: "signed-in",
              test: new RegExp(
                [
                  /\/node_modules\/.*\/(@tanstack\/(query-core|react-query)|zod|react-hook-form|@hookform\/resolvers)\//,
                  /\/packages\/contracts\/src\/(?!messages\.ts$|export\/)/,
                  /\/src\/lib\/(response-schemas|query-keys)\.ts$/,
                  /\/src\/app\/(query-client|routes\/app-layout)\.tsx$/,
                  /\/src\/features\/auth\/(api\/logout\.ts|components\/session-expired-dialog\.tsx)$/,
                  /\/src\/components\/(ui\/modal|ui\/badge|ui\/tabs|host-state-labels|rollout-host-state)\.tsx$/,
                  /\/src\/features\/recent-tasks\//,
                  /\/src\/app\/routes\/host\.tsx$/,
                  /\/src\/features\/host-networking\/(api\/get-host-networking\.ts|components\/networking-nav\.tsx)$/,
                  /\/src\/features\/plan-export\/(index\.ts|components\/)/,
                ]
                  .map((r) => r.source)
                  .join("|"),
              ),
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
});
