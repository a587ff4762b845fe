/**
 * The subset of the vim25 WSDL the simulator speaks: data types (fields in WSDL sequence order), managed
 * object properties and method signatures. Written as "name:type" lists; "name?" marks an optional field,
 * "type[]" an array, "MoRef" a ManagedObjectReference.
 */

export interface Field {
  name: string;
  type: string;
  array: boolean;
  optional: boolean;
}

export interface DataType {
  name: string;
  base?: string;
  fields: Field[];
}

export const PRIMITIVES = new Set(["string", "int", "long", "short", "byte", "boolean", "dateTime", "anyType", "MoRef"]);

function parseFields(spec: string): Field[] {
  return spec
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => {
      const [rawName, rawType] = part.split(":");
      if (!rawName || !rawType) throw new Error(`bad field spec ${part}`);
      const optional = rawName.endsWith("?");
      const array = rawType.endsWith("[]");
      return {
        name: optional ? rawName.slice(0, -1) : rawName,
        type: array ? rawType.slice(0, -2) : rawType,
        array,
        optional: optional || array,
      };
    });
}

export const dataTypes = new Map<string, DataType>();

function type(name: string, base: string | undefined, fields = ""): void {
  dataTypes.set(name, { name, base, fields: parseFields(fields) });
}

// --- core data objects and faults -------------------------------------------------------------------------
type("DynamicData", undefined);
type("KeyValue", "DynamicData", "key:string value:string");
type("LocalizableMessage", "DynamicData", "key:string arg?:KeyAnyValue[] message?:string");
type("KeyAnyValue", "DynamicData", "key:string value:anyType");
type("LocalizedMethodFault", "DynamicData", "fault:MethodFault localizedMessage?:string");
type("MethodFault", undefined, "faultCause?:LocalizedMethodFault faultMessage?:LocalizableMessage[]");
type("RuntimeFault", "MethodFault");
type("VimFault", "MethodFault");
type("InvalidRequest", "RuntimeFault");
type("MethodNotFound", "InvalidRequest", "receiver:MoRef method:string");
type("InvalidType", "InvalidRequest", "argument?:string");
type("ManagedObjectNotFound", "RuntimeFault", "obj:MoRef");
type("InvalidArgument", "RuntimeFault", "invalidProperty?:string");
type("NotSupported", "RuntimeFault");
type("NotImplemented", "RuntimeFault");
type("SystemError", "RuntimeFault", "reason:string");
type("RequestCanceled", "RuntimeFault");
type("HostCommunication", "RuntimeFault");
type("HostNotConnected", "HostCommunication");
type("SecurityError", "RuntimeFault");
type("NoPermissionEntityPrivileges", "DynamicData", "entity:MoRef privilegeIds:string[]");
type("NoPermission", "SecurityError", "object?:MoRef privilegeId?:string missingPrivileges?:NoPermissionEntityPrivileges[]");
type("NotAuthenticated", "NoPermission");
type("InvalidProperty", "MethodFault", "name:string");
type("InvalidLogin", "VimFault");
type("InvalidLocale", "VimFault");
type("AlreadyExists", "VimFault", "name?:string");
type("DuplicateName", "VimFault", "name:string object:MoRef");
type("NotFound", "VimFault");
type("InvalidState", "VimFault");
type("ResourceInUse", "VimFault", "type?:string name?:string");
type("HostConfigFault", "VimFault");
type("PlatformConfigFault", "HostConfigFault", "text:string");

// --- service instance and sessions ------------------------------------------------------------------------
type(
  "AboutInfo",
  "DynamicData",
  "name:string fullName:string vendor:string version:string patchLevel?:string build:string localeVersion?:string " +
    "localeBuild?:string osType:string productLineId:string apiType:string apiVersion:string instanceUuid?:string " +
    "licenseProductName?:string licenseProductVersion?:string",
);
type(
  "ServiceContent",
  "DynamicData",
  "rootFolder:MoRef propertyCollector:MoRef viewManager?:MoRef about:AboutInfo setting?:MoRef userDirectory?:MoRef " +
    "sessionManager?:MoRef authorizationManager?:MoRef taskManager?:MoRef",
);
type(
  "UserSession",
  "DynamicData",
  "key:string userName:string fullName:string loginTime:dateTime lastActiveTime:dateTime locale:string " +
    "messageLocale:string extensionSession?:boolean ipAddress?:string userAgent?:string callCount?:long",
);

// --- property collector -----------------------------------------------------------------------------------
type("SelectionSpec", "DynamicData", "name?:string");
type("TraversalSpec", "SelectionSpec", "type:string path:string skip?:boolean selectSet?:SelectionSpec[]");
type("PropertySpec", "DynamicData", "type:string all?:boolean pathSet?:string[]");
type("ObjectSpec", "DynamicData", "obj:MoRef skip?:boolean selectSet?:SelectionSpec[]");
type("PropertyFilterSpec", "DynamicData", "propSet:PropertySpec[] objectSet:ObjectSpec[] reportMissingObjectsInResults?:boolean");
type("RetrieveOptions", "DynamicData", "maxObjects?:int");
type("DynamicProperty", undefined, "name:string val:anyType");
type("MissingProperty", "DynamicData", "path:string fault:LocalizedMethodFault");
type("ObjectContent", "DynamicData", "obj:MoRef propSet?:DynamicProperty[] missingSet?:MissingProperty[]");
type("RetrieveResult", "DynamicData", "token?:string objects:ObjectContent[]");

// --- authorization ----------------------------------------------------------------------------------------
type("PrivilegeAvailability", "DynamicData", "privId:string isGranted:boolean");
type("EntityPrivilege", "DynamicData", "entity:MoRef privAvailability:PrivilegeAvailability[]");
type("UserPrivilegeResult", "DynamicData", "entity:MoRef privileges?:string[]");
type("UserSearchResult", "DynamicData", "principal:string fullName?:string group:boolean");
type("AuthorizationPrivilege", "DynamicData", "privId:string onParent:boolean name:string privGroupName:string");
type("AuthorizationRole", "DynamicData", "roleId:int system:boolean name:string info:Description privilege?:string[]");
type("Description", "DynamicData", "label:string summary:string");
type("Permission", "DynamicData", "entity?:MoRef principal:string group:boolean roleId:int propagate:boolean");

// --- tasks ------------------------------------------------------------------------------------------------
type("TaskReason", "DynamicData");
type("TaskReasonUser", "TaskReason", "userName:string");
type(
  "TaskInfo",
  "DynamicData",
  "key:string task:MoRef description?:LocalizableMessage name?:string descriptionId:string entity?:MoRef " +
    "entityName?:string locked?:MoRef[] state:string cancelled:boolean cancelable:boolean error?:LocalizedMethodFault " +
    "result?:anyType progress?:int reason:TaskReason queueTime:dateTime startTime?:dateTime completeTime?:dateTime " +
    "eventChainId:int",
);

// --- host ------------------------------------------------------------------------------------------------
type(
  "HostRuntimeInfoNetStackInstanceRuntimeInfo",
  "DynamicData",
  "netStackInstanceKey:string state?:string vmknicKeys?:string[] maxNumberOfConnections?:int currentIpV6Enabled?:boolean",
);
type("HostRuntimeInfoNetworkRuntimeInfo", "DynamicData", "netStackInstanceRuntimeInfo?:HostRuntimeInfoNetStackInstanceRuntimeInfo[]");
type(
  "HostRuntimeInfo",
  "DynamicData",
  "connectionState:string powerState:string standbyMode?:string inMaintenanceMode:boolean inQuarantineMode?:boolean " +
    "bootTime?:dateTime networkRuntimeInfo?:HostRuntimeInfoNetworkRuntimeInfo",
);
type("HostConfigManager", "DynamicData", "networkSystem?:MoRef virtualNicManager?:MoRef vsanSystem?:MoRef");
type(
  "HostConfigSummary",
  "DynamicData",
  "name:string port:int sslThumbprint?:string product?:AboutInfo vmotionEnabled:boolean faultToleranceEnabled:boolean",
);
type(
  "HostListSummaryQuickStats",
  "DynamicData",
  "overallCpuUsage?:int overallMemoryUsage?:int distributedCpuFairness?:int distributedMemoryFairness?:int " +
    "availablePMemCapacity?:int uptime?:int",
);
type(
  "HostListSummary",
  "DynamicData",
  "host?:MoRef config?:HostConfigSummary quickStats:HostListSummaryQuickStats overallStatus:string rebootRequired:boolean",
);

type(
  "HostIpRouteConfig",
  "DynamicData",
  "defaultGateway?:string gatewayDevice?:string ipV6DefaultGateway?:string ipV6GatewayDevice?:string",
);
type(
  "HostIpRouteConfigSpec",
  "HostIpRouteConfig",
  "gatewayDeviceConnection?:HostVirtualNicConnection ipV6GatewayDeviceConnection?:HostVirtualNicConnection",
);
type(
  "HostVirtualNicConnection",
  "DynamicData",
  "portgroup?:string dvPort?:DistributedVirtualSwitchPortConnection opNetwork?:HostVirtualNicOpaqueNetworkSpec",
);
type(
  "HostDnsConfig",
  "DynamicData",
  "dhcp:boolean virtualNicDevice?:string ipv6VirtualNicDevice?:string hostName:string domainName:string address?:string[] searchDomain?:string[]",
);
type(
  "HostDnsConfigSpec",
  "HostDnsConfig",
  "virtualNicConnection?:HostVirtualNicConnection virtualNicConnectionV6?:HostVirtualNicConnection",
);
type("HostIpRouteEntry", "DynamicData", "network:string prefixLength:int gateway:string deviceName?:string");
type("HostIpRouteOp", "DynamicData", "changeOperation:string route:HostIpRouteEntry");
type("HostIpRouteTableConfig", "DynamicData", "ipRoute?:HostIpRouteOp[] ipv6Route?:HostIpRouteOp[]");
type(
  "HostNetStackInstance",
  "DynamicData",
  "key?:string name?:string dnsConfig?:HostDnsConfig ipRouteConfig?:HostIpRouteConfig requestedMaxNumberOfConnections?:int " +
    "congestionControlAlgorithm?:string ipV6Enabled?:boolean routeTableConfig?:HostIpRouteTableConfig",
);

type("HostVirtualSwitchBeaconConfig", "DynamicData", "interval:int");
type("LinkDiscoveryProtocolConfig", "DynamicData", "protocol:string operation:string");
type("HostVirtualSwitchBridge", "DynamicData");
type(
  "HostVirtualSwitchBondBridge",
  "HostVirtualSwitchBridge",
  "nicDevice:string[] beacon?:HostVirtualSwitchBeaconConfig linkDiscoveryProtocolConfig?:LinkDiscoveryProtocolConfig",
);
type("HostVirtualSwitchSimpleBridge", "HostVirtualSwitchBridge", "nicDevice:string");
type("HostNetworkSecurityPolicy", "DynamicData", "allowPromiscuous?:boolean macChanges?:boolean forgedTransmits?:boolean");
type("HostNicOrderPolicy", "DynamicData", "activeNic?:string[] standbyNic?:string[]");
type(
  "HostNicFailureCriteria",
  "DynamicData",
  "checkSpeed?:string speed?:int checkDuplex?:boolean fullDuplex?:boolean checkErrorPercent?:boolean percentage?:int checkBeacon?:boolean",
);
type(
  "HostNicTeamingPolicy",
  "DynamicData",
  "policy?:string reversePolicy?:boolean notifySwitches?:boolean rollingOrder?:boolean failureCriteria?:HostNicFailureCriteria nicOrder?:HostNicOrderPolicy",
);
type("HostNetOffloadCapabilities", "DynamicData", "csumOffload?:boolean tcpSegmentation?:boolean zeroCopyXmit?:boolean");
type("HostNetworkTrafficShapingPolicy", "DynamicData", "enabled?:boolean averageBandwidth?:long peakBandwidth?:long burstSize?:long");
type(
  "HostNetworkPolicy",
  "DynamicData",
  "security?:HostNetworkSecurityPolicy nicTeaming?:HostNicTeamingPolicy offloadPolicy?:HostNetOffloadCapabilities shapingPolicy?:HostNetworkTrafficShapingPolicy",
);
type("HostVirtualSwitchSpec", "DynamicData", "numPorts:int bridge?:HostVirtualSwitchBridge policy?:HostNetworkPolicy mtu?:int");
type(
  "HostVirtualSwitch",
  "DynamicData",
  "name:string key:string numPorts:int numPortsAvailable:int mtu?:int portgroup?:string[] pnic?:string[] spec:HostVirtualSwitchSpec",
);
type("HostPortGroupSpec", "DynamicData", "name:string vlanId:int vswitchName:string policy:HostNetworkPolicy");
type("HostPortGroupPort", "DynamicData", "key?:string mac?:string[] type:string");
type(
  "HostPortGroup",
  "DynamicData",
  "key?:string port?:HostPortGroupPort[] vswitch?:string computedPolicy:HostNetworkPolicy spec:HostPortGroupSpec",
);
type("PhysicalNicLinkInfo", "DynamicData", "speedMb:int duplex:boolean");
type("PhysicalNicSpec", "DynamicData", "ip?:HostIpConfig linkSpeed?:PhysicalNicLinkInfo enableEnhancedNetworkingStack?:boolean");
type(
  "PhysicalNic",
  "DynamicData",
  "key?:string device:string pci:string driver?:string linkSpeed?:PhysicalNicLinkInfo validLinkSpecification?:PhysicalNicLinkInfo[] " +
    "spec:PhysicalNicSpec wakeOnLanSupported:boolean mac:string",
);
type(
  "HostIpConfigIpV6Address",
  "DynamicData",
  "ipAddress:string prefixLength:int origin?:string dadState?:string lifetime?:dateTime operation?:string",
);
type(
  "HostIpConfigIpV6AddressConfiguration",
  "DynamicData",
  "ipV6Address?:HostIpConfigIpV6Address[] autoConfigurationEnabled?:boolean dhcpV6Enabled?:boolean",
);
type("HostIpConfig", "DynamicData", "dhcp:boolean ipAddress?:string subnetMask?:string ipV6Config?:HostIpConfigIpV6AddressConfiguration");
type(
  "DistributedVirtualSwitchPortConnection",
  "DynamicData",
  "switchUuid:string portgroupKey?:string portKey?:string connectionCookie?:int",
);
type("HostVirtualNicOpaqueNetworkSpec", "DynamicData", "opaqueNetworkId:string opaqueNetworkType:string");
type("HostVirtualNicIpRouteSpec", "DynamicData", "ipRouteConfig?:HostIpRouteConfig");
type(
  "HostVirtualNicSpec",
  "DynamicData",
  "ip?:HostIpConfig mac?:string distributedVirtualPort?:DistributedVirtualSwitchPortConnection portgroup?:string mtu?:int " +
    "tsoEnabled?:boolean netStackInstanceKey?:string opaqueNetwork?:HostVirtualNicOpaqueNetworkSpec externalId?:string " +
    "pinnedPnic?:string ipRouteSpec?:HostVirtualNicIpRouteSpec systemOwned?:boolean dpuId?:string",
);
type("HostVirtualNic", "DynamicData", "device:string key:string portgroup:string spec:HostVirtualNicSpec port?:string");
type("DistributedVirtualSwitchHostMemberBacking", "DynamicData");
type(
  "DistributedVirtualSwitchHostMemberPnicSpec",
  "DynamicData",
  "pnicDevice:string uplinkPortKey?:string uplinkPortgroupKey?:string connectionCookie?:int",
);
type(
  "DistributedVirtualSwitchHostMemberPnicBacking",
  "DistributedVirtualSwitchHostMemberBacking",
  "pnicSpec?:DistributedVirtualSwitchHostMemberPnicSpec[]",
);
type("HostProxySwitchSpec", "DynamicData", "backing?:DistributedVirtualSwitchHostMemberBacking");
type(
  "HostProxySwitch",
  "DynamicData",
  "dvsUuid:string dvsName:string key:string numPorts:int configNumPorts?:int numPortsAvailable:int uplinkPort?:KeyValue[] " +
    "mtu?:int pnic?:string[] spec:HostProxySwitchSpec",
);
type(
  "HostNetworkInfo",
  "DynamicData",
  "vswitch?:HostVirtualSwitch[] proxySwitch?:HostProxySwitch[] portgroup?:HostPortGroup[] pnic?:PhysicalNic[] " +
    "vnic?:HostVirtualNic[] consoleVnic?:HostVirtualNic[] dnsConfig?:HostDnsConfig ipRouteConfig?:HostIpRouteConfig " +
    "consoleIpRouteConfig?:HostIpRouteConfig ipV6Enabled?:boolean atBootIpV6Enabled?:boolean netStackInstance?:HostNetStackInstance[]",
);
type(
  "VirtualNicManagerNetConfig",
  "DynamicData",
  "nicType:string multiSelectAllowed:boolean candidateVnic?:HostVirtualNic[] selectedVnic?:string[]",
);
type("HostVirtualNicManagerInfo", "DynamicData", "netConfig?:VirtualNicManagerNetConfig[]");
type(
  "HostNetCapabilities",
  "DynamicData",
  "canSetPhysicalNicLinkSpeed:boolean supportsNicTeaming:boolean nicTeamingPolicy?:string[] supportsVlan:boolean " +
    "usesServiceConsoleNic:boolean supportsNetworkHints:boolean maxPortGroupsPerVswitch?:int vswitchConfigSupported:boolean " +
    "vnicConfigSupported:boolean ipRouteConfigSupported:boolean dnsConfigSupported:boolean dhcpOnVnicSupported:boolean " +
    "ipV6Supported?:boolean backupNfcNiocSupported?:boolean",
);
type("VsanHostConfigInfoNetworkInfoPortConfig", "DynamicData", "ipConfig?:VsanHostIpConfig device:string");
type("VsanHostIpConfig", "DynamicData", "upstreamIpAddress:string downstreamIpAddress:string");
type("VsanHostConfigInfoNetworkInfo", "DynamicData", "port?:VsanHostConfigInfoNetworkInfoPortConfig[]");
type("VsanHostConfigInfo", "DynamicData", "enabled?:boolean hostSystem?:MoRef networkInfo?:VsanHostConfigInfoNetworkInfo");
type(
  "HostConfigInfo",
  "DynamicData",
  "host:MoRef product:AboutInfo network?:HostNetworkInfo virtualNicManagerInfo?:HostVirtualNicManagerInfo vsanHostConfig?:VsanHostConfigInfo",
);

// UpdateNetworkConfig
type("HostVirtualSwitchConfig", "DynamicData", "changeOperation?:string name:string spec?:HostVirtualSwitchSpec");
type("HostPortGroupConfig", "DynamicData", "changeOperation?:string spec?:HostPortGroupSpec");
type("HostVirtualNicConfig", "DynamicData", "changeOperation?:string device?:string portgroup:string spec?:HostVirtualNicSpec");
type("HostNetworkConfigNetStackSpec", "DynamicData", "netStackInstance:HostNetStackInstance operation?:string");
type(
  "HostNetworkConfig",
  "DynamicData",
  "vswitch?:HostVirtualSwitchConfig[] proxySwitch?:anyType[] portgroup?:HostPortGroupConfig[] pnic?:anyType[] " +
    "vnic?:HostVirtualNicConfig[] consoleVnic?:HostVirtualNicConfig[] dnsConfig?:HostDnsConfig ipRouteConfig?:HostIpRouteConfig " +
    "consoleIpRouteConfig?:HostIpRouteConfig routeTableConfig?:HostIpRouteTableConfig dhcp?:anyType[] nat?:anyType[] " +
    "ipV6Enabled?:boolean netStackSpec?:HostNetworkConfigNetStackSpec[]",
);
type("HostNetworkConfigResult", "DynamicData", "vnicDevice?:string[] consoleVnicDevice?:string[]");

// --- distributed switch -----------------------------------------------------------------------------------
type("InheritablePolicy", "DynamicData", "inherited:boolean");
type("VmwareDistributedVirtualSwitchVlanSpec", "InheritablePolicy");
type("VmwareDistributedVirtualSwitchVlanIdSpec", "VmwareDistributedVirtualSwitchVlanSpec", "vlanId:int");
type("NumericRange", "DynamicData", "start:int end:int");
type("VmwareDistributedVirtualSwitchTrunkVlanSpec", "VmwareDistributedVirtualSwitchVlanSpec", "vlanId:NumericRange[]");
type("DVPortSetting", "DynamicData");
type("VMwareDVSPortSetting", "DVPortSetting", "vlan?:VmwareDistributedVirtualSwitchVlanSpec");
type(
  "DVPortgroupConfigInfo",
  "DynamicData",
  "key:string name:string numPorts:int distributedVirtualSwitch?:MoRef defaultPortConfig?:DVPortSetting description?:string " +
    "type:string backingType?:string uplink?:boolean",
);
type(
  "DistributedVirtualSwitchProductSpec",
  "DynamicData",
  "name?:string vendor?:string version?:string build?:string forwardingClass?:string bundleId?:string bundleUrl?:string",
);
type("DVSContactInfo", "DynamicData", "name?:string contact?:string");
type(
  "DVSConfigInfo",
  "DynamicData",
  "uuid:string name:string numStandalonePorts:int numPorts:int maxPorts:int uplinkPortgroup?:MoRef[] defaultPortConfig:DVPortSetting " +
    "productInfo:DistributedVirtualSwitchProductSpec configVersion:string contact:DVSContactInfo createTime:dateTime",
);
type("VMwareDVSConfigInfo", "DVSConfigInfo", "maxMtu:int");

/** Managed object types: their base type and their properties. */
export interface ManagedType {
  name: string;
  base?: string;
  props: Field[];
}

export const managedTypes = new Map<string, ManagedType>();

function managed(name: string, base: string | undefined, props = ""): void {
  managedTypes.set(name, { name, base, props: parseFields(props) });
}

managed("ManagedObject", undefined);
managed("ServiceInstance", "ManagedObject", "content:ServiceContent serverClock:dateTime");
managed("SessionManager", "ManagedObject", "sessionList?:UserSession[] currentSession?:UserSession");
managed("AuthorizationManager", "ManagedObject", "privilegeList?:AuthorizationPrivilege[] roleList?:AuthorizationRole[]");
managed("UserDirectory", "ManagedObject", "domainList?:string[]");
managed("ViewManager", "ManagedObject", "viewList?:MoRef[]");
managed("View", "ManagedObject");
managed("ManagedObjectView", "View", "view?:MoRef[]");
managed("ContainerView", "ManagedObjectView", "container:MoRef type?:string[] recursive:boolean");
managed("PropertyCollector", "ManagedObject", "filter?:MoRef[]");
managed("TaskManager", "ManagedObject", "recentTask?:MoRef[]");
managed("Task", "ManagedObject", "info:TaskInfo");
managed("ManagedEntity", "ManagedObject", "name:string parent?:MoRef overallStatus:string");
managed("Folder", "ManagedEntity", "childType?:string[] childEntity?:MoRef[]");
managed("Datacenter", "ManagedEntity", "vmFolder:MoRef hostFolder:MoRef datastoreFolder:MoRef networkFolder:MoRef network?:MoRef[]");
managed("ComputeResource", "ManagedEntity", "host?:MoRef[] network?:MoRef[]");
managed("ClusterComputeResource", "ComputeResource");
managed(
  "HostSystem",
  "ManagedEntity",
  "runtime:HostRuntimeInfo summary:HostListSummary config?:HostConfigInfo configManager:HostConfigManager network?:MoRef[]",
);
managed("HostNetworkSystem", "ManagedObject", "networkInfo?:HostNetworkInfo capabilities?:HostNetCapabilities");
managed("HostVirtualNicManager", "ManagedObject", "info:HostVirtualNicManagerInfo");
managed("HostVsanSystem", "ManagedObject", "config:VsanHostConfigInfo");
managed("Network", "ManagedEntity", "host?:MoRef[]");
managed("DistributedVirtualPortgroup", "Network", "key:string config:DVPortgroupConfigInfo");
managed("DistributedVirtualSwitch", "ManagedEntity", "uuid:string config?:DVSConfigInfo portgroup?:MoRef[]");
managed("VmwareDistributedVirtualSwitch", "DistributedVirtualSwitch");

/** Method signatures: parameters after `_this`, in WSDL order, and the return type. */
export interface MethodSpec {
  params: Field[];
  returns?: Field;
}

export const methods = new Map<string, MethodSpec>();

function method(name: string, params: string, returns?: string): void {
  methods.set(name, { params: parseFields(params), returns: returns ? parseFields(`returnval:${returns}`)[0] : undefined });
}

method("RetrieveServiceContent", "", "ServiceContent");
method("CurrentTime", "", "dateTime");
method("Login", "userName:string password:string locale?:string", "UserSession");
method("Logout", "");
method("SessionIsActive", "sessionID:string userName:string", "boolean");
method("CreateContainerView", "container:MoRef type?:string[] recursive:boolean", "MoRef");
method("DestroyView", "");
method("RetrievePropertiesEx", "specSet:PropertyFilterSpec[] options:RetrieveOptions", "RetrieveResult");
method("ContinueRetrievePropertiesEx", "token:string", "RetrieveResult");
method("CancelRetrievePropertiesEx", "token:string");
method("RetrieveProperties", "specSet:PropertyFilterSpec[]", "ObjectContent[]");
method("HasPrivilegeOnEntities", "entity:MoRef[] sessionId:string privId?:string[]", "EntityPrivilege[]");
method("HasUserPrivilegeOnEntities", "entities:MoRef[] userName:string privId?:string[]", "EntityPrivilege[]");
method("FetchUserPrivilegeOnEntities", "entities:MoRef[] userName:string", "UserPrivilegeResult[]");
method(
  "RetrieveUserGroups",
  "domain?:string searchStr:string belongsToGroup?:string belongsToUser?:string exactMatch:boolean findUsers:boolean findGroups:boolean",
  "UserSearchResult[]",
);
method("AddVirtualSwitch", "vswitchName:string spec?:HostVirtualSwitchSpec");
method("RemoveVirtualSwitch", "vswitchName:string");
method("AddPortGroup", "portgrp:HostPortGroupSpec");
method("RemovePortGroup", "pgName:string");
method("AddVirtualNic", "portgroup:string nic:HostVirtualNicSpec", "string");
method("UpdateVirtualNic", "device:string nic:HostVirtualNicSpec");
method("RemoveVirtualNic", "device:string");
method("UpdateNetworkConfig", "config:HostNetworkConfig changeMode:string", "HostNetworkConfigResult");
method("SelectVnicForNicType", "nicType:string device:string");
method("DeselectVnicForNicType", "nicType:string device:string");
method("QueryNetConfig", "nicType:string", "VirtualNicManagerNetConfig");
method("UpdateVsan_Task", "config:VsanHostConfigInfo", "MoRef");

export function isSubtype(type: string, base: string): boolean {
  for (let t: string | undefined = type; t; t = dataTypes.get(t)?.base ?? managedTypes.get(t)?.base) {
    if (t === base) return true;
  }
  return false;
}

/** Types that have subtypes in the schema, so values of them carry xsi:type on the wire. */
export const polymorphic = new Set<string>([...dataTypes.values()].flatMap((t) => (t.base ? [t.base] : [])));

const fieldCache = new Map<string, Field[]>();

/** Every field of a data type, base type fields first (WSDL extension order). */
export function fieldsOf(typeName: string): Field[] {
  let cached = fieldCache.get(typeName);
  if (!cached) {
    const t = dataTypes.get(typeName);
    if (!t) throw new Error(`unknown data type ${typeName}`);
    cached = [...(t.base ? fieldsOf(t.base) : []), ...t.fields];
    fieldCache.set(typeName, cached);
  }
  return cached;
}

/** Every property of a managed type, including inherited ones. */
export function propsOf(typeName: string): Field[] {
  const t = managedTypes.get(typeName);
  if (!t) return [];
  return [...(t.base ? propsOf(t.base) : []), ...t.props];
}
