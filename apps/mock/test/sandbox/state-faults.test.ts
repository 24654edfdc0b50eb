// --state on a bad disk: a file the mock cannot write is refused at start (naming it, no stack); a write that fails
// later undoes its change, answers the API's 500 without the server's paths, leaves reads and tokens working, and
// the next change succeeds once the disk does. Real faults where a real disk can make them (a removed folder, an
// immutable file via chattr, a path under a file); a full disk and a failing sync through an injected file system
// layer. An answer waits for its change's write, not for the disk's sync, which runs in the background.
import { spawnSync } from "node:child_process";
import { writeSync } from "node:fs";
import * as fsPromises from "node:fs/promises";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startMock } from "../../dist/index.js";
import { createEngine } from "../../src/engine.js";
import { Journal, type StateFs } from "../../src/state/journal.js";
import { openStateFile } from "../../src/state-file.js";
import { runBinToExit } from "../run-bin.js";
import { call, contact, customersPath, httpFetch, tokenFor } from "./sandbox-fetch.js";
import { readStateFile } from "./state-records.js";

const spec = new URL("../../dist/openapi.json", import.meta.url).pathname;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "payment-customers-faults-"));
});
afterAll(async () => {
  spawnSync("chattr", ["-R", "-i", folder]);
  await rm(folder, { recursive: true, force: true, maxRetries: 5 });
});
// chattr +i stops even root; where chattr or the file system cannot, those tests are skipped.
const canChattr = (() => {
  const probe = join(tmpdir(), `payment-customers-chattr-${process.pid}`);
  spawnSync("touch", [probe]);
  const works = spawnSync("chattr", ["+i", probe]).status === 0;
  spawnSync("chattr", ["-i", probe]);
  spawnSync("rm", ["-f", probe]);
  return works;
})();
const silenced = () => vi.spyOn(console, "error").mockImplementation(() => undefined);

describe("at start", () => {
  it("exits 1 on a file in a folder that does not exist, naming the file, without a stack", async () => {
    const file = join(folder, "missing", "state.json");
    const { code, output } = await runBinToExit(["--port", "0", "--state", file]);
    expect(code).toBe(1);
    expect(output).toContain(`--state ${file}: cannot use this path`);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("rejects startMock on a path under a file", async () => {
    const file = join(folder, "a-file");
    await writeFile(file, "");
    await expect(startMock({ port: 0, state: join(file, "state.json") })).rejects.toThrow(
      `--state ${join(file, "state.json")}: cannot use this path`,
    );
  });

  it.skipIf(!canChattr)("rejects startMock on a file it cannot write (immutable)", async () => {
    const file = join(folder, "immutable.json");
    await writeFile(file, "");
    await rm(file);
    const mock = await startMock({ port: 0, state: file });
    await mock.close();
    spawnSync("chattr", ["+i", file]);
    try {
      await expect(startMock({ port: 0, state: file })).rejects.toThrow(
        new RegExp(`--state ${file}: cannot write it \\(EPERM`),
      );
    } finally {
      spawnSync("chattr", ["-i", file]);
    }
  });
});

describe("while it runs", () => {
  /** Starts a mock on `file`; `api` calls it as merchant "shop". */
  async function mockOn(file: string) {
    const mock = await startMock({ port: 0, state: file });
    const token = await tokenFor(httpFetch, "shop", mock.url);
    const api = (method: string, path: string, body?: unknown) => call(httpFetch, token, method, path, body, mock.url);
    return { mock, api };
  }
  const expectNotSaved = (answer: { status: number; body: unknown }) => {
    expect(answer).toMatchObject({ status: 500, body: { status: "error", error: "ProductInternalException" } });
    expect(JSON.stringify(answer.body)).not.toContain(folder);
  };

  it("its folder removed: refuses changes (undone), serves reads and tokens, recovers when the folder is back", async () => {
    const own = join(folder, "removed");
    await mkdir(own);
    const file = join(own, "state.json");
    const log = silenced();
    const { mock, api } = await mockOn(file);
    try {
      const first = await api("POST", customersPath, { contact });
      await rm(own, { recursive: true });

      expectNotSaved(await api("POST", customersPath, { contact }));
      expect(await api("GET", `${customersPath}/${first.body.id}`)).toEqual(first);
      expect((await api("GET", customersPath)).body.count).toBe(1);
      expect(await tokenFor(httpFetch, "shop", mock.url)).toBeTruthy();
      expect(log.mock.calls.join("\n")).toContain(`--state ${file}: cannot write it`);

      await mkdir(own);
      const later = await api("POST", customersPath, { contact });
      expect(later.status).toBe(200);
      expect((await readStateFile(file)).ids).toEqual({ shop: [first.body.id, later.body.id] });
    } finally {
      await mock.close();
      log.mockRestore();
    }
  });

  it.skipIf(!canChattr)("the file made immutable: refuses changes until it is writable again", async () => {
    const file = join(folder, "immutable-later.json");
    const log = silenced();
    const { mock, api } = await mockOn(file);
    try {
      const first = await api("POST", customersPath, { contact });
      spawnSync("chattr", ["+i", file]);
      expectNotSaved(await api("PUT", `${customersPath}/${first.body.id}`, { contact: { ...contact, surname: "X" } }));
      expect(await api("GET", `${customersPath}/${first.body.id}`)).toEqual(first);
      spawnSync("chattr", ["-i", file]);
      const replaced = await api("PUT", `${customersPath}/${first.body.id}`, { contact: { ...contact, surname: "Y" } });
      expect(replaced.status).toBe(200);
      expect(log.mock.calls.join("\n")).toContain(`--state ${file}: writing works again`);
    } finally {
      spawnSync("chattr", ["-i", file]);
      await mock.close();
      log.mockRestore();
    }
  });
});

describe("a full disk and a failing sync (injected)", () => {
  /**
   * Real files; while `full`, a write stores half its bytes and fails with ENOSPC, as a disk filling up does; while
   * `failSync`, a sync of the state file fails with EIO; while `held`, the file's syncs wait until `release()`.
   */
  let full = false;
  let failSync = false;
  let held: Promise<void> | undefined;
  let release: () => void = () => undefined;
  let syncsHeld = 0;
  const hold = () => {
    held = new Promise((resolve) => {
      release = () => {
        held = undefined;
        resolve();
      };
    });
  };
  const noSpace = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  const filling: StateFs = {
    ...fsPromises,
    writeSync(fd, buffer, offset, length, position) {
      if (!full) return writeSync(fd, buffer, offset, length, position);
      writeSync(fd, buffer, offset, Math.floor(length / 2), position);
      throw noSpace();
    },
    async open(...args: Parameters<typeof fsPromises.open>) {
      const handle = await fsPromises.open(...args);
      return new Proxy(handle, {
        get(target, name) {
          if (name === "write" && full) {
            return async (buffer: Buffer, offset: number, length: number, position: number) => {
              await target.write(buffer, offset, Math.floor(length / 2), position);
              throw noSpace();
            };
          }
          if (name === "datasync" && failSync) {
            return async () => {
              throw Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
            };
          }
          if ((name === "datasync" || name === "sync") && held) {
            return async () => {
              syncsHeld++;
              await held;
              return target[name]();
            };
          }
          const value = Reflect.get(target, name);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
  };

  async function sandboxOn(file: string) {
    const log: string[] = [];
    const state = await openStateFile(file, { fs: filling, spec, log: (line) => log.push(line) });
    const engine = await createEngine({
      spec,
      mode: "sandbox",
      store: state.store,
      tokenTtl: 1200,
      now: Date.now,
      afterRequest: state.afterRequest,
    });
    const fetch = (input: Request | string | URL, init?: RequestInit) => engine(new Request(input, init));
    const token = await tokenFor(fetch, "shop");
    const api = (method: string, path: string, body?: unknown) => call(fetch, token, method, path, body);
    return { state, api, log };
  }

  it("a create cut short is undone and cut off the file; the next one after space is freed is kept", async () => {
    const file = join(folder, "full.json");
    const { state, api, log } = await sandboxOn(file);
    const first = await api("POST", customersPath, { contact });
    full = true;
    const refused = await api("POST", customersPath, { contact });
    full = false;
    expect(refused).toMatchObject({ status: 500, body: { error: "ProductInternalException" } });
    expect((await api("GET", customersPath)).body.data).toEqual([first.body]);
    const later = await api("POST", customersPath, { contact });
    expect(later.status).toBe(200);
    await state.close();

    const written = await readStateFile(file);
    expect(written).toMatchObject({ torn: false, ids: { shop: [first.body.id, later.body.id] } });
    expect(log.join("\n")).toContain(`--state ${file}: cannot write it (ENOSPC`);
    const reopened = await sandboxOn(file);
    expect((await reopened.api("GET", customersPath)).body.data).toEqual([first.body, later.body]);
    expect(reopened.log).toEqual([]);
    await reopened.state.close();
  });

  it("a delete that fails puts the customer back where it was", async () => {
    const file = join(folder, "full-delete.json");
    const { state, api } = await sandboxOn(file);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await api("POST", customersPath, { contact })).body.id);
    full = true;
    const refused = await api("DELETE", `${customersPath}/${ids[1]}`);
    full = false;
    expect(refused.status).toBe(500);
    expect((await api("GET", customersPath)).body.data.map((c: { id: string }) => c.id)).toEqual(ids);
    expect((await api("DELETE", `${customersPath}/${ids[1]}`)).status).toBe(200);
    await state.close();
    expect((await readStateFile(file)).ids).toEqual({ shop: [ids[0], ids[2]] });
  });

  it("a change recorded as soon as a flush resolved is written too (no turn of the event loop between)", async () => {
    const file = join(folder, "back-to-back.json");
    const journal = new Journal({
      file,
      shown: file,
      log: () => undefined,
      durable: new Map(),
      snapshotRecords: 0,
      journalRecords: 0,
      undo: () => undefined,
    });
    await journal.compact();
    for (const n of [1, 2, 3]) {
      journal.record({ op: "put", merchant: "shop", customer: { id: `PCU_${n}` } });
      expect(await journal.flush()).toBeUndefined();
    }
    await journal.close();
    expect((await readStateFile(file)).ids).toEqual({ shop: ["PCU_1", "PCU_2", "PCU_3"] });
  });

  it("a create is answered once it is written, before the disk's sync (which flush() waits for)", async () => {
    const file = join(folder, "held-sync.json");
    const { state, api } = await sandboxOn(file);
    const first = await api("POST", customersPath, { contact });
    hold();
    let second: { status: number; body: { id: string } };
    try {
      second = await api("POST", customersPath, { contact });
      expect(second.status).toBe(200);
      // Written: in the OS's cache, where a killed mock leaves it.
      expect((await readStateFile(file)).ids).toEqual({ shop: [first.body.id, second.body.id] });
      let synced = false;
      const flushed = state.flush().then(() => {
        synced = true;
      });
      await new Promise(setImmediate);
      expect(synced).toBe(false);
      expect(syncsHeld).toBeGreaterThan(0);
      release();
      await flushed;
    } finally {
      release();
    }
    await state.close();
    expect((await readStateFile(file)).ids).toEqual({ shop: [first.body.id, second.body.id] });
  });

  it("a failed sync is reported and the file written afresh; while that fails, changes are refused", async () => {
    const file = join(folder, "failed-sync.json");
    const { state, api, log } = await sandboxOn(file);
    const first = await api("POST", customersPath, { contact });
    await state.flush();
    failSync = true;
    const answered = await api("POST", customersPath, { contact });
    expect(answered.status).toBe(200);
    await expect(state.flush()).rejects.toThrow(`--state ${file}: cannot sync it (EIO`);
    expect(log.join("\n")).toContain(`--state ${file}: cannot sync it (EIO`);

    full = true;
    const refused = await api("POST", customersPath, { contact });
    full = false;
    failSync = false;
    expect(refused).toMatchObject({ status: 500, body: { error: "ProductInternalException" } });
    expect((await api("GET", customersPath)).body.data).toEqual([first.body, answered.body]);

    const later = await api("POST", customersPath, { contact });
    expect(later.status).toBe(200);
    await state.flush();
    expect(log.join("\n")).toContain(`--state ${file}: writing works again`);
    await state.close();
    expect((await readStateFile(file)).ids).toEqual({ shop: [first.body.id, answered.body.id, later.body.id] });
    const reopened = await sandboxOn(file);
    expect((await reopened.api("GET", customersPath)).body.data).toEqual([first.body, answered.body, later.body]);
    await reopened.state.close();
  });

  it("compaction rewrites the file once the journal outgrows the snapshot; a reset survives it", async () => {
    const file = join(folder, "compaction.json");
    const { state, api } = await sandboxOn(file);
    const kept = await api("POST", customersPath, { contact });
    const replace = () => state.store.replace("shop", { ...kept.body, updated: "2026-01-01T00:00:00+00:00" });
    // Each change is written as it is made: the 1,000th replace makes the journal (with the create) outgrow the
    // smallest compaction, which then starts.
    for (let i = 0; i < 1000; i++) replace();
    await state.flush();
    replace(); // written after the compaction
    await state.flush();
    const compacted = await readStateFile(file);
    expect(compacted.header.snapshot).toBe(1);
    expect(compacted.records.length).toBe(2);
    state.store.reset();
    await state.flush();
    await state.close();
    expect((await readStateFile(file)).ids).toEqual({});
  });
});
