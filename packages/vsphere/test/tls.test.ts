import { createHash, X509Certificate } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:tls";

import selfsigned from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSimulator } from "../../simulator/src/index.ts";
import { connectVCenter, normaliseThumbprint, VimTlsError, type VCenter } from "../src/index.ts";
import { ADMIN, simulator } from "./helpers.ts";

let running: RunningSimulator;
let dir: string;
let caFile: string;

beforeAll(async () => {
  running = await simulator({ tls: true });
  dir = await mkdtemp(join(tmpdir(), "vsphere-tls-"));
  caFile = join(dir, "vcenter-ca.pem");
  await writeFile(caFile, running.certificate!);
});
afterAll(async () => {
  await running.close();
  await rm(dir, { recursive: true, force: true });
});

async function works(vc: VCenter): Promise<void> {
  const { cookie } = await vc.login(ADMIN.user, ADMIN.password);
  expect((await vc.currentSession(cookie)).userName).toBe("VSPHERE.LOCAL\\Administrator");
  await vc.logout(cookie);
  vc.close();
}

async function refused(url: string, tls: Parameters<typeof connectVCenter>[0]["tls"]): Promise<VimTlsError> {
  const err = await connectVCenter({ url, tls }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(VimTlsError);
  return err as VimTlsError;
}

describe("TLS", () => {
  it("refuses a self-signed certificate by default (system CAs)", async () => {
    const err = await refused(running.sdkUrl, undefined);
    expect(err.code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(err.method).toBe("vimServiceVersions");
  });

  it("accepts the server with its CA pinned from a PEM file", async () => {
    await works(await connectVCenter({ url: running.sdkUrl, tls: { caFile } }));
  });

  it("accepts the right SHA-256 thumbprint, in any notation", async () => {
    await works(await connectVCenter({ url: running.sdkUrl, tls: { thumbprint: running.thumbprint! } }));
    const bare = running.thumbprint!.replace(/:/g, "").toLowerCase();
    expect(normaliseThumbprint(bare)).toBe(running.thumbprint);
    await works(await connectVCenter({ url: running.sdkUrl, tls: { thumbprint: bare } }));
  });

  it("refuses a wrong thumbprint", async () => {
    const err = await refused(running.sdkUrl, { thumbprint: "AB:".repeat(31) + "AB" });
    expect(err.code).toBe("ERR_VIM_THUMBPRINT_MISMATCH");
    expect(err.message).toContain(running.thumbprint);
  });

  it("accepts any certificate only with insecure: true", async () => {
    await works(await connectVCenter({ url: running.sdkUrl, tls: { insecure: true } }));
  });

  it("rejects contradictory or malformed TLS options", async () => {
    await expect(connectVCenter({ url: running.sdkUrl, tls: { insecure: true, caFile } })).rejects.toThrow(TypeError);
    await expect(connectVCenter({ url: running.sdkUrl, tls: { thumbprint: "12:34" } })).rejects.toThrow(/64 hex digits/);
    await expect(connectVCenter({ url: running.sdkUrl.replace("https:", "http:"), tls: { caFile } })).rejects.toThrow(/https/);
  });
});

describe("against a server with another certificate", () => {
  let server: Server;
  let url: string;
  let pems: Awaited<ReturnType<typeof selfsigned.generate>>;
  const received: Buffer[] = [];
  const closed: Promise<void>[] = [];

  beforeAll(async () => {
    // CN=impostor, no subjectAltName for 127.0.0.1.
    pems = await selfsigned.generate([{ name: "commonName", value: "impostor" }], { keySize: 2048 });
    // Decrypted data of completed handshakes, and the close of every TCP connection (completed or not).
    server = createServer({ key: pems.private, cert: pems.cert }, (socket) => socket.on("data", (chunk: Buffer) => received.push(chunk)));
    server.on("connection", (raw: Socket) => closed.push(new Promise((resolve) => raw.on("close", () => resolve()))));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/sdk`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("checks the host name against a pinned CA", async () => {
    const impostorCa = join(dir, "impostor.pem");
    await writeFile(impostorCa, pems.cert);
    const err = await refused(url, { caFile: impostorCa });
    expect(err.code).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
  });

  it("pins a thumbprint without sending a byte of the request before the certificate matched", async () => {
    const impostor = createHash("sha256").update(new X509Certificate(pems.cert).raw).digest("hex");
    expect(normaliseThumbprint(impostor)).not.toBe(running.thumbprint);
    received.length = 0;
    closed.length = 0;
    const err = await refused(url, { thumbprint: running.thumbprint! });
    expect(err.code).toBe("ERR_VIM_THUMBPRINT_MISMATCH");
    await Promise.all(closed);
    expect(closed.length).toBeGreaterThan(0);
    expect(Buffer.concat(received).length).toBe(0);
  });
});
