import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaymentCustomersClient, PaymentCustomersError, rawClient } from "../../src/index.js";
import { customerId, type FaultServer, input, startFaultServer } from "./fault-server.js";

let server: FaultServer | undefined;
// Node loads its fetch on first use; do that before the timers of these tests start.
beforeAll(() => fetch("data:,warm-up"));
afterEach(async () => {
  await server?.close();
  server = undefined;
});

let attempts = 0;

/** A server that never answers, and a client that counts its attempts. */
async function silent() {
  server = await startFaultServer(() => {});
  attempts = 0;
  return createPaymentCustomersClient({
    environment: server.url,
    accessToken: "token",
    timeoutMs: 100,
    fetch: (request) => {
      attempts++;
      return fetch(request);
    },
  });
}

describe("timeouts", () => {
  it("an attempt that takes longer than timeoutMs fails with a timeout error; reads are retried", async () => {
    const { customers } = await silent();
    const error = await customers.get(customerId, { maxRetries: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentCustomersError);
    expect(error).toMatchObject({ kind: "timeout", method: "GET", path: `/api/v2/Payment/Customers/${customerId}` });
    expect(attempts).toBe(2);
  });

  it("covers the body: an answer whose body stalls times out, through customers and raw alike", async () => {
    server = await startFaultServer((_request, response) => {
      // The head and half a JSON body, then nothing.
      response.writeHead(200, { "content-type": "application/json" }).write('{"object":"payment.customers",');
    });
    const client = createPaymentCustomersClient({
      environment: server.url,
      accessToken: "token",
      timeoutMs: 100,
      maxRetries: 1,
    });
    await expect(client.customers.get(customerId)).rejects.toMatchObject({ kind: "timeout", method: "GET" });
    const path = "/api/v2/Payment/Customers/{paymentCustomerId}";
    const rawCall = rawClient(client).GET(path, { params: { path: { paymentCustomerId: customerId } } });
    await expect(rawCall).rejects.toMatchObject({ kind: "timeout", method: "GET" });
    expect(server.seen).toHaveLength(4);
  });

  it("a create that times out is not retried", async () => {
    const { customers } = await silent();
    await expect(customers.create(input)).rejects.toMatchObject({ kind: "timeout", method: "POST" });
    expect(attempts).toBe(1);
  });

  it("the per-request timeout overrides the client's", async () => {
    const { customers } = await silent();
    await expect(customers.list({}, { timeoutMs: 20, maxRetries: 0 })).rejects.toThrow(/timed out after 20 ms/);
  });

  it("the caller's signal aborts the request with the signal's reason", async () => {
    const { customers } = await silent();
    const controller = new AbortController();
    const pending = customers.get(customerId, { signal: controller.signal, timeoutMs: 60_000 });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("an aborted signal sends nothing", async () => {
    const { customers } = await silent();
    await expect(customers.list({}, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(attempts).toBe(0);
  });
});
