/**
 * The API of the commit before issue 12 (BASELINE_REV; API_BASELINE_REV picks another), checked out beside this one so
 * that `pnpm bench` measures today's code against it in the same run on the same machine: `git archive` of the commit
 * into the system's temporary directory, with its own `pnpm install` from its own lockfile (it had packages today's
 * tree no longer has: soap and axios). Kept between runs: a checkout is reused once its install has finished.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BASELINE_REV = process.env.API_BASELINE_REV ?? "f404fd9639f6eb7b16446cac160ed7541f9d9ace";

/** The baseline's checkout directory, installed; or why there is none (the commit is not in this clone, no registry). */
export function baselineCheckout(rev = BASELINE_REV): { root: string } | { why: string } {
  const root = join(tmpdir(), `addnet-baseline-${rev.slice(0, 12)}`);
  const installed = join(root, ".installed");
  if (existsSync(installed)) return { root };
  try {
    execFileSync("git", ["cat-file", "-e", `${rev}^{commit}`], { cwd: ROOT, stdio: "ignore" });
  } catch {
    return { why: `commit ${rev.slice(0, 12)} is not in this clone` };
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  try {
    execFileSync("sh", ["-c", 'git archive "$1" | tar -x -C "$2"', "sh", rev, root], { cwd: ROOT, stdio: "inherit" });
    execFileSync("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, CI: "true" },
    });
  } catch (err) {
    return { why: `its install failed: ${(err as Error).message.split("\n")[0]}` };
  }
  writeFileSync(installed, new Date().toISOString());
  return { root };
}
