/** vCenter's faults and transport failures, as the API's problem+json answers. */
import { isValidationCode, type Message } from "@addnet/contracts";
import { VimFault, VimMalformedReplyError, VimTimeoutError, VimTransportError, type MoRef } from "@addnet/vsphere";

import { ProblemError } from "../problem.ts";

/**
 * vCenter's fault, or the transport's failure, as a catalogue code in vCenter's words (the browser says it in the
 * user's language) with what the fault names: the parameter, the name in use.
 */
export function faultMessage(err: unknown): Message {
  if (err instanceof VimTimeoutError) return { code: "fault.timeout" };
  if (err instanceof VimTransportError) return { code: "fault.unreachable" };
  if (err instanceof VimMalformedReplyError) return { code: "fault.badReply" };
  if (!(err instanceof VimFault)) return { code: "fault.other", params: { fault: "InternalError" } };
  const code = `fault.${err.type}`;
  if (!isValidationCode(code)) return { code: "fault.other", params: { fault: err.type } };
  const fault = err.fault as { invalidProperty?: string; name?: string };
  const params: Record<string, string> = {};
  if (fault.invalidProperty) params.property = fault.invalidProperty;
  if (fault.name) params.name = fault.name;
  return { code, params };
}

/** The user's vCenter session has ended. */
export function sessionExpired(): ProblemError {
  return new ProblemError(
    401,
    "SESSION_EXPIRED",
    "Your vCenter session has ended",
    "vCenter ended the session: sign in again to go on where you were",
  );
}

export function faultProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  // Every answer names what happened in the catalogue's words too (the journal keeps them for the audit log).
  const fault = { fault: faultMessage(err) };
  if (err instanceof VimTimeoutError)
    return new ProblemError(504, "VCENTER_TIMEOUT", "vCenter did not answer in time", "vCenter did not answer in time", fault);
  if (err instanceof VimTransportError)
    return new ProblemError(502, "VCENTER_UNREACHABLE", "vCenter cannot be reached", "The connection to vCenter failed", fault);
  if (err instanceof VimMalformedReplyError)
    return new ProblemError(
      502,
      "VCENTER_BAD_REPLY",
      "vCenter's reply could not be read",
      "vCenter answered with something that is not a vim25 reply",
      fault,
    );
  if (!(err instanceof VimFault)) return new ProblemError(500, "INTERNAL", "Internal error", "An unexpected error occurred");
  const text = err.message;
  switch (err.type) {
    case "NotAuthenticated":
      return sessionExpired();
    case "InvalidLogin":
      return new ProblemError(
        401,
        "INVALID_LOGIN",
        "Incorrect user name or password",
        "Cannot complete login due to an incorrect user name or password.",
      );
    case "NoPermission": {
      const fault = err.fault as { object?: MoRef; privilegeId?: string; missingPrivileges?: { entity: MoRef; privilegeIds: string[] }[] };
      const first = fault.missingPrivileges?.[0];
      const entity = first?.entity ?? fault.object ?? { type: "ManagedEntity", value: "?" };
      const privilege = first?.privilegeIds[0] ?? fault.privilegeId ?? "?";
      return new ProblemError(
        403,
        "NO_PERMISSION",
        "Permission denied",
        `Missing privilege ${privilege} on ${entity.type}:${entity.value}`,
        {
          missingPrivilege: { privilege, entity: { type: entity.type, id: entity.value } },
        },
      );
    }
    case "AlreadyExists":
    case "DuplicateName":
      return new ProblemError(409, "ALREADY_EXISTS", "It already exists", text, fault);
    case "NotFound":
    case "ManagedObjectNotFound":
      return new ProblemError(404, "NOT_FOUND", "Not found", text, fault);
    case "InvalidArgument":
      return new ProblemError(422, "INVALID_ARGUMENT", "The host refused a value", text, fault);
    case "InvalidState":
      return new ProblemError(409, "INVALID_STATE", "The host is not in a state that allows this", text, fault);
    case "ResourceInUse":
      return new ProblemError(409, "RESOURCE_IN_USE", "A resource is in use", text, fault);
    case "HostNotConnected":
      return new ProblemError(409, "HOST_NOT_CONNECTED", "The host is not connected", text, fault);
    case "HostConfigFault":
    case "PlatformConfigFault":
      return new ProblemError(422, "HOST_CONFIG_FAULT", "The host refused the configuration", text, fault);
    case "NotSupported":
      return new ProblemError(422, "NOT_SUPPORTED", "Not supported by the host", text, fault);
  }
  return new ProblemError(502, "VCENTER_FAULT", `vCenter answered ${err.type}`, text, fault);
}
