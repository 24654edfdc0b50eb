import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.mjs";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ["test/**/*.test.ts"],
    // A browser and the mock on a loaded two-core machine: more time than the shared limit.
    testTimeout: 120_000,
  },
});
