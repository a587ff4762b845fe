import type { FaultType, FaultTypes, MethodFault, MoRef } from "./types.ts";

/**
 * Every failure of a vim25 call is one of these. Messages are built from the fault's fields and the
 * server's text only, never from the request, so they hold no session cookie and no password; the
 * errors keep no reference to the HTTP exchange either.
 */
export class VimError extends Error {
  override name = "VimError";

  constructor(
    /** The vim25 method, e.g. "AddVirtualNic" (or the client step, e.g. "vimServiceVersions"). */
    readonly method: string,
    message: string,
  ) {
    super(message);
  }
}

const ref = (r: MoRef | undefined) => (r ? `${r.type}:${r.value}` : "?");

/** Fault specifics worth a line in the message; the full fault is on `fault`. */
function details(fault: Record<string, unknown>): string {
  switch (fault._type) {
    case "NoPermission":
    case "NotAuthenticated": {
      const missing = (fault.missingPrivileges as { entity: MoRef; privilegeIds: string[] }[] | undefined) ?? [];
      const parts = missing.length
        ? missing.map((m) => `${m.privilegeIds.join(", ")} on ${ref(m.entity)}`)
        : fault.privilegeId
          ? [`${String(fault.privilegeId)} on ${ref(fault.object as MoRef | undefined)}`]
          : [];
      return parts.length ? ` (missing privilege ${parts.join("; ")})` : "";
    }
    case "InvalidArgument":
      return fault.invalidProperty ? ` (invalid property ${String(fault.invalidProperty)})` : "";
    case "ResourceInUse":
      return fault.name ? ` (${String(fault.type ?? "resource")} ${String(fault.name)} is in use)` : "";
    case "AlreadyExists":
    case "DuplicateName":
      return fault.name ? ` (${String(fault.name)})` : "";
    case "ManagedObjectNotFound":
      return ` (${ref(fault.obj as MoRef)})`;
    case "MethodNotFound":
      return ` (${String(fault.method)} on ${ref(fault.receiver as MoRef)})`;
  }
  return "";
}

/**
 * A vim25 fault the server answered with. `type` is the fault's vim25 type; `fault` holds its fields as
 * the vim25 description declares them. `is()` follows the fault hierarchy (a PlatformConfigFault is a HostConfigFault,
 * NotAuthenticated is a NoPermission) and narrows `fault` to that type's fields.
 */
export class VimFault<F extends MethodFault = MethodFault> extends VimError {
  override name = "VimFault";
  readonly type: string;

  constructor(
    method: string,
    readonly fault: F,
    /** The fault's type and its ancestors up to MethodFault, most specific first. */
    readonly hierarchy: readonly string[],
    serverMessage: string,
    /** Values that must not appear in the message even if the server echoes them. */
    secrets: readonly string[] = [],
  ) {
    const text = serverMessage || (fault as { text?: string }).text || fault.faultMessage?.[0]?.message || "";
    const message = `${method}: ${fault._type}${text ? `: ${text}` : ""}${details(fault as unknown as Record<string, unknown>)}`;
    super(method, redact(message, secrets));
    this.type = fault._type;
  }

  is<K extends FaultType>(type: K): this is VimFault<FaultTypes[K]> {
    return this.hierarchy.includes(type);
  }
}

/** The server could not be reached or the connection broke: refused, reset, DNS, TLS. */
export class VimTransportError extends VimError {
  override name = "VimTransportError";

  constructor(
    method: string,
    /** The system or TLS error code, e.g. ECONNREFUSED, ECONNRESET, DEPTH_ZERO_SELF_SIGNED_CERT. */
    readonly code: string,
    message: string,
  ) {
    super(method, message);
  }
}

/** The server's certificate was not accepted (untrusted, wrong host name, wrong thumbprint). */
export class VimTlsError extends VimTransportError {
  override name = "VimTlsError";
}

/** No answer within the call's timeout. */
export class VimTimeoutError extends VimTransportError {
  override name = "VimTimeoutError";

  constructor(
    method: string,
    readonly timeoutMs: number,
  ) {
    super(method, "ETIMEDOUT", `${method}: no answer within ${timeoutMs} ms`);
  }
}

/** The server answered, but not with a vim25 SOAP reply (not XML, truncated, missing elements). */
export class VimMalformedReplyError extends VimError {
  override name = "VimMalformedReplyError";

  constructor(
    method: string,
    reason: string,
    /** The HTTP status, when there was a response. */
    readonly status?: number,
  ) {
    super(method, `${method}: malformed reply${status ? ` (HTTP ${status})` : ""}: ${reason}`);
  }
}

/** Replaces each secret (cookie, password) that appears in server-provided text. */
function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
  return out;
}
