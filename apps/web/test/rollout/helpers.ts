import { rolloutPreflightSchema, rolloutSchema, type Rollout, type RolloutHostPreflight, type RolloutRequest } from "@addnet/contracts";

import { defaultWizardValues, type WizardValues } from "../../src/features/add-networking/model/form-values.ts";
import { newRolloutStack, type RolloutDraft } from "../../src/features/add-networking/model/rollout-draft.ts";
import { hostSummary, hostsPage, networking } from "../fixtures.ts";
import { json, type MockApi } from "../mock-api.ts";
import { defaultApi } from "../render.tsx";

/** esx-01 … esx-04 of Cluster-Prod (host-12 … host-18), as the inventory lists them. */
export const HOSTS = [1, 2, 3, 4].map((i) => hostSummary(i));
export const RUN = "run-6f1c2b4e";
export const rolloutUrl = (page: string) => `/add-networking/${RUN}/${page}`;

/** The hosts' index in the fixtures from their id (host-12 is esx-01). */
const indexOf = (hostId: string) => (Number(hostId.replace("host-", "")) - 10) / 2;

/**
 * The API of a signed-in administrator: the four hosts and each one's networking; the preflight answers for each host of
 * the request, with `refuse` saying which to refuse and why.
 */
export function rolloutApi(refuse: (hostId: string) => Partial<RolloutHostPreflight> = () => ({})): MockApi {
  const api = defaultApi();
  api.on("GET", "/api/v1/hosts", hostsPage(HOSTS));
  api.on("GET", /^\/api\/v1\/hosts\/host-\d+\/networking$/, (call) => json(200, networking({ index: indexOf(call.path.split("/")[4]!) })));
  api.on("POST", "/api/v1/rollouts/preflight", (call) => {
    const request = call.body as RolloutRequest;
    return json(
      200,
      rolloutPreflightSchema.parse({
        hosts: request.hosts.map((h) => {
          const net = networking({ index: indexOf(h.hostId) });
          return {
            hostId: h.hostId,
            hostName: net.host.name,
            errors: [],
            warnings: [],
            calls: [],
            missingPrivilege: null,
            netStack: h.netStack
              ? { current: net.tcpipStacks.find((s) => s.key === h.model.portProperties.tcpipStack) ?? null, differs: [] }
              : null,
            ...refuse(h.hostId),
          };
        }),
      }),
    );
  });
  api.on("POST", "/api/v1/rollouts", (call) => json(202, startedRollout(call.body as RolloutRequest)));
  return api;
}

/** The rollout POST /rollouts answers with (202): every host of the request waiting. */
export function startedRollout(request: RolloutRequest): Rollout {
  return rolloutSchema.parse({
    id: "rollout-42",
    user: "administrator@vsphere.local",
    created: "2026-11-20T10:00:00Z",
    updated: "2026-11-20T10:00:00Z",
    state: "running",
    concurrency: request.concurrency ?? 8,
    hosts: request.hosts.map((h) => ({
      hostId: h.hostId,
      hostName: networking({ index: indexOf(h.hostId) }).host.name,
      state: "pending",
      attempt: 1,
      changeId: null,
      steps: [],
      adapter: null,
      problem: null,
      updated: "2026-11-20T10:00:00Z",
    })),
  });
}

type DeepPartialValues = { [K in keyof WizardValues]?: Partial<WizardValues[K]> };

/** A run as a previous visit left it in sessionStorage: the four hosts, these shared values, the pages left with Next. */
export function seedRollout(values: DeepPartialValues, visited: string[], more: Partial<RolloutDraft> = {}) {
  const base = defaultWizardValues();
  const merged = Object.fromEntries(
    Object.entries(base).map(([k, v]) => [k, { ...v, ...(values as Record<string, object>)[k] }]),
  ) as unknown as WizardValues;
  const draft: RolloutDraft = {
    version: 1,
    id: RUN,
    hosts: HOSTS.map(({ id, name, datacenter, cluster }) => ({ id, name, datacenter, cluster })),
    idempotencyKey: "7a2d3c4e-2d4a-4e8e-9a57-1b2c3d4e5f61",
    values: merged,
    visited,
    rows: {},
    stack: newRolloutStack(),
    concurrency: "",
    ...more,
  };
  sessionStorage.setItem(`addnet.rollout.${RUN}`, JSON.stringify(draft));
}

export function readRollout(): RolloutDraft | null {
  const raw = sessionStorage.getItem(`addnet.rollout.${RUN}`);
  return raw ? (JSON.parse(raw) as RolloutDraft) : null;
}

/** Static IPv4 on vSwitch0, the first host's address given: the shortest way to the per-host plan. */
export const STATIC_ON_VSWITCH0: DeepPartialValues = {
  targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
  ipv4: { mode: "static", address: "192.168.30.11", subnetMask: "255.255.255.0" },
};
export const SHARED_PAGES = ["connection-type", "target-device", "port-properties", "ipv4-settings"];
