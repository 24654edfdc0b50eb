// Section 8: the sandbox's persistence at scale. Creates per second with and without `--state`, at 0, 10,000 and
// 100,000 stored customers, with 1 and 10 connections; and the start-up of a mock whose state file holds 100,000.
// The state files are made once: a version 1 file written here, migrated by the mock itself on its first start, then
// copied (and synced) for each run, so every row starts from the same file. The rows of a size run side by side and
// alternate over rounds: on this shared machine the load moves more between minutes than the goal's margin.
import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, open, rm, writeFile } from "node:fs/promises";
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

/** Opens a copy of a state file and syncs it: its writeback is done before a measurement starts, not during it. */
async function copySynced(from, to) {
  await copyFile(from, to);
  const handle = await open(to, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<import("./results.mjs").Measured>}
 */
export async function measureMockState({ quick }) {
  // Seconds per row and rounds per size. Each size's rows run with both mocks ready, alternating (in memory, then
  // --state, then the other way round in the next round), so a change of the machine's load hits both sides alike.
  // The goal's size gets several short rounds; the others one longer one.
  const plan = (size) =>
    size === 100_000 ? { rounds: quick ? 2 : 4, seconds: quick ? 1 : 3 } : { rounds: 1, seconds: quick ? 1 : 5 };
  const folder = await mkdtemp(join(tmpdir(), "payment-customers-bench-state-"));
  const rows = [];
  const notes = [];
  /** @type {Record<string, number>} */
  const rate = {};
  /** @type {Record<string, number[]>} the --state rate over the in-memory rate, per round */
  const roundRatios = {};
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

    const body = JSON.stringify(paymentCustomerInput);
    /** A row: creates on one connection count for `seconds`, or `{ amount }` creates. */
    const createFor = async (url, connections, seconds) => {
      const bearer = await token(url);
      return autocannon({
        url: `${url}${customersPath}`,
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        body,
        connections,
        ...(typeof seconds === "number" ? { duration: seconds } : seconds),
      });
    };
    const modes = /** @type {const} */ (["in memory", "--state"]);

    const memory = await startChildServer(server, []);
    try {
      for (const size of sizes) {
        // The in-memory mock is filled through the API up to the size (the rows before add to it: filling 110,000
        // afresh would take minutes on a loaded machine); the --state one starts on a fresh copy of the size's file,
        // synced.
        await fillTo(memory.url, await token(memory.url), size);
        const file = join(folder, `run-${size}.json`);
        await copySynced(templates[size], file);
        const state = await startChildServer(server, [file]);
        try {
          const urls = { "in memory": memory.url, "--state": state.url };
          const { rounds, seconds } = plan(size);
          // Unmeasured: a mock just started (the --state one) compiles its request path in its first creates.
          for (const mode of modes) await createFor(urls[mode], 10, { amount: quick ? 500 : 2000 });
          for (const connections of [1, 10]) {
            /** @type {Record<string, any[]>} */
            const results = { "in memory": [], "--state": [] };
            const ratios = [];
            roundRatios[`${size} ${connections}`] = ratios;
            for (let pass = 0; pass < rounds; pass++) {
              const order = pass % 2 === 0 ? modes : [...modes].reverse();
              for (const mode of order) results[mode].push(await createFor(urls[mode], connections, seconds));
              const [inMemory, withState] = modes.map((mode) => results[mode][pass]);
              ratios.push(
                withState.requests.total / withState.duration / (inMemory.requests.total / inMemory.duration),
              );
            }
            for (const mode of modes) {
              const all = results[mode];
              const total = all.reduce((sum, result) => sum + result.requests.total, 0);
              const time = all.reduce((sum, result) => sum + result.duration, 0);
              const failed = all.reduce((sum, result) => sum + result.non2xx + result.errors, 0);
              rate[`${mode} ${size} ${connections}`] = total / time;
              rows.push([
                mode,
                size.toLocaleString("en"),
                connections,
                `${rounds} x ${seconds} s`,
                round(total / time),
                `${median(all.map((result) => result.latency.p50))} ms`,
                `${median(all.map((result) => result.latency.p99))} ms`,
                failed,
              ]);
              if (failed > 0) {
                const non2xx = all.reduce((sum, result) => sum + result.non2xx, 0);
                notes.push(
                  `**Problem:** ${mode} at ${size} got ${non2xx} non-2xx answers and ${failed - non2xx} errors.`,
                );
              }
            }
          }
        } finally {
          await state.stop();
        }
      }
    } finally {
      await memory.stop();
    }

    const startUps = { "in memory, empty": [], "--state, 100,000 stored": [] };
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      startUps["in memory, empty"].push(await timeStartUp(undefined));
      const file = join(folder, `start-${i}.json`);
      await copySynced(templates[100_000], file);
      startUps["--state, 100,000 stored"].push(await timeStartUp(file));
    }

    // The goal's ratio: the median of the rounds' ratios (each round's two rows ran back to back, under about the
    // same load; one round disturbed by another process moves the median less than it moves a sum).
    /** @type {Record<string, number>} --state creates/s over in-memory creates/s, 100,000 stored, by connections */
    const ratio = {};
    for (const connections of [1, 10]) ratio[connections] = median(roundRatios[`100000 ${connections}`]);
    const goal = (connections) => {
      const { [connections]: measured } = ratio;
      const perRound = roundRatios[`100000 ${connections}`].map((r) => `${(r * 100).toFixed(0)}%`).join(", ");
      return `${measured >= 0.5 ? "PASS" : "MISS"}: at 100,000 stored, ${connections} connection${connections === 1 ? "" : "s"}, creates with --state run at ${(measured * 100).toFixed(0)}% of the in-memory rate (goal: at least 50%; the median of the rounds, each round's two rows back to back; per round: ${perRound}).`;
    };
    return {
      tables: [
        {
          caption:
            "Creates (POST), autocannon, mocks in child processes; req/s: all creates of a row's rounds over their time, latencies: median of the rounds",
          headers: [
            "store",
            "stored at start",
            "connections",
            "rounds",
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
        "Each size is measured side by side: one in-memory mock, filled through the API up to the size (the rows of the sizes before add to it), and a `--state` mock started on a fresh copy of a state file made once by the mock itself (a version 1 file it migrated), in the system's temp folder, synced before the rows start (its writeback would otherwise fall in the measured window). Both get 2,000 unmeasured creates first (a mock just started compiles its request path in its first ones). Their rows alternate (in memory first in even rounds, --state first in odd ones), and the creates of a row add to its mock; a compaction (at 100,000 stored, after about as many changes) can fall into one round, which the goal's median of the rounds weighs like any other. Every answered create is written to the file before its answer (a plain write: it survives a `kill -9` of the mock) and synced to disk in the background (group commit: one fdatasync for the writes made while the previous one ran), which no answer waits for.",
        goal(1),
        goal(10),
        ...notes,
      ],
      data: { rate, ratio, startUps },
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
