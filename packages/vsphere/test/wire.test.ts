/** What the client puts on the wire, recorded by a proxy in front of the simulator. */
import { request, type IncomingHttpHeaders, type Server } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../../simulator/src/index.ts";
import { connectVCenter, type VCenter } from "../src/index.ts";
import { ADMIN, closeServer, hosts, simulator, stubServer, type Host } from "./helpers.ts";

interface Recorded {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let running: RunningSimulator;
let proxy: Server;
let vc: VCenter;
let cookie: string;
let host: Host;
const recorded: Recorded[] = [];

beforeAll(async () => {
  running = await simulator();
  const target = new URL(running.sdkUrl);
  const stub = await stubServer((req, body, res) => {
    recorded.push({ method: req.method!, headers: req.headers, body });
    const forward = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    forward.end(body);
  });
  proxy = stub.server;
  vc = await connectVCenter({ url: stub.url });
  ({ cookie } = await vc.login(ADMIN.user, ADMIN.password));
  host = (await hosts(vc, cookie)).get("esx-01.lab.local")!;
});
afterAll(async () => {
  vc.close();
  await closeServer(proxy);
  await running.close();
});

/** Local names of the start tags in document order, whatever the prefixes. */
const tags = (xml: string) => [...xml.matchAll(/<([\w-]+:)?([\w_]+)[\s>/]/g)].map((m) => m[2]).filter((t) => t !== "xml");

async function record(call: () => Promise<unknown>): Promise<Recorded> {
  recorded.length = 0;
  await call();
  expect(recorded).toHaveLength(1);
  return recorded[0]!;
}

describe("requests on the wire", () => {
  it("reads the versions first, then sends SOAPAction urn:vim25/<newest> and no cookie before login", () => {
    expect(recorded[0]).toMatchObject({ method: "GET" });
    const [, serviceContent, login] = recorded;
    expect(serviceContent!.headers.soapaction).toBe('"urn:vim25/8.0.3.0"');
    expect(serviceContent!.headers.cookie).toBeUndefined();
    expect(login!.headers.cookie).toBeUndefined();
    expect(tags(login!.body)).toEqual(["Envelope", "Body", "Login", "_this", "userName", "password"]);
    expect(login!.body).toMatch(/<(\w+:)?_this type="SessionManager">SessionManager<\/(\w+:)?_this>/);
  });

  it("sends each call's own cookie", async () => {
    const sent = await record(() => vc.currentSession(cookie));
    expect(sent.headers.cookie).toBe(cookie);
  });

  it("serializes arguments in WSDL order with xsi:type on polymorphic values, whatever the key order", async () => {
    const sent = await record(() =>
      vc
        .invoke(cookie, "AddVirtualSwitch", host.networkSystem, {
          spec: {
            mtu: 9000,
            policy: { nicTeaming: { nicOrder: { standbyNic: ["vmnic3"], activeNic: ["vmnic2"] } } },
            bridge: { beacon: { interval: 1 }, nicDevice: ["vmnic2", "vmnic3"], _type: "HostVirtualSwitchBondBridge" },
            numPorts: 64,
          },
          vswitchName: "vSwitch1",
        })
        .then(() => undefined),
    );
    expect(tags(sent.body)).toEqual([
      ...["Envelope", "Body", "AddVirtualSwitch", "_this", "vswitchName", "spec", "numPorts", "bridge", "nicDevice", "nicDevice", "beacon"],
      ...["interval", "policy", "nicTeaming", "nicOrder", "activeNic", "standbyNic", "mtu"],
    ]);
    expect(sent.body).toMatch(new RegExp(`<(\\w+:)?_this type="HostNetworkSystem">${host.networkSystem.value}<`));
    expect(sent.body).toMatch(/<(\w+:)?bridge xsi:type="HostVirtualSwitchBondBridge">/);
    expect(sent.body).toMatch(/xmlns:xsi="http:\/\/www.w3.org\/2001\/XMLSchema-instance"/);
  });

  it("sends TraversalSpecs, HostIpRouteConfig and HostDnsConfig with xsi:type", async () => {
    const retrieve = await record(() =>
      vc.retrieve(cookie, [
        {
          objectSet: [
            {
              selectSet: [
                { selectSet: [{ name: "folders" }], path: "childEntity", type: "Folder", name: "folders", _type: "TraversalSpec" },
              ],
              obj: vc.content.rootFolder,
            },
          ],
          propSet: [{ pathSet: ["name"], type: "Folder" }],
        },
      ]),
    );
    expect(tags(retrieve.body).slice(3)).toEqual([
      ...["_this", "specSet", "propSet", "type", "pathSet", "objectSet", "obj", "selectSet", "name", "type", "path", "selectSet", "name"],
      "options",
    ]);
    expect(retrieve.body).toMatch(/<(\w+:)?selectSet xsi:type="TraversalSpec"><(\w+:)?name>folders</);
    expect(retrieve.body).toMatch(/<(\w+:)?selectSet xsi:type="SelectionSpec"><(\w+:)?name>folders</);

    const update = await record(() =>
      vc
        .invoke(cookie, "UpdateNetworkConfig", host.networkSystem, {
          changeMode: "modify",
          config: {
            netStackSpec: [
              {
                operation: "edit",
                netStackInstance: {
                  ipRouteConfig: { defaultGateway: "10.10.0.1" },
                  dnsConfig: {
                    searchDomain: ["lab.local"],
                    address: ["10.10.0.2"],
                    domainName: "lab.local",
                    hostName: "esx-01",
                    dhcp: false,
                  },
                  key: "defaultTcpipStack",
                },
              },
            ],
          },
        })
        .then(() => undefined),
    );
    expect(tags(update.body).slice(3)).toEqual([
      ...["_this", "config", "netStackSpec", "netStackInstance", "key", "dnsConfig", "dhcp", "hostName", "domainName", "address"],
      ...["searchDomain", "ipRouteConfig", "defaultGateway", "operation", "changeMode"],
    ]);
    expect(update.body).toMatch(/<(\w+:)?dnsConfig xsi:type="HostDnsConfig">/);
    expect(update.body).toMatch(/<(\w+:)?ipRouteConfig xsi:type="HostIpRouteConfig">/);
  });

  it("escapes text, including passwords", async () => {
    const sent = await record(() => vc.login(ADMIN.user, "a<b&c").catch(() => undefined));
    expect(sent.body).toContain("a&lt;b&amp;c");
  });
});

describe("service versions", () => {
  it("picks the newest urn:vim25 version listed, comparing numerically", async () => {
    const versions = `<?xml version="1.0" encoding="UTF-8"?><namespaces version="1.0">
      <namespace><name>urn:vim25</name><version>8.0.3.0</version><priorVersions><version>8.0.10.0</version><version>7.0</version></priorVersions></namespace>
      <namespace><name>urn:other</name><version>9.9</version></namespace></namespaces>`;
    const actions: string[] = [];
    const stub = await stubServer((req, _body, res) => {
      if (req.method === "GET") {
        res.end(versions);
        return;
      }
      actions.push(String(req.headers.soapaction));
      res.writeHead(500, { "Content-Type": "text/xml" }).end("oops");
    });
    const err = await connectVCenter({ url: stub.url }).catch((e: unknown) => e);
    expect(actions).toEqual(['"urn:vim25/8.0.10.0"']);
    expect((err as Error).name).toBe("VimMalformedReplyError");
    await closeServer(stub.server);
  });
});
