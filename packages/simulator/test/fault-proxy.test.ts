/** The fault-injecting proxy (src/fault-proxy.ts) in front of the simulator: what the client sees, and what ran. */
import { Agent, request as httpRequest } from "node:http";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { connectVCenter, VimFault } from "../../vsphere/src/index.ts";
import { closeServer, hosts, stubServer } from "../../vsphere/test/helpers.ts";
import { startFaultProxy, type FaultKind, type FaultProxy, type FaultProxyOptions } from "../src/index.ts";
import { Client, envelope, ref } from "./client.ts";
import { el, expectOk, Harness, TOKEN } from "./host-net-harness.ts";

let h: Harness;
const proxies: FaultProxy[] = [];
// Keep-alive, as the vim25 clients connect.
const agent = new Agent({ keepAlive: true });

beforeAll(async () => {
  h = await Harness.start();
});
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  agent.destroy();
  await h.close();
});

async function proxy(options: Partial<FaultProxyOptions> = {}): Promise<FaultProxy> {
  const p = await startFaultProxy({ target: h.running.baseUrl, rate: 1, ...options });
  proxies.push(p);
  return p;
}

/** The admin's session (signed in directly on the simulator), used through the proxy. */
function through(p: FaultProxy): Client {
  const c = new Client(p.sdkUrl);
  c.cookie = h.admin.cookie;
  return c;
}

type Outcome = { status: number; text: string; reused: boolean } | { error: string };

/** A raw vim25 call with node:http on a keep-alive agent; a reset or a timeout is an outcome, not an exception. */
function call(p: FaultProxy, method: string, thisXml: string, args = "", timeoutMs = 5_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers = { "Content-Type": 'text/xml; charset="utf-8"', SOAPAction: "urn:vim25/8.0.3.0", Cookie: h.admin.cookie! };
    const req = httpRequest(p.sdkUrl, { method: "POST", headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString("utf8"), reused: req.reusedSocket }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timed out"), { code: "TIMEOUT" })));
    req.on("error", (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end(envelope(method, thisXml + args));
  });
}

const SI = ref("ServiceInstance", "ServiceInstance");
const currentTime = (p: FaultProxy, timeoutMs?: number) => call(p, "CurrentTime", SI, "", timeoutMs);
const status = (o: Outcome) => ("status" in o ? o.status : o.error);

/** Whether esx-01 has the switch, read back through the PropertyCollector directly on the simulator. */
async function hasSwitch(name: string): Promise<boolean> {
  return (await h.read("esx-01")).net.vswitch?.some((v) => v.name === name) ?? false;
}

describe("each kind of fault, at rate 1", () => {
  it.each<[FaultKind, string, boolean]>([
    ["fault", "500", false],
    ["dropped", "ECONNRESET", false],
    ["lostReply", "ECONNRESET", true],
    ["noAnswer", "TIMEOUT", true],
  ])("%s: the client sees %s; the call ran: %s", async (kind, seen, ran) => {
    const p = await proxy({ kinds: [kind] });
    const name = `vSwitch-${kind}`;
    const outcome = await call(p, "AddVirtualSwitch", h.ns("esx-01"), el("vswitchName", name), 300);
    expect(String(status(outcome))).toBe(seen);
    expect(h.host("esx-01").vswitch(name) !== undefined).toBe(ran);
    expect(await hasSwitch(name)).toBe(ran);
    expect(p.stats()).toEqual({
      calls: 1,
      injected: { fault: 0, dropped: 0, lostReply: 0, noAnswer: 0, [kind]: 1 },
      byMethod: { AddVirtualSwitch: { calls: 1, injected: 1 } },
    });
  });

  it("answers an injected fault as a vCenter does: ServerFaultCode and a SystemError with its reason", async () => {
    const p = await proxy({ kinds: ["fault"] });
    const reply = await through(p).call("CurrentTime", SI);
    expect(reply.status).toBe(500);
    expect(reply.fault).toBe("SystemError");
    expect(reply.text).toContain("<faultcode>ServerFaultCode</faultcode>");
    expect(reply.text).toContain('<SystemErrorFault xmlns="urn:vim25" xsi:type="SystemError"><reason>injected by the fault proxy</reason>');
  });

  it("holds a noAnswer connection until close(), which ends it promptly", async () => {
    const p = await proxy({ kinds: ["noAnswer"] });
    const pending = currentTime(p, 10_000);
    const waited = await Promise.race([pending, new Promise((r) => setTimeout(() => r("still waiting"), 300))]);
    expect(waited).toBe("still waiting");
    const started = Date.now();
    await p.close();
    expect(await pending).toEqual({ error: "ECONNRESET" });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("the share of faults", () => {
  it("passes everything at rate 0: sign-in, RetrieveServiceContent and a call on the new session, over keep-alive", async () => {
    const p = await proxy({ rate: 0 });
    const c = new Client(p.sdkUrl);
    const login = expectOk(await c.login());
    expect(login.setCookie).toMatch(/^vmware_soap_session=/);
    expectOk(await c.call("RetrieveServiceContent", SI));
    expect((await c.props("HostSystem", h.host("esx-01").ref.value, ["name"])).get("name")?.text).toBe("esx-01.lab.local");
    await currentTime(p);
    expect(await currentTime(p)).toMatchObject({ status: 200, reused: true });
    expect(p.stats()).toMatchObject({ calls: 5, injected: { fault: 0, dropped: 0, lostReply: 0, noAnswer: 0 } });
  });

  /** Whether each of n CurrentTime calls was faulted, in order. */
  async function sequence(seed: number, n = 1000): Promise<boolean[]> {
    const p = await proxy({ rate: 0.3, kinds: ["fault"], seed });
    const c = through(p);
    const out: boolean[] = [];
    for (let i = 0; i < n; i++) out.push((await c.call("CurrentTime", SI)).status === 500);
    expect(p.stats().injected.fault).toBe(out.filter(Boolean).length);
    return out;
  }

  it("injects 300±60 faults in 1000 calls at rate 0.3, the same ones for the same seed", async () => {
    const first = await sequence(7);
    expect(Math.abs(first.filter(Boolean).length - 300)).toBeLessThanOrEqual(60);
    expect(await sequence(7)).toEqual(first);
    expect(await sequence(8)).not.toEqual(first);
  });

  it("draws the kinds uniformly and reproducibly from the seed", async () => {
    const run = async () => {
      const p = await proxy({ seed: 3 });
      // Concurrent: the order of arrival varies, but the i-th call drawn always gets the i-th fate.
      await Promise.all(Array.from({ length: 80 }, () => currentTime(p, 300)));
      return p.stats().injected;
    };
    const injected = await run();
    expect(Object.values(injected).reduce((a, b) => a + b)).toBe(80);
    for (const n of Object.values(injected)) expect(n).toBeGreaterThan(5);
    expect(await run()).toEqual(injected);
  });

  it("never faults a spared method", async () => {
    const p = await proxy({ kinds: ["fault"], spare: ["RetrieveServiceContent"] });
    const c = through(p);
    for (let i = 0; i < 10; i++) {
      expect((await c.call("RetrieveServiceContent", SI)).status).toBe(200);
      expect((await c.call("CurrentTime", SI)).status).toBe(500);
    }
    expect(p.stats().byMethod).toEqual({ RetrieveServiceContent: { calls: 10, injected: 0 }, CurrentTime: { calls: 10, injected: 10 } });
  });

  it("refuses a rate outside 0..1", async () => {
    await expect(startFaultProxy({ target: h.running.baseUrl, rate: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe("what passes untouched", () => {
  it("passes GET /sdk/vimServiceVersions.xml and the /sim control endpoints, uncounted, even at rate 1", async () => {
    const p = await proxy({ kinds: ["dropped"] });
    const direct = await (await fetch(`${h.running.sdkUrl}/vimServiceVersions.xml`)).text();
    const res = await fetch(`${p.sdkUrl}/vimServiceVersions.xml`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(direct);

    const auth = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
    const state = await fetch(`${p.url}/sim/state`, { headers: auth });
    expect(await state.json()).toMatchObject({ hosts: 9 });
    const rule = { method: "CurrentTime", fault: "NotFound" };
    expect((await fetch(`${p.url}/sim/faults`, { method: "POST", headers: auth, body: JSON.stringify(rule) })).status).toBe(201);
    expect((await fetch(`${p.url}/sim/faults`, { method: "DELETE", headers: auth })).status).toBe(200);
    expect(p.stats()).toEqual({ calls: 0, injected: { fault: 0, dropped: 0, lostReply: 0, noAnswer: 0 }, byMethod: {} });
  });
});

describe("the HTTP exchange", () => {
  it("forwards the body, Cookie and SOAPAction, and returns the target's status, headers and body unchanged", async () => {
    const stub = await stubServer((req, body, res) => {
      res.writeHead(500, { "Content-Type": "text/xml", "Set-Cookie": ["a=1; Path=/", "b=2"], "X-Target": "yes" });
      res.end(JSON.stringify({ url: req.url, cookie: req.headers.cookie, soapAction: req.headers.soapaction, body }));
    });
    try {
      const p = await proxy({ target: new URL(stub.url).origin, rate: 0 });
      const xml = envelope("CurrentTime", SI);
      const res = await fetch(`${p.sdkUrl}?x=1`, {
        method: "POST",
        headers: { Cookie: "c=3", SOAPAction: "urn:vim25/8.0.3.0" },
        body: xml,
      });
      expect(res.status).toBe(500);
      expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2"]);
      expect(res.headers.get("x-target")).toBe("yes");
      expect(await res.json()).toEqual({ url: "/sdk?x=1", cookie: "c=3", soapAction: "urn:vim25/8.0.3.0", body: xml });
      expect(p.stats().byMethod).toEqual({ CurrentTime: { calls: 1, injected: 0 } });
    } finally {
      await closeServer(stub.server);
    }
  });
});

describe("the repo's vim25 client (VCenter) through the proxy", () => {
  it("signs in and lists hosts at rate 0, and gets a SystemError VimFault once the rate is raised", async () => {
    const p = await proxy({ rate: 0, kinds: ["fault"] });
    const vc = await connectVCenter({ url: p.sdkUrl, timeoutMs: 5_000 });
    try {
      const { cookie } = await vc.login("administrator@vsphere.local", "VMware1!");
      expect((await hosts(vc, cookie)).size).toBe(9);
      p.rate = 1;
      const err = await vc.currentSession(cookie).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VimFault);
      expect((err as VimFault).type).toBe("SystemError");
      expect((err as VimFault).fault).toMatchObject({ reason: "injected by the fault proxy" });
      p.rate = 0;
      expect((await vc.currentSession(cookie)).userName).toBe("VSPHERE.LOCAL\\Administrator");
      expect(p.stats().injected.fault).toBe(1);
    } finally {
      vc.close();
    }
  });
});
