/** Where the suite's servers listen (fixed, rarely used ports; override with E2E_PORT / E2E_SIM_PORT). */
export const API_PORT = Number(process.env.E2E_PORT ?? 18080);
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 18989);
export const CONTROL_TOKEN = process.env.E2E_SIM_CONTROL_TOKEN ?? "addnet-e2e-control-token";
export const BASE_URL = `http://127.0.0.1:${API_PORT}`;
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;

export const USERS = {
  administrator: { username: "administrator@vsphere.local", password: "VMware1!" },
  helpdesk: { username: "helpdesk@vsphere.local", password: "Helpdesk1!" },
  readonly: { username: "readonly@vsphere.local", password: "ReadOnly1!" },
} as const;
export type UserName = keyof typeof USERS;
