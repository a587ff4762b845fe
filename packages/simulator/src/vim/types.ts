/** TypeScript shapes of the vim25 data objects the simulator reads and changes (names as in the WSDL). */
import type { MoRef } from "@addnet/vim25";

export interface HostIpRouteConfig {
  _type?: string;
  defaultGateway?: string;
  gatewayDevice?: string;
  ipV6DefaultGateway?: string;
  ipV6GatewayDevice?: string;
}

export interface HostDnsConfig {
  _type?: string;
  dhcp: boolean;
  virtualNicDevice?: string;
  ipv6VirtualNicDevice?: string;
  hostName: string;
  domainName: string;
  address?: string[];
  searchDomain?: string[];
}

export interface HostNetStackInstance {
  key?: string;
  name?: string;
  dnsConfig?: HostDnsConfig;
  ipRouteConfig?: HostIpRouteConfig;
  requestedMaxNumberOfConnections?: number;
  congestionControlAlgorithm?: string;
  ipV6Enabled?: boolean;
}

export interface HostNicOrderPolicy {
  activeNic?: string[];
  standbyNic?: string[];
}

export interface HostNetworkPolicy {
  security?: { allowPromiscuous?: boolean; macChanges?: boolean; forgedTransmits?: boolean };
  nicTeaming?: {
    policy?: string;
    notifySwitches?: boolean;
    rollingOrder?: boolean;
    failureCriteria?: Record<string, unknown>;
    nicOrder?: HostNicOrderPolicy;
  };
  offloadPolicy?: Record<string, unknown>;
  shapingPolicy?: { enabled?: boolean };
}

export interface HostVirtualSwitchBridge {
  _type?: string;
  nicDevice?: string[] | string;
  beacon?: { interval: number };
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
  portgroup?: string[];
  pnic?: string[];
  spec: HostVirtualSwitchSpec;
}

export interface HostPortGroupSpec {
  name: string;
  vlanId: number;
  vswitchName: string;
  policy: HostNetworkPolicy;
}

export interface HostPortGroupPort {
  key?: string;
  mac?: string[];
  type: string;
}

export interface HostPortGroup {
  key?: string;
  port?: HostPortGroupPort[];
  vswitch?: string;
  computedPolicy: HostNetworkPolicy;
  spec: HostPortGroupSpec;
}

export interface PhysicalNic {
  key?: string;
  device: string;
  pci: string;
  driver?: string;
  linkSpeed?: { speedMb: number; duplex: boolean };
  spec: { linkSpeed?: { speedMb: number; duplex: boolean } };
  wakeOnLanSupported: boolean;
  mac: string;
}

export interface HostIpConfigIpV6Address {
  ipAddress: string;
  prefixLength: number;
  origin?: string;
  dadState?: string;
  lifetime?: string;
  operation?: string;
}

export interface HostIpConfig {
  dhcp: boolean;
  ipAddress?: string;
  subnetMask?: string;
  ipV6Config?: {
    ipV6Address?: HostIpConfigIpV6Address[];
    autoConfigurationEnabled?: boolean;
    dhcpV6Enabled?: boolean;
  };
}

export interface DistributedVirtualSwitchPortConnection {
  switchUuid: string;
  portgroupKey?: string;
  portKey?: string;
  connectionCookie?: number;
}

export interface HostVirtualNicSpec {
  ip?: HostIpConfig;
  mac?: string;
  distributedVirtualPort?: DistributedVirtualSwitchPortConnection;
  portgroup?: string;
  mtu?: number;
  tsoEnabled?: boolean;
  netStackInstanceKey?: string;
  opaqueNetwork?: unknown;
  ipRouteSpec?: { ipRouteConfig?: HostIpRouteConfig };
}

export interface HostVirtualNic {
  device: string;
  key: string;
  portgroup: string;
  spec: HostVirtualNicSpec;
  port?: string;
}

export interface HostProxySwitch {
  dvsUuid: string;
  dvsName: string;
  key: string;
  numPorts: number;
  numPortsAvailable: number;
  mtu?: number;
  pnic?: string[];
  spec: { backing?: Record<string, unknown> };
}

export interface HostNetworkInfo {
  vswitch: HostVirtualSwitch[];
  proxySwitch: HostProxySwitch[];
  portgroup: HostPortGroup[];
  pnic: PhysicalNic[];
  vnic: HostVirtualNic[];
  dnsConfig?: HostDnsConfig;
  ipRouteConfig?: HostIpRouteConfig;
  ipV6Enabled: boolean;
  atBootIpV6Enabled: boolean;
  netStackInstance: HostNetStackInstance[];
}

export interface HostNetworkConfigNetStackSpec {
  netStackInstance: HostNetStackInstance;
  operation?: string;
}

export interface HostNetworkConfig {
  vswitch?: unknown[];
  proxySwitch?: unknown[];
  portgroup?: unknown[];
  pnic?: unknown[];
  vnic?: unknown[];
  consoleVnic?: unknown[];
  dnsConfig?: unknown;
  ipRouteConfig?: unknown;
  consoleIpRouteConfig?: unknown;
  routeTableConfig?: unknown;
  dhcp?: unknown[];
  nat?: unknown[];
  ipV6Enabled?: boolean;
  netStackSpec?: HostNetworkConfigNetStackSpec[];
}

export interface VsanHostConfigInfo {
  enabled?: boolean;
  hostSystem?: MoRef;
  networkInfo?: { port?: { device: string }[] };
}
