/**
 * vim25.json is what the generator makes of VMware's own bindings, to the byte: nobody edits it by hand.
 * Needs Go and Debian's golang-github-vmware-govmomi-dev (scripts/install-prereqs.sh installs them).
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import { fieldsOf, propsOf, source, vim25 } from "../src/index.ts";

const GOVMOMI = "/usr/share/gocode/src/github.com/vmware/govmomi";
const root = fileURLToPath(new URL("../../..", import.meta.url));

describe("the vim25 description", () => {
  it("is exactly what the generator makes of govmomi's vim25/types and vim25/mo", async () => {
    const { stdout: version } = await promisify(execFile)("dpkg-query", ["-W", "-f=${Version}", "golang-github-vmware-govmomi-dev"]);
    const { stdout } = await promisify(execFile)("go", ["run", "./packages/vim25/generate", GOVMOMI, version.replace(/-[^-]*$/, "")], {
      cwd: root,
      env: { ...process.env, GO111MODULE: "off" },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout === (await readFile(new URL("../src/vim25.json", import.meta.url), "utf8"))).toBe(true);
    expect(source).toBe("govmomi 0.24.2 vim25/types and vim25/mo");
  }, 120_000);

  it("types it for TypeScript exactly as generate/types.ts writes it", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "packages/vim25/generate/types.ts"], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout === (await readFile(new URL("../src/types.ts", import.meta.url), "utf8"))).toBe(true);
  }, 60_000);

  it("holds vim25's data types with their bases and WSDL field order, enums, managed types and methods", () => {
    expect(vim25.dataType("HostVirtualNicSpec")?.base).toBe("DynamicData");
    expect(
      fieldsOf("HostVirtualNicSpec")
        .map((f) => f.name)
        .slice(0, 4),
    ).toEqual(["ip", "mac", "distributedVirtualPort", "portgroup"]);
    expect(fieldsOf("HostIpRouteConfigSpec").map((f) => f.name)).toEqual([
      "defaultGateway",
      "gatewayDevice",
      "ipV6DefaultGateway",
      "ipV6GatewayDevice",
      "gatewayDeviceConnection",
      "ipV6GatewayDeviceConnection",
    ]);
    expect(vim25.isSubtype("PlatformConfigFault", "HostConfigFault")).toBe(true);
    expect(vim25.isSubtype("NotAuthenticated", "NoPermission")).toBe(true);
    expect([...vim25.enumValues("HostSystemConnectionState")!]).toEqual(["connected", "disconnected", "notResponding"]);
    expect(vim25.isSubtype("ClusterComputeResource", "ManagedEntity")).toBe(true);
    expect(propsOf("HostSystem").find((p) => p.name === "runtime")).toEqual({
      name: "runtime",
      type: "HostRuntimeInfo",
      array: false,
      optional: false,
    });
    expect(vim25.method("AddVirtualNic")).toEqual({
      name: "AddVirtualNic",
      params: [
        { name: "portgroup", type: "string", array: false, optional: false },
        { name: "nic", type: "HostVirtualNicSpec", array: false, optional: false },
      ],
      returns: { name: "returnval", type: "string", array: false, optional: false },
    });
    expect(vim25.isPolymorphic("HostVirtualSwitchBridge")).toBe(true);
  });

  it("adds only what VMware's public schema leaves out or is newer than the bindings", () => {
    expect(vim25.method("Fetch")?.params.map((p) => p.name)).toEqual(["prop"]);
    expect(fieldsOf("NoPermission").map((f) => f.name)).toContain("missingPrivileges");
  });
});
