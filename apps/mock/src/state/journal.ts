// The state file's writer. Changes are appended as records; the changes that wait together share one write and one
// fsync (group commit), so a change costs the same at 100,000 stored customers as at 10. When the journal outgrows
// the snapshot, a compaction writes the customers afresh to a temporary file and renames it over the state file.
//
// The file is open with O_DSYNC: an append is on disk when its write returns, one call in the thread pool per batch
// (no separate fdatasync). The file grows ahead of the records by a run of zeros (written, not a hole), which the
// next appends overwrite: an overwrite changes neither the file's size nor its blocks, so syncing it needs no commit
// of the file system's own journal, about half the cost of a synced append. Loading ignores the zeros at the end;
// closing cuts them off. Before each write it checks, synchronously (a stat of a cached inode costs microseconds,
// a trip through the thread pool far more), that the file is still the one it wrote (inode, size, modification
// time): a file changed by someone else is never overwritten. A failed write fails every change not yet on disk: the caller undoes them
// in memory, and the next change tries the disk again (cutting off what a failed write left half-written).
import { randomBytes } from "node:crypto";
import { constants, fstatSync, statSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import * as fsPromises from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Customers } from "./load-state.js";
import { headerLine, recordLine, type StateRecord } from "./state-records.js";

/** The file system calls the journal makes; tests pass one that fails on demand (a full disk, say). */
export type StateFs = Pick<typeof fsPromises, "open" | "rename" | "stat" | "rm">;

export interface JournalOptions {
  /** The state file's real path (symbolic links resolved): temporary files go next to it. */
  file: string;
  /** The path as the user gave it, for log lines and errors. */
  shown: string;
  fs?: StateFs;
  log: (line: string) => void;
  /** The customers the file holds, kept in step with it: compactions write them, undoing restores them. */
  durable: Customers;
  snapshotRecords: number;
  journalRecords: number;
  /** Undoes changes that did not reach the disk, given the customers that did. */
  undo: (failed: StateRecord[], durable: Customers) => void;
}

/** Why the sandbox stopped writing: the file changed under it (until a restart) or the disk failed (until it works). */
export class StateWriteFailed extends Error {
  constructor(
    readonly reason: "edited" | "disk",
    message: string,
  ) {
    super(message);
  }
}

const smallestCompaction = 1000;
/** Zeros written ahead of the records at a time (an append that reaches past them writes the next run). */
const preallocation = 1 << 20;
/** Read and write, each write synced (its data and what reading it back needs) before it returns. */
const appendFlags = constants.O_RDWR | constants.O_DSYNC;

export class Journal {
  private handle: FileHandle | undefined;
  private identity: { ino: number; size: number; mtimeMs: number } | undefined;
  /** Where the last whole record ends; what a failed write may have left after it is cut off before the next write. */
  private size = 0;
  /** The file's size: `size` and the zeros after it. */
  private allocated = 0;
  private dirty = false;
  private edited: StateWriteFailed | undefined;
  private failing: StateWriteFailed | undefined;
  private pending: { record: StateRecord; line: string; seq: number }[] = [];
  private recorded = 0;
  private waiters: { seq: number; resolve: (error: StateWriteFailed | undefined) => void }[] = [];
  private draining: Promise<void> | undefined;
  private snapshotRecords: number;
  private journalRecords: number;
  private readonly fs: StateFs;

  constructor(private readonly options: JournalOptions) {
    this.fs = options.fs ?? fsPromises;
    this.snapshotRecords = options.snapshotRecords;
    this.journalRecords = options.journalRecords;
  }

  /** Opens the file for appending; `size` is where its last whole record ends (a torn one after it is cut). */
  async open(size: number): Promise<void> {
    const handle = await this.fs.open(this.options.file, appendFlags);
    try {
      const { size: actual } = await handle.stat();
      if (actual !== size) {
        await handle.truncate(size);
        await handle.sync();
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    await this.adopt(handle, size);
  }

  /** Queues a change; it is on disk once a later `flush()` resolves without an error. */
  record(record: StateRecord): void {
    this.pending.push({ record, line: recordLine(record), seq: ++this.recorded });
    this.draining ??= this.drain();
  }

  /** Resolves once every change recorded so far is on disk (`undefined`) or failed and was undone (the error). */
  flush(): Promise<StateWriteFailed | undefined> {
    if (this.recorded === this.durableSeq) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push({ seq: this.recorded, resolve }));
  }

  private durableSeq = 0;

  /** Writes the durable customers to a new file and renames it over the state file (also: creation, migration). */
  async compact(): Promise<void> {
    const { file, durable } = this.options;
    // The new file gets the old one's mode (a read-only or group-readable file stays so).
    const mode = await this.fs.stat(file).then(
      (stats) => stats.mode & 0o7777,
      () => undefined,
    );
    const temporary = join(dirname(file), `${basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
    let count = 0;
    for (const customers of durable.values()) count += customers.size;
    const handle = await this.fs.open(temporary, "wx");
    let size = 0;
    try {
      if (mode !== undefined) await handle.chmod(mode);
      let chunk = headerLine(count);
      const write = async () => {
        const bytes = Buffer.from(chunk);
        await handle.write(bytes, 0, bytes.length, size);
        size += bytes.length;
        chunk = "";
      };
      // In chunks, awaiting each: requests go on being served while a large sandbox is written.
      for (const [merchant, customers] of durable) {
        for (const customer of customers.values()) {
          chunk += recordLine({ op: "put", merchant, customer });
          if (chunk.length > 1 << 20) await write();
        }
      }
      await write();
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await this.fs.rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    try {
      if (this.handle) this.checkUnchanged();
      await this.fs.rename(temporary, file);
    } catch (error) {
      await this.fs.rm(temporary, { force: true });
      throw error;
    }
    await this.syncFolder();
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    await this.adopt(await this.fs.open(file, appendFlags), size);
    this.snapshotRecords = count;
    this.journalRecords = 0;
  }

  /** Writes what is queued, cuts off the zeros after the records (a file at rest is all text), lets go of it. */
  async close(): Promise<void> {
    await this.draining;
    if (this.handle && this.allocated > this.size && !this.dirty && !this.edited) {
      try {
        this.checkUnchanged();
        await this.handle?.truncate(this.size);
      } catch {} // another program's file is left as it is; zeros left behind are ignored on load
    }
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  private async adopt(handle: FileHandle, size: number): Promise<void> {
    const { ino, mtimeMs } = fstatSync(handle.fd);
    this.handle = handle;
    this.size = size;
    this.allocated = size;
    this.dirty = false;
    this.identity = { ino, size, mtimeMs };
  }

  private async drain(): Promise<void> {
    // Cleared in the step that finds nothing pending, before the callers it resolved run: a change recorded as soon
    // as a flush resolved starts the next drain (a `.finally()` callback, or an awaited inner function, would clear
    // it only after that caller ran, and the change would wait for a drain that never comes).
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        const last = batch[batch.length - 1]?.seq ?? this.durableSeq;
        try {
          await this.prepare();
          const records = Buffer.from(batch.map((change) => change.line).join(""));
          const end = this.size + records.length;
          const bytes = end <= this.allocated ? records : Buffer.concat([records, Buffer.alloc(preallocation)]);
          const handle = this.handle as FileHandle;
          this.dirty = true;
          await handle.write(bytes, 0, bytes.length, this.size);
          const { mtimeMs } = fstatSync(handle.fd);
          this.allocated = Math.max(this.allocated, this.size + bytes.length);
          this.size = end;
          this.dirty = false;
          this.identity = { ...(this.identity as { ino: number }), size: this.allocated, mtimeMs };
        } catch (error) {
          // The checks before a write are synchronous: a refusal comes after a turn of the event loop, once the request
          // that made the change waits for it (a flush that finds nothing pending answers "saved").
          await new Promise(setImmediate);
          this.fail(batch, error);
          continue;
        }
        for (const { record } of batch) applyRecord(this.options.durable, record);
        this.journalRecords += batch.length;
        this.durableSeq = last;
        if (this.failing?.reason === "disk") {
          this.options.log(`--state ${this.options.shown}: writing works again; changes are saved.`);
          this.failing = undefined;
        }
        this.settle(last, undefined);
        if (this.journalRecords > Math.max(this.snapshotRecords, smallestCompaction)) {
          // A failed compaction loses nothing (the journal is intact): it is tried again after as many changes.
          await this.compact().catch((error: Error) => {
            this.journalRecords = 0;
            this.options.log(
              `--state ${this.options.shown}: compaction failed (${error.message}); it is retried later.`,
            );
          });
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  /** Makes the file ready for an append: refuses a file changed by someone else, repairs what a failure left. */
  private async prepare(): Promise<void> {
    if (this.edited) throw this.edited;
    if (this.handle && this.dirty) {
      await this.handle.truncate(this.size);
      await this.handle.datasync();
      const { ino, mtimeMs } = fstatSync(this.handle.fd);
      this.allocated = this.size;
      this.identity = { ino, size: this.size, mtimeMs };
      this.dirty = false;
    }
    if (this.handle) this.checkUnchanged();
    // No file (it was removed, or its folder): written afresh from the customers on disk before it went.
    if (!this.handle) await this.compact();
  }

  private checkUnchanged(): void {
    let found: { ino: number; size: number; mtimeMs: number };
    try {
      found = statSync(this.options.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      this.handle?.close().catch(() => undefined);
      this.handle = undefined;
      return;
    }
    const known = this.identity;
    if (known && found.ino === known.ino && found.size === known.size && found.mtimeMs === known.mtimeMs) return;
    this.edited = new StateWriteFailed(
      "edited",
      "the file was changed by another program while the mock ran; the mock does not overwrite it and saves no " +
        "more changes: restart it to load the file as it is now",
    );
    throw this.edited;
  }

  private fail(batch: { record: StateRecord }[], error: unknown): void {
    // Changes queued behind the failed ones may build on them (a replace of a customer whose create failed): all go.
    const failed = [...batch, ...this.pending.splice(0)].map((change) => change.record);
    const reason =
      error instanceof StateWriteFailed
        ? error
        : new StateWriteFailed("disk", `cannot write it (${(error as Error).message})`);
    if (this.failing?.reason !== reason.reason) {
      const until = reason.reason === "edited" ? "" : " until writing works again";
      this.options.log(`--state ${this.options.shown}: ${reason.message}. Changes are refused (answered 500)${until}.`);
    }
    this.failing = reason;
    this.options.undo(failed, this.options.durable);
    this.settle(this.recorded, reason);
    this.durableSeq = this.recorded;
  }

  private settle(upTo: number, error: StateWriteFailed | undefined): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (waiter.seq <= upTo) waiter.resolve(error);
      else this.waiters.push(waiter);
    }
  }

  private async syncFolder(): Promise<void> {
    // The rename itself must survive a crash; some systems cannot sync a folder, which is not an error here.
    const folder = await this.fs.open(dirname(this.options.file), "r").catch(() => undefined);
    await folder?.sync().catch(() => undefined);
    await folder?.close();
  }
}

/** Applies a record to customers by merchant, as loading the file does. */
export function applyRecord(customers: Customers, record: StateRecord): void {
  if (record.op === "reset") customers.clear();
  else if (record.op === "delete") customers.get(record.merchant)?.delete(record.id);
  else {
    let own = customers.get(record.merchant);
    if (!own) {
      own = new Map();
      customers.set(record.merchant, own);
    }
    own.set(record.customer.id, record.customer);
  }
}
