// `lint` of the spec: Redocly and Spectral (OWASP) both run, whatever the other finds, so one run lists every
// finding; it fails when either does. Chaining them with `&&` hid Spectral's findings whenever Redocly failed.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const specDir = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const spec = process.argv[2] ?? "openapi.yaml";

function spectralCli() {
  const manifest = require.resolve("@stoplight/spectral-cli/package.json");
  const { bin } = require(manifest);
  return join(dirname(manifest), typeof bin === "string" ? bin : bin.spectral);
}

// Each tool's output is collected and printed whole, under its name, so the two never interleave.
function runTool(name, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: specDir, env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("close", (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output }));
  });
}

const results = await Promise.all([
  runTool("Redocly", [fileURLToPath(new URL("redocly.mjs", import.meta.url)), "lint", spec]),
  runTool("Spectral", [spectralCli(), "lint", spec, "--fail-severity", "warn"]),
]);
for (const { name, code, output } of results) {
  console.log(`── ${name} (${code === 0 ? "passed" : "failed"}) ──\n${output.trimEnd()}\n`);
}
const failed = results.filter(({ code }) => code !== 0).map(({ name }) => name);
if (failed.length > 0) {
  console.error(`Spec lint failed: ${failed.join(" and ")} (both ran; every finding is listed above).`);
  process.exit(1);
}
console.log("Spec lint passed: Redocly and Spectral.");
