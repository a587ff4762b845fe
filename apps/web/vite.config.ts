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

// The API (apps/api) serves /api on the same origin in production; in development Vite forwards it.
export default defineConfig({
  plugins: [
    react(),
    unusedCss(),
    // Each text file also as .br and .gz (best compression, once at build time): the API sends the one the browser
    // accepts (@fastify/static preCompressed). Files that would not get smaller keep only their original.
    compression({ algorithms: ["brotliCompress", "gzip"], logLevel: "silent" }),
  ],
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
        // src/app/route-preload.ts (with Vite's helper for dynamic imports, which it uses) in a chunk that the entry
        // imports first, so that it runs before the app's other chunks.
        codeSplitting: { groups: [{ name: "route-preload", test: /\/src\/app\/route-preload\.ts$|vite\/preload-helper/ }] },
      },
    },
  },
});
