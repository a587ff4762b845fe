import { randomUUID } from "node:crypto";
import { Agent as HttpAgent } from "node:http";
import type { Agent as HttpsAgent } from "node:https";

import axios, { isAxiosError, type AxiosInstance } from "axios";
import { Client } from "soap";

import { encodeArgs } from "./encode.ts";
import { VimError, VimFault, VimMalformedReplyError, VimTimeoutError, VimTlsError, VimTransportError } from "./faults.ts";
import { normalise, normaliseFault, toArray, xsiType } from "./normalise.ts";
import { httpsAgent, THUMBPRINT_MISMATCH, type TlsOptions } from "./tls.ts";
import type { MethodFault, MoRef } from "./types.ts";
import { loadVim25, SOAP_OPTIONS, type Vim25Schema } from "./wsdl.ts";

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

/** What the 'response' event saw of one exchange, found again by its exchange ID. */
interface Exchange {
  status?: number;
  setCookie?: string[];
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** vim25 versions compare numerically part by part: 8.0.10.0 is newer than 8.0.3.0. */
function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The `name=value` pair of the session cookie from Set-Cookie headers (vCenter quotes the value; vcsim does not). */
function sessionCookie(setCookie: string[] | undefined): string | undefined {
  for (const header of setCookie ?? []) {
    const pair = header.split(";")[0]!.trim();
    if (pair.startsWith(`${SESSION_COOKIE}=`)) return pair;
  }
  return undefined;
}

/**
 * Whether node-soap's result is the <XResponse> element: null when it is empty, else an object of
 * returnval (and attributes). Without a SOAP Body node-soap resolves with the whole parsed document
 * instead ({} for an empty reply), which must not pass for a void method's success.
 */
function isResponseElement(result: unknown): result is Record<string, unknown> | null {
  if (result === null) return true;
  if (typeof result !== "object" || Array.isArray(result)) return false;
  const keys = Object.keys(result);
  return keys.length > 0 && keys.every((k) => k === "returnval" || k === "attributes");
}

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/;

/** An error from below the SOAP layer (no HTTP response) as a transport, TLS or timeout error. */
function transportError(method: string, err: unknown, timeoutMs: number): VimError {
  const code = String((err as { code?: unknown }).code ?? "");
  const reason = (err as Error).message;
  // axios reports its own timeout as ECONNABORTED "timeout of N ms exceeded"; ETIMEDOUT comes from the OS.
  if (code === "ETIMEDOUT" || (code === "ECONNABORTED" && /timeout/i.test(reason))) return new VimTimeoutError(method, timeoutMs);
  if (code === THUMBPRINT_MISMATCH || TLS_CODE.test(code)) {
    return new VimTlsError(method, code, `${method}: the server's TLS certificate was not accepted (${code}): ${reason}`);
  }
  return new VimTransportError(method, code || "ERR_TRANSPORT", `${method}: ${reason || "connection failed"}${code ? ` (${code})` : ""}`);
}

/**
 * A vim25 SOAP client for one vCenter, on the WSDL parsed once per process (wsdl.ts). It holds no session:
 * each call takes the caller's session cookie, so one client serves every user.
 */
export class VimClient {
  private readonly exchanges = new Map<string, Exchange>();

  private constructor(
    readonly url: string,
    /** The newest urn:vim25 version the server lists, sent as SOAPAction. */
    readonly apiVersion: string,
    readonly schema: Vim25Schema,
    private readonly soap: Client,
    private readonly agent: HttpAgent | HttpsAgent,
    private readonly timeoutMs: number,
    private readonly onCall: ((event: CallEvent) => void) | undefined,
  ) {
    // node-soap reports each response with the exchange ID the call passed in, so concurrent calls
    // each find their own headers (client.lastResponseHeaders is shared and racy).
    soap.on("response", (_body: unknown, response: { status?: number; headers?: Record<string, unknown> } | undefined, id: string) => {
      if (!this.exchanges.has(id)) return;
      const setCookie = response?.headers?.["set-cookie"];
      this.exchanges.set(id, { status: response?.status, setCookie: toArray(setCookie).map(String) });
    });
  }

  static async connect(options: VimClientOptions): Promise<VimClient> {
    const url = new URL(options.url);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new TypeError(`Not an http(s) URL: ${options.url}`);
    if (url.protocol === "http:" && options.tls) throw new TypeError("TLS options need an https:// URL");
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const { wsdl, schema } = await loadVim25();
    // Idle sockets close before the server's Keep-Alive timeout (Node honours its hint only with a timeout set).
    const agentOptions = { keepAlive: true, timeout: 60_000 };
    const agent = url.protocol === "https:" ? httpsAgent(options.tls, agentOptions) : new HttpAgent(agentOptions);
    // No proxy from the environment: the certificate checks are meant for the vCenter itself.
    const http = axios.create({ httpAgent: agent, httpsAgent: agent, proxy: false, maxRedirects: 0 });
    try {
      const apiVersion = await VimClient.serviceVersion(http, url.href, timeoutMs, (xml) => wsdl.xmlToObject(xml));
      const soap = new Client(wsdl, url.href, { ...SOAP_OPTIONS, request: http });
      soap.setSOAPAction(`urn:vim25/${apiVersion}`);
      return new VimClient(url.href, apiVersion, schema, soap, agent, timeoutMs, options.onCall);
    } catch (err) {
      agent.destroy();
      throw err;
    }
  }

  /** The newest urn:vim25 version in GET <sdk>/vimServiceVersions.xml. */
  private static async serviceVersion(http: AxiosInstance, sdkUrl: string, timeoutMs: number, parse: (xml: string) => unknown) {
    const step = "vimServiceVersions";
    let body: string;
    let status: number;
    try {
      const response = await http.get<string>(`${sdkUrl.replace(/\/$/, "")}/vimServiceVersions.xml`, {
        timeout: timeoutMs,
        responseType: "text",
        transformResponse: (data: string) => data,
        validateStatus: null,
      });
      body = response.data;
      status = response.status;
    } catch (err) {
      throw transportError(step, err, timeoutMs);
    }
    if (status !== 200) throw new VimMalformedReplyError(step, "the server does not publish its vim25 versions", status);
    let doc: { namespaces?: { namespace?: unknown } };
    try {
      doc = parse(body) as typeof doc;
    } catch {
      throw new VimMalformedReplyError(step, "vimServiceVersions.xml is not XML", status);
    }
    const vim25 = toArray(doc.namespaces?.namespace).find((ns) => (ns as { name?: unknown }).name === "urn:vim25") as
      { version?: unknown; priorVersions?: { version?: unknown } } | undefined;
    const versions = [...toArray(vim25?.version), ...toArray(vim25?.priorVersions?.version)].filter(
      (v): v is string => typeof v === "string" && /^\d+(\.\d+)*$/.test(v),
    );
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
    const spec = this.schema.methods.get(method);
    if (!spec) throw new TypeError(`${method} is not a method of the vim25 WSDL subset`);
    const body = encodeArgs(this.schema, spec, thisRef, args);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const exchangeId = randomUUID();
    this.exchanges.set(exchangeId, {});
    const started = performance.now();
    let outcome = "ok";
    try {
      const invoke = this.soap[`${method}Async`] as (args: unknown, options: unknown, headers: unknown) => Promise<[unknown]>;
      let result: unknown;
      try {
        [result] = await invoke(body, { exchangeId, timeout: timeoutMs }, cookie ? { Cookie: cookie } : {});
      } catch (err) {
        throw this.failure(method, err, this.exchanges.get(exchangeId)!, timeoutMs, cookie ? [cookie, ...secrets] : secrets);
      }
      const exchange = this.exchanges.get(exchangeId)!;
      if (!isResponseElement(result)) throw new VimMalformedReplyError(method, `the reply has no ${method}Response`, exchange.status);
      return { value: this.returnValue(method, result, exchange.status), cookie: sessionCookie(exchange.setCookie) };
    } catch (err) {
      outcome = err instanceof Error ? err.name : "Error";
      throw err;
    } finally {
      this.exchanges.delete(exchangeId);
      this.onCall?.({ method, durationMs: performance.now() - started, outcome });
    }
  }

  private returnValue(method: string, result: Record<string, unknown> | null, status: number | undefined): unknown {
    const returns = this.schema.methods.get(method)!.returns;
    if (!returns) return undefined;
    const raw = result?.returnval;
    if (returns.array) return toArray(raw).map((item) => normalise(this.schema, item, returns.type, method));
    if (raw === undefined) {
      if (returns.optional) return undefined;
      throw new VimMalformedReplyError(method, "the reply has no returnval", status);
    }
    return normalise(this.schema, raw, returns.type, method);
  }

  /** A fault from a LocalizedMethodFault's `fault` (task errors, missingSet entries). */
  faultFrom(method: string, fault: MethodFault, message = "", secrets: readonly string[] = []): VimFault {
    return new VimFault(method, fault, this.hierarchy(fault._type), message, secrets);
  }

  private hierarchy(type: string): string[] {
    const chain: string[] = [];
    for (let t: string | undefined = type; t; t = this.schema.type(t)?.base) chain.push(t);
    return chain.at(-1) === "MethodFault" ? chain : [...chain, "MethodFault"];
  }

  /** Whatever node-soap or axios threw, as a typed error that carries nothing of the request. */
  private failure(method: string, err: unknown, exchange: Exchange, timeoutMs: number, secrets: readonly string[]): VimError {
    const soapFault = (err as { root?: { Envelope?: { Body?: { Fault?: unknown } } } }).root?.Envelope?.Body?.Fault;
    if (soapFault && typeof soapFault === "object") return this.soapFault(method, soapFault as Record<string, unknown>, secrets);
    if (isAxiosError(err) && !err.response) return transportError(method, err, timeoutMs);
    // Anything else node-soap rejects is a reply it could not read: not XML, truncated, not an envelope.
    return new VimMalformedReplyError(method, "the reply is not a vim25 SOAP envelope", exchange.status);
  }

  private soapFault(method: string, fault: Record<string, unknown>, secrets: readonly string[]): VimFault {
    const faultstring = typeof fault.faultstring === "string" ? fault.faultstring : "";
    const detail = fault.detail && typeof fault.detail === "object" ? (fault.detail as Record<string, unknown>) : {};
    // The detail holds one <TypeFault xsi:type="Type"> element.
    const entry = Object.entries(detail).find(([name]) => name !== "attributes" && name !== "$value");
    if (!entry) return this.faultFrom(method, { _type: "MethodFault" }, faultstring, secrets);
    const [element, raw] = entry;
    const type = xsiType(raw) ?? element.replace(/Fault$/, "");
    return this.faultFrom(method, normaliseFault(this.schema, raw, type) as unknown as MethodFault, faultstring, secrets);
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
