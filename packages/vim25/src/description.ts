import { readFileSync } from "node:fs";

/**
 * vim25 as VMware describes it: vim25.json, generated from govmomi's bindings by ../generate/main.go, with the few
 * additions below. Both the runtime schema (schema.ts) and the TypeScript types (../generate/types.ts) read it here.
 */

export type RawField = [name: string, type: string, cardinality: "" | "?" | "[]"];
export interface RawType {
  base?: string;
  fields: RawField[];
}
export interface Raw {
  source: string;
  dataTypes: Record<string, RawType>;
  enums: Record<string, string[]>;
  managedTypes: Record<string, RawType>;
  methods: Record<string, { params: RawField[]; returns?: RawField }>;
}

export const description = JSON.parse(readFileSync(new URL("./vim25.json", import.meta.url), "utf8")) as Raw;

/**
 * vim25 methods VMware's public schema leaves out but its clients call: pyVmomi 8 and later read every
 * property with `Fetch` (../../shared/docs/vim25-wire.md), which a vCenter answers with the value under its type.
 */
export const INTERNAL_METHODS: Raw["methods"] = {
  Fetch: { params: [["prop", "string", ""]], returns: ["returnval", "anyType", "?"] },
  // esxcli through vCenter (govc host.esxcli, PowerCLI Get-EsxCli): a host's ReflectManagedMethodExecuter runs an
  // esxcli command, named by its handler's moid and method, with each argument as XML text; its reply, a result or
  // an esxcli fault, is XML text too. The host's InternalDynamicTypeManager describes the commands.
  RetrieveManagedMethodExecuter: { params: [], returns: ["returnval", "ManagedObjectReference", "?"] },
  RetrieveDynamicTypeManager: { params: [], returns: ["returnval", "ManagedObjectReference", "?"] },
  ExecuteSoap: {
    params: [
      ["moid", "string", ""],
      ["version", "string", ""],
      ["method", "string", ""],
      ["argument", "ReflectManagedMethodExecuterSoapArgument", "[]"],
    ],
    returns: ["returnval", "ReflectManagedMethodExecuterSoapResult", "?"],
  },
};

/** The data types of the internal methods above, as govmomi's internal bindings declare them. */
const INTERNAL_TYPES: Raw["dataTypes"] = {
  ReflectManagedMethodExecuterSoapArgument: {
    base: "DynamicData",
    fields: [
      ["name", "string", ""],
      ["val", "string", ""],
    ],
  },
  ReflectManagedMethodExecuterSoapFault: {
    base: "DynamicData",
    fields: [
      ["faultMsg", "string", ""],
      ["faultDetail", "string", "?"],
    ],
  },
  ReflectManagedMethodExecuterSoapResult: {
    base: "DynamicData",
    fields: [
      ["response", "string", "?"],
      ["fault", "ReflectManagedMethodExecuterSoapFault", "?"],
    ],
  },
};

/**
 * What vim25 added after the API version of the bindings vim25.json is generated from (govmomi 0.24.2: vSphere
 * 7.0) and addnet reads or serves, as the vSphere Web Services API reference gives it for the version named.
 */
const NEWER_TYPES: Raw["dataTypes"] = {
  // A vSAN port with its traffic types ("vsan", "witness"; none means "vsan"): how a vmk is tagged for vSAN Witness
  // traffic through UpdateVsan_Task (vSphere 6.5, in vim25 as the VI JSON API lists it).
  VsanHostPortConfigEx: {
    base: "VsanHostConfigInfoNetworkInfoPortConfig",
    fields: [["trafficTypes", "string", "[]"]],
  },
  NoPermissionEntityPrivileges: {
    base: "DynamicData",
    fields: [
      ["entity", "ManagedObjectReference", ""],
      ["privilegeIds", "string", "[]"],
    ],
  },
};
const NEWER_FIELDS: { type: string; since: string; field: RawField }[] = [
  // NoPermission names every missing privilege on every entity.
  { type: "NoPermission", since: "7.0.3.2", field: ["missingPrivileges", "NoPermissionEntityPrivileges", "[]"] },
];
Object.assign(description.dataTypes, INTERNAL_TYPES, NEWER_TYPES);
// The managed objects of the internal methods: they have no properties.
Object.assign(description.managedTypes, {
  ReflectManagedMethodExecuter: { base: "ManagedObject", fields: [] },
  InternalDynamicTypeManager: { base: "ManagedObject", fields: [] },
});
/** "Type.field" to the vim25 version that added it. */
export const since = new Map(NEWER_FIELDS.map((n) => [`${n.type}.${n.field[0]}`, n.since]));
for (const n of NEWER_FIELDS) description.dataTypes[n.type]!.fields.push(n.field);
