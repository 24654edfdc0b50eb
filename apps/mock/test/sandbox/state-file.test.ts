// --state: customers survive a restart and a kill -9 during writes; a torn last record is dropped and reported; a
// corrupt or foreign file is refused with a clear message and left as it was; version 1 files are migrated; the file
// is written through a symbolic link, keeps its mode, is never overwritten after someone else changed it.
import { chmod, lstat, mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { startMock } from "../../dist/index.js";
import { type RunningBin, runBin, runBinToExit } from "../run-bin.js";
import { call, contact, customersPath, httpFetch, tokenFor } from "./sandbox-fetch.js";
import { readStateFile } from "./state-records.js";

/** A customer as the sandbox stores it; `n` makes the id. */
const stored = (n: number, extra: Record<string, unknown> = {}) => ({
  object: "payment.customers",
  id: `PCU_${String(n).padStart(30, "0")}`,
  contract: { object: "payment.contracts", id: `PCR_${"A".repeat(30)}` },
  merchant: { object: "general.merchants", id: `MRC_${"A".repeat(30)}` },
  contact: { ...contact, name: "Erika Mustermann" },
  created: "2026-01-02T03:04:05+00:00",
  ...extra,
});
const version1 = (merchants: Record<string, unknown[]>) =>
  JSON.stringify({ format: "payment-customers-mock/state", version: 1, merchants });

let folder: string;
const running: RunningBin[] = [];
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "payment-customers-state-"));
});
afterAll(async () => {
  await Promise.all(running.map((bin) => (bin.child.exitCode === null ? bin.stop("SIGKILL") : undefined)));
  await rm(folder, { recursive: true, force: true, maxRetries: 5 });
});
const start = async (file: string) => {
  const bin = await runBin(["--port", "0", "--state", file]);
  running.push(bin);
  return bin;
};
/** Creates a customer through a mock started in this process and returns what the list shows afterwards. */
async function withMock<T>(
  file: string,
  use: (api: (method: string, path: string, body?: unknown) => ReturnType<typeof call>) => Promise<T>,
) {
  const mock = await startMock({ port: 0, state: file });
  try {
    const token = await tokenFor(httpFetch, "shop", mock.url);
    return await use((method, path, body) => call(httpFetch, token, method, path, body, mock.url));
  } finally {
    await mock.close();
  }
}

it("a created customer survives a restart", async () => {
  const file = join(folder, "restart.json");
  const first = await start(file);
  const token = await tokenFor(httpFetch, "shop", first.url);
  const created = await call(httpFetch, token, "POST", customersPath, { contact }, first.url);
  expect(await first.stop()).toBe(0);

  // The next process to open the file is this one: a new store, read from the file alone.
  const again = await withMock(file, (api) => api("GET", `${customersPath}/${created.body.id}`));
  expect(again).toEqual({ status: 200, body: created.body });
});

it("kill -9 during writes: the file loads and holds every customer whose create was answered", async () => {
  const file = join(folder, "kill.json");
  const bin = await start(file);
  const token = await tokenFor(httpFetch, "shop", bin.url);
  const answered: string[] = [];
  let stop = false;
  const writer = async () => {
    while (!stop) {
      const answer = await call(httpFetch, token, "POST", customersPath, { contact }, bin.url).catch(() => undefined);
      if (answer?.status === 200) answered.push(answer.body.id);
    }
  };
  const writers = Array.from({ length: 8 }, writer);
  await expect.poll(() => answered.length, { timeout: 30_000 }).toBeGreaterThan(50);
  bin.child.kill("SIGKILL");
  stop = true;
  await Promise.all(writers);

  const state = await readStateFile(file);
  const kept = new Set(state.ids.shop ?? []);
  expect(answered.filter((id) => !kept.has(id))).toEqual([]);

  const list = await withMock(file, (api) => api("GET", `${customersPath}?count=1`));
  expect(list.body.count).toBe(kept.size);
}, 90_000);

it.each([
  ["a corrupt file", "{ not json", /not valid JSON/],
  ["a foreign file", JSON.stringify({ hello: "world" }), /no "format": "payment-customers-mock\/state"/],
  [
    "a file of a future version",
    JSON.stringify({ format: "payment-customers-mock/state", version: 9, merchants: {} }),
    /version 9/,
  ],
])("refuses %s, says why, and leaves it as it was", async (kind, text, reason) => {
  const file = join(folder, `refused-${kind.replace(/\W/g, "-")}.json`);
  await writeFile(file, text);
  const { code, output } = await runBinToExit(["--port", "0", "--state", file]);
  expect(code).toBe(1);
  expect(output).toMatch(reason);
  expect(output).toContain("left as it is");
  expect(output).toContain(file);
  expect(output).not.toMatch(/\n\s+at /); // no stack
  expect(await readFile(file, "utf8")).toBe(text);
});

it.each([
  [
    "two customers with one id (in two merchants)",
    version1({ shop: [stored(1)], other: [stored(1)] }),
    /PCU_0+1 of merchant "other" has the id of a customer of merchant "shop"/,
  ],
  [
    "a customer that breaks the spec's schema",
    version1({ shop: [stored(1), stored(2, { contact: "Erika" }), stored(3, { created: 5 })] }),
    /customer PCU_0+2 of merchant "shop" breaks the spec's customer schema \(\/contact must be object\)/,
  ],
  ["a customer without an id", version1({ shop: [{ object: "payment.customers" }] }), /PCU_ ids/],
])("refuses a file with %s, naming the file and the first bad record", async (_kind, text, reason) => {
  const file = join(folder, `refused-${_kind.replace(/\W/g, "-")}.json`);
  await writeFile(file, text);
  await expect(startMock({ port: 0, state: file })).rejects.toThrow(reason);
  await expect(startMock({ port: 0, state: file })).rejects.toThrow(`--state ${file}:`);
  expect(await readFile(file, "utf8")).toBe(text);
});

it("migrates a version 1 file: its customers load, the file becomes version 2", async () => {
  const file = join(folder, "version-1.json");
  await writeFile(file, version1({ shop: [stored(1), stored(2)], other: [stored(3)] }));
  const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const list = await withMock(file, (api) => api("GET", customersPath));
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([stored(1).id, stored(2).id]);
    expect(log.mock.calls.join("\n")).toContain(`--state ${file}: migrated from version 1 to version 2`);
  } finally {
    log.mockRestore();
  }
  const state = await readStateFile(file);
  expect(state.header).toEqual({ format: "payment-customers-mock/state", version: 2, snapshot: 3 });
  expect(state.ids).toEqual({ shop: [stored(1).id, stored(2).id], other: [stored(3).id] });
});

it("drops a torn last record and reports it; refuses a damaged record that others follow", async () => {
  const file = join(folder, "torn.json");
  const created = await withMock(file, (api) => api("POST", customersPath, { contact }));
  const whole = await readFile(file, "utf8");
  await writeFile(file, `${whole}0badc0de {"op":"put","merchant":"shop","cust`);
  const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const list = await withMock(file, (api) => api("GET", customersPath));
    expect(list.body.data).toEqual([created.body]);
    expect(log.mock.calls.join("\n")).toMatch(`--state ${file}: dropped a torn last record (line 3`);
  } finally {
    log.mockRestore();
  }
  expect(await readFile(file, "utf8")).toBe(whole);

  const lines = whole.split("\n");
  const damaged = [lines[0], lines[1]?.replace("Erika", "Erikb"), lines[1], ""].join("\n");
  await writeFile(file, damaged);
  await expect(startMock({ port: 0, state: file })).rejects.toThrow(
    `--state ${file}: line 2 is damaged (its checksum does not match), and records follow it`,
  );
  expect(await readFile(file, "utf8")).toBe(damaged);
});

it("keeps zeros after its records while it runs, ignores them on load (after a kill), and cuts them off on close", async () => {
  const file = join(folder, "zeros.json");
  const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const created = await withMock(file, async (api) => {
      const answer = await api("POST", customersPath, { contact });
      // Synced appends overwrite zeros written ahead of them, rather than growing the file each time.
      expect((await readFile(file)).at(-1)).toBe(0);
      return answer;
    });
    const whole = await readFile(file, "utf8");
    expect(whole.endsWith("\n")).toBe(true);
    await writeFile(file, `${whole}${"\0".repeat(4096)}`); // as a killed mock leaves it
    const list = await withMock(file, (api) => api("GET", customersPath));
    expect(list.body.data).toEqual([created.body]);
    expect(log).not.toHaveBeenCalled();
    expect(await readFile(file, "utf8")).toBe(whole);
  } finally {
    log.mockRestore();
  }
});

it("writes through a symbolic link to its target, and keeps the file's mode", async () => {
  const target = join(folder, "target.json");
  const link = join(folder, "link.json");
  await writeFile(target, version1({ shop: [stored(1)] }));
  await chmod(target, 0o640);
  await symlink(target, link);
  const created = await withMock(link, (api) => api("POST", customersPath, { contact }));
  expect((await lstat(link)).isSymbolicLink()).toBe(true);
  expect((await stat(target)).mode & 0o777).toBe(0o640);
  expect((await readStateFile(target)).ids.shop).toEqual([stored(1).id, created.body.id]);
});

it("removes the temporary files a killed writer left, and only those", async () => {
  const file = join(folder, "temporary.json");
  const stale = `${file}.0123456789ab.tmp`;
  const foreign = `${file}.notes.tmp`;
  await writeFile(stale, "half a file");
  await writeFile(foreign, "someone else's");
  await withMock(file, async () => undefined);
  await expect(stat(stale)).rejects.toThrow(/ENOENT/);
  expect(await readFile(foreign, "utf8")).toBe("someone else's");
});

it("never overwrites a file changed by someone else while it runs: refuses changes, says so, keeps serving", async () => {
  const file = join(folder, "edited.json");
  const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    await withMock(file, async (api) => {
      const first = await api("POST", customersPath, { contact });
      expect(first.status).toBe(200);
      const edited = `${await readFile(file, "utf8")}\n`;
      await writeFile(file, edited);

      const refused = await api("POST", customersPath, { contact });
      expect(refused).toMatchObject({ status: 500, body: { status: "error", error: "ProductInternalException" } });
      expect(JSON.stringify(refused.body)).not.toContain(folder);
      expect((await api("GET", customersPath)).body.data).toEqual([first.body]);
      expect(await readFile(file, "utf8")).toBe(edited);
      expect(log.mock.calls.join("\n")).toContain(`--state ${file}: the file was changed by another program`);
    });
  } finally {
    log.mockRestore();
  }
});

it("never overwrites a file another program renamed over it while it runs: refuses changes, says so", async () => {
  const file = join(folder, "replaced.json");
  const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    await withMock(file, async (api) => {
      const first = await api("POST", customersPath, { contact });
      expect(first.status).toBe(200);
      // An editor saving through a temporary file and a rename: the open file stays as the mock left it, with no link.
      const replacement = (await readFile(file, "utf8")).replace("Erika", "Erikb");
      await writeFile(`${file}.saved`, replacement);
      await rename(`${file}.saved`, file);

      const refused = await api("POST", customersPath, { contact });
      expect(refused).toMatchObject({ status: 500, body: { status: "error", error: "ProductInternalException" } });
      expect((await api("GET", customersPath)).body.data).toEqual([first.body]);
      expect(await readFile(file, "utf8")).toBe(replacement);
      expect(log.mock.calls.join("\n")).toContain(`--state ${file}: the file was changed by another program`);
    });
  } finally {
    log.mockRestore();
  }
});
