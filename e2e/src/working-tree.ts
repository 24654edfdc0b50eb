import { copyFile, mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { run } from "./command.js";

/** The repository this test runs in. */
export async function repositoryRoot(): Promise<string> {
  const { stdout } = await run("git", ["rev-parse", "--show-toplevel"], { cwd: import.meta.dirname });
  return stdout.trim();
}

/**
 * Copies the working tree's tracked and new, not ignored files (uncommitted edits included) to `target`,
 * so the release can run there without touching the real checkout. Returns how many files were copied.
 */
export async function copyWorkingTree(root: string, target: string): Promise<number> {
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root });
  const files = [...new Set(stdout.split("\0").filter(Boolean))];
  let copied = 0;
  for (const file of files) {
    const from = join(root, file);
    const info = await stat(from).catch(() => undefined); // tracked but deleted in the working tree
    if (!info?.isFile()) continue;
    await mkdir(dirname(join(target, file)), { recursive: true });
    await copyFile(from, join(target, file));
    copied++;
  }
  return copied;
}
