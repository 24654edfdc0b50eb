// Section 4: the mock server (Prism on our spec). Start-up: a new Node process calling startMock(), timed
// from spawn to the first 200 on GET by id. Load: autocannon in this process against the mock in a child process.
import autocannon from "autocannon";
import { startChildServer } from "./child-server.mjs";
import { median } from "./client-overhead.mjs";
import { round } from "./results.mjs";
import { customersPath, paymentCustomerId, paymentCustomerInput } from "./spec-examples.mjs";

const mockServer = new URL("./mock-server.mjs", import.meta.url);
const headers = { authorization: "Bearer bench-token", accept: "application/json" };

/** Milliseconds from spawning the mock's process to its first 200 on GET by id (polled every 10 ms). */
async function timeStartUp() {
  const started = performance.now();
  const server = await startChildServer(mockServer);
  try {
    for (;;) {
      const response = await fetch(`${server.url}${customersPath}/${paymentCustomerId}`, { headers }).catch(
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

const loads = [
  { name: "GET by id", method: "GET", path: `${customersPath}/${paymentCustomerId}` },
  { name: "GET list", method: "GET", path: `${customersPath}?count=10` },
  {
    name: "POST create",
    method: "POST",
    path: customersPath,
    body: JSON.stringify(paymentCustomerInput),
    contentType: "application/json",
  },
];

/**
 * @param {{ quick: boolean }} options
 * @returns {Promise<import("./results.mjs").Measured>}
 */
export async function measureMock({ quick }) {
  const starts = quick ? 2 : 5;
  const duration = quick ? 2 : 10;
  const connections = 10;
  /** @type {number[]} */
  const startUps = [];
  for (let i = 0; i < starts; i++) startUps.push(await timeStartUp());

  const server = await startChildServer(mockServer);
  const notes = [];
  /** @type {{ name: string, requestsPerSecond: number, p50: number, p99: number, non2xx: number, errors: number }[]} */
  const throughput = [];
  try {
    for (const { name, method, path, body, contentType } of loads) {
      const result = await autocannon({
        url: `${server.url}${path}`,
        method: /** @type {"GET" | "POST"} */ (method),
        headers: contentType ? { ...headers, "content-type": contentType } : headers,
        body,
        connections,
        duration,
      });
      throughput.push({
        name,
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      });
      if (result.non2xx > 0 || result.errors > 0) {
        notes.push(
          `**Problem:** ${name} got ${result.non2xx} non-2xx answers and ${result.errors} errors (status counts: ${JSON.stringify(result.statusCodeStats)}); its numbers do not measure successful calls.`,
        );
      }
    }
  } finally {
    await server.stop();
  }

  return {
    tables: [
      {
        caption: `Start-up: spawn a Node process running startMock() until the first 200 on GET by id (${starts} runs)`,
        headers: ["measure", "median", "min", "max"],
        rows: [
          [
            "start-up to first 200",
            `${Math.round(median(startUps))} ms`,
            `${Math.round(Math.min(...startUps))} ms`,
            `${Math.round(Math.max(...startUps))} ms`,
          ],
        ],
      },
      {
        caption: `Load: autocannon, ${connections} connections, ${duration} s per row, mock in a child process`,
        headers: ["request", "req/s", "p50 latency", "p99 latency", "non-2xx", "errors"],
        rows: throughput.map((t) => [
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
      "Start-up includes Node's own start and loading Prism; the mock validates requests and responses and checks the bearer token's presence, as configured in apps/mock. Autocannon runs in the bench process, the mock in a child process: one core each.",
      ...notes,
    ],
    data: { startUps, throughput },
  };
}
