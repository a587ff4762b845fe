/**
 * vim25's types as the client reads them: the shared ones generated from VMware's bindings (@addnet/vim25/types),
 * with a fault's type always named.
 */
import type { DataTypes, ManagedObjectReference, MethodFault as VimMethodFault } from "@addnet/vim25/types";

export type * from "@addnet/vim25/types";

export type MoRef = ManagedObjectReference;

/** A fault as the client has it: `_type` is its vim25 type, e.g. "NoPermission". */
export type MethodFault = VimMethodFault & { _type: string };

/** Every fault type by name, for VimFault.is(). */
export type FaultTypes = { [K in keyof DataTypes as DataTypes[K] extends VimMethodFault ? K : never]: DataTypes[K] & { _type: string } };
export type FaultType = keyof FaultTypes;
