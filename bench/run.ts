/**
 * `pnpm bench`: figures, not a timed test. Writes bench/REPORT.md.
 *
 * Simulator: a full-inventory RetrievePropertiesEx of config.network (through a ContainerView, no paging) at
 * 10, 250 and 2,500 hosts: wall time, response size and the simulator's memory, and how they grow.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = 5;
const SIZES = [10, 250, 2500];

const SOAP = (method: string, inner: string) =>
  `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
  `<soapenv:Body><${method} xmlns="urn:vim25">${inner}</${method}></soapenv:Body></soapenv:Envelope>`;

async function call(url: string, body: string, cookie?: string): Promise<{ text: string; cookie?: string }> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "text/xml", ...(cookie ? { Cookie: cookie } : {}) }, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${res.status}: ${text.slice(0, 500)}`);
  return { text, cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

/** Starts the simulator CLI as its own process, so that its memory is its own. */
async function startSimulator(hosts: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "packages/simulator/src/cli.ts", "--port", "0", "--hosts", String(hosts)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /SDK_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { child, url };
}

/** Resident memory of a process in MiB: now, and its peak. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Figure {
  hosts: number;
  medianMs: number;
  minMs: number;
  bytes: number;
  idleRssMiB: number;
  peakRssMiB: number;
}

async function measure(hosts: number): Promise<Figure> {
  const { child, url } = await startSimulator(hosts);
  try {
    const idle = memory(child.pid!);
    const { cookie } = await call(
      url,
      SOAP(
        "Login",
        `<_this type="SessionManager">SessionManager</_this><userName>administrator@vsphere.local</userName><password>VMware1!</password>`,
      ),
    );
    const view = await call(
      url,
      SOAP(
        "CreateContainerView",
        `<_this type="ViewManager">ViewManager</_this><container type="Folder">group-d1</container><type>HostSystem</type><recursive>true</recursive>`,
      ),
      cookie,
    );
    const viewId = /<returnval type="ContainerView">([^<]+)</.exec(view.text)![1]!;
    const retrieve = SOAP(
      "RetrievePropertiesEx",
      `<_this type="PropertyCollector">propertyCollector</_this><specSet><propSet><type>HostSystem</type><pathSet>config.network</pathSet></propSet>` +
        `<objectSet><obj type="ContainerView">${viewId}</obj><skip>true</skip><selectSet xsi:type="TraversalSpec"><type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet><options/>`,
    );
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const { text } = await call(url, retrieve, cookie);
      times.push(performance.now() - start);
      bytes = Buffer.byteLength(text);
      const objects = text.split("<objects>").length - 1;
      if (objects !== hosts) throw new Error(`expected ${hosts} objects, got ${objects}`);
    }
    const after = memory(child.pid!);
    return { hosts, medianMs: median(times), minMs: Math.min(...times), bytes, idleRssMiB: idle.rss, peakRssMiB: after.peak };
  } finally {
    child.kill("SIGTERM");
  }
}

const figures: Figure[] = [];
for (const n of SIZES) {
  const f = await measure(n);
  console.log(
    `${n} hosts: ${f.medianMs.toFixed(1)} ms median, ${(f.bytes / 1024).toFixed(0)} KiB, peak RSS ${f.peakRssMiB.toFixed(0)} MiB`,
  );
  figures.push(f);
}

const [, mid, large] = figures as [Figure, Figure, Figure];
const cpu = cpus()[0]?.model ?? "unknown CPU";
const report = `# addnet benchmark report

Written by \`pnpm bench\` (bench/run.ts) on ${new Date().toISOString()}.
Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}.

## Simulator: full-inventory RetrievePropertiesEx of \`config.network\`

One call through a ContainerView over every HostSystem, no paging; ${RUNS} runs each against a fresh simulator
process (\`node --import tsx packages/simulator/src/cli.ts --hosts N\`). Memory is the simulator process's own
resident set: idle after start-up, and its peak after the runs.

| hosts | median wall time | fastest | response size | idle RSS | peak RSS |
|---:|---:|---:|---:|---:|---:|
${figures
  .map(
    (f) =>
      `| ${f.hosts} | ${f.medianMs.toFixed(1)} ms | ${f.minMs.toFixed(1)} ms | ${(f.bytes / 1024).toFixed(0)} KiB | ${f.idleRssMiB.toFixed(0)} MiB | ${f.peakRssMiB.toFixed(0)} MiB |`,
  )
  .join("\n")}

Growth from 250 to 2,500 hosts (10× the hosts): wall time ×${(large.medianMs / mid.medianMs).toFixed(1)}, response size ×${(large.bytes / mid.bytes).toFixed(1)}, peak RSS ×${(large.peakRssMiB / mid.peakRssMiB).toFixed(1)}.
`;
writeFileSync(new URL("REPORT.md", import.meta.url), report);
console.log("wrote bench/REPORT.md");
