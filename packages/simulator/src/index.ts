export { startSimulator, MAX_BODY_BYTES, type RunningSimulator, type StartOptions } from "./server.ts";
export { Simulator, type FaultRule, type SimulatorOptions } from "./simulator.ts";
export { USERS } from "./roles.ts";
