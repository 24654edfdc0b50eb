import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.mjs";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ["test/**/*.test.ts"],
    // fast-check runs from a fixed, printed seed (FC_SEED); `pnpm test:explore` draws fresh ones.
    setupFiles: ["test/fast-check.setup.ts"],
    // One Prism (the mock package) for the whole run; contract tests read its URL with inject("mockUrl").
    globalSetup: ["test/global-setup.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
