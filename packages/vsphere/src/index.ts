export {
  connectVCenter,
  inventoryTraversal,
  propertiesOf,
  VCenter,
  type LoginResult,
  type RetrieveCallOptions,
  type WaitForTaskOptions,
} from "./vcenter.ts";
export { sent, VimClient, type CallEvent, type CallOptions, type VimClientOptions } from "./client.ts";
export { VimError, VimFault, VimMalformedReplyError, VimTimeoutError, VimTlsError, VimTransportError } from "./faults.ts";
export { normaliseThumbprint, type TlsOptions } from "./tls.ts";
export type { VimMethod, VimMethods } from "./methods.ts";
export type * from "./types.ts";
export { detached } from "@addnet/vim25";
