import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
          // The web app's tests run in their own project (jsdom, React): apps/web/vitest.config.ts.
          exclude: [...configDefaults.exclude, "apps/web/**"],
        },
      },
      "apps/web/vitest.config.ts",
    ],
  },
});
