// How fast the mock is to import and to start, and what installing it costs. Import and start-up run in a new Node
// process each (nothing cached in memory): `import("@payment-customers/mock")`, then `startMock()` until it
// resolves (once the server answers), then its first API answers: a token, then the customer list with it (each
// through Prism: routing, security, request and answer validation). The footprint installs the packed tarball
// with npm.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
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
const token = await fetch(mock.url + "/oauth/token", {
  method: "POST",
  body: new URLSearchParams({ grant_type: "client_credentials", client_id: "bench", client_secret: "bench" }),
});
const { access_token } = await token.json();
const tokenMs = performance.now() - started;
const list = await fetch(mock.url + "/api/v2/Payment/Customers", { headers: { authorization: "Bearer " + access_token } });
await list.arrayBuffer();
const listMs = performance.now() - started;
await mock.close();
if (token.status !== 200 || list.status !== 200) throw new Error("answered " + token.status + " and " + list.status);
console.log(JSON.stringify({ startMs, tokenMs, listMs }));`;

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
  const ms = (/** @type {number[]} */ values) => `${round(median(values), 0)} ms`;

  const workDir = mkdtempSync(path.join(os.tmpdir(), "bench-mock-install-"));
  const notes = [];
  let installed = { name: "@payment-customers/mock (packed tarball)", packages: [""], bytes: Number.NaN, allocated: 0 };
  let tarballBytes = Number.NaN;
  try {
    execFileSync("pnpm", ["pack", "--pack-destination", workDir], { cwd: mockDir, stdio: "pipe" });
    const tarball = readdirSync(workDir).find((file) => file.endsWith(".tgz"));
    if (tarball === undefined) throw new Error("pnpm pack wrote no tarball");
    tarballBytes = statSync(path.join(workDir, tarball)).size;
    installed = footprint(installed.name, path.join(workDir, tarball), workDir);
  } catch (error) {
    notes.push(`The footprint was not measured: ${/** @type {Error} */ (error).message.split("\n")[0]}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const sandboxRuns = starts[0]?.runs ?? [];
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
        ],
      },
      {
        caption: `Start-up per mode, each in a new Node process, counted from before the import (median of ${runs} runs)`,
        headers: [
          "mode",
          "startMock() resolved",
          "its first API answer (a token)",
          "then the customer list",
          "spawn to exit",
        ],
        rows: starts.map(({ mode, runs: modeRuns }) => [
          mode,
          ms(modeRuns.map((run) => run.startMs)),
          ms(modeRuns.map((run) => run.tokenMs)),
          ms(modeRuns.map((run) => run.listMs)),
          ms(modeRuns.map((run) => run.spawnMs)),
        ]),
      },
      {
        caption: "What installing the mock adds to node_modules (npm install of the packed tarball)",
        headers: ["package", "tarball", "packages", "file bytes", "on disk (du)"],
        rows: [
          [
            installed.name,
            kilobytes(tarballBytes),
            installed.packages.length,
            kilobytes(installed.bytes),
            kilobytes(installed.allocated),
          ],
        ],
      },
    ],
    notes: [
      ...notes,
      "Importing the package loads no Prism, no faker and no spec: `startMock()` loads the bundled spec, its operations (computed at build time) and Prism's router and validators when it starts, `createSandbox()` with its first request. Every start-up column counts from before the import: `startMock()` resolves once the server answers a probe of `/__sandbox/health`; the token and the list are the first answers through Prism (its first validations compile their schemas; the static and dynamic modes load Prism's mocker with their first example or generated body, and dynamic loads faker with it).",
    ],
    data: {
      importMs,
      sandboxStartMs: median(sandboxRuns.map((run) => run.startMs)),
      sandboxFirstAnswerMs: median(sandboxRuns.map((run) => run.tokenMs)),
      packages: installed.packages.length,
      bytes: installed.bytes,
      tarballBytes,
    },
  };
}
