import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../vitest.shared.mjs";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ["test/**/*.test.ts"],
    // The publish test installs packages and builds a copy of the repo: minutes, not seconds.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
