/**
 * Interop with VMware's own vCenter simulator (vcsim, govmomi 0.24.2): the client against a server this
 * repository did not write. Needs Go and Debian's golang-github-vmware-govmomi-dev; fails without them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  connectVCenter,
  propertiesOf,
  VimFault,
  type HostConfigManager,
  type HostNetworkInfo,
  type MoRef,
  type VCenter,
} from "../src/index.ts";
import { startVcsim, type RunningVcsim } from "./vcsim.ts";

let vcsim: RunningVcsim;
let vc: VCenter;
let USER: string;
let PASSWORD: string;

beforeAll(async () => {
  vcsim = await startVcsim();
  ({ user: USER, password: PASSWORD } = vcsim);
  vc = await connectVCenter({ url: vcsim.url });
}, 300_000);

afterAll(async () => {
  vc?.close();
  await vcsim?.close();
});

const traverseView = { _type: "TraversalSpec", type: "ContainerView", path: "view" } as const;

async function hostsByName(cookie: string): Promise<Map<string, { ref: MoRef; networkSystem: MoRef }>> {
  const view = await vc.createContainerView(cookie, vc.content.rootFolder, ["HostSystem"]);
  const objects = await vc.retrieve(
    cookie,
    [
      {
        propSet: [{ type: "HostSystem", pathSet: ["name", "configManager"] }],
        objectSet: [{ obj: view, skip: true, selectSet: [traverseView] }],
      },
    ],
    { maxObjects: 2 },
  );
  await vc.destroyView(cookie, view);
  return new Map(
    objects.map((o) => {
      const props = propertiesOf(o);
      return [props.name as string, { ref: o.obj, networkSystem: (props.configManager as HostConfigManager).networkSystem! }];
    }),
  );
}

async function fault(call: Promise<unknown>): Promise<VimFault> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof VimFault)) throw new Error(`expected a VimFault, got ${String(err)}`);
  return err;
}

describe("against VMware's vcsim", () => {
  it("connects: service versions, SOAPAction and ServiceContent", () => {
    expect(vc.apiVersion).toMatch(/^\d+\.\d+/);
    expect(vc.content.about.apiType).toBe("VirtualCenter");
    expect(vc.content.rootFolder.type).toBe("Folder");
  });

  it("logs in (vcsim's unquoted cookie) and rejects a bad password with InvalidLogin", async () => {
    const { cookie, userSession } = await vc.login(USER, PASSWORD);
    expect(cookie).toMatch(/^vmware_soap_session=[^"]+$/);
    expect(userSession.userName).toBe(USER);
    expect(Date.parse(userSession.loginTime)).not.toBeNaN();
    const err = await fault(vc.login(USER, "wrong"));
    expect(err.type).toBe("InvalidLogin");
    await vc.logout(cookie);
  });

  it("reads the inventory through a container view (vcsim ignores maxObjects)", async () => {
    const { cookie } = await vc.login(USER, PASSWORD);
    const names = [...(await hostsByName(cookie)).keys()].sort();
    expect(names).toEqual(["DC0_C0_H0", "DC0_C0_H1", "DC0_C0_H2", "DC0_H0"]);
    await vc.logout(cookie);
  });

  it("adds a vSwitch and a port group, read back from HostNetworkSystem.networkInfo", async () => {
    const { cookie } = await vc.login(USER, PASSWORD);
    const host = (await hostsByName(cookie)).get("DC0_H0")!;
    await vc.invoke(cookie, "AddVirtualSwitch", host.networkSystem, { vswitchName: "vSwitch1", spec: { numPorts: 64 } });
    await vc.invoke(cookie, "AddPortGroup", host.networkSystem, {
      portgrp: { name: "vMotion-PG", vlanId: 30, vswitchName: "vSwitch1", policy: {} },
    });
    const info = (await vc.properties(cookie, host.networkSystem, ["networkInfo"])).networkInfo as HostNetworkInfo;
    const vswitch = info.vswitch.find((v) => v.name === "vSwitch1")!;
    expect(vswitch.portgroup).toEqual(["vMotion-PG"]);
    expect(info.vswitch.map((v) => v.name)).toContain("vSwitch0");
    expect(info.portgroup.find((p) => p.spec.name === "vMotion-PG")?.spec).toMatchObject({ vlanId: 30, vswitchName: "vSwitch1" });
    // vcsim keeps stacks and vmks only in the host's config.network (its networkInfo copy has none).
    const config = (await vc.properties(cookie, host.ref, ["config.network"]))["config.network"] as HostNetworkInfo;
    expect(config.vnic[0]?.device).toBe("vmk0");
    const stack = config.netStackInstance.find((s) => s.key === "defaultTcpipStack")!;
    expect(stack).toMatchObject({
      dnsConfig: { _type: "HostDnsConfig", dhcp: true, virtualNicDevice: "vmk0", address: ["8.8.8.8"] },
      ipRouteConfig: { _type: "HostIpRouteConfig", defaultGateway: "127.0.0.1" },
      requestedMaxNumberOfConnections: 11000,
      ipV6Enabled: true,
    });
    expect(stack.routeTableConfig?.ipRoute?.[0]).toEqual({
      changeOperation: "ignore",
      route: { network: "0.0.0.0", prefixLength: 0, gateway: "127.0.0.1", deviceName: "vmk0" },
    });
    expect(config.netStackInstance.find((s) => s.key === "vmotion")?.dnsConfig).toMatchObject({ hostName: "", address: [] });
    await vc.logout(cookie);
  });

  it("maps vcsim's faults: NotFound, AlreadyExists, DuplicateName, MethodNotFound, ManagedObjectNotFound", async () => {
    const { cookie } = await vc.login(USER, PASSWORD);
    const all = await hostsByName(cookie);
    const ns = all.get("DC0_C0_H0")!.networkSystem;
    const missing = await fault(
      vc.invoke(cookie, "AddPortGroup", ns, { portgrp: { name: "PG-X", vlanId: 0, vswitchName: "vSwitch9", policy: {} } }),
    );
    expect(missing.type).toBe("NotFound");
    const exists = await fault(vc.invoke(cookie, "AddVirtualSwitch", ns, { vswitchName: "vSwitch0" }));
    expect(exists.is("AlreadyExists") && exists.fault.name).toBe("vSwitch0");
    // "VM Network" exists in DC0's network folder already: vcsim answers DuplicateName.
    const duplicate = await fault(
      vc.invoke(cookie, "AddPortGroup", ns, { portgrp: { name: "VM Network", vlanId: 0, vswitchName: "vSwitch0", policy: {} } }),
    );
    expect(duplicate.type).toBe("DuplicateName");
    if (!duplicate.is("DuplicateName")) throw new Error("not a DuplicateName");
    expect(duplicate.fault).toMatchObject({ name: "VM Network", object: { type: "Network" } });
    const notImplemented = await fault(vc.invoke(cookie, "AddVirtualNic", ns, { portgroup: "VM Network", nic: { ip: { dhcp: true } } }));
    expect(notImplemented.type).toBe("MethodNotFound");
    const vnicManager = { type: "HostVirtualNicManager", value: "ha-vnic-mgr" };
    const unregistered = await fault(vc.invoke(cookie, "SelectVnicForNicType", vnicManager, { nicType: "vmotion", device: "vmk0" }));
    expect(unregistered.type).toBe("ManagedObjectNotFound");
    await vc.logout(cookie);
  });

  it("surfaces vcsim's after-logout missingSet as NotAuthenticated", async () => {
    const { cookie } = await vc.login(USER, PASSWORD);
    await vc.logout(cookie);
    const err = await fault(vc.properties(cookie, vc.content.rootFolder, ["name"]));
    expect(err.type).toBe("NotAuthenticated");
    expect(err.is("NoPermission")).toBe(true);
    expect(err.message).not.toContain(cookie.split("=")[1]);
  });
});
