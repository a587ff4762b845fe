/**
 * The browser suite: Debian's chromium (no browser download) against the API with its built-in simulated vCenter.
 * The web server entry builds apps/web once, then starts apps/api on fixed ports with a simulator control token;
 * each test resets the simulator first (support/fixtures.ts).
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "@playwright/test";

import { launchOptions } from "./support/browser.ts";
import { API_PORT, BASE_URL, CONTROL_TOKEN, SIM_PORT } from "./support/env.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  globalSetup: "./support/global-setup.ts",
  // One simulator shared by every test: one at a time.
  fullyParallel: false,
  workers: 1,
  forbidOnly: ci,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? join(root, ".tmp", "playwright.json") }]],
  use: {
    baseURL: BASE_URL,
    locale: "en-US",
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // E2E_SKIP_BUILD=1 serves the apps/web/dist already there (e.g. right after `pnpm --filter @addnet/web build`).
    command: `${process.env.E2E_SKIP_BUILD ? "" : "pnpm --filter @addnet/web build --logLevel error && "}node --import tsx apps/api/src/main.ts`,
    cwd: root,
    url: `${BASE_URL}/`,
    reuseExistingServer: !ci,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(API_PORT),
      SIM_PORT: String(SIM_PORT),
      ADDNET_SIM_CONTROL_TOKEN: CONTROL_TOKEN,
      DATABASE_URL: join(tmpdir(), `addnet-e2e-journal-${process.pid}.sqlite`),
      // Every test signs in several times as the same users.
      LOGIN_RATE_LIMIT_PER_MINUTE: "10000",
      LOG_LEVEL: "warn",
    },
  },
});
