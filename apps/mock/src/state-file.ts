// `--state <file>`: the sandbox's customers on disk. The file is a snapshot and a journal (state/state-records.ts):
// each change is appended before its answer goes out, so a change costs the same at any size, and a `kill -9` loses
// nothing that was answered; the disk syncs it in the background (state/journal.ts says what a power loss can take).
// One mock owns a file at a time (state/state-lock.ts).
import { readdir, readlink, realpath, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { specFile } from "./bundled-spec.js";
import { supportId } from "./sandbox/ids.js";
import { type CustomerStore, createStore, type StoreContents } from "./sandbox/store.js";
import { Journal, type StateFs, type StateWriteFailed } from "./state/journal.js";
import { type Customers, loadState, StateFileRefused } from "./state/load-state.js";
import { lockStateFile } from "./state/state-lock.js";
import type { StateRecord } from "./state/state-records.js";

export interface StateFileOptions {
  /** Where log lines go (the mock's stderr by default). They name the file, never a customer's data. */
  log?: (line: string) => void;
  /** The file system calls of the writer: tests inject faults a real disk cannot produce on demand. */
  fs?: StateFs;
  /** The OpenAPI document (a path) whose customer schema loaded customers must match. Default: the bundled one. */
  spec?: string;
}

/** A sandbox store kept in a state file. */
export interface StateFile {
  store: CustomerStore;
  /** The engine's hook: waits until the request's changes are written; answers 500 when they could not be. */
  afterRequest(request: { method: string; url: URL }): Promise<Response | undefined>;
  /** Resolves once every change is written and synced to the disk; rejects, naming the file, when it could not be. */
  flush(): Promise<void>;
  /** Writes what is queued and frees the file (its lock). */
  close(): Promise<void>;
}

/**
 * Opens (or creates) a state file, takes its lock and loads its customers. Rejects with a message naming the file
 * when it cannot be used: not writable, locked by a live mock, corrupt, foreign, or holding invalid customers.
 */
export async function openStateFile(file: string, options: StateFileOptions = {}): Promise<StateFile> {
  const log = options.log ?? ((line: string) => console.error(`payment-customers-mock: ${line}`));
  const real = await realTarget(file);
  const release = await lockStateFile(real, file);
  try {
    await removeTemporaryFiles(real);
    const loaded = await loadState(real, file, options.spec ?? specFile);
    const base = createStore(contentsOf(loaded.customers));
    const journal = new Journal({
      file: real,
      shown: file,
      fs: options.fs,
      log,
      durable: loaded.customers,
      snapshotRecords: loaded.snapshotRecords,
      journalRecords: loaded.journalRecords,
      undo: (failed, durable) => undo(base, failed, durable),
    });
    try {
      if (loaded.version === 2) await journal.open(loaded.goodBytes);
      else await journal.compact(); // creates a missing file, or migrates a version 1 file
    } catch (error) {
      throw new StateFileRefused(
        `--state ${file}: cannot write it (${(error as Error).message}): make it writable or choose another file`,
      );
    }
    if (loaded.torn) log(`--state ${file}: dropped a torn last record (${loaded.torn}), a write cut short by a crash.`);
    if (loaded.version === 1) log(`--state ${file}: migrated from version 1 to version 2 (snapshot and journal).`);

    return {
      store: journaledStore(base, journal),
      async afterRequest(request) {
        const failed = await journal.flush();
        return failed && changesState(request) ? notSaved(failed) : undefined;
      },
      async flush() {
        const failed = await journal.sync();
        if (failed) throw new Error(`--state ${file}: ${failed.message}`);
      },
      async close() {
        await journal.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** The file's real path, through symbolic links (also one whose target does not exist yet), in an existing folder. */
async function realTarget(file: string): Promise<string> {
  const refuse = (error: Error) =>
    new StateFileRefused(
      `--state ${file}: cannot use this path (${error.message}): choose a file in an existing folder`,
    );
  let target = resolve(file);
  try {
    return await realpath(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw refuse(error as Error);
  }
  for (let hops = 0; hops < 40; hops++) {
    const link = await readlink(target).catch(() => undefined);
    if (link === undefined) break;
    target = resolve(dirname(target), link);
  }
  try {
    const folder = await realpath(dirname(target));
    if (!(await stat(folder)).isDirectory()) throw new Error(`${folder} is not a folder`);
    return join(folder, basename(target));
  } catch (error) {
    throw refuse(error as Error);
  }
}

/** Removes what a killed writer left: `<file>.<12 hex digits>.tmp` next to the file (the lock is ours already). */
async function removeTemporaryFiles(file: string): Promise<void> {
  const name = basename(file);
  const own = (entry: string) => entry.startsWith(`${name}.`) && /^\.[0-9a-f]{12}\.tmp$/.test(entry.slice(name.length));
  const entries = await readdir(dirname(file)).catch(() => []);
  await Promise.all(entries.filter(own).map((entry) => rm(join(dirname(file), entry), { force: true })));
}

function contentsOf(customers: Customers): StoreContents {
  return Object.fromEntries([...customers].map(([merchant, own]) => [merchant, [...own.values()]]));
}

/** The store, recording each change in the journal; every other call goes straight to it. */
function journaledStore(base: CustomerStore, journal: Journal): CustomerStore {
  const changes: Partial<CustomerStore> = {
    create(merchant, customer) {
      const created = base.create(merchant, customer);
      journal.record({ op: "put", merchant, customer: created });
      return created;
    },
    replace(merchant, customer) {
      const replaced = base.replace(merchant, customer);
      if (replaced) journal.record({ op: "put", merchant, customer: replaced });
      return replaced;
    },
    delete(merchant, id) {
      const deleted = base.delete(merchant, id);
      if (deleted) journal.record({ op: "delete", merchant, id });
      return deleted;
    },
    reset() {
      base.reset();
      journal.record({ op: "reset" });
    },
  };
  // Bound to the store itself, so a store with private fields works the same behind the proxy.
  const bound = new Map<string | symbol, unknown>();
  return new Proxy(base, {
    get(target, name) {
      if (Object.hasOwn(changes, name)) return changes[name as keyof CustomerStore];
      const value = Reflect.get(target, name);
      if (typeof value !== "function") return value;
      if (!bound.has(name)) bound.set(name, value.bind(target));
      return bound.get(name);
    },
  });
}

/**
 * Puts back what the disk holds for changes that did not reach it. A create or replace is undone in place; a delete
 * or reset by rebuilding the merchant (or all), so creation order comes back as it was.
 */
function undo(base: CustomerStore, failed: StateRecord[], durable: Customers): void {
  const rebuild = new Set<string>();
  for (const record of failed) {
    if (record.op === "reset") {
      base.reset();
      for (const [merchant, customers] of durable)
        for (const customer of customers.values()) base.create(merchant, customer);
      return;
    }
    if (record.op === "delete") rebuild.add(record.merchant);
  }
  for (const record of failed) {
    if (record.op !== "put" || rebuild.has(record.merchant)) continue;
    const before = durable.get(record.merchant)?.get(record.customer.id);
    if (before) base.replace(record.merchant, before);
    else base.delete(record.merchant, record.customer.id);
  }
  for (const merchant of rebuild) {
    for (const customer of base.query(merchant).items) base.delete(merchant, customer.id);
    for (const customer of durable.get(merchant)?.values() ?? []) base.create(merchant, customer);
  }
}

/** Token requests and reads never change the store: they are answered even while nothing can be saved. */
const changesState = (request: { method: string; url: URL }) =>
  request.method !== "GET" && request.method !== "HEAD" && !request.url.pathname.startsWith("/oauth/");

/** The API's 500, without the server's paths: what happened and what to do are in the mock's log. */
function notSaved(failed: StateWriteFailed): Response {
  const details =
    failed.reason === "edited"
      ? "The sandbox saves no more changes: its state file was changed by another program (see the mock's log). Nothing was changed; restart the mock."
      : "The sandbox could not save the change: its state file cannot be written (see the mock's log). Nothing was changed; try again later.";
  const body = {
    status: "error",
    error: "ProductInternalException",
    error_details: details,
    error_user: "Es ist ein interner Fehler aufgetreten. Bitte versuchen Sie es später erneut.",
    code: 0,
    supportId: supportId(),
  };
  return new Response(JSON.stringify(body), { status: 500, headers: { "content-type": "application/json" } });
}
