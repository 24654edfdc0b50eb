// What the published packages' tarball tests share: one `pnpm pack` of the package, then `publint --strict` and
// `attw` on that tarball (each packing the package again itself cost a pack more and checked the same files), and
// commands whose failure carries what they printed.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect } from "vitest";

const run = promisify(execFile);

/** Runs a command; a failure's error carries what the command printed. */
export async function check(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  try {
    return await run(file, args, { ...options, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[file, ...args].join(" ")} failed:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/**
 * A pnpm command: through the pnpm that runs this test (`pnpm test` sets `npm_execpath`), which saves npx's cold start
 * of several seconds; else through npx, at the version the repo uses.
 */
export function pnpm(args: string[]): [string, string[]] {
  const execPath = process.env.npm_execpath;
  return execPath && /^pnpm\//.test(process.env.npm_config_user_agent ?? "") && /\.c?js$/.test(execPath)
    ? [process.execPath, [execPath, ...args]]
    : ["npx", ["--yes", "pnpm@10.34.9", ...args]];
}

/** Packs the package in `packageDir` into `destination` (a folder of its own) and returns the tarball's path. */
export async function packTarball(packageDir: string, destination: string): Promise<string> {
  await check(...pnpm(["pack", "--pack-destination", destination]), { cwd: packageDir });
  const packed = (await readdir(destination)).filter((name) => name.endsWith(".tgz"));
  expect(packed).toHaveLength(1);
  return join(destination, packed[0] ?? "");
}

/**
 * Packs the package once for the calling test file: before its tests, into a temp folder of its own (named `prefix`…),
 * removed after them, also when they fail. The paths are set once it is packed.
 */
export function packOnce(packageDir: string, prefix: string): { readonly dir: string; readonly tarball: string } {
  const packed = { dir: "", tarball: "" };
  beforeAll(async () => {
    packed.dir = await mkdtemp(join(tmpdir(), prefix));
    packed.tarball = await packTarball(packageDir, packed.dir);
  }, 180_000);
  afterAll(async () => {
    if (packed.dir) await rm(packed.dir, { recursive: true, force: true });
  });
  return packed;
}

const bin = (packageDir: string, name: string) => join(packageDir, "node_modules", ".bin", name);

/** publint --strict on the tarball: it exits 1 on an error, and on a warning too; what it found is in the error. */
export const publintTarball = (packageDir: string, tarball: string) =>
  check(bin(packageDir, "publint"), ["run", tarball, "--strict"], { cwd: packageDir });

/** attw on the tarball with `args` (its profile, entry points left out): it exits 1 on any problem, its table in the error. */
export const attwTarball = (packageDir: string, tarball: string, args: string[]) =>
  check(bin(packageDir, "attw"), [tarball, ...args], { cwd: packageDir });
