// Runs the steps of a release script one after another, each with the terminal attached; the first failing step
// ends the script with its exit code. The tools are resolved from the repository's own dependencies, so the
// scripts work the same under `pnpm <script>` and plain `node scripts/<name>.mjs`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

/** `node <the Changesets CLI> ...args` */
export const changesetCli = (...args) => [process.execPath, require.resolve("@changesets/cli/bin.js"), ...args];
/** `node scripts/<name>.mjs ...args` */
export const script = (name, ...args) => [process.execPath, `${root}scripts/${name}.mjs`, ...args];
/** `turbo ...args` (telemetry off, see the root package.json) */
export const turbo = (...args) => [process.execPath, require.resolve("turbo/bin/turbo"), ...args];
/** The pnpm that runs this script (`npm_execpath`), or the one on the PATH. */
export const pnpm = (...args) =>
  /\.c?js$/.test(process.env.npm_execpath ?? "")
    ? [process.execPath, process.env.npm_execpath, ...args]
    : ["pnpm", ...args];

export function runSteps(steps) {
  for (const [command, ...args] of steps) {
    const { status, error } = spawnSync(command, args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    });
    if (error) throw error;
    if (status !== 0) process.exit(status ?? 1);
  }
}
