/**
 * `pnpm start`: the API on one port (default 8080), serving the built web app, against VCENTER_URL — or, when it
 * is unset, against the built-in simulated vCenter started here.
 */
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

import { startSimulator, USERS } from "@addnet/simulator";

import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";

const webRoot = fileURLToPath(new URL("../../web/dist", import.meta.url));

try {
  const simulator = process.env.VCENTER_URL
    ? undefined
    : await startSimulator({
        port: Number(process.env.SIM_PORT ?? 8989),
        // A larger inventory for demos of scale: SIM_HOSTS=2500.
        hosts: Number(process.env.SIM_HOSTS ?? 9),
        controlToken: process.env.ADDNET_SIM_CONTROL_TOKEN,
      });
  // The simulator's read-only account reads its inventory for the host list, shared by every user.
  const readonly = simulator && USERS.find((u) => u.login === "readonly@vsphere.local");
  const inventoryAccount = readonly && { userName: readonly.login, password: readonly.password };
  const config = loadConfig(process.env, { vcenterUrl: simulator?.sdkUrl, webRoot, inventoryAccount });
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  // The port actually bound: PORT=0 picks a free one.
  const { port } = app.server.address() as AddressInfo;
  if (simulator) console.log(`Simulated vCenter: ${simulator.sdkUrl}`);
  console.log(`addnet: http://${config.host}:${port}/`);
  // Ctrl-C reaches this process twice under `pnpm start`: from the terminal and again from pnpm, which passes it on.
  // Every signal is handled (not only the first), so that the second one cannot end the process by its default
  // action while it closes, which pnpm would report as a failure (ELIFECYCLE). The start scripts `exec` for the
  // same reason: dash, Debian's sh, ends itself on Ctrl-C whatever the exit code of the command it waited for.
  let closing: Promise<void> | undefined;
  const stop = () => {
    closing ??= app
      .close()
      .then(() => simulator?.close())
      .then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`addnet: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
