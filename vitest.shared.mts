// Settings every package's vitest.config.ts shares: generous limits for a loaded two-core machine (a slow answer must
// not read as a failure) and, at the end of each run, its slowest tests (1 s and more), so they stay visible in CI logs.
import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { relative } from "node:path";
import type { ViteUserConfig } from "vitest/config";
import type { Reporter, TestModule, Vitest } from "vitest/node";

class SlowestTests implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const tests = testModules.flatMap((module) =>
      [...module.children.allTests()].map((test) => ({
        name: `${relative(process.cwd(), module.moduleId)} > ${test.fullName}`,
        ms: test.diagnostic()?.duration ?? 0,
      })),
    );
    const slowest = tests
      .filter(({ ms }) => ms >= 1_000)
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    if (slowest.length === 0) return;
    const lines = slowest.map(({ name, ms }) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
    console.log(`\nSlowest tests (of ${tests.length}):\n${lines.join("\n")}`);
  }
}

// Vitest keeps the modules it transforms in a temp folder of its own (`<tmp>/<21-character id>/ssr/`) and removes it
// when a run closes; a run that a signal ends (Ctrl+C, Turbo stopping the other tasks when one fails, a CI timeout)
// exits without closing and left the folder behind. It goes when the process exits, however the run ended.
class TempFolderCleanup implements Reporter {
  onInit(vitest: Vitest): void {
    process.once("exit", () => {
      for (const project of vitest.projects) rmSync(project.tmpDir, { recursive: true, force: true });
    });
  }
}

export const sharedTestConfig = {
  slowTestThreshold: 2_000,
  // A test that spawns the types generator (TypeScript's start-up) took over 60 s with eight sessions sharing two
  // cores; a timeout is for a hang, not for a busy machine.
  testTimeout: 180_000,
  hookTimeout: 300_000,
  reporters: ["default", new SlowestTests(), new TempFolderCleanup()],
  // Two test files at a time even on two cores, where Vitest's default (one worker fewer than cores) runs them one
  // after another: most files spend their time waiting on a child process (the mock's bin, a registry, an install, a
  // browser), so a second worker fills the wait; the packages' tests are written for parallel files (temp folders,
  // port 0), as they run on any machine with more cores.
  maxWorkers: Math.max(2, availableParallelism() - 1),
} satisfies NonNullable<ViteUserConfig["test"]>;
