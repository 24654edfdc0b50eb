import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The publish test installs packages and builds a copy of the repo: minutes, not seconds.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
