/** Helpers shared by the simulator's wire-level suites: filter specs, paging, raw HTTP and state snapshots. */
import { request as httpRequest } from "node:http";

import type { RunningSimulator } from "../src/index.ts";
import type { HostSystem } from "../src/host-system.ts";
import { escapeXml, NS, xsiType, type XmlElement } from "@addnet/vim25";
import { child, children, Client, moref, ref, text, type Reply } from "./client.ts";

export const PC = ref("PropertyCollector", "propertyCollector");
export const XSI_TYPE = `{${NS.xsi}}type`;

/** `<propSet>` of a PropertySpec. */
export function propSpec(type: string, paths: string[] = [], all = false): string {
  return `<propSet><type>${type}</type>${all ? "<all>true</all>" : ""}${paths.map((p) => `<pathSet>${escapeXml(p)}</pathSet>`).join("")}</propSet>`;
}

/** `<objectSet>` of an ObjectSpec; selectSet is raw XML of SelectionSpecs. */
export function objectSpec(type: string, value: string, skip = false, selectSet = ""): string {
  return `<objectSet>${moref("obj", type, value)}${skip ? "<skip>true</skip>" : ""}${selectSet}</objectSet>`;
}

/** A TraversalSpec as a selectSet element, with xsi:type. */
export function traversal(type: string, path: string, opts: { name?: string; skip?: boolean; selectSet?: string } = {}): string {
  return (
    `<selectSet xsi:type="TraversalSpec">${opts.name ? `<name>${opts.name}</name>` : ""}<type>${type}</type><path>${path}</path>` +
    `<skip>${opts.skip ?? false}</skip>${opts.selectSet ?? ""}</selectSet>`
  );
}

/** A reference to a named TraversalSpec. */
export const selectionRef = (name: string) => `<selectSet><name>${name}</name></selectSet>`;

export function specSet(props: string, objects: string): string {
  return `<specSet>${props}${objects}</specSet>`;
}

export function options(maxObjects?: number): string {
  return maxObjects === undefined ? "<options/>" : `<options><maxObjects>${maxObjects}</maxObjects></options>`;
}

/** The ObjectSpec that selects a ContainerView's contents. */
export function viewObjectSpec(view: string): string {
  return objectSpec("ContainerView", view, true, traversal("ContainerView", "view"));
}

export async function createView(c: Client, container: [string, string], types: string[], recursive = true): Promise<string> {
  const reply = await c.call(
    "CreateContainerView",
    ref("ViewManager", "ViewManager"),
    moref("container", container[0], container[1]) + types.map((t) => `<type>${t}</type>`).join("") + `<recursive>${recursive}</recursive>`,
  );
  if (reply.fault) throw new Error(`CreateContainerView failed: ${reply.fault}`);
  return text(reply.body, "returnval")!;
}

export async function destroyView(c: Client, view: string): Promise<Reply> {
  return c.call("DestroyView", ref("ContainerView", view));
}

/** Object content of a RetrieveResult or of RetrieveProperties' returnvals. */
export function objectContents(reply: Reply): XmlElement[] {
  const returnvals = children(reply.body, "returnval");
  if (reply.body?.name === "RetrievePropertiesResponse") return returnvals;
  return children(returnvals[0], "objects");
}

export const tokenOf = (reply: Reply) => text(child(reply.body, "returnval"), "token");

/** path -> val element of one ObjectContent. */
export function propsOf(oc: XmlElement): Map<string, XmlElement> {
  return new Map(children(oc, "propSet").map((ps) => [text(ps, "name")!, child(ps, "val")!]));
}

/** MoRef value -> (path -> val) for a list of ObjectContent. */
export function byObject(ocs: XmlElement[]): Map<string, Map<string, XmlElement>> {
  return new Map(ocs.map((oc) => [child(oc, "obj")!.text, propsOf(oc)]));
}

/** Runs RetrievePropertiesEx and follows tokens to the end; returns every ObjectContent and the page sizes. */
export async function retrieveAll(c: Client, specs: string, maxObjects?: number): Promise<{ objects: XmlElement[]; pages: number[] }> {
  let reply = await c.call("RetrievePropertiesEx", PC, specs + options(maxObjects));
  const objects: XmlElement[] = [];
  const pages: number[] = [];
  for (;;) {
    if (reply.fault) throw new Error(`retrieve failed: ${reply.fault}`);
    const page = objectContents(reply);
    objects.push(...page);
    pages.push(page.length);
    const token = tokenOf(reply);
    if (!token) break;
    reply = await c.call("ContinueRetrievePropertiesEx", PC, `<token>${token}</token>`);
  }
  return { objects, pages };
}

/** Every host of the inventory through a recursive ContainerView, as path -> val by host MoRef value. */
export async function hostProps(c: Client, paths: string[]): Promise<Map<string, Map<string, XmlElement>>> {
  const view = await createView(c, ["Folder", "group-d1"], ["HostSystem"]);
  const { objects } = await retrieveAll(c, specSet(propSpec("HostSystem", paths), viewObjectSpec(view)));
  await destroyView(c, view);
  return byObject(objects);
}

/** Host name -> MoRef value, for the first hosts of an inventory. */
export function hostIds(running: RunningSimulator): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of running.sim.allObjects()) if (o.type === "HostSystem") out.set((o as HostSystem).name, o.ref.value);
  return out;
}

/** Every host's HostNetworkInfo and runtime state, serialized: equal snapshots mean nothing changed. */
export function snapshot(running: RunningSimulator): string {
  const hosts = [...running.sim.allObjects()].filter((o): o is HostSystem => o.type === "HostSystem");
  return JSON.stringify(
    hosts.map((h) => ({
      id: h.ref.value,
      name: h.name,
      net: h.net,
      selected: [...h.selected].map(([k, v]) => [k, [...v]]),
      vsan: [...h.vsanPorts],
      state: h.connectionState,
      maintenance: h.inMaintenanceMode,
    })),
  );
}

export const typeOf = (el: XmlElement | undefined) => (el ? xsiType(el) : undefined);
/** The literal xsi:type attribute value (with its prefix), e.g. "xsd:string". */
export const rawType = (el: XmlElement | undefined) => el?.attrs.get(XSI_TYPE);

/** A raw HTTP request with node:http (for cases fetch cannot express, like a body too large to finish sending). */
export function rawHttp(
  url: string,
  opts: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? "POST", headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

export async function loggedIn(url: string, user?: string, password?: string): Promise<Client> {
  const c = new Client(url);
  const reply = await c.login(user, password);
  if (reply.fault) throw new Error(`login failed: ${reply.fault}`);
  return c;
}
