// --state: customers survive a restart and a kill -9 during writes; the file is never torn; a corrupt or foreign
// file is refused with a clear message and left as it was.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningBin, runBin, runBinToExit } from "../run-bin.js";
import { call, customersPath, tokenFor } from "./sandbox-fetch.js";

const contact = {
  forename: "Erika",
  surname: "Mustermann",
  email: "erika@example.com",
  address: { street: "Heidestraße", street_number: "17", postal_code: "51147", city: "Köln", country: "DE" },
};
const httpFetch = (input: Request | string | URL, init?: RequestInit) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(30_000) });

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

it("a created customer survives a restart", async () => {
  const file = join(folder, "restart.json");
  const first = await start(file);
  const token = await tokenFor(httpFetch, "shop", first.url);
  const created = await call(httpFetch, token, "POST", customersPath, { contact }, first.url);
  expect(await first.stop()).toBe(0);

  const second = await start(file);
  const again = await tokenFor(httpFetch, "shop", second.url);
  expect(await call(httpFetch, again, "GET", `${customersPath}/${created.body.id}`, undefined, second.url)).toEqual({
    status: 200,
    body: created.body,
  });
  await second.stop();
});

it("kill -9 during writes: the file parses and holds every customer whose create was answered", async () => {
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

  const state = JSON.parse(await readFile(file, "utf8")) as { merchants: Record<string, { id: string }[]> };
  const stored = new Set((state.merchants.shop ?? []).map((customer) => customer.id));
  expect(answered.filter((id) => !stored.has(id))).toEqual([]);

  const restarted = await start(file);
  const again = await tokenFor(httpFetch, "shop", restarted.url);
  const list = await call(httpFetch, again, "GET", `${customersPath}?count=1`, undefined, restarted.url);
  expect(list.body.count).toBe(stored.size);
  await restarted.stop();
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
  expect(await readFile(file, "utf8")).toBe(text);
});
