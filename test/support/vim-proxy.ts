/**
 * A counting proxy in front of a vCenter's /sdk: every vim25 request that passes, with when it was sent and answered.
 * Round trips are counted here, on the wire, not by the client's own bookkeeping; the calls of one request that
 * overlap in time are one wait (a wave), so `waves` is the number of round trips the request waited on in turn.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ProxiedCall {
  method: string;
  start: number;
  end: number;
}

export interface VimProxy {
  /** The proxy's /sdk URL, to give the API in place of the vCenter's. */
  url: string;
  calls: ProxiedCall[];
  close(): Promise<void>;
}

/** `delayMs`: a latency added to every vim25 call, as a vCenter some way off would have it. */
export async function startVimProxy(sdkUrl: string, { delayMs = 0 }: { delayMs?: number } = {}): Promise<VimProxy> {
  const calls: ProxiedCall[] = [];
  const server: Server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on("data", (c: Buffer) => body.push(c));
    req.on("end", () => {
      const sent = Buffer.concat(body);
      const start = performance.now();
      // The body's first element in urn:vim25 is the method (GETs, e.g. vimServiceVersions.xml, are not vim25 calls).
      const method = /<(?:\w+:)?(\w+) xmlns(?::\w+)?="urn:vim25"/.exec(sent.toString())?.[1];
      const forward = () => {
        const upstream = request(new URL(req.url!, sdkUrl), { method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode!, r.headers);
          r.pipe(res);
          r.on("end", () => {
            if (method) calls.push({ method, start, end: performance.now() });
          });
        });
        upstream.on("error", () => res.destroy());
        upstream.end(sent);
      };
      if (method && delayMs > 0) setTimeout(forward, delayMs);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${new URL(sdkUrl).pathname}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The stretches of time in which at least one of the calls was in flight: calls that overlap are one stretch. */
function spans(calls: ProxiedCall[]): [number, number][] {
  const out: [number, number][] = [];
  for (const c of [...calls].sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && c.start < last[1]) last[1] = Math.max(last[1], c.end);
    else out.push([c.start, c.end]);
  }
  return out;
}

/** The round trips a set of calls waited on in turn: calls that overlap in time are one wave. */
export function waves(calls: ProxiedCall[]): number {
  return spans(calls).length;
}

/** How long at least one of the calls was in flight (reads that run in parallel count once). */
export function inFlightMs(calls: ProxiedCall[]): number {
  return spans(calls).reduce((total, [start, end]) => total + end - start, 0);
}
