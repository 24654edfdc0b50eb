// fast-check in every package's tests, installed by each package's `test/fast-check.setup.ts` (Vitest setupFiles).
// A normal run, CI's included, is reproducible: every property starts from one fixed seed, FC_SEED (default
// below), and prints it. `pnpm test:explore` sets FC_EXPLORE=1: each property draws a fresh seed and runs
// FC_RUNS_FACTOR times as often (default 10). Either way a property prints the line that replays it.

/** The part of fast-check used here; the packages pass their own copy of it. */
interface FastCheck {
  configureGlobal(parameters: { seed?: number }): void;
  installGlobalPlugin(
    plugin: () => { onAllRunsComplete?: (details: { seed: number; numRuns: number; failed: boolean }) => void },
  ): void;
}

const defaultSeed = 22;
const explore = process.env.FC_EXPLORE === "1";
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : explore ? undefined : defaultSeed;
const factor = Number(process.env.FC_RUNS_FACTOR ?? (explore ? 10 : 1));
if (seed !== undefined && !Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer: ${seed}`);
if (!Number.isSafeInteger(factor) || factor < 1) throw new Error(`FC_RUNS_FACTOR must be a whole number: ${factor}`);

/** The number of runs of a property: `base` in a normal run, FC_RUNS_FACTOR times it when exploring. */
export const runs = (base: number) => base * factor;
/** A property test's time limit, grown with its number of runs. */
export const timeLimit = (milliseconds: number) => milliseconds * factor;

/** Seeds fast-check and makes every property print its seed; `testName` names the running test. */
export function setUpFastCheck(fc: FastCheck, testName: () => string | undefined): void {
  if (seed !== undefined) fc.configureGlobal({ seed });
  fc.installGlobalPlugin(() => ({
    onAllRunsComplete({ seed: used, numRuns, failed }) {
      const replay = `FC_SEED=${used}${factor === 1 ? "" : ` FC_RUNS_FACTOR=${factor}`}`;
      const line = `fast-check ${failed ? "FAILED" : "passed"}: ${testName() ?? "a property"} (seed ${used}, ${numRuns} runs; replay with ${replay})`;
      (failed ? console.error : console.log)(line);
    },
  }));
}
