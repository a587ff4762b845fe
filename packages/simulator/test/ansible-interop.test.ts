/**
 * Ansible's community.vmware modules on Debian's python3-pyvmomi against the simulator over https
 * (interop/ansible/playbook.yml): each change in check mode, for real and again, the info modules, and the
 * help-desk user's roles. The playbook asserts what the modules report; this test checks the hosts themselves.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { HostSystem } from "../src/host-system.ts";
import { startSimulator, type RunningSimulator } from "../src/index.ts";

const PLAYBOOK = fileURLToPath(new URL("../interop/ansible/playbook.yml", import.meta.url));

let running: RunningSimulator;
let output: string;
let code: number;

beforeAll(async () => {
  running = await startSimulator({ port: 0, tls: true });
  const port = new URL(running.sdkUrl).port;
  const env = { ...process.env, ANSIBLE_PYTHON_INTERPRETER: "/usr/bin/python3", ANSIBLE_NOCOLOR: "1", ANSIBLE_LOCALHOST_WARNING: "0" };
  const run = await promisify(execFile)("ansible-playbook", ["-i", "localhost,", "-c", "local", "-e", `sim_port=${port}`, PLAYBOOK], {
    env,
    timeout: 280_000,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
  );
  code = run.code;
  output = run.out;
}, 300_000);
afterAll(() => running?.close());

const host = (name: string) =>
  [...running.sim.allObjects()].find((o) => o.type === "HostSystem" && (o as HostSystem).name === name) as HostSystem;

describe("Ansible's community.vmware against the simulator", () => {
  it("runs the whole playbook: every change reported in check mode, made once, then idempotent; the info modules agree", () => {
    expect(code, output.slice(-4000)).toBe(0);
    expect(output).toMatch(/localhost\s+: ok=\d+\s+changed=19\s+unreachable=0\s+failed=0\s+skipped=0\s+rescued=0\s+ignored=1/);
  });

  it("left esx-05 with the switch, port groups and adapters on their stacks, and the stacks' settings", () => {
    const h = host("esx-05.lab.local");
    expect(h.vswitch("vSwitch1")).toMatchObject({ mtu: 9000, pnic: ["key-vim.host.PhysicalNic-vmnic2"] });
    expect(["vMotion-PG", "Prov-PG", "Repl-PG"].map((n) => h.portgroup(n)?.spec.vlanId)).toEqual([30, 40, 50]);
    const vmk = (pg: string) => h.net.vnic.find((v) => v.portgroup === pg)!;
    expect(vmk("vMotion-PG").spec).toMatchObject({ netStackInstanceKey: "vmotion", mtu: 9000, ip: { ipAddress: "192.168.30.15" } });
    expect(vmk("Prov-PG").spec).toMatchObject({ netStackInstanceKey: "vSphereProvisioning", ip: { ipAddress: "192.168.40.15" } });
    expect(h.selectedDevices("vSphereReplication")).toEqual([vmk("Repl-PG").device]);
    expect(h.selectedDevices("faultToleranceLogging")).toEqual([vmk("Repl-PG").device]);
    const dv = h.net.vnic.find((v) => v.spec.distributedVirtualPort);
    expect(dv?.spec.ip?.ipAddress).toBe("192.168.60.15");
    expect(h.stack("vmotion")).toMatchObject({
      ipRouteConfig: { defaultGateway: "192.168.30.1" },
      congestionControlAlgorithm: "cubic",
      requestedMaxNumberOfConnections: 12000,
    });
    expect(h.stack("vSphereProvisioning")?.ipRouteConfig?.defaultGateway).toBe("192.168.40.1");
    expect(h.net.vnic).toHaveLength(5);
  });

  it("let the help-desk user add a port group on Cluster-Dev's esx-06 and refused them on Cluster-Prod's esx-02", () => {
    expect(host("esx-06.lab.local").portgroup("HelpDesk-PG")?.spec.vlanId).toBe(70);
    expect(host("esx-02.lab.local").portgroup("HelpDesk-PG")).toBeUndefined();
  });
});
