import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * A new temporary folder `<prefix><pid>-XXXXXX`. `afterAll` removes it; a run that was killed (Ctrl+C, a CI timeout)
 * cannot, so each new run first removes the folders of runs whose process is gone. Folders of live runs stay.
 */
export async function makeTempDir(prefix: string): Promise<string> {
  const leftovers = (await readdir(tmpdir())).flatMap((name) => {
    const pid = name.startsWith(prefix) ? Number.parseInt(name.slice(prefix.length), 10) : Number.NaN;
    return Number.isInteger(pid) && pid !== process.pid && !alive(pid) ? [join(tmpdir(), name)] : [];
  });
  await Promise.all(leftovers.map((dir) => rm(dir, { recursive: true, force: true })));
  return mkdtemp(join(tmpdir(), `${prefix}${process.pid}-`));
}
