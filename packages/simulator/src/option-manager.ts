import { HostManager, type HostSystem } from "./host-system.ts";
import type { Args, CallContext } from "./managed-object.ts";
import { Fault } from "./vim/fault.ts";

/** A host's advanced settings (configManager.advancedOption), the few a networking admin reads, at ESXi's defaults. */
const SETTINGS: [string, string | number][] = [
  ["Net.TcpipHeapSize", 0],
  ["Net.TcpipHeapMax", 1024],
  ["Net.TcpipDefLROEnabled", 1],
  ["Net.FollowHardwareMac", 0],
  ["Migrate.Enabled", 1],
  ["Migrate.VMotionStreamHelpers", 0],
  ["UserVars.SuppressShellWarning", 0],
  ["Config.HostAgent.log.level", "info"],
];

export class OptionManager extends HostManager {
  constructor(value: string, host: HostSystem) {
    super("OptionManager", value, host);
  }

  private settings(): { key: string; value: string | number }[] {
    return SETTINGS.map(([key, value]) => ({ key, value }));
  }

  property(name: string): unknown {
    if (this.host.connectionState !== "connected") return undefined;
    switch (name) {
      case "setting":
        return this.settings();
      case "supportedOption":
        return [];
    }
    return undefined;
  }

  /** One setting by name, those under a prefix ending in ".", or all; an unknown name is InvalidName. */
  QueryOptions(args: Args, ctx: CallContext): unknown[] {
    ctx.sim.authorize(ctx, this.host, "System.Read");
    this.host.requireConnected();
    const name = args.name as string | undefined;
    const found = this.settings().filter((s) => !name || (name.endsWith(".") ? s.key.startsWith(name) : s.key === name));
    if (name && found.length === 0) throw new Fault("InvalidName", { name }, `Option ${name} does not exist`);
    return found;
  }
}
