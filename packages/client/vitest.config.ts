import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.mjs";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ["test/**/*.test.ts"],
    // A worker process runs file after file instead of a new process per file, which loaded Vitest's runtime, fast-check
    // and the other dependencies again for each of the 21 files. The setup resets our own modules for every file; the
    // files leave no global state behind them (servers closed, timers, globals and environment variables put back).
    isolate: false,
    // fast-check runs from a fixed, printed seed (FC_SEED); `pnpm test:explore` draws fresh ones.
    setupFiles: ["test/shared-worker.setup.ts", "test/fast-check.setup.ts"],
    // One Prism (the mock package) for the whole run; contract tests read its URL with inject("mockUrl").
    globalSetup: ["test/global-setup.ts"],
    // The type tests (test/**/*.test-d.ts) run in this package's typecheck task: its tsc includes test/ and fails
    // on every expectTypeOf or @ts-expect-error they get wrong. Vitest's typecheck would compile them a second time.
  },
});
