/** The HTTP server: routes, the control endpoint's guard, TLS with a pinned certificate, and the CLI. */
import { spawn, type ChildProcess } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { request as httpsRequest } from "node:https";
import type { TLSSocket } from "node:tls";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type RunningSimulator } from "../src/index.ts";
import { child, Client, envelope, ref, text, withSimulator } from "./client.ts";
import { loggedIn } from "./helpers.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SI = ref("ServiceInstance", "ServiceInstance");

let running: RunningSimulator;
beforeAll(async () => {
  running = await withSimulator();
});
afterAll(() => running.close());

describe("HTTP routes", () => {
  it("answers 404 off /sdk and /sim, and 405 to GET /sdk", async () => {
    expect((await fetch(`${running.baseUrl}/nothing`)).status).toBe(404);
    const get = await fetch(running.sdkUrl);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("serves concurrent callers", async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => loggedIn(running.sdkUrl)));
    const replies = await Promise.all(clients.map((c) => c.call("CurrentTime", SI)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(clients.map((c) => c.cookie)).size).toBe(20);
  });
});

describe("control endpoint guard", () => {
  it("needs the bearer token", async () => {
    expect((await fetch(`${running.baseUrl}/sim/state`)).status).toBe(401);
    const ok = await fetch(`${running.baseUrl}/sim/state`, { headers: { Authorization: "Bearer test-token" } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { hosts: number }).hosts).toBe(9);
    const notJson = await fetch(`${running.baseUrl}/sim/faults`, {
      method: "POST",
      headers: { Authorization: "Bearer test-token" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
  });

  it("is off without a control token", async () => {
    const closed = await startSimulator({ port: 0 });
    try {
      const res = await fetch(`${closed.baseUrl}/sim/sessions/expire`, { method: "POST", headers: { Authorization: "Bearer " } });
      expect(res.status).toBe(403);
    } finally {
      await closed.close();
    }
  });
});

describe("TLS", () => {
  let secure: RunningSimulator;
  beforeAll(async () => {
    secure = await withSimulator({ tls: true });
  });
  afterAll(() => secure.close());

  /** A POST over https that trusts only the simulator's own certificate. */
  function post(body: string, ca?: string, cookie?: string) {
    return new Promise<{ status: number; text: string; setCookie?: string[]; fingerprint: string }>((resolve, reject) => {
      const req = httpsRequest(
        secure.sdkUrl,
        {
          method: "POST",
          ca,
          headers: { "Content-Type": 'text/xml; charset="utf-8"', SOAPAction: "urn:vim25/8.0.3.0", ...(cookie ? { Cookie: cookie } : {}) },
        },
        (res) => {
          const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
          let data = "";
          res.on("data", (c: Buffer) => (data += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode!, text: data, setCookie: res.headers["set-cookie"], fingerprint }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  it("serves https at an https sdkUrl with a SHA-256 thumbprint of its certificate", async () => {
    expect(secure.sdkUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/sdk$/);
    expect(secure.thumbprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(new X509Certificate(secure.certificate!).fingerprint256).toBe(secure.thumbprint);
    const reply = await post(envelope("RetrieveServiceContent", SI), secure.certificate);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain("<apiVersion>8.0.3.0</apiVersion>");
    expect(reply.fingerprint).toBe(secure.thumbprint);
  });

  it("is refused by a client that does not trust the certificate", async () => {
    await expect(post(envelope("RetrieveServiceContent", SI))).rejects.toThrow(/self[- ]signed|certificate/i);
  });

  it("marks the session cookie Secure", async () => {
    const login = await post(
      envelope(
        "Login",
        ref("SessionManager", "SessionManager") + "<userName>administrator@vsphere.local</userName><password>VMware1!</password>",
      ),
      secure.certificate,
    );
    expect(login.status).toBe(200);
    const cookie = login.setCookie![0]!;
    expect(cookie.split(";").map((p) => p.trim())).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "Secure"]));
    const time = await post(envelope("CurrentTime", SI), secure.certificate, cookie.split(";")[0]);
    expect(time.status).toBe(200);
  });

  it("the plain-http simulator has no certificate", () => {
    expect(running.thumbprint).toBeUndefined();
    expect(running.certificate).toBeUndefined();
  });
});

describe("CLI", () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  });

  /** `tsx packages/simulator/src/cli.ts ...args` (what `npx tsx` runs, without npm in between to swallow signals). */
  function cli(args: string[]) {
    const proc = spawn(process.execPath, [`${ROOT}node_modules/tsx/dist/cli.mjs`, "packages/simulator/src/cli.ts", ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ADDNET_SIM_CONTROL_TOKEN: "" },
    });
    children.push(proc);
    let stdout = "";
    let stderr = "";
    proc.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    proc.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.on("exit", (code, signal) => resolve({ code, signal })),
    );
    const ready = new Promise<string>((resolve, reject) => {
      proc.stdout!.on("data", () => {
        const m = /^SDK_URL=(\S+)$/m.exec(stdout);
        if (m) resolve(m[1]!);
      });
      void exited.then(() => reject(new Error(`exited before ready: ${stderr}`)));
    });
    return { proc, ready, exited, output: () => ({ stdout, stderr }) };
  }

  it("prints SDK_URL when ready, serves, and exits 0 on SIGTERM", { timeout: 30_000 }, async () => {
    const sim = cli(["--port", "0"]);
    const url = await sim.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sdk$/);
    const c = new Client(url);
    const sc = await c.call("RetrieveServiceContent", SI);
    expect(text(child(child(sc.body, "returnval"), "about"), "apiVersion")).toBe("8.0.3.0");
    expect((await c.login()).status).toBe(200);
    sim.proc.kill("SIGTERM");
    const { code } = await sim.exited;
    expect(code).toBe(0);
    await expect(fetch(url, { method: "POST", body: "" })).rejects.toThrow();
  });

  it("prints the TLS thumbprint with --tls and honours --hosts", { timeout: 30_000 }, async () => {
    const sim = cli(["--port", "0", "--tls", "--hosts", "12", "--control-token", "cli-token"]);
    const url = await sim.ready;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/sdk$/);
    const thumbprint = /^TLS_THUMBPRINT_SHA256=(\S+)$/m.exec(sim.output().stdout)?.[1];
    expect(thumbprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // The thumbprint is what a client pins instead of a CA.
    const state = await new Promise<{ fingerprint: string; body: string }>((resolve, reject) => {
      const req = httpsRequest(
        url.replace("/sdk", "/sim/state"),
        { rejectUnauthorized: false, headers: { Authorization: "Bearer cli-token" } },
        (res) => {
          const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ fingerprint, body }));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(state.fingerprint).toBe(thumbprint);
    expect((JSON.parse(state.body) as { hosts: number }).hosts).toBe(12);
    sim.proc.kill("SIGTERM");
    expect((await sim.exited).code).toBe(0);
  });

  it("exits 2 with usage for a bad flag", { timeout: 30_000 }, async () => {
    const sim = cli(["--port", "99999"]);
    sim.ready.catch(() => undefined);
    expect((await sim.exited).code).toBe(2);
    expect(sim.output().stderr).toContain("--port must be a number");
    expect(sim.output().stderr).toContain("Usage:");
  });
});
