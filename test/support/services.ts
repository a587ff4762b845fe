/**
 * Real servers from Debian for tests, each on a free loopback port in a temporary directory of its own: Redis
 * (redis-server), PostgreSQL 15 (postgresql-15) and nginx. scripts/install-prereqs.sh installs them.
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { chmodSync, chownSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface RunningService {
  url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A child's output so far, for the error when it does not start. */
export function collect(child: ChildProcess): () => string {
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  return () => out;
}

/** Resolves once ready() holds, rejects with the child's output if it exits or the time runs out first. */
export async function started(
  name: string,
  child: ChildProcess,
  output: () => string,
  ready: () => boolean | Promise<boolean>,
): Promise<void> {
  let exited = false;
  child.once("exit", () => (exited = true));
  child.once("error", () => (exited = true));
  for (const deadline = Date.now() + 20_000; !(await ready()); await sleep(50)) {
    if (exited || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name} did not start:\n${output()}`);
    }
  }
}

/** Sends the signal and waits for the child to exit. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

/** redis-server without persistence; `port` to start one again where an earlier one was. */
export async function startRedis(port?: number): Promise<RunningService & { port: number }> {
  port ??= await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  await started("redis-server", child, output, () => output().includes("Ready to accept connections"));
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopChild(child) };
}

/** Debian's PostgreSQL 15 programs (postgresql-15), not on the PATH. */
export const PG_BIN = "/usr/lib/postgresql/15/bin";

/**
 * A fresh PostgreSQL 15 cluster with a database `addnet` owned by the user `addnet`. PostgreSQL refuses to run as root:
 * as root, initdb and the server run as the `postgres` system user, which owns the directory.
 */
export async function startPostgres(): Promise<RunningService> {
  const dir = mkdtempSync(join(tmpdir(), "addnet-pg-"));
  const asUser: SpawnOptions = { cwd: dir };
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString());
    asUser.uid = id("-u");
    asUser.gid = id("-g");
    chownSync(dir, asUser.uid, asUser.gid);
  }
  const password = "addnet-test";
  writeFileSync(join(dir, "pw"), password);
  const run = (cmd: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(join(PG_BIN, cmd), args, { ...asUser, stdio: ["ignore", "pipe", "pipe"] });
      const output = collect(child);
      child.once("error", reject);
      child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}:\n${output()}`))));
    });
  // Passwords over TCP, as the API connects; the Unix socket (in the directory, nobody else's) trusts its owner.
  await run("initdb", [
    "-D",
    join(dir, "data"),
    "-U",
    "addnet",
    `--pwfile=${join(dir, "pw")}`,
    "--auth-host=scram-sha-256",
    "--auth-local=trust",
  ]);
  const port = await freePort();
  const server = spawn(
    join(PG_BIN, "postgres"),
    ["-D", join(dir, "data"), "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"],
    {
      ...asUser,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output = collect(server);
  await started("postgres", server, output, () => output().includes("ready to accept connections"));
  await run("createdb", ["-h", dir, "-p", String(port), "-U", "addnet", "addnet"]);
  return {
    url: `postgres://addnet:${password}@127.0.0.1:${port}/addnet`,
    stop: async () => {
      await stopChild(server, "SIGINT"); // fast shutdown: does not wait for clients to disconnect
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's nginx in the foreground with this configuration (nginx.conf text: its own listen port and upstreams), its
 * pid, logs and temporary files in a directory of its own. Its stdout and stderr go to a file there (nginx cannot open
 * /dev/stdout on the socket Node gives a child): output() is what it wrote, e.g. an access log on /dev/stdout.
 */
export async function startNginx(config: string): Promise<{ dir: string; output(): string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "addnet-nginx-"));
  // As root, nginx's workers run as nobody: they must reach their temporary files in here.
  chmodSync(dir, 0o755);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `${t}_temp_path ${join(dir, t)};`).join(" ");
  if (!/^http \{$/m.test(config)) throw new Error("nginx.conf has no top-level `http {` line");
  writeFileSync(join(dir, "nginx.conf"), config.replace(/^http \{$/m, `http {\n  ${temp}`));
  const pid = join(dir, "nginx.pid");
  const log = openSync(join(dir, "output.log"), "a");
  const child = spawn(
    "nginx",
    ["-p", dir, "-c", join(dir, "nginx.conf"), "-g", `daemon off; pid ${pid}; error_log ${join(dir, "error.log")};`],
    {
      stdio: ["ignore", log, log],
    },
  );
  closeSync(log);
  const output = () => readFileSync(join(dir, "output.log"), "utf8");
  // nginx writes its pid file once it has bound its ports.
  await started("nginx", child, output, () => existsSync(pid));
  return {
    dir,
    output,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
