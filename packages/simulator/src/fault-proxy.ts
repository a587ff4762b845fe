/**
 * A fault-injecting HTTP proxy for chaos tests: it sits between a vim25 client and a vCenter (or the simulator) and
 * makes a seeded share of the vim25 calls (POST /sdk) fail, in the ways a real network and vCenter fail — a SOAP
 * fault, a connection reset before or after the call ran, or no answer at all. Everything else passes through.
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream";
import { finished } from "node:stream/promises";

import { faultReply } from "./soap.ts";
import { Fault } from "./vim/fault.ts";

export type FaultKind = "fault" | "dropped" | "lostReply" | "noAnswer";

export interface FaultProxyOptions {
  /** The simulator's (or any vCenter's) base URL, e.g. http://127.0.0.1:8989 — requests keep their path (/sdk...). */
  target: string;
  /** Share of vim25 calls (POST /sdk) that fail, 0..1. Changeable at run time through proxy.rate. */
  rate: number;
  /** Which kinds to draw from, uniformly (default all four). */
  kinds?: FaultKind[];
  /** Seed of the deterministic PRNG that picks which calls fail and how (default 1). */
  seed?: number;
  port?: number; // default 0 = free port, bound on 127.0.0.1
  /** Methods never faulted (e.g. ["Logout"]); default none. */
  spare?: string[];
}

export interface FaultProxy {
  url: string; // e.g. http://127.0.0.1:PORT (no path)
  sdkUrl: string; // url + "/sdk"
  rate: number; // settable
  /** Calls seen and faults injected, per kind and per vim25 method. */
  stats(): { calls: number; injected: Record<FaultKind, number>; byMethod: Record<string, { calls: number; injected: number }> };
  close(): Promise<void>;
}

const ALL_KINDS: FaultKind[] = ["fault", "dropped", "lostReply", "noAnswer"];

/** mulberry32: tiny, fast and good enough to pick calls; the same seed gives the same draws. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first element in the SOAP Body, whatever its prefix: the vim25 method. */
const METHOD = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/;

/** Headers about one connection, not the message: each hop sets its own. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/** The simulator's own SystemError envelope, so that a client cannot tell an injected fault from a vCenter's. */
const INJECTED = faultReply(
  new Fault("SystemError", { reason: "injected by the fault proxy" }, "A general system error occurred: injected by the fault proxy"),
);

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const kinds = options.kinds ?? ALL_KINDS;
  if (!(options.rate >= 0 && options.rate <= 1) || kinds.length === 0) throw new RangeError("rate must be within 0..1 and kinds not empty");
  const target = new URL(options.target);
  // Plain HTTP only: the simulator's default; a TLS target would need a certificate policy this API does not carry.
  if (target.protocol !== "http:") throw new RangeError(`target must be an http: URL, not ${target.protocol}`);
  const spare = new Set(options.spare ?? []);
  const random = mulberry32(options.seed ?? 1);
  // Keep-alive upstream too, as the client's own connection would be to the vCenter.
  const agent = new Agent({ keepAlive: true });
  const injected: Record<FaultKind, number> = { fault: 0, dropped: 0, lostReply: 0, noAnswer: 0 };
  const byMethod: Record<string, { calls: number; injected: number }> = {};
  let calls = 0;

  /** Counts the call and picks its fate. Spared calls draw nothing, so they do not shift the others' sequence. */
  function draw(method: string): FaultKind | undefined {
    calls++;
    const counts = (byMethod[method] ??= { calls: 0, injected: 0 });
    counts.calls++;
    if (spare.has(method) || random() >= proxy.rate) return undefined;
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    injected[kind]++;
    counts.injected++;
    return kind;
  }

  /** Sends the request on to the target: the buffered body of a vim25 call, or the client's stream for the rest. */
  function forward(req: IncomingMessage, body?: Buffer): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const headers = { ...endToEnd(req.headers), host: target.host };
      if (body) headers["content-length"] = String(body.length);
      const up = httpRequest(new URL(req.url ?? "/", target), { method: req.method, headers, agent }, resolve);
      up.on("error", reject);
      if (body) up.end(body);
      else pipeline(req, up, () => {});
    });
  }

  function relay(upstream: IncomingMessage, res: ServerResponse): void {
    res.writeHead(upstream.statusCode ?? 502, endToEnd(upstream.headers));
    // A client that hangs up mid-reply ends both streams; there is no one to tell.
    pipeline(upstream, res, () => {});
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" || !(req.url ?? "").startsWith("/sdk")) {
      relay(await forward(req), res);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const kind = draw(METHOD.exec(body.toString("utf8"))?.[1] ?? "(no method)");
    if (kind === "fault") {
      res.writeHead(INJECTED.status, { "Content-Type": "text/xml; charset=utf-8", "Content-Length": Buffer.byteLength(INJECTED.body) });
      res.end(INJECTED.body);
      return;
    }
    if (kind === "dropped") {
      req.socket.destroy();
      return;
    }
    const upstream = await forward(req, body);
    if (!kind) {
      relay(upstream, res);
      return;
    }
    // Read the whole reply: the call has run on the target before the client loses it.
    await finished(upstream.resume());
    // noAnswer leaves the socket open: the client times out, or close() ends it.
    if (kind === "lostReply") req.socket.destroy();
  }

  const server = createServer((req, res) => {
    // The target failing at the transport level reaches the client the same way: a reset connection.
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const proxy: FaultProxy = {
    url,
    sdkUrl: `${url}/sdk`,
    rate: options.rate,
    stats: () => ({ calls, injected: { ...injected }, byMethod: structuredClone(byMethod) }),
    close: () =>
      new Promise<void>((resolve) => {
        // Also ends the connections held by noAnswer, and any call still waiting on the target.
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
