import type { Args, CallContext, ManagedObject } from "./managed-object.ts";
import type { ClientInfo } from "./session-manager.ts";
import { CHANGE_METHODS, injectedFault, TRANSPORT_FAULTS, type Simulator } from "./simulator.ts";
import {
  decodeElement,
  decodeParams,
  DecodeError,
  encodeFaultDetail,
  encodeResponse,
  ENVELOPE_CLOSE,
  ENVELOPE_OPEN,
  escapeXml,
  NS,
  parseXml,
  vim25,
  XmlSyntaxError,
  type DecodeOptions,
  type EncodeOptions,
  type MoRef,
  type XmlElement,
} from "@addnet/vim25";

import { Fault, faults } from "./vim/fault.ts";

export const SESSION_COOKIE = "vmware_soap_session";

/** Calls an anonymous caller may make; everything else needs a session (NotAuthenticated). The property reads answer
 * only for the SessionManager (property-collector.ts). */
const ANONYMOUS = new Set(["RetrieveServiceContent", "Login", "RetrieveProperties", "RetrievePropertiesEx"]);

export interface SoapReply {
  status: number;
  /** The envelope: a fault's as text, a result's as the UTF-8 chunks it was written in. */
  body: string | Buffer[];
  /** A new session cookie value, after Login. */
  sessionId?: string;
  /** An injected transport failure for the HTTP layer to act out. */
  transport?: "Timeout" | "DroppedConnection" | "MalformedResponse";
}

/** A request must be vim25 to the letter: of the declared types, with every required field. */
const STRICT: DecodeOptions = { strict: true };

export function faultReply(fault: Fault, options: EncodeOptions = { checked: false }): SoapReply & { body: string } {
  return {
    status: 500,
    body:
      ENVELOPE_OPEN +
      `<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>${escapeXml(fault.message)}</faultstring>` +
      `<detail>${encodeFaultDetail(fault.toData(), options)}</detail></soapenv:Fault>` +
      ENVELOPE_CLOSE,
  };
}

/** The vmware_soap_session value from a Cookie header; vCenter quotes it, Go's cookie jar does not. */
export function sessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return rest.join("=").replace(/^"(.*)"$/, "$1");
  }
  return undefined;
}

function methodElement(envelope: XmlElement): XmlElement {
  if (envelope.name !== "Envelope" || envelope.uri !== NS.soapenv) throw faults.invalidRequest("The request is not a SOAP envelope");
  const body = envelope.children.find((c) => c.name === "Body" && c.uri === NS.soapenv);
  const call = body?.children[0];
  if (!call) throw faults.invalidRequest("The SOAP body holds no method call");
  return call;
}

/** Handles one vim25 request: parse, authenticate, dispatch by method name to the object `_this` names. */
export async function handleSoap(sim: Simulator, xml: string, cookieHeader: string | undefined, client: ClientInfo): Promise<SoapReply> {
  // A vCenter answers in the vim25 version the client speaks (SOAPAction "urn:vim25/<version>"), the newest otherwise.
  const version = /^"?urn:vim25\/([\d.]+)"?$/.exec(client.soapAction ?? "")?.[1];
  const encoding: EncodeOptions = { checked: false, version };
  try {
    let envelope: XmlElement;
    try {
      envelope = parseXml(xml);
    } catch (err) {
      if (err instanceof XmlSyntaxError) throw faults.invalidRequest(`Unable to parse the request: ${err.message}`);
      throw err;
    }
    const call = methodElement(envelope);
    const thisEl = call.children.find((c) => c.name === "_this");
    if (!thisEl) throw faults.invalidRequest(`${call.name} has no _this argument`);
    const thisRef = decodeElement(thisEl, "ManagedObjectReference", "_this", STRICT) as MoRef;
    const spec = vim25.method(call.name);
    if (call.uri !== NS.vim25 || !spec) throw faults.methodNotFound(thisRef, call.name);
    const ctx: CallContext & { client: ClientInfo } = { sim, session: sim.session(sessionCookie(cookieHeader)), client };
    if (!ctx.session && !ANONYMOUS.has(call.name)) throw faults.notAuthenticated(thisRef);
    const target: ManagedObject = sim.lookup(thisRef);
    const handler = (target as unknown as Record<string, unknown>)[call.name];
    if (typeof handler !== "function") throw faults.methodNotFound(thisRef, call.name);

    const rule = sim.takeFault(call.name, target.ref.value);
    if (rule && rule.fault !== "LostReply" && TRANSPORT_FAULTS.has(rule.fault)) {
      return { status: 0, body: "", transport: rule.fault as SoapReply["transport"] };
    }
    if (rule && rule.fault !== "LostReply") {
      // vCenter answers NotAuthenticated only when the session is gone: it stays gone for the calls that follow.
      if (rule.fault === "NotAuthenticated" && ctx.session) sim.endSession(ctx.session);
      throw injectedFault(rule, target);
    }

    const args = decodeParams(call, spec, STRICT);
    const before = ctx.session;
    const change = CHANGE_METHODS.has(call.name);
    let result: unknown;
    try {
      result = await (handler as (a: Args, c: CallContext) => unknown).call(target, args, ctx);
      if (change) sim.recordChange(call.name, target, ctx);
    } catch (err) {
      if (change && err instanceof Fault) sim.recordChange(call.name, target, ctx, err);
      throw err;
    } finally {
      // Whatever the call changed, a refused change's task included: every waiting WaitForUpdatesEx looks again.
      sim.changed();
    }
    const body = encodeResponse(spec, result, encoding);
    const sessionId = ctx.session && ctx.session !== before ? ctx.session.id : undefined;
    // The call ran and changed what it changes; only its answer is lost on the way back.
    if (rule?.fault === "LostReply") return { status: 0, body: "", transport: "DroppedConnection" };
    return { status: 200, body, sessionId };
  } catch (err) {
    if (err instanceof Fault) return faultReply(err, encoding);
    if (err instanceof DecodeError) return faultReply(faults.invalidArgument(err.path, err.message), encoding);
    // A defect of the simulator, not of the request: say so as vCenter would, and keep serving.
    console.error("simulator: internal error", err);
    return faultReply(new Fault("SystemError", { reason: "internal simulator error" }, "A general system error occurred"));
  }
}
