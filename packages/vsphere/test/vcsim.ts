/**
 * VMware's own vCenter simulator (vcsim, govmomi 0.24.2) for interop tests: built from interop/vcsim with Go and
 * Debian's golang-github-vmware-govmomi-dev (it fails without them), on a free loopback port.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const SOURCE = fileURLToPath(new URL("../interop/vcsim", import.meta.url));
const GOCODE = "/usr/share/gocode";

export interface RunningVcsim {
  /** The SDK URL, e.g. http://127.0.0.1:40123/sdk. */
  url: string;
  user: string;
  password: string;
  close(): Promise<void>;
}

/** `hosts`: that many standalone hosts instead of vcsim's default inventory (for pnpm bench). */
export async function startVcsim(user = "vcsim-user", password = "vcsim-Passw0rd", hosts?: number): Promise<RunningVcsim> {
  const dir = await mkdtemp(join(tmpdir(), "vcsim-"));
  const binary = join(dir, "vcsim");
  const env = { ...process.env, GO111MODULE: "off", GOPATH: `${join(dir, "gopath")}:${GOCODE}` };
  await promisify(execFile)("go", ["build", "-o", binary, "."], { cwd: SOURCE, env }).catch((err: Error) => {
    throw new Error(`building the vcsim launcher failed (needs golang-go and golang-github-vmware-govmomi-dev): ${err.message}`);
  });
  const vcsim = spawn(binary, ["-user", user, "-password", password, ...(hosts ? ["-hosts", String(hosts)] : [])]);
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: vcsim.stdout }).once("line", resolve);
    vcsim.once("exit", (code) => reject(new Error(`vcsim exited with ${code}`)));
  });
  return {
    url,
    user,
    password,
    close: async () => {
      if (vcsim.exitCode === null) {
        const exited = new Promise((resolve) => vcsim.once("exit", resolve));
        vcsim.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
