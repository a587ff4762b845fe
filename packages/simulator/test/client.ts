/** A small vim25 client for the simulator's tests: raw XML in, parsed elements out. */
import { startSimulator, type RunningSimulator, type StartOptions } from "../src/index.ts";
import { escapeXml, NS, parseXml, xsiType, type XmlElement } from "@addnet/vim25";

export interface Reply {
  status: number;
  text: string;
  /** The XxxResponse element, or the fault's detail element. */
  body: XmlElement | undefined;
  /** The fault's type (xsi:type of the detail element), when the call failed. */
  fault?: string;
  setCookie?: string | null;
}

export const ref = (type: string, value: string) => `<_this type="${type}">${escapeXml(value)}</_this>`;
export const moref = (tag: string, type: string, value: string) => `<${tag} type="${type}">${escapeXml(value)}</${tag}>`;

export function envelope(method: string, inner: string): string {
  return (
    `<soapenv:Envelope xmlns:soapenv="${NS.soapenv}" xmlns:xsi="${NS.xsi}" xmlns:xsd="${NS.xsd}">` +
    `<soapenv:Body><${method} xmlns="urn:vim25">${inner}</${method}></soapenv:Body></soapenv:Envelope>`
  );
}

export async function post(url: string, xml: string, cookie?: string): Promise<Reply> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": 'text/xml; charset="utf-8"', SOAPAction: "urn:vim25/8.0.3.0", ...(cookie ? { Cookie: cookie } : {}) },
    body: xml,
  });
  const text = await res.text();
  let body: XmlElement | undefined;
  let fault: string | undefined;
  try {
    const env = parseXml(text);
    const first = env.children.find((c) => c.name === "Body")?.children[0];
    if (first?.name === "Fault") {
      body = first.children.find((c) => c.name === "detail")?.children[0];
      fault = body && xsiType(body);
    } else body = first;
  } catch {
    body = undefined;
  }
  return { status: res.status, text, body, fault, setCookie: res.headers.get("set-cookie") };
}

export const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);
export const children = (el: XmlElement | undefined, name: string) => el?.children.filter((c) => c.name === name) ?? [];
export const text = (el: XmlElement | undefined, name: string) => child(el, name)?.text;

export class Client {
  cookie: string | undefined;

  constructor(readonly url: string) {}

  async call(method: string, thisXml: string, args = ""): Promise<Reply> {
    return post(this.url, envelope(method, thisXml + args), this.cookie);
  }

  async login(userName = "administrator@vsphere.local", password = "VMware1!"): Promise<Reply> {
    const reply = await this.call(
      "Login",
      ref("SessionManager", "SessionManager"),
      `<userName>${escapeXml(userName)}</userName><password>${escapeXml(password)}</password>`,
    );
    if (reply.setCookie) this.cookie = reply.setCookie.split(";")[0];
    return reply;
  }

  /** RetrievePropertiesEx of some paths of one object; returns path -> val element. */
  async props(type: string, value: string, paths: string[]): Promise<Map<string, XmlElement>> {
    const reply = await this.call(
      "RetrievePropertiesEx",
      ref("PropertyCollector", "propertyCollector"),
      `<specSet><propSet><type>${type}</type>${paths.map((p) => `<pathSet>${p}</pathSet>`).join("")}</propSet>` +
        `<objectSet>${moref("obj", type, value)}</objectSet></specSet><options/>`,
    );
    if (reply.fault) throw new Error(`RetrievePropertiesEx failed: ${reply.fault}`);
    const out = new Map<string, XmlElement>();
    for (const ps of children(child(child(reply.body, "returnval"), "objects"), "propSet")) {
      out.set(text(ps, "name")!, child(ps, "val")!);
    }
    return out;
  }
}

/** Starts a simulator on a free port for one test file. */
export async function withSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, controlToken: "test-token", ...options });
}
