// `pnpm dev`: the maintainer's loop on the spec. It serves the sandbox on the spec (the mock's `--spec`: reloaded on
// every save, keeping its customers), and on every save regenerates the types, type-checks the client against them
// (a `tsc --watch` on the client's sources only: no build, no TypeDoc) and rebuilds the API reference page.
//   --spec <file>       the spec to watch (default spec/openapi.yaml)
//   --types-out <file>  where the types go (default packages/types/src/generated/openapi.ts)
//   --port <n>          the mock's port (default 4010; 0 picks a free one)
//   --no-check          no type-check of the client      --no-docs   no reference page rebuild
// The type-check and the page follow the repository's spec and types only: with another --spec or --types-out
// they are off. The save-to-types-and-mock time is measured by `pnpm bench` (bench/src/dev-loop.mjs).
import { spawn } from "node:child_process";
import { cpSync, watch } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { generateTypes, SpecError } from "../packages/types/scripts/generate-types.mjs";
import { root } from "./steps.mjs";

const defaults = {
  spec: join(root, "spec/openapi.yaml"),
  typesOut: join(root, "packages/types/src/generated/openapi.ts"),
};
const { values } = parseArgs({
  options: {
    spec: { type: "string" },
    "types-out": { type: "string" },
    port: { type: "string", default: "4010" },
    "no-check": { type: "boolean" },
    "no-docs": { type: "boolean" },
  },
});
const spec = values.spec ? resolve(values.spec) : defaults.spec;
const typesOut = values["types-out"] ? resolve(values["types-out"]) : defaults.typesOut;
const ownFiles = spec === defaults.spec && typesOut === defaults.typesOut;
const shown = (file) => relative(process.cwd(), file) || file;
const log = (source, text) => {
  for (const line of String(text).split("\n")) console.log(`${source.padEnd(5)}│ ${line}`);
};
const children = [];

/** A child whose output lines are printed under `source`; `onLine` sees each line too. */
function start(source, command, args, onLine = () => {}) {
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      log(source, line);
      onLine(line);
    });
  }
  child.on("exit", (code, signal) => {
    if (!stopping && code !== 0) log(source, `exited (${signal ?? code})`);
  });
  return child;
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    process.exit(0);
  });
}

// Runs `task` now, or once more after the current run when asked again meanwhile (a burst of saves: one rerun).
function serialized(task) {
  let running;
  let again = false;
  const runTask = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await task();
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  return runTask;
}

const regenerate = serialized(async () => {
  const started = performance.now();
  try {
    const text = await generateTypes(spec, shown(spec));
    const before = await readFile(typesOut, "utf8").catch(() => "");
    if (text === before) {
      log("types", `unchanged (${Math.round(performance.now() - started)} ms)`);
      return;
    }
    await writeFile(typesOut, text);
    log("types", `wrote ${shown(typesOut)} in ${Math.round(performance.now() - started)} ms`);
    if (docsOn) rebuildDocs();
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    log("types", `not regenerated: ${error.message}`);
  }
});

// The page the mock serves at `/`: the bundled spec (spec/dist), the docs build, copied where the mock serves it
// from (what the mock's build does). It takes seconds (TypeDoc), so it runs after the types and never blocks them.
const docsOn = ownFiles && !values["no-docs"];
const rebuildDocs = serialized(async () => {
  const started = performance.now();
  const step = (args) =>
    new Promise((resolveStep) => {
      const child = start("docs", process.execPath, args);
      child.on("exit", (code) => resolveStep(code === 0));
    });
  const redocly = join(root, "spec/scripts/redocly.mjs");
  const ok =
    (await step([redocly, "bundle", spec, "-o", join(root, "spec/dist/openapi.yaml")])) &&
    (await step([redocly, "bundle", spec, "-o", join(root, "spec/dist/openapi.json")])) &&
    (await step([join(root, "apps/docs/scripts/build-docs.mjs")]));
  if (!ok) return log("docs", "the reference page was not rebuilt (see above)");
  cpSync(join(root, "apps/docs/dist"), join(root, "apps/mock/dist/docs"), { recursive: true });
  log("docs", `reference page rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

// The client's sources against the types' sources (not their build), in one incremental `tsc --watch`.
async function startTypecheck() {
  const dir = join(root, "node_modules/.cache/payment-customers-dev");
  await mkdir(dir, { recursive: true });
  const tsconfig = join(dir, "tsconfig.client.json");
  const config = {
    extends: join(root, "packages/client/tsconfig.json"),
    compilerOptions: {
      noEmit: true,
      paths: { "@payment-customers/types": [join(root, "packages/types/src/index.ts")] },
    },
    include: [join(root, "packages/client/src")],
  };
  await writeFile(tsconfig, `${JSON.stringify(config, null, 2)}\n`);
  // TypeScript 7, the checker of every package's `typecheck` (tools/typescript-7).
  const tsc = join(root, "tools/typescript-7/bin/tsc7.mjs");
  start("tsc", process.execPath, [tsc, "--watch", "--preserveWatchOutput", "--pretty", "false", "-p", tsconfig]);
}

await regenerate();
const mockUrl = await new Promise((resolveUrl, reject) => {
  const bin = join(root, "apps/mock/bin/payment-customers-mock.js");
  const mock = start("mock", process.execPath, [bin, "--spec", spec, "--port", values.port], (line) => {
    const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
    if (url) resolveUrl(url);
  });
  mock.once("exit", (code) => reject(new Error(`the mock exited (${code}) before listening`)));
});
if (ownFiles && !values["no-check"]) await startTypecheck();
else if (!values["no-check"]) log("dev", "type-check off: it checks the repository's types, not --types-out");

let timer;
watch(dirname(spec), (_event, name) => {
  if (name !== null && basename(String(name)) !== basename(spec)) return;
  clearTimeout(timer);
  timer = setTimeout(regenerate, 30); // editors write in bursts
});
log("dev", `ready: watching ${shown(spec)}; the sandbox is at ${mockUrl}, its reference page at ${mockUrl}/`);
