/**
 * VMware's govc (built from Debian's govmomi source by scripts/install-govc.sh) against the simulator over https:
 * the everyday commands a trainer shows beside the wizard. Each change is checked in the simulator's hosts.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { HostSystem } from "../src/host-system.ts";
import { startSimulator, type RunningSimulator } from "../src/index.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const GOVC = join(root, ".tmp/govc/govc");

let running: RunningSimulator;
let home: string;

beforeAll(async () => {
  if (!existsSync(GOVC)) throw new Error(`${GOVC} is missing: scripts/install-prereqs.sh builds it`);
  running = await startSimulator({ port: 0, tls: true });
  home = await mkdtemp(join(tmpdir(), "govc-home-"));
});
afterAll(async () => {
  await running?.close();
  await rm(home, { recursive: true, force: true });
});

async function govc(args: string[], user = "administrator@vsphere.local", password = "VMware1!"): Promise<string> {
  const env = {
    ...process.env,
    HOME: home,
    GOVC_URL: running.sdkUrl,
    GOVC_USERNAME: user,
    GOVC_PASSWORD: password,
    GOVC_INSECURE: "1",
  };
  const { stdout } = await promisify(execFile)(GOVC, args, { env, timeout: 30_000 });
  return stdout;
}

async function govcFails(args: string[], user: string, password: string): Promise<string> {
  const err = await govc(args, user, password).then(
    () => undefined,
    (e: { stderr?: string }) => e,
  );
  if (!err) throw new Error(`govc ${args.join(" ")} succeeded`);
  return String(err.stderr);
}

const host = (name: string) =>
  [...running.sim.allObjects()].find((o) => o.type === "HostSystem" && (o as HostSystem).name === name) as HostSystem;

describe("govc against the simulator", () => {
  it("about, ls, find and host.info read the inventory", async () => {
    expect(await govc(["about"])).toMatch(/Name:\s+VMware vCenter Server[\s\S]*API version:\s+8\.0\.3\.0/);
    expect((await govc(["ls", "/Datacenter/host"])).trim().split("\n")).toEqual([
      "/Datacenter/host/Cluster-Prod",
      "/Datacenter/host/Cluster-Dev",
      "/Datacenter/host/esx-09.lab.local",
    ]);
    const found = (await govc(["find", "/", "-type", "h"])).trim().split("\n");
    expect(found).toHaveLength(9);
    expect(found).toContain("/Datacenter/host/Cluster-Dev/esx-05.lab.local");
    const info = await govc(["host.info", "-host", "esx-01.lab.local"]);
    expect(info).toMatch(/Path:\s+\/Datacenter\/host\/Cluster-Prod\/esx-01\.lab\.local/);
    expect(info).toMatch(/State:\s+connected/);
  });

  it("adds, reads, changes and removes a standard switch and a port group", async () => {
    const h = host("esx-05.lab.local");
    await govc(["host.vswitch.add", "-host", "esx-05.lab.local", "-nic", "vmnic2", "-mtu", "9000", "vSwitch1"]);
    expect(h.vswitch("vSwitch1")).toMatchObject({ mtu: 9000, pnic: ["key-vim.host.PhysicalNic-vmnic2"] });
    expect(await govc(["host.vswitch.info", "-host", "esx-05.lab.local"])).toMatch(
      /Name:\s+vSwitch1[\s\S]*Pnic:\s+vmnic2[\s\S]*MTU:\s+9000/,
    );
    await govc(["host.portgroup.add", "-host", "esx-05.lab.local", "-vswitch", "vSwitch1", "-vlan", "30", "vMotion-PG"]);
    expect(h.portgroup("vMotion-PG")?.spec).toMatchObject({ vlanId: 30, vswitchName: "vSwitch1" });
    await govc(["host.portgroup.change", "-host", "esx-05.lab.local", "-vlan-id", "31", "vMotion-PG"]);
    expect(h.portgroup("vMotion-PG")?.spec.vlanId).toBe(31);
    expect(await govc(["host.portgroup.info", "-host", "esx-05.lab.local"])).toMatch(
      /Name:\s+vMotion-PG\s+Virtual switch:\s+vSwitch1\s+VLAN ID:\s+31/,
    );
    await govc(["host.portgroup.remove", "-host", "esx-05.lab.local", "vMotion-PG"]);
    expect(h.portgroup("vMotion-PG")).toBeUndefined();
    await govc(["host.vswitch.remove", "-host", "esx-05.lab.local", "vSwitch1"]);
    expect(h.vswitch("vSwitch1")).toBeUndefined();
  });

  it("reads VMkernel adapters, enables a service and changes the MTU", async () => {
    const h = host("esx-06.lab.local");
    expect(await govc(["host.vnic.info", "-host", "esx-06.lab.local"])).toMatch(
      /Device:\s+vmk0\s+Network label:\s+Management Network[\s\S]*TCP\/IP stack:\s+defaultTcpipStack\s+Enabled services:\s+management/,
    );
    await govc(["host.vnic.service", "-host", "esx-06.lab.local", "-enable", "vmotion", "vmk0"]);
    expect(h.selectedDevices("vmotion")).toEqual(["vmk0"]);
    await govc(["host.vnic.change", "-host", "esx-06.lab.local", "-mtu", "9000", "vmk0"]);
    expect(h.vnic("vmk0")?.spec.mtu).toBe(9000);
    expect(await govc(["host.vnic.info", "-host", "esx-06.lab.local"])).toMatch(/Enabled services:\s+management, vmotion/);
  });

  it("reads the distributed switch's ports, and any property with object.collect", async () => {
    // govc asks for free, inactive ports unless told otherwise: each host's three uplink ports without an adapter.
    expect((await govc(["dvs.portgroup.info", "-uplinkPort", "DSwitch-Lab"])).match(/PortKey:/g)).toHaveLength(27);
    // The uplink port vmnic1 backs on each host, active unless its host is disconnected (esx-04).
    const backed = await govc(["dvs.portgroup.info", "-uplinkPort", "-connected", "-active", "DSwitch-Lab"]);
    expect(backed.match(/PortKey:\s+\d+/g)).toEqual(
      ["4", "8", "12", "20", "24", "28", "32", "36"].map((k) => expect.stringMatching(new RegExp(`\\s${k}$`))),
    );
    expect(await govc(["object.collect", "-s", "/Datacenter/host/Cluster-Dev/esx-05.lab.local", "runtime.connectionState"])).toBe(
      "connected\n",
    );
    expect(await govc(["object.collect", "-s", "/Datacenter/host/Cluster-Prod/esx-04.lab.local", "runtime.connectionState"])).toBe(
      "disconnected\n",
    );
  });

  it("runs esxcli on a host: a VMkernel adapter on the distributed port dvs.portgroup.info lists first as free", async () => {
    const free = async () =>
      /PortKey:\s+(\d+)/.exec(await govc(["dvs.portgroup.info", "-pg", "DPG-Storage", "-count", "1", "DSwitch-Lab"]))?.[1];
    const port = await free();
    expect(port).toMatch(/^\d+$/);
    const esxcli = (args: string[]) => govc(["host.esxcli", "-host", "esx-07.lab.local", ...args]);
    await esxcli(["network", "ip", "interface", "add", "-i", "vmk1", "-s", "DSwitch-Lab", "-v", port!, "-m", "9000"]);
    await esxcli(["network", "ip", "interface", "ipv4", "set", "-i", "vmk1", "-t", "static", "-I", "192.168.50.27", "-N", "255.255.255.0"]);
    const vnic = host("esx-07.lab.local").vnic("vmk1")!;
    expect(vnic.spec).toMatchObject({ mtu: 9000, distributedVirtualPort: { portKey: port }, ip: { ipAddress: "192.168.50.27" } });
    expect(await free()).not.toBe(port);
    expect(await govc(["host.vnic.info", "-host", "esx-07.lab.local"])).toMatch(/Device:\s+vmk1[\s\S]*IP address:\s+192\.168\.50\.27/);
  });

  it("shows esxcli's refusals as govc shows them, and the host keeps what it had", async () => {
    const before = JSON.stringify(host("esx-07.lab.local").net);
    const admin = ["administrator@vsphere.local", "VMware1!"] as const;
    const again = [
      "host.esxcli",
      "-host",
      "esx-07.lab.local",
      "network",
      "ip",
      "interface",
      "add",
      "-i",
      "vmk1",
      "-p",
      "Management Network",
    ];
    expect(await govcFails(again, ...admin)).toMatch(/govc: EsxCLI\.CLIFault\.summary\n$/);
    const bogus = ["host.esxcli", "-host", "esx-07.lab.local", "network", "ip", "interface", "bogus"];
    expect(await govcFails(bogus, ...admin)).toMatch(/method 'bogus' not found in name space 'network\.ip\.interface'/);
    expect(JSON.stringify(host("esx-07.lab.local").net)).toBe(before);
  });

  it("lists the tasks and events of the changes made above, the roles and the permissions", async () => {
    const tasks = await govc(["tasks"]);
    for (const name of [
      "AddVirtualSwitch",
      "AddPortGroup",
      "UpdatePortGroup",
      "RemovePortGroup",
      "RemoveVirtualSwitch",
      "UpdateVirtualNic",
    ])
      expect(tasks).toMatch(new RegExp(`${name}\\s+esx-0[56]\\.lab\\.local\\s+Administrator.*success`));
    const events = await govc(["events", "/Datacenter/host/Cluster-Dev/esx-05.lab.local"]);
    expect(events).toMatch(/Task: host\.NetworkSystem\.addVirtualSwitch \(target=HostSystem esx-05\.lab\.local\)/);
    expect(await govc(["role.ls"])).toMatch(/^Admin\s+Full access rights\nReadOnly\s+See details of objects, but not make changes\n/);
    expect(await govc(["permissions.ls", "/Datacenter/host/Cluster-Dev"])).toMatch(
      /Network Help Desk\s+\/Datacenter\/host\/Cluster-Dev\s+VSPHERE\.LOCAL\\helpdesk\s+Yes/,
    );
  });

  it("refuses the help-desk user on Cluster-Prod and lets them change Cluster-Dev", async () => {
    const err = await govcFails(
      ["host.portgroup.add", "-host", "esx-02.lab.local", "-vswitch", "vSwitch0", "-vlan", "70", "HelpDesk-PG"],
      "helpdesk@vsphere.local",
      "Helpdesk1!",
    );
    expect(err).toMatch(/Host\.Config\.Network/);
    expect(host("esx-02.lab.local").portgroup("HelpDesk-PG")).toBeUndefined();
    await govc(
      ["host.portgroup.add", "-host", "esx-07.lab.local", "-vswitch", "vSwitch0", "-vlan", "70", "HelpDesk-PG"],
      "helpdesk@vsphere.local",
      "Helpdesk1!",
    );
    expect(host("esx-07.lab.local").portgroup("HelpDesk-PG")?.spec.vlanId).toBe(70);
  });
});
