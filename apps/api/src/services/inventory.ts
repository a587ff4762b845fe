/**
 * GET /hosts and the duplicate-address checks (R17) from one inventory per vCenter (issue 12): a PropertyCollector of the
 * reader's own with one filter over the datacenters, folders, compute resources and hosts (their VMkernel adapters'
 * addresses too), read whole once and then brought up to date with WaitForUpdatesEx (what changed since the last
 * version, no waiting) before each page or check, so that either costs one small round trip whatever the size of the
 * inventory. The reader is the inventory account's session (VCENTER_INVENTORY_USER), one per vCenter shared by every
 * user, or else each user's own session with an inventory of its own. Each user sees the hosts vCenter lets them see:
 * their privileges are asked once per host (HasPrivilegeOnEntities) and kept for a while.
 */
import { ipv6Key, PRIVILEGES, type HostsPage, type HostsQuery } from "@addnet/contracts";
import { detached, inventoryTraversal, VimFault, type HostVirtualNic, type MoRef, type UpdateSet, type VCenter } from "@addnet/vsphere";
import type { FastifyBaseLogger } from "fastify";

import type { Config } from "../config.ts";
import { issue, ProblemError } from "../problem.ts";
import { faultMessage, sessionExpired } from "./vim-errors.ts";
import { VimSession } from "./vim-session.ts";

/** What the inventory keeps of an entity: no ObjectContent, only what the host list shows. */
interface Entity {
  type: string;
  name: string;
  /** The parent's MoRef value (a value names one object in a vCenter, whatever its type). */
  parent?: string;
}

interface Host extends Entity {
  connectionState: string;
  inMaintenanceMode: boolean;
  version: string | null;
  /** Where each user's privileges on this host are kept: a host that enters anew gets a new slot, never another's. */
  slot: number;
  /** Its VMkernel adapters' addresses (IPv6 by ipv6Key), by device. */
  vnics: { device: string; addresses: string[] }[];
}

/** Every VMkernel adapter address a user may see: address (IPv6 by ipv6Key) -> each "host vmkN" that holds it. */
export type AddressBook = ReadonlyMap<string, readonly string[]>;

/** An adapter that holds an address: its host's MoRef value and its device. */
interface Holder {
  host: string;
  device: string;
}

/** A host in list order, with its names lower-cased for the search (a cluster's name is one string for its hosts). */
interface Listed {
  id: string;
  host: Host;
  datacenter: string | null;
  cluster: string | null;
  nameKey: string;
  clusterKey: string;
}

/** Who reads an inventory: the inventory account, signed in again when vCenter ends its session, or a user's session. */
interface Reader {
  session(): Promise<VimSession>;
  /** After NotAuthenticated: a new session of the inventory account; a user's own session is not renewed. */
  renew?(): Promise<VimSession>;
}

const HOST_PROPERTIES = [
  "name",
  "parent",
  "runtime.connectionState",
  "runtime.inMaintenanceMode",
  "summary.config.product.version",
  "config.network.vnic",
];
const collator = new Intl.Collator();

/** One copy of a value many entities share: a type, a connection state, a version. */
const interned = new Map<string, string>();
function intern(s: string): string {
  let copy = interned.get(s);
  if (copy === undefined) interned.set((copy = detached(s)), copy);
  return copy;
}

class Inventory {
  private collector: MoRef | undefined;
  private version = "";
  private entities = new Map<string, Entity | Host>();
  private nextSlot = 0;
  /** The hosts in list order; undefined after a change to what the order or a host's place depends on. */
  private listed: Listed[] | undefined;
  /** Every adapter address, kept current host by host as updates come (not rebuilt for each check). */
  private book = new Map<string, Holder[]>();
  /** The update in flight: WaitForUpdatesEx calls of one collector must not overlap (each takes the last version). */
  private syncing: Promise<void> | undefined;
  /** The update that checks coming while one is in flight wait for: sent when that one returns. */
  private next: Promise<void> | undefined;

  constructor(readonly reader: Reader) {}

  get slots(): number {
    return this.nextSlot;
  }

  /** Whether it has been read whole, or is being read. */
  get opened(): boolean {
    return this.version !== "" || this.syncing !== undefined;
  }

  /**
   * Brings the inventory up to date. A page that comes while an update is in flight shares it; a duplicate-address
   * check (`fresh`) shares the next one, sent when it returns, so that it sees what vCenter had when it was called:
   * however many come at once (a rollout's hosts), each waits for at most one round trip more.
   */
  sync(fresh = false): Promise<void> {
    if (!this.syncing) return (this.syncing = this.update().finally(() => (this.syncing = undefined)));
    if (!fresh) return this.syncing;
    return (this.next ??= this.syncing
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.sync(true);
      }));
  }

  /** The adapters that hold an address, as the last update left them. */
  holders(address: string): { id: string; host: Host; device: string }[] {
    return (this.book.get(address) ?? []).map(({ host, device }) => ({ id: host, host: this.entities.get(host) as Host, device }));
  }

  private unbook(id: string, host: Host): void {
    for (const { device, addresses } of host.vnics)
      for (const address of addresses) {
        const holders = this.book.get(address)?.filter((h) => h.host !== id || h.device !== device) ?? [];
        if (holders.length) this.book.set(address, holders);
        else this.book.delete(address);
      }
  }

  private enbook(id: string, host: Host): void {
    const key = detached(id);
    for (const { device, addresses } of host.vnics)
      for (const address of addresses) {
        const holders = this.book.get(address);
        if (holders) holders.push({ host: key, device });
        else this.book.set(address, [{ host: key, device }]);
      }
  }

  private async update(): Promise<void> {
    let vim = await this.reader.session();
    try {
      await this.read(vim);
    } catch (err) {
      // Otherwise the next sync reads whole: an update vCenter sent but that never arrived must not be missed.
      this.version = "";
      // vCenter no longer has the collector, or the inventory account's session ended (the collector with it): open it
      // again. A user's own session that ended is theirs to sign in again.
      const ended = err instanceof VimFault && err.type === "NotAuthenticated";
      if (!(err instanceof VimFault && (err.type === "ManagedObjectNotFound" || (ended && this.reader.renew)))) throw err;
      this.collector = undefined;
      if (ended) vim = await this.reader.renew!();
      await this.read(vim);
    }
  }

  private async read(vim: VimSession): Promise<void> {
    if (!this.collector) {
      const collector = await vim.invoke("CreatePropertyCollector", vim.content.propertyCollector, {});
      await vim.invoke("CreateFilter", collector, {
        spec: {
          propSet: [
            { type: "HostSystem", pathSet: HOST_PROPERTIES },
            { type: "ComputeResource", pathSet: ["name", "parent"] },
            { type: "Folder", pathSet: ["name", "parent"] },
            { type: "Datacenter", pathSet: ["name"] },
          ],
          objectSet: [{ obj: vim.content.rootFolder, skip: true, selectSet: inventoryTraversal("hosts") }],
        },
        partialUpdates: false,
      });
      this.collector = collector;
      this.version = "";
    }
    for (;;) {
      const whole = this.version === "";
      const update = await vim.invoke("WaitForUpdatesEx", this.collector, { version: this.version, options: { maxWaitSeconds: 0 } });
      if (!update) return;
      this.apply(update, whole);
      if (!update.truncated) return;
    }
  }

  private apply(update: UpdateSet, whole: boolean): void {
    const before = this.entities;
    if (whole) {
      this.entities = new Map();
      this.book = new Map();
      this.listed = undefined;
    }
    for (const filter of update.filterSet ?? [])
      for (const o of filter.objectSet ?? []) {
        const id = o.obj.value;
        if (o.kind === "leave") {
          const gone = this.entities.get(id);
          if (gone && "slot" in gone) this.unbook(id, gone);
          this.entities.delete(id);
          this.listed = undefined;
          continue;
        }
        let entity = this.entities.get(id);
        if (!entity) {
          const known = before.get(id);
          entity =
            o.obj.type === "HostSystem"
              ? ({
                  type: "HostSystem",
                  name: "",
                  connectionState: "unknown",
                  inMaintenanceMode: false,
                  version: null,
                  slot: known && "slot" in known ? known.slot : this.nextSlot++,
                  vnics: [],
                } satisfies Host)
              : { type: intern(o.obj.type), name: "" };
          this.entities.set(detached(id), entity);
          this.listed = undefined;
        }
        for (const { name, val } of o.changeSet ?? []) {
          if (name === "name") entity.name = detached(String(val ?? ""));
          else if (name === "parent") entity.parent = val ? detached((val as MoRef).value) : undefined;
          else if (!("slot" in entity)) continue;
          else if (name === "runtime.connectionState") entity.connectionState = intern(String(val ?? "unknown"));
          else if (name === "runtime.inMaintenanceMode") entity.inMaintenanceMode = Boolean(val);
          else if (name === "summary.config.product.version") entity.version = val === undefined ? null : intern(String(val));
          else if (name === "config.network.vnic") {
            // What the book keeps is copied out of the reply (detached), which it would otherwise keep whole.
            this.unbook(id, entity);
            entity.vnics = ((val as HostVirtualNic[] | undefined) ?? []).map((vnic) => ({
              device: detached(vnic.device),
              addresses: [
                ...(vnic.spec.ip?.ipAddress ? [detached(vnic.spec.ip.ipAddress)] : []),
                ...(vnic.spec.ip?.ipV6Config?.ipV6Address ?? []).map((a) => ipv6Key(a.ipAddress)),
              ],
            }));
            this.enbook(id, entity);
          }
          // A host's state shows through its record; only a name or a parent moves hosts in the list.
          if (name === "name" || name === "parent") this.listed = undefined;
        }
      }
    this.version = update.version;
  }

  /** Every host, by datacenter, cluster and name. */
  hosts(): Listed[] {
    if (this.listed) return this.listed;
    const ancestor = (start: string | undefined, type: string): Entity | undefined => {
      for (let e = start ? this.entities.get(start) : undefined; e; e = e.parent ? this.entities.get(e.parent) : undefined)
        if (e.type === type) return e;
      return undefined;
    };
    const clusterKeys = new Map<string, string>();
    const listed: Listed[] = [];
    for (const [id, e] of this.entities) {
      if (!("slot" in e)) continue;
      const cluster = ancestor(e.parent, "ClusterComputeResource")?.name ?? null;
      let clusterKey = cluster === null ? "" : clusterKeys.get(cluster);
      if (clusterKey === undefined) clusterKeys.set(cluster!, (clusterKey = cluster!.toLowerCase()));
      const datacenter = ancestor(e.parent, "Datacenter")?.name ?? null;
      listed.push({ id, host: e, datacenter, cluster, nameKey: e.name.toLowerCase(), clusterKey });
    }
    listed.sort(
      (a, b) =>
        collator.compare(a.datacenter ?? "", b.datacenter ?? "") ||
        collator.compare(a.cluster ?? "~", b.cluster ?? "~") ||
        collator.compare(a.host.name, b.host.name),
    );
    return (this.listed = listed);
  }

  /** About what the inventory holds, in bytes: its records, their strings and the sorted list (V8's sizes, measured). */
  size(): number {
    let bytes = 0;
    for (const [id, e] of this.entities) {
      bytes += 140 + id.length + e.name.length;
      // A host's record, and its adapters' addresses with their entries in the book (estimated, not measured).
      if ("slot" in e)
        for (const v of e.vnics) bytes += 56 + 96 + v.device.length + v.addresses.reduce((n, a) => n + 120 + 2 * a.length, 0);
    }
    return bytes + (this.listed?.reduce((sum, l) => sum + 96 + l.nameKey.length, 0) ?? 0);
  }
}

/** Privileges of one user session on one inventory's hosts, a byte per host slot: asked (1), System.View (2), Host.Config.Network (4). */
interface Grants {
  inventory: Inventory;
  askedAt: number;
  bySlot: Uint8Array;
}
const ASKED = 1;
const VIEW = 2;
const NETWORK = 4;

/**
 * Permissions vCenter changes reach a user's list within this time: their privileges are asked again for every host.
 * (Within it, a host's privileges are asked only once, when it first appears.)
 */
const GRANTS_TTL_MS = 60_000;
/** Users' inventories (without an inventory account) and privileges kept; the least recently used go first. */
const MAX_INVENTORIES = 64;
const MAX_GRANTS = 1024;

/** Takes `key` from an LRU map, made with `make` if missing, as its most recently used entry. */
function lru<T>(map: Map<string, T>, key: string, max: number, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size >= max) map.delete(map.keys().next().value!);
  } else map.delete(key);
  map.set(key, value);
  return value;
}

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  // Only what this API gives out: base64url of a decimal offset, encoded exactly so (Buffer skips stray characters).
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const offset = Number(text);
  if (!/^\d{1,15}$/.test(text) || Buffer.from(text).toString("base64url") !== cursor || !Number.isSafeInteger(offset)) {
    throw new ProblemError(400, "VALIDATION_FAILED", "The request is not valid", "cursor: not a cursor this API gave out", {
      errors: [issue({ path: "cursor", code: "cursor.invalid" })],
    });
  }
  return offset;
}

/** Whether vCenter still has the session: its SessionManager's currentSession is unset for one it ended. */
async function sessionAlive(vim: VimSession): Promise<boolean> {
  try {
    const [manager] = await vim.retrieve([
      { propSet: [{ type: "SessionManager", pathSet: ["currentSession"] }], objectSet: [{ obj: vim.content.sessionManager! }] },
    ]);
    return Boolean(manager?.propSet?.some((p) => p.name === "currentSession" && p.val));
  } catch (err) {
    if (err instanceof VimFault && err.type === "NotAuthenticated") return false;
    throw err;
  }
}

/** The host list's inventories, readers and users' privileges of this API process. */
export class Inventories {
  /** With an inventory account: its vCenter's inventory. */
  private readonly shared = new Map<string, Inventory>();
  /** Without: each user session's, by vCenter URL and session key. */
  private readonly own = new Map<string, Inventory>();
  private readonly grants = new Map<string, Grants>();
  /** The inventory account's sessions, to sign out at close. */
  private readonly readers = new Map<string, Promise<VimSession>>();

  constructor(
    private readonly config: Config,
    private readonly log: FastifyBaseLogger,
  ) {}

  private inventory(vim: VimSession): Inventory {
    const url = vim.vcenter.url;
    const account = url === this.config.vcenterUrl ? this.config.inventoryAccount : undefined;
    if (!account) return lru(this.own, `${url} ${vim.sessionKey}`, MAX_INVENTORIES, () => new Inventory({ session: async () => vim }));
    let inventory = this.shared.get(url);
    if (!inventory) {
      const signIn = () => {
        const session = this.signIn(vim.vcenter, account);
        session.catch(() => this.readers.delete(url));
        this.readers.set(url, session);
        return session;
      };
      inventory = new Inventory({ session: () => this.readers.get(url) ?? signIn(), renew: signIn });
      this.shared.set(url, inventory);
    }
    return inventory;
  }

  private async signIn(vcenter: VCenter, account: NonNullable<Config["inventoryAccount"]>): Promise<VimSession> {
    try {
      const { cookie, userSession } = await vcenter.login(account.userName, account.password);
      return new VimSession(vcenter, cookie, userSession.key);
    } catch (err) {
      if (!(err instanceof VimFault)) throw err;
      // Not the user's sign-in that failed: addnet's own account, which its administrator must put right.
      this.log.error({ err, userName: account.userName }, "the inventory account cannot sign in to vCenter");
      const fault = faultMessage(err);
      throw new ProblemError(502, "VCENTER_FAULT", `vCenter answered ${err.type}`, "vCenter refused addnet's inventory account", { fault });
    }
  }

  /** A page of the hosts the user may see: search by host or cluster name, cluster filter, cursor paging. */
  async listHosts(vim: VimSession, query: HostsQuery): Promise<HostsPage> {
    const offset = decodeCursor(query.cursor);
    const inventory = this.inventory(vim);
    let alive: boolean;
    try {
      // Read by the inventory account, a page would not notice that vCenter ended the user's own session: beside the
      // update, in the same round trip, the user's session is asked whether it is still there.
      [, alive] = await Promise.all([inventory.sync(), inventory.reader.renew ? sessionAlive(vim) : true]);
    } catch (err) {
      // A user's own inventory goes with their session; the inventory account's stays, to be read again.
      if (err instanceof VimFault && err.type === "NotAuthenticated" && !inventory.reader.renew) this.signedOut(vim);
      throw err;
    }
    if (!alive) {
      this.signedOut(vim);
      throw sessionExpired();
    }
    const search = query.search?.trim().toLowerCase();
    const candidates = inventory
      .hosts()
      .filter(
        (h) => (!search || h.nameKey.includes(search) || h.clusterKey.includes(search)) && (!query.cluster || h.cluster === query.cluster),
      );
    const granted = await this.granted(vim, inventory, candidates);
    const visible = candidates.filter((h) => granted[h.host.slot]! & VIEW);
    const page = visible.slice(offset, offset + query.limit);
    const next = offset + query.limit;
    return {
      items: page.map(({ id, host, datacenter, cluster }) => ({
        id,
        name: host.name,
        datacenter,
        cluster,
        connectionState: host.connectionState,
        inMaintenanceMode: host.inMaintenanceMode,
        version: host.version,
        canConfigureNetwork: Boolean(granted[host.slot]! & NETWORK),
      })),
      total: visible.length,
      nextCursor: next < visible.length ? Buffer.from(String(next)).toString("base64url") : null,
    };
  }

  /**
   * The user's privileges on the hosts, by slot, asked of vCenter for those not asked before. The reader asks, for the
   * user's session: HasPrivilegeOnEntities needs System.Read on each entity it is asked about, which the user may lack
   * on a host they may not see, and vCenter would refuse the whole call.
   */
  private async granted(vim: VimSession, inventory: Inventory, hosts: Pick<Listed, "id" | "host">[]): Promise<Uint8Array> {
    const key = `${vim.vcenter.url} ${vim.sessionKey}`;
    const make = (): Grants => ({ inventory, askedAt: Date.now(), bySlot: new Uint8Array(inventory.slots) });
    let grants = lru(this.grants, key, MAX_GRANTS, make);
    if (grants.inventory !== inventory || Date.now() - grants.askedAt > GRANTS_TTL_MS) this.grants.set(key, (grants = make()));
    if (grants.bySlot.length < inventory.slots) {
      const grown = new Uint8Array(Math.max(inventory.slots, grants.bySlot.length * 2));
      grown.set(grants.bySlot);
      grants.bySlot = grown;
    }
    const unasked = hosts.filter((h) => !(grants.bySlot[h.host.slot]! & ASKED));
    if (unasked.length) {
      const reader = await inventory.reader.session();
      let answers;
      try {
        answers = await reader.hasPrivileges(
          unasked.map((h) => ({ type: "HostSystem", value: h.id })),
          ["System.View", PRIVILEGES.network],
          vim.sessionKey,
        );
      } catch (err) {
        // Asked for a session vCenter no longer has: the user's, which has ended.
        if (
          err instanceof VimFault &&
          err.type === "InvalidArgument" &&
          (err.fault as { invalidProperty?: string }).invalidProperty === "sessionId"
        )
          throw sessionExpired();
        throw err;
      }
      for (const h of unasked) {
        const privileges = answers.get(h.id);
        grants.bySlot[h.host.slot] =
          ASKED | (privileges?.has("System.View") ? VIEW : 0) | (privileges?.has(PRIVILEGES.network) ? NETWORK : 0);
      }
    }
    return grants.bySlot;
  }

  /** Opens the inventory the user's checks read (read whole, once), ahead of their first check, unless it is open. */
  open(vim: VimSession): void {
    const inventory = this.inventory(vim);
    if (!inventory.opened) void inventory.sync().catch(() => undefined);
  }

  /**
   * R17: which of `addresses` (IPv6 by ipv6Key) VMkernel adapters hold, on hosts the user may see, as vCenter has them
   * when this is called (one WaitForUpdatesEx). A holder on a host other than `hostId` (which the user is reading) is
   * shown only if the user may see that host: their privileges on it are asked if they have not been.
   */
  async addresses(vim: VimSession, hostId: string, addresses: string[]): Promise<AddressBook> {
    const inventory = this.inventory(vim);
    await inventory.sync(true);
    const held = addresses.map((address) => [address, inventory.holders(address)] as const);
    const elsewhere = [...new Map(held.flatMap(([, holders]) => holders.filter((h) => h.id !== hostId).map((h) => [h.id, h]))).values()];
    const granted = elsewhere.length ? await this.granted(vim, inventory, elsewhere) : undefined;
    const book = new Map<string, string[]>();
    for (const [address, holders] of held) {
      const seen = holders.filter((h) => h.id === hostId || granted![h.host.slot]! & VIEW).map((h) => `${h.host.name} ${h.device}`);
      if (seen.length) book.set(address, seen);
    }
    return book;
  }

  /** Drops what the session kept when it signs out (its own inventory's collector ends with its vCenter session). */
  signedOut(vim: VimSession): void {
    const key = `${vim.vcenter.url} ${vim.sessionKey}`;
    this.own.delete(key);
    this.grants.delete(key);
  }

  /** What the inventories hold, for the bench: hosts, and the estimated bytes of inventories and privileges. */
  size(): { hosts: number; bytes: number } {
    const inventories = [...this.shared.values(), ...this.own.values()];
    let bytes = inventories.reduce((sum, i) => sum + i.size(), 0);
    for (const g of this.grants.values()) bytes += 64 + g.bySlot.length;
    return { hosts: inventories.reduce((sum, i) => sum + i.hosts().length, 0), bytes };
  }

  /** Signs the inventory account out of every vCenter. */
  async close(): Promise<void> {
    const sessions = await Promise.allSettled(this.readers.values());
    await Promise.all(sessions.map((s) => (s.status === "fulfilled" ? s.value.logout().catch(() => undefined) : undefined)));
    this.readers.clear();
    this.shared.clear();
  }
}
