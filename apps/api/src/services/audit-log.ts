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

/**
 * Characters JSON.stringify leaves raw that must not reach a reader of the file as themselves: C1 controls (U+0085
 * is a line end to some tools, U+009B a terminal's CSI), the Unicode line and paragraph separators, and the
 * bidirectional and zero-width format controls that make text read other than it is (U+202E).
 */
const UNSAFE = /[\u0080-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** An entry as one JSON line, every unsafe character escaped (\uXXXX), so that parsing it gives the entry back. */
export function auditLine(entry: AuditEntry): string {
  return JSON.stringify(entry).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Append-only JSON lines: one entry a line, written in order, never rewritten. */
export class AuditLog {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  append(entry: AuditEntry): Promise<void> {
    // Serialise writes so that concurrent requests never interleave lines.
    this.queue = this.queue.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${auditLine(entry)}\n`, { encoding: "utf8", mode: 0o600 });
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
