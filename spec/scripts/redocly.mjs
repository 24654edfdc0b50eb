// Runs Redocly CLI with telemetry off and without its boxed "Node.js 20 support is ending" banner, which it prints
// on every run under Node 20 (no flag turns it off) and which would bury real warnings in CI logs.
// Everything else Redocly prints, and its exit code, pass through unchanged.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const manifestPath = require.resolve("@redocly/cli/package.json");
const { bin } = require(manifestPath);
const cli = join(dirname(manifestPath), typeof bin === "string" ? bin : bin.redocly);

const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  env: { ...process.env, REDOCLY_TELEMETRY: "off" },
  stdio: ["inherit", "inherit", "pipe"],
});

let pending = "";
let inBanner = false;
const filter = (line) => {
  if (/^\s*╔/.test(line)) inBanner = true;
  const drop = inBanner;
  if (/^\s*╚/.test(line)) inBanner = false;
  if (!drop) process.stderr.write(`${line}\n`);
};
child.stderr.setEncoding("utf8").on("data", (chunk) => {
  const lines = (pending + chunk).split("\n");
  pending = lines.pop() ?? "";
  lines.forEach(filter);
});
child.on("close", (code, signal) => {
  if (pending) process.stderr.write(pending);
  process.exitCode = code ?? (signal ? 1 : 0);
});
