import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("docker-compose.yml", () => {
  it("is valid for docker-compose and defines the simulator, the API and Redis", () => {
    const env = { ...process.env, SESSION_KEY: "test-secret" };
    execFileSync("docker-compose", ["-f", "docker-compose.yml", "config", "-q"], { cwd: ROOT, env, stdio: "pipe" });
    const services = execFileSync("docker-compose", ["-f", "docker-compose.yml", "config", "--services"], { cwd: ROOT, env }).toString();
    expect(services.split("\n").filter(Boolean).sort()).toEqual(["api", "redis", "simulator"]);
  });

  it("is refused without the API's session key", () => {
    const env = { ...process.env };
    delete env.SESSION_KEY;
    expect(() => execFileSync("docker-compose", ["-f", "docker-compose.yml", "config", "-q"], { cwd: ROOT, env, stdio: "pipe" })).toThrow();
  });
});
