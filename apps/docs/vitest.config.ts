import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A browser and the mock on a loaded two-core machine: a slow start must not read as a failure.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
