/**
 * A request must arrive in full within the request timeout. Node enforces requestTimeout only until a request's
 * headers are in: a client that then dribbles its body, a byte now and then, is never idle long enough for the
 * connection timeout either, and would hold its connection (and the body parser) for as long as it likes. Past the
 * deadline such a connection is answered 408 and closed.
 */
import { STATUS_CODES } from "node:http";
import { Socket } from "node:net";

import fp from "fastify-plugin";

/**
 * A whole HTTP/1.1 problem+json answer, for the places that have only the socket: the connection is closed after it.
 */
export function rawProblem(status: number, code: string, detail: string): string {
  const title = STATUS_CODES[status] ?? "Error";
  const type = `https://addnet.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`;
  const body = JSON.stringify({ type, title, status, detail, code });
  return (
    `HTTP/1.1 ${status} ${title}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

export default fp<{ timeoutMs: number }>(async (app, { timeoutMs }) => {
  app.addHook("onRequest", async (req, reply) => {
    const raw = req.raw;
    // Only real connections (not app.inject), and only requests still being received.
    if (raw.complete || !(raw.socket instanceof Socket)) return;
    const socket = raw.socket;
    const timer = setTimeout(() => {
      if (raw.complete || socket.destroyed) return;
      req.log.warn({ timeoutMs }, "request body not received in time: closing the connection");
      if (!reply.raw.headersSent)
        socket.end(rawProblem(408, "REQUEST_TIMEOUT", `The request was not received in full within ${timeoutMs} ms`));
      // Closed whether or not the client reads the answer.
      setTimeout(() => socket.destroy(), 100).unref();
    }, timeoutMs);
    timer.unref();
    const done = () => clearTimeout(timer);
    raw.once("end", done);
    reply.raw.once("close", done);
  });
});
