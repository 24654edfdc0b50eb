// Section 6: searches with `q` in the sandbox over 10,000 and 100,000 stored customers: the latency of a typical
// search under load (50 connections, as the hardening review measured), the wildcard probes that once froze the
// sandbox (a backtracking RegExp per `*`), and what another client waits for a token while those probes run.
// The customers come from a state file (`--state`), so filling 100,000 takes a second, not minutes of creates.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startChildServer } from "./child-server.mjs";
import { loadTable } from "./results.mjs";
import { customersPath, paymentCustomerInput, tokenPath } from "./spec-examples.mjs";

const mockServer = new URL("./mock-server.mjs", import.meta.url);
const sizes = [10_000, 100_000];
const surnames = ["Mustermann", "Musterfrau", "Meier", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner"];
const cities = ["Dresden", "Berlin", "Hamburg", "München", "Köln"];
/** The typical search (as in the mock section): about 1 in 20 of the stored customers match. */
const searchQuery = "contact.surname:muster* AND contact.address.city:Dresden AND NOT contact.forename:Erika";
/** The probes of the review: 30 stars and an x on a surname; `*a*a*a*a*b` on a 255-character value. */
const probes = [`contact.surname:${"*".repeat(30)}x`, "contact.companyname:*a*a*a*a*b"];
const drainBody = new URLSearchParams({ grant_type: "client_credentials", client_id: "drain", client_secret: "d" });
const id = (/** @type {string} */ prefix, /** @type {number} */ n) => `${prefix}_${String(n).padStart(30, "0")}`;

/** Writes a state file with `count` customers of the merchant "bench". */
async function stateFile(/** @type {string} */ folder, /** @type {number} */ count) {
  const customers = Array.from({ length: count }, (_, n) => ({
    object: "payment.customers",
    id: id("PCU", n),
    contract: { object: "payment.contracts", id: id("PCR", 1) },
    merchant: { object: "general.merchants", id: id("MRC", 1) },
    contact: {
      ...paymentCustomerInput.contact,
      forename: n % 2 ? "Max" : "Erika",
      surname: surnames[n % surnames.length],
      companyname: "a".repeat(255),
      email: `customer${n}@example.com`,
      address: { ...paymentCustomerInput.contact.address, city: cities[n % cities.length] },
    },
    created: "2024-01-01T00:00:00+00:00",
  }));
  const file = join(folder, `customers-${count}.json`);
  await writeFile(
    file,
    JSON.stringify({ format: "payment-customers-mock/state", version: 1, merchants: { bench: customers } }),
  );
  return file;
}

/**
 * One autocannon row. A search over 100,000 customers queued behind 49 others waits seconds: the timeout is long,
 * and the row ends only when the mock has answered what is still queued (a token request after the backlog), so
 * the next row does not measure this one's leftovers.
 * @param {{ url: string, connections: number, duration: number, headers?: Record<string, string>, method?: "GET" | "POST", body?: string }} options
 */
async function run({ url, connections, duration, headers, method = "GET", body }) {
  const result = await autocannon({ url, connections, duration, headers, method, body, timeout: 120 });
  const drained = new URL(tokenPath, url);
  await (await fetch(drained, { method: "POST", body: drainBody, signal: AbortSignal.timeout(300_000) })).arrayBuffer();
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<import("./results.mjs").Measured>}
 */
export async function measureQSearch({ quick }) {
  const duration = quick ? 2 : 10;
  const folder = await mkdtemp(join(tmpdir(), "payment-customers-bench-q-"));
  const rows = [];
  const notes = [];
  try {
    for (const size of sizes) {
      const server = await startChildServer(mockServer, ["sandbox", await stateFile(folder, size)]);
      try {
        const tokenBody = new URLSearchParams({
          grant_type: "client_credentials",
          client_id: "bench",
          client_secret: "b",
        });
        const token = await (await fetch(`${server.url}${tokenPath}`, { method: "POST", body: tokenBody })).json();
        const headers = { authorization: `Bearer ${token.access_token}`, accept: "application/json" };
        const searchUrl = (/** @type {string} */ q) =>
          `${server.url}${customersPath}?count=20&q=${encodeURIComponent(q)}`;
        const measured = [
          {
            name: "typical search, 50 connections",
            ...(await run({ url: searchUrl(searchQuery), connections: 50, duration, headers })),
          },
          {
            name: "typical search, 1 connection",
            ...(await run({ url: searchUrl(searchQuery), connections: 1, duration, headers })),
          },
        ];
        for (const probe of probes) {
          measured.push({
            name: `probe \`${probe}\`, 1 connection`,
            ...(await run({ url: searchUrl(probe), connections: 1, duration, headers })),
          });
        }
        // Another client's token requests while 10 connections send the probes.
        const [, tokens] = await Promise.all([
          Promise.all(probes.map((probe) => run({ url: searchUrl(probe), connections: 5, duration, headers }))),
          run({
            url: `${server.url}${tokenPath}`,
            connections: 1,
            duration,
            method: "POST",
            body: tokenBody.toString(),
            headers: { "content-type": "application/x-www-form-urlencoded" },
          }),
        ]);
        measured.push({ name: "another client's token request while 10 connections probe", ...tokens });
        for (const row of measured) {
          rows.push({ size, ...row });
          if (row.non2xx > 0 || row.errors > 0) {
            notes.push(
              `**Problem:** ${row.name} over ${size} got ${row.non2xx} non-2xx answers and ${row.errors} errors.`,
            );
          }
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return {
    tables: [
      loadTable({
        caption: `Searches with q: autocannon, ${duration} s per row, mock in a child process`,
        first: "customers",
        rows,
        size: (row) => row.size,
      }),
    ],
    notes: [
      `The customers (one merchant) are loaded from a state file; every one has a 255-character \`companyname\` of a's. The typical search is \`${searchQuery}\` with count=20 (about 1 in 20 match); the probes match nothing. With 50 connections a request's latency includes waiting behind the others: the mock answers one at a time on one core.`,
      ...notes,
    ],
    data: { rows },
  };
}
