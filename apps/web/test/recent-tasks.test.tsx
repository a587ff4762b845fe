import {
  rolloutHostStatusSchema,
  rolloutSchema,
  type Rollout,
  type RolloutEvent,
  type RolloutHostStatus,
  type Step,
  type VimCall,
  type VmkernelAdapterInfo,
} from "@addnet/contracts";
import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { ADMIN, problem } from "./fixtures.ts";
import { json } from "./mock-api.ts";
import { defaultApi, renderApp } from "./render.tsx";

/** The browser's EventSource as the panel uses it: the test sends the API's events through it. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  onmessage: ((message: MessageEvent<string>) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  close() {
    this.closed = true;
  }
  send(event: RolloutEvent) {
    act(() => this.onmessage?.(new MessageEvent("message", { data: JSON.stringify(event) })));
  }
}

/** The stream the panel has open: the last one opened, which must not be closed. */
async function stream(): Promise<FakeEventSource> {
  await waitFor(() => expect(FakeEventSource.opened.at(-1)?.closed).toBe(false));
  return FakeEventSource.opened.at(-1)!;
}

const ROLLOUT_ID = "r-1";

/** The create's plan on one host: a new standard switch, its port group, the adapter on the vMotion stack. */
function steps(host: string, status: (i: number) => Step["status"]): Step[] {
  const calls: VimCall[] = [
    {
      method: "AddVirtualSwitch",
      object: `networkSystem-${host}`,
      code: "step.addVirtualSwitch",
      params: { vswitch: "vSwitch1", mtu: 9000, uplinks: "vmnic2" },
      summary: "Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2)",
    },
    {
      method: "AddPortGroup",
      object: `networkSystem-${host}`,
      code: "step.addPortGroup",
      params: { portgroup: "vMotion-PG", vlanId: 20, vswitch: "vSwitch1" },
      summary: 'Add port group "vMotion-PG" (VLAN 20) to vSwitch1',
    },
    {
      method: "AddVirtualNic",
      object: `networkSystem-${host}`,
      code: "step.addVirtualNic.standard",
      params: { portgroup: "vMotion-PG", stack: "vmotion", mtu: 9000 },
      summary: 'Add a VMkernel adapter on "vMotion-PG", vmotion TCP/IP stack, MTU 9000',
    },
  ];
  return calls.map((call, i) => ({ ...call, status: status(i) }));
}

const VMK1: VmkernelAdapterInfo = {
  device: "vmk1",
  networkLabel: "vMotion-PG",
  switchName: "vSwitch1",
  portgroup: "vMotion-PG",
  distributedPort: null,
  mac: "00:50:56:6a:00:11",
  mtu: 9000,
  ipv4: { dhcp: false, address: "10.20.0.11", subnetMask: "255.255.255.0" },
  ipv6: null,
  tcpipStack: "vmotion",
  gatewayOverride: null,
  services: [],
};

let clock = Date.parse("2026-11-20T10:00:00Z");
/** Each status the API sends is later than the one before. */
const later = () => new Date((clock += 1000)).toISOString();

function host(n: number, extra: Partial<RolloutHostStatus> = {}): RolloutHostStatus {
  return rolloutHostStatusSchema.parse({
    hostId: `host-${n}`,
    hostName: `esx-0${n}.lab.local`,
    state: "pending",
    attempt: 1,
    changeId: null,
    steps: steps(`host-${n}`, () => "not-run"),
    adapter: null,
    problem: null,
    updated: later(),
    ...extra,
  });
}

function rollout(extra: Partial<Rollout> = {}): Rollout {
  return rolloutSchema.parse({
    id: ROLLOUT_ID,
    user: "VSPHERE.LOCAL\\Administrator",
    created: "2026-11-20T10:00:00Z",
    updated: later(),
    state: "running",
    concurrency: 2,
    hosts: [host(1), host(2)],
    ...extra,
  });
}

/** The rows of the task: the rollout's, then a row per host, by their first cell's or target's text. */
function rowOf(text: string) {
  const cell = screen.getByRole("table", { name: "Recent Tasks" }).querySelectorAll("tr");
  const row = [...cell].find((r) => r.textContent?.includes(text));
  if (!row) throw new Error(`no row with ${text}`);
  return within(row);
}

/** The row once it shows `text`: the cache tells the panel of an event after the event's handler has run. */
async function rowShowing(target: string, text: string) {
  await waitFor(() => expect(rowOf(target).getByText(text)).toBeInTheDocument());
  return rowOf(target);
}

function signedIn() {
  const api = defaultApi();
  api.on("GET", "/api/v1/hosts", { items: [], total: 0, nextCursor: null });
  return api;
}

describe("the Recent Tasks panel", () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal("EventSource", FakeEventSource);
  });

  it("opens the API's event stream once signed in, and shows each host's step as it happens", async () => {
    signedIn();
    renderApp("/");
    const events = await stream();
    expect(events.url).toBe("/api/v1/rollouts/events");
    expect(FakeEventSource.opened).toHaveLength(1);
    expect(screen.getByText("No recent tasks.")).toBeInTheDocument();

    events.send({ type: "rollout", rollout: rollout() });
    const table = await screen.findByRole("table", { name: "Recent Tasks" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Task Name", "Target", "Status", "Details", "Initiator", "Start Time", "Completion Time", "Actions"]);
    const task = rowOf("Add Networking — 2 hosts");
    expect(task.getByText("Running")).toBeInTheDocument();
    expect(task.getByText("0 of 2 hosts finished")).toBeInTheDocument();
    expect(task.getByText("VSPHERE.LOCAL\\Administrator")).toBeInTheDocument();
    expect(rowOf("esx-01.lab.local").getByText("Queued")).toBeInTheDocument();

    // esx-01 starts: its first step is in flight, then its second.
    events.send({ type: "host", rolloutId: ROLLOUT_ID, host: host(1, { state: "running" }) });
    expect(
      (await rowShowing("esx-01.lab.local", "Running")).getByText("Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2)"),
    ).toBeInTheDocument();
    events.send({
      type: "host",
      rolloutId: ROLLOUT_ID,
      host: host(1, { state: "running", steps: steps("host-1", (i) => (i === 0 ? "done" : "not-run")) }),
    });
    const esx01 = await rowShowing("esx-01.lab.local", 'Add port group "vMotion-PG" (VLAN 20) to vSwitch1');
    expect(esx01.getByRole("progressbar", { name: "1 of 3 steps done" })).toHaveAttribute("value", "1");
    // The other host is untouched by esx-01's event.
    expect(rowOf("esx-02.lab.local").getByText("Queued")).toBeInTheDocument();

    // It succeeds: the adapter it made, and the time it completed.
    events.send({
      type: "host",
      rolloutId: ROLLOUT_ID,
      host: host(1, { state: "success", steps: steps("host-1", () => "done"), adapter: VMK1, changeId: 41 }),
    });
    const done = await rowShowing("esx-01.lab.local", "Completed");
    expect(done.getByText("VMkernel adapter vmk1 was added to esx-01.lab.local.")).toBeInTheDocument();
    expect(done.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(done.getByRole("time")).toBeInTheDocument();
    expect(rowOf("Add Networking — 2 hosts").getByText("1 of 2 hosts finished")).toBeInTheDocument();
  });

  it("keeps the rollout in the cache that GET /rollouts/{id} reads, and reads a rollout it hears of first by a host", async () => {
    const api = signedIn();
    const known = rollout({ hosts: [host(1, { state: "running" }), host(2)] });
    api.on("GET", `/api/v1/rollouts/${ROLLOUT_ID}`, known);
    renderApp("/");
    const events = await stream();
    // A host's event for a rollout the panel has not heard of: the rollout is read, then the event is applied over it.
    events.send({
      type: "host",
      rolloutId: ROLLOUT_ID,
      host: host(2, { state: "running", steps: steps("host-2", (i) => (i < 2 ? "done" : "not-run")) }),
    });
    expect(await screen.findByText('Add a VMkernel adapter on "vMotion-PG", vMotion TCP/IP stack, MTU 9000')).toBeInTheDocument();
    expect(rowOf("esx-01.lab.local").getByText("Add standard switch vSwitch1 (MTU 9000, uplinks vmnic2)")).toBeInTheDocument();
    expect(api.callsTo("GET", `/api/v1/rollouts/${ROLLOUT_ID}`)).toHaveLength(1);
  });

  it("says a failed host's problem in the catalogue's words, and announces the rollout's end politely", async () => {
    signedIn();
    renderApp("/");
    const events = await stream();
    events.send({ type: "rollout", rollout: rollout({ hosts: [host(1, { state: "running" }), host(2, { state: "running" })] }) });
    await screen.findByRole("table", { name: "Recent Tasks" });
    const live = document.querySelector("[aria-live=polite]")!;
    // Hosts' steps are not announced: a rollout to many hosts would flood a screen reader.
    expect(live.textContent).toBe("");

    const failed = host(2, {
      state: "failure",
      steps: steps("host-2", (i) => (i === 0 ? "undone" : i === 1 ? "failed" : "not-run")),
      problem: problem(422, "HOST_CONFIG_FAULT", {
        outcome: [
          { code: "outcome.stepFailed", params: { step: 2, steps: 3, method: "AddPortGroup" } },
          { code: "fault.AlreadyExists", params: { name: "vMotion-PG" } },
          { code: "outcome.earlierUndone", params: { host: "esx-02.lab.local" } },
        ],
      }),
    });
    events.send({ type: "host", rolloutId: ROLLOUT_ID, host: failed });
    const esx02 = await rowShowing("esx-02.lab.local", "Failed");
    expect(
      esx02.getByText(
        "Step 2 of 3 (AddPortGroup) failed: The specified key, name, or identifier 'vMotion-PG' already exists. The earlier steps were undone: esx-02.lab.local is as it was.",
      ),
    ).toBeInTheDocument();
    expect(live.textContent).toBe("");

    const succeeded = host(1, { state: "success", steps: steps("host-1", () => "done"), adapter: VMK1 });
    events.send({ type: "host", rolloutId: ROLLOUT_ID, host: succeeded });
    events.send({ type: "rollout", rollout: rollout({ state: "done", hosts: [succeeded, failed] }) });
    await rowShowing("Add Networking — 2 hosts", "Completed");
    expect(live).toHaveTextContent("Add Networking — 2 hosts completed: 1 of 2 hosts succeeded.");
  });

  it("enables Pause, Resume, Cancel and Retry failed hosts by the rollout's state", async () => {
    signedIn();
    renderApp("/");
    const events = await stream();
    const enabled = () =>
      within(screen.getByRole("group", { name: "Add Networking — 2 hosts" }))
        .getAllByRole("button")
        .filter((b) => !(b as HTMLButtonElement).disabled)
        .map((b) => b.textContent);

    events.send({ type: "rollout", rollout: rollout({ state: "running" }) });
    await waitFor(() => expect(enabled()).toEqual(["Pause", "Cancel"]));
    events.send({ type: "rollout", rollout: rollout({ state: "paused" }) });
    await waitFor(() => expect(enabled()).toEqual(["Resume", "Cancel"]));
    events.send({
      type: "rollout",
      rollout: rollout({ state: "done", hosts: [host(1, { state: "success", adapter: VMK1 }), host(2, { state: "success" })] }),
    });
    await waitFor(() => expect(enabled()).toEqual([]));
    events.send({
      type: "rollout",
      rollout: rollout({ state: "done", hosts: [host(1, { state: "success", adapter: VMK1 }), host(2, { state: "failure" })] }),
    });
    await waitFor(() => expect(enabled()).toEqual(["Retry failed hosts"]));
  });

  it("posts Retry failed hosts to the rollout's URL with the CSRF token, then shows the rollout as the API has it", async () => {
    const api = signedIn();
    // The rollout as the API has it once retried: written after the events the panel has.
    const retried = () =>
      json(
        200,
        rollout({ state: "running", hosts: [host(1, { state: "success", adapter: VMK1 }), host(2, { state: "pending", attempt: 2 })] }),
      );
    api.on("POST", `/api/v1/rollouts/${ROLLOUT_ID}/retry`, () => json(202, {}));
    api.on("GET", `/api/v1/rollouts/${ROLLOUT_ID}`, retried);
    const { user } = renderApp("/");
    const events = await stream();
    events.send({
      type: "rollout",
      rollout: rollout({ state: "done", hosts: [host(1, { state: "success", adapter: VMK1 }), host(2, { state: "failure" })] }),
    });
    await user.click(await screen.findByRole("button", { name: "Retry failed hosts" }));

    await waitFor(() => expect(api.callsTo("POST", `/api/v1/rollouts/${ROLLOUT_ID}/retry`)).toHaveLength(1));
    const [retry] = api.callsTo("POST", `/api/v1/rollouts/${ROLLOUT_ID}/retry`);
    expect(retry!.headers["x-csrf-token"]).toBe(ADMIN.csrfToken);
    expect(await screen.findByText("Add Networking (attempt 2)")).toBeInTheDocument();
    expect(rowOf("Add Networking (attempt 2)").getByText("Queued")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Pause" })).toBeEnabled();
  });

  it("keeps a host's end over a status written before it in the same millisecond that reaches the panel after it", async () => {
    const api = signedIn();
    const at = later();
    const running = host(2, { state: "running", attempt: 2, steps: steps("host-2", () => "done"), updated: at });
    // GET /rollouts/{id} read the host between its last step and its end, both written at `at`.
    api.on("GET", `/api/v1/rollouts/${ROLLOUT_ID}`, rollout({ hosts: [host(1, { state: "success", adapter: VMK1 }), running] }));
    renderApp("/");
    const events = await stream();
    events.send({ type: "host", rolloutId: ROLLOUT_ID, host: { ...running, state: "success", adapter: VMK1 } });
    await waitFor(() => expect(api.callsTo("GET", `/api/v1/rollouts/${ROLLOUT_ID}`)).toHaveLength(1));
    await rowShowing("Add Networking (attempt 2)", "Completed");
    events.send({ type: "host", rolloutId: ROLLOUT_ID, host: running });
    // The panel has taken in both events once it shows the second (the cache tells it of each in turn).
    events.send({ type: "host", rolloutId: ROLLOUT_ID, host: host(1, { state: "failure" }) });
    await rowShowing("esx-01.lab.local", "Failed");
    expect(rowOf("Add Networking (attempt 2)").getByText("Completed")).toBeInTheDocument();
  });

  it("keeps the events that come while the read after Retry is answered", async () => {
    const api = signedIn();
    let answer!: (r: Response) => void;
    const stale = rollout({
      hosts: [
        host(1, { state: "success", adapter: VMK1 }),
        host(2, { state: "running", attempt: 2, steps: steps("host-2", (i) => (i === 0 ? "done" : "not-run")) }),
      ],
    });
    api.on("POST", `/api/v1/rollouts/${ROLLOUT_ID}/retry`, () => json(200, {}));
    api.on("GET", `/api/v1/rollouts/${ROLLOUT_ID}`, () => new Promise<Response>((resolve) => (answer = resolve)));
    const { user } = renderApp("/");
    const events = await stream();
    events.send({
      type: "rollout",
      rollout: rollout({ state: "done", hosts: [host(1, { state: "success", adapter: VMK1 }), host(2, { state: "failure" })] }),
    });
    await user.click(await screen.findByRole("button", { name: "Retry failed hosts" }));
    await waitFor(() => expect(api.callsTo("GET", `/api/v1/rollouts/${ROLLOUT_ID}`)).toHaveLength(1));
    // The host runs and ends before the read's answer, written before it ended, comes.
    events.send({
      type: "host",
      rolloutId: ROLLOUT_ID,
      host: host(2, { state: "success", attempt: 2, adapter: VMK1, steps: steps("host-2", () => "done") }),
    });
    await rowShowing("Add Networking (attempt 2)", "Completed");
    answer(json(200, stale));
    events.send({ type: "host", rolloutId: ROLLOUT_ID, host: host(1, { state: "failure" }) });
    await rowShowing("esx-01.lab.local", "Failed");
    expect(rowOf("Add Networking (attempt 2)").getByText("Completed")).toBeInTheDocument();
  });

  it("says why an action was refused", async () => {
    const api = signedIn();
    api.on("POST", `/api/v1/rollouts/${ROLLOUT_ID}/pause`, () => json(404, problem(404, "NOT_FOUND"), "application/problem+json"));
    const { user } = renderApp("/");
    const events = await stream();
    events.send({ type: "rollout", rollout: rollout() });
    await user.click(await screen.findByRole("button", { name: "Pause" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The object no longer exists in vCenter Server.");
  });

  it("speaks Japanese with the vSphere Client's words", async () => {
    signedIn();
    renderApp("/", { language: "ja" });
    const events = await stream();
    events.send({ type: "rollout", rollout: rollout({ hosts: [host(1, { state: "running" }), host(2)] }) });
    expect(await screen.findByRole("heading", { name: "最近のタスク" })).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "最近のタスク" });
    expect(within(table).getByRole("columnheader", { name: "イニシエータ" })).toBeInTheDocument();
    expect(within(table).getByText("ネットワークの追加 — 2 台のホスト")).toBeInTheDocument();
    expect(within(table).getByText("標準スイッチ vSwitch1 を追加 (MTU 9000、アップリンク vmnic2)")).toBeInTheDocument();
  });

  it("collapses, and closes the stream on sign-out", async () => {
    const api = signedIn();
    const { user, router } = renderApp("/");
    const events = await stream();
    const toggle = screen.getByRole("button", { name: "Recent Tasks" });
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByText("No recent tasks.")).not.toBeVisible();

    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/login"));
    expect(api.callsTo("DELETE", "/api/v1/session")).toHaveLength(1);
    expect(events.closed).toBe(true);
    expect(FakeEventSource.opened.every((s) => s.closed)).toBe(true);
  });
});
