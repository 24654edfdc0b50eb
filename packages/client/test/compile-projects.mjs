// `tsc --noEmit -p <dir>` for each project directory given, with TypeScript 7: what the README's
// `npm install --save-dev typescript` installs now (tools/typescript-7's `tsc7`, TypeScript 7.0's own `tsc`). The
// projects compile side by side, each its own tsc with its own tsconfig.json and diagnostics. Prints, as JSON, each
// project's TypeScript version and its diagnostics (none: it compiles). TypeScript 5.9 compiles the quickstart against
// the published package in the release rehearsal (e2e/test/publish.test.ts).
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";

const tools = new URL("../../../tools/typescript-7/", import.meta.url);
const tsc = new URL("bin/tsc7.mjs", tools).pathname;
const { version } = createRequire(tools)("typescript/package.json");

/** @param {string} dir */
async function compile(dir) {
  const result = await promisify(execFile)(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", dir], {
    cwd: dir,
    maxBuffer: 64 * 2 ** 20,
  }).catch((/** @type {{ code?: number, stdout?: string, stderr?: string }} */ error) => {
    // Exit code 1 or 2: the project has errors, which tsc printed. Anything else did not compile at all.
    if (error.code !== 1 && error.code !== 2) throw error;
    return { stdout: error.stdout ?? "", stderr: error.stderr ?? "" };
  });
  const diagnostics = `${result.stdout}${result.stderr}`.split("\n").filter((line) => line.trim() !== "");
  return { typescript: version, diagnostics };
}

const dirs = process.argv.slice(2);
const results = await Promise.all(dirs.map(compile));
console.log(JSON.stringify(Object.fromEntries(dirs.map((dir, index) => [dir, results[index]]))));
