/**
 * docker-compose.yml's topology on loopback, for tests: nginx with deploy/nginx.conf in front of API replicas that
 * share Redis and PostgreSQL, against the simulated vCenter behind a fault proxy. The replicas and the simulator are
 * the compiled bundles the image runs (node apps/api/dist/main.js, dist/sim.js), with the environment the compose
 * file gives them.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { startFaultProxy, type FaultProxy } from "../../packages/simulator/src/index.ts";
import { collect, freePort, started, startNginx, startPostgres, startRedis, stopChild } from "./services.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(ROOT, "apps/api/dist");
/** The simulator's control endpoint (/sim/*) answers this bearer token. */
export const SIM_CONTROL_TOKEN = "topology-control-token";
const SESSION_KEY = "the key every replica of the topology shares";

export interface TopologyOptions {
  /** API replicas behind nginx (default 3, as in docker-compose.yml). */
  replicas?: number;
  /** Share of vim25 calls the fault proxy fails, 0..1 (default 0); proxy.rate changes it later. */
  faultRate?: number;
  /** Seed of the fault proxy's draws (default 1). */
  faultSeed?: number;
  /** The simulator's hosts (its --hosts, default 9). */
  hosts?: number;
  /** More environment for every replica (it wins over the topology's own). */
  env?: Record<string, string>;
}

export interface Replica {
  /** The replica itself, past nginx. */
  url: string;
  readonly pid: number;
  /** Sends the signal (default SIGTERM) and waits until the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on its port (nginx's upstream), stopping it first if it runs; resolves once it answers. */
  restart(): Promise<void>;
}

export interface Topology {
  /** nginx: what a browser talks to. */
  url: string;
  /** The simulator itself, past the fault proxy: /sim/state (with SIM_CONTROL_TOKEN) shows the hosts as they are. */
  simUrl: string;
  /** Between the replicas and the simulator. */
  proxy: FaultProxy;
  databaseUrl: string;
  redisUrl: string;
  replicas: Replica[];
  /** nginx's access log so far, a line a request, each with upstream=<the replica's address>. */
  accessLog(): string[];
  close(): Promise<void>;
}

/** The source folders the bundles are made of, and what makes them. */
function bundleSources(): string[] {
  const dirs = [join(ROOT, "apps/api/src"), ...readdirSync(join(ROOT, "packages")).map((p) => join(ROOT, "packages", p, "src"))];
  return [
    join(ROOT, "apps/api/build.ts"),
    join(ROOT, "apps/api/package.json"),
    ...dirs.filter(existsSync).flatMap((dir) => [dir, ...readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f)))]),
  ];
}

/** Runs the Dockerfile's build of the bundles, unless dist/ is newer than everything that goes into it. */
export function ensureBuilt(): void {
  const mtime = (f: string) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const builtAt = Math.min(...["main.js", "sim.js", "vim25.json"].map((f) => mtime(join(DIST, f))));
  if (bundleSources().some((f) => mtime(f) > builtAt))
    execFileSync("pnpm", ["--filter", "@addnet/api", "build"], { cwd: ROOT, stdio: "pipe" });
}

/** Whether anything answers HTTP at this URL. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), "addnet-topology-"));
  // Whatever has started is stopped again, newest first: by close(), or here if a later part fails to start.
  const stops: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const postgres = await startPostgres();
    stops.push(postgres.stop);
    const redis = await startRedis();
    stops.push(redis.stop);

    const sim = spawn(
      process.execPath,
      [join(DIST, "sim.js"), "--port", "0", "--hosts", String(options.hosts ?? 9), "--control-token", SIM_CONTROL_TOKEN],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    stops.push(() => stopChild(sim));
    const simOutput = collect(sim);
    await started("the simulator", sim, simOutput, () => simOutput().includes("SDK_URL="));
    const simUrl = new URL(/SDK_URL=(\S+)/.exec(simOutput())![1]!).origin;
    const proxy = await startFaultProxy({ target: simUrl, rate: options.faultRate ?? 0, seed: options.faultSeed });
    stops.push(proxy.close);

    // docker-compose.yml's x-api environment, on loopback.
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      VCENTER_URL: proxy.sdkUrl,
      HOST: "127.0.0.1",
      REDIS_URL: redis.url,
      DATABASE_URL: postgres.url,
      SESSION_KEY,
      TRUST_PROXY: "127.0.0.1",
      LOG_LEVEL: "warn",
      VCENTER_TIMEOUT_MS: "3000",
    };
    const replicas = await Promise.all(
      Array.from({ length: options.replicas ?? 3 }, async (_, i) => {
        const port = await freePort();
        const home = join(dir, `api${i + 1}`);
        mkdirSync(home);
        const url = `http://127.0.0.1:${port}`;
        let child: ChildProcess | undefined;
        const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
          if (child) await stopChild(child, signal);
        };
        const start = async () => {
          await kill();
          child = spawn(process.execPath, [join(DIST, "main.js")], {
            // Its own folder, as its own container: whatever it writes there (data/) is its own.
            cwd: home,
            env: { ...env, PORT: String(port), ...options.env },
            stdio: ["ignore", "pipe", "pipe"],
          });
          await started(`API replica ${i + 1}`, child, collect(child), () => answers(`${url}/api/v1/session`));
        };
        stops.push(kill);
        await start();
        return {
          url,
          port,
          kill,
          restart: start,
          get pid() {
            return child!.pid!;
          },
        };
      }),
    );

    // deploy/nginx.conf as it is, but for the upstream's server lines and the listen port.
    const template = readFileSync(join(ROOT, "deploy/nginx.conf"), "utf8");
    const servers = /^( *)server api\d+:8080;\n(?:\1server api\d+:8080;\n)*/m;
    const listen = /^( *)listen 8080;$/m;
    if (!servers.test(template) || !listen.test(template))
      throw new Error("deploy/nginx.conf: no `server apiN:8080;` lines or no `listen 8080;`");
    const nginxPort = await freePort();
    const nginx = await startNginx(
      template
        .replace(servers, (_, indent: string) => replicas.map((r) => `${indent}server 127.0.0.1:${r.port};\n`).join(""))
        .replace(listen, `$1listen 127.0.0.1:${nginxPort};`),
    );
    stops.push(nginx.stop);

    return {
      url: `http://127.0.0.1:${nginxPort}`,
      simUrl,
      proxy,
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      replicas,
      accessLog: () =>
        nginx
          .output()
          .split("\n")
          .filter((line) => line.includes("upstream=")),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
