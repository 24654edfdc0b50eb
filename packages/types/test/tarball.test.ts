// The packed tarball, as it is published: publint --strict and attw find nothing in it. One `pnpm pack` serves both
// (each packing the package itself cost a pack more).
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const bin = (name: string) => join(packageDir, "node_modules", ".bin", name);
let dir: string | undefined;
let tarball = "";

/** Runs a command; a failure's error carries what the command printed. */
async function check(file: string, args: string[]) {
  try {
    return await run(file, args, { cwd: packageDir, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[file, ...args].join(" ")} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** The pnpm that runs this test (`pnpm test` sets `npm_execpath`), else the repo's pnpm through npx. */
function pnpm(args: string[]): [string, string[]] {
  const execPath = process.env.npm_execpath;
  return execPath && /^pnpm\//.test(process.env.npm_config_user_agent ?? "") && /\.c?js$/.test(execPath)
    ? [process.execPath, [execPath, ...args]]
    : ["npx", ["--yes", "pnpm@10.34.9", ...args]];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "types-tarball-"));
  await check(...pnpm(["pack", "--pack-destination", dir]));
  const packed = (await readdir(dir)).filter((name) => name.endsWith(".tgz"));
  expect(packed).toHaveLength(1);
  tarball = join(dir, packed[0] ?? "");
}, 120_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it("publint --strict finds nothing to report in the tarball", async () => {
  // publint exits 1 on an error, with --strict on a warning too; what it found is in the error then.
  await check(bin("publint"), ["run", tarball, "--strict"]);
});

it("attw finds no problem with the tarball's types (node16 profile, the YAML entry point left out)", async () => {
  // attw exits 1 on any problem of the profile; its table is in the error then.
  await check(bin("attw"), [tarball, "--profile", "node16", "--exclude-entrypoints", "./openapi.yaml"]);
});
