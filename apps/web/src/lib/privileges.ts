/** vCenter privilege ids the UI names when an action is not allowed. */
export const PRIVILEGES = {
  hostConfigNetwork: "Host.Config.Network",
  hostConfigStorage: "Host.Config.Storage",
  networkAssign: "Network.Assign",
} as const;
