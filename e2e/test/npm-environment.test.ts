// The environment the e2e steps' npm and pnpm run in: the parent runner's settings stay out, the machine's CA file
// goes in (an npm on a Node from the registry, first on the PATH, has no other way to learn it).
import { afterEach, expect, it, vi } from "vitest";
import { cleanEnvironment } from "../src/npm-environment.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

it("drops the npm, pnpm and Corepack settings a runner hands down, and keeps the machine's CA file", () => {
  vi.stubEnv("npm_config_registry", "http://127.0.0.1:1/");
  vi.stubEnv("npm_config_user_agent", "pnpm/10");
  vi.stubEnv("pnpm_config_verify_deps_before_run", "false");
  vi.stubEnv("COREPACK_ENABLE_STRICT", "0");
  vi.stubEnv("npm_config_cafile", "/etc/ssl/certs/ca-certificates.crt");
  vi.stubEnv("PAYMENT_CUSTOMERS_E2E_OTHER", "kept");
  const env = cleanEnvironment();
  expect(Object.keys(env).filter((name) => /^(npm_|pnpm_|corepack_)/i.test(name))).toEqual(["npm_config_cafile"]);
  expect(env.npm_config_cafile).toBe("/etc/ssl/certs/ca-certificates.crt");
  expect(env.PAYMENT_CUSTOMERS_E2E_OTHER).toBe("kept");
});
