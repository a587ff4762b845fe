export { startSimulator, MAX_BODY_BYTES, type RunningSimulator, type StartOptions } from "./server.ts";
export { Simulator, type FaultRule, type SimulatorOptions } from "./simulator.ts";
export { USERS } from "./roles.ts";
export { startFaultProxy, type FaultKind, type FaultProxy, type FaultProxyOptions } from "./fault-proxy.ts";
