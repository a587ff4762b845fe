/**
 * `pnpm --filter @addnet/api build`: the API (src/main.ts) and the simulator's CLI as two ES modules for Node 20 in
 * dist/ — main.js and sim.js, run with plain `node` (Node 20 cannot run the workspace packages' .ts sources).
 *
 * The workspace packages (@addnet/*, which export TypeScript) and their own npm dependencies are bundled in; this
 * package's npm dependencies stay external, so that the image's `pnpm deploy --prod` node_modules supplies them:
 * better-sqlite3's native addon and pg cannot be bundled, @fastify/swagger-ui serves files from its own folder, and
 * zod must be the one instance that both @addnet/contracts and fastify-type-provider-zod see.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "dist");
const { dependencies } = JSON.parse(readFileSync(join(here, "package.json"), "utf8")) as { dependencies: Record<string, string> };

const result = await build({
  entryPoints: { main: join(here, "src/main.ts"), sim: join(here, "../../packages/simulator/src/cli.ts") },
  outdir: out,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: Object.keys(dependencies).filter((name) => !dependencies[name]!.startsWith("workspace:")),
  // Bundled CommonJS modules call require() for Node's built-ins, which ESM does not define.
  banner: { js: 'import { createRequire as __addnetRequire } from "node:module"; const require = __addnetRequire(import.meta.url);' },
  write: false,
  logLevel: "warning",
});

mkdirSync(out, { recursive: true });
// Each file is written whole and renamed into place: a test that builds while another test's replica starts from
// dist/ never reads half a file.
const put = (path: string, contents: Uint8Array) => {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
};
for (const file of result.outputFiles) put(file.path, file.contents);
// @addnet/vim25 reads vim25.json next to itself (new URL("./vim25.json", import.meta.url)): in the bundle that is dist/.
put(join(out, "vim25.json"), readFileSync(join(here, "../../packages/vim25/src/vim25.json")));
