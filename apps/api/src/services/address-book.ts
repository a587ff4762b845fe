/**
 * Every VMkernel adapter address the user can see in the inventory, for duplicate-IP checks (R17). Each user session
 * keeps an index on this replica: a PropertyCollector of its own with one filter over every host's adapters, read
 * whole once and then brought up to date with WaitForUpdatesEx (what changed since the last version, no waiting), so
 * that a check costs one small round trip whatever the size of the inventory.
 */
import { ipv6Key } from "@addnet/contracts";
import { detached, inventoryTraversal, VimFault, type HostVirtualNic, type MoRef, type UpdateSet, type VCenter } from "@addnet/vsphere";

import type { VimSession } from "./vim-session.ts";

/** Every VMkernel adapter address in the inventory: address (IPv6 by ipv6Key) -> each "host vmkN" that holds it. */
export type AddressBook = ReadonlyMap<string, readonly string[]>;

/** What the index keeps of an adapter: its device and addresses (IPv6 by ipv6Key), not the whole spec. */
interface Addresses {
  device: string;
  addresses: string[];
}

interface Host {
  name?: string;
  vnics?: Addresses[];
}

interface Index {
  collector: MoRef;
  version: string;
  /** Host MoRef value -> its name and its adapters' addresses, as last reported. */
  hosts: Map<string, Host>;
  /** The book itself, kept current host by host as updates come (not rebuilt for each check). */
  book: Map<string, string[]>;
  /** The one update in flight: WaitForUpdatesEx calls of one collector must not overlap (each takes the last version). */
  syncing?: Promise<void>;
  /** The update the callers that came while one was in flight wait for: sent when that one returns. */
  next?: Promise<void>;
}

/** Sessions' indexes kept per vCenter, by the vCenter session's key; the least recently used go first. */
const MAX_INDEXES = 64;
const indexes = new WeakMap<VCenter, Map<string, Promise<Index>>>();

async function open(vim: VimSession): Promise<Index> {
  const collector = await vim.invoke("CreatePropertyCollector", vim.content.propertyCollector, {});
  await vim.invoke("CreateFilter", collector, {
    spec: {
      propSet: [{ type: "HostSystem", pathSet: ["name", "config.network.vnic"] }],
      objectSet: [{ obj: vim.content.rootFolder, skip: true, selectSet: inventoryTraversal("hosts") }],
    },
    partialUpdates: false,
  });
  return { collector, version: "", hosts: new Map(), book: new Map() };
}

/** The host's adapters' addresses, each with its owner ("host vmkN"). */
function* entries({ name, vnics }: Host): Generator<[string, string]> {
  for (const { device, addresses } of vnics ?? []) for (const address of addresses) yield [address, `${String(name)} ${device}`];
}

function addTo(book: Map<string, string[]>, host: Host): void {
  for (const [address, owner] of entries(host)) {
    const owners = book.get(address);
    if (owners) owners.push(owner);
    else book.set(address, [owner]);
  }
}

function removeFrom(book: Map<string, string[]>, host: Host): void {
  for (const [address, owner] of entries(host)) {
    const owners = book.get(address) ?? [];
    const i = owners.indexOf(owner);
    if (i >= 0) owners.splice(i, 1);
    if (!owners.length) book.delete(address);
  }
}

function apply(index: Index, update: UpdateSet): void {
  index.version = update.version;
  for (const filter of update.filterSet ?? [])
    for (const o of filter.objectSet ?? []) {
      const host = index.hosts.get(o.obj.value) ?? {};
      removeFrom(index.book, host);
      if (o.kind === "leave") {
        index.hosts.delete(o.obj.value);
        continue;
      }
      // What the index keeps is copied out of the reply (detached), which it would otherwise keep whole.
      for (const change of o.changeSet ?? []) {
        if (change.name === "name") host.name = change.val === undefined ? undefined : detached(change.val as string);
        if (change.name === "config.network.vnic")
          host.vnics = ((change.val as HostVirtualNic[] | undefined) ?? []).map((vnic) => ({
            device: detached(vnic.device),
            addresses: [
              ...(vnic.spec.ip?.ipAddress ? [detached(vnic.spec.ip.ipAddress)] : []),
              ...(vnic.spec.ip?.ipV6Config?.ipV6Address ?? []).map((a) => ipv6Key(a.ipAddress)),
            ],
          }));
      }
      index.hosts.set(detached(o.obj.value), host);
      addTo(index.book, host);
    }
}

/** What changed since the index's version, applied: one WaitForUpdatesEx (more if vCenter truncates), no waiting. */
async function pull(vim: VimSession, index: Index): Promise<void> {
  for (;;) {
    const update = await vim.invoke("WaitForUpdatesEx", index.collector, { version: index.version, options: { maxWaitSeconds: 0 } });
    if (!update) return;
    apply(index, update);
    if (!update.truncated) return;
  }
}

/**
 * Brings the index up to what vCenter has when this is called: a WaitForUpdatesEx sent after the call. While one is in
 * flight (they must not overlap), every caller that comes shares the next one, sent when it returns: later than each
 * of them, so however many come at once (a rollout's hosts), each waits for at most one round trip more.
 */
function sync(vim: VimSession, index: Index): Promise<void> {
  if (!index.syncing) return (index.syncing = pull(vim, index).finally(() => (index.syncing = undefined)));
  return (index.next ??= index.syncing
    .catch(() => undefined)
    .then(() => {
      index.next = undefined;
      return sync(vim, index);
    }));
}

/** Opens the session's index ahead of its first check (read whole, once), unless it is open already. */
export async function openAddressBook(vim: VimSession): Promise<void> {
  if (!indexes.get(vim.vcenter)?.has(vim.sessionKey)) await addressBook(vim);
}

/** Drops the session's index when it signs out (its collector ends with the vCenter session). */
export function closeAddressBook(vim: VimSession): void {
  indexes.get(vim.vcenter)?.delete(vim.sessionKey);
}

/** The session's index, opened on first use; one that vCenter no longer has (its session ended) is opened again. */
export async function addressBook(vim: VimSession): Promise<AddressBook> {
  let byKey = indexes.get(vim.vcenter);
  if (!byKey) indexes.set(vim.vcenter, (byKey = new Map()));
  const key = vim.sessionKey;
  let pending = byKey.get(key);
  if (!pending) {
    pending = open(vim);
    pending.catch(() => byKey.delete(key));
    if (byKey.size >= MAX_INDEXES) byKey.delete(byKey.keys().next().value!);
  } else byKey.delete(key);
  byKey.set(key, pending);
  let index = await pending;
  try {
    await sync(vim, index);
  } catch (err) {
    if (!(err instanceof VimFault && err.type === "ManagedObjectNotFound")) throw err;
    byKey.delete(key);
    index = await open(vim);
    byKey.set(key, Promise.resolve(index));
    await sync(vim, index);
  }
  return index.book;
}
