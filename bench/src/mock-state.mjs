// Section 8: the sandbox's persistence at scale. Creates per second with and without `--state`, at 0, 10,000 and
// 100,000 stored customers, with 1 and 10 connections; and the start-up of a mock whose state file holds 100,000.
// The state files are made once: a version 1 file written here, migrated by the mock itself on its first start, then
// copied for each run, so every row starts from the same file.
import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { startChildServer } from "./child-server.mjs";
import { median } from "./client-overhead.mjs";
import { round } from "./results.mjs";
import { customersPath, paymentCustomer, paymentCustomerInput, tokenPath } from "./spec-examples.mjs";

const server = new URL("./mock-state-server.mjs", import.meta.url);
const merchant = "bench";
const tokenBody = new URLSearchParams({
  grant_type: "client_credentials",
  client_id: merchant,
  client_secret: "bench",
});
const sizes = [0, 10_000, 100_000];
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const randomId = () => `PCU_${Array.from(randomBytes(30), (byte) => alphabet[byte % 36]).join("")}`;

/** A version 1 state file with `count` customers of the bench's merchant, shaped like the sandbox's. */
async function writeVersion1(file, count) {
  const customers = Array.from({ length: count }, (_, i) => ({
    ...paymentCustomer,
    id: randomId(),
    contact: { ...paymentCustomer.contact, email: `customer${i}@example.com` },
  }));
  await writeFile(
    file,
    JSON.stringify({ format: "payment-customers-mock/state", version: 1, merchants: { [merchant]: customers } }),
  );
}

async function token(url) {
  const answer = await fetch(`${url}${tokenPath}`, { method: "POST", body: tokenBody });
  return (await answer.json()).access_token;
}

async function storedCount(url, bearer) {
  const answer = await fetch(`${url}${customersPath}?count=1`, { headers: { authorization: `Bearer ${bearer}` } });
  return (await answer.json()).count;
}

/** Creates customers through the API (20 in flight) until the sandbox holds `target`. */
async function fillTo(url, bearer, target) {
  let missing = target - (await storedCount(url, bearer));
  const body = JSON.stringify(paymentCustomerInput);
  const headers = { authorization: `Bearer ${bearer}`, "content-type": "application/json" };
  const worker = async () => {
    while (missing-- > 0) {
      const answer = await fetch(`${url}${customersPath}`, { method: "POST", headers, body });
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`filling the sandbox: create answered ${answer.status}`);
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
}

/** Milliseconds from spawning a mock on `file` (a fresh copy of it) to its first 200 on the token endpoint. */
async function timeStartUp(file) {
  const started = performance.now();
  const child = await startChildServer(server, file ? [file] : []);
  try {
    for (;;) {
      const answer = await fetch(`${child.url}${tokenPath}`, { method: "POST", body: tokenBody }).catch(
        () => undefined,
      );
      await answer?.arrayBuffer();
      if (answer?.status === 200) return performance.now() - started;
    }
  } finally {
    await child.stop();
  }
}

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<import("./results.mjs").Measured>}
 */
export async function measureMockState({ quick }) {
  const duration = quick ? 2 : 10;
  const folder = await mkdtemp(join(tmpdir(), "payment-customers-bench-state-"));
  const rows = [];
  const notes = [];
  /** @type {Record<string, number>} */
  const rate = {};
  try {
    // One migrated version 2 file per size, made by the mock itself.
    const templates = {};
    for (const size of sizes) {
      const file = join(folder, `template-${size}.json`);
      if (size > 0) await writeVersion1(file, size);
      const child = await startChildServer(server, [file]);
      await child.stop();
      templates[size] = file;
    }

    const run = async (mode, size, url) => {
      const bearer = await token(url);
      for (const connections of [1, 10]) {
        const result = await autocannon({
          url: `${url}${customersPath}`,
          method: "POST",
          headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
          body: JSON.stringify(paymentCustomerInput),
          connections,
          duration,
        });
        rate[`${mode} ${size} ${connections}`] = result.requests.average;
        rows.push([
          mode,
          size.toLocaleString("en"),
          connections,
          round(result.requests.average),
          `${result.latency.p50} ms`,
          `${result.latency.p99} ms`,
          result.non2xx + result.errors,
        ]);
        if (result.non2xx > 0 || result.errors > 0) {
          notes.push(
            `**Problem:** ${mode} at ${size} got ${result.non2xx} non-2xx answers and ${result.errors} errors.`,
          );
        }
      }
    };

    const memory = await startChildServer(server, []);
    try {
      const bearer = await token(memory.url);
      for (const size of sizes) {
        await fillTo(memory.url, bearer, size);
        await run("in memory", size, memory.url);
      }
    } finally {
      await memory.stop();
    }
    for (const size of sizes) {
      const file = join(folder, `run-${size}.json`);
      await copyFile(templates[size], file);
      const child = await startChildServer(server, [file]);
      try {
        await run("--state", size, child.url);
      } finally {
        await child.stop();
      }
    }

    const startUps = { "in memory, empty": [], "--state, 100,000 stored": [] };
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      startUps["in memory, empty"].push(await timeStartUp(undefined));
      const file = join(folder, `start-${i}.json`);
      await copyFile(templates[100_000], file);
      startUps["--state, 100,000 stored"].push(await timeStartUp(file));
    }

    const goal = (connections) => {
      const ratio = rate[`--state 100000 ${connections}`] / rate[`in memory 100000 ${connections}`];
      return `${ratio >= 0.5 ? "PASS" : "MISS"}: at 100,000 stored, ${connections} connection${connections === 1 ? "" : "s"}, creates with --state run at ${(ratio * 100).toFixed(0)}% of the in-memory rate (goal: at least 50%).`;
    };
    return {
      tables: [
        {
          caption: `Creates (POST), autocannon ${duration} s per row, mock in a child process`,
          headers: [
            "store",
            "stored at start",
            "connections",
            "req/s",
            "p50 latency",
            "p99 latency",
            "non-2xx + errors",
          ],
          rows,
        },
        {
          caption: "Start-up: spawn a Node process running startMock() until the first 200 on POST /oauth/token",
          headers: ["mock", "median", "min", "max"],
          rows: Object.entries(startUps).map(([name, times]) => [
            name,
            `${Math.round(median(times))} ms`,
            `${Math.round(Math.min(...times))} ms`,
            `${Math.round(Math.max(...times))} ms`,
          ]),
        },
      ],
      notes: [
        "The in-memory rows share one mock, filled through the API up to each size (the creates of a row add to it); each `--state` size starts a mock on a fresh copy of a state file made once by the mock itself (a version 1 file it migrated), in the system's temp folder. Every answered create is written to the file before its answer (a plain write: it survives a `kill -9` of the mock) and synced to disk in the background (group commit: one fdatasync for the writes made while the previous one ran), which no answer waits for.",
        goal(1),
        goal(10),
        ...notes,
      ],
      data: { rate, startUps },
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
