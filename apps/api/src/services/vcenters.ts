import { connectVCenter, type VCenter } from "@addnet/vsphere";

import type { Config } from "../config.ts";

/** One VCenter (connection pool, ServiceContent) per server, shared by every user's session. */
export class VCenters {
  private readonly connections = new Map<string, Promise<VCenter>>();

  constructor(private readonly config: Config) {}

  get(url: string): Promise<VCenter> {
    let vcenter = this.connections.get(url);
    if (!vcenter) {
      // TLS settings apply to https vCenters; the built-in simulator speaks plain http on loopback.
      const tls = url.startsWith("https:") ? this.config.tls : undefined;
      vcenter = connectVCenter({ url, tls, timeoutMs: this.config.vcenterTimeoutMs });
      // A failed connection is retried on the next request rather than remembered.
      vcenter.catch(() => this.connections.delete(url));
      this.connections.set(url, vcenter);
    }
    return vcenter;
  }

  async close(): Promise<void> {
    const all = await Promise.allSettled(this.connections.values());
    for (const r of all) if (r.status === "fulfilled") r.value.close();
    this.connections.clear();
  }
}
