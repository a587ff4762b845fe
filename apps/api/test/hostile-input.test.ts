/**
 * Hostile input (issue 5, item 2). Property-based: thousands of random and malformed bodies, query strings, path
 * parameters, headers and cookies sent to every endpoint get no answer of 500 or above, every 4xx is problem+json
 * naming the field (errors[].path) or, for what is not a field, a stable code; and no host changes (the whole
 * simulator compared before and after). Then, one by one: cross-site requests, session fixation, cookie flags,
 * oversized bodies, slow clients, servers outside the allow-list (no SSRF) and path traversal.
 */
import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

import {
  NIC_TYPES,
  netStackPatchSchema,
  vmkernelAdapterSchema,
  type Problem,
  type SessionInfo,
  type VmkernelAdapterModel,
} from "@addnet/contracts";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { droppedKeys } from "../src/plugins/strict-body.ts";
import { ADMIN, HELPDESK, hostId, READONLY, startApi, vmotionOnNewSwitch, type TestApi } from "./helpers.ts";
import { dvpgKey, resetSim, simHost, simState } from "./sim-state.ts";

/** Low enough that a slow-client case takes about a second; the listening server is only used by those cases. */
const CONNECTION_TIMEOUT_MS = 800;
const REQUEST_TIMEOUT_MS = 1500;

let api: TestApi;
/** Several sessions per user, so that no session reaches the API's per-session rate limit during the run. */
let readonly: Session[];
let admins: Session[];
let hostIds: string[];
let storageKey: string;
let ipCounter = 0;

interface Session {
  cookie: string;
  csrf: string;
}

/** A client address of its own for each request: the run is thousands of requests within a minute. */
const nextIp = () => {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

async function signIn(user: { username: string; password: string }, app = api.app): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/v1/session", payload: user, remoteAddress: nextIp() });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === "addnet_session")!;
  return { cookie: `addnet_session=${cookie.value}`, csrf: res.json<SessionInfo>().csrfToken };
}

beforeAll(async () => {
  api = await startApi(
    {},
    {
      LOGIN_RATE_LIMIT_PER_MINUTE: "100000",
      CONNECTION_TIMEOUT_MS: String(CONNECTION_TIMEOUT_MS),
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
  );
  readonly = await Promise.all(Array.from({ length: 8 }, () => signIn(READONLY)));
  admins = await Promise.all(Array.from({ length: 6 }, () => signIn(ADMIN)));
  hostIds = [...api.sim.sim.allObjects()].filter((o) => o.type === "HostSystem").map((o) => o.ref.value);
  storageKey = dvpgKey(api, "DPG-Storage");
});
afterAll(() => api?.close());

// ----- what every answer must be ------------------------------------------------------------------------------

/** 4xx codes that name a field: they carry errors[] with a path each (or, NO_PERMISSION, the privilege). */
const FIELD_CODES = new Set(["VALIDATION_FAILED", "BAD_REQUEST", "SERVER_NOT_ALLOWED", "PREFLIGHT_FAILED"]);
/** 4xx codes for what is not a field of the request. */
const NON_FIELD_CODES = new Set([
  "NOT_SIGNED_IN",
  "CSRF_TOKEN_INVALID",
  "CROSS_SITE_REQUEST",
  "NOT_FOUND",
  "HOST_NOT_FOUND",
  "HOST_NOT_CONNECTED",
  "STACK_NOT_FOUND",
  "STACK_INACTIVE",
  "NO_PERMISSION",
  "INVALID_LOGIN",
  "BODY_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "IDEMPOTENCY_KEY_REUSED",
  "IN_PROGRESS",
  "URI_TOO_LONG",
  "BAD_URL",
]);

const seen = new Map<string, number>();
/** Bodies the schema accepts that went to preflight or create: the run went past validation this often. */
let validModels = 0;

interface Req {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

function describeReq(req: Req, res: LightMyRequestResponse): string {
  const body = req.payload === undefined ? "" : ` body=${req.payload.length > 300 ? `${req.payload.slice(0, 300)}…` : req.payload}`;
  return `${req.method} ${req.url.slice(0, 300)} headers=${JSON.stringify(req.headers).slice(0, 400)}${body} -> ${res.statusCode} ${res.body.slice(0, 500)}`;
}

/** Checks one answer against the rules; counts its status and code. */
function check(req: Req, res: LightMyRequestResponse): void {
  const what = describeReq(req, res);
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode < 400) {
    seen.set(String(res.statusCode), (seen.get(String(res.statusCode)) ?? 0) + 1);
    return;
  }
  expect(res.headers["content-type"], what).toMatch(/^application\/problem\+json/);
  if (req.method === "HEAD") return;
  const problem = JSON.parse(res.body) as Problem;
  seen.set(`${res.statusCode} ${problem.code}`, (seen.get(`${res.statusCode} ${problem.code}`) ?? 0) + 1);
  expect(problem.status, what).toBe(res.statusCode);
  expect(problem.detail, what).toEqual(expect.any(String));
  if (FIELD_CODES.has(problem.code)) {
    expect(problem.errors?.length, what).toBeGreaterThan(0);
    for (const e of problem.errors!) {
      expect(e, what).toEqual({
        path: expect.any(String),
        code: expect.any(String),
        message: expect.any(String),
        ...(e.params ? { params: expect.any(Object) } : {}),
      });
      // A field's path, or "" for the body as a whole (a body that is not even an object).
      if (problem.code !== "PREFLIGHT_FAILED") expect(e.path === "" || problem.detail.includes(e.path), what).toBe(true);
    }
  } else {
    expect(NON_FIELD_CODES.has(problem.code), `unexpected code: ${what}`).toBe(true);
  }
  if (problem.code === "NO_PERMISSION")
    expect(problem.missingPrivilege, what).toEqual({
      privilege: expect.any(String),
      entity: { type: expect.any(String), id: expect.any(String) },
    });
}

async function send(req: Req): Promise<LightMyRequestResponse> {
  const res = await api.app.inject({
    method: req.method as "GET",
    url: req.url,
    headers: req.headers,
    payload: req.payload,
    remoteAddress: nextIp(),
  });
  check(req, res);
  return res;
}

const simHostById = (id: string) => [...api.sim.sim.allObjects()].find((o) => o.ref.value === id) as unknown as { connectionState: string };

// ----- arbitraries --------------------------------------------------------------------------------------------

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "then", "__defineGetter__"];

/** Text of every kind: unicode (astral, RTL, combining, zero-width, NUL), HTML, SQL, format strings, long. */
const nastyString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e\u0041\u0042",
    "\ud83d\ude00".repeat(30),
    "e\u0301\u0301\u0301",
    "\ufeffvSwitch0",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE hosts; --",
    "%s%n%x",
    "../../../etc/passwd",
    "vmk0\r\nX-Injected: 1",
    "${jndi:ldap://x}",
    "10.10.0.1 ",
    "0x0a.0.0.1",
    "255.255.255.255",
    "::ffff:10.0.0.1",
    "fe80::1%eth0",
    "NaN",
    "-0",
    "1e309",
  ),
  fc.integer({ min: 60, max: 5000 }).map((n) => "x".repeat(n)),
);

/** Any JSON value, with the odd numbers and strings above mixed in. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.anything({ maxDepth: 3, maxKeys: 5 }), weight: 3 },
  { arbitrary: nastyString, weight: 3 },
  {
    arbitrary: fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      -0,
      2 ** 31,
      2 ** 53 + 1,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      [],
      {},
      [null],
      { mode: "custom" },
    ),
    weight: 2,
  },
  { arbitrary: fc.integer(), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
);

type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

/** Sets an own, enumerable property (assigning "__proto__" would set the prototype, not a key). */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Mutation =
  | { kind: "set"; at: number; value: unknown }
  | { kind: "delete"; at: number }
  | { kind: "add"; at: number; key: string; value: unknown }
  | { kind: "wrap"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: jsonValue }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("add" as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.constantFrom(...PROTO_KEYS),
      fc.string({ maxLength: 12 }),
      fc.constantFrom("mode", "kind", "mtu", "services", "_type"),
    ),
    value: jsonValue,
  }),
  fc.record({ kind: fc.constant("wrap" as const), at: fc.nat() }),
);

/** A valid model with a few things wrong: a wrong type, a missing or extra field, a value in an array, a key. */
function mutate(base: unknown, mutations: Mutation[]): unknown {
  let root = structuredClone(base) as unknown;
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length]!;
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root) as Record<string, unknown>;
    const last = path.at(-1);
    const current = last === undefined ? root : parent[last];
    const replace = (value: unknown) => {
      if (last === undefined) root = value;
      else define(parent, last, value);
    };
    // Generated values may be shared between runs (constants): each goes in as a copy of its own.
    if (m.kind === "set") replace(structuredClone(m.value));
    else if (m.kind === "wrap") replace([current]);
    else if (m.kind === "delete") {
      if (last === undefined) root = undefined;
      else if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else Reflect.deleteProperty(parent, last);
    } else if (current && typeof current === "object" && !Array.isArray(current)) define(current, m.key, structuredClone(m.value));
    else if (Array.isArray(current)) current.push(structuredClone(m.value));
  }
  return root;
}

/** Deeply nested arrays and objects, prototype-pollution bodies, JSON's dark corners, and text that is not JSON. */
const specialBody = fc.oneof(
  fc.integer({ min: 100, max: 20_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.integer({ min: 100, max: 5_000 }).map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
  fc.constantFrom(
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"connectionType":"vmkernel","__proto__":{"isAdmin":true}}',
    '{"username":"a","password":"b","__proto__":{"server":"http://169.254.169.254/"}}',
    '{"a":1,"a":2}',
    "",
    " ",
    "null",
    "[]",
    '""',
    "0",
    "-",
    "{",
    '{"a":}',
    "\u0000",
    "\ufeff{}",
    '{"a":"\\ud800"}',
    '{"a":1e999}',
    "<xml/>",
    "a=1&b=2",
  ),
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
);

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

/** A body for a JSON endpoint: mostly a mutated valid one, else anything at all. */
const bodyFor = (bases: unknown[]) =>
  fc.oneof(
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 4 }))
        .map(([b, ms]) => stringify(mutate(b, ms))),
      weight: 6,
    },
    { arbitrary: fc.constantFrom(...bases).map(stringify), weight: 1 },
    { arbitrary: fc.anything().map(stringify), weight: 2 },
    { arbitrary: specialBody, weight: 2 },
  );

/** Whether the API's own schema accepts a body: only bodies it refuses go out with an administrator's session. */
function acceptable(schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, body: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return false;
  }
  const parsed = schema.safeParse(value);
  return parsed.success && droppedKeys(value, parsed.data).length === 0;
}

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/JSON",
  "application/problem+json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "text/plain",
  "text/html",
  "application/xml",
  "application/json, text/plain",
  "*/*",
  "",
];
/** Header text a client can send (visible ASCII and spaces). */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 });
const contentType = fc.oneof({ arbitrary: fc.constant("application/json"), weight: 6 }, fc.constantFrom(...CONTENT_TYPES), headerText);

/** Hosts: real ones mostly, else ids that are not hosts, with traversal, encodings, unicode, length. */
const hostIdArb = () =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...hostIds), weight: 5 },
    {
      arbitrary: fc.constantFrom(
        "host-0",
        "host-99999",
        "host-999999999999",
        "host-1 ",
        "HOST-13",
        "ha-host",
        "..",
        "../session",
        "..%2F..%2Fsession",
        "%2e%2e",
        "host-13%00",
        "host-13;x",
        "domain-c7",
        "group-d1",
        "dvportgroup-5",
        "__proto__",
        "constructor",
      ),
      weight: 2,
    },
    { arbitrary: nastyString.map(encodeURIComponent), weight: 2 },
  );

/** A few cookies: our session, none, made-up ones, duplicates, garbage. */
const cookieArb = (own: Session | undefined) =>
  fc.oneof(
    ...(own ? [{ arbitrary: fc.constant(own.cookie), weight: 8 }] : []),
    { arbitrary: fc.constant(""), weight: 1 },
    { arbitrary: headerText.map((v) => `addnet_session=${v}`), weight: 1 },
    { arbitrary: headerText, weight: 1 },
    ...(own
      ? [
          { arbitrary: fc.constant(`addnet_session=forged; ${own.cookie}`), weight: 1 },
          { arbitrary: fc.constant(`${own.cookie}; addnet_session=forged`), weight: 1 },
          { arbitrary: fc.constant(`${own.cookie.replace("addnet_session=", "ADDNET_SESSION=")}`), weight: 1 },
        ]
      : []),
  );

/** Headers around a request: cookie, CSRF token, content type, idempotency key, and now and then an origin. */
const headersArb = (own: Session | undefined, opts: { body: boolean; idempotency?: boolean }) =>
  fc
    .record({
      cookie: cookieArb(own),
      csrf: fc.oneof(
        ...(own ? [{ arbitrary: fc.constant(own.csrf), weight: 8 }] : []),
        { arbitrary: fc.constant(undefined), weight: 1 },
        { arbitrary: headerText, weight: 1 },
      ),
      type: opts.body ? contentType : fc.constant(undefined),
      key: opts.idempotency
        ? fc.oneof(
            { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/), weight: 6 },
            { arbitrary: fc.constant(undefined), weight: 1 },
            { arbitrary: headerText, weight: 1 },
          )
        : fc.constant(undefined),
      origin: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 8 },
        fc.constantFrom("null", "https://evil.example", "http://localhost:80", "not a url"),
      ),
      site: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, fc.constantFrom("cross-site", "same-site", "same-origin", "none")),
      extra: fc.dictionary(
        fc.constantFrom(
          "x-forwarded-for",
          "x-forwarded-host",
          "forwarded",
          "accept",
          "accept-encoding",
          "x-http-method-override",
          "range",
          "expect",
        ),
        headerText,
        { maxKeys: 2 },
      ),
    })
    .map(({ cookie, csrf, type, key, origin, site, extra }) => {
      const h: Record<string, string> = { ...extra };
      if (cookie) h.cookie = cookie;
      if (csrf !== undefined) h["x-csrf-token"] = csrf;
      if (type !== undefined) h["content-type"] = type;
      if (key !== undefined) h["idempotency-key"] = key;
      if (origin !== undefined) h.origin = origin;
      if (site !== undefined) h["sec-fetch-site"] = site;
      // "Expect: 100-continue" and friends are left to real sockets.
      delete h.expect;
      return h;
    });

/** Stands for a session of ours in generated headers; as() puts a real one in its place, forged() a made-up one. */
const OWN: Session = { cookie: "addnet_session=OWN", csrf: "OWN-CSRF-TOKEN" };

function as(headers: Record<string, string>, pick: number, sessions: Session[]): Record<string, string> {
  const s = sessions[pick % sessions.length]!;
  const h = { ...headers };
  if (h.cookie)
    h.cookie = h.cookie
      .replaceAll(OWN.cookie, s.cookie)
      .replace("ADDNET_SESSION=OWN", s.cookie.replace("addnet_session=", "ADDNET_SESSION="));
  if (h["x-csrf-token"] === OWN.csrf) h["x-csrf-token"] = s.csrf;
  return h;
}

function forged(headers: Record<string, string>): Record<string, string> {
  const h = { ...headers };
  if (h.cookie) h.cookie = h.cookie.replaceAll(OWN.cookie, "addnet_session=forged-session-id");
  if (h["x-csrf-token"] === OWN.csrf) h["x-csrf-token"] = "forged-token";
  return h;
}

// ----- the valid bodies the mutations start from ------------------------------------------------------------

const models = (): VmkernelAdapterModel[] => [
  vmotionOnNewSwitch,
  {
    connectionType: "vmkernel",
    targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
    portProperties: {
      networkLabel: "Replication",
      vlanId: 80,
      ipSettings: "ipv4",
      mtu: { mode: "fromSwitch" },
      tcpipStack: "defaultTcpipStack",
      services: ["vSphereReplication", "vsan"],
    },
    ipv4Settings: {
      mode: "static",
      address: "192.168.80.11",
      subnetMask: "255.255.255.0",
      overrideGateway: true,
      defaultGateway: "192.168.80.1",
    },
  },
  {
    connectionType: "vmkernel",
    targetDevice: { kind: "existingNetwork", portgroupKey: storageKey },
    portProperties: { ipSettings: "ipv4", mtu: { mode: "custom", value: 9000 }, tcpipStack: "defaultTcpipStack", services: ["vsan"] },
    ipv4Settings: { mode: "dhcp" },
  },
  {
    connectionType: "vmkernel",
    targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
    portProperties: {
      networkLabel: "IPv6",
      vlanId: 0,
      ipSettings: "ipv4ipv6",
      mtu: { mode: "fromSwitch" },
      tcpipStack: "vSphereProvisioning",
      services: ["vSphereProvisioning"],
    },
    ipv4Settings: { mode: "static", address: "192.168.90.11", subnetMask: "255.255.255.0", overrideGateway: false },
    ipv6Settings: {
      dhcpV6: false,
      routerAdvertisement: true,
      staticAddresses: [{ address: "2001:db8::11", prefixLength: 64 }],
      overrideGateway: true,
      defaultGateway: "2001:db8::1",
    },
  },
];

const PATCHES = [
  { defaultGateway: "10.10.0.254" },
  { defaultGateway: "" },
  { ipV6DefaultGateway: "2001:db8::1" },
  { congestionControlAlgorithm: "cubic", maxNumberOfConnections: 5000 },
  {
    dnsConfiguration: {
      mode: "manual",
      hostName: "esx",
      domainName: "lab.local",
      preferredDnsServer: "10.10.0.2",
      alternateDnsServer: "2001:db8::53",
      searchDomains: ["lab.local"],
    },
  },
  { dnsConfiguration: { mode: "dhcp", vmkernelAdapter: "vmk0" } },
];

const LOGINS = [
  { username: "nobody@vsphere.local", password: "wrong" },
  { username: "readonly@vsphere.local", password: "wrong", server: "http://127.0.0.1:1/sdk" },
];

const STACK_KEYS = ["defaultTcpipStack", "vmotion", "vSphereProvisioning", "NFS", "mirror"];

/**
 * Models the schema accepts, with values drawn at random: any label (unicode, HTML, 59 characters), VLAN, MTU,
 * uplinks, stack, services, IPv4 and IPv6 addresses, port groups that exist or not. They go deep: through
 * preflight, the plan, and the privilege checks.
 */
const validModel = () => {
  const prefixMask = (p: number) => [24, 16, 8, 0].map((shift) => ((0xffffffff << (32 - p)) >>> shift) & 255).join(".");
  // Mostly what a host can give (its free uplinks, its stacks, its services), now and then what it cannot.
  const nics = fc.oneof(
    { arbitrary: fc.uniqueArray(fc.constantFrom("vmnic2", "vmnic3"), { maxLength: 2 }), weight: 3 },
    fc.uniqueArray(fc.constantFrom("vmnic0", "vmnic1", "vmnic2", "vmnic3", "vmnic4", "vmnic77"), { maxLength: 4 }),
  );
  const target = fc.oneof(
    fc.record({ kind: fc.constant("newStandardSwitch"), mtu: fc.integer({ min: 1280, max: 9000 }) }),
    fc.record({
      kind: fc.constant("existingStandardSwitch"),
      vswitchName: fc.oneof({ arbitrary: fc.constant("vSwitch0"), weight: 4 }, fc.string({ minLength: 1, maxLength: 32 })),
    }),
    fc.record({
      kind: fc.constant("existingNetwork"),
      portgroupKey: fc.oneof(
        { arbitrary: fc.constant(storageKey), weight: 3 },
        fc.constantFrom(...[...api.sim.sim.allObjects()].filter((o) => o.type === "DistributedVirtualPortgroup").map((o) => o.ref.value)),
        fc.string({ minLength: 1, maxLength: 20 }),
      ),
    }),
  );
  const v4 = fc.oneof(
    fc.constant({ mode: "dhcp" }),
    fc
      .record({
        address: fc.oneof({ arbitrary: fc.nat(200).map((n) => `192.168.99.${n + 20}`), weight: 3 }, fc.ipV4()),
        prefix: fc.oneof({ arbitrary: fc.constant(24), weight: 3 }, fc.integer({ min: 8, max: 30 })),
        override: fc.boolean(),
        gateway: fc.oneof({ arbitrary: fc.constant("192.168.99.1"), weight: 3 }, fc.ipV4()),
      })
      .map(({ address, prefix, override, gateway }) => ({
        mode: "static",
        address,
        subnetMask: prefixMask(prefix),
        overrideGateway: override,
        ...(override ? { defaultGateway: gateway } : {}),
      })),
  );
  const v6 = fc
    .record({
      dhcpV6: fc.boolean(),
      routerAdvertisement: fc.boolean(),
      staticAddresses: fc.uniqueArray(fc.record({ address: fc.ipV6(), prefixLength: fc.integer({ min: 1, max: 128 }) }), {
        maxLength: 3,
        selector: (a) => a.address,
      }),
      overrideGateway: fc.boolean(),
      defaultGateway: fc.ipV6(),
    })
    .map(({ overrideGateway, defaultGateway, ...rest }) => ({ ...rest, overrideGateway, ...(overrideGateway ? { defaultGateway } : {}) }));
  return fc
    .record({
      target,
      uplinks: fc.tuple(nics, fc.nat(4), fc.nat(4)),
      label: fc.oneof(
        { arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,40}$/), weight: 3 },
        nastyString,
        fc.constantFrom("vMotion", "Management Network", "VM Network"),
      ),
      vlanId: fc.integer({ min: 0, max: 4094 }),
      ipSettings: fc.constantFrom("ipv4", "ipv6", "ipv4ipv6"),
      mtu: fc.oneof(
        fc.constant({ mode: "fromSwitch" }),
        fc.integer({ min: 1280, max: 9000 }).map((value) => ({ mode: "custom", value })),
      ),
      stack: fc.oneof(
        { arbitrary: fc.constantFrom("defaultTcpipStack", "vmotion", "vSphereProvisioning"), weight: 4 },
        fc.constantFrom(...STACK_KEYS),
        fc.string({ minLength: 1, maxLength: 20 }),
      ),
      services: fc.oneof(
        {
          arbitrary: fc.subarray(["faultToleranceLogging", "vSphereReplication", "vSphereReplicationNFC", "vsan", "management"] as const),
          weight: 3,
        },
        fc.subarray([...NIC_TYPES]),
      ),
      v4,
      v6,
    })
    .map(({ target, uplinks: [devices, a, b], label, vlanId, ipSettings, mtu, stack, services, v4, v6 }) => {
      const standard = target.kind !== "existingNetwork";
      const implied = { vmotion: "vmotion", vSphereProvisioning: "vSphereProvisioning" }[stack];
      return {
        connectionType: "vmkernel",
        targetDevice: target,
        ...(target.kind === "newStandardSwitch"
          ? { newSwitchUplinks: { active: devices.slice(0, a), standby: devices.slice(a, a + b), unused: devices.slice(a + b) } }
          : {}),
        portProperties: {
          ...(standard ? { networkLabel: label.slice(0, 59), vlanId } : {}),
          ipSettings,
          mtu,
          tcpipStack: stack,
          services: stack === "defaultTcpipStack" ? services : implied && (services as string[]).includes(implied) ? [implied] : [],
        },
        ...(ipSettings !== "ipv6" ? { ipv4Settings: v4 } : {}),
        ...(ipSettings !== "ipv4" ? { ipv6Settings: v6 } : {}),
      };
    });
};

// ----- the properties -----------------------------------------------------------------------------------------

describe("random and malformed requests to every endpoint", () => {
  let before: ReturnType<typeof simState>;
  beforeAll(async () => {
    await resetSim(api);
    before = simState(api);
  });

  const RUNS = { login: 600, bodies: 1000, query: 600, params: 700, headers: 1200 };
  const session = (list: () => Session[]) => fc.nat().map((n) => list()[n % list().length]!);

  it("POST /session: random and mutated sign-in bodies, headers and cookies (never our own sessions)", async () => {
    await fc.assert(
      fc.asyncProperty(bodyFor(LOGINS), headersArb(undefined, { body: true }), async (payload, headers) => {
        await send({ method: "POST", url: "/api/v1/session", headers, payload });
      }),
      { numRuns: RUNS.login },
    );
  });

  it("POST .../preflight and POST .../vmkernel-adapters: bodies to every host, as readonly and as administrator", async () => {
    const request = fc.record({
      asAdmin: fc.boolean(),
      endpoint: fc.constantFrom("preflight", "create"),
      host: hostIdArb(),
      payload: fc.oneof(bodyFor(models()), validModel().map(stringify)),
      headers: headersArb(OWN, { body: true, idempotency: true }),
      pick: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ asAdmin, endpoint, host, payload, headers, pick }) => {
        // An administrator may change hosts: only bodies the API must refuse go out with that session, except to
        // preflight, which changes nothing whatever it is sent.
        const valid = acceptable(vmkernelAdapterSchema, payload);
        if (valid) validModels++;
        const admin = asAdmin && (endpoint === "preflight" || !valid);
        const url = `/api/v1/hosts/${host}/vmkernel-adapters${endpoint === "preflight" ? "/preflight" : ""}`;
        await send({ method: "POST", url, headers: as(headers, pick, admin ? admins : readonly), payload });
      }),
      { numRuns: RUNS.bodies },
    );
  });

  it("PATCH .../netstacks/{key}: bodies to every stack of every host, as readonly and as administrator", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostIdArb(),
        fc.oneof({ arbitrary: fc.constantFrom(...STACK_KEYS), weight: 4 }, nastyString.map(encodeURIComponent)),
        bodyFor(PATCHES),
        fc.boolean(),
        session(() => readonly),
        session(() => admins),
        async (host, key, payload, asAdmin, ro, ad) => {
          const s = asAdmin && !acceptable(netStackPatchSchema, payload) ? ad : ro;
          await send({
            method: "PATCH",
            url: `/api/v1/hosts/${host}/netstacks/${key}`,
            headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
            payload,
          });
        },
      ),
      { numRuns: RUNS.bodies },
    );
  });

  it("query strings: GET /hosts and GET /audit (and the others, which take none)", async () => {
    const KEYS = ["search", "cluster", "cursor", "limit", "hostId", "user", "__proto__", "constructor", "limit[]", "limit[0]", "a.b", ""];
    const structured = fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })),
          fc.oneof(
            nastyString,
            fc.integer().map(String),
            fc.constantFrom("1e3", "0x10", "-1", "0", "500", "501", "1.5", "MTAw", "Infinity"),
          ),
        ),
        {
          maxLength: 5,
        },
      )
      .map((pairs) => new URLSearchParams(pairs).toString());
    const raw = fc
      .string({ unit: fc.constantFrom(..."ab=&%[]+.;,?/\\0123456789 \"'<>{}|^`".split("")), maxLength: 60 })
      .map((s) => encodeURI(s).replace(/%25/g, "%"));
    const path = fc.constantFrom(
      "/api/v1/hosts",
      "/api/v1/audit",
      "/api/v1/session",
      `/api/v1/hosts/${hostIds[0]}/networking`,
      "/api/openapi.json",
    );
    await fc.assert(
      fc.asyncProperty(
        path,
        fc.oneof(structured, raw),
        session(() => readonly),
        async (p, query, s) => {
          await send({ method: "GET", url: `${p}?${query}`, headers: { cookie: s.cookie } });
        },
      ),
      { numRuns: RUNS.query },
    );
  });

  it("path parameters: every route that takes a host or a stack", async () => {
    const route = fc.constantFrom(
      { method: "GET", path: (h: string) => `/api/v1/hosts/${h}/networking`, body: undefined },
      { method: "POST", path: (h: string) => `/api/v1/hosts/${h}/vmkernel-adapters/preflight`, body: vmotionOnNewSwitch },
      { method: "POST", path: (h: string) => `/api/v1/hosts/${h}/vmkernel-adapters`, body: vmotionOnNewSwitch },
      {
        method: "PATCH",
        path: (h: string, k: string) => `/api/v1/hosts/${h}/netstacks/${k}`,
        body: { congestionControlAlgorithm: "cubic" },
      },
      { method: "GET", path: (h: string) => `/api/v1/hosts/${h}`, body: undefined },
      { method: "GET", path: (h: string, k: string) => `/api/v1/${h}/${k}`, body: undefined },
    );
    const key = fc.oneof(fc.constantFrom(...STACK_KEYS, "..", "%2e%2e", "..%2F..%2Fsession", "%00"), nastyString.map(encodeURIComponent));
    await fc.assert(
      fc.asyncProperty(
        route,
        hostIdArb(),
        key,
        session(() => readonly),
        fc.stringMatching(/^[A-Za-z0-9]{8,16}$/),
        async (r, h, k, s, idem) => {
          await send({
            method: r.method,
            url: r.path(h, k),
            headers: {
              cookie: s.cookie,
              "x-csrf-token": s.csrf,
              ...(r.body ? { "content-type": "application/json", "idempotency-key": idem } : {}),
            },
            payload: r.body ? JSON.stringify(r.body) : undefined,
          });
        },
      ),
      { numRuns: RUNS.params },
    );
  });

  it("methods, headers and cookies: every endpoint, with the body it expects", async () => {
    const endpoint = fc.constantFrom(
      { method: "POST", url: () => "/api/v1/session", body: () => ({ username: "nobody@vsphere.local", password: "x" }), own: false },
      { method: "GET", url: () => "/api/v1/session", body: () => undefined, own: true },
      // Signing out with a session of our own would end it: only made-up cookies go to DELETE.
      { method: "DELETE", url: () => "/api/v1/session", body: () => undefined, own: false },
      { method: "GET", url: () => "/api/v1/hosts?limit=5", body: () => undefined, own: true },
      { method: "GET", url: () => `/api/v1/hosts/${hostIds[0]}/networking`, body: () => undefined, own: true },
      { method: "POST", url: () => `/api/v1/hosts/${hostIds[1]}/vmkernel-adapters/preflight`, body: () => vmotionOnNewSwitch, own: true },
      { method: "POST", url: () => `/api/v1/hosts/${hostIds[1]}/vmkernel-adapters`, body: () => vmotionOnNewSwitch, own: true },
      {
        method: "PATCH",
        url: () => `/api/v1/hosts/${hostIds[0]}/netstacks/defaultTcpipStack`,
        body: () => ({ maxNumberOfConnections: 5000 }),
        own: true,
      },
      { method: "GET", url: () => "/api/v1/audit?limit=1", body: () => undefined, own: true },
      { method: "GET", url: () => "/api/openapi.json", body: () => undefined, own: false },
      { method: "GET", url: () => "/api/docs", body: () => undefined, own: false },
    );
    const method = fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 6 },
      fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"),
    );
    await fc.assert(
      fc.asyncProperty(
        endpoint,
        method,
        fc.boolean().chain((body) => headersArb(OWN, { body, idempotency: true }).map((h) => ({ body, h }))),
        fc.nat(),
        async (e, m, { body, h }, pick) => {
          const effective = m ?? e.method;
          // Our own sessions never go to signing in or out (whatever method the request ends up with): it would end them.
          const endsSession = e.url() === "/api/v1/session" && (effective === "POST" || effective === "DELETE");
          const headers = e.own && !endsSession ? as(h, pick, readonly) : forged(h);
          const payload = body && e.body() !== undefined ? JSON.stringify(e.body()) : undefined;
          await send({ method: m ?? e.method, url: e.url(), headers, payload });
        },
      ),
      { numRuns: RUNS.headers },
    );
  });

  it("changed no host, polluted no prototype, and was answered, not rate-limited", async () => {
    expect(simState(api)).toStrictEqual(before);
    // Nothing the API logged was an error of its own (a 5xx, a reply sent twice, a crash in a hook).
    const errors = api.logs.map((l) => JSON.parse(l) as { level: number; msg?: string }).filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    const counts = Object.fromEntries([...seen].sort());
    // Hundreds of the bodies were valid wizard models: the run went through preflight and the privilege checks too.
    expect(validModels, JSON.stringify(counts)).toBeGreaterThan(100);
    // The run reached every layer: successes, validation, authentication, CSRF, privileges, unknown hosts.
    for (const expected of [
      "200",
      "400 VALIDATION_FAILED",
      "401 NOT_SIGNED_IN",
      "403 CSRF_TOKEN_INVALID",
      "403 NO_PERMISSION",
      "404 HOST_NOT_FOUND",
      "400 BAD_REQUEST",
      "401 INVALID_LOGIN",
    ])
      expect(counts[expected], JSON.stringify(counts)).toBeGreaterThan(0);
    expect(counts["429 RATE_LIMITED"], JSON.stringify(counts)).toBeUndefined();
    // Every session the run used still works.
    for (const s of [...readonly, ...admins]) {
      const res = await api.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: s.cookie } });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
});

describe("valid models with random values, created by an administrator", () => {
  it("never a 5xx, and all or nothing: a refusal leaves every host as it was, a success adds exactly one adapter", async () => {
    const admin = await signIn(ADMIN);
    const connected = hostIds.filter((h) => ["connected"].includes(String(simHostById(h).connectionState)));
    let created = 0;
    const outcomes = { made: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(validModel(), fc.constantFrom(...connected), async (body, host) => {
        await resetSim(api);
        const before = simState(api);
        const res = await send({
          method: "POST",
          url: `/api/v1/hosts/${host}/vmkernel-adapters`,
          headers: {
            cookie: admin.cookie,
            "x-csrf-token": admin.csrf,
            "content-type": "application/json",
            "idempotency-key": `valid-${++created}-${Date.now()}`,
          },
          payload: stringify(body),
        });
        const after = simState(api);
        if (res.statusCode !== 201) {
          outcomes.refused++;
          expect(after.hosts, res.body).toStrictEqual(before.hosts);
          return;
        }
        outcomes.made++;
        const device = res.json<{ adapter: { device: string } }>().adapter.device;
        expect(after.hosts[host]!.net.vnic.map((v: { device: string }) => v.device)).toEqual([
          ...before.hosts[host]!.net.vnic.map((v: { device: string }) => v.device),
          device,
        ]);
        for (const other of hostIds.filter((h) => h !== host)) expect(after.hosts[other]).toStrictEqual(before.hosts[other]);
      }),
      { numRuns: 150 },
    );
    // Both ways were taken, many times.
    expect(outcomes.made, JSON.stringify(outcomes)).toBeGreaterThan(5);
    expect(outcomes.refused, JSON.stringify(outcomes)).toBeGreaterThan(5);
    await resetSim(api);
  });
});

// ----- one by one ---------------------------------------------------------------------------------------------

function inject(s: Session | undefined, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return api.app.inject({
    method: method as "GET",
    url,
    payload: payload as object,
    remoteAddress: nextIp(),
    headers: { ...(s ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {}), ...headers },
  });
}

function problem(res: LightMyRequestResponse, status: number, code: string): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const p = res.json<Problem>();
  expect(p.code, res.body).toBe(code);
  return p;
}

describe("cross-site requests (CSRF)", () => {
  const CROSS: Record<string, string>[] = [
    { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    { origin: "https://evil.example" },
    { "sec-fetch-site": "cross-site" },
    { "sec-fetch-site": "same-site" },
    { origin: "null" },
  ];

  it("refuses a cross-site POST, PATCH and DELETE with a valid session and token, and changes nothing", async () => {
    await resetSim(api);
    const esx01 = hostId(api, "esx-01.lab.local");
    const admin = await signIn(ADMIN);
    const before = simState(api);
    for (const headers of CROSS) {
      problem(
        await inject(admin, "POST", `/api/v1/hosts/${esx01}/vmkernel-adapters`, vmotionOnNewSwitch, {
          ...headers,
          "idempotency-key": `cross-${ipCounter}-${Date.now()}`,
        }),
        403,
        "CROSS_SITE_REQUEST",
      );
      problem(
        await inject(
          admin,
          "PATCH",
          `/api/v1/hosts/${esx01}/netstacks/defaultTcpipStack`,
          { congestionControlAlgorithm: "cubic" },
          headers,
        ),
        403,
        "CROSS_SITE_REQUEST",
      );
      problem(await inject(admin, "DELETE", "/api/v1/session", undefined, headers), 403, "CROSS_SITE_REQUEST");
      problem(await inject(undefined, "POST", "/api/v1/session", ADMIN, headers), 403, "CROSS_SITE_REQUEST");
    }
    expect(simState(api)).toStrictEqual(before);
    // The session survived every attempt to end it.
    expect((await inject(admin, "GET", "/api/v1/session")).statusCode).toBe(200);
    // And the very same request from addnet's own page is made: only where it came from was wrong.
    const same = await inject(
      admin,
      "PATCH",
      `/api/v1/hosts/${esx01}/netstacks/defaultTcpipStack`,
      { congestionControlAlgorithm: "cubic" },
      {
        // The default port written out in one and left out of the other is still the same origin.
        origin: "http://localhost:80",
        host: "localhost:80",
        "sec-fetch-site": "same-origin",
      },
    );
    expect(same.statusCode, same.body).toBe(200);
    expect(simHost(api, "esx-01").net.netStackInstance.find((s) => s.key === "defaultTcpipStack")!.congestionControlAlgorithm).toBe(
      "cubic",
    );
    await resetSim(api);
  });

  it("refuses a state change without the CSRF token, with a wrong one, or with another session's", async () => {
    const esx01 = hostId(api, "esx-01.lab.local");
    const admin = await signIn(ADMIN);
    const other = await signIn(ADMIN);
    const before = simState(api);
    const url = `/api/v1/hosts/${esx01}/netstacks/defaultTcpipStack`;
    const body = { congestionControlAlgorithm: "cubic" };
    for (const token of [undefined, "", "x", other.csrf, admin.csrf.toUpperCase(), `${admin.csrf} `]) {
      const res = await api.app.inject({
        method: "PATCH",
        url,
        payload: body,
        remoteAddress: nextIp(),
        headers: { cookie: admin.cookie, ...(token === undefined ? {} : { "x-csrf-token": token }) },
      });
      problem(res, 403, "CSRF_TOKEN_INVALID");
    }
    expect(simState(api)).toStrictEqual(before);
  });
});

describe("session fixation", () => {
  it("a session id set before sign-in is not accepted after it", async () => {
    const planted = "attacker-chosen-session-id-0123456789abcdefghijk";
    const res = await inject(undefined, "POST", "/api/v1/session", ADMIN, { cookie: `addnet_session=${planted}` });
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.cookies.find((c) => c.name === "addnet_session")!.value;
    expect(issued).not.toBe(planted);
    // The planted id signs nobody in (204: no session); the issued one does.
    expect((await inject(undefined, "GET", "/api/v1/session", undefined, { cookie: `addnet_session=${planted}` })).statusCode).toBe(204);
    problem(await inject(undefined, "GET", "/api/v1/hosts", undefined, { cookie: `addnet_session=${planted}` }), 401, "NOT_SIGNED_IN");
    expect((await inject(undefined, "GET", "/api/v1/session", undefined, { cookie: `addnet_session=${issued}` })).statusCode).toBe(200);
  });

  it("an attacker's own live session planted in a victim's browser is ended by the victim's sign-in, not upgraded", async () => {
    const attacker = await signIn(READONLY);
    const res = await inject(undefined, "POST", "/api/v1/session", ADMIN, { cookie: attacker.cookie });
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.cookies.find((c) => c.name === "addnet_session")!.value;
    expect(`addnet_session=${issued}`).not.toBe(attacker.cookie);
    // The planted id is gone: it neither became the administrator's session nor stayed the attacker's.
    expect((await inject(attacker, "GET", "/api/v1/session")).statusCode).toBe(204);
    problem(await inject(attacker, "GET", "/api/v1/hosts"), 401, "NOT_SIGNED_IN");
    const victim = await inject(undefined, "GET", "/api/v1/session", undefined, { cookie: `addnet_session=${issued}` });
    expect(victim.json<SessionInfo>().user.name).toBe("VSPHERE.LOCAL\\Administrator");
  });
});

describe("cookie flags", () => {
  it("HttpOnly, SameSite=Strict, Path=/ and no Secure over plain HTTP; the same when signing out", async () => {
    const res = await inject(undefined, "POST", "/api/v1/session", HELPDESK);
    const set = String(res.headers["set-cookie"]);
    expect(set).toMatch(/^addnet_session=[A-Za-z0-9_-]{43};/);
    expect(res.cookies.find((c) => c.name === "addnet_session")).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(set).not.toMatch(/;\s*Secure/i);
    const s = { cookie: set.split(";")[0]!, csrf: res.json<SessionInfo>().csrfToken };
    const out = await inject(s, "DELETE", "/api/v1/session");
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === "addnet_session")).toMatchObject({
      value: "",
      httpOnly: true,
      sameSite: "Strict",
      path: "/",
    });
    // The session token is never in a body, the CSRF token never in a cookie.
    expect(res.body).not.toContain(s.cookie.split("=")[1]);
    expect(set).not.toContain(s.csrf);
  });

  it("Secure too with SECURE_COOKIES=true", async () => {
    const secure = await startApi({}, { SECURE_COOKIES: "true" });
    try {
      const res = await secure.app.inject({ method: "POST", url: "/api/v1/session", payload: ADMIN });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.cookies.find((c) => c.name === "addnet_session")).toMatchObject({
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
        secure: true,
      });
      const s = { cookie: String(res.headers["set-cookie"]).split(";")[0]!, csrf: res.json<SessionInfo>().csrfToken };
      const out = await secure.app.inject({
        method: "DELETE",
        url: "/api/v1/session",
        headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      });
      expect(out.cookies.find((c) => c.name === "addnet_session")).toMatchObject({
        value: "",
        secure: true,
        httpOnly: true,
        sameSite: "Strict",
      });
    } finally {
      await secure.close();
    }
  });
});

describe("text vCenter cannot take", () => {
  it("control characters in a user name, password or network label are refused naming the field, before vCenter sees them", async () => {
    await resetSim(api);
    const admin = await signIn(ADMIN);
    const before = simState(api);
    for (const [field, body] of [
      ["username", { ...ADMIN, username: "administrator\u0000@vsphere.local" }],
      ["password", { ...ADMIN, password: "VMware1!\u001b" }],
    ] as const) {
      const p = problem(await inject(undefined, "POST", "/api/v1/session", body), 400, "VALIDATION_FAILED");
      expect(p.errors!.map((e) => e.path)).toEqual([field]);
    }
    const esx01 = hostId(api, "esx-01.lab.local");
    const label = { ...vmotionOnNewSwitch, portProperties: { ...vmotionOnNewSwitch.portProperties, networkLabel: "vMotion\u0001" } };
    const p = problem(
      await inject(admin, "POST", `/api/v1/hosts/${esx01}/vmkernel-adapters`, label, { "idempotency-key": `ctl-${Date.now()}` }),
      400,
      "VALIDATION_FAILED",
    );
    expect(p.errors!.map((e) => [e.path, e.code])).toEqual([["portProperties.networkLabel", "networkLabel.controlCharacter"]]);
    expect(simState(api)).toStrictEqual(before);
  });
});

describe("oversized bodies", () => {
  it("get 413 on every endpoint that takes a body, signed in or not, and change nothing", async () => {
    await resetSim(api);
    const admin = await signIn(ADMIN);
    const before = simState(api);
    const esx01 = hostId(api, "esx-01.lab.local");
    const big = { ...vmotionOnNewSwitch, portProperties: { ...vmotionOnNewSwitch.portProperties, networkLabel: "x".repeat(300 * 1024) } };
    const cases: [Session | undefined, string, string, unknown][] = [
      [undefined, "POST", "/api/v1/session", { ...ADMIN, password: "x".repeat(300 * 1024) }],
      [admin, "POST", `/api/v1/hosts/${esx01}/vmkernel-adapters/preflight`, big],
      [admin, "POST", `/api/v1/hosts/${esx01}/vmkernel-adapters`, big],
      [admin, "PATCH", `/api/v1/hosts/${esx01}/netstacks/defaultTcpipStack`, { defaultGateway: "1".repeat(2 * 1024 * 1024) }],
      [undefined, "POST", `/api/v1/hosts/${esx01}/vmkernel-adapters`, big],
    ];
    for (const [s, method, url, body] of cases) {
      const res = await inject(s, method, url, body, { "idempotency-key": `big-${ipCounter}-${Date.now()}` });
      const p = problem(res, 413, "BODY_TOO_LARGE");
      expect(p.status).toBe(413);
    }
    expect(simState(api)).toStrictEqual(before);
  });
});

// A real listening server, for what app.inject cannot show: raw bytes, slow sockets, unnormalised paths.
let listeningPort: number | undefined;
const sockets: Socket[] = [];

async function listening(): Promise<number> {
  if (listeningPort === undefined) {
    await api.app.listen({ port: 0, host: "127.0.0.1" });
    listeningPort = (api.app.server.address() as AddressInfo).port;
  }
  return listeningPort;
}

/** Opens a raw connection; `closed` resolves when the server closes it, with what it sent and how long it took. */
function raw(port: number): { socket: Socket; closed: Promise<{ ms: number; reply: string }> } {
  const started = Date.now();
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  let reply = "";
  socket.on("data", (d) => (reply += String(d)));
  socket.on("error", () => undefined);
  const closed = new Promise<{ ms: number; reply: string }>((resolve) =>
    socket.on("close", () => resolve({ ms: Date.now() - started, reply })),
  );
  return { socket, closed };
}

/** The status and problem+json body of a raw HTTP answer. */
function parseRaw(reply: string): { status: number; type: string; problem: Problem } {
  const [head, body] = reply.split("\r\n\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head!)?.[1]);
  const type = /\r\ncontent-type: ([^\r]*)/i.exec(head!)?.[1] ?? "";
  return { status, type, problem: JSON.parse(body!) as Problem };
}

describe("slow clients (a real listening server)", () => {
  let port: number;
  let admin: Session;
  beforeAll(async () => {
    port = await listening();
    admin = await signIn(ADMIN);
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
  });

  const served = async () => {
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/hosts?limit=5`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(9);
    return Date.now() - started;
  };

  it("closes connections that stop after the headers, that dribble the body, or the headers, while serving others", async () => {
    const head = (length: number) =>
      `POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    const stalled = Array.from({ length: 20 }, () => raw(port));
    for (const { socket } of stalled) socket.write(`${head(200)}{"username":`);
    const dribblers = Array.from({ length: 20 }, () => raw(port));
    const slowloris = Array.from({ length: 20 }, () => raw(port));
    for (const { socket } of dribblers) socket.write(head(10_000));
    for (const { socket } of slowloris) socket.write(`GET /api/v1/hosts HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    const timer = setInterval(() => {
      // Never quiet for long: a byte of body, a header line, every 100 ms.
      for (const { socket } of dribblers) if (!socket.destroyed) socket.write("x");
      for (const { socket } of slowloris) if (!socket.destroyed) socket.write(`X-Slow-${Date.now()}: 1\r\n`);
    }, 100);
    try {
      // Meanwhile the API answers everyone else, promptly.
      for (let i = 0; i < 5; i++) await served();
      // All of them while every slow client still holds its connection.
      for (const { socket } of [...dribblers, ...slowloris]) expect(socket.destroyed).toBe(false);
      const results = await Promise.all([...stalled, ...dribblers, ...slowloris].map((c) => c.closed));
      // Within the request timeout and one round of Node's check for requests past it, with room for a busy CI.
      const limit = REQUEST_TIMEOUT_MS + REQUEST_TIMEOUT_MS / 4 + 1500;
      for (const r of results) expect(r.ms).toBeLessThan(limit);
      // The quiet ones go after the idle timeout; the busy ones after the request timeout, answered 408.
      for (const r of results.slice(0, 20)) expect(r.ms).toBeGreaterThanOrEqual(CONNECTION_TIMEOUT_MS - 100);
      for (const r of results.slice(20)) {
        expect(r.ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
        const { status, type, problem } = parseRaw(r.reply);
        expect([status, type, problem.code]).toEqual([408, "application/problem+json", "REQUEST_TIMEOUT"]);
      }
    } finally {
      clearInterval(timer);
    }
    await served();
  });

  it("answers a declared oversized body with 413 before it is sent", async () => {
    const { socket, closed } = raw(port);
    socket.write(
      `POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n{`,
    );
    const reply = await new Promise<string>((resolve) => socket.once("data", (d) => resolve(String(d))));
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
    expect(reply).toContain("application/problem+json");
    socket.destroy();
    await closed;
  });

  it("answers what is not HTTP, and headers too large, with problem+json and closes the connection", async () => {
    const cases: [string, number, string][] = [
      ["GARBAGE\r\n\r\n", 400, "BAD_REQUEST"],
      [`GET /api/v1/hosts HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n`, 400, "BAD_REQUEST"],
      [`POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n`, 400, "BAD_REQUEST"],
      [`GET /api/v1/hosts HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20 * 1024)}\r\n\r\n`, 431, "HEADERS_TOO_LARGE"],
    ];
    for (const [request, status, code] of cases) {
      const { socket, closed } = raw(port);
      socket.write(request);
      const r = await closed;
      const answer = parseRaw(r.reply);
      expect([answer.status, answer.type, answer.problem.code], request.slice(0, 60)).toEqual([status, "application/problem+json", code]);
    }
    await served();
  });
});

describe("servers outside the allow-list (no SSRF)", () => {
  let listener: Server;
  let port: number;
  let connections = 0;
  beforeAll(async () => {
    listener = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
    port = (listener.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => listener.close(() => r())));

  it("refuses every server the API is not configured for, naming the field, and contacts none of them", async () => {
    const sim = new URL(api.sim.sdkUrl);
    const servers = [
      `http://127.0.0.1:${port}/sdk`,
      `http://127.0.0.1:${port}`,
      `https://127.0.0.1:${port}/sdk`,
      `http://localhost:${port}/sdk`,
      `http://[::1]:${port}/sdk`,
      `http://2130706433:${port}/sdk`,
      `http://user:pass@127.0.0.1:${port}/sdk`,
      `http://${sim.host}@127.0.0.1:${port}/sdk`,
      `http://127.0.0.1:${port}/sdk#${sim.host}`,
      `${api.sim.sdkUrl}/../../admin`,
      `${api.sim.sdkUrl}?target=http://127.0.0.1:${port}/`,
      `http://169.254.169.254/latest/meta-data/`,
      `file:///etc/passwd`,
      `gopher://127.0.0.1:${port}/_x`,
      `ftp://127.0.0.1:${port}/`,
      `//127.0.0.1:${port}/sdk`,
      `127.0.0.1:${port}`,
      "javascript:alert(1)",
      "",
    ];
    for (const server of servers) {
      const res = await inject(undefined, "POST", "/api/v1/session", { ...ADMIN, server });
      const p = problem(res, 400, "SERVER_NOT_ALLOWED");
      expect(p.errors).toEqual([{ path: "server", code: "server.notAllowed", message: expect.any(String) }]);
      expect(res.cookies.find((c) => c.name === "addnet_session")).toBeUndefined();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(connections).toBe(0);
    // The configured one, however it is written, is the one the API signs in to.
    for (const server of [api.sim.sdkUrl, api.sim.baseUrl, api.sim.sdkUrl.toUpperCase().replace("/SDK", "/sdk")]) {
      const res = await inject(undefined, "POST", "/api/v1/session", { ...ADMIN, server });
      expect(res.statusCode, `${server}: ${res.body}`).toBe(200);
    }
  });
});

describe("path traversal", () => {
  const ENCODED = [
    "/api/v1/hosts/..%2F..%2Fsession/networking",
    "/api/v1/hosts/..%2f..%2fsession/networking",
    "/api/v1/hosts/%2e%2e%2f%2e%2e%2fsession/networking",
    "/api/v1/hosts/..%5C..%5Csession/networking",
    "/api/v1/hosts/%252e%252e%252fsession/networking",
    "/api/v1/hosts/..%00/networking",
    "/api/v1/hosts/host-13%2F..%2F..%2Faudit/networking",
    "/api/v1/hosts/%2e%2e/networking",
    "/api/v1/hosts/%E0%A4%A/networking",
  ];
  const calls = () => [...api.sim.sim.sessions.values()].reduce((n, s) => n + s.callCount, 0);

  it("refuses paths that climb out of a host, and contacts no vCenter on their behalf", async () => {
    const admin = await signIn(ADMIN);
    const before = calls();
    for (const url of ENCODED) {
      const res = await inject(admin, "GET", url);
      expect(res.statusCode, `${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(["HOST_NOT_FOUND", "NOT_FOUND", "BAD_URL"]).toContain(res.json<Problem>().code);
      // Not the session it climbed towards.
      expect(res.body).not.toContain("csrfToken");
    }
    const model = stringify(vmotionOnNewSwitch);
    for (const url of ["/api/v1/hosts/..%2F..%2Fsession/vmkernel-adapters", "/api/v1/hosts/..%2F..%2Fsession/netstacks/..%2F..%2Faudit"]) {
      const res = await api.app.inject({
        method: url.includes("netstacks") ? "PATCH" : "POST",
        url,
        payload: url.includes("netstacks") ? '{"congestionControlAlgorithm":"cubic"}' : model,
        remoteAddress: nextIp(),
        headers: {
          cookie: admin.cookie,
          "x-csrf-token": admin.csrf,
          "content-type": "application/json",
          "idempotency-key": "traversal-key-1",
        },
      });
      problem(res, 404, "HOST_NOT_FOUND");
    }
    expect(calls()).toBe(before);
  });

  it("sent as raw bytes, unnormalised dot segments reach no other route either", async () => {
    const port = await listening();
    const admin = await signIn(ADMIN);
    const before = calls();
    for (const path of [
      ...ENCODED,
      "/api/v1/hosts/../session",
      "/api/v1/hosts/../../api/v1/session",
      "/api/v1/hosts/./networking",
      "/api/v1/audit/../session",
    ]) {
      const { socket, closed } = raw(port);
      socket.end(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${admin.cookie}\r\nConnection: close\r\n\r\n`);
      const answer = parseRaw((await closed).reply);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.type, path).toMatch(/^application\/problem\+json/);
      expect(["HOST_NOT_FOUND", "NOT_FOUND", "BAD_URL"], path).toContain(answer.problem.code);
    }
    expect(calls()).toBe(before);
  });
});
