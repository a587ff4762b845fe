import type { MoRef } from "@addnet/vim25";

/** A vim25 fault: its type name (e.g. "NotFound") and its fields, sent as `<TypeFault xsi:type="Type">`. */
export class Fault extends Error {
  constructor(
    readonly type: string,
    readonly fields: Record<string, unknown> = {},
    message = "",
  ) {
    super(message || type);
  }

  /** The fault as a data object for the encoder. */
  toData(): Record<string, unknown> {
    return { _type: this.type, ...this.fields };
  }
}

export const faults = {
  invalidRequest: (message: string) => new Fault("InvalidRequest", {}, message),
  methodNotFound: (receiver: MoRef, method: string) =>
    new Fault("MethodNotFound", { receiver, method }, `Method ${method} not found on ${receiver.type}`),
  managedObjectNotFound: (obj: MoRef) =>
    new Fault(
      "ManagedObjectNotFound",
      { obj },
      `The object '${obj.type}:${obj.value}' has already been deleted or has not been completely created`,
    ),
  invalidArgument: (invalidProperty: string, message = `A specified parameter was not correct: ${invalidProperty}`) =>
    new Fault("InvalidArgument", { invalidProperty }, message),
  invalidProperty: (name: string) => new Fault("InvalidProperty", { name }),
  notAuthenticated: (object: MoRef) =>
    new Fault("NotAuthenticated", { object, privilegeId: "System.View" }, "The session is not authenticated."),
  noPermission: (entity: MoRef, privilegeIds: string[]) =>
    new Fault(
      "NoPermission",
      { object: entity, privilegeId: privilegeIds[0], missingPrivileges: [{ entity, privilegeIds }] },
      `Permission to perform this operation was denied. Required privilege '${privilegeIds.join(", ")}' on '${entity.value}'`,
    ),
  invalidLogin: () => new Fault("InvalidLogin", {}, "Cannot complete login due to an incorrect user name or password."),
  alreadyExists: (name: string) => new Fault("AlreadyExists", { name }, `The specified key, name, or identifier '${name}' already exists.`),
  notFound: (message: string) => new Fault("NotFound", {}, message),
  invalidState: (message: string) => new Fault("InvalidState", {}, message),
  resourceInUse: (type: string, name: string) => new Fault("ResourceInUse", { type, name }, `The resource '${name}' is in use.`),
  /** ESXi's refusal of a configuration, with the message in faultMessage, where VMware's clients read it. */
  hostConfig: (text: string) =>
    new Fault("PlatformConfigFault", { text, faultMessage: [{ key: "com.vmware.esx.hostctl.default", message: text }] }, text),
  notSupported: (message: string) => new Fault("NotSupported", {}, message),
  hostNotConnected: () => new Fault("HostNotConnected", {}, "The host is not connected."),
};
