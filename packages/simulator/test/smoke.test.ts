import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../src/index.ts";
import { child, Client, ref, text, withSimulator } from "./client.ts";

let running: RunningSimulator;
beforeAll(async () => {
  running = await withSimulator();
});
afterAll(() => running.close());

describe("service instance", () => {
  it("answers RetrieveServiceContent anonymously and logs in", async () => {
    const c = new Client(running.sdkUrl);
    const sc = await c.call("RetrieveServiceContent", ref("ServiceInstance", "ServiceInstance"));
    expect(sc.status).toBe(200);
    expect(text(child(child(sc.body, "returnval"), "about"), "apiVersion")).toBe("8.0.3.0");
    const login = await c.login();
    expect(login.status).toBe(200);
    expect(c.cookie).toMatch(/^vmware_soap_session="[0-9a-f]+"$/);
    const names = await c.props("Folder", "group-d1", ["name", "childEntity"]);
    expect(names.get("name")?.text).toBe("Datacenters");
  });
});
