/** Builds the API against a fresh simulator and drives it with app.inject, as a browser would (cookie + CSRF). */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";

import { vmotionOnNewSwitchExample, type HostNetworking, type SessionInfo, type VmkernelAdapterModel } from "@addnet/contracts";
import { startSimulator, type RunningSimulator, type StartOptions } from "@addnet/simulator";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";

import { startVimProxy, type VimProxy } from "../../../test/support/vim-proxy.ts";
import { buildApp } from "../src/app.ts";
import { loadConfig, type Config } from "../src/config.ts";

export const ADMIN = { username: "administrator@vsphere.local", password: "VMware1!" };
export const HELPDESK = { username: "helpdesk@vsphere.local", password: "Helpdesk1!" };
export const READONLY = { username: "readonly@vsphere.local", password: "ReadOnly1!" };

export interface TestApi {
  app: FastifyInstance;
  sim: RunningSimulator;
  config: Config;
  /** Every log line the API wrote. */
  logs: string[];
  /** The counting proxy the API reaches the simulator through, when asked for. */
  proxy?: VimProxy;
  close(): Promise<void>;
}

export async function startApi(
  simOptions: StartOptions = {},
  env: NodeJS.ProcessEnv = {},
  { counted = false }: { counted?: boolean } = {},
): Promise<TestApi> {
  const sim = await startSimulator({ port: 0, controlToken: "test-token", ...simOptions });
  const proxy = counted ? await startVimProxy(sim.sdkUrl) : undefined;
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig(
    { DATABASE_URL: join(mkdtempSync(join(tmpdir(), "addnet-journal-")), "journal.sqlite"), LOG_LEVEL: "info", ...env },
    { vcenterUrl: proxy?.url ?? sim.sdkUrl },
  );
  const app = await buildApp(config, { logStream });
  await app.ready();
  return {
    app,
    sim,
    config,
    logs,
    proxy,
    close: async () => {
      await app.close();
      await proxy?.close();
      await sim.close();
    },
  };
}

/** A signed-in browser: keeps the session cookie and sends the CSRF token on state changes. */
export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly app: FastifyInstance) {}

  async request(options: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && options.method !== "GET") headers["x-csrf-token"] = this.csrf;
    const res = await this.app.inject({ ...options, headers });
    const set = res.cookies.find((c) => c.name === "addnet_session");
    if (set) this.cookie = set.value ? `addnet_session=${set.value}` : undefined;
    return res;
  }

  async login(user = ADMIN): Promise<SessionInfo> {
    const res = await this.request({ method: "POST", url: "/api/v1/session", payload: user });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const info = res.json<SessionInfo>();
    this.csrf = info.csrfToken;
    return info;
  }

  get(url: string) {
    return this.request({ method: "GET", url });
  }

  post(url: string, payload: unknown, headers: Record<string, string> = {}) {
    return this.request({ method: "POST", url, payload: payload as object, headers });
  }

  delete(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: "DELETE", url, headers });
  }

  patch(url: string, payload: unknown, headers: Record<string, string> = {}) {
    return this.request({ method: "PATCH", url, payload: payload as object, headers });
  }

  async networking(hostId: string): Promise<HostNetworking> {
    const res = await this.get(`/api/v1/hosts/${hostId}/networking`);
    if (res.statusCode !== 200) throw new Error(`networking failed: ${res.statusCode} ${res.body}`);
    return res.json<HostNetworking>();
  }
}

/** The simulator's host id for a host name. */
export function hostId(api: TestApi, name: string): string {
  for (const o of api.sim.sim.allObjects())
    if (o.type === "HostSystem" && (o as unknown as { name: string }).name === name) return o.ref.value;
  throw new Error(`no host ${name}`);
}

export const vmotionOnNewSwitch: VmkernelAdapterModel = vmotionOnNewSwitchExample();
