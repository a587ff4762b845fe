/** Shared by the suites: the repo's simulator in-process, logins, host lookup and fault injection. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { startSimulator, type RunningSimulator } from "../../simulator/src/index.ts";
import type { HostSystem as SimHost } from "../../simulator/src/host-system.ts";
import { connectVCenter, propertiesOf, type HostConfigManager, type MoRef, type VCenter, type VimClientOptions } from "../src/index.ts";

export const ADMIN = { user: "administrator@vsphere.local", password: "VMware1!" };
export const HELPDESK = { user: "helpdesk@vsphere.local", password: "Helpdesk1!" };
export const READONLY = { user: "readonly@vsphere.local", password: "ReadOnly1!" };
export const CONTROL_TOKEN = "t";

export async function simulator(options: { tls?: boolean } = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, controlToken: CONTROL_TOKEN, ...options });
}

export async function connect(running: RunningSimulator, options: Partial<VimClientOptions> = {}): Promise<VCenter> {
  return connectVCenter({ url: running.sdkUrl, ...options });
}

/** Injects a fault (a vim25 fault type, or Timeout / DroppedConnection / MalformedResponse) into a method. */
export async function injectFault(
  running: RunningSimulator,
  method: string,
  fault: string,
  mode: "once" | "always" = "once",
): Promise<void> {
  const res = await fetch(`${running.baseUrl}/sim/faults`, {
    method: "POST",
    headers: { Authorization: `Bearer ${CONTROL_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ method, fault, mode }),
  });
  if (res.status !== 201) throw new Error(`fault injection failed: ${res.status} ${await res.text()}`);
}

export interface Host {
  ref: MoRef;
  name: string;
  networkSystem: MoRef;
  virtualNicManager: MoRef;
  vsanSystem: MoRef;
}

/** Every host by name, read through a container view. */
export async function hosts(vc: VCenter, cookie: string): Promise<Map<string, Host>> {
  const view = await vc.createContainerView(cookie, vc.content.rootFolder, ["HostSystem"]);
  try {
    const objects = await vc.retrieve(cookie, [
      {
        propSet: [{ type: "HostSystem", pathSet: ["name", "configManager"] }],
        objectSet: [{ obj: view, skip: true, selectSet: [{ _type: "TraversalSpec", type: "ContainerView", path: "view" }] }],
      },
    ]);
    return new Map(
      objects.map((oc) => {
        const props = propertiesOf(oc);
        const cm = props.configManager as HostConfigManager;
        const name = props.name as string;
        return [
          name,
          { ref: oc.obj, name, networkSystem: cm.networkSystem!, virtualNicManager: cm.virtualNicManager!, vsanSystem: cm.vsanSystem! },
        ];
      }),
    );
  } finally {
    await vc.destroyView(cookie, view);
  }
}

/** The simulator's own HostSystem, to check a change in-process. */
export function simHost(running: RunningSimulator, host: Host): SimHost {
  return running.sim.findObject(host.ref.value) as SimHost;
}

/** A plain HTTP server for replies the simulator cannot give (non-XML, HTML errors, canned task states). */
export async function stubServer(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sdk`, server };
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
