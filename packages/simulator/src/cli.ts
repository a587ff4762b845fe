#!/usr/bin/env -S npx tsx
import { parseArgs } from "node:util";

import { parseFaultFlag } from "./control.ts";
import { startSimulator } from "./server.ts";
import type { FaultRule } from "./simulator.ts";

const USAGE = `Usage: pnpm sim [options]
  --port N              port to listen on (default 8989; 0 picks a free port)
  --bind ADDRESS        address to listen on (default 127.0.0.1)
  --tls                 serve https with a self-signed certificate
  --hosts N             number of hosts (default 9; e.g. 2500 for scale work)
  --latency-ms N        delay every vim25 call by N milliseconds
  --session-timeout S   idle seconds before a session ends (default 1800)
  --fault M:F[:MODE]    method M answers with fault F, once or always (default always); repeatable
  --control-token T     enables the control endpoint /sim/* (or ADDNET_SIM_CONTROL_TOKEN)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function number(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) fail(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: "string" },
      bind: { type: "string" },
      tls: { type: "boolean" },
      hosts: { type: "string" },
      "latency-ms": { type: "string" },
      "session-timeout": { type: "string" },
      fault: { type: "string", multiple: true },
      "control-token": { type: "string" },
      help: { type: "boolean" },
    },
  }).values;
} catch (err) {
  fail((err as Error).message);
}
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
const faults: FaultRule[] = (parsed.fault ?? []).map((f) => {
  const rule = parseFaultFlag(f);
  return typeof rule === "string" ? fail(`--fault ${f}: ${rule}`) : rule;
});
const timeout = number("session-timeout", parsed["session-timeout"], 0.1, 86400);

const running = await startSimulator({
  port: number("port", parsed.port, 0, 65535),
  bind: parsed.bind,
  tls: parsed.tls,
  hosts: number("hosts", parsed.hosts, 1, 20000),
  latencyMs: number("latency-ms", parsed["latency-ms"], 0, 60000),
  sessionTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
  faults,
  controlToken: parsed["control-token"] ?? process.env.ADDNET_SIM_CONTROL_TOKEN,
});
if (running.thumbprint) console.log(`TLS_THUMBPRINT_SHA256=${running.thumbprint}`);
console.log(`SDK_URL=${running.sdkUrl}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
