// Section 6: how fast the mock is to import and to start, and what installing it costs. Import and start-up run
// in a new Node process each (nothing cached in memory): `import("@payment-customers/mock")`, then `startMock()`
// until it resolves (it resolves once the server answers). The footprint installs the packed tarball with npm.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./client-overhead.mjs";
import { footprint } from "./install-footprint.mjs";
import { kilobytes, round } from "./results.mjs";

const benchDir = fileURLToPath(new URL("..", import.meta.url));
const mockDir = fileURLToPath(new URL("../../apps/mock", import.meta.url));

/** Runs one fresh process that prints its timings as JSON; `spawnMs` is from spawn to its exit. */
function timedProcess(/** @type {string} */ script) {
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: benchDir, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`the timing process failed: ${run.stderr.slice(-500)}`);
  return { ...JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}"), spawnMs: performance.now() - started };
}

const importScript = `
const started = performance.now();
await import("@payment-customers/mock");
console.log(JSON.stringify({ importMs: performance.now() - started }));`;

const startScript = (/** @type {string} */ mode) => `
const started = performance.now();
const { startMock } = await import("@payment-customers/mock");
const mock = await startMock({ port: 0, mode: ${JSON.stringify(mode)} });
const startMs = performance.now() - started;
await mock.close();
console.log(JSON.stringify({ startMs }));`;

/** @returns {Promise<import("./results.mjs").Measured>} */
export async function measureMockStart({ quick = false } = {}) {
  const runs = quick ? 2 : 7;
  const imports = Array.from({ length: runs }, () => timedProcess(importScript));
  const starts = ["sandbox", "static", "dynamic"].map((mode) => ({
    mode,
    runs: Array.from({ length: runs }, () => timedProcess(startScript(mode))),
  }));
  const importMs = median(imports.map((run) => run.importMs));
  const row = (/** @type {string} */ name, /** @type {number[]} */ values) => [
    name,
    `${round(median(values), 0)} ms`,
    `${round(Math.min(...values), 0)} ms`,
    `${round(Math.max(...values), 0)} ms`,
  ];

  const workDir = mkdtempSync(path.join(os.tmpdir(), "bench-mock-install-"));
  const notes = [];
  let installed = { name: "@payment-customers/mock (packed tarball)", packages: [""], bytes: Number.NaN, allocated: 0 };
  try {
    execFileSync("pnpm", ["pack", "--pack-destination", workDir], { cwd: mockDir, stdio: "pipe" });
    const tarball = readdirSync(workDir).find((file) => file.endsWith(".tgz"));
    if (tarball === undefined) throw new Error("pnpm pack wrote no tarball");
    installed = footprint(installed.name, path.join(workDir, tarball), workDir);
  } catch (error) {
    notes.push(`The footprint was not measured: ${/** @type {Error} */ (error).message.split("\n")[0]}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const sandboxStart = median(starts[0]?.runs.map((run) => run.startMs) ?? []);
  return {
    tables: [
      {
        caption: `Import and start-up, each in a new Node process (${runs} runs)`,
        headers: ["measure", "median", "min", "max"],
        rows: [
          row(
            'import("@payment-customers/mock")',
            imports.map((run) => run.importMs),
          ),
          row(
            "the same process, spawn to exit (Node's own start included)",
            imports.map((run) => run.spawnMs),
          ),
          ...starts.map(({ mode, runs: modeRuns }) =>
            row(
              `import + startMock({ mode: "${mode}" }) until it answers`,
              modeRuns.map((run) => run.startMs),
            ),
          ),
        ],
      },
      {
        caption: "What installing the mock adds to node_modules (npm install of the packed tarball)",
        headers: ["package", "packages", "file bytes", "on disk (du)"],
        rows: [[installed.name, installed.packages.length, kilobytes(installed.bytes), kilobytes(installed.allocated)]],
      },
    ],
    notes: [
      ...notes,
      "Importing the package loads no Prism, no faker and no spec: `startMock()` loads the spec and Prism when it starts, `createSandbox()` with its first request. The start-up rows include the import, reading and bundling the spec, loading Prism and the first answer (a probe of `/__sandbox/health`).",
    ],
    data: { importMs, sandboxStartMs: sandboxStart, packages: installed.packages.length, bytes: installed.bytes },
  };
}
