import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

import { TRANSPORT_FAULTS, type FaultRule, type Simulator } from "./simulator.ts";
import { vim25 } from "@addnet/vim25";

/** Settings the control endpoint changes at run time. */
export interface Controls {
  latencyMs: number;
}

export interface ControlReply {
  status: number;
  body?: unknown;
}

/** Checks and completes a fault rule given by a flag or the control endpoint; returns an error text or the rule. */
export function parseFaultRule(input: Partial<FaultRule>): FaultRule | string {
  const { method, fault, mode = "once", after = 0, objectId } = input;
  if (typeof method !== "string" || !vim25.method(method))
    return `method must be a vim25 method the simulator serves, not '${String(method)}'`;
  if (typeof fault !== "string" || !(TRANSPORT_FAULTS.has(fault) || (vim25.dataType(fault) && vim25.isSubtype(fault, "MethodFault")))) {
    return `fault must be a vim25 fault type or one of ${[...TRANSPORT_FAULTS].join(", ")}, not '${String(fault)}'`;
  }
  if (mode !== "once" && mode !== "always") return "mode must be once or always";
  if (!Number.isInteger(after) || after < 0) return "after must be a whole number of calls";
  if (objectId !== undefined && typeof objectId !== "string") return "objectId must be a string";
  return { method, fault, mode, after, objectId };
}

/** "Method:Fault[:once|always]", the --fault flag's form. */
export function parseFaultFlag(flag: string): FaultRule | string {
  const [method, fault, mode] = flag.split(":");
  return parseFaultRule({ method, fault, mode: (mode ?? "always") as FaultRule["mode"] });
}

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  const given = Buffer.from(req.headers.authorization?.replace(/^Bearer /, "") ?? "");
  const expected = Buffer.from(token ?? "");
  return expected.length > 0 && given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The control endpoint, outside /sdk, for tests and trainers: reset, fault injection, latency and
 * session expiry. It answers only to `Authorization: Bearer <control token>`.
 */
export function handleControl(
  sim: Simulator,
  controls: Controls,
  token: string | undefined,
  req: IncomingMessage,
  path: string,
  body: unknown,
): ControlReply {
  if (!token)
    return {
      status: 403,
      body: { error: "The control endpoint is off: start the simulator with --control-token or ADDNET_SIM_CONTROL_TOKEN" },
    };
  if (!authorized(req, token)) return { status: 401, body: { error: "A valid control token is required" } };
  const route = `${req.method} ${path}`;
  switch (route) {
    case "GET /sim/state":
      return {
        status: 200,
        body: {
          hosts: [...sim.allObjects()].filter((o) => o.type === "HostSystem").length,
          sessions: sim.sessions.size,
          latencyMs: controls.latencyMs,
          faults: sim.faultRules,
        },
      };
    case "POST /sim/reset":
      sim.reset();
      sim.faultRules = [];
      return { status: 200, body: { reset: true } };
    case "GET /sim/faults":
      return { status: 200, body: sim.faultRules };
    case "POST /sim/faults": {
      const rule = parseFaultRule((body ?? {}) as Partial<FaultRule>);
      if (typeof rule === "string") return { status: 400, body: { error: rule } };
      sim.faultRules.push(rule);
      return { status: 201, body: rule };
    }
    case "DELETE /sim/faults":
      sim.faultRules = [];
      return { status: 200, body: [] };
    case "PUT /sim/latency": {
      const ms = (body as { ms?: unknown } | undefined)?.ms;
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 60_000)
        return { status: 400, body: { error: "ms must be a number from 0 to 60000" } };
      controls.latencyMs = ms;
      return { status: 200, body: { latencyMs: ms } };
    }
    case "POST /sim/sessions/expire":
      return { status: 200, body: { expired: sim.expireSessions() } };
  }
  return { status: 404, body: { error: `No control route ${route}` } };
}
