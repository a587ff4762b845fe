import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";

export interface AuditEntry {
  time: string;
  /** The vCenter user name. Never a password or a cookie. */
  user: string;
  action: string;
  hostId?: string;
  hostName?: string;
  outcome: "success" | "failure" | "partial";
  /** What was done or what failed, in words. */
  detail: string;
  requestId: string;
}

/** Append-only JSON lines: one entry a line, written in order, never rewritten. */
export class AuditLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  append(entry: AuditEntry): Promise<void> {
    // Serialise writes so that concurrent requests never interleave lines.
    this.queue = this.queue.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${JSON.stringify(entry)}\n`, { encoding: "utf8", mode: 0o600 });
    });
    return this.queue;
  }

  /** Newest first, filtered by host and user. */
  async list(filter: { hostId?: string; user?: string; limit: number }): Promise<AuditEntry[]> {
    await this.queue;
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    return text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditEntry)
      .filter((e) => (!filter.hostId || e.hostId === filter.hostId) && (!filter.user || e.user === filter.user))
      .reverse()
      .slice(0, filter.limit);
  }
}
