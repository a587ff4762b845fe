/**
 * The web app's figures for `pnpm bench` (bench/run.ts runs this file as its own process; it also runs alone:
 * `node --import tsx e2e/bench/web-perf.ts`). Writes bench/out/web.json and the report's section, bench/out/web.md.
 *
 * - Transfer size: the JS and CSS files chromium actually requests for the sign-in route (/login) and for a direct
 *   load of the wizard's first page, each measured from the built file in apps/web/dist, raw and gzipped.
 * - Time to interactive: from the start of the navigation (performance.timeOrigin) to the moment the first wizard
 *   page ("Select connection type") is in the DOM with its Next button enabled and the step list's current step focused
 *   (where the wizard puts focus when it opens), i.e. the
 *   user can act on it; chromium against the API and its built-in simulator, median of several runs, each in a
 *   fresh browser context (cold cache) and, separately, as a reload (warm cache).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { chromium, type BrowserContext, type Page } from "@playwright/test";

import { launchOptions } from "../support/browser.ts";
import { USERS } from "../support/env.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(ROOT, "apps/web/dist");
const OUT = join(ROOT, "bench/out");
const RUNS = Number(process.env.WEB_BENCH_RUNS ?? 9);
const CONTROL_TOKEN = "web-bench-token";
const COMMAND = "node --import tsx e2e/bench/web-perf.ts";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The API with its built-in simulator on free ports, as `pnpm start` runs it. */
async function startServer(): Promise<{ base: string; simBase: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      SIM_PORT: "0",
      ADDNET_SIM_CONTROL_TOKEN: CONTROL_TOKEN,
      DATABASE_URL: join(OUT, "web-bench-journal.sqlite"),
      LOGIN_RATE_LIMIT_PER_MINUTE: "10000",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const urls = await new Promise<{ base: string; simBase: string }>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const sim = /Simulated vCenter: (http:\/\/\S+)\/sdk/.exec(out);
      const api = /addnet: (http:\/\/\S+?)\/?\s/.exec(out);
      if (sim && api) resolve({ base: api[1]!, simBase: sim[1]! });
    });
    child.once("exit", (code) => reject(new Error(`the API exited with ${code}`)));
  });
  return { ...urls, stop: () => child.kill("SIGTERM") };
}

interface Asset {
  path: string;
  type: "js" | "css";
  bytes: number;
  gzipBytes: number;
}

/** The JS and CSS files the page requested while `load` ran, sized from apps/web/dist. */
async function assetsLoaded(page: Page, load: () => Promise<void>): Promise<Asset[]> {
  const seen = new Set<string>();
  const onRequest = (req: { url(): string }) => {
    const path = new URL(req.url()).pathname;
    if (/\.(js|css)$/.test(path)) seen.add(path);
  };
  page.on("request", onRequest);
  await load();
  page.off("request", onRequest);
  return [...seen].sort().map((path) => {
    const file = readFileSync(join(DIST, path));
    return { path, type: path.endsWith(".css") ? "css" : "js", bytes: file.length, gzipBytes: gzipSync(file).length };
  });
}

const sum = (assets: Asset[], type: Asset["type"], key: "bytes" | "gzipBytes") =>
  assets.filter((a) => a.type === type).reduce((n, a) => n + a[key], 0);

/**
 * Records, in the page, when the first wizard page became usable (DOM mutations and focus, no polling delay). A
 * string, not a function: tsx's transform would add helpers to a function's source that the page does not have.
 */
const WATCH_WIZARD = `(() => {
  const ready = () => {
    const heading = document.querySelector(".wizard-page-title");
    const next = [...document.querySelectorAll(".wizard-footer button")].find((b) => b.type === "submit");
    return heading !== null && heading.textContent === "Select connection type" && next !== undefined && !next.disabled
      && document.activeElement?.getAttribute("aria-current") === "step";
  };
  const check = () => {
    if (window.__wizardReady === undefined && ready()) window.__wizardReady = performance.now();
  };
  // The DOM commits, then the step list's current step takes focus (not a mutation): either can be the last step.
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener("focusin", check, true);
})();`;

async function wizardInteractiveMs(page: Page, url: string, how: "goto" | "reload"): Promise<number> {
  if (how === "goto") await page.goto(url, { waitUntil: "commit" });
  else await page.reload({ waitUntil: "commit" });
  await page.waitForFunction(() => (window as unknown as { __wizardReady?: number }).__wizardReady !== undefined, undefined, {
    timeout: 30_000,
  });
  return page.evaluate(() => (window as unknown as { __wizardReady: number }).__wizardReady);
}

async function signedInContext(browser: Awaited<ReturnType<typeof chromium.launch>>, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, locale: "en-US", viewport: { width: 1440, height: 900 } });
  const res = await context.request.post("/api/v1/session", { data: USERS.administrator });
  if (res.status() !== 200) throw new Error(`sign-in: ${res.status()} ${await res.text()}`);
  return context;
}

console.log("web: building apps/web");
execFileSync("pnpm", ["--filter", "@addnet/web", "build", "--logLevel", "error"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
mkdirSync(OUT, { recursive: true });
const server = await startServer();
const browser = await chromium.launch(launchOptions);
try {
  const api = await signedInContext(browser, server.base);
  const page0 = await api.request.get("/api/v1/hosts?search=esx-01");
  const hostId = ((await page0.json()) as { items: { id: string; name: string }[] }).items.find((h) => h.name === "esx-01.lab.local")!.id;
  await api.close();
  const wizardUrl = `/hosts/${hostId}/networking/vmkernel-adapters/add-networking/connection-type`;

  // What each route loads, cold.
  const signInContext = await browser.newContext({ baseURL: server.base, locale: "en-US" });
  const signInPage = await signInContext.newPage();
  const signInAssets = await assetsLoaded(signInPage, async () => {
    await signInPage.goto("/login");
    await signInPage.getByRole("button", { name: "Log in" }).waitFor();
    await signInPage.waitForLoadState("networkidle");
  });
  await signInContext.close();

  const wizardContext = await signedInContext(browser, server.base);
  await wizardContext.addInitScript({ content: WATCH_WIZARD });
  const wizardPage = await wizardContext.newPage();
  const wizardAssets = await assetsLoaded(wizardPage, async () => {
    await wizardInteractiveMs(wizardPage, wizardUrl, "goto");
    await wizardPage.waitForLoadState("networkidle");
  });
  await wizardContext.close();

  // Time to interactive: a fresh context each run (nothing cached), then reloads of one page (cached).
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const context = await signedInContext(browser, server.base);
    await context.addInitScript({ content: WATCH_WIZARD });
    const page = await context.newPage();
    const ms = await wizardInteractiveMs(page, wizardUrl, "goto");
    if (i > 0) cold.push(ms); // the first run warms the server (its first host read, JIT)
    await context.close();
  }
  {
    const context = await signedInContext(browser, server.base);
    await context.addInitScript({ content: WATCH_WIZARD });
    const page = await context.newPage();
    await wizardInteractiveMs(page, wizardUrl, "goto");
    for (let i = 0; i < RUNS; i++) warm.push(await wizardInteractiveMs(page, wizardUrl, "reload"));
    await context.close();
  }

  const wizardOnly = wizardAssets.filter((a) => !signInAssets.some((s) => s.path === a.path));
  const figures = {
    command: COMMAND,
    chromium: browser.version(),
    runs: RUNS,
    signIn: { assets: signInAssets },
    wizard: { url: wizardUrl, assets: wizardAssets, beyondSignIn: wizardOnly.map((a) => a.path) },
    interactiveMs: { cold, warm, coldMedian: median(cold), warmMedian: median(warm) },
  };
  writeFileSync(join(OUT, "web.json"), `${JSON.stringify(figures, null, 2)}\n`);

  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const row = (name: string, assets: Asset[]) =>
    `| ${name} | ${assets.filter((a) => a.type === "js").length} | ${kib(sum(assets, "js", "bytes"))} | **${kib(sum(assets, "js", "gzipBytes"))}** | ${assets.filter((a) => a.type === "css").length} | ${kib(sum(assets, "css", "bytes"))} | **${kib(sum(assets, "css", "gzipBytes"))}** |`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}, Chromium ${browser.version()} (headless)`;
  const section = `
## Web app: what the sign-in and wizard routes load, and how soon the wizard is usable

\`pnpm bench\` (its step \`${COMMAND}\`) on ${machine}. It builds apps/web (\`pnpm --filter @addnet/web build\`), starts the API with its
built-in simulator (\`node --import tsx apps/api/src/main.ts\`, free ports) and drives Debian's chromium with Playwright.

**Transfer size.** The JS and CSS files chromium requested, each sized from apps/web/dist and gzipped here (zlib,
default level): the sign-in page (\`/login\`, not signed in) and a direct load of the wizard's first page, signed in
(\`…/vmkernel-adapters/add-networking/connection-type\`: app shell, host page, networking views and wizard).

| route | JS files | JS | JS gzip | CSS files | CSS | CSS gzip |
|---|---:|---:|---:|---:|---:|---:|
${row("sign-in (/login)", signInAssets)}
${row("wizard, first page", wizardAssets)}
${row("wizard beyond sign-in (lazy chunks)", wizardOnly)}

**Time to the first wizard page being interactive**: from the start of the navigation to "Select connection type"
in the DOM with Next enabled and the current step focused (recorded in the page by a MutationObserver and a focus listener), signed in
as administrator, host esx-01 (its networking read through the API from the simulator). Median of ${RUNS} runs after one warm-up.

| | median | fastest | slowest |
|---|---:|---:|---:|
| cold (new browser context each run, nothing cached) | **${median(cold).toFixed(0)} ms** | ${Math.min(...cold).toFixed(0)} ms | ${Math.max(...cold).toFixed(0)} ms |
| warm (reload, files cached) | **${median(warm).toFixed(0)} ms** | ${Math.min(...warm).toFixed(0)} ms | ${Math.max(...warm).toFixed(0)} ms |
`;
  writeFileSync(join(OUT, "web.md"), section);
  console.log(
    `web: sign-in JS ${kib(sum(signInAssets, "js", "gzipBytes"))} + CSS ${kib(sum(signInAssets, "css", "gzipBytes"))} gzip; wizard JS ${kib(sum(wizardAssets, "js", "gzipBytes"))} + CSS ${kib(sum(wizardAssets, "css", "gzipBytes"))} gzip; first wizard page interactive in ${median(cold).toFixed(0)} ms cold, ${median(warm).toFixed(0)} ms warm (median of ${RUNS})`,
  );
} finally {
  await browser.close();
  server.stop();
}
