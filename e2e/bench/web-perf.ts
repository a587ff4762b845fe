/**
 * The web app's figures for `pnpm bench` (bench/run.ts runs this file as its own process; it also runs alone:
 * `node --import tsx e2e/bench/web-perf.ts`). Writes bench/out/web.json and the report's section, bench/out/web.md.
 *
 * Each figure is measured twice in the same run: for the web app as it is, and for a baseline, the web app of
 * BASELINE_REV (the commit before issue 12's changes; WEB_BASELINE_REV picks another) built from `git archive` with
 * today's node_modules. Both are served by today's API; the baseline's build has no .br/.gz files, so it goes out
 * uncompressed, as it did.
 *
 * - Transfer size: the JS and CSS files chromium actually requests for the sign-in route (/login) and for a direct
 *   load of the wizard's first page, each measured from the built file, raw and gzipped (zlib, default level), and the
 *   bytes that crossed the wire for them (chromium sends Accept-Encoding: gzip, deflate, br, zstd).
 * - Cache headers: what the API answers for index.html and for a hashed file under /assets, and a revalidation.
 * - Time to interactive: from the start of the navigation (performance.timeOrigin) to the moment the first wizard
 *   page ("Select connection type") is in the DOM with its Next button enabled and the step list's current step focused
 *   (where the wizard puts focus when it opens), i.e. the user can act on it; chromium against the API and its built-in
 *   simulator, median of several runs, each in a fresh browser context (cold cache), the baseline and today's build
 *   taking turns; separately, as a reload (warm cache), and cold again over an emulated slower link.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { chromium, type Browser, type BrowserContext, type Page, type Response as PageResponse } from "@playwright/test";

import { launchOptions } from "../support/browser.ts";
import { USERS } from "../support/env.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(ROOT, "apps/web/dist");
const OUT = join(ROOT, "bench/out");
const BASELINE_DIST = join(OUT, "web-baseline", "dist");
const RUNS = Number(process.env.WEB_BENCH_RUNS ?? 9);
/** The commit before issue 12's changes to the web app's size and loading (precompression, caching, CSS, i18n). */
const BASELINE_REV = process.env.WEB_BASELINE_REV ?? "03eecfd985228d92a61f6795ebb4215be0bf4e78";
const CONTROL_TOKEN = "web-bench-token";
const COMMAND = "node --import tsx e2e/bench/web-perf.ts";
/** Issue 12's targets. */
const TARGET = { signInJsGzip: 120 * 1024, signInCssGzip: 25 * 1024, coldRatio: 0.6 };
const IMMUTABLE = "public, max-age=31536000, immutable";
/** The slower link of the last measurement (chromium's network emulation): a branch office or a VPN. */
const SLOW_LINK = { downloadMbit: 20, uploadMbit: 5, latencyMs: 20 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const buildEnv = { ...process.env, NODE_ENV: "production" };

/** The web app of `rev`, built into BASELINE_DIST; undefined (and why) when that commit is not in this clone. */
function buildBaseline(rev: string): { dist?: string; reason?: string } {
  try {
    execFileSync("git", ["cat-file", "-e", `${rev}^{commit}`], { cwd: ROOT, stdio: "ignore" });
  } catch {
    return { reason: `commit ${rev} is not in this clone` };
  }
  const tree = mkdtempSync(join(tmpdir(), "addnet-web-baseline-"));
  try {
    const paths = ["apps/web", "packages/contracts", "tsconfig.base.json", "package.json"];
    execFileSync("sh", ["-c", `git archive "$1" ${paths.join(" ")} | tar -x -C "$2"`, "sh", rev, tree], { cwd: ROOT, stdio: "inherit" });
    // Today's installed packages: the workspace's links (pnpm's, relative) copied as they are, its store linked.
    symlinkSync(join(ROOT, "node_modules"), join(tree, "node_modules"));
    for (const pkg of ["apps/web", "packages/contracts"])
      cpSync(join(ROOT, pkg, "node_modules"), join(tree, pkg, "node_modules"), {
        recursive: true,
        verbatimSymlinks: true,
        filter: (src) => !/[\\/]\.vite(-temp)?$/.test(src),
      });
    const vite = join(tree, "apps/web/node_modules/vite/bin/vite.js");
    execFileSync(process.execPath, [vite, "build", "--outDir", BASELINE_DIST, "--emptyOutDir", "--logLevel", "error"], {
      cwd: join(tree, "apps/web"),
      env: buildEnv,
      stdio: ["ignore", "ignore", "inherit"],
    });
    return { dist: BASELINE_DIST };
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

/** The API with its built-in simulator on free ports, as `pnpm start` runs it, serving `webRoot` (default apps/web/dist). */
async function startServer(name: string, webRoot?: string): Promise<{ base: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      SIM_PORT: "0",
      ADDNET_SIM_CONTROL_TOKEN: CONTROL_TOKEN,
      DATABASE_URL: join(OUT, `web-bench-journal-${name}.sqlite`),
      LOGIN_RATE_LIMIT_PER_MINUTE: "10000",
      LOG_LEVEL: "warn",
      ...(webRoot ? { WEB_ROOT: webRoot } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const sim = /Simulated vCenter: (http:\/\/\S+)\/sdk/.exec(out);
      const api = /addnet: (http:\/\/\S+?)\/?\s/.exec(out);
      if (sim && api) resolve(api[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the API (${name}) exited with ${code}`)));
  });
  return { base, stop: () => child.kill("SIGTERM") };
}

interface Asset {
  path: string;
  type: "js" | "css";
  bytes: number;
  gzipBytes: number;
}

interface Load {
  assets: Asset[];
  /** Every file of the app the page received (document, scripts, style sheets, fonts): bytes on the wire, decoded. */
  wire: { files: number; transferred: number; decoded: number; encodings: string[] };
}

/** What the page requested while `load` ran: its JS and CSS sized from `dist`, and every file's bytes on the wire. */
async function measureLoad(page: Page, dist: string, load: () => Promise<void>): Promise<Load> {
  const seen = new Set<string>();
  const responses: Promise<{ transferred: number; decoded: number; encoding: string }>[] = [];
  const onRequest = (req: { url(): string }) => {
    const path = new URL(req.url()).pathname;
    if (/\.(js|css)$/.test(path)) seen.add(path);
  };
  const onResponse = (res: PageResponse) => {
    if (new URL(res.url()).pathname.startsWith("/api/")) return;
    responses.push(
      (async () => {
        const [sizes, body, encoding] = await Promise.all([
          res.request().sizes(),
          res.body().catch(() => Buffer.alloc(0)),
          res.headerValue("content-encoding"),
        ]);
        return { transferred: sizes.responseBodySize + sizes.responseHeadersSize, decoded: body.length, encoding: encoding ?? "identity" };
      })(),
    );
  };
  page.on("request", onRequest);
  page.on("response", onResponse);
  await load();
  page.off("request", onRequest);
  page.off("response", onResponse);
  const files = await Promise.all(responses);
  const assets = [...seen].sort().map((path): Asset => {
    const file = readFileSync(join(dist, path));
    return { path, type: path.endsWith(".css") ? "css" : "js", bytes: file.length, gzipBytes: gzipSync(file).length };
  });
  return {
    assets,
    wire: {
      files: files.length,
      transferred: files.reduce((n, f) => n + f.transferred, 0),
      decoded: files.reduce((n, f) => n + f.decoded, 0),
      encodings: [...new Set(files.map((f) => f.encoding))].sort(),
    },
  };
}

const sum = (assets: Asset[], type: Asset["type"], key: "bytes" | "gzipBytes") =>
  assets.filter((a) => a.type === type).reduce((n, a) => n + a[key], 0);

/** What the page logs once the first wizard page is usable. */
const WIZARD_READY = "addnet-bench: wizard ready";

/**
 * Records, in the page, when the first wizard page became usable (DOM mutations and focus, no polling delay), and says
 * so in the console. A string, not a function: tsx's transform would add helpers to a function's source that the page
 * does not have.
 */
const WATCH_WIZARD = `(() => {
  const ready = () => {
    const heading = document.querySelector(".wizard-page-title");
    const next = [...document.querySelectorAll(".wizard-footer button")].find((b) => b.type === "submit");
    return heading !== null && heading.textContent === "Select connection type" && next !== undefined && !next.disabled
      && document.activeElement?.getAttribute("aria-current") === "step";
  };
  const check = () => {
    if (window.__wizardReady !== undefined || !ready()) return;
    window.__wizardReady = performance.now();
    console.debug("${WIZARD_READY}");
  };
  // The DOM commits, then the step list's current step takes focus (not a mutation): either can be the last step.
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener("focusin", check, true);
})();`;

/**
 * Loads `url` and reads when its first wizard page became usable. It waits for the page's console message, not with
 * page.waitForFunction: that has Playwright evaluate its injected script (some 330 KB) in the page, on the main thread,
 * while the app's own scripts arrive, which held up every load measured here by tens of milliseconds.
 */
async function wizardInteractiveMs(page: Page, url: string, how: "goto" | "reload"): Promise<number> {
  const ready = page.waitForEvent("console", { predicate: (message) => message.text() === WIZARD_READY, timeout: 30_000 });
  if (how === "goto") await page.goto(url, { waitUntil: "commit" });
  else await page.reload({ waitUntil: "commit" });
  await ready;
  return page.evaluate(() => (window as unknown as { __wizardReady: number }).__wizardReady);
}

async function signedInContext(browser: Browser, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, locale: "en-US", viewport: { width: 1440, height: 900 } });
  const res = await context.request.post("/api/v1/session", { data: USERS.administrator });
  if (res.status() !== 200) throw new Error(`sign-in: ${res.status()} ${await res.text()}`);
  return context;
}

/** One cold load of the wizard's first page in a fresh context, over `link` when given. */
async function coldWizardMs(browser: Browser, base: string, url: string, link?: typeof SLOW_LINK): Promise<number> {
  const context = await signedInContext(browser, base);
  try {
    await context.addInitScript({ content: WATCH_WIZARD });
    const page = await context.newPage();
    if (link) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: link.latencyMs,
        downloadThroughput: (link.downloadMbit * 1e6) / 8,
        uploadThroughput: (link.uploadMbit * 1e6) / 8,
      });
    }
    return await wizardInteractiveMs(page, url, "goto");
  } finally {
    await context.close();
  }
}

interface Build {
  name: "baseline" | "today";
  dist: string;
  base: string;
  signIn?: Load;
  wizard?: Load;
  cold: number[];
  slow: number[];
}

/** The sign-in page in English, then (today's build) what switching it to Japanese fetches. */
async function measureSignIn(browser: Browser, build: Build): Promise<{ load: Load; japanese: string[] }> {
  const context = await browser.newContext({ baseURL: build.base, locale: "en-US" });
  try {
    const page = await context.newPage();
    const load = await measureLoad(page, build.dist, async () => {
      await page.goto("/login");
      await page.getByRole("button", { name: "Log in" }).waitFor();
      await page.waitForLoadState("networkidle");
    });
    const japanese: string[] = [];
    const onRequest = (req: { url(): string }) => {
      const path = new URL(req.url()).pathname;
      if (path.endsWith(".js")) japanese.push(path);
    };
    page.on("request", onRequest);
    await page.getByRole("combobox", { name: "Language" }).selectOption("ja");
    await page.getByRole("button", { name: "ログイン" }).waitFor();
    await page.waitForLoadState("networkidle");
    page.off("request", onRequest);
    return { load, japanese };
  } finally {
    await context.close();
  }
}

async function measureWizardLoad(browser: Browser, build: Build, url: string): Promise<Load> {
  const context = await signedInContext(browser, build.base);
  try {
    await context.addInitScript({ content: WATCH_WIZARD });
    const page = await context.newPage();
    return await measureLoad(page, build.dist, async () => {
      await wizardInteractiveMs(page, url, "goto");
      await page.waitForLoadState("networkidle");
    });
  } finally {
    await context.close();
  }
}

interface Headers {
  url: string;
  status: number;
  cacheControl: string;
  vary: string;
  contentEncoding: string;
  revalidated?: number;
}

/** A GET with exactly these headers (fetch would add Cache-Control: no-cache to a conditional request). */
function get(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    })
      .on("error", reject)
      .end();
  });
}

/** The API's answer for `path` to a client that accepts br, and to a revalidation with its ETag. */
async function headersOf(base: string, path: string): Promise<Headers> {
  const accept = { "accept-encoding": "br, gzip" };
  const res = await get(`${base}${path}`, accept);
  const etag = res.headers.etag;
  const again = typeof etag === "string" ? await get(`${base}${path}`, { ...accept, "if-none-match": etag }) : undefined;
  const header = (name: string) => String(res.headers[name] ?? "(none)");
  return {
    url: path,
    status: res.status,
    cacheControl: header("cache-control"),
    vary: header("vary"),
    contentEncoding: String(res.headers["content-encoding"] ?? "identity"),
    ...(again ? { revalidated: again.status } : {}),
  };
}

console.log("web: building apps/web");
execFileSync("pnpm", ["--filter", "@addnet/web", "build", "--logLevel", "error"], {
  cwd: ROOT,
  env: buildEnv,
  stdio: ["ignore", "ignore", "inherit"],
});
mkdirSync(OUT, { recursive: true });
console.log(`web: building the baseline, apps/web at ${BASELINE_REV.slice(0, 12)}`);
const baseline = buildBaseline(BASELINE_REV);
if (baseline.reason) console.log(`web: no baseline (${baseline.reason}); today's figures only`);

const servers = [await startServer("today")];
const builds: Build[] = [{ name: "today", dist: DIST, base: servers[0]!.base, cold: [], slow: [] }];
if (baseline.dist) {
  servers.push(await startServer("baseline", baseline.dist));
  builds.unshift({ name: "baseline", dist: baseline.dist, base: servers[1]!.base, cold: [], slow: [] });
}
const today = builds.find((b) => b.name === "today")!;
const before = builds.find((b) => b.name === "baseline");
const browser = await chromium.launch(launchOptions);
try {
  const api = await signedInContext(browser, today.base);
  const page0 = await api.request.get("/api/v1/hosts?search=esx-01");
  const hostId = ((await page0.json()) as { items: { id: string; name: string }[] }).items.find((h) => h.name === "esx-01.lab.local")!.id;
  await api.close();
  const wizardUrl = `/hosts/${hostId}/networking/vmkernel-adapters/add-networking/connection-type`;

  // What each route loads, cold; what switching the sign-in page to Japanese adds.
  let japanese: string[] = [];
  for (const build of builds) {
    const signIn = await measureSignIn(browser, build);
    build.signIn = signIn.load;
    if (build.name === "today") japanese = signIn.japanese;
    build.wizard = await measureWizardLoad(browser, build, wizardUrl);
  }
  const wizardChunks = today.wizard!.assets.filter((a) => !today.signIn!.assets.some((s) => s.path === a.path));

  // The API's headers for today's build.
  const entry = /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(join(DIST, "index.html"), "utf8"))![1]!;
  const font = readdirSync(join(DIST, "assets")).find((f) => f.endsWith(".woff"));
  const headers = [await headersOf(today.base, "/"), await headersOf(today.base, "/login"), await headersOf(today.base, entry)];
  if (font) headers.push(await headersOf(today.base, `/assets/${font}`));

  // Time to interactive, cold: the builds take turns, a fresh context each run; the first round warms the servers.
  for (let i = 0; i < RUNS + 1; i++) {
    for (const build of i % 2 ? [...builds].reverse() : builds) {
      const t = await coldWizardMs(browser, build.base, wizardUrl);
      if (i > 0) build.cold.push(t);
    }
  }
  // Warm: reloads of one page, today's build only (the baseline is served here with today's cache headers).
  const warm: number[] = [];
  {
    const context = await signedInContext(browser, today.base);
    await context.addInitScript({ content: WATCH_WIZARD });
    const page = await context.newPage();
    await wizardInteractiveMs(page, wizardUrl, "goto");
    for (let i = 0; i < RUNS; i++) warm.push(await wizardInteractiveMs(page, wizardUrl, "reload"));
    await context.close();
  }
  // Cold over a slower link, where the bytes count.
  const slowRuns = Math.max(3, Math.ceil(RUNS / 2));
  for (let i = 0; i < slowRuns; i++) {
    for (const build of i % 2 ? [...builds].reverse() : builds)
      build.slow.push(await coldWizardMs(browser, build.base, wizardUrl, SLOW_LINK));
  }

  // Targets.
  const signInJs = sum(today.signIn!.assets, "js", "gzipBytes");
  const signInCss = sum(today.signIn!.assets, "css", "gzipBytes");
  const coldRatio = before ? median(today.cold) / median(before.cold) : undefined;
  const slowRatio = before ? median(today.slow) / median(before.slow) : undefined;
  const [index, , script] = headers;
  const mark = (ok: boolean) => (ok ? "met" : "**not met**");
  const targets = [
    {
      target: "sign-in JS, gzip",
      limit: `≤ ${kib(TARGET.signInJsGzip)}`,
      baseline: before ? kib(sum(before.signIn!.assets, "js", "gzipBytes")) : "—",
      today: kib(signInJs),
      ratio: `${(signInJs / TARGET.signInJsGzip).toFixed(2)}× the limit`,
      met: signInJs <= TARGET.signInJsGzip,
    },
    {
      target: "sign-in CSS, gzip",
      limit: `≤ ${kib(TARGET.signInCssGzip)}`,
      baseline: before ? kib(sum(before.signIn!.assets, "css", "gzipBytes")) : "—",
      today: kib(signInCss),
      ratio: `${(signInCss / TARGET.signInCssGzip).toFixed(2)}× the limit`,
      met: signInCss <= TARGET.signInCssGzip,
    },
    {
      target: "sign-in, bytes on the wire (Accept-Encoding: br) / uncompressed",
      limit: "compressed",
      baseline: before ? `${kib(before.signIn!.wire.transferred)} / ${kib(before.signIn!.wire.decoded)}` : "—",
      today: `${kib(today.signIn!.wire.transferred)} / ${kib(today.signIn!.wire.decoded)} (${today.signIn!.wire.encodings.join(", ")})`,
      ratio: `${(today.signIn!.wire.transferred / today.signIn!.wire.decoded).toFixed(2)}× uncompressed`,
      met: today.signIn!.wire.transferred < today.signIn!.wire.decoded / 2,
    },
    {
      target: "hashed files under /assets: Cache-Control",
      limit: IMMUTABLE,
      baseline: "—",
      today: `${script!.cacheControl}; Vary: ${script!.vary}; ${script!.contentEncoding}`,
      ratio: "—",
      met: headers.slice(2).every((h) => h.cacheControl === IMMUTABLE) && /accept-encoding/i.test(script!.vary),
    },
    {
      target: "index.html (and client routes): Cache-Control",
      limit: "no-cache, revalidated",
      baseline: "—",
      today: `${index!.cacheControl}; Vary: ${index!.vary}; ${index!.contentEncoding}; revalidation ${index!.revalidated ?? "—"}`,
      ratio: "—",
      met: headers.slice(0, 2).every((h) => h.cacheControl === "no-cache" && h.revalidated === 304),
    },
    {
      target: "first wizard page interactive, cold (median)",
      limit: `≤ ${TARGET.coldRatio}× the baseline`,
      baseline: before ? ms(median(before.cold)) : "—",
      today: ms(median(today.cold)),
      ratio: coldRatio ? `${coldRatio.toFixed(2)}× the baseline` : "—",
      met: coldRatio !== undefined && coldRatio <= TARGET.coldRatio,
    },
  ];

  const figures = {
    command: COMMAND,
    chromium: browser.version(),
    runs: RUNS,
    baselineRev: baseline.dist ? BASELINE_REV : null,
    builds: builds.map((b) => ({
      name: b.name,
      signIn: b.signIn,
      wizard: b.wizard,
      coldMs: b.cold,
      coldMedian: median(b.cold),
      slowLinkMs: b.slow,
      slowLinkMedian: median(b.slow),
    })),
    wizard: { url: wizardUrl, beyondSignIn: wizardChunks.map((a) => a.path) },
    japaneseOnSwitch: japanese,
    headers,
    warmMs: warm,
    warmMedian: median(warm),
    slowLink: SLOW_LINK,
    targets: targets.map((t) => ({ ...t })),
  };
  writeFileSync(join(OUT, "web.json"), `${JSON.stringify(figures, null, 2)}\n`);

  const row = (name: string, assets: Asset[]) =>
    `| ${name} | ${assets.filter((a) => a.type === "js").length} | ${kib(sum(assets, "js", "bytes"))} | **${kib(sum(assets, "js", "gzipBytes"))}** | ${assets.filter((a) => a.type === "css").length} | ${kib(sum(assets, "css", "bytes"))} | **${kib(sum(assets, "css", "gzipBytes"))}** |`;
  const wireRow = (name: string, l: Load) =>
    `| ${name} | ${l.wire.files} | ${kib(l.wire.decoded)} | **${kib(l.wire.transferred)}** | ${l.wire.encodings.join(", ")} |`;
  const timeRow = (name: string, xs: number[]) => `| ${name} | **${ms(median(xs))}** | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} |`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}, Chromium ${browser.version()} (headless)`;
  const baselineNote = before
    ? `The **baseline** is the web app of commit \`${BASELINE_REV.slice(0, 12)}\` (before issue 12), built in the same run from
\`git archive\` with today's node_modules and served by today's API: its build has no .br/.gz files, so its files go out
uncompressed as they did then (its cache headers are today's, which a cold load does not use).`
    : `No baseline: ${baseline.reason}.`;
  const section = `
## Web app: what the sign-in and wizard routes load, and how soon the wizard is usable

\`pnpm bench\` (its step \`${COMMAND}\`) on ${machine}. It builds apps/web (\`pnpm --filter @addnet/web build\`), starts the API with its
built-in simulator (\`node --import tsx apps/api/src/main.ts\`, free ports) and drives Debian's chromium with Playwright.
${baselineNote}

**Issue 12's targets**

| target | limit | baseline | today | ratio | |
|---|---|---:|---:|---:|---|
${targets.map((t) => `| ${t.target} | ${t.limit} | ${t.baseline} | ${t.today} | ${t.ratio} | ${mark(t.met)} |`).join("\n")}

**Transfer size.** The JS and CSS files chromium requested, each sized from the build and gzipped here (zlib,
default level): the sign-in page (\`/login\`, not signed in, English) and a direct load of the wizard's first page, signed in
(\`…/vmkernel-adapters/add-networking/connection-type\`: app shell, host page, networking views and wizard).

| route | JS files | JS | JS gzip | CSS files | CSS | CSS gzip |
|---|---:|---:|---:|---:|---:|---:|
${builds.map((b) => [row(`${b.name}: sign-in (/login)`, b.signIn!.assets), row(`${b.name}: wizard, first page`, b.wizard!.assets)].join("\n")).join("\n")}
| today: wizard beyond sign-in (lazy chunks) | ${wizardChunks.filter((a) => a.type === "js").length} | ${kib(sum(wizardChunks, "js", "bytes"))} | **${kib(sum(wizardChunks, "js", "gzipBytes"))}** | ${wizardChunks.filter((a) => a.type === "css").length} | ${kib(sum(wizardChunks, "css", "bytes"))} | **${kib(sum(wizardChunks, "css", "gzipBytes"))}** |

The sign-in page loads neither the host page's and the wizard's code (${wizardChunks.map((a) => `\`${a.path.replace(/^\/assets\//, "")}\``).join(", ")}: only
with them) nor the Japanese catalogue: switching it to 日本語 fetches ${japanese.length ? japanese.map((p) => `\`${p.replace(/^\/assets\//, "")}\``).join(", ") : "nothing"}.

**On the wire.** Every file of the app each page received (document, scripts, style sheets, fonts; not the API's
answers): its size as the page uses it, and what crossed the wire (body and headers, as chromium counts them).

| load | files | uncompressed | transferred | Content-Encoding |
|---|---:|---:|---:|---|
${builds.map((b) => [wireRow(`${b.name}: sign-in`, b.signIn!), wireRow(`${b.name}: wizard, first page`, b.wizard!)].join("\n")).join("\n")}

**Cache headers** (today's API, \`Accept-Encoding: br, gzip\`; "revalidation" is the status of the same request with the ETag
in \`If-None-Match\`):

| URL | Cache-Control | Vary | Content-Encoding | revalidation |
|---|---|---|---|---|
${headers.map((h) => `| \`${h.url}\` | \`${h.cacheControl}\` | ${h.vary} | ${h.contentEncoding} | ${h.revalidated ?? "—"} |`).join("\n")}

**Time to the first wizard page being interactive**: from the start of the navigation to "Select connection type"
in the DOM with Next enabled and the current step focused (recorded in the page by a MutationObserver and a focus listener), signed in
as administrator, host esx-01 (its networking read through the API from the simulator). Median of ${RUNS} runs after one warm-up; the
builds take turns, so that both meet the same load on the machine.

| | median | fastest | slowest |
|---|---:|---:|---:|
${builds.map((b) => timeRow(`${b.name}: cold (new browser context each run, nothing cached)`, b.cold)).join("\n")}
${timeRow("today: warm (reload, files cached)", warm)}
${builds.map((b) => timeRow(`${b.name}: cold over a slower link (${SLOW_LINK.downloadMbit} Mbit/s down, ${SLOW_LINK.uploadMbit} up, ${SLOW_LINK.latencyMs} ms; ${slowRuns} runs)`, b.slow)).join("\n")}
${slowRatio ? `\nOver the slower link today's build is interactive in ${slowRatio.toFixed(2)}× the baseline's time; on loopback, where bytes cost nothing, in ${coldRatio!.toFixed(2)}×.\n` : ""}`;
  writeFileSync(join(OUT, "web.md"), section);
  for (const t of targets) console.log(`web: ${t.target}: ${t.today} (limit ${t.limit}; ${t.ratio}) ${t.met ? "met" : "NOT MET"}`);
  console.log(
    `web: first wizard page interactive in ${ms(median(today.cold))} cold${before ? ` (baseline ${ms(median(before.cold))})` : ""}, ${ms(median(warm))} warm; over ${SLOW_LINK.downloadMbit} Mbit/s ${ms(median(today.slow))}${before ? ` (baseline ${ms(median(before.slow))})` : ""} (median of ${RUNS})`,
  );
} finally {
  await browser.close();
  for (const s of servers) s.stop();
}
