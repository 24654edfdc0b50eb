// The state file's writer. Changes are appended as records, so a change costs the same at 100,000 stored customers
// as at 10. When the journal outgrows the snapshot, a compaction writes the customers afresh to a temporary file and
// renames it over the state file.
//
// A change is written (a plain `write()`, synchronous: about 10 µs, where a trip through the thread pool costs
// several times that) before its answer goes out, and synced to the disk in the background: one `fdatasync` for
// everything written while the previous one ran (group commit), which no answer waits for. A write that returned is
// in the OS's page cache, so a `kill -9` of the mock loses nothing it answered; a power loss or a crash of the machine
// loses at most what was written after the last completed sync. The sync is most of what a synced answer costs on
// this disk (measured: a 200-byte synced overwrite 0.4-0.8 ms at the median and several ms under load, against
// 0.5-0.7 ms for a whole create in memory), so no design that syncs before answering reaches half the in-memory rate
// at one connection. A failed sync is reported and the file is written afresh (a compaction, synced) before the
// next change is accepted: what was answered is not silently lost, and while that rewrite fails, changes are
// refused (answered 500). `flush()` and `close()` wait for the sync.
//
// The file grows ahead of the records by a run of zeros (written, not a hole), which the next appends overwrite: an
// overwrite changes neither the file's size nor its blocks, so syncing it needs no commit of the file system's own
// journal. Loading ignores the zeros at the end; closing cuts them off. Before each write it checks (a stat of a
// cached inode: microseconds) that the file is still the one it wrote (inode, size, modification time): a file
// changed by someone else is never overwritten. A failed write fails every change not yet written: the caller undoes
// them in memory, and the next change tries the disk again (cutting off what a failed write left half-written).
import { randomBytes } from "node:crypto";
import { constants, fstatSync, statSync, writeSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import * as fsPromises from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Customers } from "./load-state.js";
import { headerLine, recordLine, type StateRecord } from "./state-records.js";

/** The file system calls the journal makes; tests pass one that fails on demand (a full disk, say). */
export type StateFs = Pick<typeof fsPromises, "open" | "rename" | "stat" | "rm"> & {
  /** Writes a batch of changes to the open file (`fs.writeSync`). */
  writeSync: (fd: number, buffer: Buffer, offset: number, length: number, position: number) => number;
};

const nodeFs: StateFs = { ...fsPromises, writeSync };

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
const appendFlags = constants.O_RDWR;

type Waiter = { seq: number; resolve: (error: StateWriteFailed | undefined) => void };

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
  /** A sync failed: what was written since the last good one may not be on the disk, so the file is written afresh. */
  private unsynced: StateWriteFailed | undefined;
  private pending: { record: StateRecord; line: string; seq: number }[] = [];
  private recorded = 0;
  /** The last change written (or failed and undone), and the last one synced. */
  private writtenSeq = 0;
  private syncedSeq = 0;
  private waiters: Waiter[] = [];
  private syncWaiters: Waiter[] = [];
  private draining: Promise<void> | undefined;
  private busy = false;
  private syncing: Promise<void> | undefined;
  private snapshotRecords: number;
  private journalRecords: number;
  private readonly fs: StateFs;

  constructor(private readonly options: JournalOptions) {
    this.fs = options.fs ?? nodeFs;
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
    this.adopt(handle, size);
  }

  /** Queues a change and writes it unless a write or a repair is under way (then it is written after it). */
  record(record: StateRecord): void {
    this.pending.push({ record, line: recordLine(record), seq: ++this.recorded });
    if (this.busy) return;
    // Usually runs to its end before it returns (nothing to wait for): it is kept only while it has to wait.
    const running = this.drain();
    if (this.busy) this.draining = running;
  }

  /**
   * Resolves once every change recorded so far is written (`undefined`: it survives the mock being killed) or failed
   * and was undone (the error).
   */
  flush(): Promise<StateWriteFailed | undefined> {
    return this.wait(this.waiters, this.writtenSeq);
  }

  /** Resolves once every change recorded so far is synced to the disk, or with the error that kept it from it. */
  async sync(): Promise<StateWriteFailed | undefined> {
    const written = await this.flush();
    if (written) return written;
    if (this.unsynced) return this.unsynced;
    return this.wait(this.syncWaiters, this.syncedSeq);
  }

  private wait(waiters: Waiter[], reached: number): Promise<StateWriteFailed | undefined> {
    if (this.recorded === reached) return Promise.resolve(undefined);
    return new Promise((resolve) => waiters.push({ seq: this.recorded, resolve }));
  }

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
    // A background sync of the old file ends before it is closed (a sync of a closed file would be a false alarm).
    await this.syncing;
    const old = this.handle;
    this.handle = undefined;
    await old?.close().catch(() => undefined);
    this.adopt(await this.fs.open(file, appendFlags), size);
    this.snapshotRecords = count;
    this.journalRecords = 0;
    // Everything written so far is in the new file, synced.
    this.unsynced = undefined;
    this.syncedSeq = this.writtenSeq;
    this.settle(this.syncWaiters, this.syncedSeq, undefined);
  }

  /** Writes and syncs what is queued, cuts off the zeros after the records (a file at rest is all text), lets go. */
  async close(): Promise<void> {
    await this.draining;
    await this.syncing;
    if (this.unsynced && !this.edited) await this.compact().catch(() => undefined);
    if (this.handle && this.allocated > this.size && !this.dirty && !this.edited) {
      try {
        this.checkUnchanged();
        await this.handle?.truncate(this.size);
      } catch {} // another program's file is left as it is; zeros left behind are ignored on load
    }
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  private adopt(handle: FileHandle, size: number): void {
    const { ino, mtimeMs } = fstatSync(handle.fd);
    this.handle = handle;
    this.size = size;
    this.allocated = size;
    this.dirty = false;
    this.identity = { ino, size, mtimeMs };
  }

  private async drain(): Promise<void> {
    // `busy` is cleared in the step that finds nothing pending, before the callers it resolved run: a change recorded
    // as soon as a flush resolved starts the next drain (a `.finally()` callback, or an awaited inner function, would
    // clear it only after that caller ran, and the change would wait for a drain that never comes).
    this.busy = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        const last = batch[batch.length - 1]?.seq ?? this.writtenSeq;
        try {
          // The usual case needs no repair: its check and write are synchronous, before the request's answer.
          if (this.edited || this.dirty || !this.handle || this.unsynced) await this.prepare();
          else this.checkUnchanged();
          if (!this.handle) await this.prepare(); // the check found the file removed
          this.write(Buffer.from(batch.map((change) => change.line).join("")));
        } catch (error) {
          // A refusal comes after a turn of the event loop, once the request that made the change waits for it (a
          // flush that finds nothing pending answers "saved").
          await new Promise(setImmediate);
          this.fail(batch, error);
          continue;
        }
        for (const { record } of batch) applyRecord(this.options.durable, record);
        this.journalRecords += batch.length;
        this.writtenSeq = last;
        if (this.failing?.reason === "disk") {
          this.options.log(`--state ${this.options.shown}: writing works again; changes are saved.`);
          this.failing = undefined;
        }
        this.settle(this.waiters, last, undefined);
        this.startSync();
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
      this.busy = false;
      this.draining = undefined;
    }
  }

  /** One synchronous write of a batch at the end of the records, with the next run of zeros when it reaches them. */
  private write(records: Buffer): void {
    const end = this.size + records.length;
    const bytes = end <= this.allocated ? records : Buffer.concat([records, Buffer.alloc(preallocation)]);
    const fd = (this.handle as FileHandle).fd;
    this.dirty = true;
    const written = this.fs.writeSync(fd, bytes, 0, bytes.length, this.size);
    if (written !== bytes.length) throw new Error(`wrote ${written} of ${bytes.length} bytes`);
    const { mtimeMs } = fstatSync(fd);
    this.allocated = Math.max(this.allocated, this.size + bytes.length);
    this.size = end;
    this.dirty = false;
    this.identity = { ...(this.identity as { ino: number }), size: this.allocated, mtimeMs };
  }

  private startSync(): void {
    if (this.syncing || !this.handle || this.unsynced || this.syncedSeq >= this.writtenSeq) return;
    this.syncing = this.syncInBackground();
  }

  /** Syncs what was written, again while more was written during the last sync; no answer waits for it. */
  private async syncInBackground(): Promise<void> {
    try {
      // Starts after the answers of this turn went out: handing the sync to the thread pool wakes a thread, which on
      // a busy machine can take the core from the answer. (Awaiting first also means `syncing` is set by the time
      // the `finally` clears it.)
      await new Promise(setImmediate);
      for (let handle = this.handle; handle && this.syncedSeq < this.writtenSeq; handle = this.handle) {
        const upTo = this.writtenSeq;
        try {
          await handle.datasync();
        } catch (error) {
          this.unsynced = new StateWriteFailed("disk", `cannot sync it (${(error as Error).message})`);
          this.failing = this.unsynced;
          this.options.log(
            `--state ${this.options.shown}: ${this.unsynced.message}. Changes answered since the last sync may not ` +
              "survive a power loss: the file is written afresh before the next change, which is refused (answered " +
              "500) until writing works again.",
          );
          this.settle(this.syncWaiters, this.recorded, this.unsynced);
          return;
        }
        this.syncedSeq = Math.max(this.syncedSeq, upTo);
        this.settle(this.syncWaiters, this.syncedSeq, undefined);
      }
    } finally {
      this.syncing = undefined;
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
    // No file (it was removed, or its folder): written afresh from the customers on disk before it went. After a
    // failed sync, too: what the disk dropped is written again, and synced.
    if (!this.handle || this.unsynced) await this.compact();
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
    this.settle(this.waiters, this.recorded, reason);
    this.settle(this.syncWaiters, this.recorded, reason);
    this.writtenSeq = this.recorded;
    // The failed changes were undone: a sync now only covers the good ones before them; with no file, nothing can be
    // synced (the next change writes the file afresh).
    if (this.handle) this.startSync();
    else this.syncedSeq = this.writtenSeq;
  }

  private settle(waiters: Waiter[], upTo: number, error: StateWriteFailed | undefined): void {
    const waiting = waiters.splice(0);
    for (const waiter of waiting) {
      if (waiter.seq <= upTo) waiter.resolve(error);
      else waiters.push(waiter);
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
