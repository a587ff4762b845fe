/** Every URL of the app in one place, so that features link to each other without importing each other. */
const seg = encodeURIComponent;

export type NetworkingView = "virtual-switches" | "vmkernel-adapters" | "physical-adapters" | "tcpip-configuration";

export const paths = {
  login: "/login",
  inventory: "/",
  audit: "/audit",
  host: (hostId: string) => `/hosts/${seg(hostId)}`,
  networking: (hostId: string, view: NetworkingView) => `/hosts/${seg(hostId)}/networking/${view}`,
  editTcpipStack: (hostId: string, stackKey: string) => `/hosts/${seg(hostId)}/networking/tcpip-configuration/${seg(stackKey)}/edit`,
  addNetworking: (hostId: string, page: string) => `/hosts/${seg(hostId)}/networking/vmkernel-adapters/add-networking/${page}`,
  /** Add Networking for many hosts: one run, one URL per page. */
  rollout: (runId: string, page: string) => `/add-networking/${seg(runId)}/${page}`,
} as const;

/** Whether `pathname` is a page of a host's Add Networking wizard, a dialog over the host's VMkernel adapters. */
export const isAddNetworkingPath = (pathname: string) => /^\/hosts\/[^/]+\/networking\/vmkernel-adapters\/add-networking\//.test(pathname);
