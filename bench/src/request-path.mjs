// Section: the sandbox's request path next to its floor and its peer, in one run. The floor is a bare node:http
// server answering the same JSON (floor-server.mjs); the peer is Prism's own CLI (`prism mock` on the bundled spec,
// serving its examples); then the sandbox (startMock) on GET by id and POST create. Autocannon runs in this
// process, each server in a child process: one core each. Also createSandbox() cold (the first in a process: loads
// Prism and parses the spec) and warm (the next ones share that parse), each until its first answer.
// BENCH_BASELINE_MOCK=<path of another build's dist/index.js> adds that build's sandbox rows (an A/B in one run).
import { execFile, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { promisify } from "node:util";
import autocannon from "autocannon";
import { startChildServer } from "./child-server.mjs";
import { median } from "./client-overhead.mjs";
import { loadAverage, round } from "./results.mjs";
import { customersPath, paymentCustomerId, paymentCustomerInput, tokenPath } from "./spec-examples.mjs";

const require = createRequire(import.meta.url);
const floorServer = new URL("./floor-server.mjs", import.meta.url);
const mockServer = new URL("./mock-server.mjs", import.meta.url);
const sandboxCreate = new URL("./sandbox-create.mjs", import.meta.url);
const createBody = JSON.stringify(paymentCustomerInput);

/** A port free at this moment, for a server that takes its port as a flag. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("expected a TCP address");
  return address.port;
}

/** `prism mock` on the bundled spec in a child process; resolves once it answers (polled every 50 ms). */
async function startPrismCli() {
  const port = await freePort();
  const spec = require.resolve("@payment-customers/mock/openapi.yaml");
  const cli = require.resolve("@stoplight/prism-cli/dist/index.js");
  // Its request log goes nowhere: the CLI still writes it, as for any user, but this process does not read it.
  const child = spawn(process.execPath, [cli, "mock", spec, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism mock exited with ${child.exitCode} before listening`);
    const response = await fetch(`${url}${tokenPath}`, { method: "HEAD" }).catch(() => undefined);
    await response?.arrayBuffer();
    if (response) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: async () => {
      child.kill();
      await exited;
    },
  };
}

/** A sandbox token and the id of one customer created in it. */
async function prepareSandbox(/** @type {string} */ url) {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: "bench", client_secret: "bench" });
  const token = (await (await fetch(`${url}${tokenPath}`, { method: "POST", body })).json()).access_token;
  const created = await fetch(`${url}${customersPath}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: createBody,
  });
  if (created.status !== 200) throw new Error(`preparing the sandbox: create answered ${created.status}`);
  return { token, id: (await created.json()).id };
}

/**
 * GET by id and POST create against one server.
 * @param {string} server
 * @param {string} url
 * @param {{ token: string, id: string }} target
 * @param {{ duration: number, connections: number }} options
 */
async function load(server, url, { token, id }, { duration, connections }) {
  const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
  const requests = [
    { name: "GET by id", method: "GET", path: `${customersPath}/${id}`, headers },
    {
      name: "POST create",
      method: "POST",
      path: `${customersPath}`,
      headers: { ...headers, "content-type": "application/json" },
      body: createBody,
    },
  ];
  const rows = [];
  for (const { name, method, path, headers: own, body } of requests) {
    const result = await autocannon({
      url: `${url}${path}`,
      method: /** @type {"GET" | "POST"} */ (method),
      headers: own,
      body,
      connections,
      duration,
    });
    rows.push({
      server,
      name,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      load: loadAverage(),
    });
  }
  return rows;
}

/** createSandbox() in new processes: the cold (first) one of each and the warm ones after it. */
async function timeCreateSandbox(/** @type {number} */ processes, /** @type {string | undefined} */ module) {
  const coldMs = [];
  const warmMs = [];
  for (let i = 0; i < processes; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, [
      sandboxCreate.pathname,
      module ?? "@payment-customers/mock",
      "20",
    ]);
    const times = JSON.parse(stdout);
    coldMs.push(times.coldMs);
    warmMs.push(...times.warmMs);
  }
  return { coldMs, warmMs };
}

export const floorName = "node:http floor";
export const sandboxName = "sandbox (startMock)";

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<import("./results.mjs").Measured>}
 */
export async function measureRequestPath({ quick }) {
  const options = { duration: quick ? 2 : 10, connections: 10 };
  const baseline = process.env.BENCH_BASELINE_MOCK;
  const staticTarget = { token: "bench-token", id: paymentCustomerId };
  const throughput = [];

  const floor = await startChildServer(floorServer);
  try {
    throughput.push(...(await load(floorName, floor.url, staticTarget, options)));
  } finally {
    await floor.stop();
  }
  const prism = await startPrismCli();
  try {
    throughput.push(...(await load("Prism CLI (prism mock, examples)", prism.url, staticTarget, options)));
  } finally {
    await prism.stop();
  }
  const sandboxes = [{ server: sandboxName, env: {} }];
  if (baseline) sandboxes.push({ server: "sandbox (baseline build)", env: { BENCH_MOCK_MODULE: baseline } });
  for (const { server, env } of sandboxes) {
    const sandbox = await startChildServer(mockServer, ["sandbox"], env);
    try {
      throughput.push(...(await load(server, sandbox.url, await prepareSandbox(sandbox.url), options)));
    } finally {
      await sandbox.stop();
    }
  }

  const processes = quick ? 1 : 3;
  const creates = [{ name: "createSandbox()", ...(await timeCreateSandbox(processes, undefined)) }];
  if (baseline)
    creates.push({ name: "createSandbox() (baseline build)", ...(await timeCreateSandbox(processes, baseline)) });

  const floorRate = (/** @type {string} */ name) =>
    throughput.find((row) => row.server === floorName && row.name === name)?.requestsPerSecond ?? Number.NaN;
  const ms = (/** @type {number} */ value) => `${value.toFixed(1)} ms`;
  const problems = throughput.filter((row) => row.non2xx > 0 || row.errors > 0);
  return {
    tables: [
      {
        caption: `Request path: autocannon, ${options.connections} connections, ${options.duration} s per row, each server in a child process`,
        headers: ["server", "request", "req/s", "of the floor", "p50", "p99", "non-2xx", "errors", "load"],
        rows: throughput.map((row) => [
          row.server,
          row.name,
          round(row.requestsPerSecond),
          `${((row.requestsPerSecond / floorRate(row.name)) * 100).toFixed(1)}%`,
          `${row.p50} ms`,
          `${row.p99} ms`,
          row.non2xx,
          row.errors,
          row.load,
        ]),
      },
      {
        caption: `createSandbox() until its first answer (a token), in new processes: cold is the first of a process (${processes} processes), warm the 20 after it in each`,
        headers: ["", "cold median", "cold max", "warm median", "warm max"],
        rows: creates.map(({ name, coldMs, warmMs }) => [
          name,
          ms(median(coldMs)),
          ms(Math.max(...coldMs)),
          ms(median(warmMs)),
          ms(Math.max(...warmMs)),
        ]),
      },
    ],
    notes: [
      "The floor answers the sandbox's JSON with nothing else (GET: a fixed customer; POST: parse the body, answer 201); Prism's CLI serves the spec's examples with its default request log; the sandbox validates every request and answer with Prism and keeps its customers (GET reads one created before the rows; the create row adds customers). The load column is the 1-minute load average after the row.",
      ...problems.map(
        (row) =>
          `**Problem:** ${row.server} ${row.name} got ${row.non2xx} non-2xx answers and ${row.errors} errors; its numbers do not measure successful calls.`,
      ),
    ],
    data: { throughput, createSandbox: creates },
  };
}
