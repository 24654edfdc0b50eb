// Section 6: the sandbox's searches and sorted pages over many stored customers (10,000 and 100,000 of one
// merchant), autocannon at 10 connections against the mock in a child process. The customers come from a state
// file written here (the state file's version-1 format), so filling 100,000 takes seconds, not minutes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startChildServer } from "./child-server.mjs";
import { loadTable } from "./results.mjs";
import { customersPath, paymentCustomerInput, tokenPath } from "./spec-examples.mjs";

const server = new URL("./queries-server.mjs", import.meta.url);
const merchant = "bench";
const tokenBody = new URLSearchParams({
  grant_type: "client_credentials",
  client_id: merchant,
  client_secret: "bench",
});
const surnames = ["Mustermann", "Musterfrau", "Meier", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner"];
const cities = ["Dresden", "Berlin", "Hamburg", "München", "Köln"];
/** The same search as section 4's: about 1 in 20 of the stored customers match. */
const searchQuery = "contact.surname:muster* AND contact.address.city:Dresden AND NOT contact.forename:Erika";
const sortedList = "sort=contact.surname:asc,created:desc&count=20";
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A stored customer as the sandbox keeps it, the `i`th of the merchant (ids and times distinct). */
function customer(/** @type {number} */ i) {
  let id = "";
  for (let n = i + 1, k = 0; k < 30; k++, n = Math.floor(n / 36)) id += alphabet[n % 36];
  const contact = {
    ...paymentCustomerInput.contact,
    forename: i % 2 ? "Max" : "Erika",
    surname: surnames[i % surnames.length],
    email: `customer${i}@example.com`,
    address: { ...paymentCustomerInput.contact.address, city: cities[i % cities.length] },
  };
  contact.name = `${contact.forename} ${contact.surname}`;
  return {
    object: "payment.customers",
    id: `PCU_${id}`,
    contract: { object: "payment.contracts", id: "PCR_BENCHBENCHBENCHBENCHBENCHBENC" },
    merchant: { object: "general.merchants", id: "MRC_BENCHBENCHBENCHBENCHBENCHBENC" },
    contact,
    created: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00"),
  };
}

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<import("./results.mjs").Measured>}
 */
export async function measureMockQueries({ quick }) {
  const duration = quick ? 2 : 10;
  const connections = 10;
  const rows = [];
  const notes = [];
  const folder = mkdtempSync(join(tmpdir(), "bench-queries-"));
  try {
    for (const stored of [10_000, 100_000]) {
      const file = join(folder, `state-${stored}.json`);
      const customers = Array.from({ length: stored }, (_, i) => customer(i));
      writeFileSync(
        file,
        JSON.stringify({ format: "payment-customers-mock/state", version: 1, merchants: { [merchant]: customers } }),
      );
      const started = performance.now();
      const sandbox = await startChildServer(server, [file]);
      const startSeconds = (performance.now() - started) / 1000;
      try {
        const token = await (await fetch(`${sandbox.url}${tokenPath}`, { method: "POST", body: tokenBody })).json();
        const headers = { authorization: `Bearer ${token.access_token}`, accept: "application/json" };
        const loads = [
          { name: "search with q", path: `${customersPath}?count=20&q=${encodeURIComponent(searchQuery)}` },
          { name: "sorted list page", path: `${customersPath}?${sortedList}` },
        ];
        for (const { name, path } of loads) {
          // One request first: the index for a path is built on the first search that uses it.
          await (await fetch(`${sandbox.url}${path}`, { headers })).arrayBuffer();
          const result = await autocannon({ url: `${sandbox.url}${path}`, headers, connections, duration });
          rows.push({
            stored,
            name,
            requestsPerSecond: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
            max: result.latency.max,
            non2xx: result.non2xx,
            errors: result.errors,
          });
          if (result.non2xx > 0 || result.errors > 0) {
            notes.push(
              `**Problem:** ${name} over ${stored.toLocaleString("en")} got ${result.non2xx} non-2xx answers and ${result.errors} errors; its numbers do not measure successful calls.`,
            );
          }
        }
        notes.push(
          `${stored.toLocaleString("en")} stored: the mock answered ${startSeconds.toFixed(1)} s after its process was spawned (loading the state file included).`,
        );
      } finally {
        await sandbox.stop();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return {
    tables: [
      loadTable({
        caption: `Load: autocannon, ${connections} connections, ${duration} s per row, the sandbox in a child process`,
        first: "stored customers",
        rows,
        size: (row) => row.stored,
      }),
    ],
    notes: [
      `One merchant's customers, loaded from a state file. The search's \`q\` is \`${searchQuery}\` with count=20 (about 1 in 20 match); the sorted list page is \`${sortedList}\` over all of them. Latency at 10 connections includes waiting behind the other 9 requests (one event loop). The goal: p99 under 50 ms at 100,000.`,
      ...notes,
    ],
    data: { rows },
  };
}
