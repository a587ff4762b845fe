/**
 * What the simulator holds, as its replies carry it: every property of every object is vim25 to the letter (vim25's
 * own strict reader takes each back, in every version a client may speak), and a host's config is built only as far
 * as a read goes.
 */
import { describe, expect, it, vi } from "vitest";

import { HostSystem } from "../src/host-system.ts";
import { resolveProperty, type CallContext, type ManagedObject } from "../src/managed-object.ts";
import { PropertyCollector } from "../src/property-collector.ts";
import { Simulator } from "../src/simulator.ts";
import { handleSoap } from "../src/soap.ts";
import { decodeElement, encodeResponse, NS, parseXml, propsOf, Typed, vim25, type Method, type XmlElement } from "@addnet/vim25";

const client = { ipAddress: "127.0.0.1", userAgent: "replies.test" };
const soap = (name: string, inner: string) =>
  `<soapenv:Envelope xmlns:soapenv="${NS.soapenv}" xmlns:xsi="${NS.xsi}"><soapenv:Body><${name} xmlns="urn:vim25">${inner}</${name}></soapenv:Body></soapenv:Envelope>`;

/** A simulator of the default inventory and an administrator's call context on it. */
async function signedIn(): Promise<{ sim: Simulator; ctx: CallContext; cookie: string }> {
  const sim = new Simulator();
  const login = await handleSoap(
    sim,
    soap(
      "Login",
      `<_this type="SessionManager">SessionManager</_this><userName>administrator@vsphere.local</userName><password>VMware1!</password>`,
    ),
    undefined,
    client,
  );
  return { sim, ctx: { sim, session: sim.sessions.get(login.sessionId!)! }, cookie: `vmware_soap_session=${login.sessionId}` };
}

/** A reply's returnval elements, as a client parses them. */
function returnvals(method: Method, result: unknown, version: string | undefined): readonly XmlElement[] {
  const envelope = parseXml(Buffer.concat(encodeResponse(method, result, { checked: false, version })).toString("utf8"));
  return envelope.children[0]!.children[0]!.children;
}

describe("the simulator's replies", () => {
  it("carry every property of every object as vim25 a strict reader takes back, before and after changes, in every version", async () => {
    const { sim, ctx, cookie } = await signedIn();
    const host = [...sim.allObjects()].find((o): o is HostSystem => o instanceof HostSystem && o.name === "esx-01.lab.local")!;
    // A change that is made and one that is refused: their tasks and events are read too.
    for (const change of [
      `<vswitchName>vSwitch9</vswitchName><spec><numPorts>128</numPorts><mtu>9000</mtu></spec>`,
      `<vswitchName>vSwitch0</vswitchName><spec><numPorts>128</numPorts></spec>`,
    ]) {
      const xml = soap("AddVirtualSwitch", `<_this type="HostNetworkSystem">${host.networkSystem.ref.value}</_this>${change}`);
      await handleSoap(sim, xml, cookie, client);
    }
    const strict = { strict: true };
    let properties = 0;
    for (const version of [undefined, "6.5", "7.0.3.1", "8.0.3.0"]) {
      for (const obj of [...sim.allObjects()]) {
        for (const p of propsOf(obj.type)) {
          const resolved = resolveProperty(obj, p.name, ctx);
          if (resolved.invalid || resolved.value === undefined) continue;
          const [val] = returnvals(vim25.method("Fetch")!, new Typed(resolved.field.type, resolved.field.array, resolved.value), version);
          expect(() => decodeElement(val!, "anyType", `${obj.type}.${p.name}`, strict)).not.toThrow();
          properties++;
        }
      }
      // Every type's objects in one RetrievePropertiesEx, as `all` reads them.
      const byType = new Map<string, ManagedObject[]>();
      for (const o of sim.allObjects()) byType.set(o.type, [...(byType.get(o.type) ?? []), o]);
      const collector = sim.findObject("propertyCollector") as PropertyCollector;
      const specSet = [...byType].map(([type, objs]) => ({ propSet: [{ type, all: true }], objectSet: objs.map((o) => ({ obj: o.ref })) }));
      const method = vim25.method("RetrievePropertiesEx")!;
      const [result] = returnvals(method, collector.RetrievePropertiesEx({ specSet, options: {} }, ctx), version);
      const decoded = decodeElement(result!, method.returns!.type, "returnval", strict) as { objects: unknown[] };
      expect(decoded.objects).toHaveLength([...sim.allObjects()].length);
    }
    expect(properties).toBeGreaterThan(900);
  });
});

describe("a host's config", () => {
  it("builds only the part a path reads: config.network does not work out the host's services", async () => {
    const { sim, ctx } = await signedIn();
    const host = [...sim.allObjects()].find((o): o is HostSystem => o instanceof HostSystem && o.connectionState === "connected")!;
    const services = vi.spyOn(HostSystem.prototype, "virtualNicManagerInfo");
    try {
      const network = resolveProperty(host, "config.network", ctx);
      expect(network.invalid ? undefined : network.value).toBe(host.net);
      expect(services).not.toHaveBeenCalled();
      const config = resolveProperty(host, "config", ctx);
      const value = (config.invalid ? {} : config.value) as Record<string, unknown>;
      expect(Object.keys(value)).toEqual(["host", "product", "network", "virtualNicManagerInfo", "vsanHostConfig"]);
      expect(value.virtualNicManagerInfo).toBe(value.virtualNicManagerInfo); // worked out once, then kept
      expect(services).toHaveBeenCalledTimes(1);
      expect(JSON.parse(JSON.stringify(value))).toHaveProperty("virtualNicManagerInfo.netConfig");
    } finally {
      services.mockRestore();
    }
  });
});
