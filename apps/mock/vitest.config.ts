import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.mjs";

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ["test/**/*.test.ts"],
    // fast-check runs from a fixed, printed seed (FC_SEED); `pnpm test:explore` draws fresh ones.
    setupFiles: ["test/fast-check.setup.ts"],
    // The type tests (test/**/*.test-d.ts) run in this package's typecheck task: its tsc includes test/ and fails
    // on every expectTypeOf or @ts-expect-error they get wrong. Vitest's typecheck would compile them a second time.
  },
});
