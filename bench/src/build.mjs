// Section 5: Turbo build times in a throw-away clone of the repository (never the real checkout), with its own
// empty cache: cold, warm with no change (should be all cache hits), and after a one-field spec edit.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Clones the checkout's last commit (what a fresh clone holds; uncommitted work is left out) and installs it.
 * Returns a problem to report when the committed lockfile does not match the package.json files.
 */
function cloneRepository(/** @type {string} */ target) {
  execFileSync("git", ["clone", "--quiet", repoRoot, target], { stdio: "pipe" });
  const install = (/** @type {string} */ lockfile) =>
    execFileSync("pnpm", ["install", "--prefer-offline", lockfile], { cwd: target, stdio: "pipe", env: buildEnv() });
  try {
    install("--frozen-lockfile");
    return undefined;
  } catch {
    install("--no-frozen-lockfile");
    return "**Problem:** at this commit `pnpm install --frozen-lockfile` fails (pnpm-lock.yaml is out of date); the clone was installed without it.";
  }
}

/** The environment of every build: no telemetry, and no CI variable (with CI set, `generate` only checks). */
function buildEnv() {
  const { CI: _ci, ...env } = process.env;
  return { ...env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" };
}

/**
 * Runs turbo in `cwd` and returns the wall time and Turbo's own "cached" count.
 * @param {string} cwd
 * @param {string[]} tasks
 */
function timeTurbo(cwd, tasks) {
  const args = ["run", ...tasks, `--cache-dir=${path.join(cwd, ".bench-turbo-cache")}`, "--output-logs=errors-only"];
  const started = performance.now();
  const output = execFileSync(path.join(cwd, "node_modules/.bin/turbo"), args, {
    cwd,
    env: buildEnv(),
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  return { seconds, cached: cached ? `${cached[1]} of ${cached[2]}` : "n/a", fullTurbo: output.includes("FULL TURBO") };
}

/** Appends to the first one-line description under `components:`, a change that reaches the generated types. */
function editOneField(/** @type {string} */ specFile) {
  const text = readFileSync(specFile, "utf8");
  const components = text.indexOf("\ncomponents:");
  const line = /^(\s+description: )([^"'|>\s].*)$/m;
  const match = line.exec(text.slice(components));
  if (components < 0 || !match) throw new Error("no plain one-line description under components: to edit");
  const at = components + match.index;
  writeFileSync(specFile, `${text.slice(0, at)}${match[0]} (edited by the bench)${text.slice(at + match[0].length)}`);
  return match[2]?.slice(0, 60) ?? "";
}

/** @returns {Promise<import("./results.mjs").Measured>} */
export async function measureBuild() {
  const clone = mkdtempSync(path.join(os.tmpdir(), "bench-build-"));
  try {
    const installProblem = cloneRepository(clone);
    const cold = timeTurbo(clone, ["build"]);
    const warm = timeTurbo(clone, ["build"]);
    const edited = editOneField(path.join(clone, "spec/openapi.yaml"));
    const afterEdit = timeTurbo(clone, ["generate", "build"]);
    const notes = [
      `A \`git clone\` of the checkout's HEAD in the OS temp dir, \`pnpm install --prefer-offline --frozen-lockfile\`, an empty \`--cache-dir\`, \`CI\` unset, \`TURBO_TELEMETRY_DISABLED=1\`. Times are wall clock of the whole \`turbo\` command. The spec edit appends to the description "${edited}…".`,
    ];
    if (installProblem) notes.push(installProblem);
    if (!warm.fullTurbo)
      notes.push(
        "**Problem:** the no-change build was not FULL TURBO: some task's inputs or outputs are not declared right.",
      );
    return {
      tables: [
        {
          caption: "turbo run build in a fresh clone of the repository",
          headers: ["build", "wall time", "tasks from cache"],
          rows: [
            ["cold (empty cache)", `${cold.seconds.toFixed(1)} s`, cold.cached],
            ["warm, no change", `${warm.seconds.toFixed(2)} s`, warm.cached],
            ["after a one-field spec edit (generate build)", `${afterEdit.seconds.toFixed(1)} s`, afterEdit.cached],
          ],
        },
      ],
      notes,
      data: { cold, warm, afterEdit },
    };
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}
