/**
 * Every command in the README runs here as written (a README claim nobody runs is how `govc ls` came to be documented
 * and broken): the shell blocks verbatim — the real-vCenter example with its two placeholders pointed at a simulator
 * over TLS — and the inline commands through the test or script that runs them. A README command this file does not
 * know fails the first test.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { startSimulator } from "../packages/simulator/src/index.ts";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

const QUICK_START = "npm install -g pnpm@10.34.9 && pnpm install && pnpm start";
const TEST = "pnpm test";
const GOVC = "GOVC_URL=http://administrator@vsphere.local:VMware1!@127.0.0.1:8989/sdk GOVC_INSECURE=1 .tmp/govc/govc ls /Datacenter/host";
const TRAINER = [
  "pnpm sim --control-token class-secret &",
  "curl -X POST -H 'Authorization: Bearer class-secret' http://127.0.0.1:8989/sim/reset",
];
const REAL_VCENTER = "VCENTER_URL=https://vcenter.example.com/sdk VCENTER_CA_FILE=/path/to/vmca-root.pem pnpm start";

const running: ChildProcess[] = [];
afterEach(async () => {
  // Each shell ran in its own process group: end the whole group (pnpm, node, the simulator it started), also what
  // a shell that already exited left running in the background.
  for (const child of running.splice(0)) {
    const exited = child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : undefined;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // ESRCH: nothing of the group is left.
    }
    await exited;
  }
  await Promise.all([closed(8080), closed(8989)]);
});

/** Runs a shell line in the background, in a process group of its own; resolves once its output matches `ready`. */
function background(line: string, ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const child = spawn("bash", ["-c", line], { cwd: ROOT, env: { ...process.env, ...env }, detached: true });
  running.push(child);
  let out = "";
  return new Promise((resolve, reject) => {
    const look = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve(out);
    };
    child.stdout!.on("data", look);
    child.stderr!.on("data", look);
    child.once("exit", (code) => reject(new Error(`\`${line}\` exited with ${code} before it was ready:\n${out.slice(-2000)}`)));
  });
}

const sh = (line: string) => execFileSync("bash", ["-c", line], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });

function listening(port: number): Promise<void> {
  return new Promise((resolve) => {
    const attempt = () => {
      const socket = createConnection({ port, host: "127.0.0.1" });
      socket.once("connect", () => socket.end(resolve));
      socket.once("error", () => setTimeout(attempt, 200));
    };
    attempt();
  });
}

/** Resolves once nothing listens on the port any more. */
function closed(port: number): Promise<void> {
  return new Promise((resolve) => {
    const attempt = () => {
      const socket = createConnection({ port, host: "127.0.0.1" });
      socket.once("connect", () => socket.end(() => setTimeout(attempt, 200)));
      socket.once("error", () => resolve());
    };
    attempt();
  });
}

const soap = (method: string, inner: string) =>
  `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><${method} xmlns="urn:vim25">${inner}</${method}></Body></Envelope>`;

describe("the README's commands", () => {
  it("are all known to this test", () => {
    expect(blocks).toEqual([QUICK_START, TEST, GOVC, TRAINER.join("\n"), REAL_VCENTER]);
    // Inline commands, and what runs them: scripts/test.sh runs the browser suite, test/docker-compose.test.ts the
    // compose check, .ci/run the README's test command.
    expect(README).toContain("`pnpm --filter @addnet/e2e test`");
    expect(readFileSync(join(ROOT, "scripts/test.sh"), "utf8")).toContain("pnpm --filter @addnet/e2e test");
    expect(README).toContain("`docker-compose -f docker-compose.yml config -q`");
    expect(readFileSync(join(ROOT, "test/docker-compose.test.ts"), "utf8")).toContain('["-f", "docker-compose.yml", "config", "-q"]');
    expect(readFileSync(join(ROOT, ".ci/run"), "utf8")).toMatch(new RegExp(`^${TEST}$`, "m"));
    // test/support/topology.ts builds the image's bundles with the command the README and the Dockerfile name.
    expect(README).toContain("`pnpm --filter @addnet/api build`");
    expect(readFileSync(join(ROOT, "test/support/topology.ts"), "utf8")).toContain('["--filter", "@addnet/api", "build"]');
    expect(readFileSync(join(ROOT, "Dockerfile"), "utf8")).toContain("pnpm --filter @addnet/api build");
    // apps/api/test/scale-out.test.ts runs `pnpm chaos`.
    expect(README).toContain("`pnpm chaos`");
    expect(readFileSync(join(ROOT, "apps/api/test/scale-out.test.ts"), "utf8")).toContain('execFileSync("pnpm", ["chaos"');
  });

  it("Quick start: installs and starts addnet on the simulator, and govc lists its hosts", async () => {
    await background(QUICK_START, /addnet: http:\/\/127\.0\.0\.1:8080\//);
    const page = await fetch("http://127.0.0.1:8080/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(sh(GOVC).trim().split("\n")).toEqual([
      "/Datacenter/host/Cluster-Prod",
      "/Datacenter/host/Cluster-Dev",
      "/Datacenter/host/esx-09.lab.local",
    ]);
  }, 300_000);

  it("the trainer's reset brings the simulator back to its initial inventory", async () => {
    void background(TRAINER[0]!, /SDK_URL=/).catch(() => undefined);
    await listening(8989);
    const sdk = "http://127.0.0.1:8989/sdk";
    const login = await fetch(sdk, {
      method: "POST",
      body: soap(
        "Login",
        '<_this type="SessionManager">SessionManager</_this><userName>administrator@vsphere.local</userName><password>VMware1!</password>',
      ),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const addPortGroup = soap(
      "AddPortGroup",
      '<_this type="HostNetworkSystem">networkSystem-13</_this><portgrp><name>Class-PG</name><vlanId>5</vlanId><vswitchName>vSwitch0</vswitchName><policy/></portgrp>',
    );
    expect((await fetch(sdk, { method: "POST", headers: { Cookie: cookie }, body: addPortGroup })).status).toBe(200);
    expect(JSON.parse(sh(TRAINER[1]!))).toEqual({ reset: true });
    // The class's port group is gone: adding it again succeeds.
    expect((await fetch(sdk, { method: "POST", headers: { Cookie: cookie }, body: addPortGroup })).status).toBe(200);
  }, 120_000);

  it("a real vCenter: the same command, its URL and CA file those of a simulator over TLS", async () => {
    const sim = await startSimulator({ port: 0, tls: true });
    try {
      const ca = join(mkdtempSync(join(tmpdir(), "addnet-readme-")), "vmca-root.pem");
      writeFileSync(ca, sim.certificate!);
      const line = REAL_VCENTER.replace("https://vcenter.example.com/sdk", sim.sdkUrl).replace("/path/to/vmca-root.pem", ca);
      await background(line, /addnet: http:\/\/127\.0\.0\.1:8080\//);
      const session = await fetch("http://127.0.0.1:8080/api/v1/session", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: "administrator@vsphere.local", password: "VMware1!" }),
      });
      expect(session.status).toBe(200);
      const hosts = await fetch("http://127.0.0.1:8080/api/v1/hosts", {
        headers: { Cookie: session.headers.get("set-cookie")!.split(";")[0]! },
      });
      expect(((await hosts.json()) as { total: number }).total).toBe(9);
    } finally {
      await sim.close();
    }
  }, 300_000);
});
