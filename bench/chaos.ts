/**
 * `pnpm chaos [--users N] [--fault-rate R] [--replicas N] [--kill-after-ms MS] [--seed S] [--report FILE]`: many users
 * creating at once through nginx and the API replicas, vim25 calls failing at the fault proxy, optionally a replica killed
 * with SIGKILL; prints what was attempted, reported, on the hosts and journaled, and the differences (goal: none), writes
 * them into bench/REPORT.md (or FILE), and exits 1 if any.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { runChaos } from "../apps/api/test/chaos-harness.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "50" },
    "fault-rate": { type: "string", default: "0.1" },
    replicas: { type: "string", default: "3" },
    "kill-after-ms": { type: "string" },
    seed: { type: "string", default: "1" },
    report: { type: "string", default: fileURLToPath(new URL("REPORT.md", import.meta.url)) },
  },
});
const options = {
  users: Number(values.users),
  faultRate: Number(values["fault-rate"]),
  replicas: Number(values.replicas),
  killAfterMs: values["kill-after-ms"] === undefined ? undefined : Number(values["kill-after-ms"]),
  seed: Number(values.seed),
};
const r = await runChaos(options, (line) => console.log(line));
const command = `pnpm chaos --users ${options.users} --fault-rate ${options.faultRate} --replicas ${options.replicas}${
  options.killAfterMs === undefined ? "" : ` --kill-after-ms ${options.killAfterMs}`
} --seed ${options.seed}`;
const rows: [string, string | number][] = [
  ["creates attempted", r.attempted],
  ["reported created (or told it remains)", r.reportedCreated],
  ["reported failed (the host as it was, or what remains named)", r.reportedFailed],
  ["no final answer", r.unanswered],
  ["adapters on the hosts", r.onHosts],
  ["journaled as made (an adapter created, or one not undone)", r.journaledCreated],
  ["differences: hosts vs replies", r.differences.length],
  ["unjournaled changes", r.unjournaled.length],
  ["duplicate adapters or addresses", r.duplicates.length],
  ["journal entries still running", r.stillRunning],
  ["vim25 faults injected", r.faultsInjected],
  ["replica killed with SIGKILL", r.killed ? "yes" : "no"],
  ["run time", `${r.seconds.toFixed(1)} s`],
];
const section = [
  "## Chaos: creates under vim25 faults and a killed replica",
  "",
  `\`${command}\` on ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}:`,
  `nginx in front of ${options.replicas} API replicas (Redis, PostgreSQL), the simulator behind the fault proxy. Goal: every difference 0.`,
  "",
  "| | |",
  "|---|---|",
  ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  "",
  ...[...r.differences, ...r.unjournaled, ...r.duplicates].map((d) => `- ${d}`),
].join("\n");
console.log(section);
const report = existsSync(values.report) ? readFileSync(values.report, "utf8") : "";
const start = report.indexOf("## Chaos:");
const end = start < 0 ? -1 : report.indexOf("\n## ", start + 1);
const updated =
  start < 0 ? `${report.trimEnd()}\n\n${section}\n` : `${report.slice(0, start)}${section}\n${end < 0 ? "" : report.slice(end)}`;
writeFileSync(values.report, updated);
process.exit(r.differences.length + r.unjournaled.length + r.duplicates.length + r.stillRunning + r.unanswered ? 1 : 0);
