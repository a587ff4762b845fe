import { existsSync, readFileSync } from "node:fs";
import { Agent, type AgentOptions } from "node:https";
import { rootCertificates, type TLSSocket } from "node:tls";
import type { Duplex } from "node:stream";
import type { ClientRequestArgs } from "node:http";

/**
 * How to trust one vCenter's certificate. With none of the fields set, the certificate must chain to a
 * system CA (Node's bundled roots plus the OS bundle, where vCenter's VMCA root is usually installed).
 * Set at most one of them.
 */
export interface TlsOptions {
  /** A PEM file with the CA(s) to trust instead of the system CAs (e.g. the VMCA root). */
  caFile?: string;
  /** The SHA-256 fingerprint of the server's certificate ("AB:CD:…" or plain hex); nothing else is checked. */
  thumbprint?: string;
  /** Accept any certificate. Only for labs: the connection can be intercepted. */
  insecure?: boolean;
}

/** Where Debian/Ubuntu and RHEL-family systems keep the OS trust bundle. */
const OS_CA_BUNDLES = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"];

let systemCas: string[] | undefined;

function systemCaList(): string[] {
  if (!systemCas) {
    const bundle = OS_CA_BUNDLES.find((path) => existsSync(path));
    systemCas = [...rootCertificates, ...(bundle ? [readFileSync(bundle, "utf8")] : [])];
  }
  return systemCas;
}

/** "AB:CD:…" in upper case, from any case with or without colons; undefined when it is not SHA-256 sized. */
export function normaliseThumbprint(thumbprint: string): string | undefined {
  const hex = thumbprint.replace(/[\s:]/g, "").toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(":") : undefined;
}

/** The code of the error a thumbprint mismatch fails the connection with. */
export const THUMBPRINT_MISMATCH = "ERR_VIM_THUMBPRINT_MISMATCH";

/**
 * Pins the server certificate by its SHA-256 fingerprint. Chain verification is off (the point of a
 * thumbprint is to trust a self-signed certificate), so the socket is handed to the HTTP request only
 * after the fingerprint matched: no byte of the request (cookie, password) reaches another server.
 */
class ThumbprintAgent extends Agent {
  constructor(
    private readonly thumbprint: string,
    options: AgentOptions,
  ) {
    // No TLS session reuse: every connection shows its certificate.
    super({ ...options, rejectUnauthorized: false, maxCachedSessions: 0 });
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options) as TLSSocket;
    const fail = (err: Error) => {
      socket.destroy();
      callback?.(err, socket);
    };
    socket.once("error", fail);
    socket.once("secureConnect", () => {
      socket.off("error", fail);
      const presented = socket.getPeerCertificate().fingerprint256;
      if (presented === this.thumbprint) {
        callback?.(null, socket);
        return;
      }
      fail(
        Object.assign(new Error(`The server's certificate thumbprint ${presented ?? "(none)"} is not the pinned ${this.thumbprint}`), {
          code: THUMBPRINT_MISMATCH,
        }),
      );
    });
    // Returning nothing makes the HTTP agent wait for the callback.
    return undefined;
  }
}

/** The HTTPS agent for one vCenter: keep-alive, and certificate checks as `tls` asks. */
export function httpsAgent(tls: TlsOptions = {}, options: AgentOptions = {}): Agent {
  const chosen = [tls.caFile !== undefined, tls.thumbprint !== undefined, tls.insecure === true].filter(Boolean).length;
  if (chosen > 1) throw new TypeError("TLS options: set only one of caFile, thumbprint and insecure");
  if (tls.thumbprint !== undefined) {
    const thumbprint = normaliseThumbprint(tls.thumbprint);
    if (!thumbprint) throw new TypeError("TLS options: thumbprint must be a SHA-256 fingerprint (64 hex digits)");
    return new ThumbprintAgent(thumbprint, options);
  }
  if (tls.insecure) return new Agent({ ...options, rejectUnauthorized: false });
  const ca = tls.caFile !== undefined ? readFileSync(tls.caFile, "utf8") : systemCaList();
  return new Agent({ ...options, rejectUnauthorized: true, ca });
}
