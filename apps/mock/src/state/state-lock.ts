// One mock per state file: `<file>.lock` holds the owner's process id. A live owner makes a second mock refuse to
// start; a lock whose owner is gone (killed, crashed) is taken over.
import { unlinkSync } from "node:fs";
import { link, readFile, unlink, writeFile } from "node:fs/promises";

/** Takes the lock of `file` (its real path) or throws a message naming `shown`; resolves with the release. */
export async function lockStateFile(file: string, shown: string): Promise<() => Promise<void>> {
  const lock = `${file}.lock`;
  // Written aside and linked into place, so the lock never exists without its process id in it.
  const draft = `${lock}.${process.pid}.${Date.now()}`;
  try {
    await writeFile(draft, `${process.pid}\n`);
    for (let attempt = 0; ; attempt++) {
      try {
        await link(draft, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const owner = Number.parseInt(await readFile(lock, "utf8").catch(() => ""), 10);
      if (attempt > 0 || (Number.isInteger(owner) && owner > 0 && isAlive(owner))) {
        throw new InUse(`--state ${shown} is in use by another mock (process ${owner}, see ${lock}): stop it first`);
      }
      // The owner is gone: its lock is stale. Of two mocks taking it over at once, one finds the other's lock.
      await unlink(lock).catch(() => undefined);
    }
  } catch (error) {
    if (error instanceof InUse) throw error;
    throw new Error(`--state ${shown}: cannot create its lock file ${lock} (${(error as Error).message})`);
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  // A process that exits without close() (an uncaught error, process.exit) still frees the file.
  const releaseAtExit = () => {
    try {
      unlinkSync(lock);
    } catch {}
  };
  process.once("exit", releaseAtExit);
  return async () => {
    process.off("exit", releaseAtExit);
    await unlink(lock).catch(() => undefined);
  };
}

class InUse extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, but another user's
  }
}
