import type { AuditQuery } from "@addnet/contracts";

import type { Entry, Journal } from "../journal/journal.ts";
import type { VimSession } from "./vim-session.ts";

/** Who may read every entry: vCenter's administrators, who manage permissions at the root. */
const ADMINISTER = "Authorization.ModifyPermissions";
/** Rows looked at for one page, at most, when most entries are of hosts the user cannot read. */
const SCAN = 5000;

/** Which of these hosts the user may read (System.Read). */
function readers(vim: VimSession, hosts: string[]): Promise<Map<string, Set<string>>> {
  if (!hosts.length) return Promise.resolve(new Map());
  return vim.hasPrivileges(
    hosts.map((value) => ({ type: "HostSystem", value })),
    ["System.Read"],
  );
}

/** One page of the journal, newest first, with what this user may read: every entry for an administrator, else their own and those of hosts they can read. */
export async function auditPage(journal: Journal, vim: VimSession, userName: string, query: AuditQuery) {
  const root = vim.content.rootFolder;
  const admin = (await vim.hasPrivileges([root], [ADMINISTER])).get(root.value)?.has(ADMINISTER) ?? false;
  const { cursor, limit, ...filter } = query;
  const readable = new Map<string, boolean>();
  const entries: Entry[] = [];
  let before = cursor;
  let more = true;
  for (let scanned = 0; entries.length < limit && more && scanned < SCAN;) {
    const want = admin ? limit - entries.length : 200;
    const batch = await journal.list({ ...filter, before, limit: want });
    scanned += batch.length;
    more = batch.length === want;
    if (!admin) {
      const hosts = [...new Set(batch.flatMap((e) => (e.hostId && !readable.has(e.hostId) ? [e.hostId] : [])))];
      // One HasPrivilegeOnEntities call a batch; if vCenter refuses it for a host the user may not even see, one a host.
      const granted = await readers(vim, hosts).catch(async () => {
        const each = await Promise.all(hosts.map((h) => readers(vim, [h]).catch(() => new Map<string, Set<string>>())));
        return new Map(each.flatMap((m) => [...m]));
      });
      for (const h of hosts) readable.set(h, granted.get(h)?.has("System.Read") ?? false);
    }
    for (const e of batch) {
      before = e.id;
      if (admin || e.user === userName || (e.hostId && readable.get(e.hostId))) entries.push(e);
      if (entries.length === limit) {
        more = more || e !== batch.at(-1);
        break;
      }
    }
  }
  return { entries, ...(more && before !== undefined ? { next: before } : {}) };
}
