/** react-query keys shared by several features (bulletproof-react: shared things live in lib). */
export const queryKeys = {
  hosts: (search: string, cluster: string) => ["hosts", { search, cluster }] as const,
  hostNetworking: (hostId: string) => ["host", hostId, "networking"] as const,
  preflight: (hostId: string, body: string) => ["host", hostId, "preflight", body] as const,
  /** Analyze impact of removing a VMkernel adapter: a read, asked again each time the dialog opens. */
  removalImpact: (hostId: string, device: string) => ["host", hostId, "vmkernel-adapters", device, "impact"] as const,
  /** Analyze impact of a VMkernel adapter's Edit Settings: a read, one per state of the form (the edit ends the key). */
  adapterEditImpact: (hostId: string, device: string) => ["host", hostId, "vmkernel-adapters", device, "edit-impact"] as const,
  /** Analyze impact of migrating a VMkernel adapter: as its Edit Settings' (the target ends the key). */
  adapterMigrationImpact: (hostId: string, device: string) => ["host", hostId, "vmkernel-adapters", device, "migration-impact"] as const,
  /** Analyze impact of moving a VMkernel adapter to another TCP/IP stack: as its Edit Settings' (the stack ends the key). */
  adapterStackMoveImpact: (hostId: string, device: string) => ["host", hostId, "vmkernel-adapters", device, "stack-move-impact"] as const,
  /** Analyze impact of a standard switch's Edit Settings: as an adapter's. */
  switchEditImpact: (hostId: string, name: string) => ["host", hostId, "standard-switches", name, "edit-impact"] as const,
  /** Analyze impact of removing a standard switch: a read, asked again each time the dialog opens. */
  switchRemovalImpact: (hostId: string, name: string) => ["host", hostId, "standard-switches", name, "impact"] as const,
  audit: ["audit"] as const,
  /** The user's recent rollouts (GET /rollouts' answer), kept current by the Recent Tasks panel's event stream. */
  rollouts: ["rollouts"] as const,
  /** One rollout (GET /rollouts/{id}); the event stream writes it too. */
  rollout: (id: string) => ["rollouts", id] as const,
  /** A rollout's preflight: a read, one per plan (the request body ends the key). */
  rolloutPreflight: (body: string) => ["rollout-preflight", body] as const,
};
