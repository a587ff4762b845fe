/**
 * `pnpm start` without VCENTER_URL: the API on the simulator it starts, sized and placed by SIM_HOSTS and SIM_PORT; and
 * its end on Ctrl-C or SIGTERM, with exit code 0 so that pnpm reports no failure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

import type { HostsPage } from "@addnet/contracts";
import { describe, expect, it } from "vitest";

import { HttpBrowser } from "../../../test/support/http-browser.ts";
import { collect, started, stopChild } from "../../../test/support/services.ts";
import { ADMIN } from "./helpers.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const ENV = { PATH: process.env.PATH, PORT: "0", SIM_PORT: "0", DATABASE_URL: ":memory:", LOG_LEVEL: "warn" };

/** Waits for the API to say where it listens; the child's output so far, and its exit. */
async function startedApi(child: ChildProcess) {
  const output = collect(child);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  await started("the API", child, output, () => /addnet: http:\S+/.test(output()));
  return { output, exit };
}

describe("main.ts on its own simulator", () => {
  it("starts a simulator of SIM_HOSTS hosts on SIM_PORT and serves it", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      env: { ...ENV, SIM_HOSTS: "40" },
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

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`closes and exits with 0 on ${signal}, also when a second one comes while it closes (pnpm passes Ctrl-C on)`, async () => {
      const child = spawn(process.execPath, ["--import", "tsx", MAIN], { env: ENV, stdio: ["ignore", "pipe", "pipe"] });
      try {
        const { output, exit } = await startedApi(child);
        // A request still being received keeps the API closing until it ends, so that the second signal comes mid-close.
        const port = Number(/addnet: http:\/\/[^:]+:(\d+)/.exec(output())![1]);
        const request = connect(port, "127.0.0.1");
        await once(request, "connect");
        request.write(
          `POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`,
        );
        child.kill(signal);
        await sleep(300);
        child.kill(signal);
        await sleep(100);
        request.destroy();
        expect(await exit, output()).toEqual({ code: 0, signal: null });
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
    }, 60_000);
  }

  it("`pnpm --filter @addnet/api start` ends with 0 on Ctrl-C, with no lifecycle failure (ELIFECYCLE)", async () => {
    // Its own process group, as a terminal's foreground job: Ctrl-C signals pnpm and the API, and pnpm passes it on.
    const child = spawn("pnpm", ["--filter", "@addnet/api", "start"], {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)),
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      const { output, exit } = await startedApi(child);
      process.kill(-child.pid!, "SIGINT");
      expect(await exit, output()).toEqual({ code: 0, signal: null });
      expect(output()).not.toMatch(/ELIFECYCLE|ERR_PNPM/);
    } finally {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // ESRCH: the whole group has ended.
      }
    }
  }, 60_000);
});
