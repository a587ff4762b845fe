/**
 * GET /hosts: one PropertyCollector pass through a container view (paged with tokens), then search, cluster
 * filter and cursor paging here; privileges for the page's hosts in one more call. Built for 2,500 hosts.
 */
import { PRIVILEGES, type HostsPage, type HostsQuery } from "@addnet/contracts";
import type { MoRef, ObjectContent } from "@addnet/vsphere";

import { issue, ProblemError } from "../problem.ts";
import type { VimSession } from "./vim-session.ts";

interface Entity {
  type: string;
  name: string;
  parent?: MoRef;
  props: Record<string, unknown>;
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

export async function listHosts(vim: VimSession, query: HostsQuery): Promise<HostsPage> {
  const offset = decodeCursor(query.cursor);
  const view = (await vim.invoke("CreateContainerView", vim.content.viewManager!, {
    container: vim.content.rootFolder,
    type: ["HostSystem", "ComputeResource", "Folder", "Datacenter"],
    recursive: true,
  })) as MoRef;
  let contents: ObjectContent[];
  try {
    contents = await vim.retrieve(
      [
        {
          propSet: [
            {
              type: "HostSystem",
              pathSet: ["name", "parent", "runtime.connectionState", "runtime.inMaintenanceMode", "summary.config.product.version"],
            },
            { type: "ComputeResource", pathSet: ["name", "parent"] },
            { type: "Folder", pathSet: ["name", "parent"] },
            { type: "Datacenter", pathSet: ["name"] },
          ],
          objectSet: [{ obj: view, skip: true, selectSet: [{ _type: "TraversalSpec", type: "ContainerView", path: "view", skip: false }] }],
        },
      ],
      1000,
    );
  } finally {
    await vim.invoke("DestroyView", view, {}).catch(() => undefined);
  }
  const entities = new Map<string, Entity>();
  for (const c of contents) {
    const props = Object.fromEntries((c.propSet ?? []).map((p) => [p.name, p.val]));
    entities.set(c.obj.value, { type: c.obj.type, name: String(props.name ?? ""), parent: props.parent as MoRef | undefined, props });
  }
  const ancestor = (start: MoRef | undefined, type: string): Entity | undefined => {
    for (let ref = start; ref; ref = entities.get(ref.value)?.parent) {
      const e = entities.get(ref.value);
      if (e?.type === type) return e;
    }
    return undefined;
  };
  const search = query.search?.trim().toLowerCase();
  const hosts = [...entities.entries()]
    .filter(([, e]) => e.type === "HostSystem")
    .map(([id, e]) => ({
      id,
      name: e.name,
      datacenter: ancestor(e.parent, "Datacenter")?.name ?? null,
      cluster: ancestor(e.parent, "ClusterComputeResource")?.name ?? null,
      connectionState: String(e.props["runtime.connectionState"] ?? "unknown"),
      inMaintenanceMode: Boolean(e.props["runtime.inMaintenanceMode"]),
      version: (e.props["summary.config.product.version"] as string | undefined) ?? null,
    }))
    .filter(
      (h) =>
        (!search || h.name.toLowerCase().includes(search) || Boolean(h.cluster?.toLowerCase().includes(search))) &&
        (!query.cluster || h.cluster === query.cluster),
    )
    .sort(
      (a, b) =>
        (a.datacenter ?? "").localeCompare(b.datacenter ?? "") ||
        (a.cluster ?? "~").localeCompare(b.cluster ?? "~") ||
        a.name.localeCompare(b.name),
    );
  const page = hosts.slice(offset, offset + query.limit);
  const granted = page.length
    ? await vim.hasPrivileges(
        page.map((h) => ({ type: "HostSystem", value: h.id })),
        [PRIVILEGES.network],
      )
    : new Map();
  const next = offset + query.limit;
  return {
    items: page.map((h) => ({ ...h, canConfigureNetwork: granted.get(h.id)?.has(PRIVILEGES.network) ?? false })),
    total: hosts.length,
    nextCursor: next < hosts.length ? Buffer.from(String(next)).toString("base64url") : null,
  };
}
