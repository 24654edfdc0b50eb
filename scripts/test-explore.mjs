// `pnpm test:explore`: runs every fast-check property test (each test file that imports fast-check) with fresh
// random seeds and FC_RUNS_FACTOR (default 10) times the runs, round after round, and prints the replay line of
// every failure: `FC_SEED=<seed> FC_RUNS_FACTOR=<factor> npx vitest run <file>` in that package. CI never
// explores: there the properties run from one fixed seed (vitest.fast-check.mts). Turn a finding into a fixed
// regression case next to the property, then fix it.
// Options: --rounds <n> (default 1), --minutes <m> (keep starting rounds until m minutes have passed).
// Expects the packages built (the root script builds them first).
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, stripVTControlCharacters } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({ options: { rounds: { type: "string" }, minutes: { type: "string" } } });
const rounds = Number(values.rounds ?? (values.minutes ? Number.POSITIVE_INFINITY : 1));
const until = values.minutes ? Date.now() + Number(values.minutes) * 60_000 : Number.POSITIVE_INFINITY;
const factor = process.env.FC_RUNS_FACTOR ?? "10";

async function propertyTests(folder) {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    const file = join(entry.parentPath, entry.name);
    if (entry.isFile() && entry.name.endsWith(".test.ts") && /from "fast-check"/.test(await readFile(file, "utf8"))) {
      found.push(file);
    }
  }
  return found.sort();
}

const packages = [];
for (const group of ["apps", "packages"]) {
  for (const name of await readdir(join(root, group))) {
    const folder = join(root, group, name);
    const files = await propertyTests(join(folder, "test")).catch(() => []);
    if (files.length > 0) packages.push({ folder, files: files.map((file) => relative(folder, file)) });
  }
}

// Runs one package's property tests; resolves with the fast-check lines of the failures.
function explore({ folder, files }) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(root, "node_modules/.bin/vitest"), ["run", "--typecheck.enabled=false", ...files], {
      cwd: folder,
      env: { ...process.env, FC_EXPLORE: "1", FC_RUNS_FACTOR: factor },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const keep = (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("error", reject);
    child.once("exit", (code) => {
      const failures = output.split("\n").filter((line) => line.includes("fast-check FAILED"));
      if (code !== 0 && failures.length === 0) failures.push(`vitest exited with ${code} (not a property failure?)`);
      resolve(failures.map((line) => `${relative(root, folder)}: ${stripVTControlCharacters(line).trim()}`));
    });
  });
}

const findings = [];
let round = 0;
while (round < rounds && Date.now() < until) {
  round++;
  console.log(`\n== exploration round ${round} (FC_RUNS_FACTOR=${factor}) ==`);
  for (const target of packages) findings.push(...(await explore(target)));
}
console.log(`\n${round} round(s) over ${packages.map(({ files }) => files.length).reduce((a, b) => a + b, 0)} files.`);
if (findings.length === 0) {
  console.log("No property failed.");
} else {
  console.log(`Failures (replay in the package folder with the variables shown):\n${findings.join("\n")}`);
  process.exitCode = 1;
}
