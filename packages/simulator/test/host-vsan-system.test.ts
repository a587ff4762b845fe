/** HostVsanSystem.UpdateVsan_Task: the vSAN service on a vmk (R21), as a Task polled through the PropertyCollector. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { Task } from "../src/task.ts";
import { child, text } from "./client.ts";
import { expectOk, Harness, staticIp } from "./host-net-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const tasks = () => [...h.running.sim.allObjects()].filter((o): o is Task => o.type === "Task");

/** UpdateVsan_Task, then waits for the Task; returns its final state. */
async function updateVsan(host: string, devices: Parameters<Harness["updateVsan"]>[1]): Promise<string> {
  const reply = expectOk(await h.updateVsan(host, devices));
  const ret = child(reply.body, "returnval")!;
  expect(ret.attrs.get("type")).toBe("Task");
  const { state } = await h.waitForTask(ret.text);
  return state;
}

describe("UpdateVsan_Task", () => {
  it("returns a Task that completes, after which vsan is selected for the vmk", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-vSAN", { ip: staticIp("192.168.50.11"), mtu: 9000 });
    let rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, "vsan")).toEqual([]);
    expect(rb.vsan.enabled).toBe(false);

    const reply = expectOk(await h.updateVsan("esx-01", [vmk]));
    const task = child(reply.body, "returnval")!;
    expect(task.attrs.get("type")).toBe("Task");
    expect(task.text).toMatch(/^task-\d+$/);

    const { state, info } = await h.waitForTask(task.text);
    expect(state).toBe("success");
    expect(text(info, "entity")).toBe(h.host("esx-01").ref.value);
    expect(text(info, "descriptionId")).toBe("host.VsanSystem.update");
    expect(text(info, "completeTime")).toBeTruthy();
    expect(child(info, "error")).toBeUndefined();

    expect([...h.host("esx-01").vsanPorts]).toEqual([[vmk, ["vsan"]]]);
    rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, "vsan")).toEqual([vmk]);
    expect(rb.vsan.enabled).toBe(true);
    expect(rb.vsan.networkInfo?.port?.map((p) => p.device)).toEqual([vmk]);
    // Only vsan was added; vmk0 keeps management and nothing else moved.
    expect(Harness.selected(rb, "management")).toEqual(["vmk0"]);
    expect(Harness.selected(rb, "vsanWitness")).toEqual([]);
  });

  it("sets the whole port list: add a second vmk, then remove them all", async () => {
    const a = await h.addVmk("esx-01", "VMK-vSAN-A", { ip: staticIp("192.168.50.11") });
    const b = await h.addVmk("esx-01", "VMK-vSAN-B", { ip: staticIp("192.168.51.11") });
    expect(await updateVsan("esx-01", [a])).toBe("success");
    expect(await updateVsan("esx-01", [a, b])).toBe("success");
    expect(Harness.selected(await h.expectConsistent("esx-01"), "vsan")).toEqual([a, b]);
    expect(await updateVsan("esx-01", [])).toBe("success");
    const rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, "vsan")).toEqual([]);
    expect(rb.vsan.enabled).toBe(false);
  });

  it("leaves the ports alone when the config has no networkInfo", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-vSAN", { ip: staticIp("192.168.50.11") });
    expect(await updateVsan("esx-01", [vmk])).toBe("success");
    const reply = expectOk(await h.updateVsan("esx-01", undefined));
    expect((await h.waitForTask(text(reply.body, "returnval")!)).state).toBe("success");
    expect(Harness.selected(await h.expectConsistent("esx-01"), "vsan")).toEqual([vmk]);
  });

  it("refuses a device that does not exist with InvalidArgument, without a task", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-vSAN", { ip: staticIp("192.168.50.11") });
    const before = tasks().length;
    await h.expectRefused("esx-01", "InvalidArgument", () => h.updateVsan("esx-01", ["vmk7"]));
    await h.expectRefused("esx-01", "InvalidArgument", () => h.updateVsan("esx-01", [vmk, "vmk7"]));
    expect(tasks().length).toBe(before);
    expect(h.host("esx-01").vsanPorts.size).toBe(0);
  });

  it("refuses a vmk of the vmotion stack with InvalidArgument (R4)", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-vMotion", { ip: staticIp("192.168.30.11"), stack: "vmotion" });
    await h.expectRefused("esx-01", "InvalidArgument", () => h.updateVsan("esx-01", [vmk]));
  });

  it("drops a removed vmk from the vSAN ports", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-vSAN", { ip: staticIp("192.168.50.11") });
    expect(await updateVsan("esx-01", [vmk])).toBe("success");
    expectOk(await h.removeVirtualNic("esx-01", vmk));
    const rb = await h.expectConsistent("esx-01");
    expect(rb.vsan.networkInfo?.port ?? []).toEqual([]);
    expect(Harness.selected(rb, "vsan")).toEqual([]);
  });

  it("tags a vmk for vSAN Witness traffic with VsanHostPortConfigEx, keeping the vSAN port beside it", async () => {
    const data = await h.addVmk("esx-01", "VMK-vSAN", { ip: staticIp("192.168.50.11") });
    const witness = await h.addVmk("esx-01", "VMK-Witness", { ip: staticIp("192.168.52.11") });
    expect(await updateVsan("esx-01", [data, { device: witness, trafficTypes: ["witness"] }])).toBe("success");
    const rb = await h.expectConsistent("esx-01");
    expect(Harness.selected(rb, "vsan")).toEqual([data]);
    expect(Harness.selected(rb, "vsanWitness")).toEqual([witness]);
    // The witness port reads back under its own type, with its traffic; the vSAN one as a plain port.
    expect(rb.vsan.networkInfo?.port).toEqual([
      { _type: "VsanHostConfigInfoNetworkInfoPortConfig", device: data },
      { _type: "VsanHostPortConfigEx", device: witness, trafficTypes: ["witness"] },
    ]);
  });

  it("refuses a traffic type vSAN does not have with InvalidArgument", async () => {
    const vmk = await h.addVmk("esx-01", "VMK-vSAN", { ip: staticIp("192.168.50.11") });
    await h.expectRefused("esx-01", "InvalidArgument", () => h.updateVsan("esx-01", [{ device: vmk, trafficTypes: ["vmotion"] }]));
  });

  it("answers HostNotConnected on the disconnected host esx-04", async () => {
    await h.expectRefused("esx-04", "HostNotConnected", () => h.updateVsan("esx-04", ["vmk0"]));
  });
});
