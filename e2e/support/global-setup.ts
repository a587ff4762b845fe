/** Before the run: the previous run's screenshots go, so that screenshots/ shows this run's pages only. */
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

export default function globalSetup(): void {
  rmSync(fileURLToPath(new URL("../screenshots/", import.meta.url)), { recursive: true, force: true });
}
