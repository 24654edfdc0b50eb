import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One Prism (the mock package) for the whole run; contract tests read its URL with inject("mockUrl").
    globalSetup: ["test/global-setup.ts"],
    // CI runs this beside other suites on two cores; a slow answer must not read as a failure.
    testTimeout: 30_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
