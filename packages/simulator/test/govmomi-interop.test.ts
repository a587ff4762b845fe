/**
 * The simulator's wire format judged by VMware's own Go client: builds interop/govmomi (govmomi 0.24.2 from
 * Debian's golang-github-vmware-govmomi-dev, GOPATH mode) and runs it against an in-process simulator.
 * Needs `go` and govmomi; without them this test fails (CI installs them), it never skips.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { HostSystem } from "../src/host-system.ts";
import type { RunningSimulator } from "../src/index.ts";
import { withSimulator } from "./client.ts";

const SOURCE_DIR = fileURLToPath(new URL("../interop/govmomi/", import.meta.url));
/** Debian's Go source root (golang-github-vmware-govmomi-dev, golang-github-google-uuid-dev). */
const GOCODE = process.env.GOVMOMI_GOCODE ?? "/usr/share/gocode";
const GO = process.env.GO ?? "go";

interface Run {
  code: number;
  output: string;
}

/** Runs a command without blocking the event loop (the simulator answers from this process). */
function run(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (err && (err as NodeJS.ErrnoException).code === "ENOENT") {
          reject(
            new Error(`'${file}' not found: install golang-go (and golang-github-vmware-govmomi-dev) to run the govmomi interop test`),
          );
          return;
        }
        if (err && err.killed) {
          reject(new Error(`${file} ${args.join(" ")} timed out after ${options.timeoutMs} ms:\n${output}`));
          return;
        }
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, output });
      },
    );
  });
}

let running: RunningSimulator;
let workDir: string;
let binary: string;

beforeAll(async () => {
  const govmomi = join(GOCODE, "src/github.com/vmware/govmomi/vim25");
  if (!existsSync(govmomi)) {
    throw new Error(`govmomi sources not found at ${govmomi}: apt-get install -y golang-go golang-github-vmware-govmomi-dev`);
  }
  workDir = await mkdtemp(join(tmpdir(), "addnet-govmomi-"));
  binary = join(workDir, "govmomi-interop");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GO111MODULE: "off",
    GOPATH: `${join(workDir, "gopath")}:${GOCODE}`,
    // A build cache that outlives the temporary directory keeps later runs fast.
    GOCACHE: process.env.GOCACHE ?? join(tmpdir(), "addnet-govmomi-gocache"),
    GOFLAGS: "",
    CGO_ENABLED: "0",
  };
  const build = await run(GO, ["build", "-o", binary, "."], { cwd: SOURCE_DIR, env, timeoutMs: 540_000 });
  if (build.code !== 0) throw new Error(`go build of ${SOURCE_DIR} failed (exit ${build.code}):\n${build.output}`);

  running = await withSimulator();
}, 600_000);

afterAll(async () => {
  await running?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function host(name: string): HostSystem {
  const found = [...running.sim.allObjects()].find((o): o is HostSystem => o instanceof HostSystem && o.name === name);
  if (!found) throw new Error(`no host ${name} in the simulator`);
  return found;
}

describe("govmomi 0.24.2 against the simulator", () => {
  it("logs in, pages, configures vmotion networking, reads it back, enforces roles and logs out", async () => {
    const result = await run(binary, ["-url", running.sdkUrl], { timeoutMs: 120_000 });
    expect(result.code, `govmomi-interop failed:\n${result.output}`).toBe(0);
    expect(result.output).toContain("PASS: govmomi interop");
    expect(result.output).toMatch(/UpdateVirtualNic migrates vmk\d+ onto DPG-Storage and back onto Remove-PG/);

    // What govmomi did is really in the simulated host, not only in what it read back.
    const esx01 = host("esx-01.lab.local");
    const vswitch = esx01.vswitch("vSwitch1");
    expect(vswitch).toMatchObject({ mtu: 9000, pnic: ["key-vim.host.PhysicalNic-vmnic2"] });
    expect(vswitch?.spec.bridge).toMatchObject({ _type: "HostVirtualSwitchBondBridge", nicDevice: ["vmnic2"] });
    expect(esx01.portgroup("vMotion-PG")?.spec).toMatchObject({ vlanId: 30, vswitchName: "vSwitch1" });
    const vmk1 = esx01.vnic("vmk1");
    expect(vmk1).toMatchObject({
      portgroup: "vMotion-PG",
      spec: { ip: { dhcp: false, ipAddress: "192.168.30.11", subnetMask: "255.255.255.0" }, mtu: 9000, netStackInstanceKey: "vmotion" },
    });
    expect(esx01.net.vnic.map((v) => v.device)).toEqual(["vmk0", "vmk1"]);
    expect(esx01.isStackActive("vmotion")).toBe(true);
    expect(esx01.selectedDevices("vmotion")).toEqual(["vmk1"]);
    expect(esx01.selectedDevices("faultToleranceLogging")).toEqual(["vmk0"]);

    // The help desk changed the Cluster-Dev host only.
    expect(host("esx-05.lab.local").portgroup("Helpdesk-PG")?.spec).toMatchObject({ vlanId: 42, vswitchName: "vSwitch0" });
    expect(host("esx-02.lab.local").portgroup("Helpdesk-PG")).toBeUndefined();

    // Both clients logged out.
    expect(running.sim.sessions.size).toBe(0);
  }, 180_000);
});
