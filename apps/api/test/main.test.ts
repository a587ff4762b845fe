/** `pnpm start` without VCENTER_URL: the API on the simulator it starts, sized and placed by SIM_HOSTS and SIM_PORT. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import type { HostsPage } from "@addnet/contracts";
import { describe, expect, it } from "vitest";

import { HttpBrowser } from "../../../test/support/http-browser.ts";
import { collect, started, stopChild } from "../../../test/support/services.ts";
import { ADMIN } from "./helpers.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

describe("main.ts on its own simulator", () => {
  it("starts a simulator of SIM_HOSTS hosts on SIM_PORT and serves it", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { PATH: process.env.PATH, PORT: "0", SIM_PORT: "0", SIM_HOSTS: "40", DATABASE_URL: ":memory:", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = collect(child);
    try {
      await started("the API", child, output, () => /addnet: http:\S+/.test(output()));
      expect(output()).toMatch(/Simulated vCenter: http:\/\/127\.0\.0\.1:(?!8989)\d+\/sdk/);
      const browser = new HttpBrowser(/addnet: (http:\S+)\//.exec(output())![1]!);
      expect((await browser.login(ADMIN)).status).toBe(200);
      const page = (await (await browser.request("GET", "/api/v1/hosts?limit=100")).json()) as HostsPage;
      expect(page.total).toBe(40);
    } finally {
      await stopChild(child);
    }
  }, 60_000);
});
