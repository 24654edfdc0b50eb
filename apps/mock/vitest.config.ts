import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.mjs";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ["test/**/*.test.ts"],
    // A worker process runs file after file instead of a new process per file: each new process loaded Prism, ajv
    // and lodash again (about 400 files, a second of CPU on a busy machine), which was half the CPU time of the
    // files that start the mock in-process. The setup resets our own modules for every file; the files leave no
    // global state behind them (servers closed, mocks restored, environment variables put back).
    isolate: false,
    // fast-check runs from a fixed, printed seed (FC_SEED); `pnpm test:explore` draws fresh ones.
    setupFiles: ["test/shared-worker.setup.ts", "test/fast-check.setup.ts"],
    // The type tests (test/**/*.test-d.ts) run in this package's typecheck task: its tsc includes test/ and fails
    // on every expectTypeOf or @ts-expect-error they get wrong. Vitest's typecheck would compile them a second time.
  },
});
