// Section 4: the mock server, its static mode (Prism serving the spec's examples) next to the sandbox (the
// default: customers kept per merchant, every request and answer still validated by Prism). Start-up: a new Node
// process calling startMock(), timed from spawn to the first 200 on the token endpoint. Load: autocannon in this
// process against the mock in a child process; the sandbox's rows run over 10,000 stored customers.
import autocannon from "autocannon";
import { startChildServer } from "./child-server.mjs";
import { median } from "./client-overhead.mjs";
import { round } from "./results.mjs";
import { customersPath, paymentCustomerId, paymentCustomerInput, tokenPath } from "./spec-examples.mjs";

const mockServer = new URL("./mock-server.mjs", import.meta.url);
const tokenBody = new URLSearchParams({ grant_type: "client_credentials", client_id: "bench", client_secret: "bench" });
const stored = 10_000;
const surnames = ["Mustermann", "Musterfrau", "Meier", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner"];
const cities = ["Dresden", "Berlin", "Hamburg", "München", "Köln"];
/** The search row's q: about 1 in 20 of the stored customers match. */
const searchQuery = "contact.surname:muster* AND contact.address.city:Dresden AND NOT contact.forename:Erika";

/** Milliseconds from spawning the mock's process to its first 200 on the token endpoint (polled every 10 ms). */
async function timeStartUp(/** @type {string} */ mode) {
  const started = performance.now();
  const server = await startChildServer(mockServer, [mode]);
  try {
    for (;;) {
      const response = await fetch(`${server.url}${tokenPath}`, { method: "POST", body: tokenBody }).catch(
        () => undefined,
      );
      await response?.arrayBuffer();
      if (response?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await server.stop();
  }
}

/** Fills the sandbox with `stored` customers (10 requests in flight); resolves with a token and one stored id. */
async function fill(/** @type {string} */ url) {
  const token = await (await fetch(`${url}${tokenPath}`, { method: "POST", body: tokenBody })).json();
  const headers = { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" };
  let next = 0;
  let id = "";
  const worker = async () => {
    while (next < stored) {
      const i = next++;
      const contact = {
        ...paymentCustomerInput.contact,
        forename: i % 2 ? "Max" : "Erika",
        surname: surnames[i % surnames.length],
        email: `customer${i}@example.com`,
        address: { ...paymentCustomerInput.contact.address, city: cities[i % cities.length] },
      };
      const response = await fetch(`${url}${customersPath}`, {
        method: "POST",
        headers,
        body: JSON.stringify({ contact }),
      });
      if (response.status !== 200) throw new Error(`filling the sandbox: create answered ${response.status}`);
      ({ id } = await response.json());
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  return { token: token.access_token, id };
}

/**
 * @param {string} url
 * @param {{ name: string, method: string, path: string, body?: string, contentType?: string, connections?: number }[]} loads
 * @param {Record<string, string>} headers
 * @param {{ duration: number, connections: number, mode: string }} options
 */
async function load(url, loads, headers, { duration, connections, mode }) {
  const rows = [];
  const notes = [];
  for (const { name, method, path, body, contentType, connections: own } of loads) {
    const result = await autocannon({
      url: `${url}${path}`,
      method: /** @type {"GET" | "POST"} */ (method),
      headers: contentType ? { ...headers, "content-type": contentType } : headers,
      body,
      connections: own ?? connections,
      duration,
    });
    rows.push({
      mode,
      name: own === undefined ? name : `${name} (${own} connection${own === 1 ? "" : "s"})`,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    });
    if (result.non2xx > 0 || result.errors > 0) {
      notes.push(
        `**Problem:** ${mode} ${name} got ${result.non2xx} non-2xx answers and ${result.errors} errors (status counts: ${JSON.stringify(result.statusCodeStats)}); its numbers do not measure successful calls.`,
      );
    }
  }
  return { rows, notes };
}

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<import("./results.mjs").Measured>}
 */
export async function measureMock({ quick }) {
  const starts = quick ? 2 : 5;
  const options = { duration: quick ? 2 : 10, connections: 10 };
  /** @type {Record<string, number[]>} */
  const startUps = { static: [], sandbox: [] };
  for (let i = 0; i < starts; i++) {
    for (const mode of ["static", "sandbox"]) startUps[mode]?.push(await timeStartUp(mode));
  }

  const create = {
    method: "POST",
    path: customersPath,
    body: JSON.stringify(paymentCustomerInput),
    contentType: "application/json",
  };
  const throughput = [];
  const notes = [];

  const staticServer = await startChildServer(mockServer, ["static"]);
  try {
    const result = await load(
      staticServer.url,
      [
        { name: "GET by id", method: "GET", path: `${customersPath}/${paymentCustomerId}` },
        { name: "GET list", method: "GET", path: `${customersPath}?count=10` },
        { name: "POST create", ...create },
      ],
      { authorization: "Bearer bench-token", accept: "application/json" },
      { ...options, mode: "static" },
    );
    throughput.push(...result.rows);
    notes.push(...result.notes);
  } finally {
    await staticServer.stop();
  }

  const sandbox = await startChildServer(mockServer, ["sandbox"]);
  let fillSeconds = 0;
  try {
    const filling = performance.now();
    const { token, id } = await fill(sandbox.url);
    fillSeconds = (performance.now() - filling) / 1000;
    const result = await load(
      sandbox.url,
      [
        {
          name: `search with q over ${stored.toLocaleString("en")}`,
          method: "GET",
          path: `${customersPath}?count=20&q=${encodeURIComponent(searchQuery)}`,
        },
        {
          name: `search with q over ${stored.toLocaleString("en")}`,
          method: "GET",
          path: `${customersPath}?count=20&q=${encodeURIComponent(searchQuery)}`,
          connections: 1,
        },
        { name: "GET by id", method: "GET", path: `${customersPath}/${id}` },
        { name: "POST create", ...create },
      ],
      { authorization: `Bearer ${token}`, accept: "application/json" },
      { ...options, mode: "sandbox" },
    );
    throughput.push(...result.rows);
    notes.push(...result.notes);
  } finally {
    await sandbox.stop();
  }

  const startRow = (/** @type {string} */ mode) => {
    const times = startUps[mode] ?? [];
    return [
      mode,
      `${Math.round(median(times))} ms`,
      `${Math.round(Math.min(...times))} ms`,
      `${Math.round(Math.max(...times))} ms`,
    ];
  };
  return {
    tables: [
      {
        caption: `Start-up: spawn a Node process running startMock() until the first 200 on POST /oauth/token (${starts} runs per mode)`,
        headers: ["mode", "median", "min", "max"],
        rows: [startRow("static"), startRow("sandbox")],
      },
      {
        caption: `Load: autocannon, ${options.connections} connections, ${options.duration} s per row, mock in a child process`,
        headers: ["mode", "request", "req/s", "p50 latency", "p99 latency", "non-2xx", "errors"],
        rows: throughput.map((t) => [
          t.mode,
          t.name,
          round(t.requestsPerSecond),
          `${t.p50} ms`,
          `${t.p99} ms`,
          t.non2xx,
          t.errors,
        ]),
      },
    ],
    notes: [
      "Start-up includes Node's own start and loading Prism. Both modes validate requests and responses against the spec; the static mode checks only that a bearer token is present, the sandbox checks that it is one it issued. Autocannon runs in the bench process, the mock in a child process: one core each.",
      `The sandbox rows run in this order, after filling it with ${stored.toLocaleString("en")} customers of one merchant through the API (${fillSeconds.toFixed(1)} s, 10 requests in flight); the search's \`q\` is \`${searchQuery}\` with count=20 (about 1 in 20 match), once with 10 connections (throughput; latency includes waiting behind the other 9) and once with 1 (the latency of one search); the create row adds customers on top.`,
      ...notes,
    ],
    data: { startUps, throughput },
  };
}
