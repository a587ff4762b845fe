import type { HostSystem } from "./host-system.ts";
import { ManagedEntity, refs, type Args, type CallContext } from "./managed-object.ts";

/** HA and DRS as a lab cluster has them: HA on with one host's failover capacity, DRS fully automated, vSAN off. */
const CLUSTER_CONFIG = {
  _type: "ClusterConfigInfoEx",
  vmSwapPlacement: "vmDirectory",
  dasConfig: {
    enabled: true,
    vmMonitoring: "vmMonitoringDisabled",
    hostMonitoring: "enabled",
    admissionControlEnabled: true,
    admissionControlPolicy: { _type: "ClusterFailoverLevelAdmissionControlPolicy", failoverLevel: 1 },
    defaultVmSettings: {
      restartPriority: "medium",
      isolationResponse: "none",
      vmToolsMonitoringSettings: {
        vmMonitoring: "vmMonitoringDisabled",
        failureInterval: 30,
        minUpTime: 120,
        maxFailures: 3,
        maxFailureWindow: 3600,
      },
    },
  },
  drsConfig: { enabled: true, enableVmBehaviorOverrides: true, defaultVmBehavior: "fullyAutomated", vmotionRate: 3 },
  vsanConfigInfo: { enabled: false, defaultConfig: { autoClaimStorage: false } },
  proactiveDrsConfig: { enabled: false },
};

/** A standalone host's ComputeResource, or with type "ClusterComputeResource" a cluster. */
export class ComputeResource extends ManagedEntity {
  readonly hosts: HostSystem[] = [];

  add(host: HostSystem): HostSystem {
    host.parent = this;
    this.hosts.push(host);
    this.structure++;
    return host;
  }

  override children(): ManagedEntity[] {
    return this.hosts;
  }

  /** What the cluster's hosts have and use: the same per host (no virtual machines run here). */
  GetResourceUsage(_args: Args, ctx: CallContext): unknown {
    ctx.sim.authorize(ctx, this, "System.Read");
    const connected = this.hosts.filter((h) => h.connectionState === "connected").length;
    return {
      cpuUsedMHz: 1200 * connected,
      cpuCapacityMHz: 64_000 * connected,
      memUsedMB: 16384 * connected,
      memCapacityMB: 524_288 * connected,
      storageUsedMB: 0,
      storageCapacityMB: 0,
    };
  }

  override property(name: string, ctx: CallContext): unknown {
    switch (name) {
      case "host":
        return refs(this.hosts);
      case "network":
        return refs([...new Set(this.hosts.flatMap((h) => h.networks))]);
      case "datastore":
        return [];
      case "configurationEx":
        return this.type === "ClusterComputeResource"
          ? CLUSTER_CONFIG
          : { _type: "ComputeResourceConfigInfo", vmSwapPlacement: "vmDirectory" };
    }
    return super.property(name, ctx);
  }
}
