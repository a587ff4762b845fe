import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API (apps/api) serves /api on the same origin in production; in development Vite forwards it.
export default defineConfig({
  plugins: [react()],
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
  },
});
