/** What the tests on docker-compose.yml's topology do through it: sign in, slow the simulator, read a host. */
import type { HostNetworking } from "@addnet/contracts";
import { expect } from "vitest";

import { HttpBrowser } from "../../../test/support/http-browser.ts";
import { SIM_CONTROL_TOKEN, type Topology } from "../../../test/support/topology.ts";
import { ADMIN } from "./helpers.ts";

export async function signedIn(base: string): Promise<HttpBrowser> {
  const b = new HttpBrowser(base);
  const res = await b.login(ADMIN);
  expect(res.status, await res.clone().text()).toBe(200);
  return b;
}

/** Every vim25 call the simulator answers waits this long (its control endpoint). */
export async function setLatency(t: Topology, ms: number): Promise<void> {
  const res = await fetch(`${t.simUrl}/sim/latency`, {
    method: "PUT",
    headers: { authorization: `Bearer ${SIM_CONTROL_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ ms }),
  });
  expect(res.status).toBe(200);
}

/** A host's adapters and port groups as the API reads them, past every fault. */
export async function hostNow(b: HttpBrowser, hostId: string): Promise<HostNetworking> {
  const res = await b.request("GET", `/api/v1/hosts/${hostId}/networking`);
  expect(res.status).toBe(200);
  return (await res.json()) as HostNetworking;
}
