// Section 8: `pnpm dev`'s loop (scripts/dev.mjs) on a copy of the bundled spec in a temp folder: the time from a
// save that adds a field to (a) the regenerated types holding it and (b) the mock serving a document with it
// (after its reload). The type-check and the reference page run after these and are left out (--no-check
// --no-docs); the goal is at most 3 s from a save to both.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadAverage, round } from "./results.mjs";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const GOAL_MS = 3_000;

/** Polls `check` every 10 ms until it is true; resolves with the milliseconds since `since`. */
async function until(check, since) {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
  return performance.now() - since;
}

export async function measureDevLoop({ quick = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "payment-customers-bench-dev-"));
  const spec = path.join(dir, "openapi.json");
  const types = path.join(dir, "openapi.ts");
  copyFileSync(path.join(repoRoot, "spec/dist/openapi.json"), spec);
  const args = ["scripts/dev.mjs", "--spec", spec, "--types-out", types, "--port", "0", "--no-check", "--no-docs"];
  const dev = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  dev.stdout.on("data", (chunk) => {
    output += chunk;
  });
  try {
    const started = performance.now();
    await until(() => /ready: watching/.test(output) || dev.exitCode !== null, started);
    const url = /the sandbox is at (http:\/\/\S+),/.exec(output)?.[1];
    if (!url) throw new Error(`pnpm dev did not start:\n${output}`);
    const startup = performance.now() - started;
    const document = JSON.parse(readFileSync(spec, "utf8"));
    const saves = [];
    for (let save = 0; save < (quick ? 2 : 5); save++) {
      const field = `bench_field_${save}`;
      document.components.schemas.Contact.properties[field] = { type: "string", maxLength: 40 };
      const saved = performance.now();
      writeFileSync(spec, JSON.stringify(document, null, 2));
      const [toTypes, toMock] = await Promise.all([
        until(() => readFileSync(types, "utf8").includes(`${field}?:`), saved),
        until(async () => (await (await fetch(new URL("/openapi.json", url))).text()).includes(field), saved),
      ]);
      saves.push({ toTypes, toMock, both: Math.max(toTypes, toMock) });
    }
    const sorted = saves.map(({ both }) => both).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const worst = sorted.at(-1) ?? 0;
    const ms = (value) => round(value, 0).toLocaleString("en-US");
    return {
      tables: [
        {
          caption: `A field added to the copy's Contact schema and saved, ${saves.length} saves (load ${loadAverage()})`,
          headers: ["save", "to the types (ms)", "to the mock's document (ms)", "both (ms)"],
          rows: saves.map((save, index) => [index + 1, ms(save.toTypes), ms(save.toMock), ms(save.both)]),
        },
      ],
      notes: [
        `Start-up of \`pnpm dev\` (first types, the mock listening): ${ms(startup)} ms.`,
        `Save to new types and a mock serving the field: median ${ms(median)} ms, worst ${ms(worst)} ms; goal at most ${ms(GOAL_MS)} ms: ${worst <= GOAL_MS ? "met" : "missed"}.`,
      ],
      data: { median, worst, goalMs: GOAL_MS },
    };
  } finally {
    dev.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}
