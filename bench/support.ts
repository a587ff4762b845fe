/** What the bench scripts share: the simulator as a process of its own, and a signed-in API client. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request, type IncomingHttpHeaders } from "node:http";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Starts `node --import tsx <script>` as its own process, so that its memory is its own; resolves with the first group
 * of `ready` in what it prints. Its output is drained after that (an API logs its warnings).
 */
export async function startScript(
  script: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; match: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  const match = await new Promise<string>((resolve, reject) => {
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (!m) return;
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      resolve(m[1]!);
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, match };
}

/** Starts the simulator CLI as its own process; resolves with its SDK URL. */
export async function startSimulator(hosts = 9, extra: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const { child, match } = await startScript(
    "packages/simulator/src/cli.ts",
    ["--port", "0", "--hosts", String(hosts), ...extra],
    /SDK_URL=(\S+)/,
  );
  return { child, url: match };
}

/** Resident memory of a process in MiB, from /proc: now, and its peak (VmHWM). */
export function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

const agent = new Agent({ keepAlive: true });

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request to the API (or the simulator's controls), with Node's own client on a keep-alive agent: the client
 * @addnet/vsphere makes the direct replays' vim25 calls with, so that both sides of a ratio are timed through the same
 * one. fetch took about 0.8 ms more a request here, and under the load's 50 users its CPU (1 ms a request) was a third
 * of the API's, on the same two cores.
 */
export function httpRequest(
  url: string,
  {
    method = "GET",
    headers = {},
    body,
    timeoutMs = 120_000,
  }: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent, timeout: timeoutMs }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("error", reject);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("timeout", () => req.destroy(new Error(`no reply within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** The value of the named cookie a reply sets, as a Cookie header entry ("name=value"). */
export function setCookie(reply: HttpReply, name: string): string | undefined {
  return reply.headers["set-cookie"]?.find((c) => c.startsWith(`${name}=`))?.split(";")[0];
}

const ADMIN = { username: "administrator@vsphere.local", password: "VMware1!" };

/** Signs in to the API as the simulator's administrator: the session cookie, and the CSRF token for state changes. */
export async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const res = await httpRequest(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${res.body}`);
  return { cookie: setCookie(res, "addnet_session")!, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken };
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat(5), i.e. 11 and 12 after the ")"; USER_HZ is 100 on Linux.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A row of a report's targets table: what, the figure measured, its limit, whether it holds. */
export type TargetRow = [what: string, measured: string, limit: string, holds: boolean];

export function targetTable(rows: TargetRow[]): string {
  return [
    "| target | measured | limit | holds |",
    "|---|---|---|---|",
    ...rows.map(([what, measured, limit, holds]) => `| ${what} | ${measured} | ${limit} | ${holds ? "yes" : "**no**"} |`),
  ].join("\n");
}
