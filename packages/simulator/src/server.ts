import { createHash, X509Certificate } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";

import selfsigned from "selfsigned";

import { handleControl, type Controls } from "./control.ts";
import { Simulator, type FaultRule, type SimulatorOptions } from "./simulator.ts";
import { faultReply, handleSoap, SESSION_COOKIE } from "./soap.ts";
import { faults } from "./vim/fault.ts";

export interface StartOptions extends SimulatorOptions {
  port?: number;
  bind?: string;
  tls?: boolean;
  latencyMs?: number;
  controlToken?: string;
  faults?: FaultRule[];
}

export interface RunningSimulator {
  sim: Simulator;
  /** e.g. http://127.0.0.1:8989/sdk */
  sdkUrl: string;
  /** Base URL of the control endpoint (/sim/...). */
  baseUrl: string;
  /** SHA-256 thumbprint of the self-signed certificate, with --tls. */
  thumbprint?: string;
  /** The self-signed certificate (PEM), with --tls, for clients that pin it. */
  certificate?: string;
  controls: Controls;
  close(): Promise<void>;
}

/** Requests larger than this get 413: no vim25 call addnet makes comes near it. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const SERVICE_VERSIONS = `<?xml version="1.0" encoding="UTF-8" ?>
<namespaces version="1.0">
 <namespace>
  <name>urn:vim25</name>
  <version>8.0.3.0</version>
  <priorVersions>
   <version>8.0.2.0</version>
   <version>8.0.1.0</version>
   <version>8.0.0.0</version>
   <version>7.0.3.0</version>
   <version>7.0.2.0</version>
   <version>7.0.1.0</version>
   <version>7.0.0.0</version>
   <version>6.7.3</version>
   <version>6.7</version>
   <version>6.5</version>
  </priorVersions>
 </namespace>
</namespaces>
`;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer[], headers: Record<string, string> = {}): void {
  const length = typeof body === "string" ? Buffer.byteLength(body) : body.reduce((n, chunk) => n + chunk.length, 0);
  res.writeHead(status, { "Content-Type": type, "Content-Length": length, ...headers });
  if (typeof body === "string") {
    res.end(body);
    return;
  }
  for (const chunk of body) res.write(chunk);
  res.end();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const sim = new Simulator(options);
  sim.faultRules = [...(options.faults ?? [])];
  const controls: Controls = { latencyMs: options.latencyMs ?? 0 };
  const token = options.controlToken;
  const held = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    if (req.method === "GET" && path === "/sdk/vimServiceVersions.xml") {
      send(res, 200, "text/xml; charset=utf-8", SERVICE_VERSIONS);
      return;
    }
    let body: string;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        send(res, 413, "text/plain", "Request body too large", { Connection: "close" });
        req.socket.destroySoon();
        return;
      }
      throw err;
    }
    if (path.startsWith("/sim/")) {
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        send(res, 400, "application/json", JSON.stringify({ error: "The body is not JSON" }));
        return;
      }
      const reply = handleControl(sim, controls, token, req, path, json);
      send(res, reply.status, "application/json", JSON.stringify(reply.body ?? null));
      return;
    }
    if (path !== "/sdk") {
      send(res, 404, "text/plain", "Not found");
      return;
    }
    if (req.method !== "POST") {
      send(res, 405, "text/plain", "Use POST", { Allow: "POST" });
      return;
    }
    if (controls.latencyMs > 0) await sleep(controls.latencyMs);
    const reply = await handleSoap(sim, body, req.headers.cookie, {
      ipAddress: req.socket.remoteAddress ?? "",
      userAgent: req.headers["user-agent"] ?? "",
      soapAction: req.headers.soapaction as string | undefined,
    });
    switch (reply.transport) {
      case "DroppedConnection":
        req.socket.destroy();
        return;
      case "Timeout":
        // Never answer; the client's own timeout is what is being tested. Closing the server ends it.
        held.add(res);
        res.on("close", () => held.delete(res));
        return;
      case "MalformedResponse":
        send(
          res,
          200,
          "text/xml; charset=utf-8",
          `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><broken`,
        );
        return;
    }
    const headers: Record<string, string> = {};
    if (reply.sessionId) {
      headers["Set-Cookie"] = `${SESSION_COOKIE}="${reply.sessionId}"; Path=/; HttpOnly${options.tls ? "; Secure" : ""}`;
    }
    send(res, reply.status, "text/xml; charset=utf-8", reply.body, headers);
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      // A client that hung up mid-request is nobody's fault: there is no one left to answer.
      if (req.destroyed || (err as NodeJS.ErrnoException).code === "ECONNRESET") return;
      console.error("simulator: request failed", err);
      if (!res.headersSent) {
        const reply = faultReply(faults.invalidRequest("The request could not be read"));
        send(res, reply.status, "text/xml; charset=utf-8", reply.body);
      } else res.destroy();
    });
  };

  let server: Server;
  let certificate: string | undefined;
  let thumbprint: string | undefined;
  if (options.tls) {
    const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
      keySize: 2048,
      extensions: [
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
          ],
        },
      ],
    });
    certificate = pems.cert;
    thumbprint = createHash("sha256").update(new X509Certificate(pems.cert).raw).digest("hex").toUpperCase().match(/../g)!.join(":");
    server = createHttpsServer({ key: pems.private, cert: pems.cert }, listener);
  } else {
    server = createHttpServer(listener);
  }
  // A slow or stalled client cannot hold a connection for long.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;

  const bind = options.bind ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8989, bind, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = bind.includes(":") ? `[${bind}]` : bind;
  const baseUrl = `${options.tls ? "https" : "http"}://${host}:${port}`;
  return {
    sim,
    sdkUrl: `${baseUrl}/sdk`,
    baseUrl,
    thumbprint,
    certificate,
    controls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
