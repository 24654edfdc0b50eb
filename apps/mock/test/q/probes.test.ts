// The wildcard probes that froze the sandbox (a backtracking RegExp per `*`: about 90 s for one customer) answer
// over 10,000 customers, and another client is served meanwhile. The mock runs in its own process, so an
// evaluation that held its event loop would fail this test by its generous time limits instead of freezing it.
// How fast the probes answer is measured by the benchmark (bench/src/q-search.mjs), not here.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { maxSearchSteps } from "../../src/q/limits.js";
import { type RunningBin, runBin } from "../run-bin.js";
import { call, customersPath, tokenFor } from "../sandbox/sandbox-fetch.js";

const stored = 10_000;
const httpFetch = (input: Request | string | URL, init?: RequestInit) =>
  fetch(input, { ...init, signal: AbortSignal.timeout(30_000) });
const id = (prefix: string, n: number) => `${prefix}_${String(n).padStart(30, "0")}`;

let folder: string;
let bin: RunningBin;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "payment-customers-probes-"));
  const customers = Array.from({ length: stored }, (_, n) => ({
    object: "payment.customers",
    id: id("PCU", n),
    contract: { object: "payment.contracts", id: id("PCR", 1) },
    merchant: { object: "general.merchants", id: id("MRC", 1) },
    contact: {
      forename: "Max",
      surname: "Mustermann",
      name: "Max Mustermann",
      companyname: "a".repeat(255),
      email: `customer${n}@example.com`,
      address: { street: "Musterstraße", street_number: "1", postal_code: "01234", city: "Dresden", country: "DE" },
    },
    created: "2024-01-01T00:00:00+00:00",
  }));
  const file = join(folder, "customers.json");
  await writeFile(
    file,
    JSON.stringify({ format: "payment-customers-mock/state", version: 1, merchants: { prober: customers } }),
  );
  bin = await runBin(["--port", "0", "--state", file]);
});
afterAll(async () => {
  await bin?.stop();
  await rm(folder, { recursive: true, force: true, maxRetries: 5 });
});

const search = (token: string, q: string) =>
  call(httpFetch, token, "GET", `${customersPath}?count=1&q=${encodeURIComponent(q)}`, undefined, bin.url);

it("the probe patterns answer over 10,000 customers while another client gets a token", async () => {
  const token = await tokenFor(httpFetch, "prober", bin.url);
  const probes = [
    `contact.surname:${"*".repeat(30)}x`,
    "contact.companyname:*a*a*a*a*b",
    "contact.companyname:*a?a*a?a*a?b",
    "contact.companyname:*a*a*a*a*",
  ];
  const answers = Promise.all(probes.map((q) => search(token, q)));
  const other = tokenFor(httpFetch, "another-shop", bin.url);
  expect(await other).toMatch(/./);
  expect((await answers).map(({ status, body }) => [status, body.count])).toEqual([
    [200, 0],
    [200, 0],
    [200, 0],
    [200, stored],
  ]);
});

it("a search that needs more work than one search may do answers 400, naming the limit", async () => {
  const token = await tokenFor(httpFetch, "prober", bin.url);
  // Each clause scans the 255 characters of every customer's companyname for "?b": about 7.7 million steps.
  const costly = Array(8).fill("contact.companyname:*?b*").join(" OR ");
  const { status, body } = await search(token, costly);
  expect(status).toBe(400);
  expect(body).toMatchObject({ status: "error", error: "ProductFormatException" });
  expect(body.error_details).toContain(`more than ${maxSearchSteps} steps`);
});
