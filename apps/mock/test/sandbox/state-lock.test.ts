// One mock per state file: a second one is refused while the first lives; a lock left by a killed mock is taken
// over; close() frees the file.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startMock } from "../../dist/index.js";
import { runBin } from "../run-bin.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "payment-customers-lock-"));
});
afterAll(() => rm(folder, { recursive: true, force: true, maxRetries: 5 }));

it("refuses a second mock on the file while the first lives, takes over once it was killed, frees it on close", async () => {
  const file = join(folder, "state.json");
  const first = await runBin(["--port", "0", "--state", file]);
  const pid = first.child.pid as number;
  try {
    await expect(startMock({ port: 0, state: file })).rejects.toThrow(
      `--state ${file} is in use by another mock (process ${pid}, see ${file}.lock)`,
    );
  } finally {
    await first.stop("SIGKILL");
  }
  expect(await readFile(`${file}.lock`, "utf8")).toBe(`${pid}\n`); // a killed mock cannot clean up

  const second = await startMock({ port: 0, state: file });
  expect(await readFile(`${file}.lock`, "utf8")).toBe(`${process.pid}\n`);
  await expect(startMock({ port: 0, state: file })).rejects.toThrow(`process ${process.pid}`);
  await second.close();
  await expect(stat(`${file}.lock`)).rejects.toThrow(/ENOENT/);
});
