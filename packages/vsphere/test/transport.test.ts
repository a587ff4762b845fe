import { inspect } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../../simulator/src/index.ts";
import {
  connectVCenter,
  VimError,
  VimFault,
  VimMalformedReplyError,
  VimTimeoutError,
  VimTlsError,
  VimTransportError,
  type MoRef,
  type VCenter,
} from "../src/index.ts";
import { ADMIN, closeServer, connect, injectFault, simulator, stubServer } from "./helpers.ts";

const SI: MoRef = { type: "ServiceInstance", value: "ServiceInstance" };

async function failure(call: Promise<unknown>): Promise<VimError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof VimError)) throw new Error(`expected a VimError, got ${String(err)}`);
  return err;
}

describe("transport failures against the simulator", () => {
  let running: RunningSimulator;
  let vc: VCenter;
  let cookie: string;

  beforeAll(async () => {
    running = await simulator();
    vc = await connect(running);
    ({ cookie } = await vc.login(ADMIN.user, ADMIN.password));
  });
  afterAll(async () => {
    vc.close();
    await running.close();
  });

  it("a dropped connection is a VimTransportError, and the next call works", async () => {
    await injectFault(running, "CurrentTime", "DroppedConnection");
    const err = await failure(vc.invoke(cookie, "CurrentTime", SI, {}));
    expect(err).toBeInstanceOf(VimTransportError);
    expect((err as VimTransportError).code).toBe("ECONNRESET");
    expect(err.method).toBe("CurrentTime");
    expect(await vc.invoke(cookie, "CurrentTime", SI, {})).toMatch(/^\d{4}-/);
  });

  it("a truncated reply is a VimMalformedReplyError, not a crash", async () => {
    await injectFault(running, "CurrentTime", "MalformedResponse");
    const err = await failure(vc.invoke(cookie, "CurrentTime", SI, {}));
    expect(err).toBeInstanceOf(VimMalformedReplyError);
    expect((err as VimMalformedReplyError).status).toBe(200);
  });

  it("no answer within the per-call timeout is a VimTimeoutError", async () => {
    await injectFault(running, "CurrentTime", "Timeout");
    const started = Date.now();
    const err = await failure(vc.invoke(cookie, "CurrentTime", SI, {}, { timeoutMs: 300 }));
    expect(err).toBeInstanceOf(VimTimeoutError);
    expect((err as VimTimeoutError).timeoutMs).toBe(300);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await vc.invoke(cookie, "CurrentTime", SI, {})).toMatch(/^\d{4}-/);
  });

  it("errors carry nothing of the request: no cookie, no password, no HTTP exchange", async () => {
    await injectFault(running, "CurrentTime", "DroppedConnection");
    const err = await failure(vc.invoke(cookie, "CurrentTime", SI, {}));
    const dump = inspect(err, { depth: 20, showHidden: true }) + JSON.stringify(err);
    expect(dump).not.toContain(cookie.split("=")[1]!.replace(/"/g, ""));
    expect(dump).not.toContain(ADMIN.password);
    expect(dump).not.toMatch(/config|headers/i);
  });

  it("a refused connection is a VimTransportError", async () => {
    const other = await simulator();
    const doomed = await connect(other);
    const session = await doomed.login(ADMIN.user, ADMIN.password);
    await other.close();
    // The first call may still meet the closed keep-alive socket (ECONNRESET); the next one is refused.
    expect(await failure(doomed.invoke(session.cookie, "CurrentTime", SI, {}))).toBeInstanceOf(VimTransportError);
    const err = await failure(doomed.invoke(session.cookie, "CurrentTime", SI, {}));
    expect(err).toBeInstanceOf(VimTransportError);
    expect((err as VimTransportError).code).toBe("ECONNREFUSED");
    doomed.close();
    const unreachable = await failure(connectVCenter({ url: other.sdkUrl }));
    expect(unreachable).toMatchObject({ method: "vimServiceVersions", code: "ECONNREFUSED" });
    expect(unreachable).not.toBeInstanceOf(VimTlsError);
  });
});

const VERSIONS = `<?xml version="1.0" encoding="UTF-8"?><namespaces version="1.0"><namespace><name>urn:vim25</name><version>8.0.3.0</version></namespace></namespaces>`;
const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
  `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
const SERVICE_CONTENT = envelope(
  `<RetrieveServiceContentResponse xmlns="urn:vim25"><returnval><rootFolder type="Folder">group-d1</rootFolder>` +
    `<propertyCollector type="PropertyCollector">propertyCollector</propertyCollector><about><name>VMware vCenter Server</name>` +
    `<fullName>VMware vCenter Server 8.0.3</fullName><vendor>VMware, Inc.</vendor><version>8.0.3</version><build>1</build>` +
    `<osType>linux-x64</osType><productLineId>vpx</productLineId><apiType>VirtualCenter</apiType><apiVersion>8.0.3.0</apiVersion></about>` +
    `<sessionManager type="SessionManager">SessionManager</sessionManager></returnval></RetrieveServiceContentResponse>`,
);

/** A fake vCenter: versions and ServiceContent as a real one, then `reply` for every other call. */
async function stubVCenter(reply: (method: string) => { status?: number; type?: string; body: string; headers?: Record<string, string> }) {
  return stubServer((req, body, res) => {
    if (req.method === "GET") {
      res.writeHead(200, { "Content-Type": "text/xml" }).end(VERSIONS);
      return;
    }
    const method = /<(?:\w+:)?(\w+)[^>]*xmlns="urn:vim25"/.exec(body)?.[1] ?? "";
    if (method === "RetrieveServiceContent") {
      res.writeHead(200, { "Content-Type": "text/xml" }).end(SERVICE_CONTENT);
      return;
    }
    const answer = reply(method);
    res.writeHead(answer.status ?? 200, { "Content-Type": answer.type ?? "text/xml; charset=utf-8", ...answer.headers }).end(answer.body);
  });
}

describe("replies only a broken server or proxy gives", () => {
  const cases: [string, { status?: number; type?: string; body: string }, number][] = [
    ["plain text", { body: "hello" }, 200],
    ["an HTML error page", { status: 503, type: "text/html", body: "<html><body><h1>503 Service Unavailable</h1></body></html>" }, 503],
    ["an empty body", { body: "" }, 200],
    ["an XML document that is no envelope", { body: "<ok/>" }, 200],
    ["an envelope without the method's response", { body: envelope(`<OtherResponse xmlns="urn:vim25"/>`) }, 200],
  ];
  for (const [what, reply, status] of cases) {
    it(`${what} is a VimMalformedReplyError, also for a void method`, async () => {
      const stub = await stubVCenter(() => reply);
      const vc = await connectVCenter({ url: stub.url });
      const err = await failure(vc.logout('vmware_soap_session="x"'));
      expect(err).toBeInstanceOf(VimMalformedReplyError);
      expect((err as VimMalformedReplyError).status).toBe(status);
      vc.close();
      await closeServer(stub.server);
    });
  }

  it("a value that is not its xsd type is a VimMalformedReplyError", async () => {
    const stub = await stubVCenter(() => ({
      body: envelope(`<SessionIsActiveResponse xmlns="urn:vim25"><returnval>maybe</returnval></SessionIsActiveResponse>`),
    }));
    const vc = await connectVCenter({ url: stub.url });
    const err = await failure(vc.sessionIsActive('vmware_soap_session="x"', "k", "u"));
    expect(err).toBeInstanceOf(VimMalformedReplyError);
    expect(err.message).toContain("xsd:boolean");
    vc.close();
    await closeServer(stub.server);
  });

  it("a fault without detail is a VimFault of type MethodFault with the faultstring", async () => {
    const stub = await stubVCenter(() => ({
      status: 500,
      body: envelope(
        `<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>Unable to parse the request</faultstring></soapenv:Fault>`,
      ),
    }));
    const vc = await connectVCenter({ url: stub.url });
    const err = await failure(vc.invoke('vmware_soap_session="x"', "CurrentTime", SI, {}));
    expect(err).toBeInstanceOf(VimFault);
    expect((err as VimFault).type).toBe("MethodFault");
    expect(err.message).toBe("CurrentTime: MethodFault: Unable to parse the request");
    vc.close();
    await closeServer(stub.server);
  });

  it("a server that echoes the password in a fault has it redacted", async () => {
    const password = "Echoed-Secret-42";
    const stub = await stubVCenter(() => ({
      status: 500,
      body: envelope(
        `<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>bad password ${password}</faultstring>` +
          `<detail><InvalidLoginFault xmlns="urn:vim25" xsi:type="InvalidLogin"/></detail></soapenv:Fault>`,
      ),
    }));
    const vc = await connectVCenter({ url: stub.url });
    const err = await failure(vc.login(ADMIN.user, password));
    expect(err.message).toBe("Login: InvalidLogin: bad password [redacted]");
    vc.close();
    await closeServer(stub.server);
  });

  it("a Login reply without a session cookie is a VimMalformedReplyError", async () => {
    const stub = await stubVCenter(() => ({
      body: envelope(
        `<LoginResponse xmlns="urn:vim25"><returnval><key>k</key><userName>u</userName><fullName>U</fullName>` +
          `<loginTime>2026-11-26T13:44:24.765736221Z</loginTime><lastActiveTime>2026-11-26T13:44:24.765736221Z</lastActiveTime>` +
          `<locale>en</locale><messageLocale>en</messageLocale></returnval></LoginResponse>`,
      ),
    }));
    const vc = await connectVCenter({ url: stub.url });
    const err = await failure(vc.login(ADMIN.user, ADMIN.password));
    expect(err).toBeInstanceOf(VimMalformedReplyError);
    expect(err.message).toContain("vmware_soap_session");
    vc.close();
    await closeServer(stub.server);
  });

  it("a failed task is thrown as its fault, with full dateTime precision kept", async () => {
    const taskInfo =
      `<val xsi:type="TaskInfo"><key>task-7</key><task type="Task">task-7</task><descriptionId>host.VsanSystem.update</descriptionId>` +
      `<entity type="HostSystem">host-1</entity><state>error</state><cancelled>false</cancelled><cancelable>false</cancelable>` +
      `<error><fault xsi:type="PlatformConfigFault"><faultMessage><key>k</key><message>vSAN says no</message></faultMessage><text>vmk9 is gone</text></fault>` +
      `<localizedMessage>A general system error occurred: vmk9 is gone</localizedMessage></error>` +
      `<reason xsi:type="TaskReasonUser"><userName>VSPHERE.LOCAL\\Administrator</userName></reason>` +
      `<queueTime>2026-11-26T13:44:24.765736221Z</queueTime><eventChainId>7</eventChainId></val>`;
    const stub = await stubVCenter(() => ({
      body: envelope(
        `<RetrievePropertiesExResponse xmlns="urn:vim25"><returnval><objects><obj type="Task">task-7</obj>` +
          `<propSet><name>info</name>${taskInfo}</propSet></objects></returnval></RetrievePropertiesExResponse>`,
      ),
    }));
    const vc = await connectVCenter({ url: stub.url });
    const task = { type: "Task", value: "task-7" };
    const info = await vc.properties('vmware_soap_session="x"', task, ["info"]);
    expect(info.info).toMatchObject({ queueTime: "2026-11-26T13:44:24.765736221Z", eventChainId: 7, locked: [] });
    const err = await failure(vc.waitForTask('vmware_soap_session="x"', task));
    expect(err).toBeInstanceOf(VimFault);
    const fault = err as VimFault;
    expect(fault.is("HostConfigFault")).toBe(true);
    expect(fault.method).toBe("host.VsanSystem.update");
    expect(fault.fault).toEqual({
      _type: "PlatformConfigFault",
      faultMessage: [{ key: "k", arg: [], message: "vSAN says no" }],
      text: "vmk9 is gone",
    });
    expect(err.message).toBe("host.VsanSystem.update: PlatformConfigFault: A general system error occurred: vmk9 is gone");
    vc.close();
    await closeServer(stub.server);
  });

  it("a server without vimServiceVersions.xml is refused at connect", async () => {
    const stub = await stubServer((_req, _body, res) => res.writeHead(404).end("not found"));
    const err = await failure(connectVCenter({ url: stub.url }));
    expect(err).toBeInstanceOf(VimMalformedReplyError);
    expect(err.message).toBe("vimServiceVersions: malformed reply (HTTP 404): the server does not publish its vim25 versions");
    await closeServer(stub.server);
  });
});
