import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SECRETS = { SESSION_KEY: "test-secret", POSTGRES_PASSWORD: "test-password" };

function compose(args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync("docker-compose", args, { cwd: ROOT, env, stdio: "pipe" }).toString();
}

describe("docker-compose.yml", () => {
  it("is valid for docker-compose and defines nginx in front of three API replicas, the simulator, Redis and PostgreSQL", () => {
    const env = { ...process.env, ...SECRETS };
    compose(["-f", "docker-compose.yml", "config", "-q"], env);
    const services = compose(["-f", "docker-compose.yml", "config", "--services"], env);
    expect(services.split("\n").filter(Boolean).sort()).toEqual(["api1", "api2", "api3", "nginx", "postgres", "redis", "simulator"]);
  });

  it.each(Object.keys(SECRETS))("is refused without %s", (name) => {
    const env = Object.fromEntries(Object.entries({ ...process.env, ...SECRETS }).filter(([key]) => key !== name));
    expect(() => compose(["-f", "docker-compose.yml", "config", "-q"], env)).toThrow(new RegExp(`set ${name}`));
  });
});
