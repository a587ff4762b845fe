import type {
  EntityPrivilege,
  HostNetworkConfig,
  HostNetworkConfigResult,
  HostPortGroupSpec,
  HostVirtualNicSpec,
  HostVirtualSwitchSpec,
  MoRef,
  PropertyFilterSpec,
  RetrieveOptions,
  RetrieveResult,
  ServiceContent,
  UpdateSet,
  UserPrivilegeResult,
  UserSession,
  VirtualNicManagerNetConfig,
  VsanHostConfigInfo,
  WaitOptions,
} from "./types.ts";

type NoArgs = Record<string, never>;

/**
 * The vim25 methods addnet calls: their parameters (as a client writes them, see Input) and the value the codec
 * reads back. A test keeps the names in step with the generated vim25 description. `_this` is a ServiceInstance, SessionManager, ViewManager, ContainerView,
 * PropertyCollector, HostNetworkSystem, HostVirtualNicManager, HostVsanSystem or AuthorizationManager.
 */
export interface VimMethods {
  RetrieveServiceContent: { args: NoArgs; returns: ServiceContent };
  /** Use VCenter.login(), which also returns the session cookie. */
  Login: { args: { userName: string; password: string; locale?: string }; returns: UserSession };
  Logout: { args: NoArgs; returns: undefined };
  SessionIsActive: { args: { sessionID: string; userName: string }; returns: boolean };
  /** The server's clock, an ISO 8601 string. */
  CurrentTime: { args: NoArgs; returns: string };
  CreateContainerView: { args: { container: MoRef; type?: string[]; recursive: boolean }; returns: MoRef };
  DestroyView: { args: NoArgs; returns: undefined };
  /** Undefined when nothing matched. */
  RetrievePropertiesEx: {
    args: { specSet: PropertyFilterSpec[]; options: RetrieveOptions };
    returns: RetrieveResult | undefined;
  };
  ContinueRetrievePropertiesEx: { args: { token: string }; returns: RetrieveResult };
  /** A collector of the session's own, so that its filters and versions are no other client's. */
  CreatePropertyCollector: { args: NoArgs; returns: MoRef };
  DestroyPropertyCollector: { args: NoArgs; returns: undefined };
  CreateFilter: { args: { spec: PropertyFilterSpec; partialUpdates: boolean }; returns: MoRef };
  /** What changed since `version` ("" for everything); undefined when nothing did within maxWaitSeconds. */
  WaitForUpdatesEx: { args: { version?: string; options?: WaitOptions }; returns: UpdateSet | undefined };
  AddVirtualSwitch: { args: { vswitchName: string; spec?: HostVirtualSwitchSpec }; returns: undefined };
  /** The whole spec: what it leaves out (a bridge, a policy) is taken away. */
  UpdateVirtualSwitch: { args: { vswitchName: string; spec: HostVirtualSwitchSpec }; returns: undefined };
  RemoveVirtualSwitch: { args: { vswitchName: string }; returns: undefined };
  AddPortGroup: { args: { portgrp: HostPortGroupSpec }; returns: undefined };
  UpdatePortGroup: { args: { pgName: string; portgrp: HostPortGroupSpec }; returns: undefined };
  RemovePortGroup: { args: { pgName: string }; returns: undefined };
  /** Returns the new device name, e.g. "vmk2". `portgroup` must be "" for a distributed port. */
  AddVirtualNic: { args: { portgroup: string; nic: HostVirtualNicSpec }; returns: string };
  UpdateVirtualNic: { args: { device: string; nic: HostVirtualNicSpec }; returns: undefined };
  RemoveVirtualNic: { args: { device: string }; returns: undefined };
  UpdateNetworkConfig: {
    args: { config: HostNetworkConfig; changeMode: "modify" | "replace" };
    returns: HostNetworkConfigResult;
  };
  SelectVnicForNicType: { args: { nicType: string; device: string }; returns: undefined };
  DeselectVnicForNicType: { args: { nicType: string; device: string }; returns: undefined };
  QueryNetConfig: { args: { nicType: string }; returns: VirtualNicManagerNetConfig | undefined };
  /** Returns the Task; follow it with VCenter.waitForTask(). */
  UpdateVsan_Task: { args: { config: VsanHostConfigInfo }; returns: MoRef };
  HasPrivilegeOnEntities: {
    args: { entity: MoRef[]; sessionId: string; privId?: string[] };
    returns: EntityPrivilege[];
  };
  FetchUserPrivilegeOnEntities: { args: { entities: MoRef[]; userName: string }; returns: UserPrivilegeResult[] };
}

export type VimMethod = keyof VimMethods;
