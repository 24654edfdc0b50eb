// `--state <file>`: the sandbox's customers on disk. Loaded at start; every change is written before its answer
// goes out, to a temporary file that then replaces the state file, so the file is never torn.
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import type { CustomerStore, StoreContents } from "./sandbox/store.js";

const format = "payment-customers-mock/state";
const formatVersion = 1;
const idPattern = /^PCU_[A-Z0-9]{30}$/;

/** Reads a state file; a missing file is an empty sandbox. Refuses (throws) a corrupt or foreign file. */
export async function loadState(file: string): Promise<StoreContents> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const refuse = (why: string) =>
    new Error(
      `--state ${file}: ${why}. It is not a state file of payment-customers-mock, so it is left as it is: ` +
        "move it away or choose another file.",
    );
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw refuse(`not valid JSON (${(error as Error).message})`);
  }
  const { format: kind, version, merchants } = (state ?? {}) as Record<string, unknown>;
  if (kind !== format) throw refuse(`no "format": "${format}" in it`);
  if (version !== formatVersion) throw refuse(`version ${String(version)} is not the supported ${formatVersion}`);
  if (!merchants || typeof merchants !== "object" || Array.isArray(merchants)) throw refuse('no "merchants" object');
  for (const [merchant, customers] of Object.entries(merchants)) {
    const bad =
      !Array.isArray(customers) ||
      customers.some((c) => !c || typeof c !== "object" || !idPattern.test((c as { id?: string }).id ?? ""));
    if (bad) throw refuse(`the customers of merchant "${merchant}" are not a list of customers with PCU_ ids`);
  }
  return merchants as StoreContents;
}

/**
 * Returns a function that writes the store when it changed since the last write, and resolves once a write that
 * includes every change made before the call is on disk. Concurrent callers share writes.
 */
export function stateWriter(file: string, store: CustomerStore): () => Promise<void> {
  let written = store.version;
  let writing: Promise<void> | undefined;

  async function writeOnce(): Promise<void> {
    const version = store.version;
    const text = JSON.stringify({ format, version: formatVersion, merchants: store.contents() });
    const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      const handle = await open(temporary, "w");
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    written = version;
  }

  return async () => {
    const wanted = store.version;
    while (written < wanted) {
      writing ??= writeOnce().finally(() => {
        writing = undefined;
      });
      await writing;
    }
  };
}
