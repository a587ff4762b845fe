import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest, type Agent as HttpsAgent } from "node:https";

import {
  compareVersions,
  decodeElement,
  DecodeError,
  encodeRequest,
  NS,
  parseXml,
  vim25,
  XmlSyntaxError,
  xsiType,
  type DecodeOptions,
  type Method,
  type XmlElement,
} from "@addnet/vim25";

import { VimError, VimFault, VimMalformedReplyError, VimTimeoutError, VimTlsError, VimTransportError } from "./faults.ts";
import { httpsAgent, THUMBPRINT_MISMATCH, type TlsOptions } from "./tls.ts";
import type { MethodFault as VimMethodFault } from "@addnet/vim25/types";

import type { Input, MethodFault, MoRef } from "./types.ts";

const SESSION_COOKIE = "vmware_soap_session";

export interface VimClientOptions {
  /** The SDK endpoint, e.g. https://vcenter.example.com/sdk. */
  url: string;
  tls?: TlsOptions;
  /** Default per-call timeout (ms). */
  timeoutMs?: number;
  /** Called after every call, e.g. for logging or metrics; carries no arguments or secrets. */
  onCall?: (event: CallEvent) => void;
}

export interface CallEvent {
  method: string;
  durationMs: number;
  /** "ok", or the class of the error: VimFault, VimTransportError, ... */
  outcome: string;
}

export interface CallOptions {
  /** Per-call timeout (ms); the client's default otherwise. */
  timeoutMs?: number;
}

export interface Reply {
  value: unknown;
  /** The `vmware_soap_session=...` pair the server set, for the Cookie header of later calls. */
  cookie?: string;
}

/** A reply from a newer vCenter may hold types and fields this schema does not know: read them as opaque data. */
const LENIENT: DecodeOptions = { strict: false };

const DEFAULT_TIMEOUT_MS = 120_000;

/** The `name=value` pair of the session cookie from Set-Cookie headers (vCenter quotes the value; vcsim does not). */
function sessionCookie(setCookie: string[] | undefined): string | undefined {
  for (const header of setCookie ?? []) {
    const pair = header.split(";")[0]!.trim();
    if (pair.startsWith(`${SESSION_COOKIE}=`)) return pair;
  }
  return undefined;
}

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/;

/** An error from below the SOAP layer (no HTTP response) as a transport, TLS or timeout error. */
function transportError(method: string, err: unknown, timeoutMs: number): VimError {
  const code = String((err as { code?: unknown }).code ?? "");
  const reason = (err as Error).message;
  // ETIMEDOUT: the call's own deadline (see exchange) or the OS's.
  if (code === "ETIMEDOUT") return new VimTimeoutError(method, timeoutMs);
  if (code === THUMBPRINT_MISMATCH || TLS_CODE.test(code)) {
    return new VimTlsError(method, code, `${method}: the server's TLS certificate was not accepted (${code}): ${reason}`);
  }
  return new VimTransportError(method, code || "ERR_TRANSPORT", `${method}: ${reason || "connection failed"}${code ? ` (${code})` : ""}`);
}

/** The elements of an envelope's Body; anything that is not a SOAP envelope is a malformed reply. */
function bodyOf(method: string, xml: string, status: number): readonly XmlElement[] {
  let envelope: XmlElement;
  try {
    envelope = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new VimMalformedReplyError(method, "the reply is not XML", status);
    throw err;
  }
  const body = envelope.name === "Envelope" && envelope.uri === NS.soapenv ? envelope.children.find((c) => c.name === "Body") : undefined;
  if (!body) throw new VimMalformedReplyError(method, "the reply is not a vim25 SOAP envelope", status);
  return body.children;
}

const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);

interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Resolves once the calls begun so far are on their way: Node's HTTP client writes a request on the next tick, so work
 * done before yielding (a journal write) would otherwise delay it.
 */
export const sent = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

/**
 * One HTTP request on the vCenter's keep-alive agent, with Node's own client: no proxy from the environment, no
 * redirects, and a deadline for the whole exchange (ETIMEDOUT).
 */
function exchange(
  agent: HttpAgent | HttpsAgent,
  url: string,
  method: "GET" | "POST",
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<Exchange> {
  const send = url.startsWith("https:") ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method,
      agent,
      headers: body === undefined ? headers : { ...headers, "Content-Length": Buffer.byteLength(body) },
    });
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err); // the first failure counts: a destroyed request reports more after it
    };
    const timer = setTimeout(() => {
      const err = Object.assign(new Error(`no reply within ${timeoutMs} ms`), { code: "ETIMEDOUT" });
      fail(err);
      req.destroy(err);
    }, timeoutMs);
    req.on("error", fail);
    req.once("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", fail);
      res.once("end", () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    req.end(body);
  });
}

/**
 * A vim25 SOAP client for one vCenter, on the vim25 description and codec it shares with the simulator
 * (@addnet/vim25), over Node's HTTP client. It holds no session: each call takes the caller's
 * session cookie, so one client serves every user.
 */
export class VimClient {
  private constructor(
    readonly url: string,
    /** The newest urn:vim25 version the server lists, sent as SOAPAction. */
    readonly apiVersion: string,
    private readonly agent: HttpAgent | HttpsAgent,
    private readonly timeoutMs: number,
    private readonly onCall: ((event: CallEvent) => void) | undefined,
  ) {}

  static async connect(options: VimClientOptions): Promise<VimClient> {
    const url = new URL(options.url);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new TypeError(`Not an http(s) URL: ${options.url}`);
    if (url.protocol === "http:" && options.tls) throw new TypeError("TLS options need an https:// URL");
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Idle sockets close before the server's Keep-Alive timeout (Node honours its hint only with a timeout set).
    const agentOptions = { keepAlive: true, timeout: 60_000 };
    const agent = url.protocol === "https:" ? httpsAgent(options.tls, agentOptions) : new HttpAgent(agentOptions);
    // No proxy from the environment: the certificate checks are meant for the vCenter itself.
    try {
      const apiVersion = await VimClient.serviceVersion(agent, url.href, timeoutMs);
      return new VimClient(url.href, apiVersion, agent, timeoutMs, options.onCall);
    } catch (err) {
      agent.destroy();
      throw err;
    }
  }

  /** The newest urn:vim25 version in GET <sdk>/vimServiceVersions.xml. */
  private static async serviceVersion(agent: HttpAgent | HttpsAgent, sdkUrl: string, timeoutMs: number) {
    const step = "vimServiceVersions";
    let body: string;
    let status: number;
    try {
      ({ body, status } = await exchange(agent, `${sdkUrl.replace(/\/$/, "")}/vimServiceVersions.xml`, "GET", {}, undefined, timeoutMs));
    } catch (err) {
      throw transportError(step, err, timeoutMs);
    }
    if (status !== 200) throw new VimMalformedReplyError(step, "the server does not publish its vim25 versions", status);
    let doc: XmlElement;
    try {
      doc = parseXml(body);
    } catch {
      throw new VimMalformedReplyError(step, "vimServiceVersions.xml is not XML", status);
    }
    const vim = doc.children.find((ns) => ns.name === "namespace" && child(ns, "name")?.text.trim() === "urn:vim25");
    const versions = [child(vim, "version"), ...(child(vim, "priorVersions")?.children ?? [])]
      .map((v) => v?.text.trim() ?? "")
      .filter((v) => /^\d+(\.\d+)*$/.test(v));
    if (versions.length === 0) throw new VimMalformedReplyError(step, "vimServiceVersions.xml lists no urn:vim25 version", status);
    return versions.sort(compareVersions).at(-1)!;
  }

  /**
   * Calls a vim25 method. `cookie` is the caller's session cookie (none for RetrieveServiceContent and
   * Login); `secrets` are kept out of error messages in addition to the cookie.
   */
  async call(
    method: string,
    thisRef: MoRef,
    args: Record<string, unknown>,
    cookie: string | undefined,
    options: CallOptions = {},
    secrets: readonly string[] = [],
  ): Promise<Reply> {
    const spec = vim25.method(method);
    if (!spec) throw new TypeError(`${method} is not a vim25 method`);
    const body = encodeRequest(spec, thisRef, args);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const started = performance.now();
    let outcome = "ok";
    try {
      const response = await this.post(method, body, cookie, timeoutMs);
      const redacted = cookie ? [cookie, ...secrets] : secrets;
      const elements = bodyOf(method, response.body, response.status);
      const fault = elements.find((e) => e.name === "Fault" && e.uri === NS.soapenv);
      if (fault) throw this.soapFault(method, fault, redacted);
      const reply = elements.find((e) => e.name === `${method}Response`);
      if (!reply) throw new VimMalformedReplyError(method, `the reply has no ${method}Response`, response.status);
      return { value: this.returnValue(spec, reply, response.status), cookie: sessionCookie(response.headers["set-cookie"]) };
    } catch (err) {
      outcome = err instanceof Error ? err.name : "Error";
      throw err;
    } finally {
      this.onCall?.({ method, durationMs: performance.now() - started, outcome });
    }
  }

  private async post(method: string, body: string, cookie: string | undefined, timeoutMs: number): Promise<Exchange> {
    const headers: Record<string, string> = {
      "Content-Type": 'text/xml; charset="utf-8"',
      SOAPAction: `"urn:vim25/${this.apiVersion}"`,
      ...(cookie ? { Cookie: cookie } : {}),
    };
    try {
      return await exchange(this.agent, this.url, "POST", headers, body, timeoutMs);
    } catch (err) {
      throw transportError(method, err, timeoutMs);
    }
  }

  private returnValue({ name: method, returns }: Method, reply: XmlElement, status: number): unknown {
    if (!returns) return undefined;
    const values = reply.children.filter((c) => c.name === "returnval");
    try {
      if (returns.array) return values.map((v) => decodeElement(v, returns.type, method, LENIENT));
      if (values.length === 0) {
        if (returns.optional) return undefined;
        throw new VimMalformedReplyError(method, "the reply has no returnval", status);
      }
      return decodeElement(values[0]!, returns.type, method, LENIENT);
    } catch (err) {
      if (err instanceof DecodeError) throw new VimMalformedReplyError(err.path, err.message, status);
      throw err;
    }
  }

  /** A fault from a LocalizedMethodFault's `fault` (task errors, missingSet entries). */
  faultFrom(method: string, fault: Input<VimMethodFault>, message = "", secrets: readonly string[] = []): VimFault {
    // The codec names every value of a type that has subtypes, as MethodFault has.
    const typed = { ...fault, _type: fault._type ?? "MethodFault" } as MethodFault;
    return new VimFault(method, typed, this.hierarchy(typed._type), message, secrets);
  }

  /** The fault's type and its ancestors; a type newer than the schema is at least a MethodFault. */
  private hierarchy(type: string): string[] {
    const chain: string[] = [];
    for (let t: string | undefined = type; t; t = vim25.dataType(t)?.base) chain.push(t);
    return chain.at(-1) === "MethodFault" ? chain : [...chain, "MethodFault"];
  }

  /** `<soapenv:Fault>`: the detail holds one `<TypeFault xsi:type="Type">` element (or none). */
  private soapFault(method: string, fault: XmlElement, secrets: readonly string[]): VimFault {
    const faultstring = child(fault, "faultstring")?.text ?? "";
    const detail = child(fault, "detail")?.children[0];
    if (!detail) return this.faultFrom(method, { _type: "MethodFault" }, faultstring, secrets);
    const type = xsiType(detail) ?? detail.name.replace(/Fault$/, "");
    let data: MethodFault;
    try {
      data = decodeElement(detail, vim25.dataType(type) ? type : "MethodFault", method, LENIENT) as MethodFault;
    } catch (err) {
      if (err instanceof DecodeError) throw new VimMalformedReplyError(method, err.message);
      throw err;
    }
    return this.faultFrom(method, { ...data, _type: type }, faultstring, secrets);
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
