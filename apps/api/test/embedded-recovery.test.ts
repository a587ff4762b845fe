/**
 * The embedded default (one API process, sessions in memory, the journal in a SQLite file) killed with SIGKILL in the
 * middle of a create: the sessions died with it, so the restarted API cannot finish the change on its own; the user's
 * next sign-in does, in their new session, and the journal records the outcome.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

import type { Problem } from "@addnet/contracts";
import { startSimulator, type RunningSimulator } from "@addnet/simulator";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { HttpBrowser } from "../../../test/support/http-browser.ts";
import { collect, freePort, started, stopChild } from "../../../test/support/services.ts";
import { ensureBuilt } from "../../../test/support/topology.ts";
import { openDatabase, type Schema } from "../src/journal/database.ts";
import { ADMIN } from "./helpers.ts";
import { onVSwitch0 } from "./route-suites/support.ts";

const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
let sim: RunningSimulator;
let api: ChildProcess | undefined;
let db: Kysely<Schema>;
const journalFile = join(mkdtempSync(join(tmpdir(), "addnet-embedded-")), "journal.sqlite");
let port: number;

async function startApi(): Promise<string> {
  api = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      VCENTER_URL: sim.sdkUrl,
      DATABASE_URL: journalFile,
      PORT: String(port),
      JOURNAL_LEASE_MS: "1000",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(api);
  await started("the API", api, output, () => output().includes("addnet: http"));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  ensureBuilt();
  sim = await startSimulator({ port: 0 });
  port = await freePort();
  db = await openDatabase(journalFile);
}, 120_000);

afterAll(async () => {
  if (api) await stopChild(api);
  await db?.destroy();
  await sim?.close();
});

describe("the embedded API killed with SIGKILL mid-create", () => {
  it("leaves the change open until the user signs in again, then settles it exactly", async () => {
    const url = await startApi();
    const browser = new HttpBrowser(url);
    expect((await browser.login(ADMIN)).status).toBe(200);
    const hostId = [...sim.sim.allObjects()].find(
      (o) => o.type === "HostSystem" && (o as unknown as { name: string }).name === "esx-01.lab.local",
    )!.ref.value;
    const host = () => JSON.stringify((sim.sim.findObject(hostId) as unknown as { net: unknown }).net);
    const before = host();
    sim.controls.latencyMs = 300;
    const model = onVSwitch0("Embedded", "172.16.93.11", { services: ["vmotion"] });
    const inFlight = browser
      .request("POST", `/api/v1/hosts/${hostId}/vmkernel-adapters`, model, { "idempotency-key": "embedded-kill" })
      .catch(() => undefined);
    let id: number | undefined;
    for (const until = Date.now() + 20_000; Date.now() < until && !id; await sleep(30)) {
      const row = await db.selectFrom("journal").select(["id", "progress"]).where("outcome", "=", "running").executeTakeFirst();
      if (row?.progress?.includes('"done"')) id = row.id;
    }
    expect(id, "the change never got under way").toBeDefined();
    await stopChild(api!, "SIGKILL");
    await inFlight;
    sim.controls.latencyMs = 0;

    // Restarted: the lease lapses and recovery finds the change, but no session to finish it in.
    const again = await startApi();
    await sleep(2500);
    expect(await db.selectFrom("journal").select("outcome").where("id", "=", id!).executeTakeFirstOrThrow()).toEqual({
      outcome: "running",
    });
    const open = await new HttpBrowser(again).request("GET", "/api/v1/audit");
    expect(open.status).toBe(401); // the old session died with the process

    // The user signs in again: their change is settled in the new session.
    const user = new HttpBrowser(again);
    expect((await user.login(ADMIN)).status).toBe(200);
    let row;
    for (const until = Date.now() + 20_000; Date.now() < until; await sleep(100)) {
      row = await db.selectFrom("journal").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
      if (row.outcome !== "running") break;
    }
    expect(row!.outcome).not.toBe("running");
    const reply = JSON.parse(row!.reply!) as { status: number; body: Problem };
    if (row!.outcome === "failure") {
      expect(reply.body.code).toBe("INTERRUPTED");
      expect(host()).toBe(before);
    } else {
      expect(row!.outcome).toBe("success");
      expect(host()).toContain("172.16.93.11");
    }
    // And the retry with the key gets that outcome.
    const retry = await user.request("POST", `/api/v1/hosts/${hostId}/vmkernel-adapters`, model, { "idempotency-key": "embedded-kill" });
    expect(retry.status).toBe(reply.status);
    expect(await retry.json()).toEqual(reply.body);

    // A change on the disconnected esx-04 whose process stopped before its plan was written: nothing was sent, and
    // recovery says so without reading a host that cannot be read (it was left open, answering 409, for ever).
    const esx04 = [...sim.sim.allObjects()].find(
      (o) => o.type === "HostSystem" && (o as unknown as { name: string }).name === "esx-04.lab.local",
    )!.ref.value;
    const like = await db.selectFrom("journal").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
    const { id: unsent } = await db
      .insertInto("journal")
      .values({
        ...like,
        id: undefined,
        host_id: esx04,
        host_name: null,
        outcome: "running",
        idempotency_key: "unsent-on-a-disconnected-host",
        plan: null,
        before_state: null,
        progress: null,
        reply: null,
        lease_owner: "a replica that stopped",
        lease_until: new Date(Date.now() - 1000).toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await new HttpBrowser(again).login(ADMIN)).status).toBe(200);
    let settled;
    for (const until = Date.now() + 10_000; Date.now() < until; await sleep(100)) {
      settled = await db.selectFrom("journal").selectAll().where("id", "=", unsent).executeTakeFirstOrThrow();
      if (settled.outcome !== "running") break;
    }
    expect(settled!.outcome).toBe("failure");
    const told = JSON.parse(settled!.reply!) as { status: number; body: Problem };
    expect(told.body.code).toBe("INTERRUPTED");
    expect(told.body.outcome).toEqual([{ code: "outcome.stoppedBeforeSending", params: { host: esx04 } }]);
  }, 90_000);
});
