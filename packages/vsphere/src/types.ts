/**
 * TypeScript shapes of the vim25 data objects in wsdl/vim25.wsdl, with the WSDL's field names.
 *
 * Replies are normalised by the WSDL schema (normalise.ts): xsd numbers and booleans are JS numbers and
 * booleans, dateTime stays an ISO 8601 string, array fields are always arrays (empty when the server sent
 * none), MoRefs are {type, value}. Values of a type that has subtypes carry `_type`, the vim25 type name
 * from xsi:type; in arguments `_type` picks the subtype to send (e.g. a TraversalSpec in a selectSet).
 */

export interface ManagedObjectReference {
  type: string;
  value: string;
}
export type MoRef = ManagedObjectReference;

export interface KeyValue {
  key: string;
  value: string;
}

export interface KeyAnyValue {
  key: string;
  value: unknown;
}

export interface LocalizableMessage {
  key: string;
  arg?: KeyAnyValue[];
  message?: string;
}

export interface LocalizedMethodFault {
  fault: MethodFault;
  localizedMessage?: string;
}

export interface NumericRange {
  start: number;
  end: number;
}

// ----- faults ---------------------------------------------------------------------------------------------

export interface MethodFault {
  /** The fault's vim25 type, e.g. "NoPermission". */
  _type: string;
  faultCause?: LocalizedMethodFault;
  faultMessage?: LocalizableMessage[];
}
export interface NoPermissionEntityPrivileges {
  entity: MoRef;
  privilegeIds?: string[];
}
export interface NoPermission extends MethodFault {
  object?: MoRef;
  privilegeId?: string;
  missingPrivileges?: NoPermissionEntityPrivileges[];
}
export type NotAuthenticated = NoPermission;
export interface InvalidArgument extends MethodFault {
  invalidProperty?: string;
}
export interface InvalidProperty extends MethodFault {
  name: string;
}
export interface AlreadyExists extends MethodFault {
  name?: string;
}
export interface DuplicateName extends MethodFault {
  name: string;
  object: MoRef;
}
export interface ResourceInUse extends MethodFault {
  type?: string;
  name?: string;
}
export interface PlatformConfigFault extends MethodFault {
  text: string;
}
export interface SystemError extends MethodFault {
  reason: string;
}
export interface MethodNotFound extends MethodFault {
  receiver: MoRef;
  method: string;
}
export interface InvalidType extends MethodFault {
  argument?: string;
}
export interface ManagedObjectNotFound extends MethodFault {
  obj: MoRef;
}

/** Fault types by name, for VimFault.is(); the other faults in the WSDL carry only the MethodFault fields. */
export interface FaultTypes {
  MethodFault: MethodFault;
  RuntimeFault: MethodFault;
  VimFault: MethodFault;
  InvalidRequest: MethodFault;
  MethodNotFound: MethodNotFound;
  InvalidType: InvalidType;
  ManagedObjectNotFound: ManagedObjectNotFound;
  InvalidArgument: InvalidArgument;
  NotSupported: MethodFault;
  NotImplemented: MethodFault;
  RequestCanceled: MethodFault;
  SystemError: SystemError;
  HostCommunication: MethodFault;
  HostNotConnected: MethodFault;
  SecurityError: MethodFault;
  NoPermission: NoPermission;
  NotAuthenticated: NotAuthenticated;
  InvalidProperty: InvalidProperty;
  InvalidLogin: MethodFault;
  InvalidLocale: MethodFault;
  AlreadyExists: AlreadyExists;
  DuplicateName: DuplicateName;
  NotFound: MethodFault;
  InvalidState: MethodFault;
  ResourceInUse: ResourceInUse;
  HostConfigFault: MethodFault;
  PlatformConfigFault: PlatformConfigFault;
}
export type FaultType = keyof FaultTypes;

// ----- service instance, sessions -------------------------------------------------------------------------

export interface AboutInfo {
  name: string;
  fullName: string;
  vendor: string;
  version: string;
  patchLevel?: string;
  build: string;
  localeVersion?: string;
  localeBuild?: string;
  osType: string;
  productLineId: string;
  apiType: string;
  apiVersion: string;
  instanceUuid?: string;
  licenseProductName?: string;
  licenseProductVersion?: string;
}

export interface ServiceContent {
  rootFolder: MoRef;
  propertyCollector: MoRef;
  viewManager?: MoRef;
  about: AboutInfo;
  setting?: MoRef;
  userDirectory?: MoRef;
  sessionManager?: MoRef;
  authorizationManager?: MoRef;
  taskManager?: MoRef;
}

export interface UserSession {
  /** The session ID that HasPrivilegeOnEntities and SessionIsActive take (not the cookie). */
  key: string;
  userName: string;
  fullName: string;
  loginTime: string;
  lastActiveTime: string;
  locale: string;
  messageLocale: string;
  extensionSession?: boolean;
  ipAddress?: string;
  userAgent?: string;
  callCount?: number;
}

// ----- property collector ---------------------------------------------------------------------------------

export interface SelectionSpec {
  _type?: "SelectionSpec";
  name?: string;
}
export interface TraversalSpec {
  _type: "TraversalSpec";
  name?: string;
  type: string;
  path: string;
  skip?: boolean;
  selectSet?: (SelectionSpec | TraversalSpec)[];
}
export interface PropertySpec {
  type: string;
  all?: boolean;
  pathSet?: string[];
}
export interface ObjectSpec {
  obj: MoRef;
  skip?: boolean;
  selectSet?: (SelectionSpec | TraversalSpec)[];
}
export interface PropertyFilterSpec {
  propSet: PropertySpec[];
  objectSet: ObjectSpec[];
  reportMissingObjectsInResults?: boolean;
}
export interface RetrieveOptions {
  maxObjects?: number;
}
export interface DynamicProperty {
  name: string;
  val: unknown;
}
export interface MissingProperty {
  path: string;
  fault: LocalizedMethodFault;
}
export interface ObjectContent {
  obj: MoRef;
  propSet: DynamicProperty[];
  missingSet: MissingProperty[];
}
export interface RetrieveResult {
  token?: string;
  objects: ObjectContent[];
}

// ----- authorization --------------------------------------------------------------------------------------

export interface PrivilegeAvailability {
  privId: string;
  isGranted: boolean;
}
export interface EntityPrivilege {
  entity: MoRef;
  privAvailability: PrivilegeAvailability[];
}
export interface UserPrivilegeResult {
  entity: MoRef;
  privileges: string[];
}

// ----- tasks ----------------------------------------------------------------------------------------------

export interface TaskReason {
  _type: string;
  userName?: string;
}
export type TaskInfoState = "queued" | "running" | "success" | "error";
export interface TaskInfo {
  key: string;
  task: MoRef;
  description?: LocalizableMessage;
  name?: string;
  descriptionId: string;
  entity?: MoRef;
  entityName?: string;
  locked: MoRef[];
  state: TaskInfoState;
  cancelled: boolean;
  cancelable: boolean;
  error?: LocalizedMethodFault;
  result?: unknown;
  progress?: number;
  reason: TaskReason;
  queueTime: string;
  startTime?: string;
  completeTime?: string;
  eventChainId: number;
}

// ----- host system ----------------------------------------------------------------------------------------

export interface HostRuntimeInfoNetStackInstanceRuntimeInfo {
  netStackInstanceKey: string;
  /** inactive | active | deactivating | activating */
  state?: string;
  vmknicKeys: string[];
  maxNumberOfConnections?: number;
  currentIpV6Enabled?: boolean;
}
export interface HostRuntimeInfoNetworkRuntimeInfo {
  netStackInstanceRuntimeInfo: HostRuntimeInfoNetStackInstanceRuntimeInfo[];
}
export interface HostRuntimeInfo {
  /** connected | notResponding | disconnected */
  connectionState: string;
  powerState: string;
  standbyMode?: string;
  inMaintenanceMode: boolean;
  inQuarantineMode?: boolean;
  bootTime?: string;
  networkRuntimeInfo?: HostRuntimeInfoNetworkRuntimeInfo;
}
export interface HostConfigManager {
  networkSystem?: MoRef;
  virtualNicManager?: MoRef;
  vsanSystem?: MoRef;
}
export interface HostConfigSummary {
  name: string;
  port: number;
  sslThumbprint?: string;
  product?: AboutInfo;
  vmotionEnabled: boolean;
  faultToleranceEnabled?: boolean;
}
export interface HostListSummary {
  host?: MoRef;
  runtime?: HostRuntimeInfo;
  config: HostConfigSummary;
  overallStatus: string;
  rebootRequired: boolean;
}
export interface HostNetCapabilities {
  canSetPhysicalNicLinkSpeed: boolean;
  supportsNicTeaming: boolean;
  nicTeamingPolicy: string[];
  supportsVlan: boolean;
  usesServiceConsoleNic: boolean;
  supportsNetworkHints: boolean;
  maxPortGroupsPerVswitch?: number;
  vswitchConfigSupported: boolean;
  vnicConfigSupported: boolean;
  ipRouteConfigSupported: boolean;
  dnsConfigSupported: boolean;
  dhcpOnVnicSupported: boolean;
  ipV6Supported?: boolean;
  backupNfcNiocSupported?: boolean;
}
export interface HostConfigInfo {
  host: MoRef;
  product: AboutInfo;
  network?: HostNetworkInfo;
  virtualNicManagerInfo?: HostVirtualNicManagerInfo;
  capabilities?: HostNetCapabilities;
  vsanHostConfig?: VsanHostConfigInfo;
}

// ----- IP configuration, routes, DNS ----------------------------------------------------------------------

export interface HostIpConfigIpV6Address {
  ipAddress: string;
  prefixLength: number;
  /** other | manual | dhcp | linklayer | random */
  origin?: string;
  dadState?: string;
  lifetime?: string;
  /** add | remove */
  operation?: string;
}
export interface HostIpConfigIpV6AddressConfiguration {
  ipV6Address?: HostIpConfigIpV6Address[];
  autoConfigurationEnabled?: boolean;
  dhcpV6Enabled?: boolean;
}
export interface HostIpConfig {
  dhcp: boolean;
  ipAddress?: string;
  subnetMask?: string;
  ipV6Config?: HostIpConfigIpV6AddressConfiguration;
}
/** Polymorphic (subtype HostIpRouteConfigSpec): sent with xsi:type. */
export interface HostIpRouteConfig {
  _type?: "HostIpRouteConfig" | "HostIpRouteConfigSpec";
  defaultGateway?: string;
  gatewayDevice?: string;
  ipV6DefaultGateway?: string;
  ipV6GatewayDevice?: string;
  gatewayDeviceConnection?: HostVirtualNicConnection;
  ipV6GatewayDeviceConnection?: HostVirtualNicConnection;
}
/** Polymorphic (subtype HostDnsConfigSpec): sent with xsi:type. */
export interface HostDnsConfig {
  _type?: "HostDnsConfig" | "HostDnsConfigSpec";
  dhcp: boolean;
  virtualNicDevice?: string;
  ipv6VirtualNicDevice?: string;
  /** No "." allowed. */
  hostName: string;
  domainName: string;
  address?: string[];
  searchDomain?: string[];
  virtualNicConnection?: HostVirtualNicConnection;
  virtualNicConnectionV6?: HostVirtualNicConnection;
}
export interface HostIpRouteEntry {
  network: string;
  prefixLength: number;
  gateway: string;
  deviceName?: string;
}
export interface HostIpRouteOp {
  changeOperation: string;
  route: HostIpRouteEntry;
}
export interface HostIpRouteTableConfig {
  ipRoute?: HostIpRouteOp[];
  ipv6Route?: HostIpRouteOp[];
}
export interface HostNetStackInstance {
  /** defaultTcpipStack | vmotion | vSphereProvisioning | mirror | ops | a custom stack's key */
  key?: string;
  name?: string;
  dnsConfig?: HostDnsConfig;
  ipRouteConfig?: HostIpRouteConfig;
  requestedMaxNumberOfConnections?: number;
  /** newreno | cubic */
  congestionControlAlgorithm?: string;
  ipV6Enabled?: boolean;
  routeTableConfig?: HostIpRouteTableConfig;
}

// ----- standard switches and port groups ------------------------------------------------------------------

export interface HostVirtualSwitchBeaconConfig {
  interval: number;
}
export interface LinkDiscoveryProtocolConfig {
  protocol: string;
  operation: string;
}
/** HostVirtualSwitchSpec.bridge is polymorphic: name the subtype in `_type`. */
export interface HostVirtualSwitchBondBridge {
  _type: "HostVirtualSwitchBondBridge";
  nicDevice: string[];
  beacon?: HostVirtualSwitchBeaconConfig;
  linkDiscoveryProtocolConfig?: LinkDiscoveryProtocolConfig;
}
export interface HostVirtualSwitchSimpleBridge {
  _type: "HostVirtualSwitchSimpleBridge";
  nicDevice: string;
}
export interface HostVirtualSwitchAutoBridge {
  _type: "HostVirtualSwitchAutoBridge";
  excludedNicDevice?: string[];
}
export type HostVirtualSwitchBridge = HostVirtualSwitchBondBridge | HostVirtualSwitchSimpleBridge | HostVirtualSwitchAutoBridge;
export interface HostNetworkSecurityPolicy {
  allowPromiscuous?: boolean;
  macChanges?: boolean;
  forgedTransmits?: boolean;
}
export interface HostNicFailureCriteria {
  checkSpeed?: string;
  speed?: number;
  checkDuplex?: boolean;
  fullDuplex?: boolean;
  checkErrorPercent?: boolean;
  percentage?: number;
  checkBeacon?: boolean;
}
export interface HostNicOrderPolicy {
  activeNic?: string[];
  standbyNic?: string[];
}
export interface HostNicTeamingPolicy {
  /** loadbalance_ip | loadbalance_srcmac | loadbalance_srcid | failover_explicit */
  policy?: string;
  reversePolicy?: boolean;
  notifySwitches?: boolean;
  rollingOrder?: boolean;
  failureCriteria?: HostNicFailureCriteria;
  nicOrder?: HostNicOrderPolicy;
}
export interface HostNetOffloadCapabilities {
  csumOffload?: boolean;
  tcpSegmentation?: boolean;
  zeroCopyXmit?: boolean;
}
export interface HostNetworkTrafficShapingPolicy {
  enabled?: boolean;
  averageBandwidth?: number;
  peakBandwidth?: number;
  burstSize?: number;
}
export interface HostNetworkPolicy {
  security?: HostNetworkSecurityPolicy;
  nicTeaming?: HostNicTeamingPolicy;
  offloadPolicy?: HostNetOffloadCapabilities;
  shapingPolicy?: HostNetworkTrafficShapingPolicy;
}
export interface HostVirtualSwitchSpec {
  numPorts: number;
  bridge?: HostVirtualSwitchBridge;
  policy?: HostNetworkPolicy;
  mtu?: number;
}
export interface HostVirtualSwitch {
  name: string;
  key: string;
  numPorts: number;
  numPortsAvailable: number;
  mtu?: number;
  portgroup: string[];
  pnic: string[];
  spec: HostVirtualSwitchSpec;
}
export interface HostPortGroupSpec {
  name: string;
  /** 0 none, 1-4094 VLAN, 4095 trunk */
  vlanId: number;
  vswitchName: string;
  /** Required; {} inherits everything from the vSwitch. */
  policy: HostNetworkPolicy;
}
export interface HostPortGroupPort {
  key?: string;
  mac: string[];
  type: string;
}
export interface HostPortGroup {
  key?: string;
  port: HostPortGroupPort[];
  vswitch?: string;
  computedPolicy: HostNetworkPolicy;
  spec: HostPortGroupSpec;
}

// ----- physical NICs, proxy switches, opaque networks -----------------------------------------------------

export interface PhysicalNicLinkInfo {
  speedMb: number;
  duplex: boolean;
}
export interface PhysicalNicSpec {
  ip?: HostIpConfig;
  linkSpeed?: PhysicalNicLinkInfo;
  enableEnhancedNetworkingStack?: boolean;
}
export interface PhysicalNic {
  key?: string;
  device: string;
  pci: string;
  driver?: string;
  linkSpeed?: PhysicalNicLinkInfo;
  validLinkSpecification: PhysicalNicLinkInfo[];
  spec: PhysicalNicSpec;
  wakeOnLanSupported: boolean;
  mac: string;
}
export interface DistributedVirtualSwitchHostMemberPnicSpec {
  pnicDevice: string;
  uplinkPortKey?: string;
  uplinkPortgroupKey?: string;
  connectionCookie?: number;
}
export interface DistributedVirtualSwitchHostMemberBacking {
  _type: string;
  pnicSpec?: DistributedVirtualSwitchHostMemberPnicSpec[];
}
export interface HostProxySwitchSpec {
  backing?: DistributedVirtualSwitchHostMemberBacking;
}
export interface HostProxySwitch {
  dvsUuid: string;
  dvsName: string;
  key: string;
  numPorts: number;
  configNumPorts?: number;
  numPortsAvailable: number;
  uplinkPort: KeyValue[];
  mtu?: number;
  pnic: string[];
  spec: HostProxySwitchSpec;
}
export interface HostOpaqueSwitch {
  key: string;
  name?: string;
  pnic: string[];
  status?: string;
}
export interface HostOpaqueNetworkInfo {
  opaqueNetworkId: string;
  opaqueNetworkName: string;
  opaqueNetworkType: string;
  pnicZone: string[];
}

// ----- VMkernel adapters ----------------------------------------------------------------------------------

export interface DistributedVirtualSwitchPortConnection {
  switchUuid: string;
  portgroupKey?: string;
  portKey?: string;
  connectionCookie?: number;
}
export interface HostVirtualNicOpaqueNetworkSpec {
  opaqueNetworkId: string;
  opaqueNetworkType: string;
}
export interface HostVirtualNicConnection {
  portgroup?: string;
  dvPort?: DistributedVirtualSwitchPortConnection;
  opNetwork?: HostVirtualNicOpaqueNetworkSpec;
}
export interface HostVirtualNicIpRouteSpec {
  ipRouteConfig?: HostIpRouteConfig;
}
export interface HostVirtualNicSpec {
  ip?: HostIpConfig;
  mac?: string;
  distributedVirtualPort?: DistributedVirtualSwitchPortConnection;
  portgroup?: string;
  mtu?: number;
  tsoEnabled?: boolean;
  netStackInstanceKey?: string;
  opaqueNetwork?: HostVirtualNicOpaqueNetworkSpec;
  externalId?: string;
  pinnedPnic?: string;
  ipRouteSpec?: HostVirtualNicIpRouteSpec;
  systemOwned?: boolean;
  /** API 8.0.0.1+; do not send to older hosts. */
  dpuId?: string;
}
export interface HostVirtualNic {
  /** e.g. vmk1 */
  device: string;
  /** e.g. key-vim.host.VirtualNic-vmk1 */
  key: string;
  /** "" for a distributed or opaque network */
  portgroup: string;
  spec: HostVirtualNicSpec;
  port?: string;
}
export interface VirtualNicManagerNetConfig {
  nicType: string;
  multiSelectAllowed: boolean;
  candidateVnic: HostVirtualNic[];
  /** Keys like "management.key-vim.host.VirtualNic-vmk0". */
  selectedVnic: string[];
}
export interface HostVirtualNicManagerInfo {
  netConfig: VirtualNicManagerNetConfig[];
}

// ----- network information and UpdateNetworkConfig --------------------------------------------------------

export interface HostNetworkInfo {
  vswitch: HostVirtualSwitch[];
  proxySwitch: HostProxySwitch[];
  portgroup: HostPortGroup[];
  pnic: PhysicalNic[];
  vnic: HostVirtualNic[];
  consoleVnic: HostVirtualNic[];
  dnsConfig?: HostDnsConfig;
  ipRouteConfig?: HostIpRouteConfig;
  consoleIpRouteConfig?: HostIpRouteConfig;
  ipV6Enabled?: boolean;
  atBootIpV6Enabled?: boolean;
  netStackInstance: HostNetStackInstance[];
  opaqueSwitch: HostOpaqueSwitch[];
  opaqueNetwork: HostOpaqueNetworkInfo[];
}
/** add | remove | edit | ignore */
export type HostConfigChangeOperation = string;
export interface HostVirtualSwitchConfig {
  changeOperation?: HostConfigChangeOperation;
  name: string;
  spec?: HostVirtualSwitchSpec;
}
export interface HostProxySwitchConfig {
  changeOperation?: HostConfigChangeOperation;
  uuid: string;
  spec?: HostProxySwitchSpec;
}
export interface HostPortGroupConfig {
  changeOperation?: HostConfigChangeOperation;
  spec?: HostPortGroupSpec;
}
export interface PhysicalNicConfig {
  device: string;
  spec: PhysicalNicSpec;
}
export interface HostVirtualNicConfig {
  changeOperation?: HostConfigChangeOperation;
  device?: string;
  portgroup: string;
  spec?: HostVirtualNicSpec;
}
export interface HostNetworkConfigNetStackSpec {
  netStackInstance: HostNetStackInstance;
  /** add | edit | remove; hosts support only edit */
  operation?: string;
}
export interface HostNetworkConfig {
  vswitch?: HostVirtualSwitchConfig[];
  proxySwitch?: HostProxySwitchConfig[];
  portgroup?: HostPortGroupConfig[];
  pnic?: PhysicalNicConfig[];
  vnic?: HostVirtualNicConfig[];
  consoleVnic?: HostVirtualNicConfig[];
  dnsConfig?: HostDnsConfig;
  ipRouteConfig?: HostIpRouteConfig;
  consoleIpRouteConfig?: HostIpRouteConfig;
  routeTableConfig?: HostIpRouteTableConfig;
  /** Must be set by itself. */
  ipV6Enabled?: boolean;
  netStackSpec?: HostNetworkConfigNetStackSpec[];
}
export interface HostNetworkConfigResult {
  vnicDevice: string[];
  consoleVnicDevice: string[];
}

// ----- vSAN -----------------------------------------------------------------------------------------------

export interface VsanHostIpConfig {
  upstreamIpAddress: string;
  downstreamIpAddress: string;
}
export interface VsanHostConfigInfoNetworkInfoPortConfig {
  ipConfig?: VsanHostIpConfig;
  device: string;
}
export interface VsanHostConfigInfoNetworkInfo {
  port?: VsanHostConfigInfoNetworkInfoPortConfig[];
}
export interface VsanHostConfigInfo {
  enabled?: boolean;
  hostSystem?: MoRef;
  networkInfo?: VsanHostConfigInfoNetworkInfo;
}

// ----- distributed switches -------------------------------------------------------------------------------

/** VmwareDistributedVirtualSwitchVlanIdSpec | ...TrunkVlanSpec | ...PvlanSpec, told apart by `_type`. */
export interface VmwareDistributedVirtualSwitchVlanSpec {
  _type: string;
  inherited: boolean;
  /** VlanIdSpec: a number; TrunkVlanSpec: ranges. */
  vlanId?: number | NumericRange[];
  pvlanId?: number;
}
export interface DVPortSetting {
  _type: string;
  /** Set on VMwareDVSPortSetting. */
  vlan?: VmwareDistributedVirtualSwitchVlanSpec;
}
export interface DVPortgroupConfigInfo {
  key: string;
  name: string;
  numPorts: number;
  distributedVirtualSwitch?: MoRef;
  defaultPortConfig?: DVPortSetting;
  description?: string;
  /** earlyBinding | lateBinding | ephemeral */
  type: string;
  backingType?: string;
  uplink?: boolean;
}
export interface DVSConfigInfo {
  _type: string;
  uuid: string;
  name: string;
  numStandalonePorts: number;
  numPorts: number;
  maxPorts: number;
  uplinkPortgroup: MoRef[];
  defaultPortConfig: DVPortSetting;
  /** Set on VMwareDVSConfigInfo. */
  maxMtu?: number;
}
