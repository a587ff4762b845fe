/**
 * The built web app as the API serves it: each file in the encoding the browser accepts (the build's own .br and
 * .gz, decoding to the very bytes of the original), Vary: Accept-Encoding, hashed files under /assets cached for a
 * year, index.html and the other unhashed files revalidated each time. Builds apps/web into a folder of its own.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApi, type TestApi } from "./helpers.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const IMMUTABLE = "public, max-age=31536000, immutable";

let dist: string;
let api: TestApi;
let assets: string[];

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "addnet-web-dist-"));
  execFileSync("pnpm", ["--filter", "@addnet/web", "exec", "vite", "build", "--outDir", dist, "--emptyOutDir", "--logLevel", "error"], {
    cwd: ROOT,
    // Vitest runs with NODE_ENV=test, which would make Vite build React's development bundle.
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  assets = readdirSync(join(dist, "assets"));
  api = await startApi({}, { WEB_ROOT: dist });
}, 240_000);

afterAll(async () => {
  await api?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => api.app.inject({ method: "GET", url, headers });
const decode = { br: brotliDecompressSync, gzip: gunzipSync } as const;
/** The entry script and style sheet index.html names: the files every page loads first. */
const entries = () =>
  [...readFileSync(join(dist, "index.html"), "utf8").matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);

describe("the build", () => {
  it("writes a .br and a .gz beside every script and style sheet (but the smallest, which need none) and index.html", () => {
    const text = assets.filter((f) => /\.(js|css)$/.test(f) && statSync(join(dist, "assets", f)).size > 1024);
    expect(text.length).toBeGreaterThan(3);
    for (const f of [...text.map((t) => `assets/${t}`), "index.html"]) {
      const original = readFileSync(join(dist, f));
      expect(brotliDecompressSync(readFileSync(join(dist, `${f}.br`))).equals(original), `${f}.br`).toBe(true);
      expect(gunzipSync(readFileSync(join(dist, `${f}.gz`))).equals(original), `${f}.gz`).toBe(true);
    }
  });
});

describe("the API serves the web app", () => {
  for (const [accept, encoding] of [
    ["br, gzip, deflate", "br"],
    ["gzip, deflate", "gzip"],
  ] as const) {
    it(`precompressed for Accept-Encoding "${accept}": ${encoding}, decoding to the file itself`, async () => {
      const files = [...entries(), "/"];
      expect(files.length).toBeGreaterThanOrEqual(3);
      for (const url of files) {
        const res = await get(url, { "accept-encoding": accept });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers["content-encoding"], url).toBe(encoding);
        expect(res.headers.vary, url).toMatch(/accept-encoding/i);
        expect(res.headers["content-type"], url).toMatch(
          url.endsWith(".css") ? /^text\/css/ : url.endsWith(".js") ? /javascript/ : /^text\/html/,
        );
        const original = readFileSync(join(dist, url === "/" ? "index.html" : url));
        expect(decode[encoding](res.rawPayload).equals(original), url).toBe(true);
        expect(res.rawPayload.length, url).toBeLessThan(original.length);
      }
    });
  }

  it("as it is to a client that accepts no compression, still with Vary: Accept-Encoding", async () => {
    for (const url of entries()) {
      for (const headers of [{}, { "accept-encoding": "identity" }] as Record<string, string>[]) {
        const res = await get(url, headers);
        expect(res.headers["content-encoding"], url).toBeUndefined();
        expect(res.headers.vary, url).toMatch(/accept-encoding/i);
        expect(res.rawPayload.equals(readFileSync(join(dist, url))), url).toBe(true);
      }
    }
  });

  it("hashed files under /assets cached for a year, immutable; fonts too", async () => {
    const font = assets.find((f) => f.endsWith(".woff"));
    expect(font).toBeDefined();
    for (const url of [...entries(), `/assets/${font}`]) {
      const res = await get(url, { "accept-encoding": "br" });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe(IMMUTABLE);
    }
  });

  it("index.html, at / and at any client-side route, revalidated each time: no-cache, 304 while unchanged", async () => {
    for (const url of ["/", "/index.html", "/login", "/hosts/host-12/networking/vmkernel-adapters"]) {
      const res = await get(url, { "accept-encoding": "br" });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"], url).toMatch(/^text\/html/);
      expect(res.headers["cache-control"], url).toBe("no-cache");
      expect(res.headers.etag, url).toBeDefined();
      const again = await get(url, { "accept-encoding": "br", "if-none-match": String(res.headers.etag) });
      expect(again.statusCode, url).toBe(304);
    }
  });

  it("the compressed copies are not URLs of their own, and a missing hashed file is a 404, not index.html", async () => {
    const [script] = entries();
    for (const url of [`${script}.br`, `${script}.gz`, "/assets/index-missing.js"]) {
      const res = await get(url, { "accept-encoding": "br" });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toMatch(/^application\/problem\+json/);
    }
  });
});
