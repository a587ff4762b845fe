/** Every VMkernel adapter address in the inventory, in one PropertyCollector pass, for duplicate-IP checks (R17). */
import { ipv6Key } from "@addnet/contracts";
import type { HostVirtualNic, MoRef } from "@addnet/vsphere";

import type { VimSession } from "./vim-session.ts";

/** Every VMkernel adapter address in the inventory: address (IPv6 by ipv6Key) -> "host vmkN". */
export type AddressBook = Map<string, string>;

export async function addressBook(vim: VimSession): Promise<AddressBook> {
  const view = (await vim.invoke("CreateContainerView", vim.content.viewManager!, {
    container: vim.content.rootFolder,
    type: ["HostSystem"],
    recursive: true,
  })) as MoRef;
  try {
    const contents = await vim.retrieve(
      [
        {
          propSet: [{ type: "HostSystem", pathSet: ["name", "config.network.vnic"] }],
          objectSet: [{ obj: view, skip: true, selectSet: [{ _type: "TraversalSpec", type: "ContainerView", path: "view", skip: false }] }],
        },
      ],
      1000,
    );
    const book: AddressBook = new Map();
    for (const c of contents) {
      const props = Object.fromEntries((c.propSet ?? []).map((p) => [p.name, p.val]));
      for (const vnic of (props["config.network.vnic"] as HostVirtualNic[] | undefined) ?? []) {
        const owner = `${String(props.name)} ${vnic.device}`;
        if (vnic.spec.ip?.ipAddress) book.set(vnic.spec.ip.ipAddress, owner);
        for (const a of vnic.spec.ip?.ipV6Config?.ipV6Address ?? []) book.set(ipv6Key(a.ipAddress), owner);
      }
    }
    return book;
  } finally {
    await vim.invoke("DestroyView", view, {}).catch(() => undefined);
  }
}
