/**
 * docker-compose.yml's topology, run on loopback (test/support/topology.ts): nginx with deploy/nginx.conf spreads a
 * browser's requests over three replicas of the compiled API, a replica killed outright costs the user nothing (its
 * GETs go to the others, the session is in Redis) and comes back. And the image's runtime layout: the bundles run with
 * only the production dependencies that `pnpm deploy --prod` gives.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { HttpBrowser } from "./support/http-browser.ts";
import { collect, PG_BIN, started, stopChild } from "./support/services.ts";
import { ensureBuilt, startTopology, type Topology } from "./support/topology.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ADMIN = { username: "administrator@vsphere.local", password: "VMware1!" };

/** Signed in as the administrator, or the test fails. */
async function signedIn(base: string): Promise<HttpBrowser> {
  const browser = new HttpBrowser(base);
  const res = await browser.login(ADMIN);
  expect(res.status, await res.clone().text()).toBe(200);
  return browser;
}

describe("nginx in front of three API replicas sharing Redis and PostgreSQL", () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology({ replicas: 3 });
  });
  afterAll(() => topology?.close());

  /** The replicas these access log lines name: "upstream=A, B 0.002" when A failed and B answered. */
  const upstreams = (lines: string[]) => new Set(lines.flatMap((line) => /upstream=(.+) \S+$/.exec(line)![1]!.split(", ")));

  it("spreads one user's requests over every replica", async () => {
    const browser = await signedIn(topology.url);
    const before = topology.accessLog().length;
    for (let i = 0; i < 6; i++) {
      const hosts = await browser.request("GET", "/api/v1/hosts?limit=50");
      expect(hosts.status).toBe(200);
      expect(((await hosts.json()) as { total: number }).total).toBe(9);
    }
    const ports = topology.replicas.map((r) => `127.0.0.1:${new URL(r.url).port}`);
    expect([...upstreams(topology.accessLog().slice(before))].sort()).toEqual(ports.sort());
    // The replicas keep their journal in the shared PostgreSQL (DATABASE_URL), not each in a file of its own.
    const tables = execFileSync(join(PG_BIN, "psql"), [
      topology.databaseUrl,
      "-tAc",
      "select count(*) from pg_tables where schemaname = 'public'",
    ]);
    expect(Number(tables.toString())).toBeGreaterThan(0);
  });

  it("keeps answering GETs, and the session, when a replica is killed, and takes it back once restarted", async () => {
    const browser = await signedIn(topology.url);
    const [gone] = topology.replicas;
    await gone!.kill("SIGKILL");
    for (let i = 0; i < 6; i++) {
      const session = await browser.request("GET", "/api/v1/session");
      expect(session.status, await session.clone().text()).toBe(200);
      expect(((await session.json()) as { csrfToken: string }).csrfToken).toBe(browser.csrf);
    }

    await gone!.restart();
    // nginx leaves a failed replica out for 10 s (fail_timeout), then tries it again.
    const address = `127.0.0.1:${new URL(gone!.url).port}`;
    await expect
      .poll(
        async () => {
          const before = topology.accessLog().length;
          for (let i = 0; i < 3; i++) expect((await browser.request("GET", "/api/v1/session")).status).toBe(200);
          return upstreams(topology.accessLog().slice(before)).has(address);
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(true);
  });
});

describe("the image's runtime layout", () => {
  it("runs the bundles with only `pnpm deploy --prod`'s node_modules, where the Dockerfile puts them", async () => {
    // The Dockerfile's own commands.
    const dockerfile = readFileSync(join(ROOT, "Dockerfile"), "utf8");
    expect(dockerfile).toContain("pnpm --filter @addnet/api build");
    expect(dockerfile).toContain("pnpm --filter @addnet/api deploy --prod --legacy /out");
    expect(dockerfile).toContain('CMD ["node", "dist/main.js"]');
    ensureBuilt();
    const app = mkdtempSync(join(tmpdir(), "addnet-image-"));
    const api = join(app, "apps/api");
    try {
      execFileSync("pnpm", ["--filter", "@addnet/api", "deploy", "--prod", "--legacy", api], { cwd: ROOT, stdio: "pipe" });
      expect(readdirSync(api).sort()).toEqual(["dist", "node_modules", "package.json"]);
      // The API's production dependencies and nothing else (no esbuild, no types), better-sqlite3 with its addon built.
      const { dependencies } = JSON.parse(readFileSync(join(ROOT, "apps/api/package.json"), "utf8")) as { dependencies: object };
      const installed = readdirSync(join(api, "node_modules")).filter((name) => !name.startsWith("."));
      expect(installed.sort()).toEqual([...new Set(Object.keys(dependencies).map((name) => name.split("/")[0]))].sort());
      execFileSync(process.execPath, ["-e", 'new (require("better-sqlite3"))(":memory:").close()'], { cwd: api });
      // Where the Dockerfile copies the web app: found as src/main.ts finds it.
      mkdirSync(join(app, "apps/web/dist"), { recursive: true });
      writeFileSync(join(app, "apps/web/dist/index.html"), "<!doctype html><title>addnet</title>");

      // docker-compose.yml's simulator and one API replica, started as it starts them.
      const sim = spawn(process.execPath, ["dist/sim.js", "--port", "0"], { cwd: api, stdio: ["ignore", "pipe", "pipe"] });
      const simOutput = collect(sim);
      let server: ChildProcess | undefined;
      try {
        await started("the simulator", sim, simOutput, () => simOutput().includes("SDK_URL="));
        server = spawn(process.execPath, ["dist/main.js"], {
          cwd: api,
          env: {
            PATH: process.env.PATH,
            NODE_ENV: "production",
            VCENTER_URL: /SDK_URL=(\S+)/.exec(simOutput())![1],
            HOST: "127.0.0.1",
            PORT: "0",
          },
          stdio: ["ignore", "pipe", "pipe"],
        });
        const serverOutput = collect(server);
        await started("the API", server, serverOutput, () => /addnet: http:\S+/.test(serverOutput()));
        const url = /addnet: (http:\S+)\//.exec(serverOutput())![1]!;
        expect(await (await fetch(`${url}/`)).text()).toContain("<title>addnet</title>");
        const browser = await signedIn(url);
        expect((await browser.request("GET", "/api/v1/hosts")).status).toBe(200);
      } finally {
        if (server) await stopChild(server);
        await stopChild(sim);
      }
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
    // pnpm deploy takes better-sqlite3's addon from the store's build cache in seconds; without it, it compiles again.
  }, 180_000);
});
